/*
 * The gap engine.  For each selected rule it prepares the rule's query
 * with the scope put in place of "$SCOPE", binds the as-of date, the end
 * of the look-ahead and the rule's thresholds (from the settings), and
 * hands every candidate row to the rule's assessment.  A candidate whose
 * due date is passed becomes a flag; one due within the horizon, or within
 * the rule's own warning period, becomes an upcoming flag one severity
 * lower (gaps-flag.c makes the flag, its stable id and the fingerprint of
 * its facts).  Over every file the rules run slice by slice of persons
 * (gap_run_slices).  Acknowledgements are read once per run and matched
 * by id and fingerprint (gaps-ack.c).
 */
#include "config.h"
#include "gaps-int.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "session.h"
#include "settings.h"
#include "store.h"
#include "xmalloc.h"

static int
row_index(const struct rule_row *r, const char *column)
{
	int	i;

	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->names[i], column) == 0)
			return (i);
	return (-1);
}

/*
 * The column's text (borrowed until the next row), or NULL.  The person's
 * last_name, first_name and birth_date are there even when the rule's
 * query does not select them.
 */
const char *
rule_row_text(const struct rule_row *r, const char *column)
{
	int	i = row_index(r, column);

	if (i < 0) {
		if (strcmp(column, "birth_date") == 0)
			return (r->birth_date);
		if (strcmp(column, "last_name") == 0)
			return (r->last_name);
		if (strcmp(column, "first_name") == 0)
			return (r->first_name);
		return (NULL);
	}
	if (sqlite3_column_type(r->st, i) == SQLITE_NULL)
		return (NULL);
	return ((const char *)sqlite3_column_text(r->st, i));
}

/* The column as a date; DATE_NONE if absent, NULL or not a date. */
date_t
rule_row_date(const struct rule_row *r, const char *column)
{
	const char	*s = rule_row_text(r, column);
	date_t		 d;

	if (s == NULL || date_parse_iso(s, &d, NULL) != 0)
		return (DATE_NONE);
	return (d);
}

/* The column as an integer; 0 if absent or NULL. */
long long
rule_row_int(const struct rule_row *r, const char *column)
{
	int	i = row_index(r, column);

	if (i < 0)
		return (0);
	return (sqlite3_column_int64(r->st, i));
}

void
gaps_query_init(struct gap_query *q, const char *worker_id)
{
	memset(q, 0, sizeof *q);
	q->as_of = DATE_NONE;
	q->scope.kind = SCOPE_WORKER;
	q->scope.user_id = worker_id;
	q->min_severity = SEV_LOW;
}

/*
 * Returns sql with "$ALL[text]" kept (without the brackets) over every
 * file and dropped otherwise, "$SOME[text]" the other way round, and
 * "$SCOPE" and "$IN_SCOPE" replaced by the scope's conditions (see
 * rules.h); the caller frees the result.
 */
char *
gaps_sql(const char *sql, enum scope_kind scope)
{
	const char	*p, *end;
	struct buf	 b;
	bool		 all = scope == SCOPE_ALL;

	buf_init(&b);
	while ((p = strchr(sql, '$')) != NULL) {
		buf_add(&b, sql, (size_t)(p - sql));
		if ((strncmp(p, "$ALL[", 5) == 0 ||
		    strncmp(p, "$SOME[", 6) == 0) &&
		    (end = strchr(p, ']')) != NULL) {
			if (p[1] == 'A' && all)
				buf_add(&b, p + 5, (size_t)(end - p - 5));
			else if (p[1] == 'S' && !all)
				buf_add(&b, p + 6, (size_t)(end - p - 6));
			sql = end + 1;
		} else if (strncmp(p, "$SCOPE", 6) == 0) {
			/* Over every file, the slice of persons. */
			buf_puts(&b, all ? "f.person_id BETWEEN :scope_lo AND"
			    " :scope_hi" : scope_sql(scope));
			sql = p + 6;
		} else if (strncmp(p, "$IN_SCOPE", 9) == 0) {
			buf_puts(&b, all ? "BETWEEN :scope_lo AND :scope_hi" :
			    scope_in_sql(scope));
			sql = p + 9;
		} else {
			buf_add(&b, p, 1);
			sql = p + 1;
		}
	}
	buf_puts(&b, sql);
	return (buf_take(&b));
}

/* Every person: person ids are ASCII, below U+10FFFF. */
static const struct gap_range gap_everyone = { "", "\xf4\x8f\xbf\xbf" };

void
gap_bind(sqlite3_stmt *st, const struct gap_query *q, const struct rule *r,
    const struct rule_ctx *ctx, const struct gap_range *range)
{
	const char	*name;
	char		 d[11];
	int		 i, k;

	if (range == NULL)
		range = &gap_everyone;

	for (i = 1; i <= sqlite3_bind_parameter_count(st); i++) {
		if ((name = sqlite3_bind_parameter_name(st, i)) == NULL)
			continue;
		name++;		/* ':' */
		if (strcmp(name, "asof") == 0) {
			date_format_iso(ctx->as_of, d);
			sqlite3_bind_text(st, i, d, -1, SQLITE_TRANSIENT);
		} else if (strcmp(name, "until") == 0) {
			date_format_iso(ctx->until, d);
			sqlite3_bind_text(st, i, d, -1, SQLITE_TRANSIENT);
		} else if (strcmp(name, "scope_lo") == 0)
			store_bind_text(st, i, range->lo);
		else if (strcmp(name, "scope_hi") == 0)
			store_bind_text(st, i, range->hi);
		else if (r != NULL && (k = rules_param_index(r, name)) >= 0)
			sqlite3_bind_int(st, i, ctx->param[k]);
	}
	scope_bind(st, &q->scope);
}

/* Severity (highest first), due date, name, rule, id. */
static int
gap_flag_cmp(const void *a, const void *b)
{
	const struct gap_flag	*x = a, *y = b;
	int			 c;

	if (x->severity != y->severity)
		return (x->severity > y->severity ? -1 : 1);
	if (x->due != y->due)
		return (x->due < y->due ? -1 : 1);
	if ((c = strcmp(x->last_name, y->last_name)) != 0)
		return (c);
	if ((c = strcmp(x->first_name, y->first_name)) != 0)
		return (c);
	if ((c = strcmp(x->person_id, y->person_id)) != 0)
		return (c);
	if ((c = strcmp(x->rule->id, y->rule->id)) != 0)
		return (c);
	return (strcmp(x->id, y->id));
}

/*
 * Reads the person of a candidate row into the row (kept while the next
 * rows are the same person's).  Returns 1 if the person is there, 0 if
 * deleted or missing (the row is left out), -1 on a database error.
 */
static int
gap_person(struct session *s, sqlite3_stmt *st, struct rule_row *row,
    const char *person_id, char **cause)
{
	int	step;

	if (row->person_id != NULL && strcmp(row->person_id, person_id) == 0)
		return (row->last_name != NULL);
	free(row->person_id);
	free(row->last_name);
	free(row->first_name);
	free(row->birth_date);
	row->person_id = xstrdup(person_id);
	row->last_name = row->first_name = row->birth_date = NULL;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, person_id, -1, SQLITE_STATIC);
	if ((step = sqlite3_step(st)) == SQLITE_ROW) {
		row->last_name = store_column_dup(st, 0);
		row->first_name = store_column_dup(st, 1);
		row->birth_date = store_column_dup(st, 2);
		if (row->last_name == NULL)
			row->last_name = xstrdup("");
		if (row->first_name == NULL)
			row->first_name = xstrdup("");
	}
	sqlite3_reset(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return (store_error(s->st, _("reading a person"), cause));
	return (row->last_name != NULL);
}

/*
 * The rules' prepared statements, kept from one run to the next on the
 * same connection: preparing the 26 queries costs more than running them
 * on one file, and the interface asks for one file's flags often.  A
 * statement is prepared again when the connection changes;
 * gaps_cache_clear() finalises them.
 */
#define GAP_CACHE_RULES 32
#define GAP_CACHE_SCOPES (SCOPE_PERSON + 1)	/* one per enum scope_kind */
static struct {
	sqlite3		*db;
	sqlite3_stmt	*st;
} gap_cache[GAP_CACHE_RULES][GAP_CACHE_SCOPES], gap_person_cache;

/* Returns a statement of sql made ready for the scope (gaps_sql), from
 * the cache slot if it is this connection's (then nothing is built);
 * reset, without bindings.  Returns NULL with *cause. */
static sqlite3_stmt *
gap_stmt(struct session *s, sqlite3 **slot_db, sqlite3_stmt **slot,
    const char *sql, enum scope_kind scope, char **cause)
{
	char	*text;
	int	 rc;

	if (*slot != NULL && *slot_db == s->st->db) {
		sqlite3_reset(*slot);
		sqlite3_clear_bindings(*slot);
		return (*slot);
	}
	sqlite3_finalize(*slot);
	*slot = NULL;
	*slot_db = NULL;
	text = gaps_sql(sql, scope);
	rc = store_prepare(s->st, text, slot, cause);
	free(text);
	if (rc != 0)
		return (NULL);
	*slot_db = s->st->db;
	return (*slot);
}

/* Finalises the cached statements (before a connection is closed, or to
 * free them). */
void
gaps_cache_clear(void)
{
	size_t	i, j;

	for (i = 0; i < GAP_CACHE_RULES; i++)
		for (j = 0; j < GAP_CACHE_SCOPES; j++) {
			sqlite3_finalize(gap_cache[i][j].st);
			gap_cache[i][j].st = NULL;
			gap_cache[i][j].db = NULL;
		}
	sqlite3_finalize(gap_person_cache.st);
	gap_person_cache.st = NULL;
	gap_person_cache.db = NULL;
}

/* Runs one rule, appending its flags to out. */
static int
gap_run_rule(struct session *s, const struct gap_query *q,
    const struct gap_range *range, const struct rule *r,
    const int param[RULE_MAX_PARAMS], date_t as_of, struct gap_result *out,
    size_t *cap, char **cause)
{
	struct rule_ctx	 ctx;
	struct rule_row	 row;
	struct rule_eval ev;
	struct gap_flag	 fl;
	sqlite3_stmt	*st = NULL, *pst = NULL;
	const char	**names = NULL, *pid;
	char		*doing;
	size_t		 k;
	int		 rc = -1, step, i, found;

	memset(&ctx, 0, sizeof ctx);
	ctx.as_of = as_of;
	ctx.until = as_of + q->horizon;
	memcpy(ctx.param, param, sizeof ctx.param);
	memset(&row, 0, sizeof row);

	k = (size_t)(r - rules);
	if (k >= GAP_CACHE_RULES)
		fatal("gaps: more than %d rules", GAP_CACHE_RULES);
	if ((st = gap_stmt(s, &gap_cache[k][q->scope.kind].db,
	    &gap_cache[k][q->scope.kind].st, r->sql, q->scope.kind, cause)) == NULL ||
	    (pst = gap_stmt(s, &gap_person_cache.db, &gap_person_cache.st,
	    "SELECT last_name, first_name, birth_date"
	    " FROM persons INDEXED BY persons_gaps"
	    " WHERE id = ? AND deleted_at IS NULL", q->scope.kind, cause)) == NULL)
		goto out;
	gap_bind(st, q, r, &ctx, range);
	row.st = st;
	row.ncols = sqlite3_column_count(st);
	names = xcalloc((size_t)row.ncols + 1, sizeof *names);
	for (i = 0; i < row.ncols; i++)
		names[i] = sqlite3_column_name(st, i);
	row.names = names;

	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if ((pid = rule_row_text(&row, "person_id")) == NULL)
			continue;
		if ((found = gap_person(s, pst, &row, pid, cause)) < 0)
			goto out;
		if (found == 0)
			continue;
		memset(&ev, 0, sizeof ev);
		ev.due = ev.warn_from = ev.when = DATE_NONE;
		r->assess(&ctx, &row, &ev);
		if (ev.due == DATE_NONE)
			continue;
		if (ev.due > as_of && ev.due > ctx.until &&
		    (ev.warn_from == DATE_NONE || as_of < ev.warn_from))
			continue;
		if (!gap_flag_make(q, r, &ctx, &row, &ev, &fl))
			continue;
		if (out->n == *cap) {
			*cap = *cap == 0 ? 64 : *cap * 2;
			out->flags = xreallocarray(out->flags, *cap,
			    sizeof *out->flags);
		}
		out->flags[out->n++] = fl;
	}
	if (step != SQLITE_DONE) {
		doing = xasprintf(_("running the rule %s"), r->id);
		store_error(s->st, doing, cause);
		free(doing);
		goto out;
	}
	rc = 0;
out:
	free(row.person_id);
	free(row.last_name);
	free(row.first_name);
	free(row.birth_date);
	free(names);
	if (pst != NULL)
		sqlite3_reset(pst);
	if (st != NULL)
		sqlite3_reset(st);
	return (rc);
}

/* Runs the rules of q over the persons of range (NULL: the scope's). */
static int
gap_run_range(struct session *s, const struct gap_query *q,
    const struct gap_range *range, int (*params)[RULE_MAX_PARAMS],
    date_t as_of, struct gap_result *out, size_t *cap, char **cause)
{
	const struct rule	*r;
	size_t			 i, n;

	n = q->rules != NULL ? q->nrules : rules_count;
	for (i = 0; i < n; i++) {
		r = q->rules != NULL ? q->rules[i] : &rules[i];
		if (gap_run_rule(s, q, range, r, params[r - rules], as_of, out,
		    cap, cause) != 0)
			return (-1);
	}
	return (0);
}

/*
 * Over every file, the rules run on one slice of the files after another,
 * GAP_SLICE_FILES files in person id order each.  Every index the rules
 * read is in person id order, so a slice reads a few megabytes of each,
 * which stay in the page cache from one rule to the next: each page is
 * decrypted once per run instead of once per rule (over 100,000 files the
 * indexes are several times the cache).  Flags are per person, so slicing
 * changes none of them.
 */
#define GAP_SLICE_FILES 1024

static int
gap_run_slices(struct session *s, const struct gap_query *q,
    int (*params)[RULE_MAX_PARAMS], date_t as_of, struct gap_result *out,
    size_t *cap, char **cause)
{
	struct gap_range range;
	sqlite3_stmt	*st = NULL;
	char		*after = xstrdup(""), *lo = NULL, *hi = NULL;
	int		 rc = -1, step;

	if (store_prepare(s->st, "SELECT min(person_id), max(person_id)"
	    " FROM (SELECT person_id FROM files INDEXED BY files_gaps"
	    " WHERE person_id > ? ORDER BY person_id LIMIT ?)", &st,
	    cause) != 0)
		goto out;
	for (;;) {
		sqlite3_bind_text(st, 1, after, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, GAP_SLICE_FILES);
		if ((step = sqlite3_step(st)) != SQLITE_ROW) {
			store_error(s->st, _("dividing the files"), cause);
			goto out;
		}
		free(lo);
		free(hi);
		lo = store_column_dup(st, 0);
		hi = store_column_dup(st, 1);
		sqlite3_reset(st);
		if (lo == NULL || hi == NULL)
			break;
		range.lo = lo;
		range.hi = hi;
		if (gap_run_range(s, q, &range, params, as_of, out, cap,
		    cause) != 0)
			goto out;
		free(after);
		after = xstrdup(hi);
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	free(after);
	free(lo);
	free(hi);
	return (rc);
}

int
gaps_run(struct session *s, const struct gap_query *q, struct gap_result *out,
    char **cause)
{
	const struct gap_ack_row *ack;
	struct gap_ack_row	 *acks = NULL;
	int			(*params)[RULE_MAX_PARAMS] = NULL;
	size_t			  nacks = 0, cap = 0, i, j;
	date_t			  as_of;
	int			  rc = -1;

	memset(out, 0, sizeof *out);
	as_of = q->as_of != DATE_NONE ? q->as_of : date_today();
	out->as_of = as_of;
	out->horizon = q->horizon;

	params = xcalloc(rules_count, sizeof *params);
	if (settings_rules_params(s, params, cause) != 0)
		goto out;
	if (q->scope.kind == SCOPE_ALL) {
		if (gap_run_slices(s, q, params, as_of, out, &cap, cause) != 0)
			goto out;
	} else if (gap_run_range(s, q, NULL, params, as_of, out, &cap,
	    cause) != 0)
		goto out;

	if (gap_acks_load(s, as_of, &acks, &nacks, cause) != 0)
		goto out;
	for (i = j = 0; i < out->n; i++) {
		struct gap_flag	*fl = &out->flags[i];

		if ((ack = gap_ack_match(acks, nacks, fl)) != NULL) {
			if (!q->include_acknowledged) {
				out->hidden++;
				gap_flag_free(fl);
				continue;
			}
			fl->acknowledged = true;
			fl->ack_id = xstrdup(ack->id);
			fl->ack_reason = xstrdup(ack->reason != NULL ?
			    ack->reason : "");
			fl->ack_by = ack->by != NULL ? xstrdup(ack->by) : NULL;
			fl->ack_at = ack->at != NULL ? xstrdup(ack->at) : NULL;
			fl->ack_until = ack->until;
		}
		out->by_severity[fl->severity]++;
		out->flags[j++] = *fl;
	}
	out->n = j;
	if (out->n > 1)
		qsort(out->flags, out->n, sizeof *out->flags, gap_flag_cmp);
	rc = 0;
out:
	gap_acks_rows_free(acks, nacks);
	free(params);
	if (rc != 0)
		gaps_result_free(out);
	return (rc);
}

void
gaps_result_free(struct gap_result *res)
{
	size_t	i;

	for (i = 0; i < res->n; i++)
		gap_flag_free(&res->flags[i]);
	free(res->flags);
	res->flags = NULL;
	res->n = 0;
}
