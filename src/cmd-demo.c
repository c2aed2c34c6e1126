/*
 * "demo": makes (or finds again) a demo database full of synthetic
 * pathway files and says how to open it.  Every demo user shares one
 * passphrase: the one given with the global --passphrase-file or
 * --passphrase-fd, else the fixed DEMO_PASSPHRASE, which is printed —
 * the data is fictitious.  The same command with --persons 100000 makes
 * the benchmark databases.
 */
#include "config.h"

#include <sys/stat.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <sqlite3.h>

#include "cmd.h"
#include "demo.h"
#include "init.h"
#include "model.h"
#include "store.h"
#include "text.h"
#include "ui.h"
#include "xmalloc.h"

/* Counts the live rows of a table. */
static long long
count_rows(struct session *s, const char *table)
{
	sqlite3_stmt	*stmt;
	char		*sql;
	long long	 n = -1;

	sql = xasprintf("SELECT count(*) FROM %s WHERE deleted_at IS NULL",
	    table);
	if (store_prepare(s->st, sql, &stmt, NULL) == 0) {
		if (sqlite3_step(stmt) == SQLITE_ROW)
			n = sqlite3_column_int64(stmt, 0);
		sqlite3_finalize(stmt);
	}
	free(sql);
	return (n);
}

/* Prints the users of the database, aligned by screen columns. */
static void
print_users(struct session *s)
{
	static const char *const heads[] = { N_("login"), N_("role"),
	    N_("name"), N_("team") };
	static const int width[] = { 11, 14, 24 };
	struct model_filter	  f = { 0 };
	struct record		**rs = NULL;
	const struct field	 *role = model_field(&model_user, "role");
	const char		 *v[4];
	char			 *cell;
	size_t			  n = 0, i, k;

	f.where = "disabled = 0";
	f.order = "CASE role WHEN 'admin' THEN 0 WHEN 'supervisor' THEN 1 "
	    "ELSE 2 END, login";
	if (model_list(s, &model_user, &f, &rs, &n, NULL) != 0)
		return;
	for (i = 0; i <= n; i++) {
		if (i == 0) {
			for (k = 0; k < 4; k++)
				v[k] = _(heads[k]);
		} else {
			v[0] = record_get(rs[i - 1], "login");
			v[1] = model_enum_label(role, record_get(rs[i - 1],
			    "role"));
			v[2] = record_get(rs[i - 1], "display_name");
			v[3] = record_get(rs[i - 1], "team");
		}
		printf("  ");
		for (k = 0; k < 3; k++) {
			cell = text_fit(v[k] != NULL ? v[k] : "", width[k],
			    true);
			printf("%s  ", cell);
			free(cell);
		}
		printf("%s\n", v[3] != NULL ? v[3] : "");
	}
	records_free(rs, n);
}

static void
print_summary(struct session *s, const char *db, bool created,
    const struct demo_summary *sum, bool own_pass)
{
	if (created)
		printf(_("Demo database created: %s\n  %zu persons, %zu "
		    "records, %zu files built to raise a flag; made in "
		    "%.1f s.\n"), db, sum->persons, sum->records,
		    sum->scenarios, sum->seconds);
	else
		printf(_("Demo database (already there, kept as it is): %s\n"
		    "  %lld persons.\n"), db, count_rows(s, "persons"));
	if (own_pass)
		printf(_("Every user's passphrase: the one you gave.\n"));
	else
		printf(_("Every user's passphrase: %s\n"), DEMO_PASSPHRASE);
	printf(_("Users:\n"));
	print_users(s);
	printf(_("Open it with:  parcours --db %s --user %s\n"), db,
	    demo_users[2].login);
}

/* Removes a demo database that could not be filled. */
static void
remove_db(const char *db)
{
	static const char *const suffixes[] = { "", "-wal", "-shm",
	    "-journal", ".keys" };
	size_t	 i;
	char	*p;

	for (i = 0; i < nitems(suffixes); i++) {
		p = xasprintf("%s%s", db, suffixes[i]);
		unlink(p);
		free(p);
	}
}

static int
demo_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct session_opts	 o;
	struct session		*s = NULL;
	struct secret		 pass = { NULL, 0 };
	struct kdf_params	 params, *pp = NULL;
	struct demo_summary	 sum = { 0, 0, 0, 0 };
	struct record		*admin = NULL;
	struct stat		 sb;
	unsigned long long	 persons = DEMO_DEFAULT_PERSONS;
	unsigned long long	 seed = DEMO_DEFAULT_SEED;
	char			*db = NULL, *cause = NULL, *recovery = NULL;
	bool			 own_pass, created = false;
	int			 i, rc = EXIT_DATA;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			char *extra = xasprintf(_("Creates a demo "
			    "database at --db (else the default path)\n"
			    "with a synthetic caseload: fictitious persons, "
			    "workers, a supervisor,\na partner directory, and "
			    "files that raise every flag of parcours-rules(7),"
			    "\ndated from today (--today moves it). If the "
			    "database exists it is kept\nand only described. "
			    "Every user's passphrase is the one of\n"
			    "--passphrase-file or --passphrase-fd, else "
			    "\"%s\".\n\n"
			    "Options:\n"
			    "  --persons N       how many persons (default 150; "
			    "up to 1000000\n"
			    "                    for benchmarks)\n"
			    "  --seed S          the random seed: the same seed "
			    "and day give the\n"
			    "                    same data\n"
			    "  --kdf-cost LOG2N  scrypt cost of the key slots "
			    "(14 to 22): by default 14\n"
			    "                    with the demo passphrase, 17 "
			    "with your own\n"), DEMO_PASSPHRASE);
			cmd_print_help(cmd_current(), extra);
			free(extra);
			return (EXIT_OK);
		}
		if (v == NULL)
			return (cmd_usage_error(cmd_current(), a[0] == '-' ?
			    _("option %s needs a value") :
			    _("unexpected argument \"%s\""), a));
		if (strcmp(a, "--persons") == 0) {
			if (cmd_parse_number(a, v, 1, DEMO_MAX_PERSONS,
			    &persons) != 0)
				return (EXIT_USAGE);
		} else if (strcmp(a, "--seed") == 0) {
			if (cmd_parse_number(a, v, 0, UINT64_MAX, &seed) != 0)
				return (EXIT_USAGE);
		} else if (strcmp(a, "--kdf-cost") == 0) {
			if (cmd_parse_kdf_cost(a, v, &params) != 0)
				return (EXIT_USAGE);
			pp = &params;
		} else
			return (cmd_usage_error(cmd_current(), a[0] == '-' ?
			    _("unknown option \"%s\"") :
			    _("unexpected argument \"%s\""), a));
		i++;
	}

	db = ctx->sopts.db_path != NULL ? xstrdup(ctx->sopts.db_path) :
	    session_default_db_path();
	own_pass = ctx->sopts.passphrase_file != NULL ||
	    ctx->sopts.passphrase_fd >= 0;
	if (own_pass) {
		if (session_read_passphrase(&ctx->sopts, NULL, false, &pass,
		    &cause) != 0) {
			rc = EXIT_AUTH;
			goto out;
		}
	} else {
		pass.data = xstrdup(DEMO_PASSPHRASE);
		pass.len = strlen(pass.data);
		/* The passphrase is printed for all to see: a costly KDF
		 * would protect nothing and slow the demo down. */
		if (pp == NULL) {
			kdf_params_default(&params);
			params.n = (uint64_t)1 << KDF_MIN_LOG2N;
			pp = &params;
		}
	}

	if (stat(db, &sb) == 0) {
		o = ctx->sopts;
		o.db_path = db;
		o.passphrase = &pass;
		if (o.login == NULL)
			o.login = demo_users[0].login;
		rc = session_open(&o, &s, &cause);
		if (rc != 0) {
			rc = rc == SESSION_ESTORE ? EXIT_STORE : EXIT_AUTH;
			goto out;
		}
	} else {
		admin = record_new(&model_user);
		record_set(admin, "login", demo_users[0].login);
		record_set(admin, "display_name", demo_users[0].display_name);
		record_set(admin, "team", demo_users[0].team);
		if (init_database(db, admin, &pass, pp, &s, &recovery,
		    &cause) != 0)
			goto out;
		created = true;
		if (demo_generate(s, (size_t)persons, (uint64_t)seed, &pass,
		    pp, &sum, &cause) != 0) {
			session_close(s);
			s = NULL;
			remove_db(db);
			goto out;
		}
	}
	print_summary(s, db, created, &sum, own_pass);
	rc = EXIT_OK;
	if (ctx->tty) {
		/* On a terminal, open the caseload of a worker of the demo
		 * (or of --user), already unlocked. */
		session_close(s);
		s = NULL;
		o = ctx->sopts;
		o.db_path = db;
		o.passphrase = &pass;
		if (o.login == NULL)
			o.login = demo_users[2].login;
		if (session_open(&o, &s, &cause) != 0) {
			rc = EXIT_AUTH;
			goto out;
		}
		o.passphrase = NULL;
		rc = ui_run(&o, s);
		s = NULL;	/* ui_run closes it */
	}
out:
	if (cause != NULL)
		rc = cmd_fail(rc, cause);
	if (recovery != NULL) {
		OPENSSL_cleanse(recovery, strlen(recovery));
		free(recovery);
	}
	record_free(admin);
	secret_free(&pass);
	session_close(s);
	free(db);
	return (rc);
}

const struct cmd cmd_demo_table[] = {
	{ "demo", N_("[--persons N] [--seed S] [--kdf-cost LOG2N]"),
	  N_("create (or describe) a demo database with a synthetic "
	  "caseload"), demo_exec },
	{ NULL, NULL, NULL, NULL }
};
