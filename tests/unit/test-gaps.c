/*
 * Unit tests for the rule table (rules.c), its SQL and the settings
 * (settings.c): the 26 rules of RULES.md are there once each, with a
 * query that prepares on the embedded schema in every scope (this links
 * the SQLCipher library the build uses, so on Debian 12 it is SQLite
 * 3.15.2), whose parameters are all known and whose explanation
 * templates name only columns the query returns; and a threshold is
 * refused unless it is a whole number within its bounds, with a message
 * naming the setting; and the period lists the assessments read.  The
 * behaviour of each rule is tested through the command line
 * (tests/cli/gaps-*.sh).
 */

#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "gaps.h"
#include "model.h"
#include "rules.h"
#include "rules-int.h"
#include "schema.h"
#include "settings.h"
#include "xmalloc.h"

/* The catalogue of RULES.md, in its order. */
static const char *const catalogue[] = {
	"NO_COORDINATOR", "COORDINATOR_LEAVING", "MULTIPLE_COORDINATORS",
	"HANDOVER_UNCONFIRMED", "NO_RECENT_CONTACT", "NO_COORDINATION_MEETING",
	"REFERRAL_UNANSWERED", "CONSENT_MISSING", "PROJECT_REVIEW_OVERDUE",
	"CLOSED_WITH_ACTIVE_ITEMS", "PPE_NOT_ESTABLISHED",
	"SITUATION_REPORT_OVERDUE", "MEASURE_EXPIRY", "PLACEMENT_INSTABILITY",
	"MAJORITY_INTERVIEW_MISSING", "CARE_LEAVER_WITHOUT_SUPPORT",
	"ADULT_PROTECTION_EXPIRY", "MASP_TERM_REACHED", "RSA_CONTRACT_MISSING",
	"RSA_ORIENTATION_OVERDUE", "RIGHT_EXPIRY", "DECISION_OVERDUE",
	"CRETON_TRANSITION", "AGE_60_PCH_APA_CHOICE", "APA_REVIEW_OVERDUE",
	"RETENTION_DUE"
};

static const enum scope_kind scopes[] = {
	SCOPE_ALL, SCOPE_MINE, SCOPE_WORKER, SCOPE_TEAM, SCOPE_UNASSIGNED,
	SCOPE_PERSON
};

/* An in-memory database with every migration applied. */
static sqlite3 *
schema_db(void)
{
	sqlite3	*db = NULL;
	char	*err = NULL;
	int	 i;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	for (i = 0; i < schema_count; i++)
		if (sqlite3_exec(db, schema_migrations[i].sql, NULL, NULL,
		    &err) != SQLITE_OK)
			fail_msg("%s: %s", schema_migrations[i].name, err);
	return (db);
}

static void
test_catalogue(void **state)
{
	size_t	i, j;

	(void)state;
	assert_int_equal(rules_count, nitems(catalogue));
	for (i = 0; i < rules_count; i++) {
		assert_string_equal(rules[i].id, catalogue[i]);
		assert_ptr_equal(rules_find(catalogue[i]), &rules[i]);
		assert_true(rules[i].section >= 'A' &&
		    rules[i].section <= 'D');
		assert_non_null(rules[i].sql);
		assert_non_null(rules[i].assess);
		assert_non_null(rules[i].explain[0]);
		assert_non_null(rules[i].why);
		assert_non_null(rules[i].source);
		assert_non_null(rules[i].action);
		assert_true(rules[i].nparams <= RULE_MAX_PARAMS);
		for (j = 0; j < rules[i].nparams; j++) {
			assert_true(rules[i].params[j].defval >=
			    rules[i].params[j].min);
			assert_true(rules[i].params[j].defval <=
			    rules[i].params[j].max);
		}
	}
	assert_ptr_equal(rules_find("no_recent_contact"), &rules[4]);
	assert_null(rules_find("NOPE"));
}

/* True if name is a column of the statement. */
static bool
has_column(sqlite3_stmt *st, const char *name)
{
	int	i;

	for (i = 0; i < sqlite3_column_count(st); i++)
		if (strcmp(sqlite3_column_name(st, i), name) == 0)
			return (true);
	return (false);
}

/* Checks the placeholders of a template against the statement. */
static void
check_template(const struct rule *r, const char *t, sqlite3_stmt *st)
{
	const char	*p, *end, *colon;
	char		*name;

	for (p = t; (p = strchr(p, '{')) != NULL; p = end + 1) {
		end = strchr(p, '}');
		assert_non_null(end);
		p++;
		if (*p == '^')
			p++;
		colon = memchr(p, ':', (size_t)(end - p));
		name = xstrndup(p, (size_t)((colon != NULL ? colon : end) - p));
		if (name[0] == '=') {
			if (rules_param_index(r, name + 1) < 0)
				fail_msg("%s: no parameter %s", r->id, name);
		} else if (strcmp(name, "due") != 0 &&
		    strcmp(name, "when") != 0 && strcmp(name, "count") != 0 &&
		    strcmp(name, "age") != 0 && !has_column(st, name))
			fail_msg("%s: template names \"%s\", not a column",
			    r->id, name);
		free(name);
	}
}

static void
test_sql(void **state)
{
	sqlite3		*db = schema_db();
	sqlite3_stmt	*st;
	const char	*name;
	char		*sql;
	size_t		 i, k;
	int		 j, v;

	(void)state;
	for (i = 0; i < rules_count; i++) {
		for (k = 0; k < nitems(scopes); k++) {
			sql = gaps_sql(rules[i].sql, scopes[k]);
			assert_null(strchr(sql, '$'));
			if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) !=
			    SQLITE_OK)
				fail_msg("%s (scope %d): %s", rules[i].id,
				    (int)scopes[k], sqlite3_errmsg(db));
			for (j = 1; j <= sqlite3_bind_parameter_count(st);
			    j++) {
				name = sqlite3_bind_parameter_name(st, j) + 1;
				if (strcmp(name, "asof") != 0 &&
				    strcmp(name, "until") != 0 &&
				    strncmp(name, "scope_", 6) != 0 &&
				    rules_param_index(&rules[i], name) < 0)
					fail_msg("%s: unknown parameter :%s",
					    rules[i].id, name);
			}
			assert_true(has_column(st, "file_id"));
			assert_true(has_column(st, "person_id"));
			assert_true(has_column(st, "refs"));
			for (v = 0; v < 3; v++)
				if (rules[i].explain[v] != NULL)
					check_template(&rules[i],
					    rules[i].explain[v], st);
			check_template(&rules[i], rules[i].why, st);
			/* An empty database has no flags, and no errors. */
			assert_int_equal(sqlite3_step(st), SQLITE_DONE);
			sqlite3_finalize(st);
			free(sql);
		}
	}
	sqlite3_close(db);
}

static void
test_settings(void **state)
{
	const struct setting_def	*d, *defs;
	char				*cause = NULL;
	size_t				 n, i, params = 0;
	int				 v = -1;

	(void)state;
	defs = settings_defs(&n);
	for (i = 0; i < rules_count; i++)
		params += rules[i].nparams;
	assert_int_equal(n, params + 1);
	d = settings_find("lock.idle_seconds");
	assert_non_null(d);
	assert_int_equal(d->defval, 300);
	assert_ptr_equal(settings_find("RULE.no_recent_contact.DAYS"),
	    settings_find("rule.NO_RECENT_CONTACT.days"));
	assert_null(settings_find("rule.NOPE.days"));
	for (i = 0; i < n; i++) {
		if (defs[i].rule == NULL)
			continue;
		assert_string_equal(defs[i].help,
		    defs[i].rule->params[defs[i].param].help);
	}

	d = settings_find("rule.NO_RECENT_CONTACT.days");
	assert_int_equal(settings_parse(d, "60", &v, &cause), 0);
	assert_int_equal(v, 60);
	assert_int_equal(settings_parse(d, "3650", &v, &cause), 0);
	assert_int_equal(settings_parse(d, "-5", &v, &cause), -1);
	assert_non_null(strstr(cause, "rule.NO_RECENT_CONTACT.days"));
	assert_non_null(strstr(cause, "days"));
	free(cause);
	cause = NULL;
	assert_int_equal(settings_parse(d, "abc", &v, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(settings_parse(d, "", &v, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(settings_parse(d, " 5", &v, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(settings_parse(d, "1e3", &v, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(settings_parse(d, "3651", &v, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(settings_parse(d, "99999999999999999999", &v,
	    &cause), -1);
	free(cause);
	cause = NULL;
	/* 0 days without contact would flag every file: refused. */
	assert_int_equal(settings_parse(d, "0", &v, &cause), -1);
	free(cause);
}

static void
test_severity(void **state)
{
	enum severity	s = SEV_LOW;

	(void)state;
	assert_int_equal(severity_parse("HIGH", &s), 0);
	assert_int_equal(s, SEV_HIGH);
	assert_int_equal(severity_parse("critical", &s), 0);
	assert_int_equal(s, SEV_CRITICAL);
	assert_int_equal(severity_parse("urgent", &s), -1);
	assert_string_equal(severity_name(SEV_MEDIUM), "medium");
	assert_string_equal(severity_label(SEV_LOW), "LOW");
}

static void
test_scope_sql(void **state)
{
	char	*sql;

	(void)state;
	sql = gaps_sql("a $SCOPE b$ALL[ c]$SOME[ d] x $IN_SCOPE $5",
	    SCOPE_ALL);
	assert_string_equal(sql, "a f.person_id BETWEEN :scope_lo AND "
	    ":scope_hi b c x BETWEEN :scope_lo AND :scope_hi $5");
	free(sql);
	sql = gaps_sql("$SCOPE$ALL[ c]$SOME[ d] $IN_SCOPE", SCOPE_PERSON);
	assert_string_equal(sql, "f.person_id = :scope_person d "
	    "= :scope_person");
	free(sql);
}

/* Runs sql, which must succeed. */
static void
exec_ok(sqlite3 *db, const char *sql)
{
	char	*err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", sql, err);
}

/* "last_event|last_contact" of a person ("-" for NULL, "none" if no row). */
static char *
activity(sqlite3 *db, const char *person_id)
{
	sqlite3_stmt	*st;
	const char	*a, *b;
	char		*out;

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT last_event,"
	    " last_contact FROM person_activity WHERE person_id = ?", -1,
	    &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, person_id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW)
		out = xstrdup("none");
	else {
		a = (const char *)sqlite3_column_text(st, 0);
		b = (const char *)sqlite3_column_text(st, 1);
		out = xasprintf("%s|%s", a != NULL ? a : "-",
		    b != NULL ? b : "-");
	}
	sqlite3_finalize(st);
	return (out);
}

#define assert_activity(db, id, want) do {				\
	char *got_ = activity((db), (id));				\
	assert_string_equal(got_, (want));				\
	free(got_);							\
} while (0)

static void
add_person(sqlite3 *db, const char *id)
{
	char	*sql;

	sql = xasprintf("INSERT INTO persons (id, last_name, first_name,"
	    " created_at, updated_at) VALUES ('%s', 'N', 'P', 'x', 'x')", id);
	exec_ok(db, sql);
	free(sql);
}

static void
add_event(sqlite3 *db, const char *id, const char *person_id,
    const char *kind, const char *date)
{
	char	*sql;

	sql = xasprintf("INSERT INTO events (id, person_id, kind, date,"
	    " created_at, updated_at) VALUES ('%s', '%s', '%s', '%s', 'x',"
	    " 'x')", id, person_id, kind, date);
	exec_ok(db, sql);
	free(sql);
}

/* The columns of person_activity after last_event and last_contact, and
 * the kinds of journal entry each one follows (schema 3). */
static const struct {
	const char	*column;
	const char	*kinds;
} activity_columns[] = {
	{ "last_visit", "'contact','home_visit','call'" },
	{ "last_meeting", "'coordination_meeting'" },
	{ "last_report", "'situation_report'" },
	{ "last_review", "'situation_report','coordination_meeting'" },
	{ "last_interview", "'majority_interview'" },
	{ "last_follow_up", "'follow_up'" },
	{ "last_choice", "'pch_apa_choice'" },
};

/* Whether the column follows the kind: the names of the columns set by
 * one entry of that kind. */
static char *
activity_set(sqlite3 *db, const char *person_id)
{
	sqlite3_stmt	*st;
	char		*sql, *out = xstrdup(""), *next;
	size_t		 i;

	for (i = 0; i < nitems(activity_columns); i++) {
		sql = xasprintf("SELECT %s FROM person_activity"
		    " WHERE person_id = ?", activity_columns[i].column);
		assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
		    SQLITE_OK);
		sqlite3_bind_text(st, 1, person_id, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_type(st, 0) != SQLITE_NULL) {
			next = xasprintf("%s %s", out,
			    activity_columns[i].column);
			free(out);
			out = next;
		}
		sqlite3_finalize(st);
		free(sql);
	}
	return (out);
}

/*
 * The triggers of person_activity follow every change of the journal, and
 * count as contacts exactly the kinds the rules do (RULES_CONTACT_KINDS);
 * each other column follows its kinds only.
 */
static void
test_activity(void **state)
{
	sqlite3			*db = schema_db();
	const struct field	*kind;
	const struct enum_value	*v;
	const char		*want;
	char			*quoted, *got, *set, *next;
	size_t			 i;

	(void)state;
	kind = model_field(model_entity("event"), "kind");
	assert_non_null(kind);
	for (v = kind->values; v->value != NULL; v++) {
		add_person(db, v->value);
		assert_activity(db, v->value, "none");
		add_event(db, v->value, v->value, v->value, "2026-03-01");
		quoted = xasprintf("'%s'", v->value);
		want = strstr(RULES_CONTACT_KINDS, quoted) != NULL ?
		    "2026-03-01|2026-03-01" : "2026-03-01|-";
		assert_activity(db, v->value, want);
		set = xstrdup("");
		for (i = 0; i < nitems(activity_columns); i++) {
			if (strstr(activity_columns[i].kinds, quoted) == NULL)
				continue;
			next = xasprintf("%s %s", set,
			    activity_columns[i].column);
			free(set);
			set = next;
		}
		got = activity_set(db, v->value);
		assert_string_equal(got, set);
		free(got);
		free(set);
		free(quoted);
	}

	add_person(db, "p");
	add_person(db, "q");
	add_event(db, "e1", "p", "call", "2026-01-10");
	add_event(db, "e2", "p", "note", "2026-02-01");
	assert_activity(db, "p", "2026-02-01|2026-01-10");
	add_event(db, "e3", "p", "home_visit", "2025-12-01");
	assert_activity(db, "p", "2026-02-01|2026-01-10");
	/* An entry written already deleted (an import) counts for nothing. */
	exec_ok(db, "INSERT INTO events (id, person_id, kind, date,"
	    " created_at, updated_at, deleted_at) VALUES ('e4', 'p', 'call',"
	    " '2026-05-01', 'x', 'x', 'x')");
	assert_activity(db, "p", "2026-02-01|2026-01-10");
	add_person(db, "r");
	exec_ok(db, "INSERT INTO events (id, person_id, kind, date,"
	    " created_at, updated_at, deleted_at) VALUES ('e5', 'r', 'call',"
	    " '2026-05-01', 'x', 'x', 'x')");
	assert_activity(db, "r", "none");
	exec_ok(db, "UPDATE events SET date = '2026-01-05' WHERE id = 'e2'");
	assert_activity(db, "p", "2026-01-10|2026-01-10");
	exec_ok(db, "UPDATE events SET deleted_at = 'x' WHERE id = 'e1'");
	assert_activity(db, "p", "2026-01-05|2025-12-01");
	exec_ok(db, "UPDATE events SET kind = 'note' WHERE id = 'e3'");
	assert_activity(db, "p", "2026-01-05|-");
	exec_ok(db, "UPDATE events SET person_id = 'q' WHERE id = 'e2'");
	assert_activity(db, "p", "2025-12-01|-");
	assert_activity(db, "q", "2026-01-05|-");
	exec_ok(db, "UPDATE events SET deleted_at = NULL WHERE id = 'e1'");
	assert_activity(db, "p", "2026-01-10|2026-01-10");
	exec_ok(db, "DELETE FROM events WHERE person_id = 'p'");
	assert_activity(db, "p", "none");
	exec_ok(db, "UPDATE events SET deleted_at = 'x' WHERE id = 'e2'");
	assert_activity(db, "q", "none");
	sqlite3_close(db);
}

/*
 * Over every file the engine runs the rules on slices of persons (gaps.c),
 * so each rule must reach the records of a slice through an index range:
 * a plan that scans a whole table or index would read it once per slice.
 * Only the few partners may be scanned.
 */
static void
test_slice_plans(void **state)
{
	sqlite3		*db = schema_db();
	sqlite3_stmt	*st;
	const char	*detail;
	char		*sql, *plan;
	size_t		 i;

	(void)state;
	for (i = 0; i < rules_count; i++) {
		sql = gaps_sql(rules[i].sql, SCOPE_ALL);
		plan = xasprintf("EXPLAIN QUERY PLAN %s", sql);
		if (sqlite3_prepare_v2(db, plan, -1, &st, NULL) != SQLITE_OK)
			fail_msg("%s: %s", rules[i].id, sqlite3_errmsg(db));
		while (sqlite3_step(st) == SQLITE_ROW) {
			detail = (const char *)sqlite3_column_text(st, 3);
			if (strncmp(detail, "SCAN ", 5) == 0 &&
			    strstr(detail, "partners") == NULL &&
			    strstr(detail, "SUBQUERY") == NULL)
				fail_msg("%s scans over every file: %s",
				    rules[i].id, detail);
		}
		sqlite3_finalize(st);
		free(plan);
		free(sql);
	}
	sqlite3_close(db);
}

static date_t
iso(const char *s)
{
	date_t	d;

	assert_int_equal(date_parse_iso(s, &d, NULL), 0);
	return (d);
}

/* The periods of a query's group_concat, and the run they make. */
static void
test_periods(void **state)
{
	struct rule_period	p[4];
	size_t			n;

	(void)state;
	n = rule_periods("2026-05-01/ 2019-01-01/2019-06-30 bad 2026-01-05/"
	    "2026-04-30 2026-13-01/ 2020-01-01/2020-02-31", p, nitems(p));
	assert_int_equal(n, 3);
	assert_int_equal(p[0].start, iso("2019-01-01"));
	assert_int_equal(p[0].end, iso("2019-06-30"));
	assert_int_equal(p[2].start, iso("2026-05-01"));
	assert_int_equal(p[2].end, DATE_NONE);
	/* From the placement back to the AED that ended the day before. */
	assert_int_equal(rule_run_start(p, n, iso("2026-05-01")),
	    iso("2026-01-05"));
	/* A break of a day stops the run. */
	n = rule_periods("2026-01-05/2026-04-29 2026-05-01/", p, nitems(p));
	assert_int_equal(rule_run_start(p, n, iso("2026-05-01")),
	    iso("2026-05-01"));
	/* A period that runs across the start continues the run, and so does
	 * the one before it. */
	n = rule_periods("2024-01-01/2025-02-01 2025-01-01/ 2026-03-01/",
	    p, nitems(p));
	assert_int_equal(rule_run_start(p, n, iso("2026-03-01")),
	    iso("2024-01-01"));
	assert_int_equal(rule_periods(NULL, p, nitems(p)), 0);
	assert_int_equal(rule_periods("", p, nitems(p)), 0);
	/* No more than the room given. */
	assert_int_equal(rule_periods("2020-01-01/ 2021-01-01/ 2022-01-01/ "
	    "2023-01-01/ 2024-01-01/", p, 2), 2);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_catalogue),
		cmocka_unit_test(test_sql),
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_severity),
		cmocka_unit_test(test_scope_sql),
		cmocka_unit_test(test_slice_plans),
		cmocka_unit_test(test_periods),
		cmocka_unit_test(test_activity),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
