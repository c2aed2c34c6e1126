/*
 * The commands that create, list, show, edit, end and delete the records
 * of every entity, all driven by the entity descriptions of the model:
 * "person add --last-name … --first-name …", "measure end ID --date …",
 * "file close PERSON --reason …".  Field options are the field names with
 * dashes ("--birth-date"); a reference can be given without its "_id"
 * ("--person", "--partner", "--worker") by id, id prefix or, for users, by
 * login.  A text field can also be read from a file ("--text-file
 * note.txt"): the command line cannot carry a long journal entry.  Options
 * are checked before the passphrase is asked for, so a usage error costs
 * nothing.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "audit.h"
#include "cmd.h"
#include "cmd-entity.h"
#include "date.h"
#include "jsonio.h"
#include "model.h"
#include "model-user.h"
#include "secure.h"
#include "text.h"
#include "uuid7.h"
#include "xmalloc.h"

static const char *const verb_names[] = {
	"add", "list", "show", "edit", "end", "delete", "close", "reopen",
	"assign", "answer"
};

static unsigned
verb_extras(const struct entity *e, enum verb v)
{
	switch (v) {
	case V_LIST:
		if (e == &model_person)
			return (X_SEARCH | X_ALL | X_SCOPE);
		return ((e->searchable ? X_SEARCH : 0) | X_ALL |
		    (model_field_index(e, "person_id") >= 0 ? X_PERSON : 0));
	case V_END:
		return (X_DATE | (e->end_reason != NULL ? X_REASON : 0));
	case V_ANSWER:
	case V_REOPEN:
		return (X_DATE);
	case V_CLOSE:
		return (X_DATE | X_REASON);
	case V_ASSIGN:
		return (X_WORKER);
	default:
		return (0);
	}
}

/* The field an option names: "birth_date", or "partner" for partner_id. */
static int
option_field(const struct entity *e, const char *name)
{
	char	*with_id;
	int	 i;

	if ((i = model_field_index(e, name)) >= 0)
		return (i);
	with_id = xasprintf("%s_id", name);
	i = model_field_index(e, with_id);
	free(with_id);
	if (i >= 0 && e->fields[i].type != FT_REF)
		i = -1;
	return (i);
}

/* The text field a "--FIELD-file" option names, or -1. */
static int
option_file_field(const struct entity *e, const char *name)
{
	size_t	len = strlen(name);
	char	*base;
	int	 i;

	if (len <= 5 || strcmp(name + len - 5, "_file") != 0)
		return (-1);
	base = xstrndup(name, len - 5);
	i = model_field_index(e, base);
	free(base);
	if (i >= 0 && e->fields[i].type != FT_TEXT &&
	    e->fields[i].type != FT_LONGTEXT)
		i = -1;
	return (i);
}

static bool
verb_takes_fields(enum verb v)
{
	return (v == V_ADD || v == V_EDIT || v == V_END || v == V_ANSWER);
}

static bool
verb_takes_id(enum verb v)
{
	return (v != V_ADD && v != V_LIST);
}

/* True if the field was given as an option. */
static bool
given(const struct parsed *p, const char *field)
{
	int	i;

	for (i = 0; i < p->nfields; i++)
		if (strcmp(p->fname[i], field) == 0)
			return (true);
	return (false);
}

/* The values of an enumeration field, comma-separated; caller frees. */
static char *
enum_values(const struct field *f)
{
	const struct enum_value	*ev;
	struct buf		 b;

	buf_init(&b);
	for (ev = f->values; ev->value != NULL; ev++)
		buf_printf(&b, "%s%s", ev == f->values ? "" : ", ", ev->value);
	return (buf_take(&b));
}

/* Parses the command's arguments without opening the database. */
static int
parse_args(struct parsed *p, int argc, char **argv)
{
	const struct cmd	*c = cmd_current();
	unsigned		 extras = verb_extras(p->e, p->verb);
	char			 name[64], *eq;
	const char		*value;
	size_t			 k;
	int			 i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
			if (!verb_takes_id(p->verb) || p->id != NULL)
				return (cmd_usage_error(c, _("unexpected "
				    "argument \"%s\""), a));
			p->id = a;
			continue;
		}
		snprintf(name, sizeof name, "%s", a + 2);
		if ((eq = strchr(name, '=')) != NULL)
			*eq = '\0';
		for (k = 0; name[k] != '\0'; k++)
			if (name[k] == '-')
				name[k] = '_';
		if (strcmp(name, "help") == 0) {
			p->help = true;
			continue;
		}
		if ((extras & X_ALL) && strcmp(name, "all") == 0) {
			p->all = true;
			continue;
		}
		if ((extras & X_SCOPE) && strcmp(name, "all_files") == 0) {
			p->all_files = true;
			continue;
		}
		if (eq != NULL)
			value = strchr(a, '=') + 1;
		else if (i + 1 < argc)
			value = argv[++i];
		else
			return (cmd_usage_error(c, _("option %s needs a value"),
			    a));
		if ((extras & X_PERSON) && strcmp(name, "person") == 0)
			p->person = value;
		else if ((extras & X_SEARCH) && strcmp(name, "search") == 0)
			p->search = value;
		else if ((extras & (X_SCOPE | X_WORKER)) &&
		    strcmp(name, "worker") == 0)
			p->worker = value;
		else if ((extras & X_SCOPE) && strcmp(name, "team") == 0)
			p->team = value;
		else if ((extras & X_DATE) && strcmp(name, "date") == 0)
			p->date = value;
		else if ((extras & X_REASON) && strcmp(name, "reason") == 0)
			p->reason = value;
		else if (verb_takes_fields(p->verb) &&
		    option_field(p->e, name) >= 0 &&
		    p->nfields < (int)nitems(p->fname)) {
			p->fname[p->nfields] = p->e->fields[option_field(p->e,
			    name)].name;
			p->fvalue[p->nfields++] = value;
		} else if (verb_takes_fields(p->verb) &&
		    option_file_field(p->e, name) >= 0 &&
		    p->nfields < (int)nitems(p->fname)) {
			p->fname[p->nfields] = p->e->fields[
			    option_file_field(p->e, name)].name;
			p->ffile[p->nfields] = true;
			p->fvalue[p->nfields++] = value;
		} else
			return (cmd_usage_error(c, _("unknown option \"%s\""),
			    a));
	}
	if (p->help)
		return (0);
	if (verb_takes_id(p->verb) && p->id == NULL)
		return (cmd_usage_error(c, _("which %s? give its id"),
		    _(p->e->label)));
	if (p->verb == V_EDIT && p->nfields == 0)
		return (cmd_usage_error(c, _("nothing to change: give at least "
		    "one field option")));
	if (p->verb == V_CLOSE && p->reason == NULL)
		return (cmd_usage_error(c, _("--reason is required")));
	if (p->verb == V_END && p->e->end_reason != NULL &&
	    p->reason == NULL && !given(p, p->e->end_reason)) {
		char *values = enum_values(model_field(p->e,
		    p->e->end_reason));

		int rc = cmd_usage_error(c, _("--reason is required: how does "
		    "the %s end? (%s)"), _(p->e->label), values);

		free(values);
		return (rc);
	}
	if (p->verb == V_ASSIGN && p->worker == NULL)
		return (cmd_usage_error(c, _("--worker is required")));
	return (0);
}

/* Prints the help of an entity command: its field options. */
static void
print_entity_help(const struct parsed *p)
{
	const struct field	*f;
	struct buf		 b;
	unsigned		 extras = verb_extras(p->e, p->verb);
	size_t			 i;

	buf_init(&b);
	if (verb_takes_fields(p->verb)) {
		buf_puts(&b, _("Fields (* required when adding):\n"));
		for (i = 0; i < p->e->nfields; i++) {
			char *opt, *dash;

			f = &p->e->fields[i];
			opt = xstrdup(f->name);
			if (f->type == FT_REF && (dash = strstr(opt, "_id")) &&
			    dash[3] == '\0')
				*dash = '\0';
			for (dash = opt; *dash != '\0'; dash++)
				if (*dash == '_')
					*dash = '-';
			buf_printf(&b, "  --%-22s %s%s", opt, _(f->label),
			    (f->flags & FF_REQUIRED) ? " *" : "");
			if (f->type == FT_DATE)
				buf_puts(&b, _(" (YYYY-MM-DD or dd/mm/yyyy)"));
			else if (f->type == FT_BOOL)
				buf_puts(&b, _(" (yes or no)"));
			else if (f->type == FT_REF)
				buf_printf(&b, _(" (id of a %s%s)"),
				    _(model_entity(f->ref)->label),
				    strcmp(f->ref, "user") == 0 ?
				    _(", or login") : "");
			else if (f->type == FT_LONGTEXT)
				buf_printf(&b, _(" (or --%s-file FILE)"), opt);
			free(opt);
			buf_puts(&b, "\n");
			if (f->type == FT_ENUM) {
				char *values = enum_values(f);

				buf_printf(&b, "        %s\n", values);
				free(values);
			}
		}
	}
	if (extras & X_PERSON)
		buf_puts(&b, _("  --person ID    only the records of this "
		    "person\n"));
	if (extras & X_SEARCH)
		buf_puts(&b, _("  --search TEXT  names containing these words "
		    "(accents and case ignored)\n"));
	if (extras & X_ALL)
		buf_puts(&b, p->e == &model_person ?
		    _("  --all          closed files too\n") :
		    _("  --all          ended records too\n"));
	if (extras & X_SCOPE)
		buf_puts(&b, _("  --worker LOGIN | --team TEAM | --all-files\n"
		    "                 whose files (default: your own)\n"));
	if ((extras & X_DATE) && p->verb == V_END)
		buf_puts(&b, _("  --date DATE    the end date (default: the end "
		    "date recorded if it has\n"
		    "                 passed, else today)\n"));
	else if (extras & X_DATE)
		buf_puts(&b, _("  --date DATE    the date (default: today)\n"));
	if ((extras & X_REASON) && p->verb == V_END)
		buf_puts(&b, _("  --reason R     how it ends (required; the "
		    "values of --end-reason)\n"));
	else if (extras & X_REASON)
		buf_puts(&b, _("  --reason R     why the file is closed\n"));
	if (extras & X_WORKER)
		buf_puts(&b, _("  --worker LOGIN the worker who takes the "
		    "file\n"));
	cmd_print_help(cmd_current(), b.data);
	buf_free(&b);
}

/*
 * The id of the record a reference names: a user by login or id, another
 * record by id or a unique prefix of it.  A full id, or what is no id at
 * all, is taken as it is (validation says what is wrong with it).
 * Returns the id (caller frees), or NULL with *cause saying what was not
 * found.
 */
static char *
resolve_ref(struct session *s, const char *ref, const char *v, char **cause)
{
	struct record	*r = NULL;
	char		*id, *why = NULL;
	int		 rc;

	if (strcmp(ref, "user") == 0) {
		rc = user_find(s, v, &r, &why);
		if (rc != 0 && !uuid_valid(v)) {
			free(why);
			why = NULL;
			rc = model_get(s, &model_user, v, &r, NULL);
			if (rc != 0)
				set_cause(&why, _("no user with login \"%s\""),
				    v);
		}
	} else
		rc = model_get(s, model_entity(ref), v, &r, &why);
	if (rc != 0) {
		if (uuid_valid(v) || (strcmp(ref, "user") != 0 &&
		    (strlen(v) < 8 || strspn(v, "0123456789abcdefABCDEF-") !=
		    strlen(v)))) {
			free(why);
			return (xstrdup(v));
		}
		*cause = why;
		return (NULL);
	}
	free(why);
	id = xstrdup(r->id);
	record_free(r);
	return (id);
}

/* Sets one field of r from what a person typed (dates in either form). */
static int
set_typed(struct session *s, struct record *r, const char *name,
    const char *value, char **cause)
{
	const struct field	*f = model_field(r->e, name);
	char			 iso[11], *why = NULL, *id;
	date_t			 d;

	if (f->type == FT_DATE && *value != '\0') {
		if (date_parse_user(value, &d, &why) != 0) {
			set_cause(cause, "%s: %s", name, why);
			free(why);
			return (-1);
		}
		date_format_iso(d, iso);
		record_set(r, name, iso);
	} else if (f->type == FT_REF && *value != '\0') {
		if ((id = resolve_ref(s, f->ref, value, &why)) == NULL) {
			set_cause(cause, "%s: %s", name, why);
			free(why);
			return (-1);
		}
		record_set(r, name, id);
		free(id);
	} else
		record_set(r, name, value);
	return (0);
}

/*
 * Reads the value of a text field from a file (a final newline dropped).
 * Returns the value (caller frees) or NULL with *cause.
 */
static char *
read_field_file(const char *name, const char *path, char **cause)
{
	unsigned char	*data;
	char		*why = NULL;
	size_t		 len;

	if (secure_read_file(path, (size_t)16 << 20, &data, &len, &why) != 0) {
		set_cause(cause, "%s: %s", name, why);
		free(why);
		return (NULL);
	}
	if (memchr(data, '\0', len) != NULL) {
		set_cause(cause, _("%s: \"%s\" is not a text file (it "
		    "contains a NUL byte)"), name, path);
		free(data);
		return (NULL);
	}
	if (len > 0 && data[len - 1] == '\n')
		data[len - 1] = '\0';
	return ((char *)data);
}

static int
set_fields(struct session *s, struct record *r, const struct parsed *p,
    char **cause)
{
	char	*text;
	int	 i, rc;

	for (i = 0; i < p->nfields; i++) {
		if (!p->ffile[i]) {
			rc = set_typed(s, r, p->fname[i], p->fvalue[i], cause);
		} else if ((text = read_field_file(p->fname[i], p->fvalue[i],
		    cause)) == NULL)
			rc = -1;
		else {
			rc = set_typed(s, r, p->fname[i], text, cause);
			free(text);
		}
		if (rc != 0)
			return (-1);
	}
	return (0);
}

/* The pathway file of a person given by (a prefix of) their id, to
 * change it (close, reopen, assign). */
static int
find_file(struct session *s, const char *person, struct record **out,
    char **cause)
{
	struct model_filter	  f = { 0 };
	struct record		 *p = NULL, **rs;
	size_t			  n;

	*out = NULL;
	if (model_get_for(s, &model_person, person, ACCESS_WRITE, &p,
	    cause) != 0)
		return (-1);
	f.person_id = p->id;
	if (model_list(s, &model_file, &f, &rs, &n, cause) != 0) {
		record_free(p);
		return (-1);
	}
	record_free(p);
	if (n == 0) {
		free(rs);
		set_cause(cause, _("this person has no pathway file"));
		return (-1);
	}
	*out = rs[0];
	rs[0] = NULL;
	records_free(rs, n);
	return (0);
}

/* The date option, else the planned date if given and already passed
 * (NULL: none), else today, as ISO. */
static int
date_or_today(const struct parsed *p, const char *planned, char iso[11],
    char **cause)
{
	date_t	 d = date_today(), was;
	char	*why = NULL;

	if (p->date == NULL && planned != NULL &&
	    date_parse_iso(planned, &was, NULL) == 0 && was < d)
		d = was;

	if (p->date != NULL && date_parse_user(p->date, &d, &why) != 0) {
		set_cause(cause, "--date: %s", why);
		free(why);
		return (-1);
	}
	date_format_iso(d, iso);
	return (0);
}

/* Audits a list of records of person files: the scope (the person given,
 * or every file the user may read) and how many files they belong to.
 * Lists of users and partners show no person and are not audited. */
static int
list_audit(struct session *s, const struct entity *e,
    const struct record *person, struct record **rs, size_t n, char **cause)
{
	const char	**pids;
	struct scope	  sc;
	size_t		  i, files = 0;
	int		  rc;

	if (model_person_column(e) == NULL)
		return (0);
	if (person != NULL) {
		memset(&sc, 0, sizeof sc);
		sc.kind = SCOPE_PERSON;
		sc.person_id = person->id;
		return (access_audit_list(s, e->name, &sc, n > 0 ? 1 : 0,
		    false, cause));
	}
	pids = xcalloc(n > 0 ? n : 1, sizeof *pids);
	for (i = 0; i < n; i++)
		pids[i] = record_person(rs[i]);
	files = text_count_distinct(pids, n);
	free(pids);
	rc = access_audit_list(s, e->name, NULL, files, false, cause);
	return (rc);
}

static int
run_verb(struct session *s, struct parsed *p, enum output_format fmt,
    char **cause)
{
	struct model_filter	  f = { 0 };
	struct record		 *r = NULL, *cur = NULL, **rs;
	json_t			 *j;
	char			  iso[11];
	size_t			  n;
	int			  rc = -1;

	r = record_new(p->verb == V_CLOSE || p->verb == V_REOPEN ||
	    p->verb == V_ASSIGN ? &model_file : p->e);
	switch (p->verb) {
	case V_ADD:
		if (set_fields(s, r, p, cause) != 0 ||
		    model_insert(s, r, 0, NULL, cause) != 0)
			goto out;
		printf("%s\n", r->id);
		break;
	case V_LIST:
		if (p->e == &model_person) {
			rc = list_persons(s, p, fmt, cause);
			goto out;
		}
		/* A mistyped person is an error, not an empty list. */
		if (p->person != NULL) {
			if (model_get(s, &model_person, p->person, &cur,
			    cause) != 0)
				goto out;
			f.person_id = cur->id;
		}
		f.search = p->search;
		f.active_only = !p->all;
		if (p->e == &model_referral && !p->all)
			f.active_only = false;
		if (model_list(s, p->e, &f, &rs, &n, cause) != 0)
			goto out;
		if (list_audit(s, p->e, cur, rs, n, cause) != 0) {
			records_free(rs, n);
			goto out;
		}
		print_records(s, p->e, rs, n, fmt, p->person == NULL);
		records_free(rs, n);
		break;
	case V_SHOW:
		if (model_get(s, p->e, p->id, &cur, cause) != 0)
			goto out;
		if (p->e == &model_person) {
			if (show_person(s, cur, fmt, cause) != 0)
				goto out;
			break;
		}
		if (audit_log(s, "view", p->e->name, cur->id,
		    record_person(cur), NULL, cause) != 0)
			goto out;
		if (fmt == OUTPUT_JSON) {
			j = jsonio_from_record(cur);
			print_json(j);
			json_decref(j);
		} else
			print_record(s, cur);
		break;
	case V_EDIT:
		if (model_get_for(s, p->e, p->id, ACCESS_WRITE, &cur,
		    cause) != 0 ||
		    set_fields(s, r, p, cause) != 0 ||
		    model_update(s, r, cur->id, cause) != 0)
			goto out;
		break;
	case V_END:
	case V_ANSWER:
		if (model_get_for(s, p->e, p->id, ACCESS_WRITE, &cur,
		    cause) != 0 ||
		    set_fields(s, r, p, cause) != 0)
			goto out;
		if (p->e->end_field == NULL) {
			set_cause(cause, _("a %s has no end"), _(p->e->label));
			goto out;
		}
		if (date_or_today(p, record_get(cur, p->e->end_field), iso,
		    cause) != 0)
			goto out;
		record_set(r, p->e->end_field, iso);
		if (p->reason != NULL && p->e->end_reason != NULL)
			record_set(r, p->e->end_reason, p->reason);
		/* Only a relay names the service that takes over. */
		if (model_field(p->e, "relayed_to") != NULL &&
		    !given(p, "relayed_to") &&
		    (record_get(r, "end_reason") == NULL ||
		    strcmp(record_get(r, "end_reason"), "relayed") != 0))
			record_set(r, "relayed_to", NULL);
		if (p->e == &model_project && record_get(r, "status") == NULL)
			record_set(r, "status", "closed");
		if (model_update(s, r, cur->id, cause) != 0)
			goto out;
		break;
	case V_DELETE:
		if (model_delete(s, p->e, p->id, cause) != 0)
			goto out;
		break;
	case V_CLOSE:
	case V_REOPEN:
	case V_ASSIGN:
		/* Only supervisors and administrators assign: say so before
		 * anything about the file. */
		if (p->verb == V_ASSIGN && !session_is_supervisor(s) &&
		    access_assign(s, p->id, p->worker, cause) != 0)
			goto out;
		if (find_file(s, p->id, &cur, cause) != 0)
			goto out;
		if (p->verb == V_CLOSE) {
			if (date_or_today(p, NULL, iso, cause) != 0)
				goto out;
			record_set(r, "closed_on", iso);
			record_set(r, "closing_reason", p->reason);
		} else if (p->verb == V_REOPEN) {
			record_set(r, "closed_on", NULL);
			record_set(r, "closing_reason", NULL);
		} else if (set_typed(s, r, "worker_id", p->worker, cause) != 0)
			goto out;
		if (model_update(s, r, cur->id, cause) != 0)
			goto out;
		break;
	}
	rc = 0;
out:
	record_free(r);
	record_free(cur);
	return (rc);
}

static int
entity_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct parsed	 p;
	struct session	*s;
	char		 noun[32], *sp, *cause = NULL;
	size_t		 i;
	int		 rc;

	memset(&p, 0, sizeof p);
	snprintf(noun, sizeof noun, "%s", cmd_current()->name);
	if ((sp = strchr(noun, ' ')) != NULL)
		*sp = '\0';
	p.e = model_entity(noun);
	for (i = 0; i < nitems(verb_names); i++)
		if (strcmp(argv[0], verb_names[i]) == 0)
			p.verb = (enum verb)i;
	if (strcmp(noun, "file") == 0)
		p.e = &model_person;
	if ((rc = parse_args(&p, argc, argv)) != 0)
		return (rc);
	if (p.help) {
		print_entity_help(&p);
		return (EXIT_OK);
	}
	if ((rc = cmd_open(ctx, &s)) != 0)
		return (rc);
	if (run_verb(s, &p, ctx->format, &cause) != 0)
		rc = cmd_fail(EXIT_DATA, cause);
	session_close(s);
	return (rc);
}

const struct cmd cmd_entity_table[] = {
	{ "person add", N_("--last-name NAME --first-name NAME [FIELDS…]"),
	  N_("create a person and open their pathway file"), entity_exec },
	{ "person list", N_("[--search TEXT] [--all] [--worker LOGIN | "
	  "--team TEAM | --all-files]"), N_("list pathway files"),
	  entity_exec },
	{ "person show", N_("ID"), N_("show a person's whole pathway file"),
	  entity_exec },
	{ "person edit", N_("ID FIELD OPTIONS…"), N_("change a person"),
	  entity_exec },
	{ "person delete", N_("ID"), N_("delete a person (kept for the "
	  "audit)"), entity_exec },
	{ "file close", N_("PERSON --reason REASON [--date DATE]"),
	  N_("close a pathway file"), entity_exec },
	{ "file reopen", N_("PERSON"), N_("reopen a closed pathway file"),
	  entity_exec },
	{ "file assign", N_("PERSON --worker LOGIN"),
	  N_("give a file to another worker's caseload"), entity_exec },
	{ "referent add", N_("FIELD OPTIONS…"), N_("create a referent"),
	  entity_exec },
	{ "referent list", N_("[--person ID] [--all]"), N_("list referents"),
	  entity_exec },
	{ "referent show", N_("ID"), N_("show a referent"), entity_exec },
	{ "referent edit", N_("ID FIELD OPTIONS…"), N_("change a referent"),
	  entity_exec },
	{ "referent delete", N_("ID"),
	  N_("delete a referent (kept for the audit)"), entity_exec },
	{ "referent end", N_("ID [--date DATE] [--successor ID]"),
	  N_("end a referent's role"), entity_exec },
	{ "project add", N_("FIELD OPTIONS…"), N_("create a project"),
	  entity_exec },
	{ "project list", N_("[--person ID] [--all]"), N_("list projects"),
	  entity_exec },
	{ "project show", N_("ID"), N_("show a project"), entity_exec },
	{ "project edit", N_("ID FIELD OPTIONS…"), N_("change a project"),
	  entity_exec },
	{ "project delete", N_("ID"),
	  N_("delete a project (kept for the audit)"), entity_exec },
	{ "project end", N_("ID [--date DATE]"), N_("close a project"),
	  entity_exec },
	{ "measure add", N_("FIELD OPTIONS…"), N_("create a measure"),
	  entity_exec },
	{ "measure list", N_("[--person ID] [--all]"), N_("list measures"),
	  entity_exec },
	{ "measure show", N_("ID"), N_("show a measure"), entity_exec },
	{ "measure edit", N_("ID FIELD OPTIONS…"), N_("change a measure"),
	  entity_exec },
	{ "measure delete", N_("ID"),
	  N_("delete a measure (kept for the audit)"), entity_exec },
	{ "measure end",
	  N_("ID --reason REASON [--relayed-to SERVICE] [--date DATE]"),
	  N_("end a measure, saying why"), entity_exec },
	{ "right add", N_("FIELD OPTIONS…"), N_("create a right"),
	  entity_exec },
	{ "right list", N_("[--person ID] [--all]"), N_("list rights"),
	  entity_exec },
	{ "right show", N_("ID"), N_("show a right"), entity_exec },
	{ "right edit", N_("ID FIELD OPTIONS…"), N_("change a right"),
	  entity_exec },
	{ "right delete", N_("ID"),
	  N_("delete a right (kept for the audit)"), entity_exec },
	{ "right end",
	  N_("ID --reason REASON [--relayed-to SERVICE] [--date DATE]"),
	  N_("end a right, saying why"), entity_exec },
	{ "involvement add", N_("FIELD OPTIONS…"), N_("create a partner involvement"),
	  entity_exec },
	{ "involvement list", N_("[--person ID] [--all]"), N_("list partner involvements"),
	  entity_exec },
	{ "involvement show", N_("ID"), N_("show a partner involvement"), entity_exec },
	{ "involvement edit", N_("ID FIELD OPTIONS…"), N_("change a partner involvement"),
	  entity_exec },
	{ "involvement delete", N_("ID"),
	  N_("delete a partner involvement (kept for the audit)"), entity_exec },
	{ "involvement end", N_("ID [--date DATE]"),
	  N_("end a partner's involvement"), entity_exec },
	{ "event add", N_("FIELD OPTIONS…"), N_("create a journal entry"),
	  entity_exec },
	{ "event list", N_("[--person ID] [--all]"), N_("list journal entries"),
	  entity_exec },
	{ "event show", N_("ID"), N_("show a journal entry"), entity_exec },
	{ "event edit", N_("ID FIELD OPTIONS…"), N_("change a journal entry"),
	  entity_exec },
	{ "event delete", N_("ID"),
	  N_("delete a journal entry (kept for the audit)"), entity_exec },
	{ "referral add", N_("FIELD OPTIONS…"), N_("create a referral"),
	  entity_exec },
	{ "referral list", N_("[--person ID] [--all]"), N_("list referrals"),
	  entity_exec },
	{ "referral show", N_("ID"), N_("show a referral"), entity_exec },
	{ "referral edit", N_("ID FIELD OPTIONS…"), N_("change a referral"),
	  entity_exec },
	{ "referral delete", N_("ID"),
	  N_("delete a referral (kept for the audit)"), entity_exec },
	{ "referral answer", N_("ID --status STATUS [--answer TEXT] "
	  "[--date DATE]"), N_("record a partner's answer"), entity_exec },
	{ "partner add", N_("FIELD OPTIONS…"), N_("create a partner"),
	  entity_exec },
	{ "partner list", N_("[--search TEXT]"), N_("list partners"),
	  entity_exec },
	{ "partner show", N_("ID"), N_("show a partner"), entity_exec },
	{ "partner edit", N_("ID FIELD OPTIONS…"), N_("change a partner"),
	  entity_exec },
	{ "partner delete", N_("ID"),
	  N_("delete a partner (kept for the audit)"), entity_exec },
	{ NULL, NULL, NULL, NULL }
};
