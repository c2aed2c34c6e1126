/*
 * The gap rules read the dates of each person's last journal entries from
 * person_activity, which triggers keep, and fall back on the journal for
 * a person with an entry after the date they run as of (src/rules-int.h,
 * LAST).  Both paths must give the same flags: the demo caseload is run
 * as of a past date, then the journal entries after that date are
 * removed (so that every person takes the first path) and the run is
 * repeated; the flags, their facts and their dates must not change.
 * The files the library creates are private whatever the umask.
 */

#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "date.h"
#include "demo.h"
#include "gaps.h"
#include "init.h"
#include "keyring.h"
#include "model.h"
#include "secure.h"
#include "session.h"
#include "store.h"
#include "xmalloc.h"

#include "tmpdir.h"

/* The as-of date: this many days before today. */
#define ASOF_DAYS_BACK 120

/* One line per flag: id, facts, due date, severity, upcoming. */
static char *
flags_text(struct session *s, date_t as_of, size_t *n)
{
	struct gap_query	 q;
	struct gap_result	 res;
	char			*cause = NULL, *line, *all = xstrdup("");
	char			*next;
	size_t			 i;

	gaps_query_init(&q, NULL);
	q.scope.kind = SCOPE_ALL;
	q.as_of = as_of;
	q.horizon = 60;
	q.include_acknowledged = true;
	if (gaps_run(s, &q, &res, &cause) != 0)
		fail_msg("gaps_run: %s", cause);
	for (i = 0; i < res.n; i++) {
		line = xasprintf("%s %s %s %d %d %d\n", res.flags[i].rule->id,
		    res.flags[i].id, res.flags[i].facts, (int)res.flags[i].due,
		    (int)res.flags[i].severity, res.flags[i].upcoming);
		next = xasprintf("%s%s", all, line);
		free(all);
		free(line);
		all = next;
	}
	*n = res.n;
	gaps_result_free(&res);
	return (all);
}

/* The file db + suffix exists and only its owner may read it. */
static void
assert_private(const char *db, const char *suffix)
{
	struct stat	 sb;
	char		*path = xasprintf("%s%s", db, suffix);

	if (stat(path, &sb) != 0)
		fail_msg("%s: missing", path);
	if ((sb.st_mode & 077) != 0)
		fail_msg("%s: mode %o", path, (unsigned)(sb.st_mode & 0777));
	free(path);
}

/* Runs sql with the as-of date bound; its first value, or -1. */
static long long
count(struct session *s, const char *sql, date_t as_of)
{
	sqlite3_stmt	*st;
	char		 d[11];
	long long	 v = -1;

	date_format_iso(as_of, d);
	assert_int_equal(sqlite3_prepare_v2(s->st->db, sql, -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, d, -1, SQLITE_STATIC);
	switch (sqlite3_step(st)) {
	case SQLITE_ROW:
		v = sqlite3_column_int64(st, 0);
		break;
	case SQLITE_DONE:
		break;
	default:
		fail_msg("%s: %s", sql, sqlite3_errmsg(s->st->db));
	}
	sqlite3_finalize(st);
	return (v);
}

static void
test_asof(void **state)
{
	struct kdf_params	 params;
	struct demo_summary	 sum;
	struct secret		 pass;
	struct session		*s = NULL;
	struct record		*admin;
	char			*db, *recovery = NULL, *cause = NULL;
	char			*before, *after;
	date_t			 as_of = date_today() - ASOF_DAYS_BACK;
	size_t			 n1, n2;

	(void)state;
	db = tpath("asof.db");
	pass.data = xstrdup("asof-test-passphrase");
	pass.len = strlen(pass.data);
	kdf_params_default(&params);
	params.n = (uint64_t)1 << KDF_MIN_LOG2N;
	admin = record_new(&model_user);
	record_set(admin, "login", demo_users[0].login);
	record_set(admin, "display_name", demo_users[0].display_name);
	/* The library keeps its files private whatever the umask of the
	 * program (the command line sets 077, a benchmark may not). */
	umask(022);
	if (init_database(db, admin, &pass, &params, &s, &recovery,
	    &cause) != 0)
		fail_msg("init: %s", cause);
	assert_private(db, "");
	assert_private(db, ".keys");
	if (demo_generate(s, 300, DEMO_DEFAULT_SEED, &pass, &params, &sum,
	    &cause) != 0)
		fail_msg("demo: %s", cause);

	/* Some persons have journal entries after the as-of date. */
	assert_true(count(s, "SELECT count(*) FROM person_activity"
	    " WHERE last_event > ?", as_of) > 10);
	before = flags_text(s, as_of, &n1);
	assert_true(n1 > 50);

	assert_int_equal(count(s, "DELETE FROM events WHERE date > ?",
	    as_of), -1);
	assert_int_equal(count(s, "SELECT count(*) FROM events"
	    " WHERE date > ?", as_of), 0);
	assert_int_equal(count(s, "SELECT count(*) FROM person_activity"
	    " WHERE last_event > ?", as_of), 0);
	assert_private(db, "-wal");
	after = flags_text(s, as_of, &n2);
	assert_int_equal(n1, n2);
	assert_string_equal(before, after);

	free(before);
	free(after);
	free(recovery);
	record_free(admin);
	session_close(s);
	secret_free(&pass);
	free(db);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_asof),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return (cmocka_run_group_tests(tests, tmpdir_setup, tmpdir_teardown));
}
