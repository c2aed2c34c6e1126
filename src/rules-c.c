/*
 * Section C of RULES.md, adults: the query and the
 * assessment of each of its rules, and their parameters.  rules.h
 * describes the columns and tokens of a query, rules-int.h the fragments
 * the queries share; the table of rules.c adds the texts.
 */
#include "config.h"
#include "rules-int.h"

#include <stdlib.h>
#include <string.h>

static const char *const mdph_kinds[] = {
	"aah", "pch", "aeeh", "rqth", "mdph_orientation", "adult_orientation",
	NULL
};

const struct rule_param p_adult_protection[1] = {
	{ "months", PU_MONTHS, 6, 0, 120, N_("months before the end") },
};

void
assess_adult_protection(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	date_t	end = rule_row_date(r, "end_date");

	e->severity = SEV_HIGH;
	if (end >= c->as_of)
		e->due = date_add_months(end, -P(0));
	else {
		e->variant = 1;
		e->due = dadd(end, 1);
	}
}

/* Left alone: a renewal requested or a hearing set, an end settled (an
 * end reason other than a renewal), or the next protection measure
 * already recorded from the day after the end at the latest (a curatelle
 * that becomes a tutelle continues the protection). */
const char sql_adult_protection_expiry[] =
	"SELECT " R_COLS
	", 'measure:' || m.id AS refs, m.kind AS kind, m.end_date AS end_date"
	DRIVE("measures", "m")
	" WHERE" R_OPEN " AND m.deleted_at IS NULL AND m.kind IN "
	PROTECTION_KINDS " AND m.end_date IS NOT NULL"
	" AND m.start_date <= :asof AND (m.renewal_requested_on IS NULL"
	" OR m.renewal_requested_on > :asof) AND m.hearing_date IS NULL"
	" AND" UNSETTLED("m")
	" AND m.end_date <= date(:until, '+' || :months || ' months',"
	" '+3 days') AND (m.end_date >= :asof OR m.end_date >= f.opened_on)"
	" AND NOT" CONTINUED("m", PROTECTION_KINDS);

const struct rule_param p_masp[3] = {
	{ "days", PU_DAYS, 60, 0, 3650, N_("days before the end") },
	{ "total_months", PU_MONTHS, 42, 1, 600,
	  N_("months of MASP contracts in all (their durations added up)") },
	{ "eval_months", PU_MONTHS, 6, 0, 120,
	  N_("months before the end in which an evaluation counts") },
};

/*
 * The day the MASP contracts (x_periods) add up to months months, if the
 * run of contracts running on as_of goes on: their overlaps counted once,
 * the breaks between them not at all (L.271-2 CASF: "durée totale").
 * *broken tells whether an earlier run counted.  DATE_NONE if no run is
 * running on as_of.
 */
static date_t
masp_total_reached(const struct rule_period *p, size_t n, date_t as_of,
    int months, bool *broken)
{
	date_t	s, e;
	long	used = 0;
	size_t	i = 0;

	*broken = false;
	while (i < n) {
		/* The run that begins with p[i]: periods that overlap or
		 * follow on the next day. */
		s = p[i].start;
		e = p[i].end;
		for (i++; i < n && e != DATE_NONE && p[i].start <= e + 1; i++)
			e = p[i].end == DATE_NONE ? DATE_NONE :
			    dmax(e, p[i].end);
		if (s > as_of)
			break;
		if (e == DATE_NONE || e >= as_of)
			return (date_add_months(s - used, months));
		used += e - s + 1;
		*broken = true;
	}
	return (DATE_NONE);
}

void
assess_masp(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	struct rule_period	 p[64];
	size_t			 n;
	bool			 broken;

	e->severity = SEV_MEDIUM;
	if (rule_row_int(r, "variant") == 0) {
		e->due = dadd(rule_row_date(r, "end_date"), -P(0));
		return;
	}
	n = rule_periods(rule_row_text(r, "x_periods"), p, nitems(p));
	e->due = masp_total_reached(p, n, c->as_of, P(1), &broken);
	e->when = masp_total_reached(p, n, c->as_of, 48, &broken);
	e->variant = broken ? 2 : 1;
}

/* Variant 0: the contract ends soon with no evaluation (situation report
 * or coordination meeting in its last months), no renewal requested, an
 * end not settled (an end reason other than a renewal) and no next
 * contract recorded from the day after its end at the latest.
 * Variants 1 and 2: the MASPs in all have run for 42 months: one flag per
 * file, however many MASPs are running (two overlap while one is
 * renewed); 2 when the contracts had a break.  The first MASP bounds the
 * date. */
#define MASP_FIRST \
	"(SELECT min(o.start_date)" \
	" FROM " MEASURES("o") \
	" WHERE o.person_id = m.person_id AND o.kind = 'masp'" \
	" AND o.deleted_at IS NULL)"
const char sql_masp_term_reached[] =
	"SELECT " R_COLS
	", 'measure:' || m.id AS refs, 0 AS variant, m.end_date AS end_date,"
	" NULL AS first_start, NULL AS x_refs, NULL AS x_periods"
	DRIVE("measures", "m")
	" WHERE" R_OPEN " AND m.kind = 'masp' AND" ACTIVE("m")
	" AND m.end_date IS NOT NULL"
	" AND m.end_date <= date(:until, '+' || :days || ' days')"
	" AND (m.renewal_requested_on IS NULL"
	" OR m.renewal_requested_on > :asof) AND" UNSETTLED("m")
	" AND NOT" CONTINUED("m", "('masp')")
	" AND ifnull(" LAST("last_review", "m.person_id",
	" AND +e.kind IN ('situation_report','coordination_meeting')")
	", '') < date(m.end_date, '-' || :eval_months || ' months')"
	" UNION ALL SELECT " R_COLS ", 'file:' || f.id, 1, NULL, " MASP_FIRST
	", group_concat('measure:' || m.id, ' '),"
	" (SELECT group_concat(o.start_date || '/' || ifnull(o.end_date, ''),"
	" ' ')"
	" FROM " MEASURES("o")
	" WHERE o.person_id = m.person_id AND o.kind = 'masp'"
	" AND o.deleted_at IS NULL AND o.start_date <= :asof)"
	DRIVE("measures", "m")
	" WHERE" R_OPEN " AND m.kind = 'masp' AND" ACTIVE("m") " AND "
	MASP_FIRST
	" <= date(:until, '-' || :total_months || ' months', '+3 days')"
	" GROUP BY m.person_id";

const struct rule_param p_rsa_contract[1] = {
	{ "months", PU_MONTHS, 1, 0, 120,
	  N_("months after the orientation") },
};

void
assess_rsa_contract(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	e->due = date_add_months(rule_row_date(r, "oriented_on"), P(0));
	e->severity = SEV_MEDIUM;
}

const char sql_rsa_contract_missing[] =
	"SELECT " R_COLS
	", 'right:' || r.id AS refs, r.oriented_on AS oriented_on"
	DRIVE("rights", "r")
	" WHERE" R_OPEN " AND r.kind = 'rsa' AND" RIGHT_ACTIVE("r")
	" AND r.orientation = 'department' AND r.oriented_on <= :asof"
	" AND r.oriented_on <= date(:until, '-' || :months || ' months',"
	" '+3 days') AND NOT EXISTS (SELECT 1"
	" FROM " PROJECTS("j")
	" WHERE j.person_id = r.person_id AND j.kind = 'contrat_engagement'"
	" AND j.deleted_at IS NULL AND j.status = 'active'"
	" AND j.signed_on <= :asof AND (j.end_date IS NULL"
	" OR j.end_date >= :asof))";

const struct rule_param p_rsa_orientation[1] = {
	{ "days", PU_DAYS, 42, 0, 3650,
	  N_("days after the right opened (6 weeks)") },
};

void
assess_rsa_orientation(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	e->due = dadd(rule_row_date(r, "opened"), P(0));
	e->severity = SEV_MEDIUM;
}

const char sql_rsa_orientation_overdue[] =
	"SELECT " R_COLS
	", 'right:' || r.id AS refs, coalesce(r.start_date, r.decision_on)"
	" AS opened"
	DRIVE("rights", "r")
	" WHERE" R_OPEN " AND r.kind = 'rsa' AND" RIGHT_ACTIVE("r")
	" AND coalesce(r.start_date, r.decision_on) <= date(:until, '-' ||"
	" :days || ' days') AND (r.oriented_on IS NULL"
	" OR r.oriented_on > :asof)";

const struct rule_param p_right_expiry[4] = {
	{ "mdph_months", PU_MONTHS, 6, 0, 120,
	  N_("months before the end: AAH, PCH, AEEH, RQTH, orientations") },
	{ "c2s_days", PU_DAYS, 60, 0, 3650, N_("days before the end: C2S") },
	{ "domiciliation_days", PU_DAYS, 30, 0, 3650,
	  N_("days before the end: domiciliation") },
	{ "other_days", PU_DAYS, 60, 0, 3650,
	  N_("days before the end: other rights") },
};

void
assess_right_expiry(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	date_t	end = rule_row_date(r, "end_date");
	bool	renewed = col_is(r, "x_end_reason", "renewed");

	e->severity = SEV_HIGH;
	if (end < c->as_of) {
		e->variant = renewed ? 2 : 1;
		e->due = dadd(end, 1);
		return;
	}
	e->variant = renewed ? 2 : 0;
	if (col_in(r, "kind", mdph_kinds))
		e->due = date_add_months(end, -P(0));
	else if (col_is(r, "kind", "c2s"))
		e->due = dadd(end, -P(1));
	else if (col_is(r, "kind", "domiciliation"))
		e->due = dadd(end, -P(2));
	else
		e->due = dadd(end, -P(3));
}

/*
 * A granted right that ends, with no renewal requested on it, an end not
 * settled (an end reason other than a renewal), and no next one in the
 * file: another right of the kind, requested or granted (not refused),
 * filed by the date, no older than this one and running past its end.
 * The same before the end and after it; once ended, it is flagged while
 * the file is open.
 */
const char sql_right_expiry[] =
	"SELECT " R_COLS
	", 'right:' || r.id AS refs, r.kind AS kind, r.end_date AS end_date,"
	" r.end_reason AS x_end_reason"
	DRIVE("rights", "r")
	" WHERE" R_OPEN " AND r.deleted_at IS NULL AND r.status = 'granted'"
	" AND r.for_life = 0 AND r.end_date IS NOT NULL"
	" AND ifnull(coalesce(r.start_date, r.decision_on), '') <= :asof"
	" AND (r.renewal_requested_on IS NULL"
	" OR r.renewal_requested_on > :asof) AND" UNSETTLED("r")
	" AND r.end_date <= date(:until, '+' || max(:mdph_months * 31 + 3,"
	" :c2s_days, :domiciliation_days, :other_days) || ' days')"
	" AND (r.end_date >= :asof OR r.end_date >= f.opened_on) AND NOT"
	" EXISTS (SELECT 1"
	" FROM " RIGHTS("n")
	" WHERE n.person_id = r.person_id AND n.kind = r.kind"
	" AND n.deleted_at IS NULL AND n.id <> r.id"
	" AND n.status IN ('granted','requested')"
	" AND ifnull(n.filed_on, '') <= :asof"
	" AND ifnull(coalesce(n.start_date, n.filed_on, n.decision_on)"
	" >= coalesce(r.start_date, r.decision_on, r.filed_on), 1)"
	" AND (n.end_date IS NULL OR n.end_date > r.end_date))";

const struct rule_param p_decision[3] = {
	{ "mdph_months", PU_MONTHS, 4, 1, 120,
	  N_("months after filing: MDPH requests") },
	{ "apa_months", PU_MONTHS, 2, 1, 120,
	  N_("months after the APA file is complete") },
	{ "domiciliation_months", PU_MONTHS, 2, 1, 120,
	  N_("months after filing: domiciliation") },
};

void
assess_decision(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	e->severity = SEV_MEDIUM;
	if (col_in(r, "kind", mdph_kinds))
		e->due = date_add_months(rule_row_date(r, "filed_on"), P(0));
	else if (col_is(r, "kind", "apa")) {
		e->variant = 1;
		e->due = date_add_months(rule_row_date(r, "complete_on"),
		    P(1));
	} else {
		e->variant = 2;
		e->due = date_add_months(rule_row_date(r, "filed_on"), P(2));
	}
}

const char sql_decision_overdue[] =
	"SELECT " R_COLS
	", 'right:' || r.id AS refs, r.kind AS kind, r.filed_on AS filed_on,"
	" r.complete_on AS complete_on"
	DRIVE("rights", "r")
	" WHERE" R_OPEN " AND r.deleted_at IS NULL"
	" AND r.kind IN (" MDPH_KIND_LIST ",'apa','domiciliation')"
	" AND r.filed_on <= :asof"
	" AND (r.decision_on IS NULL OR r.decision_on > :asof)"
	" AND (r.status = 'requested' OR r.decision_on > :asof)"
	" AND (r.kind <> 'apa' OR r.complete_on <= :asof)"
	" AND CASE r.kind WHEN 'apa' THEN r.complete_on ELSE r.filed_on END"
	" <= date(:until, '-' || min(:mdph_months, :apa_months,"
	" :domiciliation_months) || ' months', '+3 days')";

const struct rule_param p_creton[2] = {
	{ "adult_age", PU_YEARS, 18, 0, 120,
	  N_("age from which an adult orientation is needed") },
	{ "creton_age", PU_YEARS, 20, 0, 120,
	  N_("age from which the stay rests on the amendement Creton") },
};

void
assess_creton(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	date_t	birth = rule_row_date(r, "birth_date");
	date_t	creton;

	if (birth == DATE_NONE)
		return;
	creton = date_birthday(birth, P(1));
	if (rule_row_int(r, "orientation_requested") > 0 ||
	    c->as_of >= creton) {
		e->variant = 1;
		e->due = creton;
		e->severity = SEV_HIGH;
	} else {
		e->due = date_birthday(birth, P(0));
		e->severity = SEV_MEDIUM;
	}
}

const char sql_creton_transition[] =
	"SELECT " R_COLS
	", group_concat('involvement:' || i.id, ' ') AS refs, pa.name AS"
	" x_partner, EXISTS (SELECT 1"
	" FROM " RIGHTS("r")
	" WHERE r.person_id = f.person_id AND r.kind = 'adult_orientation'"
	" AND r.deleted_at IS NULL AND r.status <> 'refused'"
	" AND ifnull(coalesce(r.filed_on, r.decision_on, r.start_date), '')"
	" <= :asof) AS orientation_requested"
	DRIVE("involvements", "i")
	R_PERSON
	" JOIN partners pa ON pa.id = i.partner_id"
	" WHERE" R_OPEN " AND" ACTIVE("i") " AND +i.partner_id IN (SELECT c.id"
	" FROM partners c"
	" WHERE c.kind = 'children_establishment')"
	" AND p.birth_date <= date(:until, '-' || min(:adult_age,"
	" :creton_age) || ' years', '+2 days')"
	" GROUP BY i.person_id";

const struct rule_param p_age60[1] = {
	{ "months", PU_MONTHS, 3, 0, 120,
	  N_("months before the 60th birthday") },
};

void
assess_age60(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	date_t	birth = rule_row_date(r, "birth_date");

	if (birth == DATE_NONE)
		return;
	e->when = date_birthday(birth, 60);
	e->due = date_add_months(e->when, -P(0));
	e->severity = SEV_LOW;
}

const char sql_age_60_pch_apa_choice[] =
	"SELECT " R_COLS ", 'right:' || r.id AS refs"
	DRIVE("rights", "r")
	R_PERSON
	" WHERE" R_OPEN " AND r.kind = 'pch' AND" RIGHT_ACTIVE("r")
	" AND p.birth_date <= date(:until, '+' || :months || ' months',"
	" '-60 years', '+3 days') AND"
	LAST_OF("last_choice", "pch_apa_choice", "p.id") " IS NULL";

const struct rule_param p_apa_review[1] = {
	{ "warn_days", PU_DAYS, 0, 0, 3650,
	  N_("days of warning before the review date") },
};

void
assess_apa_review(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	e->due = rule_row_date(r, "next_review");
	if (P(0) > 0)
		e->warn_from = dadd(e->due, -P(0));
	e->severity = SEV_MEDIUM;
}

const char sql_apa_review_overdue[] =
	"SELECT " R_COLS
	", 'project:' || j.id AS refs, j.next_review AS next_review"
	DRIVE("projects", "j")
	" WHERE" R_OPEN " AND j.deleted_at IS NULL AND j.kind = 'apa_plan'"
	" AND j.status = 'active' AND j.next_review IS NOT NULL"
	" AND (j.end_date IS NULL OR j.end_date >= :asof)"
	" AND j.next_review <= date(:until, '+' || :warn_days || ' days')";
