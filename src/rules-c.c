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

const char sql_adult_protection_expiry[] =
	"SELECT " R_COLS
	", 'measure:' || m.id AS refs, m.kind AS kind, m.end_date AS end_date"
	DRIVE("measures", "m")
	" WHERE" R_OPEN " AND m.deleted_at IS NULL AND m.kind IN "
	PROTECTION_KINDS " AND m.end_date IS NOT NULL"
	" AND m.start_date <= :asof AND (m.renewal_requested_on IS NULL"
	" OR m.renewal_requested_on > :asof) AND m.hearing_date IS NULL"
	" AND m.end_date <= date(:until, '+' || :months || ' months',"
	" '+3 days') AND (m.end_date >= :asof OR (m.end_date >= f.opened_on"
	" AND NOT EXISTS (SELECT 1"
	" FROM " MEASURES("n")
	" WHERE n.person_id = m.person_id AND n.deleted_at IS NULL"
	" AND n.kind IN " PROTECTION_KINDS " AND n.id <> m.id"
	" AND n.start_date <= :asof AND (n.end_date IS NULL"
	" OR n.end_date > m.end_date))))";

const struct rule_param p_masp[3] = {
	{ "days", PU_DAYS, 60, 0, 3650, N_("days before the end") },
	{ "total_months", PU_MONTHS, 42, 1, 600,
	  N_("months since the first MASP began") },
	{ "eval_months", PU_MONTHS, 6, 0, 120,
	  N_("months before the end in which an evaluation counts") },
};

void
assess_masp(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	date_t	first;

	e->severity = SEV_MEDIUM;
	if (rule_row_int(r, "variant") == 0) {
		e->due = dadd(rule_row_date(r, "end_date"), -P(0));
		return;
	}
	first = rule_row_date(r, "first_start");
	e->variant = 1;
	e->due = date_add_months(first, P(1));
	e->when = date_add_months(first, 48);
}

/* Variant 0: the contract ends soon with no evaluation (situation report
 * or coordination meeting in its last months), no renewal requested and
 * no next contract already running.
 * Variant 1: the MASPs in all have run for 42 months: one flag per file,
 * however many MASPs are running (two overlap while one is renewed). */
#define MASP_FIRST \
	"(SELECT min(o.start_date)" \
	" FROM " MEASURES("o") \
	" WHERE o.person_id = m.person_id AND o.kind = 'masp'" \
	" AND o.deleted_at IS NULL)"
const char sql_masp_term_reached[] =
	"SELECT " R_COLS
	", 'measure:' || m.id AS refs, 0 AS variant, m.end_date AS end_date,"
	" NULL AS first_start, NULL AS x_refs"
	DRIVE("measures", "m")
	" WHERE" R_OPEN " AND m.kind = 'masp' AND" ACTIVE("m")
	" AND m.end_date IS NOT NULL"
	" AND m.end_date <= date(:until, '+' || :days || ' days')"
	" AND (m.renewal_requested_on IS NULL"
	" OR m.renewal_requested_on > :asof) AND NOT EXISTS (SELECT 1"
	" FROM " MEASURES("n")
	" WHERE n.person_id = m.person_id AND n.kind = 'masp'"
	" AND n.deleted_at IS NULL AND n.id <> m.id"
	" AND n.start_date > m.start_date AND n.start_date <= :asof"
	" AND (n.end_date IS NULL OR n.end_date > m.end_date))"
	" AND ifnull(" LAST("last_review", "m.person_id",
	" AND +e.kind IN ('situation_report','coordination_meeting')")
	", '') < date(m.end_date, '-' || :eval_months || ' months')"
	" UNION ALL SELECT " R_COLS ", 'file:' || f.id, 1, NULL, " MASP_FIRST
	", group_concat('measure:' || m.id, ' ')"
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

	e->severity = SEV_HIGH;
	if (end < c->as_of) {
		e->variant = 1;
		e->due = dadd(end, 1);
	} else if (col_in(r, "kind", mdph_kinds))
		e->due = date_add_months(end, -P(0));
	else if (col_is(r, "kind", "c2s"))
		e->due = dadd(end, -P(1));
	else if (col_is(r, "kind", "domiciliation"))
		e->due = dadd(end, -P(2));
	else
		e->due = dadd(end, -P(3));
}

/* A right that ended is still flagged while the file is open and no
 * other right of the kind (granted or requested) follows it. */
const char sql_right_expiry[] =
	"SELECT " R_COLS
	", 'right:' || r.id AS refs, r.kind AS kind, r.end_date AS end_date"
	DRIVE("rights", "r")
	" WHERE" R_OPEN " AND r.deleted_at IS NULL AND r.status = 'granted'"
	" AND r.for_life = 0 AND r.end_date IS NOT NULL"
	" AND ifnull(coalesce(r.start_date, r.decision_on), '') <= :asof"
	" AND (r.renewal_requested_on IS NULL"
	" OR r.renewal_requested_on > :asof)"
	" AND r.end_date <= date(:until, '+' || max(:mdph_months * 31 + 3,"
	" :c2s_days, :domiciliation_days, :other_days) || ' days')"
	" AND (r.end_date >= :asof OR (r.end_date >= f.opened_on AND NOT"
	" EXISTS (SELECT 1"
	" FROM " RIGHTS("n")
	" WHERE n.person_id = r.person_id AND n.kind = r.kind"
	" AND n.deleted_at IS NULL AND n.id <> r.id"
	" AND n.status IN ('granted','requested')"
	" AND ifnull(coalesce(n.start_date, n.filed_on), '') <= :asof"
	" AND (n.end_date IS NULL OR n.end_date > r.end_date))))";

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
