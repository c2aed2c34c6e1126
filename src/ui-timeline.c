/*
 * The timeline tab (see ui-timeline.h).  Rows are built once per load from
 * the file's records: the periods without a coordinator first (a red row),
 * then referents (coordinators first), projects, measures, rights and
 * involvements, each sorted by start.  Drawing maps days to columns with
 * timeline.c and never touches the database.  Every element has a glyph
 * as well as a colour so that the picture survives a monochrome terminal
 * and NO_COLOR.
 */
#include "config.h"
#include "ui-timeline.h"

#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "text.h"
#include "xmalloc.h"

/* The glyphs, in UTF-8 and in ASCII for other locales. */
struct tl_glyphs {
	const char	*bar, *ended, *pending, *red, *mark, *today, *tick,
			*arrow;
};

static const struct tl_glyphs glyphs_utf8 = {
	"━", "─", "┄", "░", "◆", "│", "·", "▼"
};
static const struct tl_glyphs glyphs_ascii = {
	"=", "-", ".", "#", "*", "|", ".", "v"
};

static const struct tl_glyphs *
glyphs(void)
{
	return (MB_CUR_MAX > 1 ? &glyphs_utf8 : &glyphs_ascii);
}

/* TRANSLATORS: month abbreviations of the timeline: three columns at most
 * (the first letter alone is used in the years zoom). */
static const char *const month_abbr[12] = {
	N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
	N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec")
};

static const char *const zoom_names[TL_ZOOM_COUNT] = {
	N_("weeks"), N_("months"), N_("years")
};

/* Short names of referent roles and project kinds for the row labels. */
static const struct {
	const char	*value;
	const char	*label;
} short_names[] = {
	{ "referent.coordinator", N_("Coordinator") },
	{ "referent.rsa", N_("RSA") },
	{ "referent.ase", N_("ASE") },
	{ "referent.mdph", N_("MDPH") },
	{ "referent.guardian", N_("Guardian") },
	{ "referent.school", N_("School") },
	{ "referent.health", N_("Health") },
	{ "referent.housing", N_("Housing") },
	{ "referent.other", N_("Referent") },
	{ "project.ppe", N_("PPE") },
	{ "project.contrat_engagement", N_("RSA contract") },
	{ "project.ppc", N_("PPC") },
	{ "project.pps", N_("PPS") },
	{ "project.apa_plan", N_("APA plan") },
	{ "project.masp", N_("MASP contract") },
	{ "project.autonomy", N_("Autonomy project") },
	{ "project.other", N_("Project") },
};

static const char *
short_name(const char *entity, const char *value)
{
	size_t	i, len = strlen(entity);

	if (value == NULL)
		return (NULL);
	for (i = 0; i < nitems(short_names); i++) {
		if (strncmp(short_names[i].value, entity, len) == 0 &&
		    short_names[i].value[len] == '.' &&
		    strcmp(short_names[i].value + len + 1, value) == 0)
			return (_(short_names[i].label));
	}
	return (NULL);
}

/* An enumeration label without its parenthesised explanation:
 * "AEMO (action éducative en milieu ouvert)" gives "AEMO"; caller frees. */
static char *
enum_short(const struct record *r, const char *field)
{
	const struct field	*f = model_field(r->e, field);
	const char		*v = record_get(r, field), *label, *paren;

	if (f == NULL || v == NULL)
		return (xstrdup("?"));
	label = model_enum_label(f, v);
	paren = strstr(label, " (");
	return (paren != NULL && paren > label ?
	    xstrndup(label, (size_t)(paren - label)) : xstrdup(label));
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

static bool
is_value(const struct record *r, const char *field, const char *value)
{
	const char	*v = record_get(r, field);

	return (v != NULL && strcmp(v, value) == 0);
}

static void
add_mark(struct tl_row *row, date_t day, bool overdue)
{
	if (day == DATE_NONE || row->nmarks == nitems(row->marks))
		return;
	row->marks[row->nmarks].day = day;
	row->marks[row->nmarks].overdue = overdue;
	row->nmarks++;
}

static struct tl_row *
add_row(struct ui_timeline *tl, enum tl_row_kind kind, const struct record *r,
    char *label)
{
	struct tl_row	*row;

	tl->rows = xreallocarray(tl->rows, tl->n + 1, sizeof *tl->rows);
	row = &tl->rows[tl->n++];
	memset(row, 0, sizeof *row);
	row->kind = kind;
	row->label = label;
	row->entity = r != NULL ? r->e : NULL;
	row->id = r != NULL ? r->id : NULL;
	row->start = r != NULL ? get_date(r, "start_date") : DATE_NONE;
	row->end = r != NULL ? get_date(r, "end_date") : DATE_NONE;
	return (row);
}

/* Sorts records by start date (none first), coordinators first for
 * referents. */
static int
record_order(const void *a, const void *b)
{
	const struct record	*ra = *(struct record *const *)a;
	const struct record	*rb = *(struct record *const *)b;
	const char		*sa, *sb;
	int			 ca, cb;

	if (ra->e == &model_referent) {
		ca = is_value(ra, "role", "coordinator");
		cb = is_value(rb, "role", "coordinator");
		if (ca != cb)
			return (cb - ca);
	}
	sa = record_get(ra, "start_date");
	sb = record_get(rb, "start_date");
	if (sa == NULL || sb == NULL)
		return ((sa != NULL) - (sb != NULL));
	return (strcmp(sa, sb));
}

static struct record **
sorted_copy(struct record *const *rs, size_t n)
{
	struct record	**copy = xcalloc(n > 0 ? n : 1, sizeof *copy);

	if (n > 0)
		memcpy(copy, rs, n * sizeof *rs);
	qsort(copy, n, sizeof *copy, record_order);
	return (copy);
}

static void
build_referents(struct ui_timeline *tl, const struct tl_input *in,
    date_t today)
{
	struct record	**rs = sorted_copy(in->referents, in->nreferents);
	struct tl_row	 *row;
	const char	 *role, *name;
	size_t		  i;

	for (i = 0; i < in->nreferents; i++) {
		role = short_name("referent", record_get(rs[i], "role"));
		name = record_get(rs[i], "name");
		row = add_row(tl, TLR_REFERENT, rs[i], xasprintf("%s · %s",
		    role != NULL ? role : "?", name != NULL ? name : "?"));
		row->ended = row->end != DATE_NONE && row->end < today;
		if (row->end != DATE_NONE && row->end >= today)
			add_mark(row, row->end, false);
	}
	free(rs);
}

static void
build_projects(struct ui_timeline *tl, const struct tl_input *in,
    date_t today)
{
	struct record	**rs = sorted_copy(in->projects, in->nprojects);
	struct tl_row	 *row;
	const char	 *kind, *title;
	date_t		  review;
	size_t		  i;
	bool		  closed;

	for (i = 0; i < in->nprojects; i++) {
		kind = short_name("project", record_get(rs[i], "kind"));
		title = record_get(rs[i], "title");
		row = add_row(tl, TLR_PROJECT, rs[i], title != NULL &&
		    kind != NULL ? xasprintf("%s · %s", kind, title) :
		    xstrdup(kind != NULL ? kind : title != NULL ? title : "?"));
		if (row->start == DATE_NONE)
			row->start = get_date(rs[i], "signed_on");
		closed = is_value(rs[i], "status", "closed");
		row->pending = is_value(rs[i], "status", "draft");
		row->ended = closed || (row->end != DATE_NONE &&
		    row->end < today);
		review = get_date(rs[i], "next_review");
		if (!row->ended && review != DATE_NONE)
			add_mark(row, review, review < today);
		if (row->end != DATE_NONE && row->end >= today)
			add_mark(row, row->end, false);
	}
	free(rs);
}

static void
build_measures(struct ui_timeline *tl, const struct tl_input *in,
    date_t today)
{
	struct record	**rs = sorted_copy(in->measures, in->nmeasures);
	struct tl_row	 *row;
	date_t		  hearing;
	size_t		  i;

	for (i = 0; i < in->nmeasures; i++) {
		row = add_row(tl, TLR_MEASURE, rs[i], enum_short(rs[i],
		    "kind"));
		row->ended = row->end != DATE_NONE && row->end < today;
		if (row->end != DATE_NONE && row->end >= today)
			add_mark(row, row->end, false);
		hearing = get_date(rs[i], "hearing_date");
		if (hearing != DATE_NONE && hearing >= today)
			add_mark(row, hearing, false);
	}
	free(rs);
}

static void
build_rights(struct ui_timeline *tl, const struct tl_input *in,
    date_t today)
{
	struct record	**rs = sorted_copy(in->rights, in->nrights);
	struct tl_right	 *tr = xcalloc(in->nrights > 0 ? in->nrights : 1,
	    sizeof *tr);
	struct tl_period  lapse;
	struct tl_row	 *row;
	size_t		  i;

	for (i = 0; i < in->nrights; i++) {
		tr[i].kind = record_get(rs[i], "kind");
		tr[i].start = get_date(rs[i], "start_date");
		tr[i].end = get_date(rs[i], "end_date");
		tr[i].for_life = is_value(rs[i], "for_life", "1");
		tr[i].refused = is_value(rs[i], "status", "refused");
	}
	for (i = 0; i < in->nrights; i++) {
		row = add_row(tl, TLR_RIGHT, rs[i], enum_short(rs[i], "kind"));
		if (tr[i].for_life)
			row->end = DATE_NONE;
		if (tr[i].refused) {
			row->start = row->end = DATE_NONE;
			row->ended = true;
			continue;
		}
		if (is_value(rs[i], "status", "requested") &&
		    row->start == DATE_NONE) {
			/* Waiting for a decision since the filing. */
			row->start = get_date(rs[i], "filed_on");
			row->end = today;
			row->pending = true;
			continue;
		}
		row->ended = row->end != DATE_NONE && row->end < today;
		if (row->end != DATE_NONE && row->end >= today)
			add_mark(row, row->end, false);
		if (tl_right_lapse(tr, in->nrights, i, today, &lapse)) {
			row->red = xmalloc(sizeof *row->red);
			row->red[0] = lapse;
			row->nred = 1;
			tl->nlapsed++;
		}
	}
	free(tr);
	free(rs);
}

static void
build_involvements(struct ui_timeline *tl, const struct tl_input *in,
    date_t today)
{
	struct record	**rs = sorted_copy(in->involvements,
	    in->ninvolvements);
	struct tl_row	 *row;
	const char	 *name, *pid;
	size_t		  i;

	for (i = 0; i < in->ninvolvements; i++) {
		pid = record_get(rs[i], "partner_id");
		name = pid != NULL && in->name_of != NULL ?
		    in->name_of(in->ctx, pid) : NULL;
		row = add_row(tl, TLR_INVOLVEMENT, rs[i], xstrdup(name != NULL ?
		    name : _("partner")));
		row->ended = row->end != DATE_NONE && row->end < today;
		if (row->end != DATE_NONE && row->end >= today)
			add_mark(row, row->end, false);
	}
	free(rs);
}

void
ui_timeline_clear(struct ui_timeline *tl)
{
	size_t	i;

	for (i = 0; i < tl->n; i++) {
		free(tl->rows[i].label);
		free(tl->rows[i].red);
	}
	free(tl->rows);
	tl->rows = NULL;
	tl->n = 0;
	tl->ngaps = tl->nlapsed = 0;
}

void
ui_timeline_build(struct ui_timeline *tl, const struct tl_input *in)
{
	struct tl_period	*coord, *gaps = NULL;
	struct tl_row		*row;
	date_t			 today = date_today(), closed, to;
	size_t			 i, nc = 0, ng;

	ui_timeline_clear(tl);
	tl->opened = in->file != NULL ? get_date(in->file, "opened_on") :
	    DATE_NONE;
	closed = in->file != NULL ? get_date(in->file, "closed_on") :
	    DATE_NONE;
	to = closed != DATE_NONE && closed < today ? closed : today;

	/* The days of the file's life without a coordinator. */
	coord = xcalloc(in->nreferents > 0 ? in->nreferents : 1,
	    sizeof *coord);
	for (i = 0; i < in->nreferents; i++) {
		if (!is_value(in->referents[i], "role", "coordinator"))
			continue;
		coord[nc].start = get_date(in->referents[i], "start_date");
		coord[nc].end = get_date(in->referents[i], "end_date");
		nc++;
	}
	ng = tl->opened != DATE_NONE ? tl_uncovered(coord, nc, tl->opened,
	    to, &gaps) : 0;
	free(coord);
	if (ng > 0) {
		row = add_row(tl, TLR_GAP, NULL, xstrdup(_("No coordinator")));
		row->red = gaps;
		row->nred = ng;
		tl->ngaps = ng;
	}
	build_referents(tl, in, today);
	build_projects(tl, in, today);
	build_measures(tl, in, today);
	build_rights(tl, in, today);
	build_involvements(tl, in, today);
	list_set_count(&tl->list, tl->n);
}

bool
ui_timeline_selected(const struct ui_timeline *tl,
    const struct entity **e, const char **id)
{
	if (tl->n == 0 || tl->rows[tl->list.sel].entity == NULL)
		return (false);
	*e = tl->rows[tl->list.sel].entity;
	*id = tl->rows[tl->list.sel].id;
	return (true);
}

/* Writes a glyph (or a blank in colour mode when blank_in_color) in a
 * colour at (y, x). */
static void
put_cell(WINDOW *w, int y, int x, const char *glyph, enum ui_color c)
{
	ui_set_color(w, c);
	mvwaddstr(w, y, x, glyph);
	ui_set_color(w, UC_NORMAL);
}

/* Whether column c starts a unit worth a tick (month, year, week). */
static bool
is_tick(const struct tl_scale *sc, int c)
{
	int	y, m, d;

	date_to_ymd(tl_col_first(sc, c), &y, &m, &d);
	switch (sc->zoom) {
	case TL_WEEKS:
		return (tl_align(TL_WEEKS, tl_col_first(sc, c)) ==
		    tl_col_first(sc, c));
	case TL_MONTHS:
		return (d == 1 && c > 0);
	default:
		return (m == 1 && c > 0);
	}
}

/* The two header rows: years and months, or months and days. */
static void
draw_header(struct ui_timeline *tl, WINDOW *w, int y, int x0)
{
	const struct tl_scale	*sc = &tl->scale;
	char			 buf[32], *abbr;
	int			 c, yy, m, d, endA = -1, endB = -1, used;
	date_t			 first;
	bool			 top, sub;

	for (c = 0; c < sc->cols; c++) {
		first = tl_col_first(sc, c);
		date_to_ymd(first, &yy, &m, &d);
		top = sub = false;
		switch (sc->zoom) {
		case TL_WEEKS:
			top = d == 1 || c == 0;
			sub = tl_align(TL_WEEKS, first) == first;
			break;
		case TL_MONTHS:
			top = (m == 1 && d == 1) || c == 0;
			sub = d == 1;
			break;
		default:
			top = m == 1 || c == 0;
			sub = true;
			break;
		}
		if (top && c > endA) {
			if (sc->zoom == TL_WEEKS)
				snprintf(buf, sizeof buf, "%s %d",
				    _(month_abbr[m - 1]), yy);
			else
				snprintf(buf, sizeof buf, "%d", yy);
			used = ui_put_raw(w, y, x0 + c, sc->cols - c, buf,
			    UC_HEADER);
			endA = c + used;
		}
		if (sub && c > endB) {
			if (sc->zoom == TL_WEEKS)
				snprintf(buf, sizeof buf, "%02d", d);
			else
				snprintf(buf, sizeof buf, "%s",
				    _(month_abbr[m - 1]));
			/* A unit's width: 3 columns, 1 in the years zoom; cut
			 * without an ellipsis. */
			abbr = text_fit_right(buf, sc->zoom == TL_YEARS ? 1 : 3);
			used = ui_put_raw(w, y + 1, x0 + c, sc->cols - c,
			    abbr + strspn(abbr, " "), UC_DIM);
			endB = c + used - (sc->zoom == TL_YEARS ? 1 : 0);
			free(abbr);
		}
	}
}

/* Draws one row's chart cells. */
static void
draw_chart_row(struct ui_timeline *tl, const struct tl_row *row, WINDOW *w,
    int y, int x0, int today_col)
{
	const struct tl_glyphs	*g = glyphs();
	const struct tl_scale	*sc = &tl->scale;
	bool			 color = ui_has_color();
	enum ui_color		 bc;
	const char		*bg;
	int			 c, c0, c1;
	size_t			 k;

	for (c = 0; c < sc->cols; c++)
		put_cell(w, y, x0 + c, is_tick(sc, c) ? g->tick : " ",
		    UC_DIM);
	if (row->start != DATE_NONE && tl_span(sc, row->start, row->end,
	    &c0, &c1)) {
		if (row->pending) {
			bc = UC_DIM;
			bg = g->pending;
		} else if (row->ended) {
			bc = UC_BAR_ENDED;
			bg = color ? " " : g->ended;
		} else {
			bc = UC_BAR;
			bg = color ? " " : g->bar;
		}
		for (c = c0; c <= c1; c++)
			put_cell(w, y, x0 + c, bg, bc);
	}
	for (k = 0; k < row->nred; k++) {
		if (!tl_span(sc, row->red[k].start, row->red[k].end, &c0, &c1))
			continue;
		for (c = c0; c <= c1; c++)
			put_cell(w, y, x0 + c, g->red, UC_GAP);
	}
	if (today_col >= 0 && today_col < sc->cols)
		put_cell(w, y, x0 + today_col, g->today, UC_TODAY);
	for (k = 0; k < row->nmarks; k++) {
		c = tl_col(sc, row->marks[k].day);
		if (c >= 0 && c < sc->cols)
			put_cell(w, y, x0 + c, g->mark, row->marks[k].overdue ?
			    UC_GAP : UC_DEADLINE);
	}
}

/* The legend line: what each glyph means, the zoom and the window. */
static void
draw_legend(struct ui_timeline *tl, WINDOW *w, int y, int width)
{
	const struct tl_glyphs	*g = glyphs();
	bool			 color = ui_has_color();
	char			 a[11], b[11], *range;
	int			 x = 0, rw;
	const struct {
		const char	*glyph;
		enum ui_color	 c;
		const char	*text;
	} items[] = {
		{ color ? " " : g->bar, UC_BAR, N_("running") },
		{ color ? " " : g->ended, UC_BAR_ENDED, N_("ended") },
		{ g->red, UC_GAP, N_("gap, lapsed") },
		{ g->mark, UC_DEADLINE, N_("deadline") },
		{ g->today, UC_TODAY, N_("today") },
	};
	size_t			 i;

	date_format_user(tl_col_first(&tl->scale, 0), a);
	date_format_user(tl_col_last(&tl->scale, tl->scale.cols - 1), b);
	/* The legend first; the window's dates only if there is room. */
	range = xasprintf(_("%s · %s – %s"), _(zoom_names[tl->scale.zoom]),
	    a, b);
	if (text_width(range) + 62 > width) {
		free(range);
		range = xstrdup(_(zoom_names[tl->scale.zoom]));
	}
	rw = text_width(range);
	for (i = 0; i < nitems(items); i++) {
		int tw = text_width(_(items[i].text));

		if (x + 2 + tw + 2 > width - rw - 1)
			break;
		/* A bar reads better two cells wide, a mark one. */
		put_cell(w, y, x, items[i].glyph, items[i].c);
		if (i < 2)
			put_cell(w, y, x + 1, items[i].glyph, items[i].c);
		x += i < 2 ? 3 : 2;
		x += ui_put_raw(w, y, x, width - x, _(items[i].text), UC_DIM);
		x += 2;
	}
	if (rw < width)
		ui_put_raw(w, y, width - rw, rw, range, UC_DIM);
	free(range);
}

/* The width of the row labels for a chart of width columns. */
static int
label_width(int width)
{
	int	w = width >= 80 ? 20 : width / 4;

	return (w < 8 ? 8 : w);
}

/* The first window: months, today two thirds across. */
static void
place_once(struct ui_timeline *tl)
{
	if (tl->placed)
		return;
	if (tl->scale.cols < 1)
		tl->scale.cols = COLS - label_width(COLS) - 1;
	tl->scale.zoom = TL_MONTHS;
	tl_center(&tl->scale, date_today());
	tl->placed = true;
}

void
ui_timeline_draw(struct ui_timeline *tl, WINDOW *w, int top, int height,
    int width)
{
	const struct tl_glyphs	*g = glyphs();
	int			 labelw, x0, rows, y, today_col;
	size_t			 i;
	date_t			 today = date_today();
	enum ui_color		 lc;

	labelw = label_width(width);
	x0 = labelw + 1;
	tl->scale.cols = width - x0;
	if (tl->scale.cols < 1 || height < 4)
		return;
	place_once(tl);
	draw_header(tl, w, top, x0);
	today_col = tl_col(&tl->scale, today);
	/* The arrow goes where no label is. */
	if (today_col >= 0 && today_col < tl->scale.cols) {
		if ((mvwinch(w, top, x0 + today_col) & A_CHARTEXT) == ' ')
			put_cell(w, top, x0 + today_col, g->arrow, UC_TODAY);
		else if ((mvwinch(w, top + 1, x0 + today_col) & A_CHARTEXT) ==
		    ' ')
			put_cell(w, top + 1, x0 + today_col, g->arrow,
			    UC_TODAY);
	}
	rows = height - 3;
	if (tl->n == 0) {
		ui_put_raw(w, top + 3, 1, width - 2, _("Nothing to show yet: "
		    "add referents, projects, measures, rights or partners."),
		    UC_DIM);
	}
	list_scroll(&tl->list, rows);
	for (y = 0, i = tl->list.top; i < tl->n && y < rows; i++, y++) {
		const struct tl_row *row = &tl->rows[i];

		if (i == tl->list.sel)
			lc = UC_SELECTED;
		else if (row->kind == TLR_GAP || row->nred > 0)
			lc = UC_HIGH;
		else if (row->ended)
			lc = UC_DIM;
		else
			lc = UC_NORMAL;
		ui_put(w, top + 2 + y, 0, labelw, row->label, lc);
		draw_chart_row(tl, row, w, top + 2 + y, x0, today_col);
	}
	draw_legend(tl, w, top + height - 1, width);
}

enum ui_result
ui_timeline_action(struct ui_timeline *tl, enum action a, int height)
{
	date_t	mid;

	/* Keys may come before the first drawing (z from another tab). */
	place_once(tl);
	switch (a) {
	case ACT_LEFT:
		tl_scroll(&tl->scale, -1);
		return (UR_HANDLED);
	case ACT_RIGHT:
		tl_scroll(&tl->scale, 1);
		return (UR_HANDLED);
	case ACT_TODAY:
		tl_center(&tl->scale, date_today());
		return (UR_HANDLED);
	case ACT_ZOOM:
		/* Keep the middle of the window in view. */
		mid = tl_col_first(&tl->scale, tl->scale.cols / 2);
		if (tl_col(&tl->scale, date_today()) >= 0 &&
		    tl_col(&tl->scale, date_today()) < tl->scale.cols)
			mid = date_today();
		tl_set_zoom(&tl->scale, tl->scale.zoom == TL_MONTHS ? TL_YEARS :
		    tl->scale.zoom == TL_YEARS ? TL_WEEKS : TL_MONTHS, mid);
		return (UR_HANDLED);
	default:
		break;
	}
	if (list_action(&tl->list, a, height - 3))
		return (UR_HANDLED);
	return (UR_NONE);
}
