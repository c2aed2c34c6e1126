/*
 * The JSON form of parcours data (see jsonio.h and parcours(1), "JSON
 * FORMAT").  A record is an object: "id", its fields in the entity's order
 * (booleans as true/false, integers as numbers, everything else as
 * strings, no value as null), then the created/updated metadata.  A person
 * carries their pathway file under "file" and every record of the pathway
 * in one array per entity ("referents", "projects" …), without the
 * redundant person_id.  Only live rows are exported: soft-deleted rows
 * exist for the merging of offline files, not as content.
 *
 * Import is strict and all-or-nothing: unknown keys, values of the wrong
 * JSON type and every refusal of the model are reported with the path of
 * the value in the document ("persons[12].rights[0].end_date: …"), and
 * the whole import runs in one transaction that is rolled back on the
 * first error that cannot be reported alongside others.  Records are
 * inserted in dependency order (users, partners, then each person with
 * their file and records), so that references to earlier records of the
 * document, or to rows already in the database, resolve through the
 * model's own validation.  A user whose login already exists in the
 * database is not imported: the document's references to it are mapped
 * to the existing user.
 */
#include "config.h"
#include "jsonio.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <sqlite3.h>

#include "audit.h"
#include "date.h"
#include "model.h"
#include "model-user.h"
#include "session.h"
#include "store.h"
#include "text.h"
#include "uuid7.h"
#include "xmalloc.h"

#define JSONIO_FORMAT		"parcours"
#define JSONIO_VERSION		1
/* Errors listed before the import gives up looking for more. */
#define JSONIO_MAX_ERRORS	20

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

/* What a JSON value is, for messages. */
static const char *
json_kind(const json_t *j)
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
		    path, key, json_kind(v));
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
			    "null, not %s"), path, f->name, json_kind(v));
			return (-1);
		}
		record_set(r, f->name, json_is_true(v) ? "1" : "0");
		return (0);
	case FT_INT:
		if (!json_is_integer(v)) {
			set_cause(cause, _("%s.%s: expected a whole number or "
			    "null, not %s"), path, f->name, json_kind(v));
			return (-1);
		}
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		record_set(r, f->name, num);
		return (0);
	default:
		if (!json_is_string(v)) {
			set_cause(cause, _("%s.%s: expected a string or null, "
			    "not %s"), path, f->name, json_kind(v));
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
		return (0);
	}
}

/*
 * Builds a record from an object; keys listed in skip (NULL-terminated,
 * may be NULL) are left to the caller.  See jsonio_to_record.
 */
static int
to_record(json_t *o, const struct entity *e, const char *path,
    const char *const *skip, struct record **out, char **cause)
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
		    json_kind(o));
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

/*
 * Builds a record of entity e from a JSON object, checking every key and
 * the JSON type of every value; null or an empty string is no value (the
 * field's default then applies at insertion).  Identifiers are
 * lower-cased.  Returns 0 with *out (caller frees) or -1 with *cause
 * naming path.
 */
int
jsonio_to_record(json_t *o, const struct entity *e, const char *path,
    struct record **out, char **cause)
{
	return (to_record(o, e, path, NULL, out, cause));
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

/* The entities of a pathway other than the file itself, in model order. */
static size_t
pathway_entities(const struct entity *out[], size_t max)
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

#define MAX_PATHWAY 16

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
	const struct entity	*pe[MAX_PATHWAY];
	struct cursor		 persons, file, cs[MAX_PATHWAY];
	json_t			*o;
	size_t			 n, i, opened = 0;
	int			 rc = -1;

	memset(&persons, 0, sizeof persons);
	memset(&file, 0, sizeof file);
	n = pathway_entities(pe, MAX_PATHWAY);
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

/*
 * Returns in *out the whole document: format, version, exported_at, then
 * users (their rows: there are no secrets in the database), partners and
 * persons, each list ordered by id.  Not audited (the caller audits the
 * export once it is written).  Returns 0 or -1 with *cause.
 */
int
jsonio_export(struct session *s, json_t **out, char **cause)
{
	json_t	*doc;

	if (export_head(s, &doc, cause) != 0)
		return (-1);
	if (export_persons(s, NULL, append_person, json_object_get(doc,
	    "persons"), cause) != 0) {
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
 * Writes the whole document into out as the text that json_dumps() with
 * JSON_INDENT(2) gives for jsonio_export(), but one person at a time: a
 * department's database never stands in memory as a tree.  The caller
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

/* Import ----------------------------------------------------------------- */

/* A set of identifiers (open addressing), to find duplicates. */
struct idset {
	char	**slots;
	size_t	  size;
	size_t	  used;
};

static uint64_t
idset_hash(const char *s)
{
	uint64_t	h = 1469598103934665603ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (h);
}

/* Adds id; returns false if it was already there. */
static bool
idset_add(struct idset *set, const char *id)
{
	char	**old;
	size_t	  i, oldsize;

	if (set->used * 2 >= set->size) {
		old = set->slots;
		oldsize = set->size;
		set->size = oldsize == 0 ? 1024 : oldsize * 2;
		set->slots = xcalloc(set->size, sizeof *set->slots);
		set->used = 0;
		for (i = 0; i < oldsize; i++) {
			if (old[i] != NULL) {
				size_t j = idset_hash(old[i]) & (set->size - 1);
				while (set->slots[j] != NULL)
					j = (j + 1) & (set->size - 1);
				set->slots[j] = old[i];
				set->used++;
			}
		}
		free(old);
	}
	i = idset_hash(id) & (set->size - 1);
	while (set->slots[i] != NULL) {
		if (strcmp(set->slots[i], id) == 0)
			return (false);
		i = (i + 1) & (set->size - 1);
	}
	set->slots[i] = xstrdup(id);
	set->used++;
	return (true);
}

static void
idset_free(struct idset *set)
{
	size_t	i;

	for (i = 0; i < set->size; i++)
		free(set->slots[i]);
	free(set->slots);
}

/* A document user mapped onto an existing user with the same login. */
struct usermap {
	char	*from;
	char	*to;
};

/* The state of one import. */
struct importer {
	struct session	*s;
	struct idset	 ids;
	struct usermap	*map;
	size_t		 nmap;
	struct buf	 errors;
	size_t		 nerrors;
	bool		 aborted;	/* the transaction is gone */
	size_t		 counts[16];	/* per entity of model_entities */
	size_t		 total;
};

/* Records an error (cause is taken).  Returns -1. */
static int
import_error(struct importer *im, char *cause)
{
	if (im->nerrors < JSONIO_MAX_ERRORS)
		buf_printf(&im->errors, "%s%s", im->nerrors > 0 ? "\n" : "",
		    cause != NULL ? cause : _("unknown error"));
	im->nerrors++;
	free(cause);
	return (-1);
}

/* The id a document's user id stands for in the database. */
static const char *
import_map_user(const struct importer *im, const char *id)
{
	size_t	i;

	for (i = 0; i < im->nmap; i++)
		if (strcmp(im->map[i].from, id) == 0)
			return (im->map[i].to);
	return (id);
}

/* Points the record's references to mapped users at the existing ones. */
static void
import_remap(const struct importer *im, struct record *r)
{
	const char	*to;
	char		**meta[2] = { &r->created_by, &r->updated_by };
	size_t		 i;

	if (im->nmap == 0)
		return;
	for (i = 0; i < r->e->nfields; i++) {
		if (r->e->fields[i].type != FT_REF || r->v[i] == NULL ||
		    strcmp(r->e->fields[i].ref, "user") != 0)
			continue;
		to = import_map_user(im, r->v[i]);
		if (to != r->v[i]) {
			free(r->v[i]);
			r->v[i] = xstrdup(to);
		}
	}
	for (i = 0; i < nitems(meta); i++) {
		if (*meta[i] == NULL)
			continue;
		to = import_map_user(im, *meta[i]);
		if (to != *meta[i]) {
			free(*meta[i]);
			*meta[i] = xstrdup(to);
		}
	}
}

/* Whether a row with that id exists in e's table (deleted ones count). */
static int
row_exists(struct session *s, const struct entity *e, const char *id)
{
	sqlite3_stmt	*stmt = NULL;
	char		*sql;
	int		 found = 0;

	sql = xasprintf("SELECT 1 FROM %s WHERE id = ?", e->table);
	if (store_prepare(s->st, sql, &stmt, NULL) == 0) {
		sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
		found = sqlite3_step(stmt) == SQLITE_ROW;
	}
	sqlite3_finalize(stmt);
	free(sql);
	return (found);
}

static size_t
entity_index(const struct entity *e)
{
	size_t	i;

	for (i = 0; model_entities[i] != NULL; i++)
		if (model_entities[i] == e)
			return (i);
	return (0);
}

/*
 * Inserts r (taken) at path: checks its id against the document and the
 * database, then model_insert keeps its id and timestamps; with hook, the
 * entity's after_insert runs too.  Returns 0 or -1 (the error recorded).
 */
static int
import_insert(struct importer *im, struct record *r, const char *path,
    bool hook)
{
	char	*cause = NULL, *prefix;
	int	 rc = -1;

	if (r->id != NULL && !idset_add(&im->ids, r->id)) {
		set_cause(&cause, _("%s.id: \"%s\" appears twice in the "
		    "document"), path, r->id);
		import_error(im, cause);
		goto out;
	}
	if (r->id != NULL && row_exists(im->s, r->e, r->id)) {
		set_cause(&cause, _("%s.id: a %s with id \"%s\" already exists "
		    "in this database"), path, _(r->e->label), r->id);
		import_error(im, cause);
		goto out;
	}
	import_remap(im, r);
	prefix = xasprintf("%s.", path);
	rc = model_insert(im->s, r, MODEL_KEEP_META | MODEL_NO_AUDIT |
	    (hook ? 0 : MODEL_NO_HOOK), prefix, &cause);
	free(prefix);
	if (rc != 0) {
		/* A refusal by validation leaves the transaction open; a
		 * failure of the database itself rolls it back. */
		if (im->s->st->depth == 0)
			im->aborted = true;
		import_error(im, cause);
		goto out;
	}
	im->counts[entity_index(r->e)]++;
	im->total++;
	if (hook && r->e == &model_person) {
		/* person_after_insert opened the file. */
		im->counts[entity_index(&model_file)]++;
		im->total++;
	}
out:
	record_free(r);
	return (rc);
}


/*
 * Reads the document's users.  One whose login already exists in the
 * database is mapped onto that user rather than imported; the others are
 * inserted once every mapping is known, so that their own created_by can
 * be mapped too.
 */
static void
import_users(struct importer *im, json_t *users)
{
	struct record	**rs, *old;
	const char	 *login;
	char		 *path, *cause = NULL;
	size_t		  n = json_array_size(users), i;
	json_t		 *o;

	rs = xcalloc(n + 1, sizeof *rs);
	json_array_foreach(users, i, o) {
		path = xasprintf("users[%zu]", i);
		if (to_record(o, &model_user, path, NULL, &rs[i], &cause) !=
		    0) {
			import_error(im, cause);
			cause = NULL;
		} else if ((login = record_get(rs[i], "login")) != NULL &&
		    user_find(im->s, login, &old, NULL) == 0) {
			if (rs[i]->id != NULL && strcmp(rs[i]->id, old->id) !=
			    0) {
				im->map = xreallocarray(im->map, im->nmap + 1,
				    sizeof *im->map);
				im->map[im->nmap].from = xstrdup(rs[i]->id);
				im->map[im->nmap].to = xstrdup(old->id);
				im->nmap++;
			}
			if (rs[i]->id != NULL && !idset_add(&im->ids,
			    rs[i]->id)) {
				set_cause(&cause, _("%s.id: \"%s\" appears "
				    "twice in the document"), path, rs[i]->id);
				import_error(im, cause);
				cause = NULL;
			}
			record_free(old);
			record_free(rs[i]);
			rs[i] = NULL;
		}
		free(path);
	}
	for (i = 0; i < n && !im->aborted; i++) {
		if (rs[i] == NULL)
			continue;
		path = xasprintf("users[%zu]", i);
		import_insert(im, rs[i], path, false);
		rs[i] = NULL;
		free(path);
	}
	for (i = 0; i < n; i++)
		record_free(rs[i]);
	free(rs);
}

/* Index of the referent that rs[i] names as successor, or -1. */
static long
successor_index(struct record **rs, size_t n, size_t i)
{
	const char	*succ = record_get(rs[i], "successor_id");
	size_t		 j;

	if (succ == NULL)
		return (-1);
	for (j = 0; j < n; j++)
		if (j != i && rs[j]->id != NULL && strcmp(rs[j]->id, succ) == 0)
			return ((long)j);
	return (-1);
}

/*
 * Orders a person's referents so that a successor is inserted before the
 * referent that names it (the model checks that the successor exists).
 * Each referent names at most one successor, so following the chain from
 * each referent finds the order; a referent whose successor is already on
 * the chain closes a cycle and is marked deferred.
 */
static void
referent_order(struct record **rs, size_t n, size_t *order, bool *deferred)
{
	/* 0: not seen, 1: on the chain being followed, 2: ordered. */
	unsigned char	*state = xcalloc(n + 1, 1);
	size_t		*chain = xcalloc(n + 1, sizeof *chain);
	size_t		 k = 0, len, i, cur;
	long		 j;

	for (i = 0; i < n; i++) {
		if (state[i] != 0)
			continue;
		len = 0;
		cur = i;
		for (;;) {
			state[cur] = 1;
			chain[len++] = cur;
			j = successor_index(rs, n, cur);
			if (j < 0 || state[j] == 2)
				break;
			if (state[j] == 1) {
				deferred[cur] = true;
				break;
			}
			cur = (size_t)j;
		}
		while (len > 0) {
			cur = chain[--len];
			state[cur] = 2;
			order[k++] = cur;
		}
	}
	free(state);
	free(chain);
}

/* Links a referent inserted without its successor (a cycle) to it. */
static void
import_link_successor(struct importer *im, const char *id, const char *succ,
    const char *path)
{
	struct record	*r = NULL;
	sqlite3_stmt	*stmt = NULL;
	char		*cause = NULL, *prefix;

	prefix = xasprintf("%s.", path);
	if (model_get(im->s, &model_referent, id, &r, &cause) != 0)
		goto fail;
	record_set(r, "successor_id", succ);
	if (model_validate(im->s, r, prefix, &cause) != 0)
		goto fail;
	/* Not model_update: the row keeps the document's timestamps. */
	if (store_prepare(im->s->st, "UPDATE referents SET successor_id = ? "
	    "WHERE id = ?", &stmt, &cause) != 0)
		goto fail;
	store_bind_text(stmt, 1, succ);
	store_bind_text(stmt, 2, id);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		store_error(im->s->st, _("saving the referent"), &cause);
		goto fail;
	}
	goto out;
fail:
	import_error(im, cause);
out:
	sqlite3_finalize(stmt);
	record_free(r);
	free(prefix);
}

/* Builds the records of one array of a person (entity e). */
static struct record **
nested_records(struct importer *im, json_t *arr, const struct entity *e,
    const char *ppath, const char *person_id, size_t *np)
{
	static const char *const skip[] = { "person_id", NULL };
	struct record	**rs;
	char		 *path, *cause = NULL;
	size_t		  i, n = json_array_size(arr);
	json_t		 *o;

	rs = xcalloc(n + 1, sizeof *rs);
	json_array_foreach(arr, i, o) {
		path = xasprintf("%s.%s[%zu]", ppath, e->plural, i);
		if (json_is_object(o) && json_object_get(o, "person_id") !=
		    NULL) {
			set_cause(&cause, _("%s.person_id: unknown key (the "
			    "record belongs to the person it is in)"), path);
			import_error(im, cause);
		} else if (to_record(o, e, path, skip, &rs[i], &cause) != 0)
			import_error(im, cause);
		else
			record_set(rs[i], "person_id", person_id);
		cause = NULL;
		free(path);
	}
	*np = n;
	return (rs);
}

/* Imports one array of a person's records. */
static void
import_nested(struct importer *im, json_t *arr, const struct entity *e,
    const char *ppath, const char *person_id)
{
	struct record	**rs;
	size_t		 *order, n, i, k;
	bool		 *deferred;
	char		 *path, **links;

	rs = nested_records(im, arr, e, ppath, person_id, &n);
	order = xcalloc(n + 1, sizeof *order);
	deferred = xcalloc(n + 1, sizeof *deferred);
	links = xcalloc(n + 1, sizeof *links);
	for (i = 0; i < n; i++) {
		order[i] = i;
		if (rs[i] == NULL)
			goto out;
	}
	if (e == &model_referent)
		referent_order(rs, n, order, deferred);
	for (k = 0; k < n && !im->aborted; k++) {
		i = order[k];
		path = xasprintf("%s.%s[%zu]", ppath, e->plural, i);
		if (deferred[i]) {
			/* Closes a cycle of successors: linked below, once
			 * the whole cycle exists. */
			links[i] = xasprintf("%s\n%s", rs[i]->id != NULL ?
			    rs[i]->id : "", record_get(rs[i], "successor_id"));
			record_set(rs[i], "successor_id", NULL);
		}
		if (import_insert(im, rs[i], path, false) != 0) {
			free(links[i]);
			links[i] = NULL;
		}
		rs[i] = NULL;
		free(path);
	}
	for (i = 0; i < n && !im->aborted; i++) {
		char	*nl;

		if (links[i] == NULL || (nl = strchr(links[i], '\n')) == NULL)
			continue;
		*nl = '\0';
		path = xasprintf("%s.%s[%zu]", ppath, e->plural, i);
		import_link_successor(im, links[i], nl + 1, path);
		free(path);
	}
out:
	for (i = 0; i < n; i++) {
		record_free(rs[i]);
		free(links[i]);
	}
	free(rs);
	free(order);
	free(deferred);
	free(links);
}

/* Imports a person, their file and every record of their pathway. */
static void
import_person(struct importer *im, json_t *o, size_t index)
{
	static const char *const fskip[] = { "person_id", NULL };
	const struct entity	*pe[MAX_PATHWAY];
	const char		*skip[MAX_PATHWAY + 2];
	struct record		*r = NULL, *f = NULL;
	json_t			*file, *arr;
	char			*path, *fpath, *cause = NULL;
	char			 id[UUID7_STRLEN], *person_id = NULL;
	size_t			 n, i;

	path = xasprintf("persons[%zu]", index);
	fpath = xasprintf("persons[%zu].file", index);
	n = pathway_entities(pe, MAX_PATHWAY);
	skip[0] = "file";
	for (i = 0; i < n; i++)
		skip[i + 1] = pe[i]->plural;
	skip[n + 1] = NULL;
	if (to_record(o, &model_person, path, skip, &r, &cause) != 0) {
		import_error(im, cause);
		goto out;
	}
	/* Shapes first, so that a bad array is reported with the person. */
	file = json_object_get(o, "file");
	if (file != NULL && !json_is_null(file) && !json_is_object(file)) {
		set_cause(&cause, _("%s: expected an object or null, not %s"),
		    fpath, json_kind(file));
		import_error(im, cause);
		goto out;
	}
	for (i = 0; i < n; i++) {
		arr = json_object_get(o, pe[i]->plural);
		if (arr != NULL && !json_is_array(arr)) {
			set_cause(&cause, _("%s.%s: expected an array, not %s"),
			    path, pe[i]->plural, json_kind(arr));
			import_error(im, cause);
			goto out;
		}
	}
	if (json_is_object(file)) {
		if (json_object_get(file, "person_id") != NULL) {
			set_cause(&cause, _("%s.person_id: unknown key (the "
			    "file belongs to the person it is in)"), fpath);
			import_error(im, cause);
			goto out;
		}
		if (to_record(file, &model_file, fpath, fskip, &f, &cause) !=
		    0) {
			import_error(im, cause);
			goto out;
		}
	}
	/* The records of the pathway need the person's id. */
	if (r->id == NULL) {
		uuid7_generate(id);
		r->id = xstrdup(id);
	}
	person_id = xstrdup(r->id);
	/*
	 * Without a "file" key the person gets one as "person add" gives it
	 * (opened today, in the importing user's caseload); "file": null
	 * means no file.
	 */
	if (import_insert(im, r, path, file == NULL) != 0) {
		r = NULL;
		goto out;	/* its records would only fail after it */
	}
	r = NULL;
	if (f != NULL) {
		record_set(f, "person_id", person_id);
		import_insert(im, f, fpath, false);
		f = NULL;
	}
	for (i = 0; i < n && !im->aborted; i++) {
		arr = json_object_get(o, pe[i]->plural);
		if (arr != NULL)
			import_nested(im, arr, pe[i], path, person_id);
	}
out:
	record_free(r);
	record_free(f);
	free(person_id);
	free(path);
	free(fpath);
}

/* Checks the document's envelope: format, version and the lists. */
static int
check_document(json_t *doc, char **cause)
{
	static const char *const lists[] = { "users", "partners", "persons" };
	const char	*key, *fmt;
	json_t		*v;
	size_t		 i;

	if (!json_is_object(doc)) {
		set_cause(cause, _("the document is %s, not a parcours export "
		    "(an object)"), json_kind(doc));
		return (-1);
	}
	fmt = json_string_value(json_object_get(doc, "format"));
	if (fmt == NULL || strcmp(fmt, JSONIO_FORMAT) != 0) {
		set_cause(cause, _("format: not a parcours export (expected "
		    "\"format\": \"%s\")"), JSONIO_FORMAT);
		return (-1);
	}
	v = json_object_get(doc, "version");
	if (!json_is_integer(v) || json_integer_value(v) < 1) {
		set_cause(cause, _("version: expected a whole number from 1"));
		return (-1);
	}
	if (json_integer_value(v) > JSONIO_VERSION) {
		set_cause(cause, _("version: the document was written by a "
		    "newer parcours (format version %" JSON_INTEGER_FORMAT
		    "; this one reads version %d)"), json_integer_value(v),
		    JSONIO_VERSION);
		return (-1);
	}
	json_object_foreach(doc, key, v) {
		if (strcmp(key, "format") == 0 || strcmp(key, "version") == 0)
			continue;
		if (strcmp(key, "exported_at") == 0) {
			if (!json_is_string(v) && !json_is_null(v)) {
				set_cause(cause, _("exported_at: expected a "
				    "string, not %s"), json_kind(v));
				return (-1);
			}
			continue;
		}
		for (i = 0; i < nitems(lists); i++)
			if (strcmp(key, lists[i]) == 0)
				break;
		if (i == nitems(lists)) {
			set_cause(cause, _("%s: unknown key (expected format, "
			    "version, exported_at, users, partners, persons)"),
			    key);
			return (-1);
		}
		if (!json_is_array(v)) {
			set_cause(cause, _("%s: expected an array, not %s"),
			    key, json_kind(v));
			return (-1);
		}
	}
	return (0);
}

/* "users=3,partners=12,…": what was imported, for the audit trail. */
static char *
import_counts(const struct importer *im)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; model_entities[i] != NULL && i < nitems(im->counts); i++)
		buf_printf(&b, "%s%s=%zu", i > 0 ? "," : "",
		    model_entities[i]->plural, im->counts[i]);
	return (buf_take(&b));
}

/*
 * Imports a whole document (see jsonio.h) in one transaction: users,
 * partners, then each person with their file and records.  Errors are
 * collected (up to JSONIO_MAX_ERRORS, one per line, each with its path)
 * and, if there is any, everything is rolled back and *cause lists them.
 * On success the import is audited once, with the counts per entity, and
 * *count is the number of records written.
 */
int
jsonio_import(struct session *s, json_t *doc, size_t *count, char **cause)
{
	struct importer	 im;
	json_t		*o;
	char		*counts = NULL, *why = NULL;
	size_t		 i;
	int		 rc = -1;

	*count = 0;
	if (check_document(doc, cause) != 0)
		return (-1);
	memset(&im, 0, sizeof im);
	im.s = s;
	buf_init(&im.errors);
	if (store_begin(s->st, cause) != 0)
		goto out;

	import_users(&im, json_object_get(doc, "users"));
	json_array_foreach(json_object_get(doc, "partners"), i, o) {
		struct record	*r;
		char		*path = xasprintf("partners[%zu]", i);

		if (im.aborted || im.nerrors >= JSONIO_MAX_ERRORS) {
			free(path);
			break;
		}
		if (to_record(o, &model_partner, path, NULL, &r, &why) != 0) {
			import_error(&im, why);
			why = NULL;
		} else
			import_insert(&im, r, path, false);
		free(path);
	}
	json_array_foreach(json_object_get(doc, "persons"), i, o) {
		if (im.aborted || im.nerrors >= JSONIO_MAX_ERRORS)
			break;
		import_person(&im, o, i);
	}

	if (im.nerrors == 0 && !im.aborted) {
		counts = import_counts(&im);
		if (audit_log(s, "import", "database", NULL, NULL, counts,
		    cause) != 0 || store_commit(s->st, cause) != 0)
			goto fail;
		*count = im.total;
		rc = 0;
		goto out;
	}
	if (im.nerrors >= JSONIO_MAX_ERRORS)
		buf_printf(&im.errors, _("\n(stopped after %d errors)"),
		    JSONIO_MAX_ERRORS);
	buf_printf(&im.errors, "\n%s", _("nothing was imported"));
	set_cause(cause, "%s", im.errors.data);
fail:
	store_rollback(s->st);
out:
	for (i = 0; i < im.nmap; i++) {
		free(im.map[i].from);
		free(im.map[i].to);
	}
	free(im.map);
	idset_free(&im.ids);
	buf_free(&im.errors);
	free(counts);
	return (rc);
}
