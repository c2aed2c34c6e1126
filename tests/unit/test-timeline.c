/*
 * Unit tests for timeline.c: the mapping from days to columns at each
 * zoom (and back), clipping of periods to the window, scrolling and
 * centring, the periods without a coordinator, and lapsed rights.
 */

#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "date.h"
#include "timeline.h"
#include "xmalloc.h"

static date_t
ymd(int y, int m, int d)
{
	date_t	date = date_from_ymd(y, m, d);

	assert_int_not_equal(date, DATE_NONE);
	return (date);
}

static void
test_align(void **state)
{
	(void)state;
	/* 2026-11-22 is a Sunday; its week starts on Monday 16th. */
	assert_int_equal(tl_align(TL_WEEKS, ymd(2026, 11, 22)),
	    ymd(2026, 11, 16));
	assert_int_equal(tl_align(TL_WEEKS, ymd(2026, 11, 16)),
	    ymd(2026, 11, 16));
	/* Before 1970 too (negative day numbers). */
	assert_int_equal(tl_align(TL_WEEKS, ymd(1969, 12, 31)),
	    ymd(1969, 12, 29));
	assert_int_equal(tl_align(TL_MONTHS, ymd(2026, 2, 28)),
	    ymd(2026, 2, 1));
	assert_int_equal(tl_align(TL_YEARS, ymd(2026, 12, 31)),
	    ymd(2026, 12, 1));
}

static void
test_weeks(void **state)
{
	struct tl_scale	sc = { TL_WEEKS, 0, 60 };

	(void)state;
	sc.start = ymd(2026, 11, 16);
	assert_int_equal(tl_col(&sc, ymd(2026, 11, 16)), 0);
	assert_int_equal(tl_col(&sc, ymd(2026, 11, 22)), 6);
	assert_int_equal(tl_col(&sc, ymd(2026, 11, 15)), -1);
	assert_int_equal(tl_col_first(&sc, 7), ymd(2026, 11, 23));
	assert_int_equal(tl_col_last(&sc, 7), ymd(2026, 11, 23));
}

static void
test_months(void **state)
{
	struct tl_scale	sc = { TL_MONTHS, 0, 48 };

	(void)state;
	sc.start = ymd(2026, 1, 1);
	assert_int_equal(tl_col(&sc, ymd(2026, 1, 1)), 0);
	assert_int_equal(tl_col(&sc, ymd(2026, 1, 31)), TL_MONTH_COLS - 1);
	assert_int_equal(tl_col(&sc, ymd(2026, 2, 1)), TL_MONTH_COLS);
	/* February: 28 days over 4 columns, 7 days each. */
	assert_int_equal(tl_col(&sc, ymd(2026, 2, 7)), TL_MONTH_COLS);
	assert_int_equal(tl_col(&sc, ymd(2026, 2, 8)), TL_MONTH_COLS + 1);
	assert_int_equal(tl_col(&sc, ymd(2026, 2, 28)), 2 * TL_MONTH_COLS - 1);
	assert_int_equal(tl_col(&sc, ymd(2027, 1, 15)), 12 * TL_MONTH_COLS + 1);
	assert_int_equal(tl_col(&sc, ymd(2025, 12, 31)), -1);
	assert_int_equal(tl_col(&sc, ymd(2025, 12, 1)), -TL_MONTH_COLS);
	assert_int_equal(tl_col_first(&sc, -TL_MONTH_COLS), ymd(2025, 12, 1));
	assert_int_equal(tl_col_first(&sc, TL_MONTH_COLS + 1), ymd(2026, 2, 8));
	assert_int_equal(tl_col_last(&sc, TL_MONTH_COLS - 1), ymd(2026, 1, 31));
}

/* Every day maps to a column whose range holds it, in every zoom, and
 * columns never go backwards. */
static void
test_round_trip(void **state)
{
	struct tl_scale	sc = { TL_WEEKS, 0, 60 };
	date_t		d, from = ymd(2023, 12, 20), to = ymd(2025, 3, 10);
	int		z, c, prev;

	(void)state;
	for (z = 0; z < TL_ZOOM_COUNT; z++) {
		sc.zoom = (enum tl_zoom)z;
		sc.start = tl_align(sc.zoom, ymd(2024, 2, 14));
		prev = tl_col(&sc, from);
		for (d = from; d <= to; d++) {
			c = tl_col(&sc, d);
			assert_true(c >= prev && c <= prev + 1);
			assert_true(tl_col_first(&sc, c) <= d);
			assert_true(tl_col_last(&sc, c) >= d);
			assert_int_equal(tl_col(&sc, tl_col_first(&sc, c)), c);
			prev = c;
		}
	}
}

static void
test_years(void **state)
{
	struct tl_scale	sc = { TL_YEARS, 0, 60 };

	(void)state;
	sc.start = ymd(2024, 1, 1);
	assert_int_equal(tl_col(&sc, ymd(2024, 1, 31)), 0);
	assert_int_equal(tl_col(&sc, ymd(2026, 11, 22)), 34);
	assert_int_equal(tl_col_first(&sc, 34), ymd(2026, 11, 1));
	assert_int_equal(tl_col_last(&sc, 34), ymd(2026, 11, 30));
}

static void
test_span(void **state)
{
	struct tl_scale	sc = { TL_MONTHS, 0, 48 };
	int		a, b;

	(void)state;
	sc.start = ymd(2026, 1, 1);
	/* Inside. */
	assert_true(tl_span(&sc, ymd(2026, 2, 1), ymd(2026, 3, 31), &a, &b));
	assert_int_equal(a, 4);
	assert_int_equal(b, 11);
	/* Clipped at both edges; open ends run to the edges. */
	assert_true(tl_span(&sc, ymd(2020, 1, 1), ymd(2030, 1, 1), &a, &b));
	assert_int_equal(a, 0);
	assert_int_equal(b, 47);
	assert_true(tl_span(&sc, DATE_NONE, DATE_NONE, &a, &b));
	assert_int_equal(a, 0);
	assert_int_equal(b, 47);
	assert_true(tl_span(&sc, ymd(2026, 6, 1), DATE_NONE, &a, &b));
	assert_int_equal(a, 20);
	assert_int_equal(b, 47);
	/* Outside, and reversed. */
	assert_false(tl_span(&sc, ymd(2025, 1, 1), ymd(2025, 12, 31), &a, &b));
	assert_false(tl_span(&sc, ymd(2030, 1, 1), DATE_NONE, &a, &b));
	assert_false(tl_span(&sc, ymd(2026, 3, 1), ymd(2026, 2, 1), &a, &b));
}

static void
test_scroll_center(void **state)
{
	struct tl_scale	sc = { TL_MONTHS, 0, 60 };
	date_t		today = ymd(2026, 11, 22);
	int		c;

	(void)state;
	tl_center(&sc, today);
	c = tl_col(&sc, today);
	assert_true(c >= 0 && c < sc.cols);
	assert_true(c >= sc.cols / 2);
	assert_int_equal(tl_align(TL_MONTHS, sc.start), sc.start);
	tl_scroll(&sc, 1);
	assert_int_equal(tl_col(&sc, today), c - TL_MONTH_COLS);
	tl_scroll(&sc, -1);
	assert_int_equal(tl_col(&sc, today), c);

	/* Zooming keeps the day in view. */
	tl_set_zoom(&sc, TL_WEEKS, today);
	c = tl_col(&sc, today);
	assert_true(c >= 0 && c < sc.cols);
	assert_int_equal(tl_align(TL_WEEKS, sc.start), sc.start);
	tl_scroll(&sc, 1);
	assert_int_equal(tl_col(&sc, today), c - 7);
	tl_set_zoom(&sc, TL_YEARS, today);
	c = tl_col(&sc, today);
	assert_true(c >= 0 && c < sc.cols);
	tl_scroll(&sc, -1);
	assert_int_equal(tl_col(&sc, today), c + 12);
}

static void
test_uncovered(void **state)
{
	struct tl_period	 p[4], *g = NULL;
	size_t			 n;

	(void)state;
	/* No period: the whole range. */
	n = tl_uncovered(p, 0, ymd(2026, 1, 1), ymd(2026, 1, 31), &g);
	assert_int_equal(n, 1);
	assert_int_equal(g[0].start, ymd(2026, 1, 1));
	assert_int_equal(g[0].end, ymd(2026, 1, 31));
	free(g);

	/* A handover with a hole, an open coordinator, unordered input. */
	p[0].start = ymd(2026, 3, 1);
	p[0].end = DATE_NONE;
	p[1].start = ymd(2026, 1, 10);
	p[1].end = ymd(2026, 2, 14);
	n = tl_uncovered(p, 2, ymd(2026, 1, 1), ymd(2026, 11, 22), &g);
	assert_int_equal(n, 2);
	assert_int_equal(g[0].start, ymd(2026, 1, 1));
	assert_int_equal(g[0].end, ymd(2026, 1, 9));
	assert_int_equal(g[1].start, ymd(2026, 2, 15));
	assert_int_equal(g[1].end, ymd(2026, 2, 28));
	free(g);

	/* Touching and overlapping periods leave nothing. */
	p[0].start = ymd(2026, 1, 1);
	p[0].end = ymd(2026, 5, 31);
	p[1].start = ymd(2026, 6, 1);
	p[1].end = ymd(2026, 8, 31);
	p[2].start = ymd(2026, 7, 1);
	p[2].end = ymd(2026, 12, 31);
	n = tl_uncovered(p, 3, ymd(2026, 1, 1), ymd(2026, 11, 22), &g);
	assert_int_equal(n, 0);
	assert_null(g);

	/* The coordinator left: uncovered since the day after. */
	p[0].start = DATE_NONE;
	p[0].end = ymd(2026, 9, 30);
	n = tl_uncovered(p, 1, ymd(2026, 1, 1), ymd(2026, 11, 22), &g);
	assert_int_equal(n, 1);
	assert_int_equal(g[0].start, ymd(2026, 10, 1));
	assert_int_equal(g[0].end, ymd(2026, 11, 22));
	free(g);

	/* A period wholly before or after the range changes nothing. */
	p[0].start = ymd(2020, 1, 1);
	p[0].end = ymd(2020, 12, 31);
	p[1].start = ymd(2027, 1, 1);
	p[1].end = DATE_NONE;
	n = tl_uncovered(p, 2, ymd(2026, 1, 1), ymd(2026, 1, 2), &g);
	assert_int_equal(n, 1);
	assert_int_equal(g[0].start, ymd(2026, 1, 1));
	assert_int_equal(g[0].end, ymd(2026, 1, 2));
	free(g);

	/* An empty range. */
	n = tl_uncovered(p, 2, ymd(2026, 1, 2), ymd(2026, 1, 1), &g);
	assert_int_equal(n, 0);
}

static void
test_lapse(void **state)
{
	struct tl_right		r[4];
	struct tl_period	lapse;
	date_t			today = ymd(2026, 11, 22);

	(void)state;
	memset(r, 0, sizeof r);
	/* An AAH ended on 31 August with nothing after it. */
	r[0].kind = "aah";
	r[0].start = ymd(2024, 9, 1);
	r[0].end = ymd(2026, 8, 31);
	assert_true(tl_right_lapse(r, 1, 0, today, &lapse));
	assert_int_equal(lapse.start, ymd(2026, 9, 1));
	assert_int_equal(lapse.end, today);

	/* Renewed the next day: no lapse. */
	r[1].kind = "aah";
	r[1].start = ymd(2026, 9, 1);
	r[1].end = ymd(2031, 8, 31);
	assert_false(tl_right_lapse(r, 2, 0, today, &lapse));
	assert_false(tl_right_lapse(r, 2, 1, today, &lapse));

	/* Renewed late: the lapse runs until the renewal starts. */
	r[1].start = ymd(2026, 10, 15);
	assert_true(tl_right_lapse(r, 2, 0, today, &lapse));
	assert_int_equal(lapse.start, ymd(2026, 9, 1));
	assert_int_equal(lapse.end, ymd(2026, 10, 14));

	/* A right of another kind, or a refused one, renews nothing. */
	r[1].kind = "rsa";
	r[1].start = ymd(2026, 9, 1);
	assert_true(tl_right_lapse(r, 2, 0, today, &lapse));
	r[1].kind = "aah";
	r[1].refused = true;
	assert_true(tl_right_lapse(r, 2, 0, today, &lapse));
	/* A request not granted yet (no start) does not cover either. */
	r[1].refused = false;
	r[1].start = DATE_NONE;
	assert_true(tl_right_lapse(r, 2, 0, today, &lapse));

	/* Still running, ending today, for life, or refused: no lapse. */
	r[0].end = today;
	assert_false(tl_right_lapse(r, 1, 0, today, &lapse));
	r[0].end = ymd(2026, 8, 31);
	r[0].for_life = true;
	assert_false(tl_right_lapse(r, 1, 0, today, &lapse));
	r[0].for_life = false;
	r[0].refused = true;
	assert_false(tl_right_lapse(r, 1, 0, today, &lapse));
	r[0].refused = false;
	r[0].end = DATE_NONE;
	assert_false(tl_right_lapse(r, 1, 0, today, &lapse));
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_align),
		cmocka_unit_test(test_weeks),
		cmocka_unit_test(test_months),
		cmocka_unit_test(test_years),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_span),
		cmocka_unit_test(test_scroll_center),
		cmocka_unit_test(test_uncovered),
		cmocka_unit_test(test_lapse),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
