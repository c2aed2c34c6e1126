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

static const char *const ase_kinds[] = {
	"aed", "aemo", "placement", "accueil_provisoire", NULL
};

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

void
assess_ppe(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	date_t	start = rule_row_date(r, "start_date");

	if (is_adult(r, c->as_of) || start == DATE_NONE)
		return;
	e->due = date_add_months(start, P(0));
	if (P(1) < P(0))
		e->warn_from = date_add_months(start, P(1));
	e->severity = SEV_HIGH;
}

/* One flag per child, from the earliest ASE measure running. */
const char sql_ppe_not_established[] =
	"SELECT " R_COLS
	", group_concat('measure:' || m.id, ' ') AS refs, min(m.start_date)"
	" AS start_date, m.kind AS kind, m.nature AS nature"
	DRIVE("measures", "m")
	" WHERE" R_OPEN " AND m.kind IN " ASE_KINDS " AND" ACTIVE("m") " AND"
	" NOT EXISTS (SELECT 1"
	" FROM " PROJECTS("j")
	" WHERE j.person_id = f.person_id AND j.kind = 'ppe'"
	" AND j.status = 'active' AND j.deleted_at IS NULL"
	" AND ifnull(coalesce(j.signed_on, j.start_date), '') <= :asof"
	" AND (j.end_date IS NULL OR j.end_date >= :asof))"
	" GROUP BY m.person_id"
	" HAVING min(m.start_date) <= max( date(:until, '-' || :months ||"
	" ' months', '+3 days'), date(:asof, '-' || :warn_months ||"
	" ' months', '+3 days'))";

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

void
assess_measure_expiry(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	date_t	end = rule_row_date(r, "end_date");
	date_t	birth = rule_row_date(r, "birth_date");

	if (end >= c->as_of) {
		e->due = dadd(end, -P(0));
		e->severity = SEV_HIGH;
		return;
	}
	/* A child measure that ended at majority: CARE_LEAVER_WITHOUT_
	 * SUPPORT says what matters. */
	if (col_in(r, "kind", ase_kinds) && birth != DATE_NONE &&
	    end >= date_birthday(birth, 18))
		return;
	e->variant = 1;
	e->due = dadd(end, 1);
	e->severity = SEV_CRITICAL;
}

/*
 * Adult protection and the MASP have their own rules.  A measure that
 * ended is still flagged while the file is open and nothing continues it
 * (no other measure running past its end).
 */
const char sql_measure_expiry[] =
	"SELECT " R_COLS
	", 'measure:' || m.id AS refs, m.kind AS kind, m.nature AS nature,"
	" m.end_date AS end_date"
	DRIVE("measures", "m")
	" WHERE" R_OPEN " AND m.deleted_at IS NULL AND m.kind"
	" NOT IN ('tutelle','curatelle','sauvegarde','masp')"
	" AND m.end_date IS NOT NULL AND m.start_date <= :asof"
	" AND (m.renewal_requested_on IS NULL"
	" OR m.renewal_requested_on > :asof) AND m.hearing_date IS NULL"
	" AND m.end_date <= date(:until, '+' || :days || ' days')"
	" AND (m.end_date >= :asof OR (m.end_date >= f.opened_on AND NOT"
	" EXISTS (SELECT 1"
	" FROM " MEASURES("n")
	" WHERE n.person_id = m.person_id AND n.deleted_at IS NULL"
	" AND n.id <> m.id AND n.start_date <= :asof AND (n.end_date IS NULL"
	" OR n.end_date > m.end_date))))";

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

/* A change of placement is a placement that follows an earlier one. */
const char sql_placement_instability[] =
	"SELECT " R_COLS
	", 'file:' || f.id AS refs, group_concat('measure:' || m.id, ' ') AS"
	" x_refs, group_concat(m.start_date, ' ') AS x_dates"
	DRIVE("measures", "m")
	" WHERE" R_OPEN " AND m.kind = 'placement' AND m.deleted_at IS NULL"
	" AND m.start_date <= :asof"
	" AND m.start_date > date(:asof, '-' || :months || ' months',"
	" '-3 days') AND EXISTS (SELECT 1"
	" FROM " MEASURES("o")
	" WHERE o.person_id = m.person_id AND o.kind = 'placement'"
	" AND o.deleted_at IS NULL AND o.id <> m.id"
	" AND o.start_date < m.start_date)"
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

const struct rule_param p_care_leaver[1] = {
	{ "days", PU_DAYS, 30, 0, 3650, N_("days after the measure ended") },
};

void
assess_care_leaver(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	date_t	birth = rule_row_date(r, "birth_date");
	date_t	end = rule_row_date(r, "end_date");

	if (birth == DATE_NONE || end == DATE_NONE ||
	    date_age(birth, c->as_of) >= 21)
		return;
	e->due = dmax(dadd(end, P(0)), date_birthday(birth, 18));
	if (e->due >= date_birthday(birth, 21)) {
		e->due = DATE_NONE;
		return;
	}
	e->severity = SEV_CRITICAL;
}

/*
 * The last child protection measure or contrat jeune majeur of a young
 * adult (18 to 21), ended, with no follow-up since.  Files closed because
 * the person died, moved, refused or was handed over are left out.
 */
const char sql_care_leaver_without_support[] =
	"SELECT " R_COLS
	", 'measure:' || m.id AS refs, m.kind AS kind, m.end_date AS end_date"
	DRIVE("measures", "m")
	R_PERSON
	" WHERE" R_LIVE " AND f.opened_on <= :asof AND (f.closed_on IS NULL"
	" OR f.closed_on > :asof OR f.closing_reason"
	" NOT IN ('deceased','moved','refused','handed_over'))"
	" AND p.birth_date IS NOT NULL"
	" AND p.birth_date <= date(:until, '-18 years', '+2 days')"
	" AND p.birth_date > date(:asof, '-21 years', '-2 days')"
	" AND m.kind IN " LEAVER_KINDS " AND m.deleted_at IS NULL"
	" AND m.end_date IS NOT NULL AND m.end_date < :asof AND NOT EXISTS"
	" (SELECT 1"
	" FROM " MEASURES("n")
	" WHERE n.person_id = p.id AND n.kind IN " LEAVER_KINDS
	" AND n.deleted_at IS NULL AND n.id <> m.id AND n.start_date <= :asof"
	" AND (n.end_date IS NULL OR n.end_date > m.end_date"
	" OR (n.end_date = m.end_date AND n.id > m.id)))"
	" AND ifnull(" LAST_OF("last_follow_up", "follow_up", "p.id") ", '')"
	" < m.end_date";
