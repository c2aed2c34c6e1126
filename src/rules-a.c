/*
 * Section A of RULES.md, coordination of the pathway: the query and the
 * assessment of each of its rules, and their parameters.  rules.h
 * describes the columns and tokens of a query, rules-int.h the fragments
 * the queries share; the table of rules.c adds the texts.
 */
#include "config.h"
#include "rules-int.h"

#include <stdlib.h>
#include <string.h>

const struct rule_param p_no_coordinator[2] = {
	{ "critical_items", PU_COUNT, 2, 1, 100,
	  N_("active measures and partner involvements that make a file "
	      "without coordinator critical") },
	{ "critical_days", PU_DAYS, 30, 0, 3650,
	  N_("days that situation lasts before it is critical") },
};

void
assess_no_coordinator(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	date_t	cover = rule_row_date(r, "x_cover_end");
	date_t	since = rule_row_date(r, "x_items_since");

	if (cover != DATE_NONE)
		e->due = cover + 1;
	else
		e->due = dmax(rule_row_date(r, "opened_on"),
		    dadd(rule_row_date(r, "x_last_end"), 1));
	e->severity = SEV_HIGH;
	if (rule_row_int(r, "x_items") >= P(0) && since != DATE_NONE) {
		e->variant = 1;
		e->when = since;
		if (c->as_of - dmax(e->due, since) > P(1))
			e->severity = SEV_CRITICAL;
	}
}

/* Coordinators of the file f (alias t). */
#define COORD(t) \
	" " t ".person_id = f.person_id AND " t ".role = 'coordinator'" \
	" AND " t ".deleted_at IS NULL"
/* The last day the coordinators running on :asof cover (NULL if none). */
#define COVER_END \
	"(SELECT max(r.end_date)" \
	" FROM " REFERENTS("r") \
	" WHERE" COORD("r") " AND r.start_date <= :asof" \
	" AND r.end_date >= :asof)"

/*
 * Open files with no coordinator on :asof, or whose coordinators all leave
 * before :until with nobody starting in time to take over.
 */
const char sql_no_coordinator[] =
	"SELECT " R_COLS
	", 'file:' || f.id AS refs, f.opened_on AS opened_on,"
	" (SELECT max(r.end_date)"
	" FROM " REFERENTS("r")
	" WHERE" COORD("r") " AND r.end_date < :asof) AS x_last_end, "
	COVER_END " AS x_cover_end, (SELECT count(*)"
	" FROM " MEASURES("m")
	" WHERE m.person_id = f.person_id AND" ACTIVE("m") ") +"
	" (SELECT count(*)"
	" FROM " INVOLVEMENTS("i")
	" WHERE i.person_id = f.person_id AND" ACTIVE("i") ") AS x_items,"
	" (SELECT d"
	" FROM (SELECT m.start_date AS d"
	" FROM " MEASURES("m")
	" WHERE m.person_id = f.person_id AND" ACTIVE("m")
	" UNION ALL SELECT i.start_date"
	" FROM " INVOLVEMENTS("i")
	" WHERE i.person_id = f.person_id AND" ACTIVE("i") ")"
	" ORDER BY d LIMIT 1 OFFSET :critical_items - 1) AS x_items_since"
	R_FROM
	" WHERE" R_OPEN " AND NOT EXISTS (SELECT 1"
	" FROM " REFERENTS("r")
	" WHERE" COORD("r") " AND r.start_date <= :asof"
	" AND (r.end_date IS NULL OR r.end_date >= :until)) AND NOT EXISTS"
	" (SELECT 1"
	" FROM " REFERENTS("r")
	" WHERE" COORD("r") " AND r.start_date > :asof"
	" AND r.start_date <= date(" COVER_END ", '+1 day')"
	" AND (r.end_date IS NULL OR r.end_date >= :until))";

const struct rule_param p_coordinator_leaving[1] = {
	{ "days", PU_DAYS, 30, 0, 3650,
	  N_("days before the coordinator's end date") },
};

void
assess_coordinator_leaving(const struct rule_ctx *c,
    const struct rule_row *r, struct rule_eval *e)
{
	e->due = dadd(rule_row_date(r, "end_date"), -P(0));
	e->severity = SEV_HIGH;
}

const char sql_coordinator_leaving[] =
	"SELECT " R_COLS
	", 'referent:' || r.id AS refs, r.name AS x_name, r.end_date AS"
	" end_date"
	DRIVE("referents", "r")
	" WHERE" R_OPEN " AND r.role = 'coordinator' AND" ACTIVE("r")
	" AND r.end_date IS NOT NULL"
	" AND r.end_date <= date(:until, '+' || :days || ' days') AND NOT"
	" EXISTS (SELECT 1"
	" FROM referents s"
	" WHERE s.id = r.successor_id AND s.deleted_at IS NULL) AND NOT"
	" EXISTS (SELECT 1"
	" FROM " REFERENTS("o")
	" WHERE o.person_id = r.person_id AND o.role = 'coordinator'"
	" AND o.deleted_at IS NULL AND o.id <> r.id AND (o.end_date IS NULL"
	" OR o.end_date > r.end_date))";

void
assess_multiple_coordinators(const struct rule_ctx *c,
    const struct rule_row *r, struct rule_eval *e)
{
	(void)c;
	e->due = rule_row_date(r, "since");
	e->severity = SEV_MEDIUM;
}

/*
 * The persons of the scope with two coordinators or more (matching
 * cond): read once from the index, so that the rules below look for
 * pairs or predecessors only there.
 */
#define TWO_COORDINATORS(cond) \
	" (SELECT c.person_id FROM " REFERENTS("c") \
	" WHERE c.person_id $IN_SCOPE AND c.role = 'coordinator'" \
	" AND c.deleted_at IS NULL AND " cond \
	" GROUP BY c.person_id HAVING count(*) >= 2)"

/*
 * Pairs of coordinators running together on a day between :asof and
 * :until, neither succeeding the other (an overlap planned for a handover
 * is not a gap).
 */
#define OVERLAP(t) \
	" " t ".role = 'coordinator' AND " t ".deleted_at IS NULL" \
	" AND " t ".start_date <= :until" \
	" AND (" t ".end_date IS NULL OR " t ".end_date >= :asof)"
const char sql_multiple_coordinators[] =
	"SELECT " R_COLS
	", group_concat('referent:' || a.id || ' referent:' || b.id, ' ') AS"
	" refs, min(max(a.start_date, b.start_date)) AS since"
	DRIVE("referents", "a")
	" CROSS JOIN " REFERENTS("b") " ON b.person_id = a.person_id"
	" WHERE" R_OPEN " AND" OVERLAP("a") " AND" OVERLAP("b")
	" AND a.rowid < b.rowid AND a.person_id IN"
	TWO_COORDINATORS("c.start_date <= :until"
	" AND (c.end_date IS NULL OR c.end_date >= :asof)")
	" AND max(a.start_date, b.start_date) <= min( ifnull(a.end_date,"
	" '9999-12-31'), ifnull(b.end_date, '9999-12-31'))"
	" AND (a.successor_id IS NULL OR a.successor_id <> b.id)"
	" AND (b.successor_id IS NULL OR b.successor_id <> a.id)"
	" GROUP BY a.person_id";

const struct rule_param p_handover[1] = {
	{ "days", PU_DAYS, 30, 0, 3650,
	  N_("days after the new coordinator's start") },
};

void
assess_handover(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	e->due = dadd(rule_row_date(r, "start_date"), P(0));
	e->severity = SEV_MEDIUM;
}

/* A coordinator who took over (named successor, or started after another
 * one) and no contact with the person since the start.  The "handover"
 * journal entry that a handover writes by itself is not a contact. */
const char sql_handover_unconfirmed[] =
	"SELECT " R_COLS
	", 'referent:' || r.id AS refs, r.name AS x_name, r.start_date AS"
	" start_date"
	DRIVE("referents", "r")
	" WHERE" R_OPEN " AND r.role = 'coordinator' AND" ACTIVE("r")
	" AND r.start_date <= date(:until, '-' || :days || ' days')"
	" AND r.person_id IN" TWO_COORDINATORS("1") " AND EXISTS (SELECT 1"
	" FROM " REFERENTS("o")
	" WHERE o.person_id = r.person_id AND o.role = 'coordinator'"
	" AND o.deleted_at IS NULL AND o.id <> r.id"
	" AND (o.successor_id = r.id OR o.start_date < r.start_date))"
	" AND ifnull(" LAST("last_visit", "r.person_id",
	" AND +e.kind IN ('contact','home_visit','call')") ", '')"
	" < r.start_date";

const struct rule_param p_no_recent_contact[2] = {
	{ "days", PU_DAYS, 90, 1, 3650,
	  N_("days without contact (files of normal risk)") },
	{ "days_high_risk", PU_DAYS, 30, 1, 3650,
	  N_("days without contact (files of high risk)") },
};

void
assess_no_recent_contact(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	date_t	opened = rule_row_date(r, "opened_on");
	date_t	last = rule_row_date(r, "last_contact");

	e->variant = (last == DATE_NONE || last < opened) ? 1 : 0;
	e->due = dadd(dmax(last, opened),
	    col_is(r, "risk_level", "high") ? P(1) : P(0));
	e->severity = SEV_MEDIUM;
}

const char sql_no_recent_contact[] =
	"SELECT *"
	" FROM (SELECT " R_COLS
	", 'file:' || f.id AS refs, f.risk_level AS risk_level, f.opened_on"
	" AS opened_on," LAST_CONTACT("f.person_id") " AS last_contact"
	R_FROM
	" WHERE" R_OPEN ")"
	" WHERE max(ifnull(last_contact, ''), opened_on) <= CASE risk_level"
	" WHEN 'high' THEN date(:until, '-' || :days_high_risk || ' days')"
	" ELSE date(:until, '-' || :days || ' days') END";

const struct rule_param p_no_meeting[2] = {
	{ "partners", PU_COUNT, 3, 1, 100,
	  N_("partners actively involved") },
	{ "days", PU_DAYS, 180, 1, 3650,
	  N_("days without a coordination meeting") },
};

void
assess_no_meeting(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	date_t	since = rule_row_date(r, "since");
	date_t	last = rule_row_date(r, "last_meeting");

	e->variant = (last != DATE_NONE && last >= since) ? 0 : 1;
	e->when = since;
	e->due = dadd(dmax(since, last), P(1));
	e->severity = SEV_MEDIUM;
}

const char sql_no_coordination_meeting[] =
	"SELECT *"
	" FROM (SELECT " R_COLS ", 'file:' || f.id AS refs,"
	" (SELECT group_concat('involvement:' || i.id, ' ')"
	" FROM " INVOLVEMENTS("i")
	" WHERE i.person_id = f.person_id AND" ACTIVE("i") " ) AS x_refs,"
	" (SELECT count(DISTINCT i.partner_id)"
	" FROM " INVOLVEMENTS("i")
	" WHERE i.person_id = f.person_id AND" ACTIVE("i") ") AS partners,"
	" (SELECT d"
	" FROM (SELECT min(i.start_date) AS d"
	" FROM " INVOLVEMENTS("i")
	" WHERE i.person_id = f.person_id AND" ACTIVE("i")
	" GROUP BY i.partner_id)"
	" ORDER BY d LIMIT 1 OFFSET :partners - 1) AS since,"
	LAST_OF("last_meeting", "coordination_meeting", "f.person_id")
	" AS last_meeting"
	R_FROM
	" WHERE" R_OPEN " AND (SELECT count(*)"
	" FROM " INVOLVEMENTS("i")
	" WHERE i.person_id = f.person_id AND" ACTIVE("i") ") >= :partners)"
	" WHERE partners >= :partners"
	" AND max(since, ifnull(last_meeting, '')) <= date(:until, '-' ||"
	" :days || ' days')";

const struct rule_param p_referral[1] = {
	{ "days", PU_DAYS, 30, 1, 3650, N_("days after sending") },
};

void
assess_referral(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	e->due = dadd(rule_row_date(r, "sent_on"), P(0));
	e->severity = SEV_MEDIUM;
}

const char sql_referral_unanswered[] =
	"SELECT " R_COLS
	", 'referral:' || r.id AS refs, r.sent_on AS sent_on, pa.name AS"
	" x_partner"
	DRIVE("referrals", "r")
	" LEFT JOIN partners pa ON pa.id = r.partner_id"
	" WHERE" R_OPEN " AND r.deleted_at IS NULL"
	" AND r.status <> 'cancelled' AND r.sent_on <= :asof"
	" AND (r.answered_on IS NULL OR r.answered_on > :asof)"
	" AND r.sent_on <= date(:until, '-' || :days || ' days')";

void
assess_consent(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	(void)c;
	e->severity = SEV_MEDIUM;
	if (col_is(r, "legal_basis", "none"))
		e->due = rule_row_date(r, "start_date");
	else {
		e->variant = 1;
		e->due = dmax(rule_row_date(r, "start_date"),
		    rule_row_date(r, "consent_date"));
	}
}

/*
 * Two cases, each starting from the few rows that can match: information
 * shared with no basis (the partial index holds only those and the
 * consent-based ones), and shared on a consent the person refused or
 * withdrew (from those persons).
 */
#define CONSENT_COLS \
	"SELECT " R_COLS \
	", 'involvement:' || i.id AS refs, i.start_date AS start_date," \
	" i.legal_basis AS legal_basis, p.consent AS consent, p.consent_date" \
	" AS consent_date, pa.name AS x_partner"
#define CONSENT_WHERE \
	" WHERE" R_OPEN " AND i.deleted_at IS NULL AND i.start_date <= :until" \
	" AND (i.end_date IS NULL OR i.end_date >= :asof)" \
	" AND i.shares_info = 1 AND i.legal_basis IN ('none','consent')"
const char sql_consent_missing[] =
	CONSENT_COLS
	"$ALL[ FROM involvements i INDEXED BY involvements_gaps_consent"
	" CROSS JOIN files f INDEXED BY files_gaps"
	" ON f.person_id = i.person_id"
	" AND i.person_id BETWEEN :scope_lo AND :scope_hi]"
	"$SOME[ FROM files f CROSS JOIN involvements i"
	" INDEXED BY involvements_gaps_consent ON i.person_id = f.person_id]"
	R_PERSON
	" LEFT JOIN partners pa ON pa.id = i.partner_id" CONSENT_WHERE
	" AND i.legal_basis = 'none'"
	" UNION ALL " CONSENT_COLS
	"$ALL[ FROM persons p INDEXED BY persons_gaps"
	" CROSS JOIN involvements i INDEXED BY involvements_gaps_consent"
	" ON i.person_id = p.id AND p.id BETWEEN :scope_lo AND :scope_hi"
	" CROSS JOIN files f INDEXED BY files_gaps ON f.person_id = p.id]"
	"$SOME[ FROM files f CROSS JOIN persons p ON p.id = f.person_id"
	" CROSS JOIN involvements i INDEXED BY involvements_gaps_consent"
	" ON i.person_id = p.id]"
	" LEFT JOIN partners pa ON pa.id = i.partner_id" CONSENT_WHERE
	" AND i.legal_basis = 'consent' AND p.deleted_at IS NULL"
	" AND p.consent IN ('refused','withdrawn')";

const struct rule_param p_project_review[1] = {
	{ "warn_days", PU_DAYS, 30, 0, 3650,
	  N_("days of warning before the review date") },
};

void
assess_project_review(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	e->due = rule_row_date(r, "next_review");
	e->warn_from = dadd(e->due, -P(0));
	e->severity = col_is(r, "kind", "ppe") ? SEV_HIGH : SEV_MEDIUM;
}

/* The APA care plan has its own rule (APA_REVIEW_OVERDUE). */
const char sql_project_review_overdue[] =
	"SELECT " R_COLS
	", 'project:' || j.id AS refs, j.kind AS kind, j.next_review AS"
	" next_review, j.title AS x_title"
	DRIVE("projects", "j")
	" WHERE" R_OPEN " AND j.deleted_at IS NULL AND j.status = 'active'"
	" AND j.kind <> 'apa_plan' AND j.next_review IS NOT NULL"
	" AND (j.end_date IS NULL OR j.end_date >= :asof)"
	" AND j.next_review <= date(:until, '+' || :warn_days || ' days')";

void
assess_closed_active(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	(void)c;
	e->due = rule_row_date(r, "closed_on");
	e->severity = SEV_HIGH;
}

/* Items still running on the closing day and on :asof: measures and
 * involvements not ended, rights requested or being renewed, a
 * coordinator not ended.  A file closing by :until is looked at. */
#define CLOSED_MEASURES \
	" FROM " MEASURES("m") \
	" WHERE m.person_id = f.person_id AND m.deleted_at IS NULL" \
	" AND (m.end_date IS NULL OR m.end_date >= max(:asof, f.closed_on))"
#define CLOSED_RIGHTS \
	" FROM " RIGHTS("r") \
	" WHERE r.person_id = f.person_id AND r.deleted_at IS NULL" \
	" AND ((r.status = 'requested' AND (r.decision_on IS NULL" \
	" OR r.decision_on > :asof)) OR (r.renewal_requested_on <= :asof" \
	" AND (r.end_date IS NULL OR r.end_date >= max(:asof, f.closed_on))))"
#define CLOSED_INVOLVEMENTS \
	" FROM " INVOLVEMENTS("i") \
	" WHERE i.person_id = f.person_id AND i.deleted_at IS NULL" \
	" AND (i.end_date IS NULL OR i.end_date >= max(:asof, f.closed_on))"
#define CLOSED_COORDINATORS \
	" FROM " REFERENTS("c") \
	" WHERE c.person_id = f.person_id AND c.role = 'coordinator'" \
	" AND c.deleted_at IS NULL AND (c.end_date IS NULL" \
	" OR c.end_date >= max(:asof, f.closed_on))"

const char sql_closed_with_active_items[] =
	"SELECT " R_COLS ", 'file:' || f.id AS refs,"
	" f.closed_on AS closed_on,"
	" (SELECT count(*)" CLOSED_MEASURES ") AS measures,"
	" (SELECT count(*)" CLOSED_RIGHTS ") AS rights,"
	" (SELECT count(*)" CLOSED_INVOLVEMENTS ") AS involvements,"
	" (SELECT count(*)" CLOSED_COORDINATORS ") AS coordinators,"
	" (SELECT group_concat(x, ' ') FROM ("
	" SELECT 'measure:' || m.id AS x" CLOSED_MEASURES
	" UNION ALL SELECT 'right:' || r.id" CLOSED_RIGHTS
	" UNION ALL SELECT 'involvement:' || i.id" CLOSED_INVOLVEMENTS
	" UNION ALL SELECT 'referent:' || c.id" CLOSED_COORDINATORS
	")) AS x_refs"
	R_FROM
	" WHERE" R_LIVE " AND f.closed_on IS NOT NULL"
	" AND f.closed_on <= :until"
	" AND (EXISTS (SELECT 1" CLOSED_MEASURES ")"
	" OR EXISTS (SELECT 1" CLOSED_RIGHTS ")"
	" OR EXISTS (SELECT 1" CLOSED_INVOLVEMENTS ")"
	" OR EXISTS (SELECT 1" CLOSED_COORDINATORS "))";
