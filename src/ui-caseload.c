/*
 * The caseload, home of the interface: the open pathway files of a scope
 * (the user's own, the team's for a supervisor, every file for an
 * administrator, or one worker's when a supervisor drills down from the
 * team view) as a table — name, age, territory, coordinator, worker (in a
 * team scope), the next deadline, and the flags by severity as coloured
 * counts.  load() reads the rows with caseload_load() (one query for the
 * files, one gap-engine run for the scope); filtering as you type
 * (accents and case ignored, on the folded search keys the database
 * already keeps) and sorting then work in memory, so that a keystroke
 * costs a scan of short strings and never a query, even on a
 * department-sized database.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "caseload.h"
#include "date.h"
#include "model.h"
#include "session.h"
#include "text.h"
#include "ui-screens.h"
#include "widget-filter.h"
#include "widget-list.h"
#include "xmalloc.h"

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

struct cl_state {
	/* Whose files: the user's, their team's, every file, or a
	 * supervisor's drill-down into one worker's or the unassigned. */
	struct scope		 scope;
	char			*worker_id;	/* SCOPE_WORKER */
	char			*worker_name;
	struct caseload		 c;
	uint32_t		*order;		/* rows in sort order */
	uint32_t		*shown;		/* filtered, in sort order */
	size_t			 nshown;
	struct list_view	 list;
	enum cl_col		 sort;
	struct filter		 filter;
	char			*sel_id;	/* kept across reloads */
};

static const enum action cl_actions[] = {
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

static void
clear_rows(struct cl_state *st)
{
	caseload_free(&st->c);
	free(st->order);
	free(st->shown);
	st->order = st->shown = NULL;
	st->nshown = 0;
}

/* Sorting ------------------------------------------------------------- */

static const struct caseload_row	*sort_rows;
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
	const struct caseload_row	*a = &sort_rows[*(const uint32_t *)pa];
	const struct caseload_row	*b = &sort_rows[*(const uint32_t *)pb];
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
	return (c != COL_WORKER || st->scope.kind == SCOPE_TEAM ||
	    st->scope.kind == SCOPE_ALL);
}

static void
sort_order(struct cl_state *st)
{
	size_t	i;

	for (i = 0; i < st->c.n; i++)
		st->order[i] = (uint32_t)i;
	sort_rows = st->c.rows;
	sort_col = st->sort;
	if (st->c.n > 1)
		qsort(st->order, st->c.n, sizeof *st->order, cmp_rows);
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
	for (i = 0; i < st->c.n; i++)
		if (filter_match(&st->filter, st->c.rows[st->order[i]].key))
			st->shown[st->nshown++] = st->order[i];
	list_set_count(&st->list, st->nshown);
	st->list.sel = 0;
	if (st->sel_id != NULL) {
		for (i = 0; i < st->nshown; i++)
			if (strcmp(st->c.rows[st->shown[i]].person_id,
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
	st->sel_id = xstrdup(st->c.rows[st->shown[st->list.sel]].person_id);
}

/* Loading ------------------------------------------------------------- */

static int
cl_load(struct screen *sc, char **cause)
{
	struct cl_state		*st = sc->state;
	struct session		*s = ui_session();
	char			*why = NULL;

	remember_selection(st);
	clear_rows(st);
	scope_renew(s, &st->scope);
	if (caseload_load(s, &st->scope, &st->c, cause) != 0)
		return (-1);
	/* Without the flags the files are still worth showing. */
	if (caseload_flags(s, &st->scope, &st->c, &why) != 0) {
		ui_error(_("flags not counted: %s"), why);
		free(why);
	}
	st->order = xcalloc(st->c.n > 0 ? st->c.n : 1, sizeof *st->order);
	st->shown = xcalloc(st->c.n > 0 ? st->c.n : 1, sizeof *st->shown);
	sort_order(st);
	apply_filter(st);
	return (0);
}

/* Set-up -------------------------------------------------------------- */

static int
cl_init(struct screen *sc, void *arg, char **cause)
{
	struct cl_state	*st = sc->state;
	struct session	*s = ui_session();
	struct record	*u = NULL;

	st->sort = COL_NAME;
	/* A supervisor's first scope is their team. */
	if (s != NULL)
		scope_home(s, &st->scope);
	if (arg == NULL)
		return (0);
	if (s == NULL || !session_is_supervisor(s)) {
		set_cause(cause, _("only supervisors and administrators see "
		    "another worker's caseload"));
		return (-1);
	}
	if (*(const char *)arg == '\0') {
		st->scope.kind = SCOPE_UNASSIGNED;
		st->worker_name = xstrdup(_("unassigned files"));
		return (0);
	}
	st->scope.kind = SCOPE_WORKER;
	st->worker_id = xstrdup(arg);
	st->scope.user_id = st->worker_id;
	if (model_get(s, &model_user, st->worker_id, &u, cause) != 0)
		return (-1);
	st->worker_name = xstrdup(record_get(u, "display_name"));
	record_free(u);
	return (0);
}

static void
cl_free(struct screen *sc)
{
	struct cl_state	*st = sc->state;

	clear_rows(st);
	filter_done(&st->filter);
	free(st->worker_id);
	free(st->worker_name);
	free(st->sel_id);
}

static char *
cl_caption(struct screen *sc)
{
	struct cl_state	*st = sc->state;
	struct session	*s = ui_session();

	switch (st->scope.kind) {
	case SCOPE_TEAM:
		return (xasprintf(_("team %s (%zu files)"), s != NULL &&
		    s->team != NULL ? s->team : "", st->c.n));
	case SCOPE_ALL:
		return (xasprintf(_("all files (%zu)"), st->c.n));
	case SCOPE_WORKER:
		return (xasprintf(_("files of %s (%zu)"), st->worker_name,
		    st->c.n));
	case SCOPE_UNASSIGNED:
		return (xasprintf(_("unassigned files (%zu)"), st->c.n));
	default:
		return (xasprintf(_("my files (%zu)"), st->c.n));
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
    const struct cl_layout *L, const struct caseload_row *r, bool selected)
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
		right = xasprintf(_("%zu of %zu files"), st->nshown, st->c.n);
	} else {
		left = xasprintf(_("/ filter · s sort by %s"),
		    _(col_names[st->sort]));
		right = xasprintf(_("%zu files · %zu with flags"), st->c.n,
		    st->c.flagged);
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
cl_draw(struct screen *sc, WINDOW *w, int top, int height)
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
		    &st->c.rows[st->shown[i]], i == st->list.sel);
	if (st->nshown > 0)
		return;
	if (st->c.n == 0)
		msg = xstrdup(st->scope.kind == SCOPE_MINE ? _("No open file "
		    "in your "
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
cl_key(struct screen *sc, wint_t ch, bool fn)
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
	char		*cause = NULL;

	if (st->scope.kind == SCOPE_WORKER ||
	    st->scope.kind == SCOPE_UNASSIGNED) {
		ui_message("%s", _("this is one worker's caseload: go back to "
		    "the team view to see another"));
		return (UR_HANDLED);
	}
	if (!session_is_supervisor(s)) {
		ui_message("%s", _("only supervisors switch scope"));
		return (UR_HANDLED);
	}
	if (!scope_next(s, &st->scope)) {
		ui_message("%s", _("you have no team: ask an administrator to "
		    "set yours"));
		return (UR_HANDLED);
	}
	if (st->sort == COL_WORKER && !col_shown(st, COL_WORKER))
		st->sort = COL_NAME;
	if (cl_load(sc, &cause) != 0) {
		ui_error("%s", cause);
		free(cause);
	}
	return (UR_HANDLED);
}

static enum ui_result
cl_action(struct screen *sc, enum action a)
{
	struct cl_state		*st = sc->state;
	struct session		*s = ui_session();
	struct ui_form_arg	 form = { &model_person, NULL, NULL, NULL };
	const struct caseload_row	*r = st->nshown > 0 ?
				    &st->c.rows[st->shown[st->list.sel]] : NULL;
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
	cl_actions, nitems(cl_actions),
	cl_init, cl_free, cl_load, cl_draw, cl_key, cl_action, cl_caption, NULL
};
