/*
 * The timeline's arithmetic (see timeline.h): days to columns and back,
 * windows, uncovered periods and lapsed rights.  Months are the unit of
 * the months and years zooms so that a month always takes the same width
 * whatever its length; within a month of the months zoom, days are spread
 * over its columns in proportion.
 */
#include "config.h"
#include "timeline.h"

#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

/* The month of a day as a count of months since year 0. */
static int
month_index(date_t d)
{
	int	y, m, dd;

	date_to_ymd(d, &y, &m, &dd);
	return (y * 12 + (m - 1));
}

/* The first day of a month index. */
static date_t
month_first(int mi)
{
	return (date_from_ymd(mi / 12, mi % 12 + 1, 1));
}

static int
month_days(int mi)
{
	return (month_first(mi + 1) - month_first(mi));
}

/* Floor division and modulo, also for negative columns. */
static int
floor_div(int a, int b)
{
	return (a >= 0 ? a / b : -((-a + b - 1) / b));
}

static int
floor_mod(int a, int b)
{
	return (a - floor_div(a, b) * b);
}

date_t
tl_align(enum tl_zoom z, date_t day)
{
	int	dow;

	if (z == TL_WEEKS) {
		/* 1970-01-01 was a Thursday: day 0 is dow 3 from Monday. */
		dow = floor_mod(day + 3, 7);
		return (day - dow);
	}
	return (month_first(month_index(day)));
}

int
tl_col(const struct tl_scale *sc, date_t day)
{
	int	mi, y, m, d;

	switch (sc->zoom) {
	case TL_WEEKS:
		return (day - sc->start);
	case TL_MONTHS:
		mi = month_index(day);
		date_to_ymd(day, &y, &m, &d);
		return ((mi - month_index(sc->start)) * TL_MONTH_COLS +
		    (d - 1) * TL_MONTH_COLS / month_days(mi));
	default:
		return (month_index(day) - month_index(sc->start));
	}
}

date_t
tl_col_first(const struct tl_scale *sc, int col)
{
	int	mi, part, nd;

	switch (sc->zoom) {
	case TL_WEEKS:
		return (sc->start + col);
	case TL_MONTHS:
		mi = month_index(sc->start) + floor_div(col, TL_MONTH_COLS);
		part = floor_mod(col, TL_MONTH_COLS);
		nd = month_days(mi);
		/* The smallest day d with (d - 1) * COLS / nd >= part. */
		return (month_first(mi) + (part * nd + TL_MONTH_COLS - 1) /
		    TL_MONTH_COLS);
	default:
		return (month_first(month_index(sc->start) + col));
	}
}

date_t
tl_col_last(const struct tl_scale *sc, int col)
{
	return (tl_col_first(sc, col + 1) - 1);
}

bool
tl_span(const struct tl_scale *sc, date_t start, date_t end, int *c0,
    int *c1)
{
	date_t	first = tl_col_first(sc, 0), last = tl_col_last(sc,
	    sc->cols - 1);
	int	a, b;

	if (sc->cols <= 0)
		return (false);
	if (start != DATE_NONE && end != DATE_NONE && end < start)
		return (false);
	if ((end != DATE_NONE && end < first) ||
	    (start != DATE_NONE && start > last))
		return (false);
	a = start == DATE_NONE ? 0 : tl_col(sc, start);
	b = end == DATE_NONE ? sc->cols - 1 : tl_col(sc, end);
	*c0 = a < 0 ? 0 : a;
	*c1 = b >= sc->cols ? sc->cols - 1 : b;
	return (true);
}

void
tl_scroll(struct tl_scale *sc, int steps)
{
	switch (sc->zoom) {
	case TL_WEEKS:
		sc->start += 7 * steps;
		break;
	case TL_MONTHS:
		sc->start = date_add_months(sc->start, steps);
		break;
	default:
		sc->start = date_add_months(sc->start, 12 * steps);
		break;
	}
}

/* Places the window so that day falls in (or just before) column col. */
static void
place(struct tl_scale *sc, date_t day, int col)
{
	if (col < 0)
		col = 0;
	switch (sc->zoom) {
	case TL_WEEKS:
		sc->start = tl_align(TL_WEEKS, day - col);
		break;
	case TL_MONTHS:
		sc->start = month_first(month_index(day) - col /
		    TL_MONTH_COLS);
		break;
	default:
		sc->start = month_first(month_index(day) - col);
		break;
	}
}

void
tl_center(struct tl_scale *sc, date_t day)
{
	place(sc, day, sc->cols * 2 / 3);
}

void
tl_set_zoom(struct tl_scale *sc, enum tl_zoom z, date_t day)
{
	int	col = tl_col(sc, day);

	if (col < 0 || col >= sc->cols)
		col = sc->cols * 2 / 3;
	sc->zoom = z;
	place(sc, day, col);
}

static int
period_cmp(const void *a, const void *b)
{
	const struct tl_period	*pa = a, *pb = b;

	/* DATE_NONE, the smallest int, sorts first: "since always". */
	return (pa->start < pb->start ? -1 : pa->start > pb->start);
}

size_t
tl_uncovered(const struct tl_period *p, size_t n, date_t from, date_t to,
    struct tl_period **out)
{
	struct tl_period	*sorted, *gaps = NULL;
	size_t			 i, ngaps = 0;
	long long		 cursor = from;

	*out = NULL;
	if (from == DATE_NONE || to == DATE_NONE || to < from)
		return (0);
	sorted = xcalloc(n > 0 ? n : 1, sizeof *sorted);
	if (n > 0)
		memcpy(sorted, p, n * sizeof *p);
	qsort(sorted, n, sizeof *sorted, period_cmp);
	for (i = 0; i < n && cursor <= to; i++) {
		if (sorted[i].end != DATE_NONE && sorted[i].end < cursor)
			continue;
		if (sorted[i].start != DATE_NONE && sorted[i].start > cursor) {
			gaps = xreallocarray(gaps, ngaps + 1, sizeof *gaps);
			gaps[ngaps].start = (date_t)cursor;
			gaps[ngaps].end = sorted[i].start - 1 < to ?
			    sorted[i].start - 1 : to;
			ngaps++;
		}
		if (sorted[i].end == DATE_NONE)
			cursor = (long long)to + 1;
		else if ((long long)sorted[i].end + 1 > cursor)
			cursor = (long long)sorted[i].end + 1;
	}
	if (cursor <= to) {
		gaps = xreallocarray(gaps, ngaps + 1, sizeof *gaps);
		gaps[ngaps].start = (date_t)cursor;
		gaps[ngaps].end = to;
		ngaps++;
	}
	free(sorted);
	*out = gaps;
	return (ngaps);
}

bool
tl_right_lapse(const struct tl_right *r, size_t n, size_t i, date_t today,
    struct tl_period *lapse)
{
	const struct tl_right	*me = &r[i];
	struct tl_period	*cover, *gaps = NULL;
	size_t			 j, nc = 0, ng;
	bool			 lapsed = false;

	if (me->refused || me->for_life || me->end == DATE_NONE ||
	    me->end >= today || me->kind == NULL)
		return (false);
	cover = xcalloc(n > 0 ? n : 1, sizeof *cover);
	for (j = 0; j < n; j++) {
		if (j == i || r[j].refused || r[j].start == DATE_NONE ||
		    r[j].kind == NULL || strcmp(r[j].kind, me->kind) != 0)
			continue;
		cover[nc].start = r[j].start;
		cover[nc].end = r[j].for_life ? DATE_NONE : r[j].end;
		nc++;
	}
	ng = tl_uncovered(cover, nc, me->end + 1, today, &gaps);
	if (ng > 0 && gaps[0].start == me->end + 1) {
		*lapse = gaps[0];
		lapsed = true;
	}
	free(gaps);
	free(cover);
	return (lapsed);
}
