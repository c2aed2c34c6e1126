/*
 * Import of a parcours document (see jsonio.h).  Import is strict and all
 * or nothing: unknown keys, values of the wrong JSON type and every
 * refusal of the model are reported with the path of the value in the
 * document ("persons[12].rights[0].end_date: …"), up to
 * JSONIO_MAX_ERRORS at once, and the whole import runs in one transaction
 * that is rolled back if anything was refused.  Records are inserted in
 * dependency order (users, partners, then each person with their file and
 * records, a referent's successor before it), so that references to
 * earlier records of the document, or to rows already in the database,
 * resolve through the model's own validation.  A user whose login already
 * exists in the database is not imported: the document's references to it
 * are mapped to the existing user.
 */
#include "config.h"
#include "jsonio.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "audit.h"
#include "jsonio-int.h"
#include "model.h"
#include "model-user.h"
#include "session.h"
#include "store.h"
#include "uuid7.h"
#include "xmalloc.h"

/* Errors listed before the import gives up looking for more. */
#define JSONIO_MAX_ERRORS	20

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
		if (jsonio_to_record_except(o, &model_user, path, NULL,
		    &rs[i], &cause) != 0) {
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
		} else if (jsonio_to_record_except(o, e, path, skip, &rs[i],
		    &cause) != 0)
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
	const struct entity	*pe[JSONIO_MAX_PATHWAY];
	const char		*skip[JSONIO_MAX_PATHWAY + 2];
	struct record		*r = NULL, *f = NULL;
	json_t			*file, *arr;
	char			*path, *fpath, *cause = NULL;
	char			 id[UUID7_STRLEN], *person_id = NULL;
	size_t			 n, i;

	path = xasprintf("persons[%zu]", index);
	fpath = xasprintf("persons[%zu].file", index);
	n = jsonio_pathway(pe, JSONIO_MAX_PATHWAY);
	skip[0] = "file";
	for (i = 0; i < n; i++)
		skip[i + 1] = pe[i]->plural;
	skip[n + 1] = NULL;
	if (jsonio_to_record_except(o, &model_person, path, skip, &r,
	    &cause) != 0) {
		import_error(im, cause);
		goto out;
	}
	/* Shapes first, so that a bad array is reported with the person. */
	file = json_object_get(o, "file");
	if (file != NULL && !json_is_null(file) && !json_is_object(file)) {
		set_cause(&cause, _("%s: expected an object or null, not %s"),
		    fpath, jsonio_kind(file));
		import_error(im, cause);
		goto out;
	}
	for (i = 0; i < n; i++) {
		arr = json_object_get(o, pe[i]->plural);
		if (arr != NULL && !json_is_array(arr)) {
			set_cause(&cause, _("%s.%s: expected an array, not %s"),
			    path, pe[i]->plural, jsonio_kind(arr));
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
		if (jsonio_to_record_except(file, &model_file, fpath, fskip,
		    &f, &cause) != 0) {
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
		    "(an object)"), jsonio_kind(doc));
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
		    "newer parcours (format version %lld; this one reads "
		    "version %d)"), (long long)json_integer_value(v),
		    JSONIO_VERSION);
		return (-1);
	}
	json_object_foreach(doc, key, v) {
		if (strcmp(key, "format") == 0 || strcmp(key, "version") == 0)
			continue;
		if (strcmp(key, "exported_at") == 0) {
			if (!json_is_string(v) && !json_is_null(v)) {
				set_cause(cause, _("exported_at: expected a "
				    "string, not %s"), jsonio_kind(v));
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
			    key, jsonio_kind(v));
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
		if (jsonio_to_record_except(o, &model_partner, path, NULL, &r,
		    &why) != 0) {
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
