/*
 * The gap commands: "gaps" lists the coordination gaps of a caseload (or
 * a team, every file, one person) as of a date and looking ahead; "ack"
 * acknowledges one flag with a reason and an optional end, "ack list" and
 * "ack remove" show and withdraw acknowledgements; "config get|set|list"
 * read and change the thresholds of the rules and the other settings.
 * Options are checked before the passphrase is asked for.  A flag is a
 * finding, not an error: gaps exits 0 whether or not there are flags.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "audit.h"
#include "cmd.h"
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

/* The longest look-ahead accepted, in days (ten years). */
#define GAPS_HORIZON_MAX 3650
/* The look-ahead used to find a flag to acknowledge. */
#define GAPS_ACK_HORIZON 3650

/* What the gap commands accept. */
struct gopts {
	const char	*as_of, *horizon, *person, *worker, *team;
	const char	*severity, *reason, *until;
	const char	*rules[64];
	size_t		 nrules;
	const char	*pos[3];
	int		 npos;
	bool		 all, all_files, help;
};

enum {
	G_AS_OF = 0x001, G_HORIZON = 0x002, G_PERSON = 0x004,
	G_SCOPE = 0x008, G_RULE = 0x010, G_SEVERITY = 0x020,
	G_ALL = 0x040, G_REASON = 0x080, G_UNTIL = 0x100
};

/* Parses options and up to maxpos positional words. */
static int
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
static int
gopts_query(const struct gopts *o, struct gap_query *q,
    const struct rule **sel)
{
	const struct cmd	*c = cmd_current();
	const struct rule	*r;
	char			*why = NULL, *list, *word, *save = NULL;
	const char		*p;
	size_t			 i, j;
	long			 h = 0;

	gaps_query_init(q, NULL);
	if (o->as_of != NULL && date_parse_user(o->as_of, &q->as_of,
	    &why) != 0) {
		cmd_usage_error(c, "--as-of: %s", why);
		free(why);
		return (EXIT_USAGE);
	}
	if (o->horizon != NULL) {
		for (p = o->horizon; *p >= '0' && *p <= '9' && h <=
		    GAPS_HORIZON_MAX; p++)
			h = h * 10 + (*p - '0');
		if (*o->horizon == '\0' || *p != '\0' || h > GAPS_HORIZON_MAX)
			return (cmd_usage_error(c, _("--horizon: give a number "
			    "of days from 0 to %d, not \"%s\""),
			    GAPS_HORIZON_MAX, o->horizon));
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
 * person, a worker, a team, every file, or the user's own caseload.
 * Workers see only their own caseload.  Returns 0 or an exit status
 * (with the message printed).
 */
static int
gopts_scope(struct session *s, const struct gopts *o, struct gap_query *q,
    char **person_id, char **worker_id)
{
	struct record	*r = NULL;
	char		*cause = NULL;

	*person_id = *worker_id = NULL;
	if (o->person != NULL) {
		if (model_get(s, &model_person, o->person, &r, &cause) != 0)
			return (cmd_fail(EXIT_DATA, cause));
		*person_id = xstrdup(r->id);
		record_free(r);
		q->scope = GAP_SCOPE_PERSON;
		q->person_id = *person_id;
		return (0);
	}
	if (o->worker != NULL) {
		if (user_find(s, o->worker, &r, &cause) != 0)
			return (cmd_fail(EXIT_DATA, cause));
		*worker_id = xstrdup(r->id);
		record_free(r);
		if (strcmp(*worker_id, s->user_id) != 0 &&
		    !session_is_supervisor(s))
			return (cmd_fail(EXIT_DATA, xstrdup(_("--worker: only "
			    "supervisors and administrators may see another "
			    "worker's files"))));
		q->scope = GAP_SCOPE_WORKER;
		q->worker_id = *worker_id;
		return (0);
	}
	if (o->team != NULL || o->all_files) {
		if (!session_is_supervisor(s))
			return (cmd_fail(EXIT_DATA, xstrdup(o->all_files ?
			    _("--all-files: only supervisors and "
			    "administrators may see every file") :
			    _("--team: only supervisors and administrators "
			    "may see a team's files"))));
		q->scope = o->all_files ? GAP_SCOPE_ALL : GAP_SCOPE_TEAM;
		q->team = o->team;
		return (0);
	}
	q->scope = GAP_SCOPE_WORKER;
	q->worker_id = s->user_id;
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
			printf(" %s %.8s", fl->records[j].entity,
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

	if (q->scope == GAP_SCOPE_PERSON)
		return (audit_log(s, "view", "person", q->person_id,
		    q->person_id, "gaps", cause));
	switch (q->scope) {
	case GAP_SCOPE_ALL:
		what = xstrdup("all-files");
		break;
	case GAP_SCOPE_TEAM:
		what = xasprintf("team:%s", q->team);
		break;
	default:
		what = xasprintf("worker:%s", q->worker_id);
		break;
	}
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
	if (gaps_run(s, &q, &res, &cause) != 0 ||
	    gaps_audit(s, &q, &cause) != 0) {
		rc = cmd_fail(EXIT_DATA, cause);
		goto out;
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
	gaps_cache_clear();
	session_close(s);
	return (rc);
}

/* The scope in which "ack" looks for a flag: a worker's own caseload;
 * for supervisors and administrators the person if given, else what they
 * may see. */
static void
ack_scope(struct session *s, struct gap_query *q)
{
	if (!session_is_supervisor(s)) {
		q->scope = GAP_SCOPE_WORKER;
		q->worker_id = s->user_id;
		return;
	}
	if (q->scope == GAP_SCOPE_PERSON)
		return;
	if (session_is_admin(s))
		q->scope = GAP_SCOPE_ALL;
	else if (session_is_supervisor(s) && s->team != NULL) {
		q->scope = GAP_SCOPE_TEAM;
		q->team = s->team;
	} else
		q->scope = GAP_SCOPE_ALL;
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
	gaps_cache_clear();
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
	gaps_cache_clear();
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

/* config ---------------------------------------------------------------- */

static const char *const config_keys[] = {
	"key", "value", "default", "unit", "min", "max", "updated_at",
	"updated_by", "description"
};

static void
config_row(struct table *t, const struct setting_value *v)
{
	const char	*row[nitems(config_keys)];
	char		 val[16], def[16], min[16], max[16];
	char		*desc;

	snprintf(val, sizeof val, "%d", v->value);
	snprintf(def, sizeof def, "%d", v->def->defval);
	snprintf(min, sizeof min, "%d", v->def->min);
	snprintf(max, sizeof max, "%d", v->def->max);
	desc = v->def->rule != NULL ? xasprintf("%s: %s", v->def->rule->id,
	    _(v->def->help)) : xstrdup(_(v->def->help));
	row[0] = v->def->key;
	row[1] = val;
	row[2] = def;
	row[3] = settings_unit_name(v->def->unit);
	row[4] = min;
	row[5] = max;
	row[6] = v->updated_at;
	row[7] = v->updated_by;
	row[8] = desc;
	table_add(t, row);
	free(desc);
}

static struct table *
config_table(enum output_format fmt)
{
	static const char	*heads[nitems(config_keys)];
	struct table		*t;

	heads[0] = _("Setting");
	heads[1] = _("Value");
	heads[2] = _("Default");
	heads[3] = _("Unit");
	heads[4] = _("Min");
	heads[5] = _("Max");
	heads[6] = _("Changed");
	heads[7] = _("By");
	heads[8] = _("Description");
	t = table_create(nitems(config_keys), config_keys,
	    fmt == OUTPUT_TEXT ? heads : NULL);
	table_set_numeric(t, 1);
	table_set_numeric(t, 2);
	table_set_numeric(t, 4);
	table_set_numeric(t, 5);
	return (t);
}

static int
config_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct gopts		 o;
	struct session		*s = NULL;
	struct setting_value	*vals = NULL;
	const struct setting_def *d = NULL;
	struct table		*t;
	char			*cause = NULL;
	size_t			 n = 0, i;
	int			 rc, v, want;

	want = strcmp(argv[0], "set") == 0 ? 2 :
	    strcmp(argv[0], "get") == 0 ? 1 : 0;
	if ((rc = gopts_parse(&o, argc, argv, 0, want)) != 0)
		return (rc);
	if (o.help) {
		cmd_print_help(cmd_current(), _("The settings, their units and "
		    "bounds: parcours config list; the rules' thresholds: "
		    "parcours-rules(7).\n"));
		return (EXIT_OK);
	}
	if (o.npos < want)
		return (cmd_usage_error(cmd_current(), want == 2 ?
		    _("give a setting and its value") : _("which setting?")));
	if (want > 0 && (d = settings_find(o.pos[0])) == NULL)
		return (cmd_usage_error(cmd_current(), _("%s: no such setting "
		    "(parcours config list shows them)"), o.pos[0]));
	if (want == 2 && strcmp(o.pos[1], "default") != 0 &&
	    settings_parse(d, o.pos[1], &v, &cause) != 0) {
		rc = cmd_usage_error(cmd_current(), "%s", cause);
		free(cause);
		return (rc);
	}
	if ((rc = cmd_open(ctx, &s)) != 0)
		return (rc);
	if (want == 2) {
		if (!session_is_admin(s))
			rc = cmd_fail(EXIT_DATA, xstrdup(_("only an "
			    "administrator can change the settings")));
		else if (settings_set(s, d->key, o.pos[1], &cause) != 0)
			rc = cmd_fail(EXIT_DATA, cause);
		else
			printf("%s = %d\n", d->key, settings_get_int(s,
			    d->key));
		goto out;
	}
	if (settings_list(s, &vals, &n, &cause) != 0) {
		rc = cmd_fail(EXIT_DATA, cause);
		goto out;
	}
	if (want == 1 && ctx->format == OUTPUT_TEXT) {
		for (i = 0; i < n; i++)
			if (vals[i].def == d)
				printf("%d\n", vals[i].value);
		goto out;
	}
	t = config_table(ctx->format);
	for (i = 0; i < n; i++)
		if (d == NULL || vals[i].def == d)
			config_row(t, &vals[i]);
	table_print(t, ctx->format, stdout);
	table_free(t);
out:
	settings_values_free(vals, n);
	session_close(s);
	return (rc);
}

const struct cmd cmd_gaps_table[] = {
	{ "gaps", N_("[--as-of DATE] [--horizon DAYS] [--person ID | "
	  "--worker LOGIN | --team TEAM | --all-files] [--rule ID…] "
	  "[--severity LEVEL] [--all]"),
	  N_("list the coordination gaps of a caseload, most urgent first"),
	  gaps_exec },
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
	{ "config get", N_("KEY"), N_("show a setting"), config_exec },
	{ "config set", N_("KEY VALUE|default"),
	  N_("change a setting (administrators)"), config_exec },
	{ "config list", "", N_("list every setting with its value and "
	  "default"), config_exec },
	{ NULL, NULL, NULL, NULL }
};
