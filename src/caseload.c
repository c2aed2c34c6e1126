/*
 * A caseload as the interface shows it (see caseload.h).
 */
#include "config.h"
#include "caseload.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "access.h"
#include "gaps.h"
#include "model.h"
#include "session.h"
#include "store.h"
#include "xmalloc.h"

/* Strings of one load, in large blocks freed together: a caseload of a
 * whole department is 100,000 rows of seven strings. */
struct caseload_pool {
	struct caseload_pool	*next;
	size_t			 used, size;
	char			 data[];
};
#define POOL_BLOCK 65536

static const char *
pool_dup(struct caseload *c, const char *s)
{
	struct caseload_pool	*b = c->pool;
	size_t			 len;
	char			*p;

	if (s == NULL)
		return (NULL);
	len = strlen(s) + 1;
	if (b == NULL || b->size - b->used < len) {
		size_t size = len > POOL_BLOCK ? len : POOL_BLOCK;

		b = xmalloc(sizeof *b + size);
		b->next = c->pool;
		b->used = 0;
		b->size = size;
		c->pool = b;
	}
	p = b->data + b->used;
	memcpy(p, s, len);
	b->used += len;
	return (p);
}

/* "AEMO (action éducative en milieu ouvert)" → "AEMO", "projet pour
 * l'enfant (PPE)" → "PPE": short enough for a table cell. */
static void
short_label(const char *label, char *out, size_t size)
{
	const char	*open = strstr(label, " ("), *close;
	size_t		 len;
	bool		 acronym = true;
	const char	*p;

	if (open == NULL) {
		snprintf(out, size, "%s", label);
		return;
	}
	len = (size_t)(open - label);
	close = strchr(open, ')');
	if (close != NULL && (size_t)(close - open - 2) <= 8 &&
	    close > open + 2) {
		for (p = open + 2; p < close; p++)
			if (!((*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || *p == '/'))
				acronym = false;
	} else
		acronym = false;
	if (acronym && len > 12)
		snprintf(out, size, "%.*s", (int)(close - open - 2), open + 2);
	else
		snprintf(out, size, "%.*s", (int)len, label);
}

/*
 * The files of the scope with, per file, four correlated subqueries (one
 * pass over each table's rows of the person, through its person index):
 *   7  referents: the latest active coordinator's start and name, a unit
 *      separator, then the earliest end of an active referent;
 *   8  measures: the earliest end of a running measure or hearing;
 *   9  rights: the earliest end of a granted right;
 *  10  projects: the earliest review or end of a project not closed.
 * A deadline is written "YYYY-MM-DD|x|kind" (x: e end, h hearing,
 * r review), so that min() over the text picks the earliest.
 */
#define CL_SQL_HEAD \
	"SELECT p.id, p.last_name, p.first_name, p.birth_date, p.territory," \
	" p.search_key, u.display_name," \
	" (SELECT ifnull(max(CASE WHEN r.role = 'coordinator'" \
	"   AND r.start_date <= ?1 AND (r.end_date IS NULL" \
	"   OR r.end_date >= ?1) THEN r.start_date || r.name END), '')" \
	"   || char(31) || ifnull(min(CASE WHEN r.start_date <= ?1" \
	"   AND r.end_date >= ?1 THEN r.end_date || '|e|' || r.role END), '')" \
	"   FROM referents r INDEXED BY referents_gaps WHERE r.person_id = p.id" \
	"   AND r.deleted_at IS NULL)," \
	" (SELECT min(CASE WHEN m.start_date <= ?1 AND m.end_date >= ?1" \
	"   AND (m.hearing_date IS NULL OR m.hearing_date < ?1" \
	"   OR m.end_date <= m.hearing_date)" \
	"   THEN m.end_date || '|e|' || m.kind" \
	"   WHEN m.hearing_date >= ?1 AND (m.end_date IS NULL" \
	"   OR m.end_date >= ?1) THEN m.hearing_date || '|h|' || m.kind END)" \
	"   FROM measures m INDEXED BY measures_gaps WHERE m.person_id = p.id" \
	"   AND m.deleted_at IS NULL)," \
	" (SELECT min(r.end_date || '|e|' || r.kind)" \
	"   FROM rights r INDEXED BY rights_gaps" \
	"   WHERE r.person_id = p.id AND r.deleted_at IS NULL" \
	"   AND r.status = 'granted' AND r.end_date >= ?1)," \
	" (SELECT min(CASE WHEN j.next_review >= ?1 AND (j.end_date IS NULL" \
	"   OR j.end_date >= j.next_review)" \
	"   THEN j.next_review || '|r|' || j.kind" \
	"   WHEN j.end_date >= ?1 THEN j.end_date || '|e|' || j.kind END)" \
	"   FROM projects j INDEXED BY projects_gaps WHERE j.person_id = p.id" \
	"   AND j.deleted_at IS NULL AND j.status <> 'closed')" \
	" FROM files f JOIN persons p ON p.id = f.person_id" \
	" LEFT JOIN users u ON u.id = f.worker_id" \
	" WHERE f.deleted_at IS NULL AND p.deleted_at IS NULL" \
	" AND f.closed_on IS NULL AND "
#define CL_SQL_TAIL " ORDER BY p.id"

/* The record behind each deadline column (7 to 10), and its kind. */
static const struct {
	const struct entity	*e;
	const char		*field;
} deadline_cols[] = {
	{ &model_referent, "role" },
	{ &model_measure, "kind" },
	{ &model_right, "kind" },
	{ &model_project, "kind" },
};

/* Fills the coordinator and the deadline of a row from columns 7 to 10. */
static void
row_details(struct caseload *c, struct caseload_row *r, sqlite3_stmt *stmt)
{
	const char	*v, *best = NULL, *us;
	char		 day[11], shortl[64], *what, *name;
	size_t		 i, which = 0;

	r->deadline = DATE_NONE;
	r->what = NULL;
	r->coordinator = NULL;
	for (i = 0; i < nitems(deadline_cols); i++) {
		v = (const char *)sqlite3_column_text(stmt, 7 + (int)i);
		if (v == NULL)
			continue;
		if (i == 0 && (us = strchr(v, '\x1f')) != NULL) {
			/* "start" "name" US "end|e|role" */
			if (us - v > 10) {
				name = xstrndup(v + 10, (size_t)(us - v - 10));
				r->coordinator = pool_dup(c, name);
				free(name);
			}
			v = us + 1;
		}
		if (*v != '\0' && (best == NULL || strcmp(v, best) < 0)) {
			best = v;
			which = i;
		}
	}
	if (best == NULL || strlen(best) < 13 || best[10] != '|' ||
	    best[12] != '|')
		return;
	memcpy(day, best, 10);
	day[10] = '\0';
	if (date_parse_iso(day, &r->deadline, NULL) != 0) {
		r->deadline = DATE_NONE;
		return;
	}
	short_label(model_enum_label(model_field(deadline_cols[which].e,
	    deadline_cols[which].field), best + 13), shortl, sizeof shortl);
	switch (best[11]) {
	case 'h':
		/* TRANSLATORS: %s is a short measure ("AEMO hearing"). */
		what = xasprintf(_("%s hearing"), shortl);
		break;
	case 'r':
		/* TRANSLATORS: %s is a short project ("PPE review"). */
		what = xasprintf(_("%s review"), shortl);
		break;
	default:
		/* TRANSLATORS: %s is a short record ("AEMO end"). */
		what = xasprintf(_("%s end"), shortl);
		break;
	}
	r->what = pool_dup(c, what);
	free(what);
}

static int
cmp_person(const void *key, const void *elem)
{
	return (strcmp(key, ((const struct caseload_row *)elem)->person_id));
}

struct caseload_row *
caseload_find(const struct caseload *c, const char *person_id)
{
	return (bsearch(person_id, c->rows, c->n, sizeof *c->rows,
	    cmp_person));
}

int
caseload_flags(struct session *s, const struct scope *sc,
    struct caseload *c, char **cause)
{
	struct gap_query	 q;
	struct gap_result	 res;
	struct caseload_row	*r;
	size_t			 i, k;
	enum severity		 sev;

	gaps_query_init(&q, NULL);
	q.scope = *sc;
	if (gaps_run(s, &q, &res, cause) != 0)
		return (-1);
	for (i = 0; i < res.n; i++) {
		sev = res.flags[i].severity;
		r = caseload_find(c, res.flags[i].person_id);
		if (r != NULL && sev < SEV_COUNT && r->flags[sev] < 99)
			r->flags[sev]++;
	}
	gaps_result_free(&res);
	for (i = 0; i < c->n; i++) {
		for (k = 0; k < SEV_COUNT; k++)
			if (c->rows[i].flags[k] > 0) {
				c->flagged++;
				break;
			}
	}
	return (0);
}

int
caseload_load(struct session *s, const struct scope *sc, struct caseload *c,
    char **cause)
{
	struct caseload_row	*r;
	sqlite3_stmt		*stmt = NULL;
	const char		*birth, *last, *first;
	char			 today[11], *sql, *name;
	size_t			 cap = 0;
	date_t			 d, now = date_today();
	int			 step, rc = -1;

	memset(c, 0, sizeof *c);
	if (access_scope(s, sc, cause) != 0)
		return (-1);
	sql = xasprintf("%s%s%s", CL_SQL_HEAD, scope_sql(sc->kind),
	    CL_SQL_TAIL);
	if (store_prepare(s->st, sql, &stmt, cause) != 0)
		goto out;
	date_format_iso(now, today);
	sqlite3_bind_text(stmt, 1, today, -1, SQLITE_TRANSIENT);
	scope_bind(stmt, sc);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (c->n == cap) {
			cap = cap == 0 ? 256 : cap * 2;
			c->rows = xreallocarray(c->rows, cap, sizeof *c->rows);
		}
		r = &c->rows[c->n++];
		memset(r, 0, sizeof *r);
		r->person_id = pool_dup(c,
		    (const char *)sqlite3_column_text(stmt, 0));
		last = (const char *)sqlite3_column_text(stmt, 1);
		first = (const char *)sqlite3_column_text(stmt, 2);
		name = xasprintf("%s, %s", last != NULL ? last : "",
		    first != NULL ? first : "");
		r->name = pool_dup(c, name);
		free(name);
		birth = (const char *)sqlite3_column_text(stmt, 3);
		r->age = birth != NULL && date_parse_iso(birth, &d, NULL) == 0 ?
		    date_age(d, now) : -1;
		r->territory = pool_dup(c,
		    (const char *)sqlite3_column_text(stmt, 4));
		r->key = pool_dup(c, (const char *)sqlite3_column_text(stmt,
		    5));
		if (r->key == NULL)
			r->key = "";
		r->worker = pool_dup(c,
		    (const char *)sqlite3_column_text(stmt, 6));
		row_details(c, r, stmt);
	}
	if (step != SQLITE_DONE) {
		store_error(s->st, _("reading the caseload"), cause);
		goto out;
	}
	if (access_audit_list(s, "person", sc, c->n, true, cause) != 0)
		goto out;
	rc = 0;
out:
	if (rc != 0)
		caseload_free(c);
	sqlite3_finalize(stmt);
	free(sql);
	return (rc);
}

void
caseload_free(struct caseload *c)
{
	struct caseload_pool	*b, *next;

	for (b = c->pool; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(c->rows);
	memset(c, 0, sizeof *c);
}
