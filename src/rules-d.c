/*
 * Section D of RULES.md, data protection: the query and the
 * assessment of each of its rules, and their parameters.  rules.h
 * describes the columns and tokens of a query, rules-int.h the fragments
 * the queries share; the table of rules.c adds the texts.
 */
#include "config.h"
#include "rules-int.h"

#include <stdlib.h>
#include <string.h>

const struct rule_param p_retention[1] = {
	{ "months", PU_MONTHS, 24, 1, 600,
	  N_("months after the last contact or activity") },
};

/*
 * Activity is the last journal entry or the closing of the file, whichever
 * is later (RULES.md, Clarifications), and not before the file was opened.
 */
void
assess_retention(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	date_t	last;

	last = dmax(rule_row_date(r, "last_event"),
	    rule_row_date(r, "opened_on"));
	last = dmax(last, rule_row_date(r, "closed_on"));
	e->when = last;
	e->due = date_add_months(last, P(0));
	e->severity = SEV_LOW;
}

/*
 * A file with a measure, a right or a project still running is active:
 * no flag.  last_record (the latest start or end of a measure or a
 * right) is not activity, but a fact of the flag: when the records
 * change, an acknowledgement of the flag ends.
 */
#define RECORD_DATES \
	" (SELECT max(d)" \
	" FROM ( SELECT max(m.start_date) AS d" \
	" FROM " MEASURES("m") \
	" WHERE m.person_id = f.person_id AND m.deleted_at IS NULL" \
	" AND m.start_date <= :asof" \
	" UNION ALL SELECT max(m.end_date)" \
	" FROM " MEASURES("m") \
	" WHERE m.person_id = f.person_id AND m.deleted_at IS NULL" \
	" AND m.end_date <= :asof" \
	" UNION ALL" \
	" SELECT max(coalesce(r.start_date, r.decision_on, r.filed_on))" \
	" FROM " RIGHTS("r") \
	" WHERE r.person_id = f.person_id AND r.deleted_at IS NULL" \
	" AND coalesce(r.start_date, r.decision_on, r.filed_on) <= :asof" \
	" UNION ALL SELECT max(r.end_date)" \
	" FROM " RIGHTS("r") \
	" WHERE r.person_id = f.person_id AND r.deleted_at IS NULL" \
	" AND r.end_date <= :asof))"
const char sql_retention_due[] =
	"SELECT *"
	" FROM (SELECT " R_COLS
	", 'file:' || f.id AS refs, f.opened_on AS opened_on, CASE WHEN"
	" f.closed_on <= :asof THEN f.closed_on END AS closed_on,"
	LAST_EVENT("f.person_id") " AS last_event," RECORD_DATES
	" AS last_record"
	R_FROM
	" WHERE" R_LIVE " AND f.opened_on <= :asof"
	" AND ifnull(" LAST_EVENT("f.person_id") ", '') <= date(:until, '-'"
	" || :months ||"
	" ' months', '+3 days') AND NOT EXISTS (SELECT 1"
	" FROM " MEASURES("m")
	" WHERE m.person_id = f.person_id AND" ACTIVE("m") ") AND NOT EXISTS"
	" (SELECT 1"
	" FROM " RIGHTS("r")
	" WHERE r.person_id = f.person_id AND" RIGHT_ACTIVE("r") ")"
	" AND NOT EXISTS (SELECT 1"
	" FROM " PROJECTS("j")
	" WHERE j.person_id = f.person_id AND j.deleted_at IS NULL"
	" AND j.status = 'active'"
	" AND ifnull(coalesce(j.start_date, j.signed_on), '') <= :asof"
	" AND (j.end_date IS NULL OR j.end_date >= :asof)))"
	" WHERE max(ifnull(last_event, ''), opened_on, ifnull(closed_on,"
	" '')) <= date(:until, '-' || :months || ' months', '+3 days')";
