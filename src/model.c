/*
 * The model engine: validation, storage and auditing of every entity from
 * its description (model.h); reading and listing are model-read.c.  All writes go through here, in a
 * transaction, so that a refused value leaves the database as it was and
 * every change is audited with the names (never the values) of the fields
 * it touched.
 */
#include "config.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

#include "access.h"
#include "audit.h"
#include "date.h"
#include "session.h"
#include "store.h"
#include "text.h"
#include "uuid7.h"
#include "xmalloc.h"

const struct entity *const model_entities[] = {
	&model_user, &model_partner, &model_person, &model_file,
	&model_referent, &model_project, &model_measure, &model_right,
	&model_involvement, &model_event, &model_referral, NULL
};

static const char *const meta_columns = MODEL_META_COLUMNS;

const struct entity *
model_entity(const char *name)
{
	const struct entity *const	*e;

	for (e = model_entities; *e != NULL; e++) {
		if (strcmp((*e)->name, name) == 0 ||
		    strcmp((*e)->plural, name) == 0)
			return (*e);
	}
	return (NULL);
}

int
model_field_index(const struct entity *e, const char *name)
{
	size_t	i;

	for (i = 0; i < e->nfields; i++) {
		if (strcmp(e->fields[i].name, name) == 0)
			return ((int)i);
	}
	return (-1);
}

const struct field *
model_field(const struct entity *e, const char *name)
{
	int	i = model_field_index(e, name);

	return (i < 0 ? NULL : &e->fields[i]);
}

const char *
model_enum_label(const struct field *f, const char *value)
{
	const struct enum_value	*ev;

	if (f == NULL || f->values == NULL || value == NULL)
		return (value);
	for (ev = f->values; ev->value != NULL; ev++) {
		if (strcmp(ev->value, value) == 0)
			return (_(ev->label));
	}
	return (value);
}

struct record *
record_new(const struct entity *e)
{
	struct record	*r;

	r = xcalloc(1, sizeof *r);
	r->e = e;
	r->v = xcalloc(e->nfields, sizeof *r->v);
	r->set = xcalloc(e->nfields, sizeof *r->set);
	return (r);
}

void
record_free(struct record *r)
{
	size_t	i;

	if (r == NULL)
		return;
	for (i = 0; i < r->e->nfields; i++)
		free(r->v[i]);
	free(r->v);
	free(r->set);
	free(r->id);
	free(r->created_at);
	free(r->created_by);
	free(r->updated_at);
	free(r->updated_by);
	free(r->deleted_at);
	free(r);
}

void
records_free(struct record **rs, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		record_free(rs[i]);
	free(rs);
}

int
record_set(struct record *r, const char *name, const char *value)
{
	int	i = model_field_index(r->e, name);

	if (i < 0)
		return (-1);
	free(r->v[i]);
	/* An empty value is no value: "--end-date ''" clears the date. */
	r->v[i] = (value != NULL && *value != '\0') ? xstrdup(value) : NULL;
	r->set[i] = true;
	return (0);
}

const char *
record_get(const struct record *r, const char *name)
{
	int	i = model_field_index(r->e, name);

	return (i < 0 ? NULL : r->v[i]);
}

void
record_fill_defaults(struct record *r)
{
	size_t	i;

	for (i = 0; i < r->e->nfields; i++) {
		if (r->v[i] == NULL && !r->set[i] && r->e->fields[i].defval)
			r->v[i] = xstrdup(r->e->fields[i].defval);
	}
}

const char *
model_person_column(const struct entity *e)
{
	size_t	i;

	if (e == &model_person)
		return ("id");
	for (i = 0; i < e->nfields; i++)
		if (e->fields[i].flags & FF_PARENT)
			return (e->fields[i].name);
	return (NULL);
}

const char *
record_person(const struct record *r)
{
	size_t	i;

	if (r->e == &model_person)
		return (r->id);
	for (i = 0; i < r->e->nfields; i++) {
		if (r->e->fields[i].flags & FF_PARENT)
			return (r->v[i]);
	}
	return (NULL);
}

char *
record_title(const struct record *r)
{
	const struct field	*f;
	const char		*what = NULL, *when = NULL;
	size_t			 i;

	if (r->e == &model_person)
		return (xasprintf("%s, %s", record_get(r, "last_name"),
		    record_get(r, "first_name")));
	if (r->e == &model_partner || r->e == &model_user)
		return (xstrdup(r->v[0] != NULL ? r->v[0] : "?"));
	for (i = 0; i < r->e->nfields; i++) {
		f = &r->e->fields[i];
		if (what == NULL && f->type == FT_ENUM && r->v[i] != NULL)
			what = model_enum_label(f, r->v[i]);
		if (when == NULL && f->type == FT_DATE && r->v[i] != NULL)
			when = r->v[i];
	}
	if (what == NULL)
		what = _(r->e->label);
	return (when != NULL ? xasprintf("%s %s", what, when) :
	    xstrdup(what));
}

/* The list of valid values of an enumeration, for messages. */
static char *
enum_choices(const struct field *f)
{
	const struct enum_value	*ev;
	struct buf		 b;

	buf_init(&b);
	for (ev = f->values; ev->value != NULL; ev++)
		buf_printf(&b, "%s%s", ev == f->values ? "" : ", ", ev->value);
	return (buf_take(&b));
}

/* Whether a row of the entity named ref with that id exists. */
static int
ref_exists(struct session *s, const char *ref, const char *id)
{
	const struct entity	*e = model_entity(ref);
	sqlite3_stmt		*stmt;
	char			*sql;
	int			 found;

	if (e == NULL)
		return (0);
	sql = xasprintf("SELECT 1 FROM %s WHERE id = ? AND deleted_at IS NULL",
	    e->table);
	if (sqlite3_prepare_v2(s->st->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
		free(sql);
		return (0);
	}
	free(sql);
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	found = sqlite3_step(stmt) == SQLITE_ROW;
	sqlite3_finalize(stmt);
	return (found);
}

/* Normalises the spellings of a boolean a person may type. */
static const char *
bool_value(const char *v)
{
	static const char *const yes[] = { "1", "true", "yes", "y", "oui",
	    "o", "on" };
	static const char *const no[] = { "0", "false", "no", "n", "non",
	    "off" };
	size_t	i;

	for (i = 0; i < nitems(yes); i++)
		if (strcasecmp(v, yes[i]) == 0)
			return ("1");
	for (i = 0; i < nitems(no); i++)
		if (strcasecmp(v, no[i]) == 0)
			return ("0");
	return (NULL);
}

/* Checks one value against its field; cause has no prefix. */
static int
validate_value(struct session *s, const struct field *f, char **value,
    char **cause)
{
	const struct enum_value	*ev;
	const char		*b, *p;
	char			*why = NULL, *choices;
	date_t			 d;
	size_t			 len;

	len = strlen(*value);
	if (!text_valid_utf8(*value, len)) {
		set_cause(cause, _("not valid UTF-8 text"));
		return (-1);
	}
	switch (f->type) {
	case FT_TEXT:
		for (p = *value; *p != '\0'; p++) {
			if ((unsigned char)*p < 0x20 || *p == 0x7f) {
				set_cause(cause, _("contains a line break or "
				    "a control character"));
				return (-1);
			}
		}
		/* FALLTHROUGH */
	case FT_LONGTEXT:
		if (f->maxlen > 0 && text_length(*value) > (size_t)f->maxlen) {
			set_cause(cause, _("too long (%zu characters; at most "
			    "%d)"), text_length(*value), f->maxlen);
			return (-1);
		}
		break;
	case FT_DATE:
		if (date_parse_iso(*value, &d, &why) != 0) {
			set_cause(cause, "%s", why);
			free(why);
			return (-1);
		}
		break;
	case FT_ENUM:
		for (ev = f->values; ev->value != NULL; ev++) {
			if (strcmp(ev->value, *value) == 0)
				return (0);
		}
		choices = enum_choices(f);
		set_cause(cause, _("unknown value \"%s\" (expected one of: %s)"),
		    *value, choices);
		free(choices);
		return (-1);
	case FT_BOOL:
		if ((b = bool_value(*value)) == NULL) {
			set_cause(cause, _("not yes or no: \"%s\""), *value);
			return (-1);
		}
		free(*value);
		*value = xstrdup(b);
		break;
	case FT_INT:
		p = *value;
		if (*p == '-')
			p++;
		if (*p == '\0' || strspn(p, "0123456789") != strlen(p) ||
		    strlen(p) > 9) {
			set_cause(cause, _("not a whole number: \"%s\""),
			    *value);
			return (-1);
		}
		break;
	case FT_REF:
		if (!uuid_valid(*value)) {
			set_cause(cause, _("not an identifier: \"%s\""), *value);
			return (-1);
		}
		if (s != NULL && !ref_exists(s, f->ref, *value)) {
			set_cause(cause, _("no %s with id \"%s\""),
			    _(model_entity(f->ref)->label), *value);
			return (-1);
		}
		break;
	}
	return (0);
}

int
model_validate(struct session *s, struct record *r, const char *prefix,
    char **cause)
{
	const struct entity	*e = r->e;
	const struct date_order	*o;
	const char		*a, *b;
	char			*why = NULL;
	size_t			 i;

	if (prefix == NULL)
		prefix = "";
	for (i = 0; i < e->nfields; i++) {
		if (r->v[i] == NULL) {
			if (e->fields[i].flags & FF_REQUIRED) {
				set_cause(cause, _("%s%s: required, missing"),
				    prefix, e->fields[i].name);
				return (-1);
			}
			continue;
		}
		if (validate_value(s, &e->fields[i], &r->v[i], &why) != 0) {
			set_cause(cause, "%s%s: %s", prefix,
			    e->fields[i].name, why);
			free(why);
			return (-1);
		}
	}
	for (o = e->orders; o != NULL && o->before != NULL; o++) {
		a = record_get(r, o->before);
		b = record_get(r, o->after);
		if (a != NULL && b != NULL && strcmp(b, a) < 0) {
			set_cause(cause, _("%s%s: before %s (%s < %s)"), prefix,
			    o->after, o->before, b, a);
			return (-1);
		}
	}
	if (e->check != NULL && e->check(s, r, &why) != 0) {
		set_cause(cause, "%s%s", prefix, why);
		free(why);
		return (-1);
	}
	return (0);
}

char *
model_search_key(const struct record *r)
{
	struct buf	 b;
	char		*key;
	size_t		 i;

	buf_init(&b);
	for (i = 0; i < r->e->nfields; i++) {
		if ((r->e->fields[i].flags & FF_SEARCH) && r->v[i] != NULL)
			buf_printf(&b, "%s ", r->v[i]);
	}
	key = text_fold(b.data != NULL ? b.data : "");
	buf_free(&b);
	return (key);
}

/* The comma-separated names of the fields that have a value. */
static char *
given_fields(const struct record *r, const bool *which)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < r->e->nfields; i++) {
		if (which != NULL ? which[i] : r->v[i] != NULL)
			buf_printf(&b, "%s%s", b.len > 0 ? "," : "",
			    r->e->fields[i].name);
	}
	return (buf_take(&b));
}

/*
 * The access policy on a new record: users are an administrator's; a
 * pathway file goes to a caseload the user may assign; any other record of
 * a person needs the right to change that person's file.  A new person
 * needs nothing: their file, inserted with them, is the user's.
 */
static int
insert_allowed(struct session *s, const struct record *r, char **cause)
{
	const struct entity	*e = r->e;

	if (e == &model_user)
		return (access_admin(s, N_("manage users"), cause));
	if (e == &model_file)
		return (access_assign(s, NULL, record_get(r, "worker_id"),
		    cause));
	if (e != &model_person && record_person(r) != NULL)
		return (access_person(s, record_person(r), ACCESS_WRITE,
		    e->name, NULL, cause));
	return (0);
}

int
model_insert(struct session *s, struct record *r, int flags,
    const char *prefix, char **cause)
{
	const struct entity	*e = r->e;
	sqlite3_stmt		*stmt = NULL;
	struct buf		 sql;
	char			 id[UUID7_STRLEN], *now = NULL, *key = NULL;
	char			*fields = NULL;
	size_t			 i;
	int			 col, rc = -1;

	record_fill_defaults(r);
	if (!(flags & MODEL_KEEP_META) || r->id == NULL) {
		uuid7_generate(id);
		free(r->id);
		r->id = xstrdup(id);
	} else if (!uuid_valid(r->id)) {
		set_cause(cause, _("%sid: not an identifier: \"%s\""),
		    prefix != NULL ? prefix : "", r->id);
		return (-1);
	}
	if (model_validate(s, r, prefix, cause) != 0)
		return (-1);
	if (insert_allowed(s, r, cause) != 0)
		return (-1);

	now = store_now();
	if (!(flags & MODEL_KEEP_META) || r->created_at == NULL) {
		free(r->created_at);
		r->created_at = xstrdup(now);
		free(r->created_by);
		r->created_by = s->user_id != NULL ? xstrdup(s->user_id) : NULL;
	}
	if (!(flags & MODEL_KEEP_META) || r->updated_at == NULL) {
		free(r->updated_at);
		r->updated_at = xstrdup(r->created_at);
		free(r->updated_by);
		r->updated_by = r->created_by != NULL ?
		    xstrdup(r->created_by) : NULL;
	}

	buf_init(&sql);
	buf_printf(&sql, "INSERT INTO %s (id", e->table);
	for (i = 0; i < e->nfields; i++)
		buf_printf(&sql, ", %s", e->fields[i].name);
	if (e->searchable)
		buf_puts(&sql, ", search_key");
	buf_printf(&sql, ", %s) VALUES (?", meta_columns);
	for (i = 0; i < e->nfields + 5 + (e->searchable ? 1 : 0); i++)
		buf_puts(&sql, ", ?");
	buf_puts(&sql, ")");

	if (store_begin(s->st, cause) != 0)
		goto out;
	if (store_prepare(s->st, sql.data, &stmt, cause) != 0)
		goto fail;
	col = 1;
	store_bind_text(stmt, col++, r->id);
	for (i = 0; i < e->nfields; i++)
		store_bind_text(stmt, col++, r->v[i]);
	if (e->searchable) {
		key = model_search_key(r);
		store_bind_text(stmt, col++, key);
	}
	store_bind_text(stmt, col++, r->created_at);
	store_bind_text(stmt, col++, r->created_by);
	store_bind_text(stmt, col++, r->updated_at);
	store_bind_text(stmt, col++, r->updated_by);
	store_bind_text(stmt, col++, r->deleted_at);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		char *doing = xasprintf(_("saving the %s"), _(e->label));
		store_error(s->st, doing, cause);
		free(doing);
		goto fail;
	}
	if (e->after_insert != NULL && !(flags & MODEL_NO_HOOK) &&
	    e->after_insert(s, r, cause) != 0)
		goto fail;
	if (!(flags & MODEL_NO_AUDIT)) {
		fields = given_fields(r, NULL);
		if (audit_log(s, "create", e->name, r->id, record_person(r),
		    fields, cause) != 0)
			goto fail;
	}
	if (store_commit(s->st, cause) != 0)
		goto out;
	rc = 0;
	goto out;
fail:
	store_rollback(s->st);
out:
	sqlite3_finalize(stmt);
	buf_free(&sql);
	free(now);
	free(key);
	free(fields);
	return (rc);
}

int
model_update(struct session *s, const struct record *changes,
    const char *id, char **cause)
{
	const struct entity	*e = changes->e;
	struct record		*r = NULL;
	sqlite3_stmt		*stmt = NULL;
	struct buf		 sql;
	bool			*changed;
	char			*now = NULL, *key = NULL, *fields = NULL;
	char			**old;
	size_t			 i, n = 0;
	int			 col, rc = -1;

	buf_init(&sql);
	changed = xcalloc(e->nfields, sizeof *changed);
	old = xcalloc(e->nfields, sizeof *old);
	if (e == &model_user && access_admin(s, N_("manage users"),
	    cause) != 0)
		goto out;
	if (model_get_for(s, e, id, ACCESS_WRITE, &r, cause) != 0)
		goto out;
	for (i = 0; i < e->nfields; i++) {
		if (!changes->set[i])
			continue;
		if ((e->fields[i].flags & FF_FIXED) && ((r->v[i] == NULL) !=
		    (changes->v[i] == NULL) || (r->v[i] != NULL &&
		    strcmp(r->v[i], changes->v[i]) != 0))) {
			set_cause(cause, _("%s: cannot be changed"),
			    e->fields[i].name);
			goto out;
		}
		old[i] = r->v[i];
		r->v[i] = changes->v[i] != NULL ? xstrdup(changes->v[i]) :
		    NULL;
	}
	if (model_validate(s, r, NULL, cause) != 0)
		goto out;
	/* Compared once validation has normalised the values ("yes" is
	 * "1"): giving a field the value it has is no change. */
	for (i = 0; i < e->nfields; i++) {
		if (!changes->set[i] || ((old[i] == NULL) == (r->v[i] ==
		    NULL) && (old[i] == NULL || strcmp(old[i], r->v[i]) == 0)))
			continue;
		changed[i] = true;
		n++;
	}
	if (n == 0) {
		rc = 0;
		goto out;
	}
	/* Moving a file to another caseload is an assignment. */
	i = (size_t)model_field_index(e, "worker_id");
	if (e == &model_file && changed[i] && access_assign(s,
	    record_person(r), r->v[i], cause) != 0)
		goto out;
	now = store_now();
	buf_printf(&sql, "UPDATE %s SET updated_at = ?, updated_by = ?",
	    e->table);
	for (i = 0; i < e->nfields; i++) {
		if (changed[i])
			buf_printf(&sql, ", %s = ?", e->fields[i].name);
	}
	if (e->searchable)
		buf_puts(&sql, ", search_key = ?");
	buf_puts(&sql, " WHERE id = ?");

	if (store_begin(s->st, cause) != 0)
		goto out;
	if (store_prepare(s->st, sql.data, &stmt, cause) != 0)
		goto fail;
	col = 1;
	store_bind_text(stmt, col++, now);
	store_bind_text(stmt, col++, s->user_id);
	for (i = 0; i < e->nfields; i++) {
		if (changed[i])
			store_bind_text(stmt, col++, r->v[i]);
	}
	if (e->searchable) {
		key = model_search_key(r);
		store_bind_text(stmt, col++, key);
	}
	store_bind_text(stmt, col++, r->id);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		char *doing = xasprintf(_("saving the %s"), _(e->label));
		store_error(s->st, doing, cause);
		free(doing);
		goto fail;
	}
	fields = given_fields(r, changed);
	if (audit_log(s, "update", e->name, r->id, record_person(r), fields,
	    cause) != 0)
		goto fail;
	if (store_commit(s->st, cause) != 0)
		goto out;
	rc = 0;
	goto out;
fail:
	store_rollback(s->st);
out:
	sqlite3_finalize(stmt);
	buf_free(&sql);
	free(changed);
	for (i = 0; i < e->nfields; i++)
		free(old[i]);
	free(old);
	free(now);
	free(key);
	free(fields);
	record_free(r);
	return (rc);
}

/* Runs an UPDATE with the time twice, an author and an id bound. */
static int
store_exec_bound(struct session *s, const char *sql, const char *now,
    const char *author, const char *id, char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if (store_prepare(s->st, sql, &stmt, cause) != 0)
		return (-1);
	store_bind_text(stmt, 1, now);
	store_bind_text(stmt, 2, now);
	store_bind_text(stmt, 3, author);
	store_bind_text(stmt, 4, id);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return (store_error(s->st, _("deleting"), cause));
	return (0);
}

/*
 * Refuses to delete a row that live rows still refer to: the referring
 * rows would point nowhere, and an export of them could not be imported.
 * A person's own pathway file goes with the person and does not count.
 */
static int
check_unreferenced(struct session *s, const struct entity *e,
    const char *id, char **cause)
{
	const struct entity *const	*o;
	sqlite3_stmt			*stmt;
	char				*sql;
	size_t				 i;
	int				 found;

	for (o = model_entities; *o != NULL; o++) {
		for (i = 0; i < (*o)->nfields; i++) {
			const struct field *f = &(*o)->fields[i];

			if (f->type != FT_REF || strcmp(f->ref, e->name) != 0)
				continue;
			if (*o == &model_file && e == &model_person)
				continue;
			sql = xasprintf("SELECT 1 FROM %s WHERE %s = ? AND "
			    "deleted_at IS NULL AND id <> ? LIMIT 1",
			    (*o)->table, f->name);
			found = 0;
			if (sqlite3_prepare_v2(s->st->db, sql, -1, &stmt,
			    NULL) == SQLITE_OK) {
				sqlite3_bind_text(stmt, 1, id, -1,
				    SQLITE_STATIC);
				sqlite3_bind_text(stmt, 2, id, -1,
				    SQLITE_STATIC);
				found = sqlite3_step(stmt) == SQLITE_ROW;
				sqlite3_finalize(stmt);
			}
			free(sql);
			if (found) {
				set_cause(cause, _("this %s cannot be deleted: "
				    "records still refer to it (%s.%s); delete "
				    "or change them first"), _(e->label),
				    (*o)->plural, f->name);
				return (-1);
			}
		}
	}
	return (0);
}

int
model_delete(struct session *s, const struct entity *e, const char *id,
    char **cause)
{
	struct record	*r = NULL;
	sqlite3_stmt	*stmt = NULL;
	char		*sql, *now;
	int		 rc = -1;

	if (e == &model_user && access_admin(s, N_("manage users"),
	    cause) != 0)
		return (-1);
	if (model_get_for(s, e, id, ACCESS_WRITE, &r, cause) != 0)
		return (-1);
	if (check_unreferenced(s, e, r->id, cause) != 0) {
		record_free(r);
		return (-1);
	}
	now = store_now();
	sql = xasprintf("UPDATE %s SET deleted_at = ?, updated_at = ?, "
	    "updated_by = ? WHERE id = ?", e->table);
	if (store_begin(s->st, cause) != 0)
		goto out;
	if (store_prepare(s->st, sql, &stmt, cause) != 0)
		goto fail;
	store_bind_text(stmt, 1, now);
	store_bind_text(stmt, 2, now);
	store_bind_text(stmt, 3, s->user_id);
	store_bind_text(stmt, 4, r->id);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		store_error(s->st, _("deleting"), cause);
		goto fail;
	}
	if (e == &model_person && store_exec_bound(s, "UPDATE files SET "
	    "deleted_at = ?, updated_at = ?, updated_by = ? WHERE person_id = "
	    "? AND deleted_at IS NULL", now, s->user_id, r->id, cause) != 0)
		goto fail;
	if (audit_log(s, "delete", e->name, r->id, record_person(r), NULL,
	    cause) != 0)
		goto fail;
	if (store_commit(s->st, cause) != 0)
		goto out;
	rc = 0;
	goto out;
fail:
	store_rollback(s->st);
out:
	sqlite3_finalize(stmt);
	free(sql);
	free(now);
	record_free(r);
	return (rc);
}
