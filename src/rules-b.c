/*
 * Section B of RULES.md, child protection: the query and the
 * assessment of each of its rules, and their parameters.  rules.h
 * describes the columns and tokens of a query, rules-int.h the fragments
 * the queries share; the table of rules.c adds the texts.
 */
#include "config.h"
#include "rules-int.h"

#include <stdlib.h>
#include <string.h>

/* A child's measures: they end at majority at the latest. */
static const char *const child_kinds[] = {
	"aed", "aemo", "placement", "accueil_provisoire", "delegation",
	"financial_aid", NULL
};

/* True if a measure ending on end ends at the person's majority: on the
 * 18th birthday or its eve — or, if after is set, later. */
static bool
ends_at_majority(const struct rule_row *r, date_t end, bool after)
{
	date_t	birth = rule_row_date(r, "birth_date");
	date_t	b18;

	if (birth == DATE_NONE || end == DATE_NONE)
		return (false);
	b18 = date_birthday(birth, 18);
	return (end >= b18 - 1 && (after || end <= b18));
}

const struct rule_param p_ppe[2] = {
	{ "months", PU_MONTHS, 3, 1, 120,
	  N_("months after the start of the measure") },
	{ "warn_months", PU_MONTHS, 2, 0, 120,
	  N_("months after the start from which it is shown as upcoming") },
};

/* True if the person is known to be of age on the date. */
static bool
is_adult(const struct rule_row *r, date_t on)
{
	date_t	birth = rule_row_date(r, "birth_date");

	return (birth != DATE_NONE && date_age(birth, on) >= 18);
}

/*
 * The clock runs from the start of the ASE intervention: the first
 * measure of the uninterrupted run that leads to the measures running
 * today (x_periods lists every ASE measure of the child, "start/end").
 */
void
assess_ppe(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	struct rule_period	 p[64];
	date_t			 start = rule_row_date(r, "start_date");
	date_t			 run;
	size_t			 n;

	if (is_adult(r, c->as_of) || start == DATE_NONE)
		return;
	n = rule_periods(rule_row_text(r, "x_periods"), p, nitems(p));
	run = rule_run_start(p, n, start);
	if (run < start) {
		e->variant = 1;
		e->when = run;
	}
	e->due = date_add_months(run, P(0));
	if (P(1) < P(0))
		e->warn_from = date_add_months(run, P(1));
	e->severity = SEV_HIGH;
}

/*
 * One flag per child, from the earliest ASE measure running; the
 * measures before it, back to the start of the intervention, are listed
 * in x_periods.  The first ASE measure ever bounds the due date.
 */
const char sql_ppe_not_established[] =
	"SELECT " R_COLS
	", group_concat('measure:' || m.id, ' ') AS refs, min(m.start_date)"
	" AS start_date, m.kind AS kind, m.nature AS nature,"
	" (SELECT group_concat(o.start_date || '/' || ifnull(o.end_date, ''),"
	" ' ')"
	" FROM " MEASURES("o")
	" WHERE o.person_id = f.person_id AND o.kind IN " ASE_KINDS
	" AND o.deleted_at IS NULL AND o.start_date <= :asof) AS x_periods"
	DRIVE("measures", "m")
	" WHERE" R_OPEN " AND m.kind IN " ASE_KINDS " AND" ACTIVE("m") " AND"
	" NOT EXISTS (SELECT 1"
	" FROM " PROJECTS("j")
	" WHERE j.person_id = f.person_id AND j.kind = 'ppe'"
	" AND j.status = 'active' AND j.deleted_at IS NULL"
	" AND ifnull(coalesce(j.signed_on, j.start_date), '') <= :asof"
	" AND (j.end_date IS NULL OR j.end_date >= :asof))"
	" AND (SELECT min(o.start_date)"
	" FROM " MEASURES("o")
	" WHERE o.person_id = f.person_id AND o.kind IN " ASE_KINDS
	" AND o.deleted_at IS NULL) <= max( date(:until, '-' || :months ||"
	" ' months', '+3 days'), date(:asof, '-' || :warn_months ||"
	" ' months', '+3 days'))"
	" GROUP BY m.person_id";

const struct rule_param p_report[4] = {
	{ "months", PU_MONTHS, 12, 1, 120,
	  N_("months between situation reports") },
	{ "months_young", PU_MONTHS, 6, 1, 120,
	  N_("months between reports for a young child") },
	{ "young_age", PU_YEARS, 3, 0, 18,
	  N_("age under which a child is young (some texts say 2)") },
	{ "warn_days", PU_DAYS, 30, 0, 3650,
	  N_("days of warning before the report is due") },
};

void
assess_report(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	date_t	start = rule_row_date(r, "start_date");
	date_t	last = rule_row_date(r, "last_report");
	date_t	birth = rule_row_date(r, "birth_date");
	date_t	base, young;

	if (is_adult(r, c->as_of) || start == DATE_NONE)
		return;
	e->variant = (last != DATE_NONE && last >= start) ? 0 : 1;
	base = dmax(last, start);
	young = date_add_months(base, P(1));
	if (birth != DATE_NONE && date_age(birth, young) < P(2))
		e->due = young;
	else
		e->due = date_add_months(base, P(0));
	e->warn_from = dadd(e->due, -P(3));
	e->severity = SEV_HIGH;
}

const char sql_situation_report_overdue[] =
	"SELECT " R_COLS
	", group_concat('measure:' || m.id, ' ') AS refs, min(m.start_date)"
	" AS start_date, m.kind AS kind,"
	LAST_OF("last_report", "situation_report", "f.person_id")
	" AS last_report"
	DRIVE("measures", "m")
	" WHERE" R_OPEN " AND m.kind IN " ASE_KINDS " AND" ACTIVE("m")
	" GROUP BY m.person_id"
	" HAVING max(ifnull(last_report, ''), min(m.start_date)) <="
	" date(:until, '-' || min(:months, :months_young) || ' months', '+'"
	" || :warn_days || ' days', '+3 days')";

const struct rule_param p_measure_expiry[1] = {
	{ "days", PU_DAYS, 90, 0, 3650, N_("days before the end") },
};

/*
 * A child's measure that ends at majority (on the 18th birthday or its
 * eve) cannot be renewed: it is a care leaver's situation (CARE_LEAVER_
 * WITHOUT_SUPPORT), before as after the end; so is a child's measure that
 * lapsed once the person is of age, and a contrat jeune majeur once it
 * has ended.
 */
void
assess_measure_expiry(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	date_t	end = rule_row_date(r, "end_date");
	date_t	birth = rule_row_date(r, "birth_date");
	bool	renewed = col_is(r, "x_end_reason", "renewed");

	if (col_in(r, "kind", child_kinds) && (ends_at_majority(r, end,
	    false) || (end < c->as_of && birth != DATE_NONE &&
	    date_age(birth, c->as_of) >= 18)))
		return;
	if (col_is(r, "kind", "contrat_jeune_majeur") && (end < c->as_of ||
	    (birth != DATE_NONE && end >= date_birthday(birth, 21) - 1)))
		return;
	if (end >= c->as_of) {
		e->variant = renewed ? 2 : 0;
		e->due = dadd(end, -P(0));
		e->severity = SEV_HIGH;
		return;
	}
	e->variant = renewed ? 2 : 1;
	e->due = dadd(end, 1);
	e->severity = SEV_CRITICAL;
}

/*
 * Adult protection and the MASP have their own rules.  A measure whose
 * end is settled (an end reason other than a renewal), that has a renewal
 * requested or a hearing set, or that the next measure continues (the
 * same kind, or another child protection measure, from the day after its
 * end at the latest) is left alone; one that ended is flagged while the
 * file is open.
 */
const char sql_measure_expiry[] =
	"SELECT " R_COLS
	", 'measure:' || m.id AS refs, m.kind AS kind, m.nature AS nature,"
	" m.end_date AS end_date, m.end_reason AS x_end_reason"
	DRIVE("measures", "m")
	" WHERE" R_OPEN " AND m.deleted_at IS NULL AND m.kind"
	" NOT IN ('tutelle','curatelle','sauvegarde','masp')"
	" AND m.end_date IS NOT NULL AND m.start_date <= :asof"
	" AND (m.renewal_requested_on IS NULL"
	" OR m.renewal_requested_on > :asof) AND m.hearing_date IS NULL"
	" AND" UNSETTLED("m")
	" AND m.end_date <= date(:until, '+' || :days || ' days')"
	" AND (m.end_date >= :asof OR m.end_date >= f.opened_on)"
	" AND NOT" CONTINUED("m", ASE_KINDS);

const struct rule_param p_instability[2] = {
	{ "changes", PU_COUNT, 2, 1, 100, N_("changes of placement") },
	{ "months", PU_MONTHS, 12, 1, 120, N_("months looked back") },
};

static int
date_cmp(const void *a, const void *b)
{
	date_t	x = *(const date_t *)a, y = *(const date_t *)b;

	return (x < y ? -1 : x > y);
}

void
assess_instability(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	const char	*s = rule_row_text(r, "x_dates");
	date_t		 dates[64], from, d;
	char		 buf[11];
	size_t		 n = 0, first;

	if (s == NULL)
		return;
	from = date_add_months(c->as_of, -P(1));
	while (*s != '\0' && n < nitems(dates)) {
		while (*s == ' ')
			s++;
		if (strlen(s) < 10)
			break;
		memcpy(buf, s, 10);
		buf[10] = '\0';
		s += 10;
		if (date_parse_iso(buf, &d, NULL) == 0 && d > from &&
		    d <= c->as_of)
			dates[n++] = d;
	}
	if (n < (size_t)P(0))
		return;
	qsort(dates, n, sizeof dates[0], date_cmp);
	/* Due on the change that reached the count. */
	first = (size_t)P(0) - 1;
	e->due = dates[first];
	e->when = dates[n - 1];
	e->count = (int)n;
	e->severity = SEV_HIGH;
}

/*
 * A change of placement is a measure of care that follows an earlier one
 * at another place or with another carrying service: a placement renewed
 * at the same place (compared without case or surrounding spaces) with
 * the same service is not a change.  Records that name neither a place
 * nor a service cannot be told apart: each counts as a change.
 */
#define PLACE_KEY(t) \
	"CASE WHEN nullif(trim(" t ".place), '') IS NULL AND " t ".partner_id" \
	" IS NULL THEN NULL ELSE lower(trim(ifnull(" t ".place, ''))) || '|'" \
	" || ifnull(" t ".partner_id, '') END"
const char sql_placement_instability[] =
	"SELECT " R_COLS
	", 'file:' || f.id AS refs, group_concat('measure:' || m.id, ' ') AS"
	" x_refs, group_concat(m.start_date, ' ') AS x_dates"
	DRIVE("measures", "m")
	" WHERE" R_OPEN " AND m.kind IN " CARE_KINDS " AND m.deleted_at IS NULL"
	" AND m.start_date <= :asof"
	" AND m.start_date > date(:asof, '-' || :months || ' months',"
	" '-3 days') AND (SELECT ifnull(" PLACE_KEY("o") " = " PLACE_KEY("m")
	", 0)"
	" FROM " MEASURES("o")
	" WHERE o.person_id = m.person_id AND o.kind IN " CARE_KINDS
	" AND o.deleted_at IS NULL AND o.id <> m.id"
	" AND (o.start_date < m.start_date OR (o.start_date = m.start_date"
	" AND o.id < m.id))"
	" ORDER BY o.start_date DESC, o.id DESC LIMIT 1) = 0"
	" GROUP BY m.person_id"
	" HAVING count(*) >= :changes";

const struct rule_param p_majority[1] = {
	{ "days_after_entry", PU_DAYS, 30, 0, 3650,
	  N_("days after entering care after 17") },
};

void
assess_majority(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	date_t	birth = rule_row_date(r, "birth_date");
	date_t	start = rule_row_date(r, "start_date");
	date_t	b17;

	if (birth == DATE_NONE || start == DATE_NONE ||
	    date_age(birth, c->as_of) >= 18)
		return;
	b17 = date_birthday(birth, 17);
	e->when = b17;
	if (start >= b17) {
		e->variant = 1;
		e->due = dadd(start, P(0));
	} else
		e->due = b17;
	e->severity = SEV_HIGH;
}

const char sql_majority_interview_missing[] =
	"SELECT " R_COLS
	", group_concat('measure:' || m.id, ' ') AS refs, min(m.start_date)"
	" AS start_date, m.kind AS kind"
	DRIVE("measures", "m")
	R_PERSON
	" WHERE" R_OPEN " AND m.kind IN " CARE_KINDS " AND" ACTIVE("m")
	" AND p.birth_date IS NOT NULL"
	" AND p.birth_date <= date(:until, '-17 years', '+2 days')"
	" AND p.birth_date > date(:asof, '-18 years', '-2 days') AND"
	LAST_OF("last_interview", "majority_interview", "p.id") " IS NULL"
	" GROUP BY m.person_id";

const struct rule_param p_care_leaver[2] = {
	{ "days", PU_DAYS, 30, 0, 3650, N_("days after the measure ended") },
	{ "warn_days", PU_DAYS, 60, 0, 3650,
	  N_("days before a measure that ends at majority from which it is "
	  "shown as upcoming") },
};

/*
 * Due 30 days after the end (and not before 18); a measure of care that
 * ends at majority is shown as upcoming from 60 days before its end.  No
 * flag for a young person who died, moved out of the department or was
 * relayed by another service, nor for a child who went home before
 * majority.
 */
void
assess_care_leaver(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	date_t	birth = rule_row_date(r, "birth_date");
	date_t	end = rule_row_date(r, "end_date");
	date_t	b21;

	if (birth == DATE_NONE || end == DATE_NONE ||
	    date_age(birth, c->as_of) >= 21)
		return;
	if (col_is(r, "x_end_reason", "goals_reached") &&
	    !ends_at_majority(r, end, true))
		return;
	b21 = date_birthday(birth, 21);
	if (end >= c->as_of) {
		if (!ends_at_majority(r, end, true) ||
		    col_is(r, "kind", "contrat_jeune_majeur"))
			return;
		e->variant = 1;
	}
	/* Upcoming from the warning on, across the end until it is due. */
	if (ends_at_majority(r, end, true) ||
	    col_is(r, "kind", "contrat_jeune_majeur"))
		e->warn_from = dadd(end, -P(1));
	e->due = dmax(dadd(end, P(0)), date_birthday(birth, 18));
	if (e->due >= b21) {
		e->due = DATE_NONE;
		return;
	}
	e->severity = SEV_CRITICAL;
}

/*
 * The last measure of care or contrat jeune majeur of a young person
 * (under 21), ended — or, for a measure of care, ending at majority
 * within the warning — with no contrat jeune majeur or other measure of
 * care following it, no follow-up recorded since the warning began and,
 * before the end, no renewal (a contrat jeune majeur) requested.  Files
 * closed because the person died, moved, refused or was handed over are
 * left out, and so are measures that ended by death, a move or a relay.
 */
const char sql_care_leaver_without_support[] =
	"SELECT " R_COLS
	", 'measure:' || m.id AS refs, m.kind AS kind, m.end_date AS end_date,"
	" m.end_reason AS x_end_reason"
	DRIVE("measures", "m")
	R_PERSON
	" WHERE" R_LIVE " AND f.opened_on <= :asof AND (f.closed_on IS NULL"
	" OR f.closed_on > :asof OR f.closing_reason"
	" NOT IN ('deceased','moved','refused','handed_over'))"
	" AND p.birth_date IS NOT NULL"
	" AND p.birth_date > date(:asof, '-21 years', '-2 days')"
	" AND m.kind IN " LEAVER_KINDS " AND m.deleted_at IS NULL"
	" AND m.end_date IS NOT NULL"
	" AND ifnull(m.end_reason, '') NOT IN ('deceased','moved','relayed')"
	" AND ((m.end_date < :asof"
	" AND p.birth_date <= date(:until, '-18 years', '+2 days'))"
	" OR (m.kind IN " CARE_KINDS " AND m.start_date <= :asof"
	" AND m.end_date >= date(p.birth_date, '+18 years', '-3 days')"
	" AND m.end_date <= max(date(:asof, '+' || :warn_days || ' days'),"
	" date(:until, '-' || :days || ' days'))"
	" AND (m.renewal_requested_on IS NULL"
	" OR m.renewal_requested_on > :asof)))"
	" AND NOT EXISTS (SELECT 1"
	" FROM " MEASURES("n")
	" WHERE n.person_id = p.id AND n.kind IN " LEAVER_KINDS
	" AND n.deleted_at IS NULL AND n.id <> m.id"
	" AND n.start_date <= max(:asof, date(m.end_date, '+1 day'))"
	" AND (n.end_date IS NULL OR n.end_date > m.end_date"
	" OR (n.end_date = m.end_date AND n.id > m.id)))"
	" AND ifnull(" LAST_OF("last_follow_up", "follow_up", "p.id") ", '')"
	" < date(m.end_date, '-' || :warn_days || ' days')";
