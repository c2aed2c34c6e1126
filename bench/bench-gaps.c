/*
 * Benchmark of the gap engine (make bench).  Builds, or reuses, a demo
 * database of N persons (100,000 by default) with the demo generator,
 * then measures: each rule alone over every file, with the query plan of
 * any rule that scans a table; the full run of every rule over every file
 * (median of several runs); one plain scan of every table the rules read,
 * and the ratio of the two; the flags of a caseload of 150 files and of
 * one file (median over a sample of files); and the peak resident
 * memory.  Figures, not a test: it
 * prints them and exits 0.
 */
#include "config.h"

#include <sys/resource.h>
#include <sys/stat.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "date.h"
#include "demo.h"
#include "gaps.h"
#include "init.h"
#include "model.h"
#include "rules.h"
#include "secure.h"
#include "session.h"
#include "store.h"
#include "xmalloc.h"

/* The tables the rules read, and a column the scan tests on every row. */
static const struct {
	const char	*table;
	const char	*test;
} bench_tables[] = {
	{ "files", "deleted_at IS NULL" },
	{ "persons", "deleted_at IS NULL" },
	{ "referents", "deleted_at IS NULL" },
	{ "projects", "deleted_at IS NULL" },
	{ "measures", "deleted_at IS NULL" },
	{ "rights", "deleted_at IS NULL" },
	{ "involvements", "deleted_at IS NULL" },
	{ "events", "deleted_at IS NULL" },
	{ "referrals", "deleted_at IS NULL" },
	{ "partners", "deleted_at IS NULL" },
	{ "users", "deleted_at IS NULL" },
	{ "acks", "deleted_at IS NULL" },
	{ "settings", "updated_by IS NULL" },
	{ "person_activity", "last_contact IS NULL" },
};

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

static int
dbl_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

static double
median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, dbl_cmp);
	return (n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2);
}

static void
die(const char *what, char *cause)
{
	fprintf(stderr, "bench-gaps: %s: %s\n", what, cause != NULL ? cause :
	    "failed");
	free(cause);
	exit(1);
}

/* Creates the demo database of n persons. */
static void
make_db(const char *db, size_t n, struct secret *pass)
{
	struct kdf_params	 params;
	struct demo_summary	 sum;
	struct session		*s = NULL;
	struct record		*admin;
	char			*recovery = NULL, *cause = NULL;

	printf("Generating %zu persons with the demo generator into %s…\n",
	    n, db);
	fflush(stdout);
	kdf_params_default(&params);
	params.n = (uint64_t)1 << KDF_MIN_LOG2N;
	admin = record_new(&model_user);
	record_set(admin, "login", demo_users[0].login);
	record_set(admin, "display_name", demo_users[0].display_name);
	record_set(admin, "team", demo_users[0].team);
	if (init_database(db, admin, pass, &params, &s, &recovery,
	    &cause) != 0)
		die("creating the database", cause);
	if (demo_generate(s, n, DEMO_DEFAULT_SEED, pass, &params, &sum,
	    &cause) != 0)
		die("generating the demo", cause);
	printf("  %zu persons, %zu records in %.1f s\n", sum.persons,
	    sum.records, sum.seconds);
	free(recovery);
	record_free(admin);
	session_close(s);
}

/* Runs the query, returns the seconds and the number of flags. */
static double
run(struct session *s, const struct gap_query *q, size_t *nflags)
{
	struct gap_result	 res;
	char			*cause = NULL;
	double			 t0 = now();

	if (gaps_run(s, q, &res, &cause) != 0)
		die("running the rules", cause);
	t0 = now() - t0;
	if (nflags != NULL)
		*nflags = res.n + res.hidden;
	gaps_result_free(&res);
	return (t0);
}

/* One plain scan of every table the rules read (a row read, not an
 * index count: deleted_at is in no index). */
static double
scan(struct session *s, long long *rows)
{
	sqlite3_stmt	*st;
	char		*sql, *cause = NULL;
	double		 t0 = now();
	size_t		 i;

	*rows = 0;
	for (i = 0; i < nitems(bench_tables); i++) {
		sql = xasprintf("SELECT count(*) FROM %s NOT INDEXED"
		    " WHERE %s", bench_tables[i].table, bench_tables[i].test);
		if (store_prepare(s->st, sql, &st, &cause) != 0)
			die("scanning", cause);
		if (sqlite3_step(st) == SQLITE_ROW)
			*rows += sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		free(sql);
	}
	return (now() - t0);
}

/* Prints the plan of a rule's query over every file if it scans a
 * table, to show why (BENCHMARKS.md). */
static void
print_plan(struct session *s, const struct rule *r)
{
	sqlite3_stmt	*st;
	const char	*detail;
	char		*sql, *plan;
	bool		 scans = false;

	sql = gaps_sql(r->sql, SCOPE_ALL);
	plan = xasprintf("EXPLAIN QUERY PLAN %s", sql);
	free(sql);
	if (store_prepare(s->st, plan, &st, NULL) != 0) {
		free(plan);
		return;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		detail = (const char *)sqlite3_column_text(st, 3);
		if (detail != NULL && strncmp(detail, "SCAN TABLE", 10) == 0)
			scans = true;
	}
	sqlite3_reset(st);
	while (scans && sqlite3_step(st) == SQLITE_ROW)
		printf("      %s\n", sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	free(plan);
}

/*
 * A realistic caseload (DESIGN.md: 30 to 150 files): a user "bench150"
 * holding 150 files spread over the database, made once by plain SQL in
 * the benchmark's own database (the demo gives each worker ~15,000).
 * Returns the user's id (caller frees).
 */
static char *
caseload_user(struct session *s)
{
	sqlite3_stmt	*st;
	char		*id = NULL, *cause = NULL, *now;

	if (store_prepare(s->st, "SELECT id FROM users WHERE login ="
	    " 'bench150'", &st, &cause) != 0)
		die("finding the caseload user", cause);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = store_column_dup(st, 0);
	sqlite3_finalize(st);
	if (id != NULL)
		return (id);
	now = store_now();
	id = xstrdup("00000000-0000-7000-8000-0000000b0150");
	if (store_prepare(s->st, "INSERT INTO users (id, login, display_name,"
	    " role, team, created_at, updated_at) VALUES (?1, 'bench150',"
	    " 'Bench 150', 'worker', NULL, ?2, ?2)", &st, &cause) != 0)
		die("adding the caseload user", cause);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		die("adding the caseload user", xstrdup(sqlite3_errmsg(
		    s->st->db)));
	sqlite3_finalize(st);
	if (store_prepare(s->st, "UPDATE files SET worker_id = ?1 WHERE rowid"
	    " IN (SELECT rowid FROM files WHERE rowid % 661 = 0 LIMIT 150)",
	    &st, &cause) != 0)
		die("assigning the caseload", cause);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		die("assigning the caseload", xstrdup(sqlite3_errmsg(
		    s->st->db)));
	sqlite3_finalize(st);
	free(now);
	return (id);
}

int
main(int argc, char **argv)
{
	struct session_opts	 o;
	struct session		*s = NULL;
	struct secret		 pass;
	struct gap_query	 q;
	struct rusage		 ru;
	struct stat		 sb;
	const struct rule	*one[1];
	sqlite3_stmt		*st;
	double			 full[32], plain[32], ratio[32], file[200];
	double			 t, fm, sm;
	char			*db = NULL, *cause = NULL, **ids = NULL;
	char			*worker = NULL;
	size_t			 persons = 100000, runs = 9, nflags, i;
	size_t			 nids = 0;
	long long		 rows = 0;
	const struct rule	*only = NULL;
	bool			 plans = true;
	int			 c;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (c = 1; c < argc; c++) {
		if (strcmp(argv[c], "--db") == 0 && c + 1 < argc)
			db = xstrdup(argv[++c]);
		else if (strcmp(argv[c], "--persons") == 0 && c + 1 < argc)
			persons = strtoul(argv[++c], NULL, 10);
		else if (strcmp(argv[c], "--runs") == 0 && c + 1 < argc)
			runs = strtoul(argv[++c], NULL, 10);
		else if (strcmp(argv[c], "--no-plans") == 0)
			plans = false;
		else if (strcmp(argv[c], "--rule") == 0 && c + 1 < argc &&
		    rules_find(argv[c + 1]) != NULL)
			only = rules_find(argv[++c]);
		else {
			fprintf(stderr, "usage: bench-gaps [--db PATH] "
			    "[--persons N] [--runs K] [--no-plans] "
			    "[--rule ID]\n");
			return (2);
		}
	}
	if (runs < 1 || runs > nitems(full))
		runs = 9;
	if (db == NULL)
		db = xasprintf("%s/parcours-bench-%zu.db", getenv("TMPDIR") !=
		    NULL ? getenv("TMPDIR") : "/tmp", persons);
	pass.data = xstrdup(DEMO_PASSPHRASE);
	pass.len = strlen(pass.data);
	if (stat(db, &sb) != 0) {
		make_db(db, persons, &pass);
		if (stat(db, &sb) != 0)
			die("the database", xstrdup(strerror(errno)));
	}

	memset(&o, 0, sizeof o);
	o.db_path = db;
	o.login = demo_users[0].login;
	o.passphrase = &pass;
	o.passphrase_fd = -1;
	if (session_open(&o, &s, &cause) != 0)
		die("opening the database", cause);
	printf("Database %s (%.0f MB), today %s\n", db,
	    (double)sb.st_size / 1e6, getenv("PARCOURS_TODAY") != NULL ?
	    getenv("PARCOURS_TODAY") : "(the system date)");

	gaps_query_init(&q, NULL);
	q.scope.kind = SCOPE_ALL;
	q.include_acknowledged = true;
	run(s, &q, NULL);		/* warm the cache */

	if (only != NULL) {
		one[0] = only;
		q.rules = one;
		q.nrules = 1;
		for (i = 0; i < runs; i++)
			full[i] = run(s, &q, &nflags);
		printf("%s alone: median %.1f ms of %zu runs (%zu flags)\n",
		    only->id, median(full, runs) * 1e3, runs, nflags);
		goto done;
	}
	printf("\nEach rule over every file (one run):\n");
	for (i = 0; i < rules_count; i++) {
		one[0] = &rules[i];
		q.rules = one;
		q.nrules = 1;
		t = run(s, &q, &nflags);
		printf("  %-28s %8.1f ms %7zu flags\n", rules[i].id, t * 1e3,
		    nflags);
		if (plans)
			print_plan(s, &rules[i]);
	}
	q.rules = NULL;
	q.nrules = 0;

	/* Each full run is followed by a plain scan, and the ratio taken
	 * pair by pair: the machine's speed varies from one minute to the
	 * next (other work, the host reclaiming the file cache), a pair
	 * sees the same conditions. */
	for (i = 0; i < runs; i++) {
		full[i] = run(s, &q, &nflags);
		plain[i] = scan(s, &rows);
		ratio[i] = full[i] / plain[i];
	}
	fm = median(full, runs);
	sm = median(plain, runs);
	printf("\nFull run, every rule over every file: median %.0f ms of "
	    "%zu runs (%zu flags); fastest %.0f ms, slowest %.0f ms\n",
	    fm * 1e3, runs, nflags, full[0] * 1e3, full[runs - 1] * 1e3);
	printf("Plain scan of the %zu tables the rules read: median %.0f ms "
	    "(%lld rows)\n", nitems(bench_tables), sm * 1e3, rows);
	printf("Ratio full run / plain scan, each run with the scan after "
	    "it: median %.2f\n", median(ratio, runs));

	/* A caseload of 150 files: the first run prepares the statements,
	 * the next ones reuse them (as the interface does). */
	worker = caseload_user(s);
	q.scope.kind = SCOPE_WORKER;
	q.scope.user_id = worker;
	file[0] = run(s, &q, &nflags);
	for (i = 0; i < runs; i++)
		full[i] = run(s, &q, &nflags);
	printf("A caseload of 150 files: first run %.1f ms, then median "
	    "%.1f ms (%zu flags)\n", file[0] * 1e3, median(full, runs) * 1e3,
	    nflags);
	q.scope.user_id = NULL;

	if (store_prepare(s->st, "SELECT person_id FROM files"
	    " WHERE rowid % 500 = 0 LIMIT 200", &st, &cause) != 0)
		die("sampling files", cause);
	ids = xcalloc(nitems(file), sizeof *ids);
	while (sqlite3_step(st) == SQLITE_ROW && nids < nitems(file))
		ids[nids++] = store_column_dup(st, 0);
	sqlite3_finalize(st);
	q.scope.kind = SCOPE_PERSON;
	for (i = 0; i < nids; i++) {
		q.scope.person_id = ids[i];
		file[i] = run(s, &q, NULL);
	}
	if (nids > 0) {
		t = median(file, nids);
		printf("Flags of one file: median %.2f ms, slowest %.2f ms "
		    "(%zu files)\n", t * 1e3, file[nids - 1] * 1e3, nids);
	}
done:
	getrusage(RUSAGE_SELF, &ru);
	printf("Peak resident memory: %.1f MB\n", (double)ru.ru_maxrss / 1024);

	for (i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);
	free(worker);
	gaps_cache_clear();
	session_close(s);
	secret_free(&pass);
	free(db);
	return (0);
}
