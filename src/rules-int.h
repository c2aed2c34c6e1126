/*
 * Internal to the catalogue of rules: rules.c holds the table, and one
 * file per section of RULES.md the queries and assessments of its rules
 * (rules-a.c coordination of the pathway, rules-b.c child protection,
 * rules-c.c adults, rules-d.c data protection).  Here: the SQL fragments
 * the queries share, small helpers of the assessments, and what the table
 * needs of each rule — its parameters (the size declared here is checked
 * against the definition), its query and its assessment.
 */
#ifndef PARCOURS_RULES_INT_H
#define PARCOURS_RULES_INT_H

#include <stdbool.h>
#include <string.h>

#include "rules.h"
#include "xmalloc.h"

/*
 * The columns every rule returns, and the files it looks at.  The person's
 * name and birth date are read by the engine for the rows it keeps (a
 * join with persons on every file would read that table for nothing);
 * the rules that test the person in SQL join it with R_PERSON.
 */
#define R_COLS \
	"f.id AS file_id, f.person_id AS person_id"
#define R_FROM \
	" FROM files f$ALL[ INDEXED BY files_gaps]"
#define R_PERSON \
	" CROSS JOIN persons p INDEXED BY persons_gaps" \
	" ON p.id = f.person_id AND p.deleted_at IS NULL"
/*
 * A rule that starts from the records of a table (alias a) and finds
 * their files.  The order is fixed (CROSS JOIN), since the planner has no
 * statistics to choose it: over every file ("$ALL[…]", see gaps_sql) the
 * records of the slice of persons are read from the table's covering
 * index (schema/003-gaps-covering.sql), in person order, and their files
 * from the files' — no table row is read; in a smaller scope ("$SOME[…]")
 * the few files come first and their records are reached through the
 * table's person index.
 */
#define DRIVE(t, a) \
	"$ALL[ FROM " t " " a " INDEXED BY " t "_gaps" \
	" CROSS JOIN files f INDEXED BY files_gaps" \
	" ON f.person_id = " a ".person_id" \
	" AND " a ".person_id BETWEEN :scope_lo AND :scope_hi]" \
	"$SOME[ FROM files f CROSS JOIN " t " " a \
	" ON " a ".person_id = f.person_id]"
/* A file not deleted, in the scope. */
#define R_LIVE \
	" f.deleted_at IS NULL AND ($SCOPE)"
/* ... and open as of :asof. */
#define R_OPEN \
	R_LIVE " AND f.opened_on <= :asof" \
	" AND (f.closed_on IS NULL OR f.closed_on > :asof)"
/* A dated record (alias t) running on :asof. */
#define ACTIVE(t) \
	" " t ".deleted_at IS NULL AND " t ".start_date <= :asof" \
	" AND (" t ".end_date IS NULL OR " t ".end_date >= :asof)"
/* A granted right (alias t) running on :asof. */
#define RIGHT_ACTIVE(t) \
	" " t ".deleted_at IS NULL AND " t ".status = 'granted'" \
	" AND ifnull(coalesce(" t ".start_date, " t ".decision_on), '')" \
	" <= :asof AND (" t ".end_date IS NULL OR " t ".end_date >= :asof)"

/* The tables a rule reads per person, through their partial index
 * (schema/002-gaps.sql) so that the row itself is never read. */
#define EVENTS(a)	" events " a " INDEXED BY events_gaps"
#define REFERENTS(a)	" referents " a " INDEXED BY referents_gaps"
#define MEASURES(a)	" measures " a " INDEXED BY measures_gaps"
#define RIGHTS(a)	" rights " a " INDEXED BY rights_gaps"
#define INVOLVEMENTS(a)	\
	" involvements " a " INDEXED BY involvements_gaps"
#define PROJECTS(a)	" projects " a " INDEXED BY projects_gaps"
/*
 * The date of the last journal entry of the person pid up to :asof, of
 * the kinds that column col of person_activity summarises (cond tests the
 * same kinds on the journal entry e), or NULL.  person_activity is kept by
 * triggers (schema/003-gaps-covering.sql); for the few persons with an
 * entry after :asof (a run as of a past date, an entry dated ahead) the
 * journal itself is read.
 */
#define LAST(col, pid, cond) \
	" (SELECT CASE WHEN j.last_event <= :asof THEN j." col \
	" ELSE (SELECT max(e.date)" \
	" FROM " EVENTS("e") \
	" WHERE e.person_id = j.person_id" cond " AND e.deleted_at IS NULL" \
	" AND e.date <= :asof) END" \
	" FROM person_activity j WHERE j.person_id = " pid ")"
#define LAST_EVENT(pid)		LAST("last_event", pid, "")
#define LAST_CONTACT(pid) \
	LAST("last_contact", pid, " AND +e.kind IN " CONTACT_KINDS)
#define LAST_OF(col, kind, pid) \
	LAST(col, pid, " AND e.kind = '" kind "'")

/* Child protection measures (ASE) on a minor, other than financial aid:
 * the ASE intervention of L.223-1-1 CASF. */
#define ASE_KINDS \
	"('aed','aemo','placement','accueil_provisoire','delegation')"
/* Measures of a child entrusted to the ASE ("confié", in care: L.222-5
 * 1° to 3° CASF); AED and AEMO at home are not. */
#define CARE_KINDS "('placement','accueil_provisoire','delegation')"
/* Measures whose end makes a care leaver. */
#define LEAVER_KINDS \
	"('placement','accueil_provisoire','delegation','contrat_jeune_majeur')"
#define PROTECTION_KINDS "('tutelle','curatelle','sauvegarde')"
/* Rights decided by the MDPH (6 months' notice, 4 months' delay). */
#define MDPH_KIND_LIST \
	"'aah','pch','aeeh','rqth','mdph_orientation','adult_orientation'"
/*
 * A measure or right (alias t) whose end is not settled: no end reason
 * recorded, an unknown one, or "renewed" — a renewal that the next record
 * must show.  Any other reason says the end was decided (RULES.md,
 * Clarifications), which is what the renewal rules ask for.
 */
#define UNSETTLED(t) \
	" ifnull(" t ".end_reason, 'unknown') IN ('unknown','renewed')"
/*
 * The measure (alias t) is continued: another measure of the person
 * (alias n), of the same kind or of the same family (family: an SQL list
 * of kinds, or NULL for the kind alone), starts no later than the day
 * after t's end and runs past it.  Before the end (a renewal recorded in
 * advance) as after it.
 */
#define CONTINUED(t, family) \
	" EXISTS (SELECT 1" \
	" FROM " MEASURES("n") \
	" WHERE n.person_id = " t ".person_id AND n.deleted_at IS NULL" \
	" AND n.id <> " t ".id AND (n.kind = " t ".kind" \
	" OR (" t ".kind IN " family " AND n.kind IN " family "))" \
	" AND n.start_date <= date(" t ".end_date, '+1 day')" \
	" AND (n.end_date IS NULL OR n.end_date > " t ".end_date))"

/* Journal entries that are a contact with the person. */
#define CONTACT_KINDS RULES_CONTACT_KINDS

/* Parameter i of the running rule. */
#define P(i) (c->param[(i)])

/* The later of two dates, DATE_NONE being earlier than any. */
static inline date_t
dmax(date_t a, date_t b)
{
	if (a == DATE_NONE)
		return (b);
	if (b == DATE_NONE)
		return (a);
	return (a > b ? a : b);
}

/* d + n days, DATE_NONE staying DATE_NONE. */
static inline date_t
dadd(date_t d, int n)
{
	return (d == DATE_NONE ? DATE_NONE : d + n);
}

/* True if the value of col is value. */
static inline bool
col_is(const struct rule_row *r, const char *col, const char *value)
{
	const char	*v = rule_row_text(r, col);

	return (v != NULL && strcmp(v, value) == 0);
}

/* True if the value of col is one of the NULL-terminated list. */
static inline bool
col_in(const struct rule_row *r, const char *col, const char *const *list)
{
	const char	*v = rule_row_text(r, col);

	if (v == NULL)
		return (false);
	for (; *list != NULL; list++)
		if (strcmp(v, *list) == 0)
			return (true);
	return (false);
}

/* A period of a record: from start to end (DATE_NONE: no end). */
struct rule_period {
	date_t	start;
	date_t	end;
};
/*
 * Reads a list of periods "START/END START/ …" (END empty when there is
 * none, as a query's group_concat writes them) into out, sorted by start.
 * Malformed words are skipped.  Returns the number read (at most max).
 */
size_t rule_periods(const char *list, struct rule_period *out, size_t max);
/*
 * The start of the uninterrupted run of periods that leads to a period
 * starting on start: going back, a period that began before and lasted
 * until the day before (or ran across) continues the run.
 */
date_t rule_run_start(const struct rule_period *, size_t n, date_t start);

extern const struct rule_param p_no_coordinator[2];
void assess_no_coordinator(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_no_coordinator[];
extern const struct rule_param p_coordinator_leaving[1];
void assess_coordinator_leaving(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_coordinator_leaving[];
void assess_multiple_coordinators(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_multiple_coordinators[];
extern const struct rule_param p_handover[1];
void assess_handover(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_handover_unconfirmed[];
extern const struct rule_param p_no_recent_contact[2];
void assess_no_recent_contact(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_no_recent_contact[];
extern const struct rule_param p_no_meeting[2];
void assess_no_meeting(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_no_coordination_meeting[];
extern const struct rule_param p_referral[1];
void assess_referral(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_referral_unanswered[];
void assess_consent(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_consent_missing[];
extern const struct rule_param p_project_review[1];
void assess_project_review(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_project_review_overdue[];
void assess_closed_active(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_closed_with_active_items[];
extern const struct rule_param p_ppe[2];
void assess_ppe(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_ppe_not_established[];
extern const struct rule_param p_report[4];
void assess_report(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_situation_report_overdue[];
extern const struct rule_param p_measure_expiry[1];
void assess_measure_expiry(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_measure_expiry[];
extern const struct rule_param p_instability[2];
void assess_instability(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_placement_instability[];
extern const struct rule_param p_majority[1];
void assess_majority(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_majority_interview_missing[];
extern const struct rule_param p_care_leaver[2];
void assess_care_leaver(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_care_leaver_without_support[];
extern const struct rule_param p_adult_protection[1];
void assess_adult_protection(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_adult_protection_expiry[];
extern const struct rule_param p_masp[3];
void assess_masp(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_masp_term_reached[];
extern const struct rule_param p_rsa_contract[1];
void assess_rsa_contract(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_rsa_contract_missing[];
extern const struct rule_param p_rsa_orientation[1];
void assess_rsa_orientation(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_rsa_orientation_overdue[];
extern const struct rule_param p_right_expiry[4];
void assess_right_expiry(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_right_expiry[];
extern const struct rule_param p_decision[3];
void assess_decision(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_decision_overdue[];
extern const struct rule_param p_creton[2];
void assess_creton(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_creton_transition[];
extern const struct rule_param p_age60[1];
void assess_age60(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_age_60_pch_apa_choice[];
extern const struct rule_param p_apa_review[1];
void assess_apa_review(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_apa_review_overdue[];
extern const struct rule_param p_retention[1];
void assess_retention(const struct rule_ctx *,
    const struct rule_row *, struct rule_eval *);
extern const char sql_retention_due[];

#endif
