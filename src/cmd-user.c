/*
 * Managing users: "user add", "user list", "user edit", "user passwd" and
 * "user disable".  Each user has their own key slot, so adding a user or
 * changing a passphrase asks for the new passphrase (twice on a terminal,
 * or from --new-passphrase-file / --new-passphrase-fd); the global
 * passphrase options unlock the database as the acting user.  Only
 * administrators manage other users.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "model.h"
#include "model-user.h"
#include "xmalloc.h"

struct user_args {
	const char	*login, *name, *role, *team, *newfile;
	int		 newfd;
	struct kdf_params kdf;
	bool		 kdf_given;
	bool		 help;
	const char	*positional;
};

static int
parse_user_args(struct user_args *u, int argc, char **argv, bool fields,
    bool positional)
{
	const struct cmd	*c = cmd_current();
	const char		*v;
	int			 i;

	memset(u, 0, sizeof *u);
	u->newfd = -1;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--help") == 0) {
			u->help = true;
			continue;
		}
		if (strncmp(a, "--", 2) != 0) {
			if (!positional || u->positional != NULL)
				return (cmd_usage_error(c, _("unexpected "
				    "argument \"%s\""), a));
			u->positional = a;
			continue;
		}
		if (i + 1 >= argc)
			return (cmd_usage_error(c, _("option %s needs a value"),
			    a));
		v = argv[++i];
		if (fields && strcmp(a, "--login") == 0)
			u->login = v;
		else if (fields && strcmp(a, "--name") == 0)
			u->name = v;
		else if (fields && strcmp(a, "--role") == 0)
			u->role = v;
		else if (fields && strcmp(a, "--team") == 0)
			u->team = v;
		else if (strcmp(a, "--new-passphrase-file") == 0)
			u->newfile = v;
		else if (strcmp(a, "--new-passphrase-fd") == 0) {
			if (cmd_parse_fd(a, v, &u->newfd) != 0)
				return (EXIT_USAGE);
		} else if (strcmp(a, "--kdf-cost") == 0) {
			if (cmd_parse_kdf_cost(a, v, &u->kdf) != 0)
				return (EXIT_USAGE);
			u->kdf_given = true;
		} else
			return (cmd_usage_error(c, _("unknown option \"%s\""),
			    a));
	}
	return (0);
}

static const char user_pass_help[] = N_(
    "  --new-passphrase-file FILE | --new-passphrase-fd N\n"
    "                    the user's new passphrase (default: asked twice "
    "on the terminal)\n"
    "  --kdf-cost LOG2N  scrypt cost of the key slot (14 to 22, default "
    "17)\n");

/* Reads the new passphrase the options name. */
static int
read_new_passphrase(const struct user_args *u, const char *login,
    struct secret *out, char **cause)
{
	struct session_opts	 o = { 0 };
	char			*prompt;
	int			 rc;

	o.passphrase_file = u->newfile;
	o.passphrase_fd = u->newfd;
	prompt = xasprintf(_("New passphrase for %s: "), login);
	rc = session_read_passphrase(&o, prompt, true, out, cause);
	free(prompt);
	return (rc);
}

/* The scrypt cost given, or NULL for the default. */
static const struct kdf_params *
user_params(const struct user_args *u)
{
	return (u->kdf_given ? &u->kdf : NULL);
}

static int
user_add_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct user_args	 u;
	struct session		*s;
	struct secret		 pass = { NULL, 0 };
	struct record		*r;
	char			*cause = NULL, *help;
	int			 rc;

	if ((rc = parse_user_args(&u, argc, argv, true, false)) != 0)
		return (rc);
	if (u.help) {
		help = xasprintf("%s%s", _("  --login LOGIN     required\n"
		    "  --name NAME       display name (default: the login)\n"
		    "  --role ROLE       worker, supervisor or admin (default "
		    "worker)\n  --team TEAM\n"), _(user_pass_help));
		cmd_print_help(cmd_current(), help);
		free(help);
		return (EXIT_OK);
	}
	if (u.login == NULL)
		return (cmd_usage_error(cmd_current(), _("--login is "
		    "required")));
	if ((rc = cmd_open(ctx, &s)) != 0)
		return (rc);
	r = record_new(&model_user);
	rc = EXIT_DATA;
	if (!session_is_admin(s)) {
		cause = xstrdup(_("only an administrator can add users"));
		goto out;
	}
	record_set(r, "login", u.login);
	record_set(r, "display_name", u.name != NULL ? u.name : u.login);
	if (u.role != NULL)
		record_set(r, "role", u.role);
	record_set(r, "team", u.team);
	record_fill_defaults(r);
	if (model_validate(s, r, NULL, &cause) != 0)
		goto out;
	if (read_new_passphrase(&u, u.login, &pass, &cause) != 0) {
		rc = EXIT_AUTH;
		goto out;
	}
	if (user_add(s, r, &pass, user_params(&u), &cause) != 0)
		goto out;
	printf("%s\n", r->id);
	rc = EXIT_OK;
out:
	if (cause != NULL)
		rc = cmd_fail(rc, cause);
	secret_free(&pass);
	record_free(r);
	session_close(s);
	return (rc);
}

static int
user_list_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "id", "login", "display_name",
	    "role", "team", "disabled", "key_slot" };
	const char	*heads[nitems(keys)], *row[nitems(keys)];
	struct session	*s;
	struct record	**rs;
	struct table	*t;
	struct model_filter f = { 0 };
	char		*cause = NULL;
	size_t		 i, n;
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
	f.order = "login";
	if (model_list(s, &model_user, &f, &rs, &n, &cause) != 0) {
		session_close(s);
		return (cmd_fail(EXIT_DATA, cause));
	}
	heads[0] = "id";
	heads[1] = _("Login");
	heads[2] = _("Name");
	heads[3] = _("Role");
	heads[4] = _("Team");
	heads[5] = _("Disabled");
	heads[6] = _("Key slot");
	t = table_create(nitems(keys), keys, ctx->format == OUTPUT_TEXT ?
	    heads : NULL);
	for (i = 0; i < n; i++) {
		bool dis = strcmp(record_get(rs[i], "disabled"), "1") == 0;
		bool slot = s->kr != NULL && keyring_has_slot(s->kr,
		    record_get(rs[i], "login"));

		row[0] = rs[i]->id;
		row[1] = record_get(rs[i], "login");
		row[2] = record_get(rs[i], "display_name");
		row[3] = record_get(rs[i], "role");
		row[4] = record_get(rs[i], "team");
		row[5] = ctx->format == OUTPUT_TEXT ? (dis ? _("yes") :
		    _("no")) : (dis ? "true" : "false");
		row[6] = ctx->format == OUTPUT_TEXT ? (slot ? _("yes") :
		    _("no")) : (slot ? "true" : "false");
		table_add(t, row);
	}
	table_print(t, ctx->format, stdout);
	table_free(t);
	records_free(rs, n);
	session_close(s);
	return (EXIT_OK);
}

static int
user_edit_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct user_args	 u;
	struct session		*s;
	struct record		*r, *cur = NULL;
	char			*cause = NULL;
	int			 rc;

	if ((rc = parse_user_args(&u, argc, argv, true, true)) != 0)
		return (rc);
	if (u.help) {
		cmd_print_help(cmd_current(), _("  --name NAME | --role ROLE | "
		    "--team TEAM\n"));
		return (EXIT_OK);
	}
	if (u.positional == NULL)
		return (cmd_usage_error(cmd_current(), _("which user? give "
		    "their login")));
	if (u.login != NULL)
		return (cmd_usage_error(cmd_current(), _("a login cannot be "
		    "changed")));
	if ((rc = cmd_open(ctx, &s)) != 0)
		return (rc);
	r = record_new(&model_user);
	rc = EXIT_DATA;
	if (!session_is_admin(s)) {
		cause = xstrdup(_("only an administrator can change users"));
		goto out;
	}
	if (user_find(s, u.positional, &cur, &cause) != 0)
		goto out;
	if (u.name != NULL)
		record_set(r, "display_name", u.name);
	if (u.role != NULL)
		record_set(r, "role", u.role);
	if (u.team != NULL)
		record_set(r, "team", u.team);
	if (model_update(s, r, cur->id, &cause) != 0)
		goto out;
	rc = EXIT_OK;
out:
	if (cause != NULL)
		rc = cmd_fail(rc, cause);
	record_free(r);
	record_free(cur);
	session_close(s);
	return (rc);
}

static int
user_passwd_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct user_args	 u;
	struct session		*s;
	struct secret		 pass = { NULL, 0 };
	const char		*login;
	char			*cause = NULL;
	int			 rc;

	if ((rc = parse_user_args(&u, argc, argv, false, true)) != 0)
		return (rc);
	if (u.help) {
		cmd_print_help(cmd_current(), _(user_pass_help));
		return (EXIT_OK);
	}
	if ((rc = cmd_open(ctx, &s)) != 0)
		return (rc);
	login = u.positional != NULL ? u.positional : s->login;
	rc = EXIT_DATA;
	if (strcmp(login, s->login) != 0 && !session_is_admin(s)) {
		cause = xstrdup(_("only an administrator can set another "
		    "user's passphrase"));
		goto out;
	}
	if (read_new_passphrase(&u, login, &pass, &cause) != 0) {
		rc = EXIT_AUTH;
		goto out;
	}
	if (user_passwd(s, login, &pass, user_params(&u), &cause) != 0)
		goto out;
	rc = EXIT_OK;
out:
	if (cause != NULL)
		rc = cmd_fail(rc, cause);
	secret_free(&pass);
	session_close(s);
	return (rc);
}

static int
user_disable_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct user_args	 u;
	struct session		*s;
	char			*cause = NULL;
	int			 rc;

	if ((rc = parse_user_args(&u, argc, argv, false, true)) != 0)
		return (rc);
	if (u.help) {
		cmd_print_help(cmd_current(), NULL);
		return (EXIT_OK);
	}
	if (u.positional == NULL)
		return (cmd_usage_error(cmd_current(), _("which user? give "
		    "their login")));
	if ((rc = cmd_open(ctx, &s)) != 0)
		return (rc);
	if (!session_is_admin(s))
		cause = xstrdup(_("only an administrator can disable users"));
	else
		user_disable(s, u.positional, &cause);
	rc = cause != NULL ? cmd_fail(EXIT_DATA, cause) : EXIT_OK;
	session_close(s);
	return (rc);
}

const struct cmd cmd_user_table[] = {
	{ "user add", N_("--login LOGIN [--name NAME] [--role ROLE] "
	  "[--team TEAM]"), N_("add a user with their own key slot"),
	  user_add_exec },
	{ "user list", "", N_("list users"), user_list_exec },
	{ "user edit", N_("LOGIN [--name NAME] [--role ROLE] [--team TEAM]"),
	  N_("change a user's name, role or team"), user_edit_exec },
	{ "user passwd", N_("[LOGIN]"), N_("change a passphrase (yours by "
	  "default)"), user_passwd_exec },
	{ "user disable", N_("LOGIN"), N_("disable a user and remove their "
	  "key slot"), user_disable_exec },
	{ NULL, NULL, NULL, NULL }
};
