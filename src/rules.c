/*
 * The 26 coordination gap rules of RULES.md, one table entry each: the
 * query that finds the candidate situations as of :asof (looking ahead to
 * :until), the assessment that computes the exact due date and severity
 * with date.h (calendar months clamped to the month's end, birthdays on
 * 1 March for 29 February births), the explanation templates, why the gap
 * matters with its legal source, and what to do.  rules.h describes the
 * column conventions.  The queries run on SQLite 3.15 (SQLCipher 3.4.1):
 * correlated subqueries and CTE-free joins, no window functions.
 *
 * Every query is restricted by "$SCOPE", which the engine replaces by a
 * condition on the pathway file f (a worker, a team, a person, or every
 * file) with bound parameters only.
 */
#include "config.h"
#include "rules.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

/* Child protection measures (ASE) on a minor. */
#define ASE_KINDS "('aed','aemo','placement','accueil_provisoire')"
/* Measures of a child entrusted to the ASE ("in care"). */
#define CARE_KINDS "('placement','accueil_provisoire')"
/* Measures whose end makes a care leaver. */
#define LEAVER_KINDS \
	"('aed','aemo','placement','accueil_provisoire','contrat_jeune_majeur')"
#define PROTECTION_KINDS "('tutelle','curatelle','sauvegarde')"
/* Rights decided by the MDPH (6 months' notice, 4 months' delay). */
#define MDPH_KINDS \
	"('aah','pch','aeeh','rqth','mdph_orientation','adult_orientation')"
/* Journal entries that are a contact with the person. */
#define CONTACT_KINDS RULES_CONTACT_KINDS

/* Parameter i of the running rule. */
#define P(i) (c->param[(i)])

static date_t
dmax(date_t a, date_t b)
{
	if (a == DATE_NONE)
		return (b);
	if (b == DATE_NONE)
		return (a);
	return (a > b ? a : b);
}

/* d + n days, DATE_NONE staying DATE_NONE. */
static date_t
dadd(date_t d, int n)
{
	return (d == DATE_NONE ? DATE_NONE : d + n);
}

static bool
col_is(const struct rule_row *r, const char *col, const char *value)
{
	const char	*v = rule_row_text(r, col);

	return (v != NULL && strcmp(v, value) == 0);
}

/* True if the value of col is one of the NULL-terminated list. */
static bool
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

static const char *const mdph_kinds[] = {
	"aah", "pch", "aeeh", "rqth", "mdph_orientation", "adult_orientation",
	NULL
};
static const char *const ase_kinds[] = {
	"aed", "aemo", "placement", "accueil_provisoire", NULL
};

/* A. Coordination of the pathway --------------------------------------- */

static const struct rule_param p_no_coordinator[] = {
	{ "critical_items", PU_COUNT, 2, 1, 100,
	  N_("active measures and partner involvements that make a file "
	      "without coordinator critical") },
	{ "critical_days", PU_DAYS, 30, 0, 3650,
	  N_("days that situation lasts before it is critical") },
};

static void
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
#define SQL_NO_COORDINATOR \
	"SELECT " R_COLS \
	", 'file:' || f.id AS refs, f.opened_on AS opened_on," \
	" (SELECT max(r.end_date)" \
	" FROM " REFERENTS("r") \
	" WHERE" COORD("r") " AND r.end_date < :asof) AS x_last_end, " \
	COVER_END " AS x_cover_end, (SELECT count(*)" \
	" FROM " MEASURES("m") \
	" WHERE m.person_id = f.person_id AND" ACTIVE("m") ") +" \
	" (SELECT count(*)" \
	" FROM " INVOLVEMENTS("i") \
	" WHERE i.person_id = f.person_id AND" ACTIVE("i") ") AS x_items," \
	" (SELECT d" \
	" FROM (SELECT m.start_date AS d" \
	" FROM " MEASURES("m") \
	" WHERE m.person_id = f.person_id AND" ACTIVE("m") \
	" UNION ALL SELECT i.start_date" \
	" FROM " INVOLVEMENTS("i") \
	" WHERE i.person_id = f.person_id AND" ACTIVE("i") ")" \
	" ORDER BY d LIMIT 1 OFFSET :critical_items - 1) AS x_items_since" \
	R_FROM \
	" WHERE" R_OPEN " AND NOT EXISTS (SELECT 1" \
	" FROM " REFERENTS("r") \
	" WHERE" COORD("r") " AND r.start_date <= :asof" \
	" AND (r.end_date IS NULL OR r.end_date >= :until)) AND NOT EXISTS" \
	" (SELECT 1" \
	" FROM " REFERENTS("r") \
	" WHERE" COORD("r") " AND r.start_date > :asof" \
	" AND r.start_date <= date(" COVER_END ", '+1 day')" \
	" AND (r.end_date IS NULL OR r.end_date >= :until))"

static const struct rule_param p_coordinator_leaving[] = {
	{ "days", PU_DAYS, 30, 0, 3650,
	  N_("days before the coordinator's end date") },
};

static void
assess_coordinator_leaving(const struct rule_ctx *c,
    const struct rule_row *r, struct rule_eval *e)
{
	e->due = dadd(rule_row_date(r, "end_date"), -P(0));
	e->severity = SEV_HIGH;
}

#define SQL_COORDINATOR_LEAVING \
	"SELECT " R_COLS \
	", 'referent:' || r.id AS refs, r.name AS x_name, r.end_date AS" \
	" end_date" \
	DRIVE("referents", "r") \
	" WHERE" R_OPEN " AND r.role = 'coordinator' AND" ACTIVE("r") \
	" AND r.end_date IS NOT NULL" \
	" AND r.end_date <= date(:until, '+' || :days || ' days') AND NOT" \
	" EXISTS (SELECT 1" \
	" FROM referents s" \
	" WHERE s.id = r.successor_id AND s.deleted_at IS NULL) AND NOT" \
	" EXISTS (SELECT 1" \
	" FROM " REFERENTS("o") \
	" WHERE o.person_id = r.person_id AND o.role = 'coordinator'" \
	" AND o.deleted_at IS NULL AND o.id <> r.id AND (o.end_date IS NULL" \
	" OR o.end_date > r.end_date))"

static void
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
#define SQL_MULTIPLE_COORDINATORS \
	"SELECT " R_COLS \
	", group_concat('referent:' || a.id || ' referent:' || b.id, ' ') AS" \
	" refs, min(max(a.start_date, b.start_date)) AS since" \
	DRIVE("referents", "a") \
	" CROSS JOIN " REFERENTS("b") " ON b.person_id = a.person_id" \
	" WHERE" R_OPEN " AND" OVERLAP("a") " AND" OVERLAP("b") \
	" AND a.rowid < b.rowid AND a.person_id IN" \
	TWO_COORDINATORS("c.start_date <= :until" \
	" AND (c.end_date IS NULL OR c.end_date >= :asof)") \
	" AND max(a.start_date, b.start_date) <= min( ifnull(a.end_date," \
	" '9999-12-31'), ifnull(b.end_date, '9999-12-31'))" \
	" AND (a.successor_id IS NULL OR a.successor_id <> b.id)" \
	" AND (b.successor_id IS NULL OR b.successor_id <> a.id)" \
	" GROUP BY a.person_id"

static const struct rule_param p_handover[] = {
	{ "days", PU_DAYS, 30, 0, 3650,
	  N_("days after the new coordinator's start") },
};

static void
assess_handover(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	e->due = dadd(rule_row_date(r, "start_date"), P(0));
	e->severity = SEV_MEDIUM;
}

/* A coordinator who took over (named successor, or started after another
 * one) and no contact with the person since the start.  The "handover"
 * journal entry that a handover writes by itself is not a contact. */
#define SQL_HANDOVER_UNCONFIRMED \
	"SELECT " R_COLS \
	", 'referent:' || r.id AS refs, r.name AS x_name, r.start_date AS" \
	" start_date" \
	DRIVE("referents", "r") \
	" WHERE" R_OPEN " AND r.role = 'coordinator' AND" ACTIVE("r") \
	" AND r.start_date <= date(:until, '-' || :days || ' days')" \
	" AND r.person_id IN" TWO_COORDINATORS("1") " AND EXISTS (SELECT 1" \
	" FROM " REFERENTS("o") \
	" WHERE o.person_id = r.person_id AND o.role = 'coordinator'" \
	" AND o.deleted_at IS NULL AND o.id <> r.id" \
	" AND (o.successor_id = r.id OR o.start_date < r.start_date))" \
	" AND ifnull(" LAST("last_visit", "r.person_id", \
	" AND +e.kind IN ('contact','home_visit','call')") ", '')" \
	" < r.start_date"

static const struct rule_param p_no_recent_contact[] = {
	{ "days", PU_DAYS, 90, 1, 3650,
	  N_("days without contact (files of normal risk)") },
	{ "days_high_risk", PU_DAYS, 30, 1, 3650,
	  N_("days without contact (files of high risk)") },
};

static void
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

#define SQL_NO_RECENT_CONTACT \
	"SELECT *" \
	" FROM (SELECT " R_COLS \
	", 'file:' || f.id AS refs, f.risk_level AS risk_level, f.opened_on" \
	" AS opened_on," LAST_CONTACT("f.person_id") " AS last_contact" \
	R_FROM \
	" WHERE" R_OPEN ")" \
	" WHERE max(ifnull(last_contact, ''), opened_on) <= date(:until, '-'" \
	" || CASE risk_level WHEN 'high' THEN :days_high_risk ELSE :days END" \
	" || ' days')"

static const struct rule_param p_no_meeting[] = {
	{ "partners", PU_COUNT, 3, 1, 100,
	  N_("partners actively involved") },
	{ "days", PU_DAYS, 180, 1, 3650,
	  N_("days without a coordination meeting") },
};

static void
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

#define SQL_NO_COORDINATION_MEETING \
	"SELECT *" \
	" FROM (SELECT " R_COLS ", 'file:' || f.id AS refs," \
	" (SELECT group_concat('involvement:' || i.id, ' ')" \
	" FROM " INVOLVEMENTS("i") \
	" WHERE i.person_id = f.person_id AND" ACTIVE("i") " ) AS x_refs," \
	" (SELECT count(DISTINCT i.partner_id)" \
	" FROM " INVOLVEMENTS("i") \
	" WHERE i.person_id = f.person_id AND" ACTIVE("i") ") AS partners," \
	" (SELECT i.start_date" \
	" FROM " INVOLVEMENTS("i") \
	" WHERE i.person_id = f.person_id AND" ACTIVE("i") \
	" ORDER BY i.start_date LIMIT 1 OFFSET :partners - 1) AS since," \
	LAST_OF("last_meeting", "coordination_meeting", "f.person_id") \
	" AS last_meeting" \
	R_FROM \
	" WHERE" R_OPEN " AND (SELECT count(*)" \
	" FROM " INVOLVEMENTS("i") \
	" WHERE i.person_id = f.person_id AND" ACTIVE("i") ") >= :partners)" \
	" WHERE partners >= :partners" \
	" AND max(since, ifnull(last_meeting, '')) <= date(:until, '-' ||" \
	" :days || ' days')"

static const struct rule_param p_referral[] = {
	{ "days", PU_DAYS, 30, 1, 3650, N_("days after sending") },
};

static void
assess_referral(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	e->due = dadd(rule_row_date(r, "sent_on"), P(0));
	e->severity = SEV_MEDIUM;
}

#define SQL_REFERRAL_UNANSWERED \
	"SELECT " R_COLS \
	", 'referral:' || r.id AS refs, r.sent_on AS sent_on, pa.name AS" \
	" x_partner" \
	DRIVE("referrals", "r") \
	" LEFT JOIN partners pa ON pa.id = r.partner_id" \
	" WHERE" R_OPEN " AND r.deleted_at IS NULL" \
	" AND r.status <> 'cancelled' AND r.sent_on <= :asof" \
	" AND (r.answered_on IS NULL OR r.answered_on > :asof)" \
	" AND r.sent_on <= date(:until, '-' || :days || ' days')"

static void
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
#define SQL_CONSENT_MISSING \
	CONSENT_COLS \
	"$ALL[ FROM involvements i INDEXED BY involvements_gaps_consent" \
	" CROSS JOIN files f INDEXED BY files_gaps" \
	" ON f.person_id = i.person_id" \
	" AND i.person_id BETWEEN :scope_lo AND :scope_hi]" \
	"$SOME[ FROM files f CROSS JOIN involvements i" \
	" INDEXED BY involvements_gaps_consent ON i.person_id = f.person_id]" \
	R_PERSON \
	" LEFT JOIN partners pa ON pa.id = i.partner_id" CONSENT_WHERE \
	" AND i.legal_basis = 'none'" \
	" UNION ALL " CONSENT_COLS \
	"$ALL[ FROM persons p INDEXED BY persons_gaps" \
	" CROSS JOIN involvements i INDEXED BY involvements_gaps_consent" \
	" ON i.person_id = p.id AND p.id BETWEEN :scope_lo AND :scope_hi" \
	" CROSS JOIN files f INDEXED BY files_gaps ON f.person_id = p.id]" \
	"$SOME[ FROM files f CROSS JOIN persons p ON p.id = f.person_id" \
	" CROSS JOIN involvements i INDEXED BY involvements_gaps_consent" \
	" ON i.person_id = p.id]" \
	" LEFT JOIN partners pa ON pa.id = i.partner_id" CONSENT_WHERE \
	" AND i.legal_basis = 'consent' AND p.deleted_at IS NULL" \
	" AND p.consent IN ('refused','withdrawn')"

static const struct rule_param p_project_review[] = {
	{ "warn_days", PU_DAYS, 30, 0, 3650,
	  N_("days of warning before the review date") },
};

static void
assess_project_review(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	e->due = rule_row_date(r, "next_review");
	e->warn_from = dadd(e->due, -P(0));
	e->severity = col_is(r, "kind", "ppe") ? SEV_HIGH : SEV_MEDIUM;
}

/* The APA care plan has its own rule (APA_REVIEW_OVERDUE). */
#define SQL_PROJECT_REVIEW_OVERDUE \
	"SELECT " R_COLS \
	", 'project:' || j.id AS refs, j.kind AS kind, j.next_review AS" \
	" next_review, j.title AS x_title" \
	DRIVE("projects", "j") \
	" WHERE" R_OPEN " AND j.deleted_at IS NULL AND j.status = 'active'" \
	" AND j.kind <> 'apa_plan' AND j.next_review IS NOT NULL" \
	" AND (j.end_date IS NULL OR j.end_date >= :asof)" \
	" AND j.next_review <= date(:until, '+' || :warn_days || ' days')"

static void
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

#define SQL_CLOSED_WITH_ACTIVE_ITEMS \
	"SELECT " R_COLS ", 'file:' || f.id AS refs," \
	" f.closed_on AS closed_on," \
	" (SELECT count(*)" CLOSED_MEASURES ") AS measures," \
	" (SELECT count(*)" CLOSED_RIGHTS ") AS rights," \
	" (SELECT count(*)" CLOSED_INVOLVEMENTS ") AS involvements," \
	" (SELECT count(*)" CLOSED_COORDINATORS ") AS coordinators," \
	" (SELECT group_concat(x, ' ') FROM (" \
	" SELECT 'measure:' || m.id AS x" CLOSED_MEASURES \
	" UNION ALL SELECT 'right:' || r.id" CLOSED_RIGHTS \
	" UNION ALL SELECT 'involvement:' || i.id" CLOSED_INVOLVEMENTS \
	" UNION ALL SELECT 'referent:' || c.id" CLOSED_COORDINATORS \
	")) AS x_refs" \
	R_FROM \
	" WHERE" R_LIVE " AND f.closed_on IS NOT NULL" \
	" AND f.closed_on <= :until" \
	" AND (EXISTS (SELECT 1" CLOSED_MEASURES ")" \
	" OR EXISTS (SELECT 1" CLOSED_RIGHTS ")" \
	" OR EXISTS (SELECT 1" CLOSED_INVOLVEMENTS ")" \
	" OR EXISTS (SELECT 1" CLOSED_COORDINATORS "))"

/* B. Child protection -------------------------------------------------- */

static const struct rule_param p_ppe[] = {
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

static void
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
#define SQL_PPE_NOT_ESTABLISHED \
	"SELECT " R_COLS \
	", group_concat('measure:' || m.id, ' ') AS refs, min(m.start_date)" \
	" AS start_date, m.kind AS kind, m.nature AS nature" \
	DRIVE("measures", "m") \
	" WHERE" R_OPEN " AND m.kind IN " ASE_KINDS " AND" ACTIVE("m") " AND" \
	" NOT EXISTS (SELECT 1" \
	" FROM " PROJECTS("j") \
	" WHERE j.person_id = f.person_id AND j.kind = 'ppe'" \
	" AND j.status = 'active' AND j.deleted_at IS NULL" \
	" AND ifnull(coalesce(j.signed_on, j.start_date), '') <= :asof" \
	" AND (j.end_date IS NULL OR j.end_date >= :asof))" \
	" GROUP BY m.person_id" \
	" HAVING min(m.start_date) <= max( date(:until, '-' || :months ||" \
	" ' months', '+3 days'), date(:asof, '-' || :warn_months ||" \
	" ' months', '+3 days'))"

static const struct rule_param p_report[] = {
	{ "months", PU_MONTHS, 12, 1, 120,
	  N_("months between situation reports") },
	{ "months_young", PU_MONTHS, 6, 1, 120,
	  N_("months between reports for a young child") },
	{ "young_age", PU_YEARS, 3, 0, 18,
	  N_("age under which a child is young (some texts say 2)") },
	{ "warn_days", PU_DAYS, 30, 0, 3650,
	  N_("days of warning before the report is due") },
};

static void
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

#define SQL_SITUATION_REPORT_OVERDUE \
	"SELECT " R_COLS \
	", group_concat('measure:' || m.id, ' ') AS refs, min(m.start_date)" \
	" AS start_date, m.kind AS kind," \
	LAST_OF("last_report", "situation_report", "f.person_id") \
	" AS last_report" \
	DRIVE("measures", "m") \
	" WHERE" R_OPEN " AND m.kind IN " ASE_KINDS " AND" ACTIVE("m") \
	" GROUP BY m.person_id" \
	" HAVING max(ifnull(last_report, ''), min(m.start_date)) <=" \
	" date(:until, '-' || min(:months, :months_young) || ' months', '+'" \
	" || :warn_days || ' days', '+3 days')"

static const struct rule_param p_measure_expiry[] = {
	{ "days", PU_DAYS, 90, 0, 3650, N_("days before the end") },
};

static void
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
#define SQL_MEASURE_EXPIRY \
	"SELECT " R_COLS \
	", 'measure:' || m.id AS refs, m.kind AS kind, m.nature AS nature," \
	" m.end_date AS end_date" \
	DRIVE("measures", "m") \
	" WHERE" R_OPEN " AND m.deleted_at IS NULL AND m.kind" \
	" NOT IN ('tutelle','curatelle','sauvegarde','masp')" \
	" AND m.end_date IS NOT NULL AND m.start_date <= :asof" \
	" AND (m.renewal_requested_on IS NULL" \
	" OR m.renewal_requested_on > :asof) AND m.hearing_date IS NULL" \
	" AND m.end_date <= date(:until, '+' || :days || ' days')" \
	" AND (m.end_date >= :asof OR (m.end_date >= f.opened_on AND NOT" \
	" EXISTS (SELECT 1" \
	" FROM " MEASURES("n") \
	" WHERE n.person_id = m.person_id AND n.deleted_at IS NULL" \
	" AND n.id <> m.id AND n.start_date <= :asof AND (n.end_date IS NULL" \
	" OR n.end_date > m.end_date))))"

static const struct rule_param p_instability[] = {
	{ "changes", PU_COUNT, 2, 1, 100, N_("changes of placement") },
	{ "months", PU_MONTHS, 12, 1, 120, N_("months looked back") },
};

static int
date_cmp(const void *a, const void *b)
{
	date_t	x = *(const date_t *)a, y = *(const date_t *)b;

	return (x < y ? -1 : x > y);
}

static void
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
#define SQL_PLACEMENT_INSTABILITY \
	"SELECT " R_COLS \
	", 'file:' || f.id AS refs, group_concat('measure:' || m.id, ' ') AS" \
	" x_refs, group_concat(m.start_date, ' ') AS x_dates" \
	DRIVE("measures", "m") \
	" WHERE" R_OPEN " AND m.kind = 'placement' AND m.deleted_at IS NULL" \
	" AND m.start_date <= :asof" \
	" AND m.start_date > date(:asof, '-' || :months || ' months'," \
	" '-3 days') AND EXISTS (SELECT 1" \
	" FROM " MEASURES("o") \
	" WHERE o.person_id = m.person_id AND o.kind = 'placement'" \
	" AND o.deleted_at IS NULL AND o.id <> m.id" \
	" AND o.start_date < m.start_date)" \
	" GROUP BY m.person_id" \
	" HAVING count(*) >= :changes"

static const struct rule_param p_majority[] = {
	{ "days_after_entry", PU_DAYS, 30, 0, 3650,
	  N_("days after entering care after 17") },
};

static void
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

#define SQL_MAJORITY_INTERVIEW_MISSING \
	"SELECT " R_COLS \
	", group_concat('measure:' || m.id, ' ') AS refs, min(m.start_date)" \
	" AS start_date, m.kind AS kind" \
	DRIVE("measures", "m") \
	R_PERSON \
	" WHERE" R_OPEN " AND m.kind IN " CARE_KINDS " AND" ACTIVE("m") \
	" AND p.birth_date IS NOT NULL" \
	" AND p.birth_date <= date(:until, '-17 years', '+2 days')" \
	" AND p.birth_date > date(:asof, '-18 years', '-2 days') AND" \
	LAST_OF("last_interview", "majority_interview", "p.id") " IS NULL" \
	" GROUP BY m.person_id"

static const struct rule_param p_care_leaver[] = {
	{ "days", PU_DAYS, 30, 0, 3650, N_("days after the measure ended") },
};

static void
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
#define SQL_CARE_LEAVER_WITHOUT_SUPPORT \
	"SELECT " R_COLS \
	", 'measure:' || m.id AS refs, m.kind AS kind, m.end_date AS end_date" \
	DRIVE("measures", "m") \
	R_PERSON \
	" WHERE" R_LIVE " AND f.opened_on <= :asof AND (f.closed_on IS NULL" \
	" OR f.closed_on > :asof OR f.closing_reason" \
	" NOT IN ('deceased','moved','refused','handed_over'))" \
	" AND p.birth_date IS NOT NULL" \
	" AND p.birth_date <= date(:until, '-18 years', '+2 days')" \
	" AND p.birth_date > date(:asof, '-21 years', '-2 days')" \
	" AND m.kind IN " LEAVER_KINDS " AND m.deleted_at IS NULL" \
	" AND m.end_date IS NOT NULL AND m.end_date < :asof AND NOT EXISTS" \
	" (SELECT 1" \
	" FROM " MEASURES("n") \
	" WHERE n.person_id = p.id AND n.kind IN " LEAVER_KINDS \
	" AND n.deleted_at IS NULL AND n.id <> m.id AND n.start_date <= :asof" \
	" AND (n.end_date IS NULL OR n.end_date > m.end_date" \
	" OR (n.end_date = m.end_date AND n.id > m.id)))" \
	" AND ifnull(" LAST_OF("last_follow_up", "follow_up", "p.id") ", '')" \
	" < m.end_date"

/* C. Adults ------------------------------------------------------------- */

static const struct rule_param p_adult_protection[] = {
	{ "months", PU_MONTHS, 6, 0, 120, N_("months before the end") },
};

static void
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

#define SQL_ADULT_PROTECTION_EXPIRY \
	"SELECT " R_COLS \
	", 'measure:' || m.id AS refs, m.kind AS kind, m.end_date AS end_date" \
	DRIVE("measures", "m") \
	" WHERE" R_OPEN " AND m.deleted_at IS NULL AND m.kind IN " \
	PROTECTION_KINDS " AND m.end_date IS NOT NULL" \
	" AND m.start_date <= :asof AND (m.renewal_requested_on IS NULL" \
	" OR m.renewal_requested_on > :asof) AND m.hearing_date IS NULL" \
	" AND m.end_date <= date(:until, '+' || :months || ' months'," \
	" '+3 days') AND (m.end_date >= :asof OR (m.end_date >= f.opened_on" \
	" AND NOT EXISTS (SELECT 1" \
	" FROM " MEASURES("n") \
	" WHERE n.person_id = m.person_id AND n.deleted_at IS NULL" \
	" AND n.kind IN " PROTECTION_KINDS " AND n.id <> m.id" \
	" AND n.start_date <= :asof AND (n.end_date IS NULL" \
	" OR n.end_date > m.end_date))))"

static const struct rule_param p_masp[] = {
	{ "days", PU_DAYS, 60, 0, 3650, N_("days before the end") },
	{ "total_months", PU_MONTHS, 42, 1, 600,
	  N_("months since the first MASP began") },
	{ "eval_months", PU_MONTHS, 6, 0, 120,
	  N_("months before the end in which an evaluation counts") },
};

static void
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
#define SQL_MASP_TERM_REACHED \
	"SELECT " R_COLS \
	", 'measure:' || m.id AS refs, 0 AS variant, m.end_date AS end_date," \
	" NULL AS first_start, NULL AS x_refs" \
	DRIVE("measures", "m") \
	" WHERE" R_OPEN " AND m.kind = 'masp' AND" ACTIVE("m") \
	" AND m.end_date IS NOT NULL" \
	" AND m.end_date <= date(:until, '+' || :days || ' days')" \
	" AND (m.renewal_requested_on IS NULL" \
	" OR m.renewal_requested_on > :asof) AND NOT EXISTS (SELECT 1" \
	" FROM " MEASURES("n") \
	" WHERE n.person_id = m.person_id AND n.kind = 'masp'" \
	" AND n.deleted_at IS NULL AND n.id <> m.id" \
	" AND n.start_date > m.start_date AND n.start_date <= :asof" \
	" AND (n.end_date IS NULL OR n.end_date > m.end_date))" \
	" AND ifnull(" LAST("last_review", "m.person_id", \
	" AND +e.kind IN ('situation_report','coordination_meeting')") \
	", '') < date(m.end_date, '-' || :eval_months || ' months')" \
	" UNION ALL SELECT " R_COLS ", 'file:' || f.id, 1, NULL, " MASP_FIRST \
	", group_concat('measure:' || m.id, ' ')" \
	DRIVE("measures", "m") \
	" WHERE" R_OPEN " AND m.kind = 'masp' AND" ACTIVE("m") " AND " \
	MASP_FIRST \
	" <= date(:until, '-' || :total_months || ' months', '+3 days')" \
	" GROUP BY m.person_id"

static const struct rule_param p_rsa_contract[] = {
	{ "months", PU_MONTHS, 1, 0, 120,
	  N_("months after the orientation") },
};

static void
assess_rsa_contract(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	e->due = date_add_months(rule_row_date(r, "oriented_on"), P(0));
	e->severity = SEV_MEDIUM;
}

#define SQL_RSA_CONTRACT_MISSING \
	"SELECT " R_COLS \
	", 'right:' || r.id AS refs, r.oriented_on AS oriented_on" \
	DRIVE("rights", "r") \
	" WHERE" R_OPEN " AND r.kind = 'rsa' AND" RIGHT_ACTIVE("r") \
	" AND r.orientation = 'department' AND r.oriented_on <= :asof" \
	" AND r.oriented_on <= date(:until, '-' || :months || ' months'," \
	" '+3 days') AND NOT EXISTS (SELECT 1" \
	" FROM " PROJECTS("j") \
	" WHERE j.person_id = r.person_id AND j.kind = 'contrat_engagement'" \
	" AND j.deleted_at IS NULL AND j.status = 'active'" \
	" AND j.signed_on <= :asof AND (j.end_date IS NULL" \
	" OR j.end_date >= :asof))"

static const struct rule_param p_rsa_orientation[] = {
	{ "days", PU_DAYS, 42, 0, 3650,
	  N_("days after the right opened (6 weeks)") },
};

static void
assess_rsa_orientation(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	e->due = dadd(rule_row_date(r, "opened"), P(0));
	e->severity = SEV_MEDIUM;
}

#define SQL_RSA_ORIENTATION_OVERDUE \
	"SELECT " R_COLS \
	", 'right:' || r.id AS refs, coalesce(r.start_date, r.decision_on)" \
	" AS opened" \
	DRIVE("rights", "r") \
	" WHERE" R_OPEN " AND r.kind = 'rsa' AND" RIGHT_ACTIVE("r") \
	" AND coalesce(r.start_date, r.decision_on) <= date(:until, '-' ||" \
	" :days || ' days') AND (r.oriented_on IS NULL" \
	" OR r.oriented_on > :asof)"

static const struct rule_param p_right_expiry[] = {
	{ "mdph_months", PU_MONTHS, 6, 0, 120,
	  N_("months before the end: AAH, PCH, AEEH, RQTH, orientations") },
	{ "c2s_days", PU_DAYS, 60, 0, 3650, N_("days before the end: C2S") },
	{ "domiciliation_days", PU_DAYS, 30, 0, 3650,
	  N_("days before the end: domiciliation") },
	{ "other_days", PU_DAYS, 60, 0, 3650,
	  N_("days before the end: other rights") },
};

static void
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
#define SQL_RIGHT_EXPIRY \
	"SELECT " R_COLS \
	", 'right:' || r.id AS refs, r.kind AS kind, r.end_date AS end_date" \
	DRIVE("rights", "r") \
	" WHERE" R_OPEN " AND r.deleted_at IS NULL AND r.status = 'granted'" \
	" AND r.for_life = 0 AND r.end_date IS NOT NULL" \
	" AND ifnull(coalesce(r.start_date, r.decision_on), '') <= :asof" \
	" AND (r.renewal_requested_on IS NULL" \
	" OR r.renewal_requested_on > :asof)" \
	" AND r.end_date <= date(:until, '+' || max(:mdph_months * 31 + 3," \
	" :c2s_days, :domiciliation_days, :other_days) || ' days')" \
	" AND (r.end_date >= :asof OR (r.end_date >= f.opened_on AND NOT" \
	" EXISTS (SELECT 1" \
	" FROM " RIGHTS("n") \
	" WHERE n.person_id = r.person_id AND n.kind = r.kind" \
	" AND n.deleted_at IS NULL AND n.id <> r.id" \
	" AND n.status IN ('granted','requested')" \
	" AND ifnull(coalesce(n.start_date, n.filed_on), '') <= :asof" \
	" AND (n.end_date IS NULL OR n.end_date > r.end_date))))"

static const struct rule_param p_decision[] = {
	{ "mdph_months", PU_MONTHS, 4, 1, 120,
	  N_("months after filing: MDPH requests") },
	{ "apa_months", PU_MONTHS, 2, 1, 120,
	  N_("months after the APA file is complete") },
	{ "domiciliation_months", PU_MONTHS, 2, 1, 120,
	  N_("months after filing: domiciliation") },
};

static void
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

#define SQL_DECISION_OVERDUE \
	"SELECT " R_COLS \
	", 'right:' || r.id AS refs, r.kind AS kind, r.filed_on AS filed_on," \
	" r.complete_on AS complete_on" \
	DRIVE("rights", "r") \
	" WHERE" R_OPEN " AND r.deleted_at IS NULL" \
	" AND r.kind IN ('aah','pch','aeeh','rqth','mdph_orientation'," \
	" 'adult_orientation','apa','domiciliation') AND r.filed_on <= :asof" \
	" AND (r.decision_on IS NULL OR r.decision_on > :asof)" \
	" AND (r.status = 'requested' OR r.decision_on > :asof)" \
	" AND (r.kind <> 'apa' OR r.complete_on <= :asof)" \
	" AND CASE r.kind WHEN 'apa' THEN r.complete_on ELSE r.filed_on END" \
	" <= date(:until, '-' || min(:mdph_months, :apa_months," \
	" :domiciliation_months) || ' months', '+3 days')"

static const struct rule_param p_creton[] = {
	{ "adult_age", PU_YEARS, 18, 0, 120,
	  N_("age from which an adult orientation is needed") },
	{ "creton_age", PU_YEARS, 20, 0, 120,
	  N_("age from which the stay rests on the amendement Creton") },
};

static void
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

#define SQL_CRETON_TRANSITION \
	"SELECT " R_COLS \
	", group_concat('involvement:' || i.id, ' ') AS refs, pa.name AS" \
	" x_partner, EXISTS (SELECT 1" \
	" FROM " RIGHTS("r") \
	" WHERE r.person_id = f.person_id AND r.kind = 'adult_orientation'" \
	" AND r.deleted_at IS NULL AND r.status <> 'refused'" \
	" AND ifnull(coalesce(r.filed_on, r.decision_on, r.start_date), '')" \
	" <= :asof) AS orientation_requested" \
	DRIVE("involvements", "i") \
	R_PERSON \
	" JOIN partners pa ON pa.id = i.partner_id" \
	" WHERE" R_OPEN " AND" ACTIVE("i") " AND +i.partner_id IN (SELECT c.id" \
	" FROM partners c" \
	" WHERE c.kind = 'children_establishment')" \
	" AND p.birth_date <= date(:until, '-' || min(:adult_age," \
	" :creton_age) || ' years', '+2 days')" \
	" GROUP BY i.person_id"

static const struct rule_param p_age60[] = {
	{ "months", PU_MONTHS, 3, 0, 120,
	  N_("months before the 60th birthday") },
};

static void
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

#define SQL_AGE_60_PCH_APA_CHOICE \
	"SELECT " R_COLS ", 'right:' || r.id AS refs" \
	DRIVE("rights", "r") \
	R_PERSON \
	" WHERE" R_OPEN " AND r.kind = 'pch' AND" RIGHT_ACTIVE("r") \
	" AND p.birth_date <= date(:until, '+' || :months || ' months'," \
	" '-60 years', '+3 days') AND" \
	LAST_OF("last_choice", "pch_apa_choice", "p.id") " IS NULL"

static const struct rule_param p_apa_review[] = {
	{ "warn_days", PU_DAYS, 0, 0, 3650,
	  N_("days of warning before the review date") },
};

static void
assess_apa_review(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	e->due = rule_row_date(r, "next_review");
	if (P(0) > 0)
		e->warn_from = dadd(e->due, -P(0));
	e->severity = SEV_MEDIUM;
}

#define SQL_APA_REVIEW_OVERDUE \
	"SELECT " R_COLS \
	", 'project:' || j.id AS refs, j.next_review AS next_review" \
	DRIVE("projects", "j") \
	" WHERE" R_OPEN " AND j.deleted_at IS NULL AND j.kind = 'apa_plan'" \
	" AND j.status = 'active' AND j.next_review IS NOT NULL" \
	" AND (j.end_date IS NULL OR j.end_date >= :asof)" \
	" AND j.next_review <= date(:until, '+' || :warn_days || ' days')"

/* D. Data protection ---------------------------------------------------- */

static const struct rule_param p_retention[] = {
	{ "months", PU_MONTHS, 24, 1, 600,
	  N_("months after the last contact or activity") },
};

static void
assess_retention(const struct rule_ctx *c, const struct rule_row *r,
    struct rule_eval *e)
{
	date_t	last;

	last = dmax(rule_row_date(r, "last_event"),
	    rule_row_date(r, "opened_on"));
	last = dmax(last, rule_row_date(r, "closed_on"));
	last = dmax(last, rule_row_date(r, "last_record"));
	e->when = last;
	e->due = date_add_months(last, P(0));
	e->severity = SEV_LOW;
}

/*
 * Activity: journal entries, the opening and closing of the file, the
 * start and end of measures and rights.  A file with a measure or a right
 * still running is active.
 */
#define SQL_RETENTION_DUE \
	"SELECT *" \
	" FROM (SELECT " R_COLS \
	", 'file:' || f.id AS refs, f.opened_on AS opened_on, CASE WHEN" \
	" f.closed_on <= :asof THEN f.closed_on END AS closed_on," \
	LAST_EVENT("f.person_id") " AS last_event, (SELECT max(d)" \
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
	" AND r.end_date <= :asof)) AS last_record" \
	R_FROM \
	" WHERE" R_LIVE " AND f.opened_on <= :asof" \
	" AND ifnull(" LAST_EVENT("f.person_id") ", '') <= date(:until, '-'" \
	" || :months ||" \
	" ' months', '+3 days') AND NOT EXISTS (SELECT 1" \
	" FROM " MEASURES("m") \
	" WHERE m.person_id = f.person_id AND" ACTIVE("m") ") AND NOT EXISTS" \
	" (SELECT 1" \
	" FROM " RIGHTS("r") \
	" WHERE r.person_id = f.person_id AND" RIGHT_ACTIVE("r") "))" \
	" WHERE max(ifnull(last_event, ''), opened_on, ifnull(closed_on," \
	" ''), ifnull(last_record, '')) <= date(:until, '-' || :months ||" \
	" ' months', '+3 days')"

/* The table ------------------------------------------------------------ */

#define PARAMS(a) a, nitems(a)
#define NO_PARAMS NULL, 0

/*
 * TRANSLATORS: in the explanations and in "why", keep every {name} as it
 * is (it is replaced by a date, a number or a label); a leading ^ asks
 * for a capital letter.
 */
const struct rule rules[] = {
	{ "NO_COORDINATOR", 'A', SEV_HIGH,
	  N_("open file without a coordinating referent"),
	  PARAMS(p_no_coordinator), SQL_NO_COORDINATOR,
	  assess_no_coordinator,
	  { N_("No coordinator (référent de parcours) from {due}."),
	    N_("No coordinator (référent de parcours) from {due}, with "
		"{x_items} measures or partner involvements running since "
		"{when}."), NULL },
	  N_("when several professionals intervene, one référent de parcours "
	      "coordinates so that the pathway does not rest on the person"),
	  N_("CASF L.121-6-2; schémas des solidarités"),
	  N_("Name a coordinator (référent de parcours) and tell the person "
	      "and the partners.") },

	{ "COORDINATOR_LEAVING", 'A', SEV_HIGH,
	  N_("coordinator leaving with no successor named"),
	  PARAMS(p_coordinator_leaving), SQL_COORDINATOR_LEAVING,
	  assess_coordinator_leaving,
	  { N_("Coordinator {x_name} leaves on {end_date} and no successor "
		"is named."), NULL, NULL },
	  N_("a coordinator who leaves without a named successor leaves the "
	      "person without a référent"),
	  N_("practice"),
	  N_("Name the successor and plan a handover meeting with the "
	      "person.") },

	{ "MULTIPLE_COORDINATORS", 'A', SEV_MEDIUM,
	  N_("two or more coordinators at once"),
	  NO_PARAMS, SQL_MULTIPLE_COORDINATORS,
	  assess_multiple_coordinators,
	  { N_("Several coordinators are active at once from {since}."),
	    NULL, NULL },
	  N_("with two coordinators nobody knows who leads the pathway"),
	  N_("practice"),
	  N_("Keep one coordinator: end the other role, or record who "
	      "succeeds whom.") },

	{ "HANDOVER_UNCONFIRMED", 'A', SEV_MEDIUM,
	  N_("new coordinator with no contact recorded"),
	  PARAMS(p_handover), SQL_HANDOVER_UNCONFIRMED, assess_handover,
	  { N_("Coordinator {x_name} took over on {start_date} and no "
		"contact with the person is recorded since."), NULL, NULL },
	  N_("a handover is real only once the person has met the new "
	      "coordinator"),
	  N_("practice"),
	  N_("Meet or call the person with the new coordinator and record "
	      "it in the journal.") },

	{ "NO_RECENT_CONTACT", 'A', SEV_MEDIUM,
	  N_("no recent contact with the person"),
	  PARAMS(p_no_recent_contact), SQL_NO_RECENT_CONTACT,
	  assess_no_recent_contact,
	  { N_("No contact, visit, call or meeting recorded since "
		"{last_contact} ({risk_level:file.risk_level} risk file)."),
	    N_("No contact, visit, call or meeting recorded since the file "
		"was opened on {opened_on} ({risk_level:file.risk_level} "
		"risk file)."), NULL },
	  N_("a person nobody has seen for months is at risk of being lost "
	      "from view (perdu de vue)"),
	  N_("practice; threshold per file risk level"),
	  N_("Contact the person (call, visit or appointment) and record it "
	      "in the journal.") },

	{ "NO_COORDINATION_MEETING", 'A', SEV_MEDIUM,
	  N_("several partners and no coordination meeting"),
	  PARAMS(p_no_meeting), SQL_NO_COORDINATION_MEETING,
	  assess_no_meeting,
	  { N_("{partners} partners involved and no coordination meeting "
		"since {last_meeting}."),
	    N_("{partners} partners involved since {when} and no "
		"coordination meeting since then."), NULL },
	  N_("when several partners intervene, a regular meeting (synthèse) "
	      "keeps their actions consistent"),
	  N_("practice; schémas des solidarités"),
	  N_("Organise a coordination meeting with the partners and the "
	      "person, and record it.") },

	{ "REFERRAL_UNANSWERED", 'A', SEV_MEDIUM,
	  N_("referral to a partner with no answer"),
	  PARAMS(p_referral), SQL_REFERRAL_UNANSWERED, assess_referral,
	  { N_("Referral to {x_partner} sent on {sent_on} has had no "
		"answer."), NULL, NULL },
	  N_("an unanswered referral leaves the person waiting between two "
	      "services"),
	  N_("practice"),
	  N_("Call the partner; record the answer, or refer the person "
	      "elsewhere.") },

	{ "CONSENT_MISSING", 'A', SEV_MEDIUM,
	  N_("information shared with no consent or legal basis"),
	  NO_PARAMS, SQL_CONSENT_MISSING, assess_consent,
	  { N_("Information is shared with {x_partner} since {start_date} "
		"with no consent or legal basis recorded."),
	    N_("Information is shared with {x_partner} on the basis of "
		"consent, but the person's consent is "
		"{consent:person.consent}."), NULL },
	  N_("only strictly necessary information is shared, with the person "
	      "informed, on a recorded basis"),
	  N_("CASF L.226-2-2 (child protection), L.121-6-2 (social work)"),
	  N_("Record the person's consent or the legal basis of the "
	      "sharing, or stop sharing.") },

	{ "PROJECT_REVIEW_OVERDUE", 'A', SEV_MEDIUM,
	  N_("project review date passed"),
	  PARAMS(p_project_review), SQL_PROJECT_REVIEW_OVERDUE,
	  assess_project_review,
	  { N_("{^kind:project.kind}: review due on {next_review}."),
	    NULL, NULL },
	  N_("a project that is not reviewed no longer follows the person's "
	      "situation (the PPE at least once a year)"),
	  N_("CASF L.223-1-1 for the PPE; each project's own periodicity"),
	  N_("Hold the review with the person, update the objectives and set "
	      "the next review date.") },

	{ "CLOSED_WITH_ACTIVE_ITEMS", 'A', SEV_HIGH,
	  N_("closed file with items still active"),
	  NO_PARAMS, SQL_CLOSED_WITH_ACTIVE_ITEMS, assess_closed_active,
	  { N_("File closed on {closed_on}, yet still running: {measures} "
		"measure(s), {rights} right(s) requested or being renewed, "
		"{involvements} partner involvement(s), {coordinators} "
		"coordinator(s)."), NULL, NULL },
	  N_("a file closed without ending or handing over what runs leaves "
	      "the partners and the person without a contact"),
	  N_("practice"),
	  N_("End or hand over each active item, or reopen the file.") },

	{ "PPE_NOT_ESTABLISHED", 'B', SEV_HIGH,
	  N_("child protection measure without a PPE"),
	  PARAMS(p_ppe), SQL_PPE_NOT_ESTABLISHED, assess_ppe,
	  { N_("{^kind:measure.kind} ({nature:measure.nature}) since "
		"{start_date} and no projet pour l'enfant."), NULL, NULL },
	  N_("the PPE must be drawn up within {=months} months of the "
	      "measure"),
	  N_("CASF L.223-1-1; décret 2016-1283"),
	  N_("Draw up the PPE with the child and the parents; name its "
	      "référent.") },

	{ "SITUATION_REPORT_OVERDUE", 'B', SEV_HIGH,
	  N_("situation report on a child too old"),
	  PARAMS(p_report), SQL_SITUATION_REPORT_OVERDUE, assess_report,
	  { N_("Last situation report on {last_report}; "
		"{kind:measure.kind} since {start_date}."),
	    N_("No situation report since the {kind:measure.kind} began on "
		"{start_date}."), NULL },
	  N_("the situation of a child in a measure is reported at least "
	      "every {=months} months ({=months_young} under "
	      "{=young_age})"),
	  N_("CASF L.223-5, D.223-13; art. 375 C. civ."),
	  N_("Write the situation report with the child and the parents, and "
	      "send it to the judge or the ASE.") },

	{ "MEASURE_EXPIRY", 'B', SEV_HIGH,
	  N_("measure ending with no renewal"),
	  PARAMS(p_measure_expiry), SQL_MEASURE_EXPIRY,
	  assess_measure_expiry,
	  { N_("{^kind:measure.kind} ({nature:measure.nature}) ends on "
		"{end_date} with no renewal requested and no hearing set."),
	    N_("{^kind:measure.kind} ({nature:measure.nature}) ended on "
		"{end_date} with no renewal, and the file is still open."),
	    NULL },
	  N_("a measure that lapses unnoticed leaves the person without "
	      "support or protection (judicial: 2 years at most, "
	      "administrative: 1 year)"),
	  N_("art. 375 C. civ.; CASF L.223-5"),
	  N_("Evaluate the situation and request the renewal or the hearing "
	      "in time, or record the end of the support.") },

	{ "PLACEMENT_INSTABILITY", 'B', SEV_HIGH,
	  N_("repeated changes of placement"),
	  PARAMS(p_instability), SQL_PLACEMENT_INSTABILITY,
	  assess_instability,
	  { N_("{count} changes of placement in {=months} months, the "
		"latest on {when}."), NULL, NULL },
	  N_("repeated moves break the child's attachments and schooling; "
	      "the stability of the pathway is a duty"),
	  N_("CASF L.221-1"),
	  N_("Hold a coordination meeting on the placement project and look "
	      "for a stable place.") },

	{ "MAJORITY_INTERVIEW_MISSING", 'B', SEV_HIGH,
	  N_("no majority interview at 17"),
	  PARAMS(p_majority), SQL_MAJORITY_INTERVIEW_MISSING,
	  assess_majority,
	  { N_("In care ({kind:measure.kind}) since {start_date}, 17 on "
		"{when}; no majority interview recorded."),
	    N_("Entered care ({kind:measure.kind}) on {start_date}, after "
		"turning 17; no majority interview recorded."), NULL },
	  N_("the interview at 17 prepares the young person's autonomy "
	      "before majority"),
	  N_("CASF L.222-5-1"),
	  N_("Hold the majority interview with the young person and draw up "
	      "the projet d'accès à l'autonomie.") },

	{ "CARE_LEAVER_WITHOUT_SUPPORT", 'B', SEV_CRITICAL,
	  N_("young adult left care without support"),
	  PARAMS(p_care_leaver), SQL_CARE_LEAVER_WITHOUT_SUPPORT,
	  assess_care_leaver,
	  { N_("{^kind:measure.kind} ended on {end_date}; aged {age}, with "
		"neither a contrat jeune majeur nor a recorded follow-up."),
	    NULL, NULL },
	  N_("a young adult leaving care without support (sortie sèche) must "
	      "be offered accompaniment until 21"),
	  N_("CASF L.222-5 5° (loi 2022-140)"),
	  N_("Contact the young person; propose a contrat jeune majeur or "
	      "record the follow-up.") },

	{ "ADULT_PROTECTION_EXPIRY", 'C', SEV_HIGH,
	  N_("tutelle, curatelle or sauvegarde ending with no renewal"),
	  PARAMS(p_adult_protection), SQL_ADULT_PROTECTION_EXPIRY,
	  assess_adult_protection,
	  { N_("{^kind:measure.kind} ends on {end_date} with no renewal "
		"request."),
	    N_("{^kind:measure.kind} ended on {end_date} with no renewal "
		"request, and the file is still open."), NULL },
	  N_("without a renewal judgement before its end the protection "
	      "lapses (tutelle and curatelle: 5 years at most)"),
	  N_("arts. 439, 441, 442 C. civ."),
	  N_("With the guardian (MJPM) or the family, send the renewal "
	      "request and the medical certificate to the juge des "
	      "tutelles.") },

	{ "MASP_TERM_REACHED", 'C', SEV_MEDIUM,
	  N_("MASP ending or reaching its 4-year maximum"),
	  PARAMS(p_masp), SQL_MASP_TERM_REACHED, assess_masp,
	  { N_("MASP ends on {end_date} with no evaluation recorded."),
	    N_("MASP since {first_start}: the 4-year maximum is reached on "
		"{when}."), NULL },
	  N_("a MASP lasts 6 months to 2 years, renewable up to 4 years; its "
	      "end is evaluated and prepared"),
	  N_("CASF L.271-2"),
	  N_("Evaluate the MASP with the person; prepare its renewal, its end "
	      "or a request to the judge (MAJ).") },

	{ "RSA_CONTRACT_MISSING", 'C', SEV_MEDIUM,
	  N_("RSA recipient without a contrat d'engagement"),
	  PARAMS(p_rsa_contract), SQL_RSA_CONTRACT_MISSING,
	  assess_rsa_contract,
	  { N_("RSA recipient oriented to the department on {oriented_on}; "
		"no contrat d'engagement signed."), NULL, NULL },
	  N_("an RSA recipient oriented to the department signs a contrat "
	      "d'engagement within {=months} month(s)"),
	  N_("CASF L.262-35; C. trav. D.5411-14-1 (2025 reform)"),
	  N_("Meet the person with the RSA référent and sign the contrat "
	      "d'engagement.") },

	{ "RSA_ORIENTATION_OVERDUE", 'C', SEV_MEDIUM,
	  N_("RSA recipient not oriented"),
	  PARAMS(p_rsa_orientation), SQL_RSA_ORIENTATION_OVERDUE,
	  assess_rsa_orientation,
	  { N_("RSA open since {opened} and no orientation recorded."),
	    NULL, NULL },
	  N_("an RSA recipient is oriented (France Travail, the department "
	      "or another body) within {=days} days of the opening"),
	  N_("CASF D.262-65-2 (décret 2024-1244)"),
	  N_("Record the orientation decision, or ask the department's "
	      "orientation team.") },

	{ "RIGHT_EXPIRY", 'C', SEV_HIGH,
	  N_("time-limited right ending with no renewal"),
	  PARAMS(p_right_expiry), SQL_RIGHT_EXPIRY, assess_right_expiry,
	  { N_("{^kind:right.kind} ends on {end_date} with no renewal "
		"requested."),
	    N_("{^kind:right.kind} ended on {end_date} with no renewal "
		"requested, and the file is still open."), NULL },
	  N_("a right not renewed in time stops: MDPH renewals take months, "
	      "the C2S is renewed 4 to 2 months ahead"),
	  N_("each decision's duration; domiciliation valid 1 year"),
	  N_("Help the person file the renewal request now, and record its "
	      "date.") },

	{ "DECISION_OVERDUE", 'C', SEV_MEDIUM,
	  N_("request with no decision in time"),
	  PARAMS(p_decision), SQL_DECISION_OVERDUE, assess_decision,
	  { N_("{^kind:right.kind} requested on {filed_on}; no decision after "
		"{=mdph_months} months (silence means refusal: appeal "
		"within 2 months)."),
	    N_("APA file complete on {complete_on}; no decision recorded."),
	    N_("{^kind:right.kind} requested on {filed_on}; no decision "
		"recorded.") },
	  N_("a request left without a decision leaves the person without "
	      "the right, and the delay of appeal runs"),
	  N_("CASF R.241-33; APA instruction delay"),
	  N_("Ask the instructing body (MDPH, department, CCAS) for the "
	      "decision; consider an appeal where silence means "
	      "refusal.") },

	{ "CRETON_TRANSITION", 'C', SEV_MEDIUM,
	  N_("young adult still in a children's establishment"),
	  PARAMS(p_creton), SQL_CRETON_TRANSITION, assess_creton,
	  { N_("Aged {age}, still in a children's establishment "
		"({x_partner}) with no adult orientation requested."),
	    N_("Aged {age}, still in a children's establishment "
		"({x_partner}): from {=creton_age} the stay rests on the "
		"amendement Creton."), NULL },
	  N_("a young adult kept in a children's establishment needs an "
	      "adult orientation and place"),
	  N_("CASF L.242-4"),
	  N_("File the adult orientation request with the MDPH and look for "
	      "an adult place.") },

	{ "AGE_60_PCH_APA_CHOICE", 'C', SEV_LOW,
	  N_("PCH recipient near 60 with no PCH/APA choice"),
	  PARAMS(p_age60), SQL_AGE_60_PCH_APA_CHOICE, assess_age60,
	  { N_("PCH recipient, 60 on {when}; no choice between PCH and APA "
		"recorded."), NULL, NULL },
	  N_("from 60 a PCH recipient who qualifies for the APA chooses "
	      "between the two"),
	  N_("CASF L.245-9"),
	  N_("Explain and compare the PCH and the APA with the person, and "
	      "record the choice.") },

	{ "APA_REVIEW_OVERDUE", 'C', SEV_MEDIUM,
	  N_("APA care plan review date passed"),
	  PARAMS(p_apa_review), SQL_APA_REVIEW_OVERDUE, assess_apa_review,
	  { N_("APA care plan: review due on {next_review}."), NULL, NULL },
	  N_("the APA care plan is reviewed so that the help follows the "
	      "person's loss of autonomy"),
	  N_("the APA decision's periodic review"),
	  N_("Hold the review visit and update the care plan.") },

	{ "RETENTION_DUE", 'D', SEV_LOW,
	  N_("file inactive past the retention period"),
	  PARAMS(p_retention), SQL_RETENTION_DUE, assess_retention,
	  { N_("No contact or activity since {when}."), NULL, NULL },
	  N_("personal data are kept only as long as needed: {=months} months "
	      "after the last contact the file moves to intermediate "
	      "archiving"),
	  N_("CNIL référentiel « accompagnement social » (2021)"),
	  N_("Close the file if it is open and move it to intermediate "
	      "archiving, or record the contact you had.") },
};

const size_t rules_count = nitems(rules);

const struct rule *
rules_find(const char *id)
{
	size_t	i;

	for (i = 0; i < rules_count; i++)
		if (strcasecmp(rules[i].id, id) == 0)
			return (&rules[i]);
	return (NULL);
}

int
rules_param_index(const struct rule *r, const char *name)
{
	size_t	i;

	for (i = 0; i < r->nparams; i++)
		if (strcmp(r->params[i].name, name) == 0)
			return ((int)i);
	return (-1);
}

static const char *const severity_names[SEV_COUNT] = {
	"low", "medium", "high", "critical"
};

const char *
severity_name(enum severity s)
{
	return (severity_names[s]);
}

const char *
severity_label(enum severity s)
{
	switch (s) {
	case SEV_LOW:
		return (_("LOW"));
	case SEV_MEDIUM:
		return (_("MEDIUM"));
	case SEV_HIGH:
		return (_("HIGH"));
	case SEV_CRITICAL:
		break;
	}
	return (_("CRITICAL"));
}

int
severity_parse(const char *s, enum severity *out)
{
	int	i;

	for (i = 0; i < SEV_COUNT; i++)
		if (strcasecmp(s, severity_names[i]) == 0) {
			*out = (enum severity)i;
			return (0);
		}
	return (-1);
}

const char *
param_unit_name(enum param_unit u)
{
	switch (u) {
	case PU_DAYS:
		return ("days");
	case PU_MONTHS:
		return ("months");
	case PU_YEARS:
		return ("years");
	case PU_COUNT:
		break;
	}
	return ("count");
}
