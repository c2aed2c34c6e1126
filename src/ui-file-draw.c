/*
 * Drawing the pathway file screen from what ui-file.c loaded: the header
 * with the person and the coordination at a glance, the tab row, the
 * summary of flags (what, why, what to do), the lists of records with a
 * detail pane for the selected one, and the timeline.  Nothing here reads
 * the database.
 */
#include "config.h"
#include "ui-file.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "model.h"
#include "rules.h"
#include "text.h"
#include "ui-screens.h"
#include "xmalloc.h"

#define HEADER_ROWS	3	/* two lines about the person, the tabs */
#define DETAIL_ROWS	3

int
file_body_height(void)
{
	return (LINES - 3 - HEADER_ROWS);
}

/* Whether a tab lists one kind (a fixed column header) or two. */
static bool
two_kinds(int tab)
{
	return (file_tabs[tab].kinds[1] >= 0);
}

int
file_list_height(const struct file_state *st)
{
	int	h = file_body_height() - DETAIL_ROWS - 1;

	if (!two_kinds(st->tab))
		h--;
	return (h > 1 ? h : 1);
}

static date_t
get_date(const struct record *r, const char *field)
{
	const char	*v = record_get(r, field);
	date_t		 d;

	if (v == NULL || date_parse_iso(v, &d, NULL) != 0)
		return (DATE_NONE);
	return (d);
}

/* Whether a record is over: ended before today, closed, answered. */
static bool
record_over(const struct record *r, const char *today)
{
	const char	*v;

	if (r->e == &model_referral)
		return (record_get(r, "answered_on") != NULL);
	if ((v = record_get(r, "status")) != NULL && r->e == &model_project &&
	    strcmp(v, "closed") == 0)
		return (true);
	if (r->e->end_field == NULL)
		return (false);
	v = record_get(r, r->e->end_field);
	return (v != NULL && strcmp(v, today) < 0);
}

/* Writes "label value" and a separator; advances *x. */
static void
put_pair(WINDOW *w, int y, int *x, const char *label, const char *value,
    enum ui_color c)
{
	if (*x >= COLS - 1 || value == NULL)
		return;
	if (*x > 1)
		*x += ui_put_raw(w, y, *x, COLS - *x, " · ", UC_DIM);
	if (label != NULL) {
		*x += ui_put_raw(w, y, *x, COLS - *x, label, UC_DIM);
		*x += ui_put_raw(w, y, *x, COLS - *x, " ", UC_DIM);
	}
	*x += ui_put_raw(w, y, *x, COLS - *x, value, c);
}

static void
draw_header(struct file_state *st, WINDOW *w, int y)
{
	struct buf	 coord;
	const char	*v, *worker;
	char		*name, *s, d1[11];
	date_t		 birth, today = date_today(), d;
	size_t		 i;
	int		 x = 1;

	if (st->person == NULL)
		return;
	name = record_title(st->person);
	s = text_sanitize(name, false);
	x += ui_put_raw(w, y, x, COLS - x, s, UC_HEADER);
	free(s);
	free(name);
	if ((birth = get_date(st->person, "birth_date")) != DATE_NONE) {
		s = xasprintf(_("age %d"), date_age(birth, today));
		put_pair(w, y, &x, NULL, s, UC_NORMAL);
		free(s);
		date_format_user(birth, d1);
		put_pair(w, y, &x, _("born"), d1, UC_NORMAL);
	}
	if ((v = record_get(st->person, "territory")) != NULL) {
		s = text_sanitize(v, false);
		put_pair(w, y, &x, NULL, s, UC_NORMAL);
		free(s);
	}
	if (st->file != NULL) {
		if ((d = get_date(st->file, "closed_on")) != DATE_NONE) {
			date_format_user(d, d1);
			put_pair(w, y, &x, _("file closed on"), d1, UC_MEDIUM);
		} else if ((d = get_date(st->file, "opened_on")) !=
		    DATE_NONE) {
			date_format_user(d, d1);
			put_pair(w, y, &x, _("file opened on"), d1, UC_NORMAL);
		}
	}

	x = 1;
	v = record_get(st->person, "consent");
	put_pair(w, y + 1, &x, _("Consent:"), v != NULL ?
	    model_enum_label(model_field(&model_person, "consent"), v) :
	    _("not recorded"), v != NULL && strcmp(v, "given") == 0 ?
	    UC_NORMAL : UC_MEDIUM);
	buf_init(&coord);
	for (i = 0; i < st->nrecs[K_REFERENT]; i++) {
		struct record *r = st->recs[K_REFERENT][i];
		date_t a = get_date(r, "start_date"), b = get_date(r,
		    "end_date");

		if ((v = record_get(r, "role")) == NULL ||
		    strcmp(v, "coordinator") != 0 ||
		    (a != DATE_NONE && a > today) ||
		    (b != DATE_NONE && b < today))
			continue;
		buf_printf(&coord, "%s%s", coord.len > 0 ? ", " : "",
		    record_get(r, "name"));
	}
	s = coord.len > 0 ? text_sanitize(coord.data, false) :
	    xstrdup(_("none"));
	put_pair(w, y + 1, &x, _("Coordinator:"), s, coord.len > 0 ?
	    UC_NORMAL : UC_HIGH);
	free(s);
	buf_free(&coord);
	worker = st->file != NULL && (v = record_get(st->file,
	    "worker_id")) != NULL ? file_name_of(st, v) : NULL;
	put_pair(w, y + 1, &x, _("Worker:"), worker != NULL ? worker :
	    _("none"), UC_NORMAL);
}

/* The unacknowledged flags (the summary tab's count). */
static size_t
open_flags(const struct file_state *st)
{
	size_t	i, n = 0;

	for (i = 0; i < st->flags.n; i++)
		if (!st->flags.flags[i].acknowledged)
			n++;
	return (n);
}

static void
draw_tabs(struct file_state *st, WINDOW *w, int y)
{
	char	*labels[TAB_COUNT];
	int	 widths[TAB_COUNT], total = 0, first = 0, x, t, room;
	size_t	 n = open_flags(st);

	for (t = 0; t < TAB_COUNT; t++) {
		if (t == TAB_SUMMARY && n > 0)
			labels[t] = xasprintf(" %s (%zu) ", _(file_tabs[t].label),
			    n);
		else
			labels[t] = xasprintf(" %s ", _(file_tabs[t].label));
		widths[t] = text_width(labels[t]);
		total += widths[t];
	}
	ui_fill(w, y, 0, COLS, UC_TAB);
	/* When the tabs do not fit, start late enough to show the
	 * current one, with marks for the hidden ones. */
	if (total > COLS) {
		for (;;) {
			room = COLS - 2;
			for (t = first; t <= st->tab; t++)
				room -= widths[t];
			if (room >= 0 || first == st->tab)
				break;
			first++;
		}
	}
	x = first > 0 ? 1 : 0;
	if (first > 0)
		ui_put_raw(w, y, 0, 1, "<", UC_TAB);
	for (t = first; t < TAB_COUNT; t++) {
		if (x + widths[t] > COLS - (t + 1 < TAB_COUNT ? 1 : 0)) {
			ui_put_raw(w, y, COLS - 1, 1, ">", UC_TAB);
			break;
		}
		x += ui_put_raw(w, y, x, COLS - x, labels[t],
		    t == st->tab ? UC_TAB_ACTIVE : UC_TAB);
	}
	for (t = 0; t < TAB_COUNT; t++)
		free(labels[t]);
}

/* Summary ---------------------------------------------------------------- */

struct sline {
	char		*text;
	enum ui_color	 c;
	int		 indent;
	size_t		 flag;		/* (size_t)-1: not a flag's */
	bool		 head;		/* a flag's first line */
};

struct slines {
	struct sline	*v;
	size_t		 n;
};

static void
sl_add(struct slines *sl, char *text, enum ui_color c, int indent,
    size_t flag, bool head)
{
	sl->v = xreallocarray(sl->v, sl->n + 1, sizeof *sl->v);
	sl->v[sl->n].text = text;
	sl->v[sl->n].c = c;
	sl->v[sl->n].indent = indent;
	sl->v[sl->n].flag = flag;
	sl->v[sl->n].head = head;
	sl->n++;
}

/* Adds text wrapped at width columns (words kept whole when they fit). */
static void
sl_wrap(struct slines *sl, const char *text, int width, enum ui_color c,
    int indent, size_t flag)
{
	char		*copy, *word, *save = NULL;
	struct buf	 line;
	int		 lw = 0, ww;

	if (width < 10)
		width = 10;
	copy = text_sanitize(text != NULL ? text : "", false);
	buf_init(&line);
	for (word = strtok_r(copy, " ", &save); word != NULL;
	    word = strtok_r(NULL, " ", &save)) {
		ww = text_width(word);
		if (lw > 0 && lw + 1 + ww > width) {
			sl_add(sl, buf_take(&line), c, indent, flag, false);
			lw = 0;
		}
		if (lw > 0) {
			buf_puts(&line, " ");
			lw++;
		}
		buf_puts(&line, word);
		lw += ww;
	}
	if (lw > 0)
		sl_add(sl, buf_take(&line), c, indent, flag, false);
	buf_free(&line);
	free(copy);
}

/* "due 14/08/2026 (in 12 days)", "since 14/08/2026 (100 days)". */
static char *
due_text(const struct gap_flag *f)
{
	char	d[11];

	if (f->due == DATE_NONE)
		return (xstrdup(""));
	date_format_user(f->due, d);
	if (f->days < 0)
		return (xasprintf(_("due %s (in %d days)"), d, -f->days));
	if (f->days == 0)
		return (xasprintf(_("due %s (today)"), d));
	return (xasprintf(_("due %s (%d days ago)"), d, f->days));
}

/* A line about what is running in the file and the last journal entry. */
static char *
overview(const struct file_state *st, const char *today)
{
	static const struct {
		int		 kind;
		const char	*label;
	} parts[] = {
		{ K_PROJECT, N_("projects") },
		{ K_MEASURE, N_("measures") },
		{ K_RIGHT, N_("rights") },
		{ K_INVOLVEMENT, N_("partners") },
		{ K_REFERRAL, N_("unanswered referrals") },
	};
	struct buf	 b;
	size_t		 i, j, n, shown;
	char		 d[11];
	date_t		 last;

	buf_init(&b);
	buf_puts(&b, _("Running:"));
	for (i = 0, shown = 0; i < nitems(parts); i++) {
		for (n = 0, j = 0; j < st->nrecs[parts[i].kind]; j++)
			if (!record_over(st->recs[parts[i].kind][j], today))
				n++;
		if (n == 0)
			continue;
		buf_printf(&b, "%s %s %zu", shown++ > 0 ? "," : "",
		    _(parts[i].label), n);
	}
	if (shown == 0)
		buf_printf(&b, " %s", _("nothing"));
	if (st->nrecs[K_EVENT] > 0 && (last = get_date(st->recs[K_EVENT][0],
	    "date")) != DATE_NONE) {
		date_format_user(last, d);
		buf_printf(&b, _(" · last journal entry %s"), d);
	} else
		buf_printf(&b, "%s", _(" · no journal entry"));
	return (buf_take(&b));
}

static void
summary_lines(struct file_state *st, struct slines *sl, int width)
{
	const struct gap_flag	*f;
	char			 today[11], d[11], *t, *due;
	size_t			 i;

	date_format_iso(date_today(), today);
	t = overview(st, today);
	sl_wrap(sl, t, width - 1, UC_DIM, 1, (size_t)-1);
	free(t);
	sl_add(sl, xstrdup(""), UC_NORMAL, 0, (size_t)-1, false);
	if (st->flags_error != NULL) {
		sl_add(sl, xasprintf(_("The rules could not run: %s"),
		    st->flags_error), UC_ERROR, 1, (size_t)-1, false);
		return;
	}
	if (st->flags.n == 0) {
		sl_add(sl, xstrdup(_("No flag: nothing in this file is about "
		    "to break.")), UC_LOW, 1, (size_t)-1, false);
		return;
	}
	for (i = 0; i < st->flags.n; i++) {
		f = &st->flags.flags[i];
		due = due_text(f);
		sl_add(sl, xasprintf("%-8s %s  %s — %s", severity_label(
		    f->severity), f->rule->id, due, _(f->rule->title)),
		    f->acknowledged ? UC_DIM : ui_severity_color(SEV_CRITICAL -
		    (int)f->severity), 1, i, true);
		free(due);
		sl_wrap(sl, f->explanation, width - 10, UC_NORMAL, 10, i);
		t = xasprintf(_("Why: %s (%s)."), f->why, _(f->rule->source));
		sl_wrap(sl, t, width - 10, UC_DIM, 10, i);
		free(t);
		t = xasprintf(_("Do: %s"), _(f->rule->action));
		sl_wrap(sl, t, width - 10, UC_NORMAL, 10, i);
		free(t);
		if (f->acknowledged) {
			if (f->ack_until != DATE_NONE) {
				date_format_user(f->ack_until, d);
				t = xasprintf(_("Acknowledged by %s until %s: "
				    "%s"), f->ack_by, d, f->ack_reason);
			} else
				t = xasprintf(_("Acknowledged by %s: %s"),
				    f->ack_by, f->ack_reason);
			sl_wrap(sl, t, width - 10, UC_DIM, 10, i);
			free(t);
		}
		sl_add(sl, xstrdup(""), UC_NORMAL, 0, i, false);
	}
}

static void
draw_summary(struct file_state *st, WINDOW *w, int top, int height)
{
	struct slines	 sl = { NULL, 0 };
	size_t		 i, first = (size_t)-1, last = 0, sel;
	int		 y;

	summary_lines(st, &sl, COLS - 2);
	sel = st->lists[TAB_SUMMARY].sel;
	for (i = 0; i < sl.n; i++) {
		if (sl.v[i].flag != sel || st->flags.n == 0)
			continue;
		if (first == (size_t)-1)
			first = i;
		last = i;
	}
	/* Keep the selected flag in view, its first line above all. */
	if (first != (size_t)-1) {
		if (sel == 0)
			st->summary_top = 0;
		if (last >= st->summary_top + (size_t)height)
			st->summary_top = last - (size_t)height + 1;
		if (first < st->summary_top)
			st->summary_top = first;
	}
	if (st->summary_top >= sl.n)
		st->summary_top = 0;
	for (y = 0, i = st->summary_top; i < sl.n && y < height; i++, y++) {
		if (sl.v[i].head && sl.v[i].flag == sel) {
			ui_fill(w, top + y, 0, COLS, UC_SELECTED);
			ui_put_raw(w, top + y, sl.v[i].indent, COLS -
			    sl.v[i].indent, sl.v[i].text, UC_SELECTED);
		} else
			ui_put_raw(w, top + y, sl.v[i].indent, COLS -
			    sl.v[i].indent - 1, sl.v[i].text, sl.v[i].c);
	}
	for (i = 0; i < sl.n; i++)
		free(sl.v[i].text);
	free(sl.v);
}

/* Lists ------------------------------------------------------------------ */

#define MAX_COLS 10

/* The columns of an entity's list: its FF_LIST fields, and the text of
 * journal entries. */
static size_t
columns(const struct entity *e, const struct field **out)
{
	size_t	i, n = 0;

	for (i = 0; i < e->nfields && n < MAX_COLS; i++) {
		const struct field *f = &e->fields[i];

		if (f->flags & FF_PARENT)
			continue;
		if ((f->flags & FF_LIST) || (e == &model_event &&
		    strcmp(f->name, "text") == 0))
			out[n++] = f;
	}
	return (n);
}

/* A value as a cell shows it (caller frees). */
static char *
cell(const struct file_state *st, const struct record *r,
    const struct field *f)
{
	const char	*v = record_get(r, f->name), *name;
	char		 d[11], *s, *p;
	date_t		 day;

	if (v == NULL)
		return (xstrdup(""));
	switch (f->type) {
	case FT_DATE:
		if (date_parse_iso(v, &day, NULL) != 0)
			return (xstrdup(v));
		date_format_user(day, d);
		return (xstrdup(d));
	case FT_ENUM:
		return (xstrdup(model_enum_label(f, v)));
	case FT_BOOL:
		return (xstrdup(strcmp(v, "1") == 0 ? _("yes") : _("no")));
	case FT_REF:
		name = file_name_of((void *)st, v);
		return (xstrdup(name != NULL ? name : "?"));
	default:
		s = text_sanitize(v, true);
		for (p = s; *p != '\0'; p++)
			if (*p == '\n' || *p == '\t')
				*p = ' ';
		return (s);
	}
}

/* Column widths for the rows of a kind in a tab, fitted to width. */
static void
column_widths(const struct file_state *st, int tab, int kind,
    const struct field **cols, size_t nc, int width, int *wd)
{
	size_t	i, c;
	int	total, widest, cw, hw;
	char	*s;

	for (c = 0; c < nc; c++)
		wd[c] = 0;
	for (i = 0; i < st->nrows[tab]; i++) {
		if (st->rows[tab][i].r == NULL || st->rows[tab][i].kind != kind)
			continue;
		for (c = 0; c < nc; c++) {
			s = cell(st, st->rows[tab][i].r, cols[c]);
			cw = text_width(s);
			if (cw > wd[c])
				wd[c] = cw;
			free(s);
		}
	}
	/* A header is cut rather than widen a narrow column much. */
	for (c = 0; c < nc; c++) {
		hw = text_width(_(cols[c]->label));
		if (hw > wd[c])
			wd[c] = hw < (wd[c] > 6 ? wd[c] : 6) ? hw :
			    (wd[c] > 6 ? wd[c] : 6);
		if (c == 0 && two_kinds(tab) && wd[c] < 10)
			wd[c] = 10;
		if (wd[c] > 40)
			wd[c] = 40;
	}
	/* Shrink the widest columns until the row fits. */
	for (;;) {
		total = 0;
		widest = 0;
		for (c = 0; c < nc; c++) {
			total += wd[c] + 2;
			if (wd[c] > wd[widest])
				widest = (int)c;
		}
		if (total <= width || wd[widest] <= 6)
			break;
		wd[widest]--;
	}
	/* Room left: give it back to the headers that were cut. */
	for (c = 0; c < nc && total < width; c++) {
		hw = text_width(_(cols[c]->label));
		while (wd[c] < hw && total < width) {
			wd[c]++;
			total++;
		}
	}
}

static void
draw_columns(WINDOW *w, int y, const char *const *texts, const int *wd,
    size_t nc, enum ui_color c)
{
	int	x = 1;
	size_t	i;

	for (i = 0; i < nc && x < COLS - 1; i++) {
		ui_put(w, y, x, wd[i] < COLS - 1 - x ? wd[i] : COLS - 1 - x,
		    texts[i], c);
		x += wd[i] + 2;
	}
}

/* The fields of the selected record that the columns do not show. */
static void
draw_detail(struct file_state *st, const struct record *r, WINDOW *w,
    int y, int rows)
{
	const struct field	*cols[MAX_COLS];
	struct slines		 sl = { NULL, 0 };
	struct buf		 b;
	size_t			 nc, i, c;
	char			*v;
	bool			 shown;
	int			 k;

	for (k = 0; k < COLS; k++)
		ui_put_raw(w, y, k, 1, MB_CUR_MAX > 1 ? "─" : "-", UC_DIM);
	if (r == NULL)
		return;
	nc = columns(r->e, cols);
	buf_init(&b);
	for (i = 0; i < r->e->nfields; i++) {
		const struct field *f = &r->e->fields[i];

		if ((f->flags & FF_PARENT) || r->v[i] == NULL)
			continue;
		/* Long texts are cut in their column: shown whole here. */
		for (shown = false, c = 0; c < nc; c++)
			shown |= cols[c] == f && f->type != FT_LONGTEXT;
		if (shown)
			continue;
		v = cell(st, r, f);
		buf_printf(&b, "%s%s: %s", b.len > 0 ? " · " : "",
		    _(f->label), v);
		free(v);
	}
	if (b.len == 0)
		buf_puts(&b, _("(no other details)"));
	sl_wrap(&sl, b.data, COLS - 2, UC_NORMAL, 1, 0);
	buf_free(&b);
	for (k = 0; k < rows && (size_t)k < sl.n; k++) {
		if (k == rows - 1 && (size_t)k + 1 < sl.n) {
			v = xasprintf("%s …", sl.v[k].text);
			ui_put_raw(w, y + 1 + k, 1, COLS - 2, v, UC_NORMAL);
			free(v);
		} else
			ui_put_raw(w, y + 1 + k, 1, COLS - 2, sl.v[k].text,
			    UC_NORMAL);
	}
	for (i = 0; i < sl.n; i++)
		free(sl.v[i].text);
	free(sl.v);
}

static void
draw_list(struct file_state *st, WINDOW *w, int top, int height)
{
	const struct field	*cols[MAX_COLS];
	const char		*texts[MAX_COLS];
	char			*cells[MAX_COLS], today[11];
	int			 wd[K_COUNT][MAX_COLS], lh, y, ly, t = st->tab;
	int			 kind, k;
	size_t			 nc[K_COUNT], i, c;
	struct list_view	*l = &st->lists[t];
	const struct file_row	*row;
	const struct entity	*e;

	date_format_iso(date_today(), today);
	for (k = 0; k < 2; k++) {
		if ((kind = file_tabs[t].kinds[k]) < 0)
			continue;
		nc[kind] = columns(file_kind_entity[kind], cols);
		column_widths(st, t, kind, cols, nc[kind], COLS - 2, wd[kind]);
	}
	lh = file_list_height(st);
	y = top;
	for (c = 0, i = 0; i < st->nrows[t]; i++)
		c += st->rows[t][i].r != NULL;
	if (c == 0) {
		ui_put_raw(w, y + 1, 2, COLS - 3, two_kinds(t) ?
		    _("Nothing here yet: n adds a right or a measure.") :
		    _("Nothing here yet: n adds one."), UC_DIM);
		return;
	}
	if (!two_kinds(t)) {
		kind = file_tabs[t].kinds[0];
		nc[kind] = columns(file_kind_entity[kind], cols);
		for (c = 0; c < nc[kind]; c++)
			texts[c] = _(cols[c]->label);
		draw_columns(w, y++, texts, wd[kind], nc[kind], UC_HEADER);
	}
	ly = y;
	list_scroll(l, lh);
	for (i = l->top; i < st->nrows[t] && y < ly + lh; i++, y++) {
		row = &st->rows[t][i];
		kind = row->kind;
		e = file_kind_entity[kind];
		nc[kind] = columns(e, cols);
		if (row->r == NULL) {
			for (c = 0; c < nc[kind]; c++)
				texts[c] = c == 0 ? row->heading :
				    _(cols[c]->label);
			draw_columns(w, y, texts, wd[kind], nc[kind],
			    UC_HEADER);
			continue;
		}
		for (c = 0; c < nc[kind]; c++) {
			cells[c] = cell(st, row->r, cols[c]);
			texts[c] = cells[c];
		}
		if (i == l->sel)
			ui_fill(w, y, 0, COLS, UC_SELECTED);
		draw_columns(w, y, texts, wd[kind], nc[kind], i == l->sel ?
		    UC_SELECTED : record_over(row->r, today) ? UC_DIM :
		    UC_NORMAL);
		for (c = 0; c < nc[kind]; c++)
			free(cells[c]);
	}
	draw_detail(st, st->nrows[t] > 0 ? st->rows[t][l->sel].r : NULL, w,
	    top + height - DETAIL_ROWS - 1, DETAIL_ROWS);
}

void
file_draw(struct screen *sc, WINDOW *w, int top, int height)
{
	struct file_state	*st = sc->state;
	int			 body = height - HEADER_ROWS;

	draw_header(st, w, top);
	draw_tabs(st, w, top + 2);
	if (body < 2)
		return;
	switch (st->tab) {
	case TAB_SUMMARY:
		draw_summary(st, w, top + HEADER_ROWS, body);
		break;
	case TAB_TIMELINE:
		ui_timeline_draw(&st->tl, w, top + HEADER_ROWS, body, COLS);
		break;
	default:
		draw_list(st, w, top + HEADER_ROWS, body);
		break;
	}
}
