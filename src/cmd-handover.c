/*
 * "file handover PERSON --worker LOGIN": the command-line face of
 * handover.c — the file changes caseload, the outgoing coordinator ends
 * with a successor, the incoming one starts today, and the journal
 * records the handover.  Unlike "file assign", which only moves the file,
 * this is what a supervisor does when a worker leaves or a caseload is
 * rebalanced.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "handover.h"
#include "model.h"
#include "model-user.h"
#include "xmalloc.h"

static int
handover_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cmd	*c = cmd_current();
	struct session		*s = NULL;
	struct record		*u = NULL;
	const char		*person = NULL, *login = NULL;
	char			*cause = NULL;
	int			 i, rc;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			cmd_print_help(c, _("Hands the open pathway file of "
			    "PERSON (an id or id prefix) over to the worker\n"
			    "LOGIN as of today: the current coordinator "
			    "(référent de parcours) ends\nwith the new one as "
			    "successor, the new worker becomes the "
			    "coordinator, the\nfile moves to their caseload "
			    "and the journal records the handover.\n"
			    "Supervisors (within their team) and "
			    "administrators only.\n\nOptions:\n"
			    "  --worker LOGIN  the worker who takes the file "
			    "over\n"));
			return (EXIT_OK);
		}
		if (strcmp(argv[i], "--worker") == 0) {
			if (i + 1 >= argc)
				return (cmd_usage_error(c, _("option %s needs "
				    "a value"), "--worker"));
			login = argv[++i];
		} else if (strncmp(argv[i], "--worker=", 9) == 0)
			login = argv[i] + 9;
		else if (argv[i][0] == '-')
			return (cmd_usage_error(c, _("unknown option \"%s\""),
			    argv[i]));
		else if (person == NULL)
			person = argv[i];
		else
			return (cmd_usage_error(c, _("unexpected argument "
			    "\"%s\""), argv[i]));
	}
	if (person == NULL)
		return (cmd_usage_error(c, _("which person? give an id")));
	if (login == NULL || *login == '\0')
		return (cmd_usage_error(c, _("--worker is required")));
	if ((rc = cmd_open(ctx, &s)) != 0)
		return (rc);
	rc = EXIT_DATA;
	if (user_find(s, login, &u, &cause) != 0 ||
	    handover_file(s, person, u->id, &cause) != 0) {
		cmd_fail(EXIT_DATA, cause);
		goto out;
	}
	rc = EXIT_OK;
out:
	record_free(u);
	session_close(s);
	return (rc);
}

const struct cmd cmd_handover_table[] = {
	{ "file handover", N_("PERSON --worker LOGIN"),
	  N_("hand a file over to another worker, with its coordination"),
	  handover_exec },
	{ NULL, NULL, NULL, NULL }
};
