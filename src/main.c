/*
 * parcours: a case-coordination tool for the social workers of French
 * departmental social services.  main() hardens the process, sets up the
 * locale and gettext, parses the global options (which come before the
 * command), and dispatches to a subcommand or, on a terminal with no
 * command, to the full-screen interface.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "date.h"
#include "secure.h"
#include "ui.h"
#include "xmalloc.h"

/* Every command family, searched in order. */
static const struct cmd *const tables[] = {
	cmd_init_table,
	cmd_entity_table,
	cmd_user_table,
	cmd_audit_table,
	cmd_io_table,
	cmd_demo_table,
	cmd_gaps_table,
	cmd_ack_table,
	cmd_config_table,
	cmd_handover_table,
};

static void
print_version(void)
{
	printf("parcours %s\n", PACKAGE_VERSION);
}

static void
print_usage(FILE *f, bool full)
{
	const struct cmd	*c;
	size_t			 i;

	fprintf(f, _("usage: parcours [--db PATH] [--user LOGIN] "
	    "[--passphrase-file FILE | --passphrase-fd N]\n"
	    "                [--recovery-key-file FILE] [--format "
	    "text|json|csv] [--today DATE]\n"
	    "                COMMAND [ARGS…]\n"));
	if (!full) {
		fprintf(f, _("Run \"parcours help\" for the list of "
		    "commands.\n"));
		return;
	}
	fprintf(f, _("\nCommands:\n"));
	for (i = 0; i < nitems(tables); i++) {
		for (c = tables[i]; c->name != NULL; c++)
			fprintf(f, "  %-18s %s\n", c->name, _(c->summary));
	}
	fprintf(f, _("\nRun \"parcours COMMAND --help\" for a command's "
	    "options, and see parcours(1).\n"));
}

/* Finds the command named by the first one or two words of argv. */
static const struct cmd *
find_command(int argc, char **argv, int *words)
{
	const struct cmd	*c;
	char			*two = NULL;
	size_t			 i;

	if (argc >= 2)
		two = xasprintf("%s %s", argv[0], argv[1]);
	for (i = 0; i < nitems(tables); i++) {
		for (c = tables[i]; c->name != NULL; c++) {
			if (two != NULL && strcmp(c->name, two) == 0) {
				free(two);
				*words = 2;
				return (c);
			}
		}
	}
	free(two);
	for (i = 0; i < nitems(tables); i++) {
		for (c = tables[i]; c->name != NULL; c++) {
			if (strcmp(c->name, argv[0]) == 0) {
				*words = 1;
				return (c);
			}
		}
	}
	return (NULL);
}

/* Whether any command's name starts with this word (a family). */
static bool
is_family(const char *word)
{
	const struct cmd	*c;
	size_t			 i, len = strlen(word);

	for (i = 0; i < nitems(tables); i++) {
		for (c = tables[i]; c->name != NULL; c++) {
			if (strncmp(c->name, word, len) == 0 &&
			    c->name[len] == ' ')
				return (true);
		}
	}
	return (false);
}

/* Parses a global option's value from "--opt=value" or the next word. */
static const char *
option_value(int argc, char **argv, int *i, const char *name)
{
	size_t	len = strlen(name);

	if (argv[*i][len] == '=')
		return (argv[*i] + len + 1);
	if (*i + 1 >= argc)
		return (NULL);
	return (argv[++*i]);
}

static bool
option_is(const char *arg, const char *name)
{
	size_t	len = strlen(name);

	return (strncmp(arg, name, len) == 0 &&
	    (arg[len] == '\0' || arg[len] == '='));
}

/* Applies --format (format) or --today; prints the problem and returns
 * -1 on a bad value. */
static int
set_format_or_today(struct cmd_ctx *ctx, bool format, const char *v)
{
	char	*cause = NULL;
	date_t	 today;

	if (format) {
		if (output_format_parse(v, &ctx->format) == 0)
			return (0);
		fprintf(stderr, _("parcours: --format: unknown format \"%s\" "
		    "(expected text, json or csv)\n"), v);
		return (-1);
	}
	if (date_parse_user(v, &today, &cause) != 0) {
		fprintf(stderr, "parcours: --today: %s\n", cause);
		free(cause);
		return (-1);
	}
	date_set_today(today);
	ctx->as_of = v;
	return (0);
}

/*
 * Takes --format and --today out of the command's own arguments, so that
 * "parcours person list --format json" works as well as the global form.
 */
static int
take_late_options(struct cmd_ctx *ctx, int *argc, char **argv, int from)
{
	const char	*v;
	int		 i, j, n;

	for (i = from; i < *argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (!option_is(argv[i], "--format") &&
		    !option_is(argv[i], "--today"))
			continue;
		j = i;
		if ((v = option_value(*argc, argv, &j, option_is(argv[i],
		    "--format") ? "--format" : "--today")) == NULL) {
			fprintf(stderr, _("parcours: option %s needs a "
			    "value\n"), argv[i]);
			return (-1);
		}
		if (set_format_or_today(ctx, option_is(argv[i], "--format"),
		    v) != 0)
			return (-1);
		n = j - i + 1;
		memmove(argv + i, argv + j + 1, (size_t)(*argc - j) *
		    sizeof *argv);
		*argc -= n;
		i--;
	}
	return (0);
}

int
main(int argc, char **argv)
{
	struct cmd_ctx		 ctx;
	const struct cmd	*c;
	const char		*v;
	char			*end;
	int			 i, words;
	long			 fd;

	secure_init();
	setlocale(LC_ALL, "");
#ifdef ENABLE_NLS
	/*
	 * PARCOURS_LOCALEDIR, for the tests and uninstalled runs: where to
	 * find LANG/LC_MESSAGES/parcours.mo instead of the install prefix.
	 */
	v = getenv("PARCOURS_LOCALEDIR");
	bindtextdomain(PACKAGE, v != NULL && *v != '\0' ? v : LOCALEDIR);
	textdomain(PACKAGE);
#endif
	memset(&ctx, 0, sizeof ctx);
	ctx.sopts.passphrase_fd = -1;
	ctx.format = OUTPUT_TEXT;
	ctx.tty = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			print_usage(stdout, true);
			return (EXIT_OK);
		}
		if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
			print_version();
			return (EXIT_OK);
		}
#define VALUE(name) do {						\
	if ((v = option_value(argc, argv, &i, name)) == NULL) {	\
		fprintf(stderr, _("parcours: option %s needs a value\n"), \
		    name);						\
		return (EXIT_USAGE);					\
	}								\
} while (0)
		if (option_is(a, "--db")) {
			VALUE("--db");
			ctx.sopts.db_path = v;
		} else if (option_is(a, "--user")) {
			VALUE("--user");
			ctx.sopts.login = v;
		} else if (option_is(a, "--passphrase-file")) {
			VALUE("--passphrase-file");
			ctx.sopts.passphrase_file = v;
		} else if (option_is(a, "--passphrase-fd")) {
			VALUE("--passphrase-fd");
			fd = strtol(v, &end, 10);
			if (*v == '\0' || *end != '\0' || fd < 0 ||
			    fd > 65535) {
				fprintf(stderr, _("parcours: --passphrase-fd: "
				    "not a file descriptor number: \"%s\"\n"),
				    v);
				return (EXIT_USAGE);
			}
			ctx.sopts.passphrase_fd = (int)fd;
		} else if (option_is(a, "--recovery-key-file")) {
			VALUE("--recovery-key-file");
			ctx.sopts.recovery_key_file = v;
		} else if (option_is(a, "--format")) {
			VALUE("--format");
			if (set_format_or_today(&ctx, true, v) != 0)
				return (EXIT_USAGE);
		} else if (option_is(a, "--today")) {
			VALUE("--today");
			if (set_format_or_today(&ctx, false, v) != 0)
				return (EXIT_USAGE);
		} else {
			fprintf(stderr, _("parcours: unknown option \"%s\"\n"),
			    a);
			print_usage(stderr, false);
			return (EXIT_USAGE);
		}
#undef VALUE
	}
	if (ctx.sopts.passphrase_file != NULL && ctx.sopts.passphrase_fd >= 0) {
		fprintf(stderr, _("parcours: --passphrase-file and "
		    "--passphrase-fd cannot be used together\n"));
		return (EXIT_USAGE);
	}
	if (i >= argc) {
		/* No command: the full-screen interface on a terminal. */
		if (ctx.tty)
			return (ui_run(&ctx.sopts, NULL));
		print_usage(stderr, false);
		return (EXIT_USAGE);
	}
	if (strcmp(argv[i], "help") == 0) {
		if (i + 1 < argc && (c = find_command(argc - i - 1,
		    argv + i + 1, &words)) != NULL) {
			/* The same help as "COMMAND --help", options and
			 * all: only the command knows them. */
			char *hargv[] = { argv[i + words], (char *)"--help",
			    NULL };

			cmd_set_current(c);
			return (c->exec(&ctx, 2, hargv));
		}
		print_usage(stdout, true);
		return (EXIT_OK);
	}
	if ((c = find_command(argc - i, argv + i, &words)) == NULL) {
		if (is_family(argv[i]) && i + 1 < argc)
			fprintf(stderr, _("parcours: unknown command "
			    "\"%s %s\"\n"), argv[i], argv[i + 1]);
		else if (is_family(argv[i]))
			fprintf(stderr, _("parcours: \"%s\" needs a "
			    "subcommand\n"), argv[i]);
		else
			fprintf(stderr, _("parcours: unknown command "
			    "\"%s\"\n"), argv[i]);
		print_usage(stderr, false);
		return (EXIT_USAGE);
	}
	cmd_set_current(c);
	i += words - 1;
	if (take_late_options(&ctx, &argc, argv, i + 1) != 0)
		return (EXIT_USAGE);
	return (c->exec(&ctx, argc - i, argv + i));
}
