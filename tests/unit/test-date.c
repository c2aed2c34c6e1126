/*
 * Unit tests for date.c: strict parsing (impossible days, leap years and
 * centuries, the accepted years), the day-number conversions, the user
 * forms, ages and birthdays around 29 February, month arithmetic and the
 * pinning of "today".
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
#include "xmalloc.h"

static date_t
ymd(int y, int m, int d)
{
	date_t	date = date_from_ymd(y, m, d);

	assert_int_not_equal(date, DATE_NONE);
	return (date);
}

static date_t
iso(const char *s)
{
	date_t	 date = DATE_NONE;
	char	*cause = NULL;

	if (date_parse_iso(s, &date, &cause) != 0)
		fail_msg("%s: %s", s, cause);
	return (date);
}

/* Asserts that parser refuses s with a cause containing want. */
static void
refused(int (*parse)(const char *, date_t *, char **), const char *s,
    const char *want)
{
	date_t	 date = 12345;
	char	*cause = NULL;

	assert_int_equal(parse(s, &date, &cause), -1);
	assert_int_equal(date, 12345);
	assert_non_null(cause);
	if (strstr(cause, want) == NULL)
		fail_msg("cause for \"%s\" is \"%s\", expected \"%s\"", s, cause,
		    want);
	free(cause);

	/* A NULL cause is allowed. */
	assert_int_equal(parse(s, &date, NULL), -1);
}

static void
test_epoch(void **state)
{
	char	buf[11];
	int	y, m, d;

	(void)state;
	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_from_ymd(1970, 1, 2), 1);
	assert_int_equal(date_from_ymd(1969, 12, 31), -1);
	assert_int_equal(date_from_ymd(2000, 3, 1), 11017);
	assert_int_equal(date_from_ymd(1900, 1, 1), -25567);
	date_to_ymd(-25567, &y, &m, &d);
	assert_int_equal(y, 1900);
	assert_int_equal(m, 1);
	assert_int_equal(d, 1);
	date_format_iso(date_from_ymd(2025, 3, 9), buf);
	assert_string_equal(buf, "2025-03-09");
	date_format_iso(DATE_NONE, buf);
	assert_string_equal(buf, "");
}

static void
test_invalid_day(void **state)
{
	(void)state;
	refused(date_parse_iso, "2025-02-30",
	    "not a real calendar date: \"2025-02-30\"");
	refused(date_parse_iso, "2025-04-31", "not a real calendar date");
	refused(date_parse_iso, "2025-13-01", "not a real calendar date");
	refused(date_parse_iso, "2025-00-10", "not a real calendar date");
	refused(date_parse_iso, "2025-01-00", "not a real calendar date");
	assert_false(date_valid_ymd(2025, 2, 30));
	assert_int_equal(date_from_ymd(2025, 2, 30), DATE_NONE);
	assert_int_equal(date_from_ymd(2025, 13, 1), DATE_NONE);
}

static void
test_leap(void **state)
{
	(void)state;
	assert_int_equal(iso("2024-02-29"), ymd(2024, 2, 29));
	assert_true(date_valid_ymd(2024, 2, 29));
	refused(date_parse_iso, "2023-02-29", "not a real calendar date");
	assert_false(date_valid_ymd(2023, 2, 29));

	/* 2000 is a leap year (divisible by 400), 2100 and 1900 are not. */
	assert_true(date_valid_ymd(2000, 2, 29));
	assert_int_equal(iso("2000-03-01") - iso("2000-02-28"), 2);
	assert_false(date_valid_ymd(2100, 2, 29));
	refused(date_parse_iso, "2100-02-29", "not a real calendar date");
	assert_int_equal(iso("2100-03-01") - iso("2100-02-28"), 1);
	assert_false(date_valid_ymd(1900, 2, 29));
	assert_int_equal(iso("2101-01-01") - iso("2100-01-01"), 365);
	assert_int_equal(iso("2001-01-01") - iso("2000-01-01"), 366);
}

static void
test_bounds(void **state)
{
	(void)state;
	assert_int_equal(iso("1900-01-01"), ymd(1900, 1, 1));
	assert_int_equal(iso("2200-12-31"), ymd(2200, 12, 31));
	refused(date_parse_iso, "1899-12-31", "year out of range");
	refused(date_parse_iso, "2201-01-01", "year out of range");
	refused(date_parse_iso, "0000-01-01", "year out of range");
	assert_true(date_valid_ymd(1900, 1, 1));
	assert_true(date_valid_ymd(2200, 12, 31));
	assert_false(date_valid_ymd(1899, 12, 31));
	assert_false(date_valid_ymd(2201, 1, 1));
}

static void
test_shape(void **state)
{
	static const char	*bad[] = {
		"", "2025-1-05", "2025-01-5", "20026-01-01", "2025/01/05",
		"2025-01-05 ", " 2025-01-05", "2025-01-05T00:00", "２025-01-05",
		"2025-0a-05", "+025-01-05", "2025-01--5", "05/01/2025",
	};
	size_t			 i;

	(void)state;
	for (i = 0; i < nitems(bad); i++)
		refused(date_parse_iso, bad[i], "expected YYYY-MM-DD");
}

static void
test_round_trip(void **state)
{
	date_t	date, back, prev;
	int	y, m, d, y2, m2, d2;
	char	buf[11];

	(void)state;
	prev = date_from_ymd(1899, 12, 31);
	for (y = 1900; y <= 2200; y++) {
		for (m = 1; m <= 12; m++) {
			for (d = 1; d <= 31; d++) {
				if (!date_valid_ymd(y, m, d))
					continue;
				date = date_from_ymd(y, m, d);
				assert_int_equal(date, prev + 1);
				prev = date;
				date_to_ymd(date, &y2, &m2, &d2);
				assert_int_equal(y2, y);
				assert_int_equal(m2, m);
				assert_int_equal(d2, d);
				date_format_iso(date, buf);
				back = DATE_NONE;
				assert_int_equal(date_parse_iso(buf, &back,
				    NULL), 0);
				assert_int_equal(back, date);
			}
		}
	}
	assert_int_equal(prev, date_from_ymd(2200, 12, 31));
	/* 301 years of which 73 are leap (1900, 2100 and 2200 are not). */
	assert_int_equal(prev - date_from_ymd(1900, 1, 1) + 1,
	    301 * 365 + 73);

	/* Far from the epoch in both directions, outside the accepted range. */
	for (date = -1000000; date <= 1000000; date += 997) {
		date_to_ymd(date, &y, &m, &d);
		assert_int_equal(date_from_ymd(y, m, d), date);
	}
}

static void
test_user(void **state)
{
	date_t	date;

	(void)state;
	date = DATE_NONE;
	assert_int_equal(date_parse_user("05/03/2025", &date, NULL), 0);
	assert_int_equal(date, ymd(2025, 3, 5));
	assert_int_equal(date_parse_user("5/3/2025", &date, NULL), 0);
	assert_int_equal(date, ymd(2025, 3, 5));
	assert_int_equal(date_parse_user("31/12/1999", &date, NULL), 0);
	assert_int_equal(date, ymd(1999, 12, 31));
	assert_int_equal(date_parse_user("29/02/2024", &date, NULL), 0);
	assert_int_equal(date, ymd(2024, 2, 29));
	assert_int_equal(date_parse_user("2025-03-05", &date, NULL), 0);
	assert_int_equal(date, ymd(2025, 3, 5));
	assert_int_equal(date_parse_user("  1/1/2000 ", &date, NULL), 0);
	assert_int_equal(date, ymd(2000, 1, 1));

	refused(date_parse_user, "30/02/2025",
	    "not a real calendar date: \"30/02/2025\"");
	refused(date_parse_user, "29/02/2023", "not a real calendar date");
	refused(date_parse_user, "2025-02-30", "not a real calendar date");
	refused(date_parse_user, "12/25/2025", "not a real calendar date");
	refused(date_parse_user, "01/01/1899", "year out of range");
	refused(date_parse_user, "01/01/25", "not a date");
	refused(date_parse_user, "001/01/2025", "not a date");
	refused(date_parse_user, "1/1/20250", "not a date");
	refused(date_parse_user, "1.1.2025", "not a date");
	refused(date_parse_user, "", "not a date");
	refused(date_parse_user, "demain", "not a date");
}

static void
test_format_user(void **state)
{
	char	buf[11];
	char	*old;

	(void)state;
	old = xstrdup(setlocale(LC_TIME, NULL));
	assert_non_null(setlocale(LC_TIME, "C"));
	date_format_user(ymd(2025, 3, 5), buf);
	assert_string_equal(buf, "2025-03-05");
	if (setlocale(LC_TIME, "fr_FR.UTF-8") != NULL ||
	    setlocale(LC_TIME, "fr_FR.utf8") != NULL) {
		date_format_user(ymd(2025, 3, 5), buf);
		assert_string_equal(buf, "05/03/2025");
	}
	setlocale(LC_TIME, old);
	free(old);
}

static void
test_age(void **state)
{
	date_t	birth;

	(void)state;
	birth = ymd(2008, 6, 15);
	assert_int_equal(date_age(birth, ymd(2025, 6, 14)), 16);
	assert_int_equal(date_age(birth, ymd(2025, 6, 15)), 17);
	assert_int_equal(date_age(birth, ymd(2025, 6, 16)), 17);
	assert_int_equal(date_age(birth, birth), 0);
	assert_int_equal(date_birthday(birth, 17), ymd(2025, 6, 15));
	assert_int_equal(date_age(birth, DATE_NONE), -1);

	/* Born on 29 February: 17 on 1 March in a common year. */
	birth = ymd(2008, 2, 29);
	assert_int_equal(date_age(birth, ymd(2025, 2, 28)), 16);
	assert_int_equal(date_age(birth, ymd(2025, 3, 1)), 17);
	assert_int_equal(date_birthday(birth, 17), ymd(2025, 3, 1));
	/* ... and on 29 February in a leap year. */
	assert_int_equal(date_age(birth, ymd(2024, 2, 28)), 15);
	assert_int_equal(date_age(birth, ymd(2024, 2, 29)), 16);
	assert_int_equal(date_birthday(birth, 16), ymd(2024, 2, 29));
	/* 2100 is not a leap year. */
	assert_int_equal(date_birthday(birth, 92), ymd(2100, 3, 1));

	/* date_birthday and date_age agree, whatever the birth date. */
	for (birth = ymd(1999, 1, 1); birth <= ymd(2009, 1, 1); birth++) {
		date_t	b18 = date_birthday(birth, 18);

		assert_int_equal(date_age(birth, b18), 18);
		assert_int_equal(date_age(birth, b18 - 1), 17);
	}
}

static void
test_add_months(void **state)
{
	(void)state;
	assert_int_equal(date_add_months(ymd(2026, 1, 31), 1), ymd(2026, 2, 28));
	assert_int_equal(date_add_months(ymd(2024, 1, 31), 1), ymd(2024, 2, 29));
	assert_int_equal(date_add_months(ymd(2026, 3, 31), 1), ymd(2026, 4, 30));
	assert_int_equal(date_add_months(ymd(2026, 1, 15), 12), ymd(2027, 1, 15));
	assert_int_equal(date_add_months(ymd(2026, 11, 30), 3), ymd(2027, 2, 28));
	assert_int_equal(date_add_months(ymd(2026, 3, 31), -1), ymd(2026, 2, 28));
	assert_int_equal(date_add_months(ymd(2026, 1, 10), -1), ymd(2025, 12, 10));
	assert_int_equal(date_add_months(ymd(2026, 1, 10), -13), ymd(2024, 12, 10));
	assert_int_equal(date_add_months(ymd(2026, 5, 10), 0), ymd(2026, 5, 10));
	assert_int_equal(date_add_years(ymd(2024, 2, 29), 1), ymd(2025, 2, 28));
	assert_int_equal(date_add_years(ymd(2024, 2, 29), 4), ymd(2028, 2, 29));
	assert_int_equal(date_add_months(DATE_NONE, 1), DATE_NONE);
}

static void
test_today(void **state)
{
	date_t	real;

	(void)state;
	unsetenv("PARCOURS_TODAY");
	date_set_today(DATE_NONE);
	assert_false(date_today_pinned());
	real = date_today();
	assert_true(real > ymd(2020, 1, 1));

	date_set_today(ymd(2031, 7, 14));
	assert_true(date_today_pinned());
	assert_int_equal(date_today(), ymd(2031, 7, 14));

	/* The pinned date wins over the environment. */
	assert_int_equal(setenv("PARCOURS_TODAY", "2030-01-02", 1), 0);
	assert_int_equal(date_today(), ymd(2031, 7, 14));
	date_set_today(DATE_NONE);
	assert_true(date_today_pinned());
	assert_int_equal(date_today(), ymd(2030, 1, 2));

	/* An invalid PARCOURS_TODAY is ignored. */
	assert_int_equal(setenv("PARCOURS_TODAY", "2030-02-30", 1), 0);
	assert_false(date_today_pinned());
	assert_int_equal(date_today(), real);
	unsetenv("PARCOURS_TODAY");
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_epoch),
		cmocka_unit_test(test_invalid_day),
		cmocka_unit_test(test_leap),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_shape),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_user),
		cmocka_unit_test(test_format_user),
		cmocka_unit_test(test_age),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_today),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
