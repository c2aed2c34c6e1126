/*
 * The team view, for supervisors (their team) and administrators (every
 * worker): one row per worker with their open files, flags by severity,
 * overdue project reviews and files flagged by NO_RECENT_CONTACT (no
 * contact for 90 days, 30 at high risk, by default), beside a horizontal
 * bar chart of caseload sizes.  Enter drills down into the worker's
 * caseload; r hands one of their files over to another worker
 * (handover.c).  load() runs one query for the users, one for the files
 * of the scope and one gap-engine run, then aggregates per worker.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "access.h"
#include "date.h"
#include "gaps.h"
#include "handover.h"
#include "model.h"
#include "session.h"
#include "settings.h"
#include "store.h"
#include "text.h"
#include "ui-screens.h"
#include "widget-list.h"
#include "xmalloc.h"

struct tm_row {
	char		*id;		/* NULL: the unassigned files */
	char		*name;
	char		*role;
	size_t		 files;
	size_t		 reviews;	/* overdue project reviews */
	size_t		 no_contact;	/* files without recent contact */
	size_t		 flags[SEV_COUNT];
};

/* A file of the scope: whose it is, to count its flags. */
struct tm_file {
	char	*person_id;
	size_t	 row;
};

struct tm_state {
	struct tm_row		*rows;
	size_t			 n;
	struct tm_row		 total;
	size_t			 maxfiles;
	int			 contact_days;	/* NO_RECENT_CONTACT */
	int			 contact_days_high;
	struct list_view	 list;
};

static const enum action team_actions[] = {
	ACT_OPEN, ACT_REASSIGN, ACT_UP, ACT_DOWN, ACT_PAGE_UP,
	ACT_PAGE_DOWN, ACT_HOME, ACT_END
};

/* The filter line, the header; the total and its rule below. */
#define TM_HEAD 2
#define TM_FOOT 2

static enum ui_color
sev_color(int sev)
{
	return (ui_severity_color(SEV_CRITICAL - sev));
}

static void
clear_rows(struct tm_state *st)
{
	size_t	i;

	for (i = 0; i < st->n; i++) {
		free(st->rows[i].id);
		free(st->rows[i].name);
		free(st->rows[i].role);
	}
	free(st->rows);
	st->rows = NULL;
	st->n = 0;
	memset(&st->total, 0, sizeof st->total);
	st->maxfiles = 0;
}

static int
team_init(struct screen *sc, void *arg, char **cause)
{
	struct session	*s = ui_session();

	(void)sc;
	(void)arg;
	if (s == NULL || !session_is_supervisor(s)) {
		set_cause(cause, _("the team view is for supervisors and "
		    "administrators"));
		return (-1);
	}
	if (!session_is_admin(s) && s->team == NULL) {
		set_cause(cause, _("you have no team: ask an administrator to "
		    "set yours"));
		return (-1);
	}
	return (0);
}

static void
team_free(struct screen *sc)
{
	clear_rows(sc->state);
}

/* Index of a user id in ids (sorted), for the rows. */
struct tm_index {
	const char	*id;
	size_t		 row;
};

static int
cmp_index(const void *a, const void *b)
{
	return (strcmp(((const struct tm_index *)a)->id,
	    ((const struct tm_index *)b)->id));
}

static int
cmp_file(const void *key, const void *elem)
{
	return (strcmp(key, ((const struct tm_file *)elem)->person_id));
}

/* The users of the scope, by name. */
static int
load_users(struct tm_state *st, struct session *s, char **cause)
{
	sqlite3_stmt	*stmt = NULL;
	size_t		 cap = 0;
	int		 step;

	if (store_prepare(s->st, session_is_admin(s) ?
	    "SELECT id, display_name, role FROM users WHERE deleted_at IS NULL"
	    " AND disabled = 0 ORDER BY display_name, login" :
	    "SELECT id, display_name, role FROM users WHERE deleted_at IS NULL"
	    " AND disabled = 0 AND team = ?1 ORDER BY display_name, login",
	    &stmt, cause) != 0)
		return (-1);
	if (!session_is_admin(s))
		sqlite3_bind_text(stmt, 1, s->team, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (st->n == cap) {
			cap = cap == 0 ? 32 : cap * 2;
			st->rows = xreallocarray(st->rows, cap,
			    sizeof *st->rows);
		}
		memset(&st->rows[st->n], 0, sizeof st->rows[st->n]);
		st->rows[st->n].id = store_column_dup(stmt, 0);
		st->rows[st->n].name = store_column_dup(stmt, 1);
		st->rows[st->n].role = store_column_dup(stmt, 2);
		st->n++;
	}
	sqlite3_finalize(stmt);
	if (step != SQLITE_DONE)
		return (store_error(s->st, _("listing the workers"), cause));
	/* A row for the files nobody holds (administrators only). */
	if (session_is_admin(s)) {
		st->rows = xreallocarray(st->rows, st->n + 1, sizeof *st->rows);
		memset(&st->rows[st->n], 0, sizeof st->rows[st->n]);
		st->rows[st->n].name = xstrdup(_("(unassigned files)"));
		st->n++;
	}
	return (0);
}

#define TM_FILES_SQL \
	"SELECT f.person_id, f.worker_id," \
	" (SELECT count(*) FROM projects j WHERE j.person_id = f.person_id" \
	"   AND j.deleted_at IS NULL AND j.status <> 'closed'" \
	"   AND j.next_review < ?1)" \
	" FROM files f JOIN persons p ON p.id = f.person_id" \
	" WHERE f.deleted_at IS NULL AND p.deleted_at IS NULL" \
	" AND f.closed_on IS NULL AND "

/* The files of the view: the supervisor's team, every file for an
 * administrator. */
static void
team_scope(const struct session *s, struct scope *sc)
{
	scope_mine(s, sc);
	if (session_is_admin(s))
		sc->kind = SCOPE_ALL;
	else {
		sc->kind = SCOPE_TEAM;
		sc->team = s->team;
	}
}

/* The open files of the scope, counted per worker; *files (by person
 * id) says whose each one is. */
static int
load_files(struct tm_state *st, struct session *s, struct tm_file **files,
    size_t *nfiles, char **cause)
{
	struct tm_index	*idx, key, *hit;
	sqlite3_stmt	*stmt = NULL;
	struct tm_row	*r;
	struct scope	 sc;
	const char	*worker;
	char		 today[11], *sql;
	size_t		 i, cap = 0, nidx = 0, unassigned = st->n;
	int		 step, rc = -1;

	*files = NULL;
	*nfiles = 0;
	idx = xcalloc(st->n + 1, sizeof *idx);
	for (i = 0; i < st->n; i++) {
		if (st->rows[i].id == NULL) {
			unassigned = i;
			continue;
		}
		idx[nidx].id = st->rows[i].id;
		idx[nidx++].row = i;
	}
	qsort(idx, nidx, sizeof *idx, cmp_index);
	team_scope(s, &sc);
	sql = xasprintf("%s%s ORDER BY f.person_id", TM_FILES_SQL,
	    scope_sql(sc.kind));
	if (store_prepare(s->st, sql, &stmt, cause) != 0)
		goto out;
	date_format_iso(date_today(), today);
	sqlite3_bind_text(stmt, 1, today, -1, SQLITE_STATIC);
	scope_bind(stmt, &sc);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		worker = (const char *)sqlite3_column_text(stmt, 1);
		hit = NULL;
		if (worker != NULL) {
			key.id = worker;
			hit = bsearch(&key, idx, nidx, sizeof *idx, cmp_index);
		}
		/* A file of a disabled worker counts as nobody's. */
		if (hit == NULL && unassigned == st->n)
			continue;
		r = &st->rows[hit != NULL ? hit->row : unassigned];
		r->files++;
		r->reviews += (size_t)sqlite3_column_int64(stmt, 2);
		if (*nfiles == cap) {
			cap = cap == 0 ? 256 : cap * 2;
			*files = xreallocarray(*files, cap, sizeof **files);
		}
		(*files)[*nfiles].person_id = store_column_dup(stmt, 0);
		(*files)[(*nfiles)++].row = (size_t)(r - st->rows);
	}
	if (step != SQLITE_DONE) {
		store_error(s->st, _("reading the team's files"), cause);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(stmt);
	free(sql);
	free(idx);
	return (rc);
}

static void
files_free(struct tm_file *files, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(files[i].person_id);
	free(files);
}

static int
team_load(struct screen *sc, char **cause)
{
	struct tm_state		*st = sc->state;
	struct session		*s = ui_session();
	struct gap_query	 q;
	struct gap_result	 res;
	struct tm_file		*files = NULL, *f;
	size_t			 nfiles = 0, i, k, keep;
	int			 rc = -1;

	clear_rows(st);
	st->contact_days = settings_get_int(s, "rule.NO_RECENT_CONTACT.days");
	st->contact_days_high = settings_get_int(s,
	    "rule.NO_RECENT_CONTACT.days_high_risk");
	if (load_users(st, s, cause) != 0 ||
	    load_files(st, s, &files, &nfiles, cause) != 0)
		goto out;
	gaps_query_init(&q, NULL);
	team_scope(s, &q.scope);
	if (access_scope(s, &q.scope, cause) != 0 ||
	    gaps_run(s, &q, &res, cause) != 0)
		goto out;
	for (i = 0; i < res.n; i++) {
		f = bsearch(res.flags[i].person_id, files, nfiles,
		    sizeof *files, cmp_file);
		if (f == NULL)
			continue;
		if (res.flags[i].severity < SEV_COUNT)
			st->rows[f->row].flags[res.flags[i].severity]++;
		/* The rule says what "without recent contact" is. */
		if (!res.flags[i].upcoming && strcmp(res.flags[i].rule->id,
		    "NO_RECENT_CONTACT") == 0)
			st->rows[f->row].no_contact++;
	}
	gaps_result_free(&res);
	/* Only workers, and whoever holds files, have a row. */
	for (i = 0, keep = 0; i < st->n; i++) {
		struct tm_row *r = &st->rows[i];

		if (r->files == 0 && (r->id == NULL ||
		    (r->role != NULL && strcmp(r->role, "worker") != 0))) {
			free(r->id);
			free(r->name);
			free(r->role);
			continue;
		}
		st->rows[keep++] = *r;
	}
	st->n = keep;
	for (i = 0; i < st->n; i++) {
		st->total.files += st->rows[i].files;
		st->total.reviews += st->rows[i].reviews;
		st->total.no_contact += st->rows[i].no_contact;
		for (k = 0; k < SEV_COUNT; k++)
			st->total.flags[k] += st->rows[i].flags[k];
		if (st->rows[i].files > st->maxfiles)
			st->maxfiles = st->rows[i].files;
	}
	list_set_count(&st->list, st->n);
	rc = 0;
out:
	files_free(files, nfiles);
	if (rc != 0)
		clear_rows(st);
	return (rc);
}

static char *
team_caption(struct screen *sc)
{
	struct tm_state	*st = sc->state;
	struct session	*s = ui_session();

	if (s != NULL && session_is_admin(s))
		return (xasprintf(_("every worker (%zu)"), st->n));
	return (xasprintf(_("team %s (%zu workers)"), s != NULL &&
	    s->team != NULL ? s->team : "", st->n));
}

/* Drawing ------------------------------------------------------------- */

struct tm_layout {
	int	name, files, flags, reviews, contact, bar;	/* x */
	int	wname, wreviews, wcontact, wbar;
};

/* name | files (5) | flags (11) | reviews | no contact | the bar (what
 * is left, at least a few columns). */
static void
layout(struct tm_layout *L, const char *reviews, const char *contact)
{
	int	rest;

	L->wreviews = text_width(reviews);
	if (L->wreviews < 4)
		L->wreviews = 4;
	L->wcontact = text_width(contact);
	if (L->wcontact < 4)
		L->wcontact = 4;
	rest = COLS - 1 - 5 - 11 - L->wreviews - L->wcontact - 5;
	L->wname = rest * 40 / 100;
	if (L->wname < 12)
		L->wname = 12;
	if (L->wname > 30)
		L->wname = 30;
	L->name = 1;
	L->files = L->name + L->wname + 1;
	L->flags = L->files + 6;
	L->reviews = L->flags + 12;
	L->contact = L->reviews + L->wreviews + 1;
	L->bar = L->contact + L->wcontact + 2;
	L->wbar = COLS - 1 - L->bar;
}

static void
put_count(WINDOW *w, int y, int x, int width, size_t n, enum ui_color c)
{
	char	num[24], *fit;

	snprintf(num, sizeof num, "%zu", n);
	fit = text_fit_right(n > 0 ? num : "·", width);
	ui_put(w, y, x, width, fit, n > 0 ? c : UC_DIM);
	free(fit);
}

static void
draw_bar(WINDOW *w, int y, int x, int width, size_t n, size_t max)
{
	static const char *const eighths[] = { "", "▏", "▎", "▍", "▌", "▋",
	    "▊", "▉" };
	struct buf	 b;
	long		 len, i;
	char		*bar;

	if (width <= 0 || max == 0)
		return;
	len = (long)(n * (size_t)width * 8 / max);
	if (n > 0 && len == 0)
		len = 1;
	buf_init(&b);
	for (i = 0; i < len / 8; i++)
		buf_puts(&b, "█");
	buf_puts(&b, eighths[len % 8]);
	bar = buf_take(&b);
	ui_put_raw(w, y, x, width, bar, UC_LOW);
	free(bar);
}

static void
draw_worker(WINDOW *w, int y, const struct tm_layout *L,
    const struct tm_row *r, size_t max, bool selected, bool total)
{
	enum ui_color	base = selected ? UC_SELECTED : total ? UC_HEADER :
			    UC_NORMAL;
	int		i, sev;

	ui_fill(w, y, 0, COLS, base);
	ui_put(w, y, L->name, L->wname, r->name, base);
	put_count(w, y, L->files, 5, r->files, base);
	for (i = 0, sev = SEV_CRITICAL; sev >= SEV_LOW; sev--, i++)
		put_count(w, y, L->flags + i * 3, 2, r->flags[sev],
		    sev_color(sev));
	put_count(w, y, L->reviews, L->wreviews, r->reviews,
	    r->reviews > 0 && !selected ? UC_MEDIUM : base);
	put_count(w, y, L->contact, L->wcontact, r->no_contact,
	    r->no_contact > 0 && !selected ? UC_MEDIUM : base);
	if (!total)
		draw_bar(w, y, L->bar, L->wbar, r->files, max);
}

static void
team_draw(struct screen *sc, WINDOW *w, int top, int height)
{
	/* TRANSLATORS: initials of critical, high, medium, low. */
	static const char *const initials[] = { N_("C"), N_("H"), N_("M"),
	    N_("L") };
	struct tm_state		*st = sc->state;
	struct tm_layout	 L;
	char			*contact, *legend;
	const char		*reviews = _("Reviews");
	size_t			 i;
	int			 y, lh = height - TM_HEAD - TM_FOOT, k;
	char			*fit;

	contact = xasprintf(_("No contact %dd"), st->contact_days);
	layout(&L, reviews, contact);
	legend = xasprintf(_("Open files, flags (critical, high, medium, "
	    "low), overdue reviews, files without contact for %d days (%d "
	    "for files at high risk)"), st->contact_days,
	    st->contact_days_high);
	ui_put(w, top, 1, COLS - 2, legend, UC_DIM);
	free(legend);
	ui_fill(w, top + 1, 0, COLS, UC_HEADER);
	ui_put(w, top + 1, L.name, L.wname, _("Worker"), UC_HEADER);
	fit = text_fit_right(_("Files"), 5);
	ui_put(w, top + 1, L.files, 5, fit, UC_HEADER);
	free(fit);
	for (k = 0; k < 4; k++)
		ui_put_raw(w, top + 1, L.flags + k * 3 + 1, 1, _(initials[k]),
		    sev_color(SEV_CRITICAL - k));
	ui_put(w, top + 1, L.reviews, L.wreviews, reviews, UC_HEADER);
	ui_put(w, top + 1, L.contact, L.wcontact, contact, UC_HEADER);
	ui_put(w, top + 1, L.bar, L.wbar, _("Caseload size"), UC_HEADER);
	free(contact);

	list_scroll(&st->list, lh);
	for (y = 0, i = st->list.top; i < st->n && y < lh; i++, y++)
		draw_worker(w, top + TM_HEAD + y, &L, &st->rows[i],
		    st->maxfiles, i == st->list.sel, false);
	if (st->n == 0) {
		ui_put(w, top + TM_HEAD + 1, 2, COLS - 4, _("Nobody in this "
		    "team holds a caseload yet."), UC_DIM);
		return;
	}
	y = top + TM_HEAD + (y < lh ? y : lh);
	st->total.name = _("Total");
	draw_worker(w, y + 1, &L, &st->total, st->maxfiles, false, true);
	st->total.name = NULL;
}

/* Actions ------------------------------------------------------------- */

/* Lets the supervisor pick one of the worker's open files, then hands it
 * over. */
static bool
reassign_from(const struct tm_row *r)
{
	struct session	*s = ui_session();
	sqlite3_stmt	*stmt = NULL;
	char		**ids = NULL, **labels = NULL, *cause = NULL, *title;
	size_t		 n = 0, cap = 0, i;
	int		 step, pick;
	bool		 done = false;

	if (store_prepare(s->st, r->id != NULL ?
	    "SELECT p.id, p.last_name || ', ' || p.first_name FROM files f"
	    " JOIN persons p ON p.id = f.person_id WHERE f.worker_id = ?1"
	    " AND f.deleted_at IS NULL AND p.deleted_at IS NULL"
	    " AND f.closed_on IS NULL ORDER BY p.search_key" :
	    "SELECT p.id, p.last_name || ', ' || p.first_name FROM files f"
	    " JOIN persons p ON p.id = f.person_id WHERE f.worker_id IS NULL"
	    " AND f.deleted_at IS NULL AND p.deleted_at IS NULL"
	    " AND f.closed_on IS NULL ORDER BY p.search_key", &stmt,
	    &cause) != 0) {
		ui_error("%s", cause);
		free(cause);
		return (false);
	}
	if (r->id != NULL)
		sqlite3_bind_text(stmt, 1, r->id, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			ids = xreallocarray(ids, cap, sizeof *ids);
			labels = xreallocarray(labels, cap, sizeof *labels);
		}
		ids[n] = store_column_dup(stmt, 0);
		labels[n++] = store_column_dup(stmt, 1);
	}
	sqlite3_finalize(stmt);
	if (step != SQLITE_DONE) {
		store_error(s->st, _("listing the worker's files"), &cause);
		ui_error("%s", cause);
		free(cause);
	} else if (n == 0)
		ui_message(_("%s has no open file to hand over"), r->name);
	else {
		title = xasprintf(_("Which file of %s to hand over?"),
		    r->name);
		pick = ui_pick(title, (const char *const *)labels, n, 0);
		free(title);
		if (pick >= 0)
			done = ui_reassign(ids[pick], labels[pick]);
	}
	for (i = 0; i < n; i++) {
		free(ids[i]);
		free(labels[i]);
	}
	free(ids);
	free(labels);
	return (done);
}

bool
ui_reassign(const char *person_id, const char *name)
{
	struct session		*s = ui_session();
	struct handover_worker	*w = NULL;
	char			**labels = NULL, *cause = NULL, *q;
	size_t			 n = 0, i;
	int			 pick;
	bool			 done = false;

	if (s == NULL || !session_is_supervisor(s)) {
		ui_error("%s", _("only supervisors and administrators hand "
		    "files over"));
		return (false);
	}
	if (handover_workers(s, &w, &n, &cause) != 0) {
		ui_error("%s", cause);
		free(cause);
		return (false);
	}
	if (n == 0) {
		ui_error("%s", _("nobody can receive this file"));
		goto out;
	}
	labels = xcalloc(n, sizeof *labels);
	for (i = 0; i < n; i++)
		labels[i] = w[i].team != NULL ? xasprintf(_("%s (%s) · %s · "
		    "%zu files"), w[i].name, w[i].login, w[i].team,
		    w[i].files) : xasprintf(_("%s (%s) · %zu files"),
		    w[i].name, w[i].login, w[i].files);
	q = xasprintf(_("Hand %s over to which worker?"), name);
	pick = ui_pick(q, (const char *const *)labels, n, 0);
	free(q);
	if (pick < 0) {
		ui_message("%s", _("handover cancelled"));
		goto out;
	}
	q = xasprintf(_("Hand %s over to %s from today?"), name,
	    w[pick].name);
	if (!ui_confirm(q)) {
		free(q);
		ui_message("%s", _("handover cancelled"));
		goto out;
	}
	free(q);
	if (handover_file(s, person_id, w[pick].id, &cause) != 0) {
		ui_error("%s", cause);
		free(cause);
		goto out;
	}
	ui_message(_("%s handed over to %s."), name, w[pick].name);
	done = true;
out:
	for (i = 0; labels != NULL && i < n; i++)
		free(labels[i]);
	free(labels);
	handover_workers_free(w, n);
	return (done);
}

static enum ui_result
team_action(struct screen *sc, enum action a)
{
	static char	 unassigned[] = "";
	struct tm_state	*st = sc->state;
	struct tm_row	*r = st->n > 0 ? &st->rows[st->list.sel] : NULL;

	if (list_action(&st->list, a, LINES - 3 - TM_HEAD - TM_FOOT))
		return (UR_HANDLED);
	switch (a) {
	case ACT_OPEN:
		if (r != NULL)
			ui_push(&ui_caseload_ops, r->id != NULL ? r->id :
			    unassigned);
		return (UR_HANDLED);
	case ACT_REASSIGN:
		if (r == NULL)
			return (UR_HANDLED);
		return (reassign_from(r) ? UR_RELOAD : UR_HANDLED);
	case ACT_TEAM:
		return (UR_HANDLED);
	default:
		return (UR_NONE);
	}
}

const struct screen_ops ui_team_ops = {
	"team", N_("Team"), sizeof(struct tm_state),
	team_actions, nitems(team_actions),
	team_init, team_free, team_load, team_draw, NULL, team_action,
	team_caption, NULL
};
