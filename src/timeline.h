/*
 * The arithmetic of the pathway timeline, without curses so that it can
 * be unit-tested: the mapping between calendar days and the columns of a
 * chart at three zoom levels (weeks: a column per day; months: four
 * columns per month; years: a column per month), scrolling and centring,
 * the periods a set of periods leaves uncovered (a file without a
 * coordinator) and the lapse of a right that ended with no renewal.  The
 * screen that draws the timeline is ui-timeline.c.
 */
#ifndef PARCOURS_TIMELINE_H
#define PARCOURS_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"

enum tl_zoom {
	TL_WEEKS,	/* one column per day, weeks start on Monday */
	TL_MONTHS,	/* TL_MONTH_COLS columns per month */
	TL_YEARS,	/* one column per month */
	TL_ZOOM_COUNT
};

#define TL_MONTH_COLS 4

/* The visible window of a chart. */
struct tl_scale {
	enum tl_zoom	zoom;
	date_t		start;	/* first day of column 0 (aligned) */
	int		cols;	/* columns of the chart, > 0 */
};

/* A period of days, both ends included; DATE_NONE as start means "since
 * always", as end "still running". */
struct tl_period {
	date_t	start;
	date_t	end;
};

/* The first day of the zoom's unit holding day: the Monday of its week
 * (weeks) or the first of its month (months, years). */
date_t tl_align(enum tl_zoom, date_t day);

/*
 * The column of a day, counted from the scale's start; negative before
 * the window and >= cols after it.  Days of one column share it; columns
 * grow with days.
 */
int tl_col(const struct tl_scale *, date_t day);
/* The first and the last day that column col covers (any column, even
 * outside the window). */
date_t tl_col_first(const struct tl_scale *, int col);
date_t tl_col_last(const struct tl_scale *, int col);

/*
 * Clips a period to the window: returns false if no day of it is
 * visible, else true and the first and last visible columns.  An open
 * start or end runs to the window's edge.
 */
bool tl_span(const struct tl_scale *, date_t start, date_t end, int *c0,
    int *c1);

/* Moves the window by steps of the zoom's stride (a week, a month or a
 * year; negative: earlier). */
void tl_scroll(struct tl_scale *, int steps);
/* Places the window so that day falls about two thirds across it (the
 * past matters, and so do the next deadlines). */
void tl_center(struct tl_scale *, date_t day);
/* Changes the zoom, keeping day (usually the window's centre) in view at
 * the same relative place. */
void tl_set_zoom(struct tl_scale *, enum tl_zoom, date_t day);

/*
 * The parts of [from, to] that no period covers, in order, in a new
 * array (*out, caller frees; NULL when none).  Returns their count.
 * Periods may overlap, touch or come in any order; a period ending the
 * day before another starts leaves no gap.
 */
size_t tl_uncovered(const struct tl_period *, size_t n, date_t from,
    date_t to, struct tl_period **out);

/* A right as the lapse test sees it. */
struct tl_right {
	const char	*kind;
	date_t		 start;		/* DATE_NONE: not granted yet */
	date_t		 end;		/* DATE_NONE: no end */
	bool		 for_life;
	bool		 refused;
};

/*
 * Whether right i of rights[] has lapsed as of today: it ended before
 * today and no other right of the same kind (granted, not refused)
 * covers the day after its end.  If so, fills *lapse with the days
 * without the right from that day until the next right of the kind
 * starts or until today, and returns true.
 */
bool tl_right_lapse(const struct tl_right *, size_t n, size_t i,
    date_t today, struct tl_period *lapse);

#endif
