/*
 * Calendar dates as day numbers since 1970-01-01 in the proleptic Gregorian
 * calendar.  The conversions use Howard Hinnant's days-from-civil and
 * civil-from-days algorithms, which are exact for any year and do not
 * depend on the time zone, unlike mktime().  Parsing is strict: a date that
 * does not exist (30 February) or a year outside DATE_YEAR_MIN and
 * DATE_YEAR_MAX is refused with a reason the caller shows after the name of
 * the field.  "Today" can be pinned so that tests and "as of" views are
 * reproducible.
 */

#include "config.h"

#include "date.h"

#include <ctype.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xmalloc.h"

static date_t	date_pinned = DATE_NONE;

static bool
date_leap(int y)
{
	return ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
}

static int
date_month_days(int y, int m)
{
	static const int	days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && date_leap(y))
		return (29);
	return (days[m - 1]);
}

/* True if y-m-d exists in the calendar, whatever the year. */
static bool
date_calendar_ymd(int y, int m, int d)
{
	if (m < 1 || m > 12 || d < 1)
		return (false);
	return (d <= date_month_days(y, m));
}

/* Day number of a calendar date; the date must exist. */
static date_t
date_days_from_civil(int y, int m, int d)
{
	int		era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

/*
 * True if y-m-d is a real calendar date with a year between DATE_YEAR_MIN
 * and DATE_YEAR_MAX: the dates parcours accepts.
 */
bool
date_valid_ymd(int y, int m, int d)
{
	if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX)
		return (false);
	return (date_calendar_ymd(y, m, d));
}

/*
 * Returns the day number of y-m-d, or DATE_NONE if that day does not exist
 * (month outside 1-12, day past the month's end).  The year is not limited
 * to the accepted range here, so that arithmetic near the bounds works;
 * the parsers enforce the range.
 */
date_t
date_from_ymd(int y, int m, int d)
{
	if (y < -1000000 || y > 1000000 || !date_calendar_ymd(y, m, d))
		return (DATE_NONE);
	return (date_days_from_civil(y, m, d));
}

/* Splits a day number into year, month (1-12) and day (1-31).  DATE_NONE
 * gives 0, 0, 0. */
void
date_to_ymd(date_t date, int *y, int *m, int *d)
{
	long	z, era, doe, yoe, doy, mp;

	if (date == DATE_NONE) {
		*y = *m = *d = 0;
		return;
	}
	z = (long)date + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Reads exactly n ASCII digits at s into *out. */
static bool
date_digits(const char *s, size_t n, int *out)
{
	size_t	i;
	int	v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return (false);
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return (true);
}

/* Checks the range and the calendar once the shape has been recognised. */
static int
date_check(const char *s, int y, int m, int d, date_t *out, char **cause)
{
	if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX) {
		set_cause(cause, _("year out of range (%d to %d): \"%s\""),
		    DATE_YEAR_MIN, DATE_YEAR_MAX, s);
		return (-1);
	}
	if (!date_calendar_ymd(y, m, d)) {
		set_cause(cause, _("not a real calendar date: \"%s\""), s);
		return (-1);
	}
	*out = date_days_from_civil(y, m, d);
	return (0);
}

/*
 * Parses "YYYY-MM-DD" strictly: exactly ten characters, ASCII digits, a
 * real date in the accepted years.  Returns 0 and fills *out, or -1, leaves
 * *out alone and sets *cause (if cause is not NULL) to a new translated
 * reason without a field name, such as: not a real calendar date:
 * "2025-02-30".  The caller frees it.
 */
int
date_parse_iso(const char *s, date_t *out, char **cause)
{
	int	y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    !date_digits(s, 4, &y) || !date_digits(s + 5, 2, &m) ||
	    !date_digits(s + 8, 2, &d)) {
		set_cause(cause,
		    _("not a date (expected YYYY-MM-DD): \"%s\""), s);
		return (-1);
	}
	return (date_check(s, y, m, d, out, cause));
}

/* Reads one or two digits followed by '/' at *sp, advancing past both. */
static bool
date_user_field(const char **sp, int *out)
{
	const char	*s = *sp;

	if (s[0] >= '0' && s[0] <= '9' && s[1] == '/') {
		*out = s[0] - '0';
		*sp = s + 2;
		return (true);
	}
	if (date_digits(s, 2, out) && s[2] == '/') {
		*sp = s + 3;
		return (true);
	}
	return (false);
}

/*
 * Parses a date as a user types it: "YYYY-MM-DD", "dd/mm/yyyy" or
 * "d/m/yyyy", with blanks around allowed.  Same contract as
 * date_parse_iso(); the reason quotes the input without the blanks.
 */
int
date_parse_user(const char *s, date_t *out, char **cause)
{
	const char	*p, *end;
	char		*t;
	int		 y, m, d, rc;

	for (p = s; *p != '\0' && isspace((unsigned char)*p); p++)
		/* nothing */;
	end = p + strlen(p);
	while (end > p && isspace((unsigned char)end[-1]))
		end--;
	t = xstrndup(p, (size_t)(end - p));

	if (strlen(t) == 10 && t[4] == '-') {
		rc = date_parse_iso(t, out, cause);
		goto out;
	}
	p = t;
	if (!date_user_field(&p, &d) || !date_user_field(&p, &m) ||
	    strlen(p) != 4 || !date_digits(p, 4, &y)) {
		set_cause(cause,
		    _("not a date (expected dd/mm/yyyy or YYYY-MM-DD): \"%s\""),
		    t);
		rc = -1;
		goto out;
	}
	rc = date_check(t, y, m, d, out, cause);
out:
	free(t);
	return (rc);
}

/*
 * Writes "YYYY-MM-DD" into buf (11 bytes with the NUL); DATE_NONE gives
 * "".  Years outside 0-9999, which no parser produces, are written modulo
 * 10000 rather than overflowing the buffer.
 */
void
date_format_iso(date_t date, char buf[11])
{
	int	y, m, d;

	if (date == DATE_NONE) {
		buf[0] = '\0';
		return;
	}
	date_to_ymd(date, &y, &m, &d);
	y = ((y % 10000) + 10000) % 10000;
	buf[0] = '0' + y / 1000;
	buf[1] = '0' + y / 100 % 10;
	buf[2] = '0' + y / 10 % 10;
	buf[3] = '0' + y % 10;
	buf[4] = '-';
	buf[5] = '0' + m / 10;
	buf[6] = '0' + m % 10;
	buf[7] = '-';
	buf[8] = '0' + d / 10;
	buf[9] = '0' + d % 10;
	buf[10] = '\0';
}

/*
 * Writes the date as the user reads it: "dd/mm/yyyy" when the current
 * LC_TIME locale (as setlocale reports it, not the environment) is French,
 * "YYYY-MM-DD" otherwise.  DATE_NONE gives "".
 */
void
date_format_user(date_t date, char buf[11])
{
	const char	*loc;
	char		 iso[11];

	date_format_iso(date, iso);
	loc = setlocale(LC_TIME, NULL);
	if (iso[0] == '\0' || loc == NULL || strncmp(loc, "fr", 2) != 0) {
		memcpy(buf, iso, sizeof iso);
		return;
	}
	memcpy(buf, iso + 8, 2);
	buf[2] = '/';
	memcpy(buf + 3, iso + 5, 2);
	buf[5] = '/';
	memcpy(buf + 6, iso, 4);
	buf[10] = '\0';
}

/*
 * Adds n calendar months (n may be negative), clamping the day to the end
 * of the target month: 2026-01-31 + 1 month is 2026-02-28.  DATE_NONE
 * stays DATE_NONE.
 */
date_t
date_add_months(date_t date, int n)
{
	int	y, m, d;
	long	months;

	if (date == DATE_NONE)
		return (DATE_NONE);
	date_to_ymd(date, &y, &m, &d);
	months = (long)y * 12 + (m - 1) + n;
	y = (int)(months >= 0 ? months / 12 : (months - 11) / 12);
	m = (int)(months - (long)y * 12) + 1;
	if (d > date_month_days(y, m))
		d = date_month_days(y, m);
	return (date_from_ymd(y, m, d));
}

/*
 * Adds n years as 12 n months: 29 February becomes 28 February in a common
 * year.  This is calendar arithmetic (a deadline); for birthdays, which
 * fall on 1 March, use date_birthday().
 */
date_t
date_add_years(date_t date, int n)
{
	if (n > 1000000 || n < -1000000)
		return (DATE_NONE);
	return (date_add_months(date, n * 12));
}

/*
 * Returns the whole years of age at `on` of someone born on `birth`.  A
 * birthday on 29 February is reached on 1 March in common years.  The
 * result is negative if `on` comes before the birth, and -1 if either date
 * is DATE_NONE.
 */
int
date_age(date_t birth, date_t on)
{
	int	by, bm, bd, oy, om, od, age;

	if (birth == DATE_NONE || on == DATE_NONE)
		return (-1);
	date_to_ymd(birth, &by, &bm, &bd);
	date_to_ymd(on, &oy, &om, &od);
	/*
	 * Comparing (month, day) pairs gives the 1 March rule for free: in a
	 * common year 28 February is still before (2, 29) and 1 March is
	 * after it.
	 */
	age = oy - by;
	if (om < bm || (om == bm && od < bd))
		age--;
	return (age);
}

/*
 * Returns the date on which someone born on `birth` turns `years`: the
 * same day and month, or 1 March for a 29 February birth in a common year,
 * so that date_age() on that day is `years` and the day before it is one
 * less.  DATE_NONE gives DATE_NONE.
 */
date_t
date_birthday(date_t birth, int years)
{
	int	y, m, d;

	if (birth == DATE_NONE || years > 1000000 || years < -1000000)
		return (DATE_NONE);
	date_to_ymd(birth, &y, &m, &d);
	y += years;
	if (m == 2 && d == 29 && !date_leap(y)) {
		m = 3;
		d = 1;
	}
	return (date_from_ymd(y, m, d));
}

/* Pins today to date; DATE_NONE unpins (PARCOURS_TODAY then applies). */
void
date_set_today(date_t date)
{
	date_pinned = date;
}

/* The date in PARCOURS_TODAY, or DATE_NONE if unset or not a valid date. */
static date_t
date_env_today(void)
{
	const char	*s;
	date_t		 date;

	if ((s = getenv("PARCOURS_TODAY")) == NULL || *s == '\0')
		return (DATE_NONE);
	if (date_parse_iso(s, &date, NULL) != 0)
		return (DATE_NONE);
	return (date);
}

/*
 * Returns today: the date pinned by date_set_today(), else PARCOURS_TODAY
 * if it holds a valid ISO date, else the local calendar date.  The
 * environment is read on every call so that it can be changed.
 */
date_t
date_today(void)
{
	struct tm	tm;
	time_t		t;
	date_t		date;

	if (date_pinned != DATE_NONE)
		return (date_pinned);
	if ((date = date_env_today()) != DATE_NONE)
		return (date);
	t = time(NULL);
	if (localtime_r(&t, &tm) == NULL)
		fatal("localtime_r failed");
	return (date_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday));
}

/* True if today is pinned, by date_set_today() or a valid PARCOURS_TODAY. */
bool
date_today_pinned(void)
{
	return (date_pinned != DATE_NONE || date_env_today() != DATE_NONE);
}
