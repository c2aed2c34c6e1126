/*
 * The audit trail on the command line: "audit" lists who did what and
 * when (all entries, or those of one person), "audit verify" checks the
 * HMAC chain and names the first broken entry.  Listing the trail of a
 * person is itself a view of that person's file, and is audited.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "cmd.h"
#include "model.h"
#include "xmalloc.h"

static int
audit_list_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "seq", "at", "login", "action",
	    "entity", "entity_id", "person_id", "fields" };
	const char		*heads[nitems(keys)], *row[nitems(keys)];
	const char		*person = NULL;
	struct session		*s;
	struct audit_entry	*list;
	struct record		*p = NULL;
	struct table		*t;
	char			*cause = NULL, seq[24];
	size_t			 i, n;
	int			 rc;

	for (i = 1; i < (size_t)argc; i++) {
		if (strcmp(argv[i], "--help") == 0) {
			cmd_print_help(cmd_current(), _("  --person ID  only "
			    "the entries about this person\n"));
			return (EXIT_OK);
		}
		if (strcmp(argv[i], "--person") == 0 && i + 1 < (size_t)argc)
			person = argv[++i];
		else
			return (cmd_usage_error(cmd_current(), _("unknown "
			    "option \"%s\""), argv[i]));
	}
	if ((rc = cmd_open(ctx, &s)) != 0)
		return (rc);
	if (person != NULL) {
		if (model_get(s, &model_person, person, &p, &cause) != 0 ||
		    audit_log(s, "view", "audit", p->id, p->id, NULL,
		    &cause) != 0)
			goto fail;
	} else if (!session_is_supervisor(s)) {
		cause = xstrdup(_("only supervisors and administrators can "
		    "read the whole audit trail (use --person ID)"));
		goto fail;
	} else if (audit_log(s, "view", "audit", NULL, NULL, NULL,
	    &cause) != 0)
		goto fail;
	if (audit_list(s, p != NULL ? p->id : NULL, &list, &n, &cause) != 0)
		goto fail;
	heads[0] = "#";
	heads[1] = _("When (UTC)");
	heads[2] = _("User");
	heads[3] = _("Action");
	heads[4] = _("Entity");
	heads[5] = _("Record");
	heads[6] = _("Person");
	heads[7] = _("Fields");
	t = table_create(nitems(keys), keys, ctx->format == OUTPUT_TEXT ?
	    heads : NULL);
	table_set_numeric(t, 0);
	for (i = 0; i < n; i++) {
		snprintf(seq, sizeof seq, "%lld", list[i].seq);
		row[0] = seq;
		row[1] = list[i].at;
		row[2] = list[i].login;
		row[3] = list[i].action;
		row[4] = list[i].entity;
		row[5] = list[i].entity_id;
		row[6] = list[i].person_id;
		row[7] = list[i].fields;
		table_add(t, row);
	}
	table_print(t, ctx->format, stdout);
	table_free(t);
	audit_entries_free(list, n);
	record_free(p);
	session_close(s);
	return (EXIT_OK);
fail:
	record_free(p);
	session_close(s);
	return (cmd_fail(EXIT_DATA, cause));
}

static int
audit_verify_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct session	*s;
	char		*cause = NULL;
	size_t		 n;
	int		 rc;

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
	/* Verify before this command's own entries would hide an edit at the
	 * end: the unlock entry was chained onto the head it read. */
	if (audit_verify(s, &n, &cause) != 0) {
		session_close(s);
		return (cmd_fail(EXIT_DATA, cause));
	}
	printf(_("audit trail intact: %zu entries verified\n"), n);
	session_close(s);
	return (EXIT_OK);
}

const struct cmd cmd_audit_table[] = {
	{ "audit", N_("[--person ID]"), N_("list the audit trail"),
	  audit_list_exec },
	{ "audit verify", "", N_("check that no audit entry was modified, "
	  "removed or reordered"), audit_verify_exec },
	{ NULL, NULL, NULL, NULL }
};
