/*
 * The gap commands: "gaps" lists the coordination gaps of a caseload (or
 * a team, every file, one person) as of a date and looking ahead, in
 * text, JSON or CSV; the options it shares with "ack" (cmd-ack.c) and
 * "config" (cmd-config.c) are parsed here (cmd-gaps.h).  Options are
 * checked before the passphrase is asked for.  A flag is a finding, not
 * an error: gaps exits 0 whether or not there are flags.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "access.h"
#include "audit.h"
#include "cmd.h"
#include "cmd-gaps.h"
#include "date.h"
#include "gaps.h"
#include "model.h"
#include "model-user.h"
#include "output.h"
#include "rules.h"
#include "session.h"
#include "settings.h"
#include "text.h"
#include "xmalloc.h"

#ifndef ENABLE_NLS
#define ngettext(s, p, n) ((n) == 1 ? (s) : (p))
#endif

/* Parses options and up to maxpos positional words. */
int
gopts_parse(struct gopts *o, int argc, char **argv, unsigned allowed,
    int maxpos)
{
	const struct cmd	*c = cmd_current();
	const char		*a, *v, *eq;
	char			 name[32];
	size_t			 len;
	int			 i;

	memset(o, 0, sizeof *o);
	for (i = 1; i < argc; i++) {
		a = argv[i];
		if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
			if (o->npos >= maxpos)
				return (cmd_usage_error(c, _("unexpected "
				    "argument \"%s\""), a));
			o->pos[o->npos++] = a;
			continue;
		}
		eq = strchr(a, '=');
		len = eq != NULL ? (size_t)(eq - a) : strlen(a);
		if (len >= sizeof name)
			return (cmd_usage_error(c, _("unknown option \"%s\""),
			    a));
		memcpy(name, a, len);
		name[len] = '\0';
		if (strcmp(name, "--help") == 0) {
			o->help = true;
			continue;
		}
		if ((allowed & G_ALL) && strcmp(name, "--all") == 0) {
			o->all = true;
			continue;
		}
		if ((allowed & G_SCOPE) && strcmp(name, "--all-files") == 0) {
			o->all_files = true;
			continue;
		}
		if (!((allowed & G_AS_OF) && strcmp(name, "--as-of") == 0) &&
		    !((allowed & G_HORIZON) &&
		    strcmp(name, "--horizon") == 0) &&
		    !((allowed & G_PERSON) && strcmp(name, "--person") == 0) &&
		    !((allowed & G_SCOPE) && (strcmp(name, "--worker") == 0 ||
		    strcmp(name, "--team") == 0)) &&
		    !((allowed & G_RULE) && strcmp(name, "--rule") == 0) &&
		    !((allowed & G_SEVERITY) &&
		    strcmp(name, "--severity") == 0) &&
		    !((allowed & G_REASON) && strcmp(name, "--reason") == 0) &&
		    !((allowed & G_UNTIL) && strcmp(name, "--until") == 0))
			return (cmd_usage_error(c, _("unknown option \"%s\""),
			    a));
		if (eq != NULL)
			v = eq + 1;
		else if (i + 1 < argc)
			v = argv[++i];
		else
			return (cmd_usage_error(c, _("option %s needs a value"),
			    name));
		if (strcmp(name, "--as-of") == 0)
			o->as_of = v;
		else if (strcmp(name, "--horizon") == 0)
			o->horizon = v;
		else if (strcmp(name, "--person") == 0)
			o->person = v;
		else if (strcmp(name, "--worker") == 0)
			o->worker = v;
		else if (strcmp(name, "--team") == 0)
			o->team = v;
		else if (strcmp(name, "--severity") == 0)
			o->severity = v;
		else if (strcmp(name, "--reason") == 0)
			o->reason = v;
		else if (strcmp(name, "--until") == 0)
			o->until = v;
		else if (o->nrules < nitems(o->rules))
			o->rules[o->nrules++] = v;
		else
			return (cmd_usage_error(c, _("--rule: too many")));
	}
	if ((o->worker != NULL) + (o->team != NULL) + o->all_files +
	    (o->person != NULL) > 1)
		return (cmd_usage_error(c, _("--person, --worker, --team and "
		    "--all-files exclude each other")));
	return (0);
}

/* Checks the query options and fills q (before the session opens). */
int
gopts_query(const struct gopts *o, struct gap_query *q,
    const struct rule **sel)
{
	const struct cmd	*c = cmd_current();
	const struct rule	*r;
	char			*why = NULL, *list, *word, *save = NULL;
	size_t			 i, j;
	unsigned long long	 h = 0;

	gaps_query_init(q, NULL);
	if (o->as_of != NULL && date_parse_user(o->as_of, &q->as_of,
	    &why) != 0) {
		cmd_usage_error(c, "--as-of: %s", why);
		free(why);
		return (EXIT_USAGE);
	}
	if (o->horizon != NULL) {
		if (cmd_parse_number("--horizon", o->horizon, 0,
		    GAPS_HORIZON_MAX, &h) != 0)
			return (EXIT_USAGE);
		q->horizon = (int)h;
	}
	if (o->severity != NULL &&
	    severity_parse(o->severity, &q->min_severity) != 0)
		return (cmd_usage_error(c, _("--severity: \"%s\" is not one "
		    "of low, medium, high, critical"), o->severity));
	q->nrules = 0;
	for (i = 0; i < o->nrules; i++) {
		list = xstrdup(o->rules[i]);
		save = NULL;
		for (word = strtok_r(list, ", ", &save); word != NULL;
		    word = strtok_r(NULL, ", ", &save)) {
			if ((r = rules_find(word)) == NULL) {
				cmd_usage_error(c, _("--rule: no rule \"%s\" "
				    "(see parcours-rules(7))"), word);
				free(list);
				return (EXIT_USAGE);
			}
			for (j = 0; j < q->nrules; j++)
				if (sel[j] == r)
					break;
			if (j == q->nrules && q->nrules < rules_count)
				sel[q->nrules++] = r;
		}
		free(list);
	}
	if (o->nrules > 0)
		q->rules = sel;
	q->include_acknowledged = o->all;
	return (0);
}

/*
 * Sets the scope of q from the options, once the session is open: a
 * person, a worker, a team, every file, or the user's own files (their
 * caseload and the files where they are a referent); the access policy
 * decides who may ask for which (access_scope).  Returns 0 or an exit
 * status (with the message printed).
 */
int
gopts_scope(struct session *s, const struct gopts *o, struct gap_query *q,
    char **person_id, char **worker_id)
{
	struct record	*r = NULL;
	char		*cause = NULL;

	*person_id = *worker_id = NULL;
	scope_mine(s, &q->scope);
	if (o->person != NULL) {
		if (model_get(s, &model_person, o->person, &r, &cause) != 0)
			return (cmd_fail(EXIT_DATA, cause));
		*person_id = xstrdup(r->id);
		record_free(r);
		q->scope.kind = SCOPE_PERSON;
		q->scope.person_id = *person_id;
	} else if (o->worker != NULL) {
		if (user_find(s, o->worker, &r, &cause) != 0)
			return (cmd_fail(EXIT_DATA, cause));
		*worker_id = xstrdup(r->id);
		record_free(r);
		q->scope.kind = SCOPE_WORKER;
		q->scope.user_id = *worker_id;
	} else if (o->team != NULL) {
		q->scope.kind = SCOPE_TEAM;
		q->scope.team = o->team;
	} else if (o->all_files)
		q->scope.kind = SCOPE_ALL;
	if (access_scope(s, &q->scope, &cause) != 0)
		return (cmd_fail(EXIT_DATA, scope_option_cause(o->person !=
		    NULL ? "--person" : o->worker != NULL ? "--worker" :
		    o->team != NULL ? "--team" : o->all_files ?
		    "--all-files" : NULL, cause)));
	return (0);
}

/* "in 3 days", "today", "12 days ago" (static buffer). */
static const char *
days_words(int days)
{
	static char	buf[64];

	if (days == 0)
		return (_("today"));
	if (days > 0)
		snprintf(buf, sizeof buf, ngettext("%d day ago",
		    "%d days ago", (unsigned long)days), days);
	else
		snprintf(buf, sizeof buf, ngettext("in %d day", "in %d days",
		    (unsigned long)-days), -days);
	return (buf);
}

static void
print_text(const struct gap_result *res)
{
	const struct gap_flag	*fl;
	const char		*why;
	char			*name, *sev, d[11];
	size_t			 i, j;
	int			 w = 0, indent;

	for (i = 0; i < res->n; i++)
		if (text_width(severity_label(res->flags[i].severity)) > w)
			w = text_width(severity_label(res->flags[i].severity));
	indent = w + 2;
	for (i = 0; i < res->n; i++) {
		fl = &res->flags[i];
		name = gaps_flag_name(fl);
		sev = text_fit(severity_label(fl->severity), w, true);
		date_format_user(fl->due, d);
		printf("%s  %s  %s", sev, fl->rule->id, name);
		if (fl->age >= 0)
			printf(" (%d)", fl->age);
		printf(_("  due %s (%s%s)\n"), d, days_words(fl->days),
		    fl->upcoming ? _(", upcoming") : "");
		printf("%*s%s\n", indent, "", fl->explanation);
		why = fl->why;
		printf(_("%*sWhy: %s (%s).\n"), indent, "", why,
		    _(fl->rule->source));
		printf(_("%*sDo: %s\n"), indent, "", _(fl->rule->action));
		if (fl->acknowledged) {
			if (fl->ack_until != DATE_NONE) {
				date_format_user(fl->ack_until, d);
				printf(_("%*sAcknowledged by %s until %s: "
				    "%s\n"), indent, "", fl->ack_by != NULL ?
				    fl->ack_by : "?", d, fl->ack_reason);
			} else
				printf(_("%*sAcknowledged by %s: %s\n"), indent,
				    "", fl->ack_by != NULL ? fl->ack_by : "?",
				    fl->ack_reason);
		}
		printf(_("%*sFlag %s:"), indent, "", fl->id);
		for (j = 0; j < fl->nrecords; j++)
			printf(" %s %s", fl->records[j].entity,
			    fl->records[j].id);
		printf("\n\n");
		free(sev);
		free(name);
	}
	date_format_user(res->as_of, d);
	if (res->n == 0)
		printf(_("No gaps as of %s"), d);
	else {
		printf(ngettext("%zu flag as of %s", "%zu flags as of %s",
		    (unsigned long)res->n), res->n, d);
		printf(_(": %zu critical, %zu high, %zu medium, %zu low"),
		    res->by_severity[SEV_CRITICAL], res->by_severity[SEV_HIGH],
		    res->by_severity[SEV_MEDIUM], res->by_severity[SEV_LOW]);
	}
	if (res->horizon > 0)
		printf(ngettext(", looking %d day ahead",
		    ", looking %d days ahead", (unsigned long)res->horizon),
		    res->horizon);
	printf(".\n");
	if (res->hidden > 0)
		printf(ngettext("%zu acknowledged flag hidden (--all shows "
		    "it).\n", "%zu acknowledged flags hidden (--all shows "
		    "them).\n", (unsigned long)res->hidden), res->hidden);
}

static json_t *
json_date(date_t d)
{
	char	s[11];

	if (d == DATE_NONE)
		return (json_null());
	date_format_iso(d, s);
	return (json_string(s));
}

static json_t *
json_str(const char *s)
{
	return (s != NULL ? json_string(s) : json_null());
}

/* The JSON of one flag: the keys documented in parcours-rules(7). */
static json_t *
flag_json(const struct gap_flag *fl)
{
	json_t	*o = json_object(), *recs = json_array(), *rec, *ack;
	char	*name = gaps_flag_name(fl);
	size_t	 j;

	json_object_set_new(o, "id", json_string(fl->id));
	json_object_set_new(o, "rule", json_string(fl->rule->id));
	json_object_set_new(o, "severity",
	    json_string(severity_name(fl->severity)));
	json_object_set_new(o, "due_severity",
	    json_string(severity_name(fl->due_severity)));
	json_object_set_new(o, "upcoming", json_boolean(fl->upcoming));
	json_object_set_new(o, "due", json_date(fl->due));
	json_object_set_new(o, "days_overdue", fl->days >= 0 ?
	    json_integer(fl->days) : json_null());
	json_object_set_new(o, "days_left", fl->days < 0 ?
	    json_integer(-fl->days) : json_null());
	json_object_set_new(o, "person_id", json_string(fl->person_id));
	json_object_set_new(o, "person_name", json_string(name));
	json_object_set_new(o, "age", fl->age >= 0 ? json_integer(fl->age) :
	    json_null());
	json_object_set_new(o, "file_id", json_string(fl->file_id));
	for (j = 0; j < fl->nrecords; j++) {
		rec = json_object();
		json_object_set_new(rec, "entity",
		    json_string(fl->records[j].entity));
		json_object_set_new(rec, "id", json_string(fl->records[j].id));
		json_array_append_new(recs, rec);
	}
	json_object_set_new(o, "records", recs);
	json_object_set_new(o, "explanation", json_string(fl->explanation));
	json_object_set_new(o, "why", json_string(fl->why));
	json_object_set_new(o, "source", json_string(_(fl->rule->source)));
	json_object_set_new(o, "action", json_string(_(fl->rule->action)));
	json_object_set_new(o, "facts", json_string(fl->facts));
	json_object_set_new(o, "acknowledged", json_boolean(fl->acknowledged));
	if (fl->acknowledged) {
		ack = json_object();
		json_object_set_new(ack, "id", json_str(fl->ack_id));
		json_object_set_new(ack, "reason", json_str(fl->ack_reason));
		json_object_set_new(ack, "by", json_str(fl->ack_by));
		json_object_set_new(ack, "at", json_str(fl->ack_at));
		json_object_set_new(ack, "until", json_date(fl->ack_until));
		json_object_set_new(o, "ack", ack);
	} else
		json_object_set_new(o, "ack", json_null());
	free(name);
	return (o);
}

static void
print_json_flags(const struct gap_result *res)
{
	json_t	*a = json_array();
	char	*out;
	size_t	 i;

	for (i = 0; i < res->n; i++)
		json_array_append_new(a, flag_json(&res->flags[i]));
	out = json_dumps(a, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	printf("%s\n", out != NULL ? out : "[]");
	free(out);
	json_decref(a);
}

static void
print_csv_flags(const struct gap_result *res)
{
	static const char *const keys[] = {
		"id", "rule", "severity", "due_severity", "upcoming", "due",
		"days_overdue", "person_id", "person_name", "age", "file_id",
		"records", "explanation", "why", "source", "action",
		"acknowledged", "ack_reason", "ack_until"
	};
	const struct gap_flag	*fl;
	const char		*row[nitems(keys)];
	struct table		*t;
	struct buf		 recs;
	char			 due[11], until[11], days[16], age[16];
	char			*name;
	size_t			 i, j;

	t = table_create(nitems(keys), keys, NULL);
	for (i = 0; i < res->n; i++) {
		fl = &res->flags[i];
		name = gaps_flag_name(fl);
		buf_init(&recs);
		for (j = 0; j < fl->nrecords; j++)
			buf_printf(&recs, "%s%s:%s", j > 0 ? " " : "",
			    fl->records[j].entity, fl->records[j].id);
		date_format_iso(fl->due, due);
		date_format_iso(fl->ack_until, until);
		snprintf(days, sizeof days, "%d", fl->days);
		snprintf(age, sizeof age, "%d", fl->age);
		row[0] = fl->id;
		row[1] = fl->rule->id;
		row[2] = severity_name(fl->severity);
		row[3] = severity_name(fl->due_severity);
		row[4] = fl->upcoming ? "1" : "0";
		row[5] = due;
		row[6] = days;
		row[7] = fl->person_id;
		row[8] = name;
		row[9] = fl->age >= 0 ? age : NULL;
		row[10] = fl->file_id;
		row[11] = recs.data != NULL ? recs.data : "";
		row[12] = fl->explanation;
		row[13] = fl->why;
		row[14] = _(fl->rule->source);
		row[15] = _(fl->rule->action);
		row[16] = fl->acknowledged ? "1" : "0";
		row[17] = fl->ack_reason;
		row[18] = until[0] != '\0' ? until : NULL;
		table_add(t, row);
		buf_free(&recs);
		free(name);
	}
	table_print(t, OUTPUT_CSV, stdout);
	table_free(t);
}

/* Audits what gaps showed: a person's file, or a scope of files. */
static int
gaps_audit(struct session *s, const struct gap_query *q, char **cause)
{
	char	*what;
	int	 rc;

	if (q->scope.kind == SCOPE_PERSON)
		return (audit_log(s, "view", "person", q->scope.person_id,
		    q->scope.person_id, "gaps", cause));
	what = scope_describe(&q->scope);
	rc = audit_log(s, "view", "gaps", what, NULL, NULL, cause);
	free(what);
	return (rc);
}

static const char gaps_help[] = N_(
"  --as-of DATE       the date the rules look at (default: today)\n"
"  --horizon DAYS     also list what becomes a gap within DAYS days\n"
"                     (marked upcoming, one severity lower)\n"
"  --person ID        the file of one person\n"
"  --worker LOGIN | --team TEAM | --all-files\n"
"                     whose files (default: your own caseload;\n"
"                     supervisors and administrators only)\n"
"  --rule ID[,ID…]    only these rules (repeatable)\n"
"  --severity LEVEL   only flags of this severity or above\n"
"                     (low, medium, high, critical)\n"
"  --all              acknowledged flags too\n"
"  --format FORMAT    text, json or csv\n"
"The rules, their thresholds and the JSON keys: parcours-rules(7).\n");

static int
gaps_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct rule	*sel[64];
	struct gopts		 o;
	struct gap_query	 q;
	struct gap_result	 res;
	struct session		*s = NULL;
	char			*cause = NULL, *pid = NULL, *wid = NULL;
	int			 rc;

	if ((rc = gopts_parse(&o, argc, argv, G_AS_OF | G_HORIZON |
	    G_PERSON | G_SCOPE | G_RULE | G_SEVERITY | G_ALL, 0)) != 0)
		return (rc);
	if (o.help) {
		cmd_print_help(cmd_current(), _(gaps_help));
		return (EXIT_OK);
	}
	if ((rc = gopts_query(&o, &q, sel)) != 0)
		return (rc);
	if ((rc = cmd_open(ctx, &s)) != 0)
		return (rc);
	if ((rc = gopts_scope(s, &o, &q, &pid, &wid)) != 0)
		goto out;
	if (gaps_run(s, &q, &res, &cause) != 0)
		goto fail;
	if (gaps_audit(s, &q, &cause) != 0) {
		gaps_result_free(&res);
		goto fail;
	}
	switch (ctx->format) {
	case OUTPUT_JSON:
		print_json_flags(&res);
		break;
	case OUTPUT_CSV:
		print_csv_flags(&res);
		break;
	case OUTPUT_TEXT:
		print_text(&res);
		break;
	}
	gaps_result_free(&res);
	rc = EXIT_OK;
out:
	free(pid);
	free(wid);
	session_close(s);
	return (rc);
fail:
	rc = cmd_fail(EXIT_DATA, cause);
	goto out;
}

const struct cmd cmd_gaps_table[] = {
	{ "gaps", N_("[--as-of DATE] [--horizon DAYS] [--person ID | "
	  "--worker LOGIN | --team TEAM | --all-files] [--rule ID…] "
	  "[--severity LEVEL] [--all]"),
	  N_("list the coordination gaps of a caseload, most urgent first"),
	  gaps_exec },
	{ NULL, NULL, NULL, NULL }
};
