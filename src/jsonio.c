/*
 * The JSON form of parcours data (see jsonio.h and parcours(1), "JSON
 * FORMAT"): records to and from JSON objects, and the export.  A record
 * is an object: "id", its fields in the entity's order (booleans as
 * true/false, integers as numbers, everything else as strings, no value
 * as null), then the created/updated metadata.  A person carries their
 * pathway file under "file" and every record of the pathway in one array
 * per entity ("referents", "projects" …), without the redundant
 * person_id.  Only live rows are exported: soft-deleted rows exist for
 * the merging of offline files, not as content.  The export reads each
 * table once, in person order, and builds one person at a time.  Import
 * is in jsonio-import.c.
 */
#include "config.h"
#include "jsonio.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <sqlite3.h>

#include "access.h"
#include "date.h"
#include "jsonio-int.h"
#include "model.h"
#include "session.h"
#include "store.h"
#include "text.h"
#include "uuid7.h"
#include "xmalloc.h"

static const char *const meta_keys[] = {
	"created_at", "created_by", "updated_at", "updated_by"
};

/* Records ---------------------------------------------------------------- */

/* A string value, never NULL even if the database holds bad UTF-8. */
static json_t *
json_text(const char *v)
{
	json_t	*j;
	char	*clean;

	if ((j = json_string(v)) != NULL)
		return (j);
	clean = text_sanitize(v, true);
	j = json_string(clean);
	free(clean);
	return (j != NULL ? j : json_string(""));
}

static json_t *
json_value(const struct field *f, const char *v)
{
	if (v == NULL)
		return (json_null());
	switch (f->type) {
	case FT_BOOL:
		return (json_boolean(strcmp(v, "0") != 0));
	case FT_INT:
		return (json_integer(strtoll(v, NULL, 10)));
	default:
		return (json_text(v));
	}
}

static json_t *
json_meta(const char *v)
{
	return (v != NULL ? json_text(v) : json_null());
}

/*
 * Returns the JSON object of a record (a new reference): "id", the fields
 * in the entity's order, then created_at, created_by, updated_at and
 * updated_by.  Never fails.
 */
json_t *
jsonio_from_record(const struct record *r)
{
	json_t	*o = json_object();
	size_t	 i;

	json_object_set_new(o, "id", json_meta(r->id));
	for (i = 0; i < r->e->nfields; i++)
		json_object_set_new(o, r->e->fields[i].name,
		    json_value(&r->e->fields[i], r->v[i]));
	json_object_set_new(o, "created_at", json_meta(r->created_at));
	json_object_set_new(o, "created_by", json_meta(r->created_by));
	json_object_set_new(o, "updated_at", json_meta(r->updated_at));
	json_object_set_new(o, "updated_by", json_meta(r->updated_by));
	return (o);
}

const char *
jsonio_kind(const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT:
		return (_("an object"));
	case JSON_ARRAY:
		return (_("an array"));
	case JSON_STRING:
		return (_("a string"));
	case JSON_INTEGER:
	case JSON_REAL:
		return (_("a number"));
	case JSON_TRUE:
	case JSON_FALSE:
		return (_("true or false"));
	case JSON_NULL:
	default:
		return (_("null"));
	}
}

/* A string without NUL bytes (jansson allows "\u0000" only on request,
 * but a document built in memory may hold one). */
static int
json_plain_string(const json_t *j, const char **out)
{
	const char	*s = json_string_value(j);

	if (s == NULL || strlen(s) != json_string_length(j))
		return (-1);
	*out = s;
	return (0);
}

/* "YYYY-MM-DDTHH:MM:SS.mmmZ", as store_now() writes it. */
static bool
timestamp_valid(const char *s)
{
	static const char	shape[] = "dddd-dd-ddTdd:dd:dd.dddZ";
	char			day[11];
	date_t			d;
	size_t			i;

	if (strlen(s) != sizeof shape - 1)
		return (false);
	for (i = 0; i < sizeof shape - 1; i++) {
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') :
		    s[i] != shape[i])
			return (false);
	}
	memcpy(day, s, 10);
	day[10] = '\0';
	return (date_parse_iso(day, &d, NULL) == 0 &&
	    (s[11] - '0') * 10 + (s[12] - '0') < 24 &&
	    (s[14] - '0') * 10 + (s[15] - '0') < 60 &&
	    (s[17] - '0') * 10 + (s[18] - '0') < 61);
}

/* Sets one metadata member of r from a JSON value. */
static int
meta_from_json(struct record *r, const char *key, json_t *v,
    const char *path, char **cause)
{
	const char	*s;
	char		**slot;

	if (json_is_null(v))
		return (0);
	if (!json_is_string(v) || json_plain_string(v, &s) != 0) {
		set_cause(cause, _("%s.%s: expected a string or null, not %s"),
		    path, key, jsonio_kind(v));
		return (-1);
	}
	if (strcmp(key, "id") == 0 || strcmp(key, "created_by") == 0 ||
	    strcmp(key, "updated_by") == 0) {
		if (!uuid_valid(s)) {
			set_cause(cause, _("%s.%s: not an identifier: \"%s\""),
			    path, key, s);
			return (-1);
		}
	} else if (!timestamp_valid(s)) {
		set_cause(cause, _("%s.%s: not a timestamp (expected "
		    "YYYY-MM-DDTHH:MM:SS.mmmZ): \"%s\""), path, key, s);
		return (-1);
	}
	if (strcmp(key, "id") == 0)
		slot = &r->id;
	else if (strcmp(key, "created_at") == 0)
		slot = &r->created_at;
	else if (strcmp(key, "created_by") == 0)
		slot = &r->created_by;
	else if (strcmp(key, "updated_at") == 0)
		slot = &r->updated_at;
	else
		slot = &r->updated_by;
	free(*slot);
	*slot = xstrdup(s);
	/* Identifiers are stored in lower case, as uuid7_generate makes
	 * them: an upper-case copy would be another id to SQLite. */
	for (char *p = *slot; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'F')
			*p = (char)(*p - 'A' + 'a');
	return (0);
}

/* Sets one field of r from a JSON value, checking its JSON type. */
static int
field_from_json(struct record *r, const struct field *f, json_t *v,
    const char *path, char **cause)
{
	const char	*s;
	char		 num[32];

	if (json_is_null(v))
		return (0);	/* absent: the default applies */
	switch (f->type) {
	case FT_BOOL:
		if (!json_is_boolean(v)) {
			set_cause(cause, _("%s.%s: expected true, false or "
			    "null, not %s"), path, f->name, jsonio_kind(v));
			return (-1);
		}
		record_set(r, f->name, json_is_true(v) ? "1" : "0");
		return (0);
	case FT_INT:
		if (!json_is_integer(v)) {
			set_cause(cause, _("%s.%s: expected a whole number or "
			    "null, not %s"), path, f->name, jsonio_kind(v));
			return (-1);
		}
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		record_set(r, f->name, num);
		return (0);
	default:
		if (!json_is_string(v)) {
			set_cause(cause, _("%s.%s: expected a string or null, "
			    "not %s"), path, f->name, jsonio_kind(v));
			return (-1);
		}
		if (json_plain_string(v, &s) != 0) {
			set_cause(cause, _("%s.%s: contains a NUL character"),
			    path, f->name);
			return (-1);
		}
		if (*s == '\0')
			return (0);	/* "" is no value, as on the CLI */
		record_set(r, f->name, s);
		/* Identifiers are stored in lower case (see meta_from_json). */
		if (f->type == FT_REF && uuid_valid(s))
			for (char *c = r->v[model_field_index(r->e, f->name)];
			    *c != '\0'; c++)
				if (*c >= 'A' && *c <= 'F')
					*c = (char)(*c - 'A' + 'a');
		return (0);
	}
}

int
jsonio_to_record_except(json_t *o, const struct entity *e,
    const char *path, const char *const *skip, struct record **out,
    char **cause)
{
	struct record		*r;
	const struct field	*f;
	const char		*key;
	const char *const	*k;
	json_t			*v;
	size_t			 i;
	bool			 meta;

	*out = NULL;
	if (!json_is_object(o)) {
		set_cause(cause, _("%s: expected an object, not %s"), path,
		    jsonio_kind(o));
		return (-1);
	}
	r = record_new(e);
	json_object_foreach(o, key, v) {
		for (k = skip; k != NULL && *k != NULL; k++)
			if (strcmp(*k, key) == 0)
				break;
		if (k != NULL && *k != NULL)
			continue;
		meta = strcmp(key, "id") == 0;
		for (i = 0; i < nitems(meta_keys); i++)
			if (strcmp(key, meta_keys[i]) == 0)
				meta = true;
		if (meta) {
			if (meta_from_json(r, key, v, path, cause) != 0)
				goto fail;
		} else if ((f = model_field(e, key)) != NULL) {
			if (field_from_json(r, f, v, path, cause) != 0)
				goto fail;
		} else {
			set_cause(cause, _("%s.%s: unknown key (a %s has no "
			    "such field)"), path, key, _(e->label));
			goto fail;
		}
	}
	*out = r;
	return (0);
fail:
	record_free(r);
	return (-1);
}

/* Reading rows --------------------------------------------------------- */

/*
 * A cursor over the live rows of one entity, ordered so that the rows of
 * each person come together (person_id, then id).  Export walks one per
 * entity in step with the persons, instead of querying per person.
 */
struct cursor {
	const struct entity	*e;
	sqlite3_stmt		*stmt;
	struct record		*row;	/* current row, or NULL at the end */
	int			 parent;	/* index of person_id */
};

static int
cursor_next(struct session *s, struct cursor *c, char **cause)
{
	size_t	i;
	int	col = 0, step;

	record_free(c->row);
	c->row = NULL;
	step = sqlite3_step(c->stmt);
	if (step == SQLITE_DONE)
		return (0);
	if (step != SQLITE_ROW)
		return (store_error(s->st, _("reading the database"), cause));
	c->row = record_new(c->e);
	c->row->id = store_column_dup(c->stmt, col++);
	for (i = 0; i < c->e->nfields; i++)
		c->row->v[i] = store_column_dup(c->stmt, col++);
	c->row->created_at = store_column_dup(c->stmt, col++);
	c->row->created_by = store_column_dup(c->stmt, col++);
	c->row->updated_at = store_column_dup(c->stmt, col++);
	c->row->updated_by = store_column_dup(c->stmt, col++);
	return (0);
}

/* Opens a cursor; person_id limits it to one person (may be NULL). */
static int
cursor_open(struct session *s, struct cursor *c, const struct entity *e,
    const char *person_id, char **cause)
{
	struct buf	sql;
	char		*access;
	size_t		i;
	int		rc;

	memset(c, 0, sizeof *c);
	c->e = e;
	c->parent = -1;
	for (i = 0; i < e->nfields; i++)
		if (e->fields[i].flags & FF_PARENT)
			c->parent = (int)i;
	buf_init(&sql);
	buf_puts(&sql, "SELECT id");
	for (i = 0; i < e->nfields; i++)
		buf_printf(&sql, ", %s", e->fields[i].name);
	buf_printf(&sql, ", created_at, created_by, updated_at, updated_by "
	    "FROM %s WHERE deleted_at IS NULL", e->table);
	if (person_id != NULL)
		buf_puts(&sql, e == &model_person ? " AND id = ?" :
		    " AND person_id = ?");
	/* A user who does not read every file exports the ones they may. */
	if ((e == &model_person || c->parent >= 0) && (access = access_sql(s,
	    e == &model_person ? "id" : "person_id")) != NULL) {
		buf_printf(&sql, " AND %s", access);
		free(access);
	}
	buf_puts(&sql, c->parent >= 0 ? " ORDER BY person_id, id" :
	    " ORDER BY id");
	rc = store_prepare(s->st, sql.data, &c->stmt, cause);
	buf_free(&sql);
	if (rc != 0)
		return (-1);
	if (person_id != NULL)
		sqlite3_bind_text(c->stmt, 1, person_id, -1, SQLITE_TRANSIENT);
	return (cursor_next(s, c, cause));
}

static void
cursor_close(struct cursor *c)
{
	sqlite3_finalize(c->stmt);
	record_free(c->row);
	memset(c, 0, sizeof *c);
}

size_t
jsonio_pathway(const struct entity *out[], size_t max)
{
	const struct entity *const	*e;
	size_t				 n = 0, i;

	for (e = model_entities; *e != NULL; e++) {
		if (*e == &model_file)
			continue;
		for (i = 0; i < (*e)->nfields; i++)
			if ((*e)->fields[i].flags & FF_PARENT)
				break;
		if (i < (*e)->nfields && n < max)
			out[n++] = *e;
	}
	return (n);
}

/* A record of a person as JSON, without the redundant person_id. */
static json_t *
nested_object(const struct record *r)
{
	json_t	*o = jsonio_from_record(r);

	json_object_del(o, "person_id");
	return (o);
}

/*
 * Builds the object of person p, taking its rows from the cursors (file
 * first, then one per pathway entity) and advancing them past p.  Rows of
 * persons that are not exported (deleted persons) are skipped.
 */
static int
person_object(struct session *s, const struct record *p,
    struct cursor *file, struct cursor *cs, size_t ncs, json_t **out,
    char **cause)
{
	json_t		*o, *arr;
	const char	*pid;
	size_t		 i;
	int		 cmp;

	o = jsonio_from_record(p);
	json_object_set_new(o, "file", json_null());
	for (;;) {
		if (file->row == NULL)
			break;
		pid = file->row->v[file->parent];
		if ((cmp = strcmp(pid, p->id)) > 0)
			break;
		if (cmp == 0)
			json_object_set_new(o, "file",
			    nested_object(file->row));
		if (cursor_next(s, file, cause) != 0)
			goto fail;
	}
	for (i = 0; i < ncs; i++) {
		arr = json_array();
		json_object_set_new(o, cs[i].e->plural, arr);
		while (cs[i].row != NULL) {
			pid = cs[i].row->v[cs[i].parent];
			if ((cmp = strcmp(pid, p->id)) > 0)
				break;
			if (cmp == 0)
				json_array_append_new(arr,
				    nested_object(cs[i].row));
			if (cursor_next(s, &cs[i], cause) != 0)
				goto fail;
		}
	}
	*out = o;
	return (0);
fail:
	json_decref(o);
	return (-1);
}

/* What export_persons() does with each person's object (taken). */
typedef int (*person_fn)(json_t *, void *, char **);

static int
append_person(json_t *o, void *arg, char **cause)
{
	(void)cause;
	json_array_append_new(arg, o);
	return (0);
}

/*
 * Builds the object of every person (or of the one of person_id), in id
 * order, and hands each to fn.
 */
static int
export_persons(struct session *s, const char *person_id, person_fn fn,
    void *arg, char **cause)
{
	const struct entity	*pe[JSONIO_MAX_PATHWAY];
	struct cursor		 persons, file, cs[JSONIO_MAX_PATHWAY];
	json_t			*o;
	size_t			 n, i, opened = 0;
	int			 rc = -1;

	memset(&persons, 0, sizeof persons);
	memset(&file, 0, sizeof file);
	n = jsonio_pathway(pe, JSONIO_MAX_PATHWAY);
	if (cursor_open(s, &persons, &model_person, person_id, cause) != 0 ||
	    cursor_open(s, &file, &model_file, person_id, cause) != 0)
		goto out;
	for (opened = 0; opened < n; opened++) {
		if (cursor_open(s, &cs[opened], pe[opened], person_id,
		    cause) != 0)
			goto out;
	}
	while (persons.row != NULL) {
		if (person_object(s, persons.row, &file, cs, n, &o,
		    cause) != 0)
			goto out;
		if (fn(o, arg, cause) != 0)
			goto out;
		if (cursor_next(s, &persons, cause) != 0)
			goto out;
	}
	rc = 0;
out:
	cursor_close(&persons);
	cursor_close(&file);
	for (i = 0; i < opened; i++)
		cursor_close(&cs[i]);
	return (rc);
}

/*
 * Returns in *out the object of one person (id or unambiguous prefix)
 * with "file" (null if none) and one array per pathway entity.  Not
 * audited: the caller audits the view or export.  Returns 0 or -1 with
 * *cause (no such person, database error).
 */
int
jsonio_person_file(struct session *s, const char *person_id, json_t **out,
    char **cause)
{
	struct record	*p = NULL;
	json_t		*arr;
	int		 rc = -1;

	*out = NULL;
	if (model_get(s, &model_person, person_id, &p, cause) != 0)
		return (-1);
	arr = json_array();
	if (export_persons(s, p->id, append_person, arr, cause) == 0 &&
	    json_array_size(arr) == 1) {
		*out = json_incref(json_array_get(arr, 0));
		rc = 0;
	} else if (cause != NULL && *cause == NULL)
		set_cause(cause, _("no person with id \"%s\""), person_id);
	json_decref(arr);
	record_free(p);
	return (rc);
}

/* Appends every live row of a top-level entity to arr. */
static int
export_table(struct session *s, const struct entity *e, json_t *arr,
    char **cause)
{
	struct cursor	c;
	int		rc = -1;

	if (cursor_open(s, &c, e, NULL, cause) != 0)
		goto out;
	while (c.row != NULL) {
		json_array_append_new(arr, jsonio_from_record(c.row));
		if (cursor_next(s, &c, cause) != 0)
			goto out;
	}
	rc = 0;
out:
	cursor_close(&c);
	return (rc);
}

/* The document without its persons (an empty array). */
static int
export_head(struct session *s, json_t **out, char **cause)
{
	json_t	*doc, *users, *partners;
	char	*now;

	*out = NULL;
	doc = json_object();
	now = store_now();
	json_object_set_new(doc, "format", json_string(JSONIO_FORMAT));
	json_object_set_new(doc, "version", json_integer(JSONIO_VERSION));
	json_object_set_new(doc, "exported_at", json_string(now));
	free(now);
	users = json_array();
	partners = json_array();
	json_object_set_new(doc, "users", users);
	json_object_set_new(doc, "partners", partners);
	json_object_set_new(doc, "persons", json_array());
	if (export_table(s, &model_user, users, cause) != 0 ||
	    export_table(s, &model_partner, partners, cause) != 0) {
		json_decref(doc);
		return (-1);
	}
	*out = doc;
	return (0);
}

/* State of jsonio_export_text() between persons. */
struct text_state {
	struct buf	*out;
	size_t		 n;
};

/* Appends one person, indented as an element of the persons array. */
static int
append_person_text(json_t *o, void *arg, char **cause)
{
	struct text_state	*ts = arg;
	char			*text, *p, *line;

	text = json_dumps(o, JSON_INDENT(2));
	json_decref(o);
	if (text == NULL) {
		set_cause(cause, _("cannot write the document (out of "
		    "memory)"));
		return (-1);
	}
	/* JSON strings hold no raw line break: every "\n" is layout. */
	buf_puts(ts->out, ts->n++ == 0 ? "[\n    " : ",\n    ");
	for (line = text; (p = strchr(line, '\n')) != NULL; line = p + 1) {
		buf_add(ts->out, line, (size_t)(p - line));
		buf_puts(ts->out, "\n    ");
	}
	buf_puts(ts->out, line);
	OPENSSL_cleanse(text, strlen(text));
	free(text);
	return (0);
}

/*
 * Writes the whole document into out as the text json_dumps() with
 * JSON_INDENT(2) would give for it, but one person at a time: a
 * department's database never stands in memory as a tree.  The document:
 * format, version, exported_at, then users (their rows: there are no
 * secrets in the database), partners and persons, each list ordered by
 * id.  Not audited (the caller audits the export once it is written).  The caller
 * wipes out when done (it holds the clear data).  Returns 0 or -1 with
 * *cause.
 */
int
jsonio_export_text(struct session *s, struct buf *out, char **cause)
{
	struct text_state	 ts = { out, 0 };
	json_t			*doc;
	char			*head;
	size_t			 len;
	int			 rc = -1;

	if (export_head(s, &doc, cause) != 0)
		return (-1);
	head = json_dumps(doc, JSON_INDENT(2));
	json_decref(doc);
	if (head == NULL || (len = strlen(head)) < 4 ||
	    strcmp(head + len - 4, "[]\n}") != 0) {
		set_cause(cause, _("cannot write the document (out of "
		    "memory)"));
		goto out;
	}
	/* The persons array is last: its "[]" is replaced by the persons. */
	buf_add(out, head, len - 4);
	if (export_persons(s, NULL, append_person_text, &ts, cause) != 0)
		goto out;
	buf_puts(out, ts.n == 0 ? "[]\n}" : "\n  ]\n}");
	rc = 0;
out:
	free(head);
	return (rc);
}
