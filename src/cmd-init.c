/*
 * Creating a database and looking after its keys: "init" (the database,
 * the first administrator and the recovery key, printed once), "keys list"
 * (who holds a key slot) and "keys restore" (a new key file rebuilt from
 * the recovery key when the old one is lost or damaged).
 */
#include "config.h"

#include <sys/stat.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "audit.h"
#include "cmd.h"
#include "init.h"
#include "model.h"
#include "model-user.h"
#include "store.h"
#include "xmalloc.h"

/* The default login: the system user's name if it is a valid login. */
static const char *
default_login(const struct cmd_ctx *ctx)
{
	struct passwd	*pw;

	if (ctx->sopts.login != NULL)
		return (ctx->sopts.login);
	pw = getpwuid(getuid());
	if (pw != NULL && pw->pw_name[0] != '\0' && strlen(pw->pw_name) <= 32 &&
	    strspn(pw->pw_name, "abcdefghijklmnopqrstuvwxyz0123456789._-") ==
	    strlen(pw->pw_name))
		return (pw->pw_name);
	return ("admin");
}

static int
init_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct record		*admin;
	struct session		*s = NULL;
	struct secret		 pass = { NULL, 0 };
	struct kdf_params	 params, *pp = NULL;
	const char		*name = NULL, *team = NULL, *login;
	char			*db, *cause = NULL, *recovery = NULL;
	int			 i, rc;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--help") == 0) {
			cmd_print_help(cmd_current(), _("Options:\n"
			    "  --name NAME       the administrator's display "
			    "name (default: the login)\n"
			    "  --team TEAM       the administrator's team\n"
			    "  --kdf-cost LOG2N  scrypt cost of the key slot "
			    "(14 to 22, default 17)\n"
			    "The login is the global --user, else the system "
			    "login. The passphrase is asked twice\n"
			    "on the terminal, or read from --passphrase-file "
			    "or --passphrase-fd.\n"));
			return (EXIT_OK);
		}
		if (v == NULL && a[0] == '-')
			return (cmd_usage_error(cmd_current(), _("option %s "
			    "needs a value"), a));
		if (strcmp(a, "--name") == 0)
			name = argv[++i];
		else if (strcmp(a, "--team") == 0)
			team = argv[++i];
		else if (strcmp(a, "--kdf-cost") == 0) {
			if (cmd_parse_kdf_cost("--kdf-cost", argv[++i], &params) != 0)
				return (EXIT_USAGE);
			pp = &params;
		} else
			return (cmd_usage_error(cmd_current(), _("unknown "
			    "option \"%s\""), a));
	}
	login = default_login(ctx);
	db = ctx->sopts.db_path != NULL ? xstrdup(ctx->sopts.db_path) :
	    session_default_db_path();
	admin = record_new(&model_user);
	record_set(admin, "login", login);
	record_set(admin, "display_name", name != NULL ? name : login);
	record_set(admin, "team", team);
	if (session_read_passphrase(&ctx->sopts, _("New passphrase: "), true,
	    &pass, &cause) != 0) {
		rc = cmd_fail(EXIT_AUTH, cause);
		goto out;
	}
	if (init_database(db, admin, &pass, pp, &s, &recovery, &cause) != 0) {
		rc = cmd_fail(EXIT_DATA, cause);
		goto out;
	}
	printf(_("Created %s\nwith key file %s\nand administrator \"%s\".\n\n"
	    "Recovery key — write it down and keep it apart from this "
	    "computer.\nIt opens the database if every passphrase or the key "
	    "file is lost.\nIt is shown only this once:\n\n    %s\n"),
	    db, s->keys_path, login, recovery);
	rc = EXIT_OK;
out:
	if (recovery != NULL) {
		OPENSSL_cleanse(recovery, strlen(recovery));
		free(recovery);
	}
	secret_free(&pass);
	session_close(s);
	record_free(admin);
	free(db);
	return (rc);
}

static int
keys_list_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "login" };
	struct session	*s;
	struct table	*t;
	size_t		 i;
	int		 rc;

	(void)argv;
	if (argc > 1) {
		if (strcmp(argv[1], "--help") == 0) {
			cmd_print_help(cmd_current(), NULL);
			return (EXIT_OK);
		}
		return (cmd_usage_error(cmd_current(), _("unexpected argument "
		    "\"%s\""), argv[1]));
	}
	if ((rc = cmd_open(ctx, &s)) != 0)
		return (rc);
	if (s->kr == NULL) {
		session_close(s);
		return (cmd_fail(EXIT_AUTH, xstrdup(_("no valid key file: "
		    "rebuild it with \"parcours keys restore\""))));
	}
	t = table_create(nitems(keys), keys, NULL);
	for (i = 0; i < keyring_slot_count(s->kr); i++) {
		const char *row[1] = { keyring_slot_login(s->kr, i) };
		table_add(t, row);
	}
	table_print(t, ctx->format, stdout);
	table_free(t);
	session_close(s);
	return (EXIT_OK);
}

static int
keys_restore_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct session		*s = NULL;
	struct secret		 pass = { NULL, 0 };
	struct kdf_params	 params, *pp = NULL;
	struct keyring		*kr = NULL;
	char			*cause = NULL, *db_id = NULL, *old = NULL;
	struct stat		 sb;
	int			 i, rc = EXIT_DATA;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			cmd_print_help(cmd_current(), _("Needs the global "
			    "option --recovery-key-file FILE. Writes a new key "
			    "file\nwith one slot for the user (--user, else the "
			    "first administrator),\nwhose new passphrase is "
			    "asked for (or read from --passphrase-file/-fd).\n"
			    "An existing key file is kept as PATH.keys.old.\n"
			    "  --kdf-cost LOG2N  scrypt cost (14 to 22, default "
			    "17)\n"));
			return (EXIT_OK);
		}
		if (strcmp(argv[i], "--kdf-cost") == 0 && i + 1 < argc) {
			if (cmd_parse_kdf_cost("--kdf-cost", argv[++i], &params) != 0)
				return (EXIT_USAGE);
			pp = &params;
		} else
			return (cmd_usage_error(cmd_current(), _("unknown "
			    "option \"%s\""), argv[i]));
	}
	if (ctx->sopts.recovery_key_file == NULL)
		return (cmd_usage_error(cmd_current(), _("the global option "
		    "--recovery-key-file FILE is required")));
	/* Opened with the recovery key; the passphrase options, if any,
	 * give the new passphrase. */
	if ((rc = cmd_open(ctx, &s)) != 0)
		return (rc);
	rc = EXIT_DATA;
	if (session_read_passphrase(&ctx->sopts, _("New passphrase: "), true,
	    &pass, &cause) != 0) {
		rc = EXIT_AUTH;
		goto out;
	}
	if (secret_check_new(&pass, &cause) != 0)
		goto out;
	if ((db_id = store_meta_get(s->st, "db_id")) == NULL) {
		cause = xstrdup(_("the database has no identifier"));
		goto out;
	}
	kr = keyring_create(db_id, STORE_PAGE_SIZE);
	if (keyring_set_slot(kr, s->login, pass.data, pass.len, s->key, pp,
	    &cause) != 0)
		goto out;
	if (stat(s->keys_path, &sb) == 0) {
		old = xasprintf("%s.old", s->keys_path);
		if (rename(s->keys_path, old) != 0) {
			cause = xasprintf(_("cannot move \"%s\" aside: %s"),
			    s->keys_path, strerror(errno));
			goto out;
		}
	}
	if (keyring_save(kr, s->keys_path, s->key, &cause) != 0) {
		if (old != NULL)
			rename(old, s->keys_path);
		goto out;
	}
	if (audit_log(s, "update", "keys", db_id, NULL, "slots", &cause) != 0)
		goto out;
	printf(_("Wrote %s with a key slot for \"%s\".\n"), s->keys_path,
	    s->login);
	if (old != NULL)
		printf(_("The previous key file is kept as %s.\n"), old);
	rc = EXIT_OK;
out:
	if (cause != NULL)
		rc = cmd_fail(rc, cause);
	keyring_free(kr);
	secret_free(&pass);
	session_close(s);
	free(db_id);
	free(old);
	return (rc);
}

const struct cmd cmd_init_table[] = {
	{ "init", N_("[--name NAME] [--team TEAM] [--kdf-cost LOG2N]"),
	  N_("create a database, its first administrator and recovery key"),
	  init_exec },
	{ "keys list", "", N_("list the users who hold a key slot"),
	  keys_list_exec },
	{ "keys restore", N_("[--kdf-cost LOG2N]"),
	  N_("rebuild the key file from the recovery key"),
	  keys_restore_exec },
	{ NULL, NULL, NULL, NULL }
};
