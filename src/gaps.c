/*
 * The gap engine.  For each selected rule it prepares the rule's query
 * with the scope put in place of "$SCOPE", binds the as-of date, the end
 * of the look-ahead and the rule's thresholds (from the settings), and
 * hands every candidate row to the rule's assessment.  A candidate whose
 * due date is passed becomes a flag; one due within the horizon, or within
 * the rule's own warning period, becomes an upcoming flag one severity
 * lower.  Each flag gets a stable id — a hash of the rule, the person, the
 * variant and the records behind it, so that the same situation keeps its
 * id from one run to the next — and a fingerprint of its facts, so that an
 * acknowledgement lapses when they change.  Acknowledgements are read once
 * per run and matched by id and fingerprint.
 */
#include "config.h"
#include "gaps.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <sqlite3.h>

#include "audit.h"
#include "model.h"
#include "session.h"
#include "settings.h"
#include "store.h"
#include "text.h"
#include "uuid7.h"
#include "xmalloc.h"

/* The longest acknowledgement reason, in characters. */
#define GAP_REASON_MAX 500

struct rule_row {
	sqlite3_stmt	*st;
	int		 ncols;
	const char	*const *names;
	/* The person of the row, read by the engine (see gap_person). */
	char		*person_id;
	char		*last_name;
	char		*first_name;
	char		*birth_date;
};

/* Columns that are neither facts nor shown as such. */
static const char *const gap_std_cols[] = {
	"file_id", "person_id", "last_name", "first_name", "birth_date",
	"refs", "variant", NULL
};

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
	q->scope = GAP_SCOPE_WORKER;
	q->worker_id = worker_id;
	q->min_severity = SEV_LOW;
}

/* "$IN_SCOPE": the same scope as a test on a person id (x $IN_SCOPE). */
static const char *
gap_in_scope_sql(enum gap_scope scope)
{
	switch (scope) {
	case GAP_SCOPE_WORKER:
		return ("IN (SELECT s.person_id FROM files s"
		    " WHERE s.worker_id = :scope_worker"
		    " AND s.deleted_at IS NULL)");
	case GAP_SCOPE_TEAM:
		return ("IN (SELECT s.person_id FROM files s"
		    " WHERE s.deleted_at IS NULL AND s.worker_id IN"
		    " (SELECT u.id FROM users u WHERE u.team = :scope_team))");
	case GAP_SCOPE_PERSON:
		return ("= :scope_person");
	case GAP_SCOPE_ALL:
		break;
	}
	return ("BETWEEN :scope_lo AND :scope_hi");
}

/* The SQL condition on the file f for a scope (parameters only). */
static const char *
gap_scope_sql(enum gap_scope scope)
{
	switch (scope) {
	case GAP_SCOPE_WORKER:
		return ("f.worker_id = :scope_worker");
	case GAP_SCOPE_TEAM:
		return ("f.worker_id IN (SELECT u.id FROM users u"
		    " WHERE u.team = :scope_team)");
	case GAP_SCOPE_PERSON:
		return ("f.person_id = :scope_person");
	case GAP_SCOPE_ALL:
		break;
	}
	return ("f.person_id BETWEEN :scope_lo AND :scope_hi");
}

/*
 * Returns sql with "$ALL[text]" kept (without the brackets) over every
 * file and dropped otherwise, "$SOME[text]" the other way round, and
 * "$SCOPE" and "$IN_SCOPE" replaced by the scope's conditions (see
 * rules.h); the caller frees the result.
 */
char *
gaps_sql(const char *sql, enum gap_scope scope)
{
	const char	*p, *end;
	struct buf	 b;
	bool		 all = scope == GAP_SCOPE_ALL;

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
			buf_puts(&b, gap_scope_sql(scope));
			sql = p + 6;
		} else if (strncmp(p, "$IN_SCOPE", 9) == 0) {
			buf_puts(&b, gap_in_scope_sql(scope));
			sql = p + 9;
		} else {
			buf_add(&b, p, 1);
			sql = p + 1;
		}
	}
	buf_puts(&b, sql);
	return (buf_take(&b));
}

/*
 * Over every file, the rules run on slices of the files in person id
 * order (see gaps_run): the persons from lo to hi, both included.
 */
struct gap_range {
	const char	*lo;
	const char	*hi;
};
/* Every person: person ids are ASCII, below U+10FFFF. */
static const struct gap_range gap_everyone = { "", "\xf4\x8f\xbf\xbf" };

/* Binds the parameters a statement names: dates, scope (the range of
 * persons over every file, NULL for all) and thresholds (of rule r, if
 * not NULL). */
static void
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
		} else if (strcmp(name, "scope_worker") == 0)
			store_bind_text(st, i, q->worker_id);
		else if (strcmp(name, "scope_team") == 0)
			store_bind_text(st, i, q->team);
		else if (strcmp(name, "scope_person") == 0)
			store_bind_text(st, i, q->person_id);
		else if (strcmp(name, "scope_lo") == 0)
			store_bind_text(st, i, range->lo);
		else if (strcmp(name, "scope_hi") == 0)
			store_bind_text(st, i, range->hi);
		else if (r != NULL && (k = rules_param_index(r, name)) >= 0)
			sqlite3_bind_int(st, i, ctx->param[k]);
	}
}

/* Hex of the first len/2 bytes of SHA-256 over data. */
static void
gap_hash(const struct buf *data, char *out, size_t len)
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 md[EVP_MAX_MD_SIZE];
	unsigned int		 mdlen = 0;
	size_t			 i;

	EVP_Digest(data->data != NULL ? data->data : "", data->len, md,
	    &mdlen, EVP_sha256(), NULL);
	for (i = 0; i < len / 2 && i < mdlen; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 0xf];
	}
	out[2 * i] = '\0';
}

static int
gap_strcmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

/* Splits "entity:id entity:id" into sorted, distinct words appended to
 * *w (caller frees each and the array). */
static void
gap_words(const char *s, char ***w, size_t *n)
{
	const char	*p;
	size_t		 len, first = *n, i, j;

	while (s != NULL && *s != '\0') {
		while (*s == ' ')
			s++;
		for (p = s; *p != '\0' && *p != ' '; p++)
			/* nothing */;
		if ((len = (size_t)(p - s)) > 0) {
			*w = xreallocarray(*w, *n + 1, sizeof **w);
			(*w)[(*n)++] = xstrndup(s, len);
		}
		s = p;
	}
	qsort(*w + first, *n - first, sizeof **w, gap_strcmp);
	for (i = j = first; i < *n; i++) {
		if (j > first && strcmp((*w)[j - 1], (*w)[i]) == 0) {
			free((*w)[i]);
			continue;
		}
		(*w)[j++] = (*w)[i];
	}
	*n = j;
}

static bool
gap_std_col(const char *name)
{
	size_t	i;

	if (strncmp(name, "x_", 2) == 0)
		return (true);
	for (i = 0; gap_std_cols[i] != NULL; i++)
		if (strcmp(gap_std_cols[i], name) == 0)
			return (true);
	return (false);
}

/* Appends the user's rendering of a date (or "?" if none). */
static void
gap_put_date(struct buf *b, date_t d)
{
	char	s[11];

	if (d == DATE_NONE) {
		buf_puts(b, "?");
		return;
	}
	date_format_user(d, s);
	buf_puts(b, s);
}

/* Appends s, capitalised if asked (ASCII first letter only). */
static void
gap_put_text(struct buf *b, const char *s, bool cap)
{
	char	*clean = text_sanitize(s, false);

	if (cap && islower((unsigned char)clean[0]))
		clean[0] = (char)toupper((unsigned char)clean[0]);
	buf_puts(b, clean);
	free(clean);
}

/* The label of a value of entity.field ("measure.kind"), or the value. */
static const char *
gap_enum_label(const char *spec, const char *value)
{
	const struct entity	*e;
	const struct field	*f;
	const char		*dot = strchr(spec, '.');
	char			*ent;

	if (dot == NULL)
		return (value);
	ent = xstrndup(spec, (size_t)(dot - spec));
	e = model_entity(ent);
	free(ent);
	if (e == NULL || (f = model_field(e, dot + 1)) == NULL)
		return (value);
	return (model_enum_label(f, value));
}

/*
 * Fills a template (see rules.h) from the row, the parameters and the
 * assessment.  Returns a new string.
 */
static char *
gap_render(const char *tmpl, const struct rule *r, const struct rule_row *row,
    const struct rule_ctx *ctx, const struct rule_eval *ev, int age)
{
	struct buf	 b;
	const char	*p, *end, *colon, *v;
	char		*name, *spec;
	bool		 cap, param;
	date_t		 d;
	int		 k;

	buf_init(&b);
	for (p = tmpl; *p != '\0'; p = end + 1) {
		if (*p != '{' || (end = strchr(p, '}')) == NULL) {
			buf_add(&b, p, 1);
			end = p;
			continue;
		}
		p++;
		cap = param = false;
		if (*p == '^') {
			cap = true;
			p++;
		}
		if (*p == '=') {
			param = true;
			p++;
		}
		colon = memchr(p, ':', (size_t)(end - p));
		name = xstrndup(p, (size_t)((colon != NULL ? colon : end) - p));
		spec = colon != NULL ?
		    xstrndup(colon + 1, (size_t)(end - colon - 1)) : NULL;
		if (param) {
			k = rules_param_index(r, name);
			buf_printf(&b, "%d", k >= 0 ? ctx->param[k] : 0);
		} else if (strcmp(name, "due") == 0)
			gap_put_date(&b, ev->due);
		else if (strcmp(name, "when") == 0)
			gap_put_date(&b, ev->when);
		else if (strcmp(name, "count") == 0)
			buf_printf(&b, "%d", ev->count);
		else if (strcmp(name, "age") == 0) {
			if (age >= 0)
				buf_printf(&b, "%d", age);
			else
				buf_puts(&b, "?");
		} else if ((v = rule_row_text(row, name)) == NULL)
			buf_puts(&b, _("(unknown)"));
		else if (spec != NULL)
			gap_put_text(&b, gap_enum_label(spec, v), cap);
		else if (strlen(v) == 10 && date_parse_iso(v, &d, NULL) == 0)
			gap_put_date(&b, d);
		else
			gap_put_text(&b, v, cap);
		free(name);
		free(spec);
	}
	return (buf_take(&b));
}

/* Builds the flag of an assessed row; false if it is not to be shown. */
static bool
gap_flag_make(const struct gap_query *q, const struct rule *r,
    const struct rule_ctx *ctx, const struct rule_row *row,
    const struct rule_eval *ev, struct gap_flag *fl)
{
	struct buf	 b;
	char		**words = NULL, *sep, d[11];
	const char	*v;
	size_t		 n = 0, i;
	date_t		 birth;
	int		 c;

	memset(fl, 0, sizeof *fl);
	fl->rule = r;
	fl->variant = ev->variant;
	fl->due = ev->due;
	fl->due_severity = ev->severity;
	fl->days = ctx->as_of - ev->due;
	fl->upcoming = ev->due > ctx->as_of;
	fl->severity = ev->severity;
	if (fl->upcoming && fl->severity > SEV_LOW)
		fl->severity--;
	if (fl->severity < q->min_severity)
		return (false);

	fl->person_id = xstrdup(rule_row_text(row, "person_id"));
	fl->file_id = xstrdup(rule_row_text(row, "file_id"));
	fl->last_name = text_sanitize(rule_row_text(row, "last_name"), false);
	fl->first_name = text_sanitize(rule_row_text(row, "first_name"),
	    false);
	birth = rule_row_date(row, "birth_date");
	fl->age = birth == DATE_NONE ? -1 : date_age(birth, ctx->as_of);

	/* Records: the identity first, then the ones only listed. */
	gap_words(rule_row_text(row, "refs"), &words, &n);
	fl->nidentity = n;
	gap_words(rule_row_text(row, "x_refs"), &words, &n);
	fl->records = xcalloc(n > 0 ? n : 1, sizeof *fl->records);
	buf_init(&b);
	buf_printf(&b, "%s\n%s\n%d\n", r->id, fl->person_id, ev->variant);
	for (i = 0; i < n; i++) {
		if (i < fl->nidentity)
			buf_printf(&b, "%s ", words[i]);
		else if (bsearch(&words[i], words, fl->nidentity,
		    sizeof *words, gap_strcmp) != NULL)
			continue;
		if ((sep = strchr(words[i], ':')) != NULL) {
			fl->records[fl->nrecords].entity = xstrndup(words[i],
			    (size_t)(sep - words[i]));
			fl->records[fl->nrecords].id = xstrdup(sep + 1);
		} else {
			fl->records[fl->nrecords].entity = xstrdup("");
			fl->records[fl->nrecords].id = xstrdup(words[i]);
		}
		fl->nrecords++;
	}
	for (i = 0; i < n; i++)
		free(words[i]);
	free(words);
	gap_hash(&b, fl->id, GAP_ID_LEN);
	buf_free(&b);

	/* The facts: the assessment and the rule's fact columns. */
	buf_init(&b);
	buf_printf(&b, "%s\n%d\n%s\n", r->id, ev->variant,
	    severity_name(ev->severity));
	date_format_iso(ev->due, d);
	buf_printf(&b, "%s\n", d);
	date_format_iso(ev->when, d);
	buf_printf(&b, "%s\n%d\n", d, ev->count);
	for (c = 0; c < row->ncols; c++) {
		if (gap_std_col(row->names[c]))
			continue;
		v = rule_row_text(row, row->names[c]);
		buf_printf(&b, "%s=%s\n", row->names[c], v != NULL ? v :
		    "\001");
	}
	gap_hash(&b, fl->facts, GAP_FACTS_LEN);
	buf_free(&b);

	fl->explanation = gap_render(_(r->explain[ev->variant] != NULL ?
	    r->explain[ev->variant] : r->explain[0]), r, row, ctx, ev,
	    fl->age);
	fl->why = gap_render(_(r->why), r, row, ctx, ev, fl->age);
	fl->ack_until = DATE_NONE;
	return (true);
}

static void
gap_flag_free(struct gap_flag *fl)
{
	size_t	i;

	for (i = 0; i < fl->nrecords; i++) {
		free(fl->records[i].entity);
		free(fl->records[i].id);
	}
	free(fl->records);
	free(fl->person_id);
	free(fl->file_id);
	free(fl->last_name);
	free(fl->first_name);
	free(fl->explanation);
	free(fl->why);
	free(fl->ack_id);
	free(fl->ack_reason);
	free(fl->ack_by);
	free(fl->ack_at);
}

/* An acknowledgement in force, read for matching. */
struct gap_ack_row {
	char	*flag_id;
	char	 facts[GAP_FACTS_LEN + 1];
	char	*id;
	char	*reason;
	char	*by;
	char	*at;
	date_t	 until;
};

/* Reads the acknowledgements in force on as_of, sorted by flag id (the
 * newest first among those of one flag). */
static int
gap_acks_load(struct session *s, date_t as_of, struct gap_ack_row **out,
    size_t *n, char **cause)
{
	sqlite3_stmt		*st = NULL;
	struct gap_ack_row	*a = NULL, *x;
	const char		*facts, *until;
	char			 d[11];
	size_t			 na = 0;
	int			 rc = -1, step;

	if (store_prepare(s->st, "SELECT a.flag_id, a.facts, a.id, a.reason,"
	    " a.until, a.created_at, coalesce(u.login, a.created_by)"
	    " FROM acks a LEFT JOIN users u ON u.id = a.created_by"
	    " WHERE a.deleted_at IS NULL"
	    " AND (a.until IS NULL OR a.until > ?)"
	    " ORDER BY a.flag_id, a.created_at DESC", &st, cause) != 0)
		goto out;
	date_format_iso(as_of, d);
	sqlite3_bind_text(st, 1, d, -1, SQLITE_TRANSIENT);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		a = xreallocarray(a, na + 1, sizeof *a);
		x = &a[na++];
		memset(x, 0, sizeof *x);
		x->flag_id = store_column_dup(st, 0);
		facts = (const char *)sqlite3_column_text(st, 1);
		snprintf(x->facts, sizeof x->facts, "%s",
		    facts != NULL ? facts : "");
		x->id = store_column_dup(st, 2);
		x->reason = store_column_dup(st, 3);
		until = (const char *)sqlite3_column_text(st, 4);
		if (until == NULL || date_parse_iso(until, &x->until,
		    NULL) != 0)
			x->until = DATE_NONE;
		x->at = store_column_dup(st, 5);
		x->by = store_column_dup(st, 6);
		if (x->flag_id == NULL)
			x->flag_id = xstrdup("");
	}
	if (step != SQLITE_DONE) {
		store_error(s->st, _("reading the acknowledgements"), cause);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	*out = a;
	*n = na;
	return (rc);
}

static void
gap_acks_rows_free(struct gap_ack_row *a, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(a[i].flag_id);
		free(a[i].id);
		free(a[i].reason);
		free(a[i].by);
		free(a[i].at);
	}
	free(a);
}

/* The acknowledgement that silences the flag, or NULL. */
static const struct gap_ack_row *
gap_ack_match(const struct gap_ack_row *a, size_t n, const struct gap_flag *fl)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (strcmp(a[mid].flag_id, fl->id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* The newest acknowledgement of the flag decides. */
	if (lo < n && strcmp(a[lo].flag_id, fl->id) == 0 &&
	    strcmp(a[lo].facts, fl->facts) == 0)
		return (&a[lo]);
	return (NULL);
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
#define GAP_CACHE_SCOPES 4
static struct {
	sqlite3		*db;
	sqlite3_stmt	*st;
} gap_cache[GAP_CACHE_RULES][GAP_CACHE_SCOPES], gap_person_cache;

/* Returns a statement of sql, from the cache slot if it is this
 * connection's; reset, without bindings.  Returns NULL with *cause. */
static sqlite3_stmt *
gap_stmt(struct session *s, sqlite3 **slot_db, sqlite3_stmt **slot,
    const char *sql, char **cause)
{
	if (*slot != NULL && *slot_db == s->st->db) {
		sqlite3_reset(*slot);
		sqlite3_clear_bindings(*slot);
		return (*slot);
	}
	sqlite3_finalize(*slot);
	*slot = NULL;
	*slot_db = NULL;
	if (store_prepare(s->st, sql, slot, cause) != 0)
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
	char		*sql, *doing;
	size_t		 k;
	int		 rc = -1, step, i, found;

	memset(&ctx, 0, sizeof ctx);
	ctx.as_of = as_of;
	ctx.until = as_of + q->horizon;
	memcpy(ctx.param, param, sizeof ctx.param);
	memset(&row, 0, sizeof row);

	sql = gaps_sql(r->sql, q->scope);
	k = (size_t)(r - rules);
	if (k >= GAP_CACHE_RULES)
		fatal("gaps: more than %d rules", GAP_CACHE_RULES);
	if ((st = gap_stmt(s, &gap_cache[k][q->scope].db,
	    &gap_cache[k][q->scope].st, sql, cause)) == NULL ||
	    (pst = gap_stmt(s, &gap_person_cache.db, &gap_person_cache.st,
	    "SELECT last_name, first_name, birth_date"
	    " FROM persons INDEXED BY persons_gaps"
	    " WHERE id = ? AND deleted_at IS NULL", cause)) == NULL)
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
	free(sql);
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
	if (q->scope == GAP_SCOPE_ALL) {
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

char *
gaps_flag_name(const struct gap_flag *fl)
{
	return (xasprintf("%s, %s", fl->last_name, fl->first_name));
}

/* True if s is 6 to GAP_ID_LEN lower-case hex digits. */
static bool
gap_id_prefix_ok(const char *s, size_t max)
{
	size_t	len = strlen(s), i;

	if (len < 6 || len > max)
		return (false);
	for (i = 0; i < len; i++)
		if (!isxdigit((unsigned char)s[i]) && s[i] != '-')
			return (false);
	return (true);
}

int
gaps_find(const struct gap_result *res, const char *id, size_t *index,
    char **cause)
{
	size_t	i, len = strlen(id), found = 0;
	char	*low;

	if (!gap_id_prefix_ok(id, GAP_ID_LEN)) {
		set_cause(cause, _("\"%s\" is not a flag id (6 to %d "
		    "hexadecimal digits, as gaps shows them)"), id,
		    GAP_ID_LEN);
		return (-1);
	}
	low = xstrdup(id);
	for (i = 0; i < len; i++)
		low[i] = (char)tolower((unsigned char)low[i]);
	for (i = 0; i < res->n; i++) {
		if (strncmp(res->flags[i].id, low, len) != 0)
			continue;
		if (found++ == 0)
			*index = i;
		else if (strcmp(res->flags[i].id, res->flags[*index].id) != 0) {
			set_cause(cause, _("flag id \"%s\" is ambiguous: give "
			    "more digits"), id);
			free(low);
			return (-1);
		}
	}
	free(low);
	if (found == 0) {
		set_cause(cause, _("no flag \"%s\" (as of that date and in "
		    "that scope)"), id);
		return (-1);
	}
	return (0);
}

/* Soft-deletes one acknowledgement, audited. */
static int
gap_ack_delete(struct session *s, const char *id, const char *person_id,
    const char *now, char **cause)
{
	sqlite3_stmt	*st = NULL;
	int		 rc = -1;

	if (store_prepare(s->st, "UPDATE acks SET deleted_at = ?,"
	    " updated_at = ?, updated_by = ? WHERE id = ?", &st, cause) != 0)
		return (-1);
	sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	store_bind_text(st, 3, s->user_id);
	sqlite3_bind_text(st, 4, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_error(s->st, _("removing an acknowledgement"), cause);
		goto out;
	}
	rc = audit_log(s, "delete", "ack", id, person_id, NULL, cause);
out:
	sqlite3_finalize(st);
	return (rc);
}

/* Checks a reason: not blank, one line of valid UTF-8, not too long. */
static int
gap_reason_check(const char *reason, char **cause)
{
	const char	*p;
	bool		 blank = true;

	for (p = reason; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			set_cause(cause, _("--reason: one line of text, "
			    "without control characters"));
			return (-1);
		}
		if (!isspace((unsigned char)*p))
			blank = false;
	}
	if (blank) {
		set_cause(cause, _("--reason: a reason is required"));
		return (-1);
	}
	if (!text_valid_utf8(reason, strlen(reason))) {
		set_cause(cause, _("--reason: not valid UTF-8"));
		return (-1);
	}
	if (text_length(reason) > GAP_REASON_MAX) {
		set_cause(cause, _("--reason: too long (at most %d "
		    "characters)"), GAP_REASON_MAX);
		return (-1);
	}
	return (0);
}

int
gaps_ack(struct session *s, const struct gap_flag *fl, const char *reason,
    date_t until, char **ack_id, char **cause)
{
	sqlite3_stmt	*st = NULL;
	char		 id[UUID7_STRLEN], d[11], **old = NULL;
	char		*now = NULL;
	size_t		 nold = 0, i;
	int		 rc = -1, step;

	if (ack_id != NULL)
		*ack_id = NULL;
	if (gap_reason_check(reason, cause) != 0)
		return (-1);
	if (until != DATE_NONE && until <= date_today()) {
		set_cause(cause, _("--until: the date must be after today"));
		return (-1);
	}
	if (store_begin(s->st, cause) != 0)
		return (-1);
	now = store_now();

	if (store_prepare(s->st, "SELECT id FROM acks WHERE flag_id = ?"
	    " AND deleted_at IS NULL", &st, cause) != 0)
		goto out;
	sqlite3_bind_text(st, 1, fl->id, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		old = xreallocarray(old, nold + 1, sizeof *old);
		old[nold++] = store_column_dup(st, 0);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (step != SQLITE_DONE) {
		store_error(s->st, _("reading the acknowledgements"), cause);
		goto out;
	}
	for (i = 0; i < nold; i++)
		if (gap_ack_delete(s, old[i], fl->person_id, now, cause) != 0)
			goto out;

	uuid7_generate(id);
	if (store_prepare(s->st, "INSERT INTO acks (id, person_id, flag_id,"
	    " rule_id, facts, reason, until, created_at, created_by,"
	    " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    &st, cause) != 0)
		goto out;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, fl->person_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, fl->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, fl->rule->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, fl->facts, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, reason, -1, SQLITE_STATIC);
	if (until != DATE_NONE) {
		date_format_iso(until, d);
		sqlite3_bind_text(st, 7, d, -1, SQLITE_TRANSIENT);
	} else
		sqlite3_bind_null(st, 7);
	sqlite3_bind_text(st, 8, now, -1, SQLITE_STATIC);
	store_bind_text(st, 9, s->user_id);
	sqlite3_bind_text(st, 10, now, -1, SQLITE_STATIC);
	store_bind_text(st, 11, s->user_id);
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_error(s->st, _("saving the acknowledgement"), cause);
		goto out;
	}
	if (audit_log(s, "create", "ack", id, fl->person_id,
	    "flag_id,rule_id,facts,reason,until", cause) != 0)
		goto out;
	if (store_commit(s->st, cause) != 0)
		goto out;
	if (ack_id != NULL)
		*ack_id = xstrdup(id);
	rc = 0;
out:
	sqlite3_finalize(st);
	if (rc != 0)
		store_rollback(s->st);
	for (i = 0; i < nold; i++)
		free(old[i]);
	free(old);
	free(now);
	return (rc);
}

int
gaps_ack_list(struct session *s, const struct gap_query *q, bool all,
    struct gap_ack **out, size_t *n, char **cause)
{
	sqlite3_stmt	*st = NULL;
	struct gap_ack	*a = NULL, *x;
	struct rule_ctx	 ctx;
	char		*sql;
	date_t		 as_of, until;
	size_t		 na = 0;
	int		 rc = -1, step;

	memset(&ctx, 0, sizeof ctx);
	as_of = q->as_of != DATE_NONE ? q->as_of : date_today();
	ctx.as_of = ctx.until = as_of;
	sql = gaps_sql("SELECT a.id, a.flag_id, a.rule_id, a.person_id,"
	    " p.last_name || ', ' || p.first_name, a.reason, a.until,"
	    " a.created_at, coalesce(u.login, a.created_by)"
	    " FROM acks a JOIN files f ON f.person_id = a.person_id"
	    " JOIN persons p ON p.id = a.person_id"
	    " LEFT JOIN users u ON u.id = a.created_by"
	    " WHERE a.deleted_at IS NULL AND f.deleted_at IS NULL"
	    " AND ($SCOPE) AND (:all OR a.until IS NULL OR a.until > :asof)"
	    " ORDER BY p.last_name, p.first_name, a.created_at", q->scope);
	if (store_prepare(s->st, sql, &st, cause) != 0)
		goto out;
	gap_bind(st, q, NULL, &ctx, NULL);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":all"),
	    all ? 1 : 0);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		a = xreallocarray(a, na + 1, sizeof *a);
		x = &a[na++];
		x->id = store_column_dup(st, 0);
		x->flag_id = store_column_dup(st, 1);
		x->rule_id = store_column_dup(st, 2);
		x->person_id = store_column_dup(st, 3);
		x->person_name = store_column_dup(st, 4);
		x->reason = store_column_dup(st, 5);
		x->until = store_column_dup(st, 6);
		x->created_at = store_column_dup(st, 7);
		x->created_by = store_column_dup(st, 8);
		x->expired = x->until != NULL &&
		    date_parse_iso(x->until, &until, NULL) == 0 &&
		    until <= as_of;
	}
	if (step != SQLITE_DONE) {
		store_error(s->st, _("reading the acknowledgements"), cause);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	free(sql);
	if (rc != 0) {
		gaps_acks_free(a, na);
		a = NULL;
		na = 0;
	}
	*out = a;
	*n = na;
	return (rc);
}

void
gaps_acks_free(struct gap_ack *a, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(a[i].id);
		free(a[i].flag_id);
		free(a[i].rule_id);
		free(a[i].person_id);
		free(a[i].person_name);
		free(a[i].reason);
		free(a[i].until);
		free(a[i].created_at);
		free(a[i].created_by);
	}
	free(a);
}

int
gaps_ack_remove(struct session *s, const char *id, char **cause)
{
	sqlite3_stmt	*st = NULL;
	char		**ids = NULL, **persons = NULL, *now = NULL, *low;
	char		*flag = NULL;
	size_t		 n = 0, i, len = strlen(id);
	int		 rc = -1, step;
	bool		 by_flag = true;

	if (!gap_id_prefix_ok(id, UUID7_STRLEN - 1)) {
		set_cause(cause, _("\"%s\" is not an acknowledgement or flag "
		    "id (at least 6 characters, as ack list shows them)"), id);
		return (-1);
	}
	low = xstrdup(id);
	for (i = 0; i < len; i++)
		low[i] = (char)tolower((unsigned char)low[i]);
	if (store_begin(s->st, cause) != 0) {
		free(low);
		return (-1);
	}
	if (store_prepare(s->st, "SELECT id, person_id, flag_id FROM acks"
	    " WHERE deleted_at IS NULL AND (substr(id, 1, ?1) = ?2"
	    " OR substr(flag_id, 1, ?1) = ?2) ORDER BY flag_id", &st,
	    cause) != 0)
		goto out;
	sqlite3_bind_int(st, 1, (int)len);
	sqlite3_bind_text(st, 2, low, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char	*fid, *aid;

		fid = (const char *)sqlite3_column_text(st, 2);
		aid = (const char *)sqlite3_column_text(st, 0);

		if (strncmp(aid, low, len) == 0)
			by_flag = false;
		if (flag != NULL && strcmp(flag, fid) != 0) {
			set_cause(cause, _("\"%s\" is ambiguous: give more "
			    "characters"), id);
			goto out;
		}
		if (flag == NULL)
			flag = xstrdup(fid);
		ids = xreallocarray(ids, n + 1, sizeof *ids);
		persons = xreallocarray(persons, n + 1, sizeof *persons);
		ids[n] = store_column_dup(st, 0);
		persons[n++] = store_column_dup(st, 1);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (n == 0) {
		set_cause(cause, _("no acknowledgement \"%s\""), id);
		goto out;
	}
	if (!by_flag && n > 1) {
		set_cause(cause, _("\"%s\" is ambiguous: give more "
		    "characters"), id);
		goto out;
	}
	now = store_now();
	for (i = 0; i < n; i++)
		if (gap_ack_delete(s, ids[i], persons[i], now, cause) != 0)
			goto out;
	if (store_commit(s->st, cause) != 0)
		goto out;
	rc = 0;
out:
	sqlite3_finalize(st);
	if (rc != 0)
		store_rollback(s->st);
	for (i = 0; i < n; i++) {
		free(ids[i]);
		free(persons[i]);
	}
	free(ids);
	free(persons);
	free(flag);
	free(low);
	free(now);
	return (rc);
}
