/*
 * The caseload, home of the interface: the open pathway files of a scope
 * (the user's own, the team's for a supervisor, every file for an
 * administrator, or one worker's when a supervisor drills down from the
 * team view) as a table — name, age, territory, coordinator, worker (in a
 * team scope), the next deadline, and the flags by severity as coloured
 * counts.  load() runs one query for the files and one gap-engine run for
 * the scope; filtering as you type (accents and case ignored, on the
 * folded search keys the database already keeps) and sorting then work
 * in memory, so that a keystroke costs a scan of short strings and never
 * a query, even on a department-sized database.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "date.h"
#include "gaps.h"
#include "model.h"
#include "session.h"
#include "store.h"
#include "text.h"
#include "ui-screens.h"
#include "widget-filter.h"
#include "widget-list.h"
#include "xmalloc.h"

enum cl_scope {
	CL_MINE,
	CL_TEAM,
	CL_ALL,
	CL_WORKER,		/* a supervisor's drill-down */
	CL_UNASSIGNED		/* files with no worker (administrators) */
};

enum cl_col {
	COL_NAME,
	COL_AGE,
	COL_TERRITORY,
	COL_COORD,
	COL_WORKER,
	COL_DEADLINE,
	COL_FLAGS,
	COL_COUNT
};

static const char *const col_names[COL_COUNT] = {
	N_("Name"), N_("Age"), N_("Territory"), N_("Coordinator"),
	N_("Worker"), N_("Next deadline"), N_("Flags")
};

/* One open file; strings live in the screen's pool. */
struct cl_row {
	const char	*person_id;
	const char	*name;		/* "Last, First" */
	const char	*key;		/* folded search key */
	const char	*territory;
	const char	*coordinator;	/* NULL: none active */
	const char	*worker;	/* display name, NULL: unassigned */
	const char	*what;		/* "AEMO end"; NULL: no deadline */
	date_t		 deadline;
	int		 age;		/* -1: unknown */
	unsigned short	 flags[SEV_COUNT];
};

/* Strings of one load, allocated in large blocks and freed together. */
struct pool_block {
	struct pool_block	*next;
	size_t			 used, size;
	char			 data[];
};

struct cl_state {
	enum cl_scope		 scope;
	char			*worker_id;	/* CL_WORKER */
	char			*worker_name;
	struct pool_block	*pool;
	struct cl_row		*rows;		/* by person id */
	size_t			 n;
	uint32_t		*order;		/* rows in sort order */
	uint32_t		*shown;		/* filtered, in sort order */
	size_t			 nshown;
	size_t			 flagged;	/* rows with a flag */
	struct list_view	 list;
	enum cl_col		 sort;
	struct filter		 filter;
	char			*sel_id;	/* kept across reloads */
};

static const enum action caseload_actions[] = {
	ACT_OPEN, ACT_SEARCH, ACT_SORT, ACT_SCOPE, ACT_NEW, ACT_REASSIGN,
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END
};

/* Rows of the body above the list: the filter line and the header. */
#define CL_HEAD 2

/* The colour of a severity of the gap engine (rules.h: SEV_LOW is 0,
 * ui_severity_color() counts from critical). */
static enum ui_color
sev_color(int sev)
{
	return (ui_severity_color(SEV_CRITICAL - sev));
}

static const char *
pool_dup(struct cl_state *st, const char *s)
{
	struct pool_block	*b = st->pool;
	size_t			 len;
	char			*p;

	if (s == NULL)
		return (NULL);
	len = strlen(s) + 1;
	if (b == NULL || b->size - b->used < len) {
		size_t size = len > 65536 ? len : 65536;

		b = xmalloc(sizeof *b + size);
		b->next = st->pool;
		b->used = 0;
		b->size = size;
		st->pool = b;
	}
	p = b->data + b->used;
	memcpy(p, s, len);
	b->used += len;
	return (p);
}

static void
clear_rows(struct cl_state *st)
{
	struct pool_block	*b, *next;

	for (b = st->pool; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	st->pool = NULL;
	free(st->rows);
	free(st->order);
	free(st->shown);
	st->rows = NULL;
	st->order = st->shown = NULL;
	st->n = st->nshown = st->flagged = 0;
}

/* Sorting ------------------------------------------------------------- */

static const struct cl_row	*sort_rows;
static enum cl_col		 sort_col;

/* NULLs and empty strings after everything else. */
static int
cmp_text(const char *a, const char *b)
{
	if (a == NULL || *a == '\0')
		return (b == NULL || *b == '\0' ? 0 : 1);
	if (b == NULL || *b == '\0')
		return (-1);
	return (strcmp(a, b));
}

static int
cmp_rows(const void *pa, const void *pb)
{
	const struct cl_row	*a = &sort_rows[*(const uint32_t *)pa];
	const struct cl_row	*b = &sort_rows[*(const uint32_t *)pb];
	int			 c = 0, i;

	switch (sort_col) {
	case COL_AGE:
		if (a->age != b->age)
			c = a->age < 0 ? 1 : b->age < 0 ? -1 :
			    a->age < b->age ? -1 : 1;
		break;
	case COL_TERRITORY:
		c = cmp_text(a->territory, b->territory);
		break;
	case COL_COORD:
		c = cmp_text(a->coordinator, b->coordinator);
		break;
	case COL_WORKER:
		c = cmp_text(a->worker, b->worker);
		break;
	case COL_DEADLINE:
		if (a->deadline != b->deadline)
			c = a->deadline == DATE_NONE ? 1 :
			    b->deadline == DATE_NONE ? -1 :
			    a->deadline < b->deadline ? -1 : 1;
		break;
	case COL_FLAGS:
		/* Most severe first. */
		for (i = SEV_CRITICAL; i >= SEV_LOW && c == 0; i--)
			if (a->flags[i] != b->flags[i])
				c = a->flags[i] > b->flags[i] ? -1 : 1;
		break;
	default:
		break;
	}
	if (c == 0)
		c = strcmp(a->key, b->key);
	if (c == 0)
		c = strcmp(a->person_id, b->person_id);
	return (c);
}

/* Whether the column is shown (and sortable) in this scope. */
static bool
col_shown(const struct cl_state *st, enum cl_col c)
{
	return (c != COL_WORKER || st->scope == CL_TEAM || st->scope == CL_ALL);
}

static void
sort_order(struct cl_state *st)
{
	size_t	i;

	for (i = 0; i < st->n; i++)
		st->order[i] = (uint32_t)i;
	sort_rows = st->rows;
	sort_col = st->sort;
	if (st->n > 1)
		qsort(st->order, st->n, sizeof *st->order, cmp_rows);
}

/* Filtering ----------------------------------------------------------- */

/*
 * Rebuilds the shown rows from the sort order and the query: every word
 * of the folded query must appear in the row's folded key.  Keeps the
 * selected file selected when it is still shown.
 */
static void
apply_filter(struct cl_state *st)
{
	size_t	i;

	st->nshown = 0;
	for (i = 0; i < st->n; i++)
		if (filter_match(&st->filter, st->rows[st->order[i]].key))
			st->shown[st->nshown++] = st->order[i];
	list_set_count(&st->list, st->nshown);
	st->list.sel = 0;
	if (st->sel_id != NULL) {
		for (i = 0; i < st->nshown; i++)
			if (strcmp(st->rows[st->shown[i]].person_id,
			    st->sel_id) == 0) {
				st->list.sel = i;
				break;
			}
	}
	list_scroll(&st->list, LINES - 3 - CL_HEAD);
}

/* Remembers the selected file (by id) before the rows change. */
static void
remember_selection(struct cl_state *st)
{
	if (st->nshown == 0)
		return;
	free(st->sel_id);
	st->sel_id = xstrdup(st->rows[st->shown[st->list.sel]].person_id);
}

/* Loading ------------------------------------------------------------- */

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
	"   FROM referents r WHERE r.person_id = p.id" \
	"   AND r.deleted_at IS NULL)," \
	" (SELECT min(CASE WHEN m.start_date <= ?1 AND m.end_date >= ?1" \
	"   AND (m.hearing_date IS NULL OR m.hearing_date < ?1" \
	"   OR m.end_date <= m.hearing_date)" \
	"   THEN m.end_date || '|e|' || m.kind" \
	"   WHEN m.hearing_date >= ?1 AND (m.end_date IS NULL" \
	"   OR m.end_date >= ?1) THEN m.hearing_date || '|h|' || m.kind END)" \
	"   FROM measures m WHERE m.person_id = p.id" \
	"   AND m.deleted_at IS NULL)," \
	" (SELECT min(r.end_date || '|e|' || r.kind) FROM rights r" \
	"   WHERE r.person_id = p.id AND r.deleted_at IS NULL" \
	"   AND r.status = 'granted' AND r.end_date >= ?1)," \
	" (SELECT min(CASE WHEN j.next_review >= ?1 AND (j.end_date IS NULL" \
	"   OR j.end_date >= j.next_review)" \
	"   THEN j.next_review || '|r|' || j.kind" \
	"   WHEN j.end_date >= ?1 THEN j.end_date || '|e|' || j.kind END)" \
	"   FROM projects j WHERE j.person_id = p.id" \
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
row_details(struct cl_state *st, struct cl_row *r, sqlite3_stmt *stmt)
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
				r->coordinator = pool_dup(st, name);
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
	r->what = pool_dup(st, what);
	free(what);
}

static int
cmp_person(const void *key, const void *elem)
{
	return (strcmp(key, ((const struct cl_row *)elem)->person_id));
}

/* Counts the flags of the scope per file. */
static int
load_flags(struct cl_state *st, struct session *s, char **cause)
{
	struct gap_query	 q;
	struct gap_result	 res;
	struct cl_row		*r;
	size_t			 i;

	gaps_query_init(&q, s->user_id);
	switch (st->scope) {
	case CL_MINE:
		break;
	case CL_WORKER:
		q.worker_id = st->worker_id;
		break;
	case CL_TEAM:
		q.scope = GAP_SCOPE_TEAM;
		q.team = s->team;
		break;
	case CL_ALL:
	case CL_UNASSIGNED:
		q.scope = GAP_SCOPE_ALL;
		break;
	}
	if (gaps_run(s, &q, &res, cause) != 0)
		return (-1);
	for (i = 0; i < res.n; i++) {
		r = bsearch(res.flags[i].person_id, st->rows, st->n,
		    sizeof *st->rows, cmp_person);
		if (r == NULL || res.flags[i].severity >= SEV_COUNT)
			continue;
		if (r->flags[res.flags[i].severity] < 99)
			r->flags[res.flags[i].severity]++;
	}
	gaps_result_free(&res);
	return (0);
}

static int
caseload_load(struct screen *sc, char **cause)
{
	struct cl_state	*st = sc->state;
	struct session	*s = ui_session();
	struct cl_row	*r;
	sqlite3_stmt	*stmt = NULL;
	const char	*scope_sql, *birth, *last, *first;
	char		 today[11], *sql, *name;
	size_t		 cap = 0, i;
	date_t		 d, now = date_today();
	int		 step, rc = -1, k;

	remember_selection(st);
	clear_rows(st);
	switch (st->scope) {
	case CL_TEAM:
		scope_sql = "f.worker_id IN (SELECT id FROM users"
		    " WHERE team = ?2)";
		break;
	case CL_ALL:
		scope_sql = "1";
		break;
	case CL_UNASSIGNED:
		scope_sql = "f.worker_id IS NULL";
		break;
	default:
		scope_sql = "f.worker_id = ?2";
		break;
	}
	sql = xasprintf("%s%s%s", CL_SQL_HEAD, scope_sql, CL_SQL_TAIL);
	if (store_prepare(s->st, sql, &stmt, cause) != 0)
		goto out;
	date_format_iso(now, today);
	sqlite3_bind_text(stmt, 1, today, -1, SQLITE_TRANSIENT);
	if (st->scope == CL_MINE)
		sqlite3_bind_text(stmt, 2, s->user_id, -1, SQLITE_STATIC);
	else if (st->scope == CL_WORKER)
		sqlite3_bind_text(stmt, 2, st->worker_id, -1, SQLITE_STATIC);
	else if (st->scope == CL_TEAM)
		sqlite3_bind_text(stmt, 2, s->team, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (st->n == cap) {
			cap = cap == 0 ? 256 : cap * 2;
			st->rows = xreallocarray(st->rows, cap,
			    sizeof *st->rows);
		}
		r = &st->rows[st->n++];
		memset(r, 0, sizeof *r);
		r->person_id = pool_dup(st,
		    (const char *)sqlite3_column_text(stmt, 0));
		last = (const char *)sqlite3_column_text(stmt, 1);
		first = (const char *)sqlite3_column_text(stmt, 2);
		name = xasprintf("%s, %s", last != NULL ? last : "",
		    first != NULL ? first : "");
		r->name = pool_dup(st, name);
		free(name);
		birth = (const char *)sqlite3_column_text(stmt, 3);
		r->age = birth != NULL && date_parse_iso(birth, &d, NULL) == 0 ?
		    date_age(d, now) : -1;
		r->territory = pool_dup(st,
		    (const char *)sqlite3_column_text(stmt, 4));
		r->key = pool_dup(st, (const char *)sqlite3_column_text(stmt,
		    5));
		if (r->key == NULL)
			r->key = "";
		r->worker = pool_dup(st,
		    (const char *)sqlite3_column_text(stmt, 6));
		row_details(st, r, stmt);
	}
	if (step != SQLITE_DONE) {
		store_error(s->st, _("reading the caseload"), cause);
		goto out;
	}
	if (load_flags(st, s, cause) != 0)
		goto out;
	for (i = 0; i < st->n; i++) {
		for (k = 0; k < SEV_COUNT; k++)
			if (st->rows[i].flags[k] > 0) {
				st->flagged++;
				break;
			}
	}
	st->order = xcalloc(st->n > 0 ? st->n : 1, sizeof *st->order);
	st->shown = xcalloc(st->n > 0 ? st->n : 1, sizeof *st->shown);
	sort_order(st);
	apply_filter(st);
	rc = 0;
out:
	if (rc != 0)
		clear_rows(st);
	sqlite3_finalize(stmt);
	free(sql);
	return (rc);
}

/* Set-up -------------------------------------------------------------- */

static int
caseload_init(struct screen *sc, void *arg, char **cause)
{
	struct cl_state	*st = sc->state;
	struct session	*s = ui_session();
	struct record	*u = NULL;

	st->sort = COL_NAME;
	st->scope = CL_MINE;
	/* A supervisor's first scope is their team. */
	if (arg == NULL && s != NULL && s->team != NULL && s->role != NULL &&
	    strcmp(s->role, "supervisor") == 0)
		st->scope = CL_TEAM;
	if (arg == NULL)
		return (0);
	if (s == NULL || !session_is_supervisor(s)) {
		set_cause(cause, _("only supervisors and administrators see "
		    "another worker's caseload"));
		return (-1);
	}
	if (*(const char *)arg == '\0') {
		st->scope = CL_UNASSIGNED;
		st->worker_name = xstrdup(_("unassigned files"));
		return (0);
	}
	st->scope = CL_WORKER;
	st->worker_id = xstrdup(arg);
	if (model_get(s, &model_user, st->worker_id, &u, cause) != 0)
		return (-1);
	st->worker_name = xstrdup(record_get(u, "display_name"));
	record_free(u);
	return (0);
}

static void
caseload_free(struct screen *sc)
{
	struct cl_state	*st = sc->state;

	clear_rows(st);
	filter_done(&st->filter);
	free(st->worker_id);
	free(st->worker_name);
	free(st->sel_id);
}

static char *
caseload_caption(struct screen *sc)
{
	struct cl_state	*st = sc->state;
	struct session	*s = ui_session();

	switch (st->scope) {
	case CL_TEAM:
		return (xasprintf(_("team %s (%zu files)"), s != NULL &&
		    s->team != NULL ? s->team : "", st->n));
	case CL_ALL:
		return (xasprintf(_("all files (%zu)"), st->n));
	case CL_WORKER:
		return (xasprintf(_("files of %s (%zu)"), st->worker_name,
		    st->n));
	case CL_UNASSIGNED:
		return (xasprintf(_("unassigned files (%zu)"), st->n));
	default:
		return (xasprintf(_("my files (%zu)"), st->n));
	}
}

/* Drawing ------------------------------------------------------------- */

/* Column positions and widths for the terminal's width. */
struct cl_layout {
	int	x[COL_COUNT];
	int	w[COL_COUNT];
	int	what;		/* columns of the deadline's "what" */
};

static void
layout(const struct cl_state *st, struct cl_layout *L)
{
	/* The flexible columns (the deadline's "what" last) share what the
	 * fixed ones leave, by weight, up to a cap; the rest goes to the
	 * name, then to the "what". */
	enum { FLEX = COL_COUNT };
	static const int weight[COL_COUNT + 1] = { 32, 0, 18, 22, 20, 0, 0,
	    26 };
	static const int cap[COL_COUNT + 1] = { 34, 0, 22, 26, 24, 0, 0, 26 };
	int	 w[COL_COUNT + 1] = { 0 };
	int	 rest, sum = 0, c, x, ncols = 0, more;

	memset(L, 0, sizeof *L);
	for (c = 0; c < COL_COUNT; c++)
		if (col_shown(st, c))
			ncols++;
	/* Age (5: "Age ▲"), flags (11), the deadline's date (10 and a
	 * space), and a space between columns. */
	rest = COLS - 1 - 5 - 11 - 11 - (ncols - 1);
	for (c = 0; c <= FLEX; c++)
		if (c == FLEX || col_shown(st, c))
			sum += weight[c];
	for (c = 0; c <= FLEX; c++) {
		if (weight[c] == 0 || (c < FLEX && !col_shown(st, c)))
			continue;
		w[c] = rest * weight[c] / sum;
		if (w[c] > cap[c])
			w[c] = cap[c];
	}
	for (c = 0; c <= FLEX; c++)
		rest -= w[c];
	more = w[COL_NAME] + rest > cap[COL_NAME] ? cap[COL_NAME] -
	    w[COL_NAME] : rest;
	w[COL_NAME] += more;
	w[FLEX] += rest - more;
	for (c = 0; c < COL_COUNT; c++)
		L->w[c] = w[c];
	L->w[COL_AGE] = 5;
	L->w[COL_FLAGS] = 11;
	L->what = w[FLEX];
	L->w[COL_DEADLINE] = 11 + w[FLEX];
	x = 1;
	for (c = 0; c < COL_COUNT; c++) {
		if (!col_shown(st, c))
			continue;
		L->x[c] = x;
		x += L->w[c] + 1;
	}
}

static void
draw_flags_cell(WINDOW *w, int y, int x, const unsigned short *flags,
    bool selected)
{
	char	num[8];
	int	sev, i;

	for (i = 0, sev = SEV_CRITICAL; sev >= SEV_LOW; sev--, i++) {
		if (flags[sev] == 0) {
			ui_put(w, y, x + i * 3, 2, " ·", selected ?
			    UC_SELECTED : UC_DIM);
			continue;
		}
		snprintf(num, sizeof num, "%2u", flags[sev]);
		ui_put(w, y, x + i * 3, 2, num, sev_color(sev));
	}
}

static void
draw_header(const struct cl_state *st, WINDOW *w, int y,
    const struct cl_layout *L)
{
	/* TRANSLATORS: initials of critical, high, medium, low. */
	const char	*initials[] = { N_("C"), N_("H"), N_("M"), N_("L") };
	char		*label;
	int		 c, i;

	ui_fill(w, y, 0, COLS, UC_HEADER);
	for (c = 0; c < COL_COUNT; c++) {
		if (!col_shown(st, c))
			continue;
		if (c == COL_FLAGS) {
			for (i = 0; i < 4; i++)
				ui_put(w, y, L->x[c] + i * 3, 2,
				    c == (int)st->sort && i == 0 ? "▼" :
				    "", UC_HEADER);
			for (i = 0; i < 4; i++)
				ui_put_raw(w, y, L->x[c] + i * 3 + 1, 1,
				    _(initials[i]), sev_color(SEV_CRITICAL - i));
			continue;
		}
		label = xasprintf("%s%s", _(col_names[c]),
		    c == (int)st->sort ? " ▲" : "");
		if (c == COL_AGE) {
			char *fit = text_fit_right(label, L->w[c]);

			ui_put(w, y, L->x[c], L->w[c], fit, UC_HEADER);
			free(fit);
		} else
			ui_put(w, y, L->x[c], L->w[c], label, UC_HEADER);
		free(label);
	}
}

static void
draw_row(const struct cl_state *st, WINDOW *w, int y,
    const struct cl_layout *L, const struct cl_row *r, bool selected)
{
	enum ui_color	 base = selected ? UC_SELECTED : UC_NORMAL;
	char		 age[16], date[11], *fit;
	date_t		 today = date_today();

	ui_fill(w, y, 0, COLS, base);
	ui_put(w, y, L->x[COL_NAME], L->w[COL_NAME], r->name, base);
	if (r->age >= 0) {
		snprintf(age, sizeof age, "%d", r->age);
		fit = text_fit_right(age, L->w[COL_AGE]);
		ui_put(w, y, L->x[COL_AGE], L->w[COL_AGE], fit, base);
		free(fit);
	}
	ui_put(w, y, L->x[COL_TERRITORY], L->w[COL_TERRITORY], r->territory,
	    base);
	if (r->coordinator != NULL)
		ui_put(w, y, L->x[COL_COORD], L->w[COL_COORD], r->coordinator,
		    base);
	else
		ui_put(w, y, L->x[COL_COORD], L->w[COL_COORD], _("(none)"),
		    selected ? base : UC_HIGH);
	if (col_shown(st, COL_WORKER))
		ui_put(w, y, L->x[COL_WORKER], L->w[COL_WORKER],
		    r->worker != NULL ? r->worker : _("(unassigned)"), base);
	if (r->deadline != DATE_NONE) {
		date_format_user(r->deadline, date);
		ui_put(w, y, L->x[COL_DEADLINE], 10, date, !selected &&
		    r->deadline - today <= 30 ? UC_DEADLINE : base);
		ui_put(w, y, L->x[COL_DEADLINE] + 11, L->what, r->what, base);
	}
	draw_flags_cell(w, y, L->x[COL_FLAGS], r->flags, selected);
}

static void
draw_filter_line(const struct cl_state *st, WINDOW *w, int y)
{
	char	*left, *right;
	int	 rw;

	ui_fill(w, y, 0, COLS, UC_NORMAL);
	if (st->filter.typing || filter_active(&st->filter)) {
		left = xasprintf(_("Filter: %s%s"), st->filter.query,
		    st->filter.typing ? "▏" : "");
		right = xasprintf(_("%zu of %zu files"), st->nshown, st->n);
	} else {
		left = xasprintf(_("/ filter · s sort by %s"),
		    _(col_names[st->sort]));
		right = xasprintf(_("%zu files · %zu with flags"), st->n,
		    st->flagged);
	}
	rw = text_width(right);
	if (rw > COLS / 2)
		rw = COLS / 2;
	ui_put(w, y, 1, COLS - rw - 3, left, st->filter.typing ? UC_INPUT :
	    filter_active(&st->filter) ? UC_TODAY : UC_DIM);
	ui_put(w, y, COLS - rw - 1, rw, right, UC_DIM);
	free(left);
	free(right);
}

static void
caseload_draw(struct screen *sc, WINDOW *w, int top, int height)
{
	struct cl_state		*st = sc->state;
	struct cl_layout	 L;
	char			*msg;
	size_t			 i;
	int			 y, lh = height - CL_HEAD;

	layout(st, &L);
	draw_filter_line(st, w, top);
	draw_header(st, w, top + 1, &L);
	list_scroll(&st->list, lh);
	for (y = 0, i = st->list.top; i < st->nshown && y < lh; i++, y++)
		draw_row(st, w, top + CL_HEAD + y, &L,
		    &st->rows[st->shown[i]], i == st->list.sel);
	if (st->nshown > 0)
		return;
	if (st->n == 0)
		msg = xstrdup(st->scope == CL_MINE ? _("No open file in your "
		    "caseload. Press n to create one.") : _("No open file in "
		    "this scope."));
	else
		msg = xasprintf(_("No file matches \"%s\"."),
		    st->filter.query);
	ui_put(w, top + CL_HEAD + 1, 2, COLS - 4, msg, UC_DIM);
	free(msg);
}

/* Keys and actions ---------------------------------------------------- */

/* Text typed while filtering. */
static enum ui_result
caseload_key(struct screen *sc, wint_t ch, bool fn)
{
	struct cl_state	*st = sc->state;

	switch (filter_key(&st->filter, ch, fn)) {
	case FILTER_IGNORED:
		return (UR_NONE);
	case FILTER_CHANGED:
		remember_selection(st);
		apply_filter(st);
		break;
	case FILTER_HANDLED:
		break;
	}
	return (UR_HANDLED);
}

/* Cycles the scope the user may see. */
static enum ui_result
switch_scope(struct screen *sc)
{
	struct cl_state	*st = sc->state;
	struct session	*s = ui_session();
	enum cl_scope	 next;
	char		*cause = NULL;

	if (st->scope == CL_WORKER || st->scope == CL_UNASSIGNED) {
		ui_message("%s", _("this is one worker's caseload: go back to "
		    "the team view to see another"));
		return (UR_HANDLED);
	}
	if (!session_is_supervisor(s)) {
		ui_message("%s", _("only supervisors switch scope"));
		return (UR_HANDLED);
	}
	switch (st->scope) {
	case CL_MINE:
		next = s->team != NULL ? CL_TEAM : session_is_admin(s) ?
		    CL_ALL : CL_MINE;
		break;
	case CL_TEAM:
		next = session_is_admin(s) ? CL_ALL : CL_MINE;
		break;
	default:
		next = CL_MINE;
		break;
	}
	if (next == st->scope) {
		ui_message("%s", _("you have no team: ask an administrator to "
		    "set yours"));
		return (UR_HANDLED);
	}
	st->scope = next;
	if (st->sort == COL_WORKER && !col_shown(st, COL_WORKER))
		st->sort = COL_NAME;
	if (caseload_load(sc, &cause) != 0) {
		ui_error("%s", cause);
		free(cause);
	}
	return (UR_HANDLED);
}

static enum ui_result
caseload_action(struct screen *sc, enum action a)
{
	struct cl_state		*st = sc->state;
	struct session		*s = ui_session();
	struct ui_form_arg	 form = { &model_person, NULL, NULL, NULL };
	const struct cl_row	*r = st->nshown > 0 ?
				    &st->rows[st->shown[st->list.sel]] : NULL;
	int			 c;

	if (list_action(&st->list, a, LINES - 3 - CL_HEAD))
		return (UR_HANDLED);
	switch (a) {
	case ACT_OPEN:
		if (r == NULL)
			return (UR_HANDLED);
		remember_selection(st);
		ui_push(&ui_file_ops, (void *)r->person_id);
		return (UR_HANDLED);
	case ACT_SEARCH:
		filter_start(&st->filter);
		return (UR_HANDLED);
	case ACT_SORT:
		remember_selection(st);
		c = st->sort;
		do
			c = (c + 1) % COL_COUNT;
		while (!col_shown(st, c));
		st->sort = c;
		sort_order(st);
		apply_filter(st);
		return (UR_HANDLED);
	case ACT_SCOPE:
		return (switch_scope(sc));
	case ACT_NEW:
		ui_push(&ui_form_ops, &form);
		return (UR_HANDLED);
	case ACT_REASSIGN:
		if (!session_is_supervisor(s)) {
			ui_error("%s", _("only supervisors and administrators "
			    "hand files over"));
			return (UR_HANDLED);
		}
		if (r == NULL)
			return (UR_HANDLED);
		remember_selection(st);
		return (ui_reassign(r->person_id, r->name) ? UR_RELOAD :
		    UR_HANDLED);
	case ACT_BACK:
		/* Esc clears a filter before it leaves the screen. */
		if (filter_active(&st->filter)) {
			remember_selection(st);
			filter_clear(&st->filter);
			apply_filter(st);
			return (UR_HANDLED);
		}
		return (UR_NONE);
	default:
		return (UR_NONE);
	}
}

const struct screen_ops ui_caseload_ops = {
	"caseload", N_("Caseload"), sizeof(struct cl_state),
	caseload_actions, nitems(caseload_actions),
	caseload_init, caseload_free, caseload_load, caseload_draw,
	caseload_key, caseload_action, caseload_caption
};
