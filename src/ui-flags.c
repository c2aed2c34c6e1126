/*
 * The flags screen: every coordination gap of the scope (the user's
 * files; the team's or every file for supervisors and administrators),
 * most severe first then by due date, as the gap engine returns them.
 * The look-ahead (d) shows what becomes due in the next 30 or 90 days,
 * marked as upcoming; the pane below the list explains the selected flag
 * (what, why, what to do).  Enter opens the person's file; a
 * acknowledges the flag with a reason and an optional end date.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "access.h"
#include "date.h"
#include "gaps.h"
#include "session.h"
#include "text.h"
#include "ui-screens.h"
#include "widget-list.h"
#include "xmalloc.h"

struct fl_state {
	struct scope		 scope;		/* access.h */
	int			 horizon;	/* 0, 30 or 90 days */
	struct gap_result	 res;
	bool			 loaded;
	struct list_view	 list;
	char			*sel_id;	/* flag id, across reloads */
};

static const enum action flags_actions[] = {
	ACT_OPEN, ACT_ACK, ACT_HORIZON, ACT_SCOPE, ACT_UP, ACT_DOWN,
	ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END
};

/* The look-ahead line and the header above the list. */
#define FL_HEAD 2

static enum ui_color
sev_color(int sev)
{
	return (ui_severity_color(SEV_CRITICAL - sev));
}

/* Rows of the explanation pane for a body of that height. */
static int
pane_height(int height)
{
	int	h = height / 3;

	if (h < 5)
		h = 5;
	if (h > 10)
		h = 10;
	return (h);
}

static int
list_height(void)
{
	int	body = LINES - 3;

	return (body - FL_HEAD - pane_height(body));
}

static void
remember_selection(struct fl_state *st)
{
	if (!st->loaded || st->res.n == 0)
		return;
	free(st->sel_id);
	st->sel_id = xstrdup(st->res.flags[st->list.sel].id);
}

static int
flags_load(struct screen *sc, char **cause)
{
	struct fl_state		*st = sc->state;
	struct session		*s = ui_session();
	struct gap_query	 q;
	const char		**pids;
	size_t			 i;
	int			 rc;

	remember_selection(st);
	if (st->loaded)
		gaps_result_free(&st->res);
	st->loaded = false;
	gaps_query_init(&q, NULL);
	q.horizon = st->horizon;
	scope_renew(s, &st->scope);
	q.scope = st->scope;
	if (access_scope(s, &q.scope, cause) != 0 ||
	    gaps_run(s, &q, &st->res, cause) != 0)
		return (-1);
	st->loaded = true;
	pids = xcalloc(st->res.n > 0 ? st->res.n : 1, sizeof *pids);
	for (i = 0; i < st->res.n; i++)
		pids[i] = st->res.flags[i].person_id;
	rc = access_audit_list(s, "gaps", &q.scope, text_count_distinct(pids,
	    st->res.n), true, cause);
	free(pids);
	if (rc != 0)
		return (-1);
	list_set_count(&st->list, st->res.n);
	st->list.sel = 0;
	for (i = 0; st->sel_id != NULL && i < st->res.n; i++)
		if (strcmp(st->res.flags[i].id, st->sel_id) == 0) {
			st->list.sel = i;
			break;
		}
	list_scroll(&st->list, list_height());
	return (0);
}

/* A supervisor's first scope is their team, as in the caseload. */
static int
flags_init(struct screen *sc, void *arg, char **cause)
{
	struct fl_state	*st = sc->state;
	struct session	*s = ui_session();

	(void)arg;
	(void)cause;
	if (s != NULL)
		scope_home(s, &st->scope);
	return (0);
}

static void
flags_free(struct screen *sc)
{
	struct fl_state	*st = sc->state;

	if (st->loaded)
		gaps_result_free(&st->res);
	free(st->sel_id);
}

static char *
flags_caption(struct screen *sc)
{
	struct fl_state	*st = sc->state;
	struct session	*s = ui_session();

	switch (st->scope.kind) {
	case SCOPE_TEAM:
		return (xasprintf(_("team %s"), s != NULL && s->team != NULL ?
		    s->team : ""));
	case SCOPE_ALL:
		return (xstrdup(_("all files")));
	default:
		return (xstrdup(_("my files")));
	}
}

/* Drawing ------------------------------------------------------------- */

/* "12 d ago", "today", "in 5 d". */
static void
relative(const struct gap_flag *f, char *buf, size_t size)
{
	if (f->days == 0)
		snprintf(buf, size, "%s", _("today"));
	else if (f->days > 0)
		snprintf(buf, size, _("%d d ago"), f->days);
	else
		snprintf(buf, size, _("in %d d"), -f->days);
}

/*
 * Writes text folded to width columns over at most max rows from y;
 * returns the rows used.  Words longer than a row are cut.
 */
static int
put_wrapped(WINDOW *w, int y, int x, int width, int max, const char *text,
    enum ui_color c)
{
	struct buf	 line;
	char		*copy, *word, *save = NULL, *try;
	int		 rows = 0;

	if (width <= 0 || max <= 0 || text == NULL)
		return (0);
	copy = xstrdup(text);
	buf_init(&line);
	for (word = strtok_r(copy, " \n", &save); word != NULL;
	    word = strtok_r(NULL, " \n", &save)) {
		try = xasprintf("%s%s%s", line.len > 0 ? line.data : "",
		    line.len > 0 ? " " : "", word);
		if (text_width(try) > width && line.len > 0) {
			if (rows == max - 1) {
				/* Last row: let ui_put add the ellipsis. */
				ui_put(w, y + rows++, x, width, try, c);
				free(try);
				buf_free(&line);
				free(copy);
				return (rows);
			}
			ui_put(w, y + rows++, x, width, line.data, c);
			buf_free(&line);
			buf_init(&line);
			buf_puts(&line, word);
		} else {
			buf_free(&line);
			buf_init(&line);
			buf_puts(&line, try);
		}
		free(try);
	}
	if (line.len > 0 && rows < max)
		ui_put(w, y + rows++, x, width, line.data, c);
	buf_free(&line);
	free(copy);
	return (rows);
}

static void
draw_pane(const struct fl_state *st, WINDOW *w, int y, int height)
{
	const struct gap_flag	*f = &st->res.flags[st->list.sel];
	char			*line, *name, due[11];
	int			 used, rest = height - 1;

	ui_fill(w, y, 0, COLS, UC_TAB);
	name = gaps_flag_name(f);
	line = xasprintf("%s · %s — %s", f->rule->id, _(f->rule->title),
	    name);
	ui_put(w, y, 1, COLS - 2, line, UC_TAB);
	free(line);
	free(name);
	y++;
	used = put_wrapped(w, y, 2, COLS - 4, rest - 2, f->explanation,
	    UC_NORMAL);
	y += used;
	rest -= used;
	if (rest > 0) {
		line = xasprintf(_("Why: %s (%s)."), f->why != NULL ? f->why :
		    _(f->rule->why), _(f->rule->source));
		used = put_wrapped(w, y, 2, COLS - 4, rest > 2 ? rest - 1 : 1,
		    line, UC_DIM);
		free(line);
		y += used;
		rest -= used;
	}
	if (rest > 0) {
		line = xasprintf(_("Do: %s"), _(f->rule->action));
		used = put_wrapped(w, y, 2, COLS - 4, rest, line, UC_NORMAL);
		free(line);
		y += used;
		rest -= used;
	}
	if (rest > 0 && f->acknowledged) {
		if (f->ack_until != DATE_NONE)
			date_format_user(f->ack_until, due);
		line = xasprintf(_("Acknowledged by %s: %s%s%s"),
		    f->ack_by != NULL ? f->ack_by : "?",
		    f->ack_reason != NULL ? f->ack_reason : "",
		    f->ack_until != DATE_NONE ? _(", until ") : "",
		    f->ack_until != DATE_NONE ? due : "");
		ui_put(w, y, 2, COLS - 4, line, UC_DIM);
		free(line);
	}
}

static void
flags_draw(struct screen *sc, WINDOW *w, int top, int height)
{
	struct fl_state		*st = sc->state;
	const struct gap_flag	*f;
	char			*left, *right, *name, date[11], when[32];
	int			 y, lh, ph, rw, sevw = 0, k, x;
	int			 xdue, xwhen, xname, xrule, wname;
	size_t			 i;
	enum ui_color		 base;

	ph = pane_height(height);
	lh = height - FL_HEAD - ph;
	if (st->horizon > 0) {
		date_format_user(date_today() + st->horizon, date);
		left = xasprintf(_("Looking %d days ahead (until %s) · d: "
		    "change"), st->horizon, date);
	} else
		left = xstrdup(_("Due today or earlier · d: look 30 or 90 days "
		    "ahead"));
	right = st->res.hidden > 0 ? xasprintf(_("%zu flags · %zu "
	    "acknowledged, hidden"), st->res.n, st->res.hidden) :
	    xasprintf(_("%zu flags"), st->res.n);
	rw = text_width(right);
	if (rw > COLS / 2)
		rw = COLS / 2;
	ui_put(w, top, 1, COLS - rw - 3, left, st->horizon > 0 ? UC_TODAY :
	    UC_DIM);
	ui_put(w, top, COLS - rw - 1, rw, right, UC_DIM);
	free(left);
	free(right);

	for (k = SEV_LOW; k <= SEV_CRITICAL; k++)
		if (text_width(severity_label(k)) > sevw)
			sevw = text_width(severity_label(k));
	x = 2;
	xdue = x + sevw + 1;
	xwhen = xdue + 11;
	xname = xwhen + 12;
	wname = (COLS - xname) * 35 / 100;
	if (wname > 30)
		wname = 30;
	xrule = xname + wname + 1;
	ui_fill(w, top + 1, 0, COLS, UC_HEADER);
	ui_put(w, top + 1, x, sevw, _("Severity"), UC_HEADER);
	ui_put(w, top + 1, xdue, 10, _("Due"), UC_HEADER);
	ui_put(w, top + 1, xwhen, 11, _("When"), UC_HEADER);
	ui_put(w, top + 1, xname, wname, _("Person"), UC_HEADER);
	ui_put(w, top + 1, xrule, COLS - xrule - 1, _("Flag"), UC_HEADER);

	if (!st->loaded || st->res.n == 0) {
		ui_put(w, top + FL_HEAD + 1, 2, COLS - 4, st->horizon > 0 ?
		    _("Nothing due in this period: no flag.") :
		    _("No flag: no coordination gap found."), UC_DIM);
		return;
	}
	list_scroll(&st->list, lh);
	for (y = 0, i = st->list.top; i < st->res.n && y < lh; i++, y++) {
		bool sel = i == st->list.sel;
		int row = top + FL_HEAD + y;

		f = &st->res.flags[i];
		base = sel ? UC_SELECTED : UC_NORMAL;
		ui_fill(w, row, 0, COLS, base);
		if (f->upcoming)
			ui_put(w, row, 0, 1, "»", sel ? base : UC_DEADLINE);
		ui_put(w, row, x, sevw, severity_label(f->severity),
		    sev_color(f->severity));
		date_format_user(f->due, date);
		ui_put(w, row, xdue, 10, date, base);
		relative(f, when, sizeof when);
		ui_put(w, row, xwhen, 11, when, f->upcoming && !sel ?
		    UC_DEADLINE : base);
		name = f->age >= 0 ? xasprintf("%s, %s (%d)", f->last_name,
		    f->first_name, f->age) : gaps_flag_name(f);
		ui_put(w, row, xname, wname, name, base);
		free(name);
		ui_put(w, row, xrule, COLS - xrule - 1, _(f->rule->title),
		    base);
	}
	draw_pane(st, w, top + height - ph, ph);
}

/* Actions ------------------------------------------------------------- */

/* Asks for the reason and the optional end, then acknowledges. */
/*
 * Asks for the reason and the end of an acknowledgement of flag f and
 * records it; gaps_ack() checks both (a blank reason is refused at once).  Returns true once it is recorded
 * (the screen then reloads).
 */
bool
ui_ack_flag(const struct gap_flag *f)
{
	char	*reason, *until, *cause = NULL, *q, ex[11];
	date_t	 d = DATE_NONE;
	bool	 done = false;

	reason = ui_prompt(_("Reason (required):"), NULL, false);
	if (reason == NULL) {
		ui_message("%s", _("acknowledgement cancelled"));
		return (false);
	}
	/* Said at once, before the end is asked for. */
	if (reason[strspn(reason, " ")] == '\0') {
		ui_error("%s", _("a reason is required to acknowledge a "
		    "flag"));
		free(reason);
		return (false);
	}
	date_format_user(date_add_months(date_today(), 3), ex);
	q = xasprintf(_("Until (e.g. %s; empty: until the facts change):"),
	    ex);
	until = ui_prompt(q, NULL, false);
	free(q);
	if (until == NULL)
		ui_message("%s", _("acknowledgement cancelled"));
	else if (until[strspn(until, " ")] != '\0' &&
	    date_parse_user(until, &d, &cause) != 0)
		ui_error("%s: %s", _("Until"), cause);
	else if (gaps_ack(ui_session(), f, reason, d, NULL, &cause) != 0)
		ui_error("%s", cause);
	else {
		ui_message(_("Acknowledged %s."), f->rule->id);
		done = true;
	}
	free(reason);
	free(until);
	free(cause);
	return (done);
}

static enum ui_result
acknowledge(struct fl_state *st)
{
	if (!st->loaded || st->res.n == 0)
		return (UR_HANDLED);
	remember_selection(st);
	return (ui_ack_flag(&st->res.flags[st->list.sel]) ? UR_RELOAD :
	    UR_HANDLED);
}

static enum ui_result
switch_scope(struct screen *sc)
{
	struct fl_state	*st = sc->state;
	struct session	*s = ui_session();
	char		*cause = NULL;

	if (!session_is_supervisor(s)) {
		ui_message("%s", _("only supervisors switch scope"));
		return (UR_HANDLED);
	}
	if (!scope_next(s, &st->scope)) {
		ui_message("%s", _("you have no team: ask an administrator to "
		    "set yours"));
		return (UR_HANDLED);
	}
	if (flags_load(sc, &cause) != 0) {
		ui_error("%s", cause);
		free(cause);
	}
	return (UR_HANDLED);
}

static enum ui_result
flags_action(struct screen *sc, enum action a)
{
	struct fl_state	*st = sc->state;
	char		*cause = NULL;

	if (list_action(&st->list, a, list_height()))
		return (UR_HANDLED);
	switch (a) {
	case ACT_OPEN:
		if (st->loaded && st->res.n > 0) {
			remember_selection(st);
			ui_push(&ui_file_ops,
			    st->res.flags[st->list.sel].person_id);
		}
		return (UR_HANDLED);
	case ACT_ACK:
		return (acknowledge(st));
	case ACT_HORIZON:
		st->horizon = st->horizon == 0 ? 30 : st->horizon == 30 ? 90 :
		    0;
		if (flags_load(sc, &cause) != 0) {
			ui_error("%s", cause);
			free(cause);
		}
		return (UR_HANDLED);
	case ACT_SCOPE:
		return (switch_scope(sc));
	case ACT_FLAGS:
		return (UR_HANDLED);
	default:
		return (UR_NONE);
	}
}

const struct screen_ops ui_flags_ops = {
	"flags", N_("Flags"), sizeof(struct fl_state),
	flags_actions, nitems(flags_actions),
	flags_init, flags_free, flags_load, flags_draw, NULL, flags_action,
	flags_caption, NULL
};
