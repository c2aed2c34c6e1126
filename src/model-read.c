/*
 * Reading records of any entity from its description (model.h): one by id
 * (or a unique prefix of it), or a list filtered by person, by search
 * words (folded, so that accents and case do not matter), by the records
 * still running, or by deletion.
 */
#include "config.h"
#include "model.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "access.h"
#include "date.h"
#include "session.h"
#include "store.h"
#include "text.h"
#include "xmalloc.h"

/* The SELECT list of an entity, in the order read_row() expects. */
static void
select_columns(struct buf *b, const struct entity *e)
{
	size_t	i;

	buf_puts(b, "SELECT id");
	for (i = 0; i < e->nfields; i++)
		buf_printf(b, ", %s", e->fields[i].name);
	buf_printf(b, ", %s FROM %s", MODEL_META_COLUMNS, e->table);
}

static struct record *
read_row(const struct entity *e, sqlite3_stmt *stmt)
{
	struct record	*r = record_new(e);
	size_t		 i;
	int		 col = 0;

	r->id = store_column_dup(stmt, col++);
	for (i = 0; i < e->nfields; i++)
		r->v[i] = store_column_dup(stmt, col++);
	r->created_at = store_column_dup(stmt, col++);
	r->created_by = store_column_dup(stmt, col++);
	r->updated_at = store_column_dup(stmt, col++);
	r->updated_by = store_column_dup(stmt, col++);
	r->deleted_at = store_column_dup(stmt, col++);
	return (r);
}

int
model_get(struct session *s, const struct entity *e, const char *id,
    struct record **out, char **cause)
{
	return (model_get_for(s, e, id, ACCESS_READ, out, cause));
}

int
model_get_for(struct session *s, const struct entity *e, const char *id,
    int op, struct record **out, char **cause)
{
	sqlite3_stmt	*stmt = NULL;
	struct buf	 sql;
	char		*pattern = NULL, *access;
	int		 rc = -1, step;
	size_t		 len = strlen(id);

	*out = NULL;
	buf_init(&sql);
	select_columns(&sql, e);
	if (len == 36) {
		buf_puts(&sql, " WHERE id = lower(?) AND deleted_at IS NULL");
	} else if (len >= 8 && len < 36 &&
	    strspn(id, "0123456789abcdefABCDEF-") == len) {
		buf_puts(&sql, " WHERE id LIKE ? AND deleted_at IS NULL");
		/* A prefix is looked for among what the user may read only:
		 * it tells nothing of the other files. */
		if (model_person_column(e) != NULL && (access = access_sql(s,
		    model_person_column(e))) != NULL) {
			buf_printf(&sql, " AND %s", access);
			free(access);
		}
		buf_puts(&sql, " LIMIT 2");
		pattern = xasprintf("%s%%", id);
		for (char *p = pattern; *p != '\0'; p++)
			*p = (char)tolower((unsigned char)*p);
	} else if (len < 8 && strspn(id, "0123456789abcdefABCDEF-") == len) {
		set_cause(cause, _("\"%s\" is too short to find a %s: give at "
		    "least 8 characters of its id"), id, _(e->label));
		goto out;
	} else {
		set_cause(cause, _("no %s with id \"%s\""), _(e->label), id);
		goto out;
	}
	if (store_prepare(s->st, sql.data, &stmt, cause) != 0)
		goto out;
	sqlite3_bind_text(stmt, 1, pattern != NULL ? pattern : id, -1,
	    SQLITE_STATIC);
	step = sqlite3_step(stmt);
	if (step == SQLITE_ROW) {
		*out = read_row(e, stmt);
		if (sqlite3_step(stmt) == SQLITE_ROW) {
			set_cause(cause, _("id \"%s\" is ambiguous: give more "
			    "characters"), id);
			record_free(*out);
			*out = NULL;
			goto out;
		}
		rc = 0;
		/* The record is there: may this user see it? */
		if (model_person_column(e) != NULL && access_person(s,
		    record_person(*out), (enum access_op)op, e->name,
		    (*out)->id, cause) != 0) {
			record_free(*out);
			*out = NULL;
			rc = -1;
		}
	} else if (step == SQLITE_DONE)
		set_cause(cause, _("no %s with id \"%s\""), _(e->label), id);
	else
		store_error(s->st, _("reading the database"), cause);
out:
	sqlite3_finalize(stmt);
	buf_free(&sql);
	free(pattern);
	return (rc);
}

/* One LIKE pattern "%word%", wildcards escaped for ESCAPE '\\'. */
static char *
like_pattern(const char *word)
{
	struct buf	b;
	const char	*p;

	buf_init(&b);
	buf_puts(&b, "%");
	for (p = word; *p != '\0'; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			buf_add(&b, "\\", 1);
		buf_add(&b, p, 1);
	}
	buf_puts(&b, "%");
	return (buf_take(&b));
}

size_t
model_search_patterns(const char *search, char ***out)
{
	char	*folded, *word, *save = NULL, **words = NULL;
	size_t	 n = 0;

	folded = text_fold(search);
	for (word = strtok_r(folded, " ", &save); word != NULL;
	    word = strtok_r(NULL, " ", &save)) {
		words = xreallocarray(words, n + 1, sizeof *words);
		words[n++] = like_pattern(word);
	}
	free(folded);
	*out = words;
	return (n);
}

void
model_patterns_free(char **words, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(words[i]);
	free(words);
}

int
model_list(struct session *s, const struct entity *e,
    const struct model_filter *f, struct record ***out, size_t *n,
    char **cause)
{
	sqlite3_stmt	 *stmt = NULL;
	struct buf	  sql;
	struct record	**rs = NULL;
	char		**words = NULL;
	char		  today[11];
	char		 *access;
	size_t		  nw = 0, i, cap = 0;
	int		  col = 1, step, rc = -1;
	const char	 *pf = NULL;

	*out = NULL;
	*n = 0;
	buf_init(&sql);
	select_columns(&sql, e);
	buf_puts(&sql, f != NULL && f->include_deleted ? " WHERE 1" :
	    " WHERE deleted_at IS NULL");
	for (i = 0; i < e->nfields; i++) {
		if (e->fields[i].flags & FF_PARENT)
			pf = e->fields[i].name;
	}
	if (f != NULL && f->person_id != NULL) {
		if (e == &model_person)
			buf_puts(&sql, " AND id = ?");
		else if (pf != NULL)
			buf_printf(&sql, " AND %s = ?", pf);
	}
	if (f != NULL && f->search != NULL && e->searchable) {
		nw = model_search_patterns(f->search, &words);
		for (i = 0; i < nw; i++)
			buf_puts(&sql, " AND search_key LIKE ? ESCAPE '\\'");
	}
	if (f != NULL && f->active_only && e->end_field != NULL)
		buf_printf(&sql, " AND (%s IS NULL OR %s >= ?)", e->end_field,
		    e->end_field);
	if (f != NULL && f->where != NULL)
		buf_printf(&sql, " AND (%s)", f->where);
	/* Only the files the user may read. */
	if (model_person_column(e) != NULL &&
	    (access = access_sql(s, model_person_column(e))) != NULL) {
		buf_printf(&sql, " AND %s", access);
		free(access);
	}
	buf_printf(&sql, " ORDER BY %s", f != NULL && f->order != NULL ?
	    f->order : "id");

	if (store_prepare(s->st, sql.data, &stmt, cause) != 0)
		goto out;
	if (f != NULL && f->person_id != NULL &&
	    (e == &model_person || pf != NULL))
		sqlite3_bind_text(stmt, col++, f->person_id, -1,
		    SQLITE_STATIC);
	for (i = 0; i < nw; i++)
		sqlite3_bind_text(stmt, col++, words[i], -1, SQLITE_STATIC);
	if (f != NULL && f->active_only && e->end_field != NULL) {
		date_format_iso(date_today(), today);
		sqlite3_bind_text(stmt, col++, today, -1, SQLITE_TRANSIENT);
	}
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			rs = xreallocarray(rs, cap, sizeof *rs);
		}
		rs[(*n)++] = read_row(e, stmt);
	}
	if (step != SQLITE_DONE) {
		store_error(s->st, _("reading the database"), cause);
		records_free(rs, *n);
		*n = 0;
		goto out;
	}
	*out = rs;
	rc = 0;
out:
	sqlite3_finalize(stmt);
	buf_free(&sql);
	model_patterns_free(words, nw);
	return (rc);
}
