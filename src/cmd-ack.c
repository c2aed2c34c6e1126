/*
 * "ack" acknowledges one flag with a reason and an optional end; "ack
 * list" and "ack remove" show and withdraw acknowledgements.  Every change
 * is audited (gaps-ack.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "cmd.h"
#include "cmd-gaps.h"
#include "date.h"
#include "gaps.h"
#include "output.h"
#include "rules.h"
#include "session.h"
#include "xmalloc.h"

/* The scope in which "ack" looks for a flag: the person if given, else
 * a worker's own files, a supervisor's team, every file for an
 * administrator. */
static void
ack_scope(struct session *s, struct gap_query *q)
{
	if (q->scope.kind == SCOPE_PERSON)
		return;
	scope_home(s, &q->scope);
	if (session_is_admin(s))
		q->scope.kind = SCOPE_ALL;
}

static const char ack_help[] = N_(
"  FLAG               the flag id gaps shows (or 6+ of its first digits)\n"
"  --reason TEXT      why the flag can be silenced (required)\n"
"  --until DATE       the acknowledgement ends on that day\n"
"  --person ID        look for the flag in this person's file only\n"
"  --as-of DATE       look for the flag as of that date\n"
"The flag comes back at the date, or as soon as its facts change.\n");

static int
ack_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct rule	*sel[64];
	struct gopts		 o;
	struct gap_query	 q;
	struct gap_result	 res;
	struct session		*s = NULL;
	const struct gap_flag	*fl;
	char			*cause = NULL, *pid = NULL, *wid = NULL;
	char			*ack_id = NULL, *name, d[11];
	date_t			 until = DATE_NONE;
	size_t			 idx;
	int			 rc;

	memset(&res, 0, sizeof res);
	if ((rc = gopts_parse(&o, argc, argv, G_AS_OF | G_HORIZON |
	    G_PERSON | G_REASON | G_UNTIL, 1)) != 0)
		return (rc);
	if (o.help) {
		cmd_print_help(cmd_current(), _(ack_help));
		return (EXIT_OK);
	}
	if (o.npos == 0)
		return (cmd_usage_error(cmd_current(), _("which flag? give "
		    "its id")));
	if (o.reason == NULL)
		return (cmd_usage_error(cmd_current(), _("--reason is "
		    "required")));
	if (o.until != NULL && date_parse_user(o.until, &until, &cause) != 0) {
		rc = cmd_usage_error(cmd_current(), "--until: %s", cause);
		free(cause);
		return (rc);
	}
	if (until != DATE_NONE && until <= date_today())
		return (cmd_usage_error(cmd_current(), _("--until: the date "
		    "must be after today")));
	if ((rc = gopts_query(&o, &q, sel)) != 0)
		return (rc);
	if (o.horizon == NULL)
		q.horizon = GAPS_ACK_HORIZON;
	q.include_acknowledged = true;
	if ((rc = cmd_open(ctx, &s)) != 0)
		return (rc);
	if ((rc = gopts_scope(s, &o, &q, &pid, &wid)) != 0)
		goto out;
	ack_scope(s, &q);
	rc = EXIT_DATA;
	if (gaps_run(s, &q, &res, &cause) != 0 ||
	    gaps_find(&res, o.pos[0], &idx, &cause) != 0)
		goto fail;
	fl = &res.flags[idx];
	if (gaps_ack(s, fl, o.reason, until, &ack_id, &cause) != 0)
		goto fail;
	name = gaps_flag_name(fl);
	if (until != DATE_NONE) {
		date_format_user(until, d);
		printf(_("Acknowledged %s %s (%s) until %s.\n"), fl->rule->id,
		    fl->id, name, d);
	} else
		printf(_("Acknowledged %s %s (%s).\n"), fl->rule->id, fl->id,
		    name);
	free(name);
	free(ack_id);
	rc = EXIT_OK;
	goto out;
fail:
	rc = cmd_fail(rc, cause);
out:
	gaps_result_free(&res);
	free(pid);
	free(wid);
	session_close(s);
	return (rc);
}

static int
ack_list_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = {
		"id", "flag_id", "rule", "person_id", "person_name", "reason",
		"until", "created_at", "created_by", "expired"
	};
	const char		*heads[nitems(keys)], *row[nitems(keys)];
	const struct rule	*sel[64];
	struct gopts		 o;
	struct gap_query	 q;
	struct gap_ack		*a = NULL;
	struct session		*s = NULL;
	struct table		*t;
	char			*cause = NULL, *pid = NULL, *wid = NULL;
	size_t			 n = 0, i;
	int			 rc;

	if ((rc = gopts_parse(&o, argc, argv, G_PERSON | G_SCOPE | G_ALL,
	    0)) != 0)
		return (rc);
	if (o.help) {
		cmd_print_help(cmd_current(), _("  --all   expired ones "
		    "too\n"));
		return (EXIT_OK);
	}
	if ((rc = gopts_query(&o, &q, sel)) != 0)
		return (rc);
	if ((rc = cmd_open(ctx, &s)) != 0)
		return (rc);
	if ((rc = gopts_scope(s, &o, &q, &pid, &wid)) != 0)
		goto out;
	if (gaps_ack_list(s, &q, o.all, &a, &n, &cause) != 0) {
		rc = cmd_fail(EXIT_DATA, cause);
		goto out;
	}
	for (i = 0; i < nitems(keys); i++)
		heads[i] = keys[i];
	heads[1] = _("Flag");
	heads[2] = _("Rule");
	heads[4] = _("Person");
	heads[5] = _("Reason");
	heads[6] = _("Until");
	heads[7] = _("At");
	heads[8] = _("By");
	heads[9] = _("Expired");
	t = table_create(nitems(keys), keys, ctx->format == OUTPUT_TEXT ?
	    heads : NULL);
	for (i = 0; i < n; i++) {
		row[0] = a[i].id;
		row[1] = a[i].flag_id;
		row[2] = a[i].rule_id;
		row[3] = a[i].person_id;
		row[4] = a[i].person_name;
		row[5] = a[i].reason;
		row[6] = a[i].until;
		row[7] = a[i].created_at;
		row[8] = a[i].created_by;
		row[9] = a[i].expired ? (ctx->format == OUTPUT_TEXT ?
		    _("yes") : "1") : (ctx->format == OUTPUT_TEXT ? "" : "0");
		table_add(t, row);
	}
	table_print(t, ctx->format, stdout);
	table_free(t);
	gaps_acks_free(a, n);
	rc = EXIT_OK;
out:
	free(pid);
	free(wid);
	session_close(s);
	return (rc);
}

static int
ack_remove_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct gopts	 o;
	struct session	*s = NULL;
	char		*cause = NULL;
	int		 rc;

	if ((rc = gopts_parse(&o, argc, argv, 0, 1)) != 0)
		return (rc);
	if (o.help) {
		cmd_print_help(cmd_current(), NULL);
		return (EXIT_OK);
	}
	if (o.npos == 0)
		return (cmd_usage_error(cmd_current(), _("which "
		    "acknowledgement? give its id or its flag's id")));
	if ((rc = cmd_open(ctx, &s)) != 0)
		return (rc);
	if (gaps_ack_remove(s, o.pos[0], &cause) != 0)
		rc = cmd_fail(EXIT_DATA, cause);
	else
		printf(_("Acknowledgement removed: the flag shows again.\n"));
	session_close(s);
	return (rc);
}

const struct cmd cmd_ack_table[] = {
	{ "ack list", N_("[--all] [--person ID | --worker LOGIN | "
	  "--team TEAM | --all-files]"), N_("list acknowledged flags"),
	  ack_list_exec },
	{ "ack remove", N_("ID"),
	  N_("withdraw an acknowledgement (by its id or its flag's id)"),
	  ack_remove_exec },
	{ "ack", N_("FLAG --reason TEXT [--until DATE] [--person ID] "
	  "[--as-of DATE]"),
	  N_("acknowledge a flag: hide it until a date or until its facts "
	  "change"), ack_exec },
	{ NULL, NULL, NULL, NULL }
};
