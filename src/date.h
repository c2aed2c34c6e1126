/*
 * Calendar dates as day numbers.  Dates are stored as ISO 8601 text
 * (YYYY-MM-DD) and computed on as a count of days since 1970-01-01 (the
 * proleptic Gregorian calendar).  "Today" can be pinned for tests and for
 * looking ahead: date_set_today() or the PARCOURS_TODAY environment
 * variable.
 */
#ifndef PARCOURS_DATE_H
#define PARCOURS_DATE_H

#include <stdbool.h>

/* Days since 1970-01-01; DATE_NONE for "no date". */
typedef int date_t;
#define DATE_NONE (-2147483647 - 1)

/* Years accepted anywhere: narrow enough to catch typos like 20026. */
#define DATE_YEAR_MIN 1900
#define DATE_YEAR_MAX 2200

bool date_valid_ymd(int y, int m, int d);
date_t date_from_ymd(int y, int m, int d);
void date_to_ymd(date_t, int *y, int *m, int *d);

/*
 * Parses "YYYY-MM-DD" strictly (exactly that shape, a real calendar date
 * between DATE_YEAR_MIN and DATE_YEAR_MAX).  Returns 0 and fills *out, or -1
 * and sets *cause to a translated reason such as "not a date" (no field
 * name: the caller adds it).
 */
int date_parse_iso(const char *, date_t *out, char **cause);
/*
 * Parses user input: ISO, or dd/mm/yyyy (also d/m/yyyy), as a user types
 * it.  Same contract as date_parse_iso().
 */
int date_parse_user(const char *, date_t *out, char **cause);
/* Writes "YYYY-MM-DD" (11 bytes with the NUL) into buf. */
void date_format_iso(date_t, char buf[11]);
/* Writes the date as the user reads it: dd/mm/yyyy under a French locale
 * (LC_TIME starting with "fr"), ISO otherwise. */
void date_format_user(date_t, char buf[11]);

/* Adds n calendar months; the day is clamped to the target month's end
 * (31 January + 1 month = 28 or 29 February). */
date_t date_add_months(date_t, int n);
date_t date_add_years(date_t, int n);
/* Whole years of age at `on` for a birth date (29 February birthdays fall
 * on 1 March in common years). */
int date_age(date_t birth, date_t on);
/* The date on which someone born on `birth` turns `years`. */
date_t date_birthday(date_t birth, int years);

/* Pins today (DATE_NONE to unpin). */
void date_set_today(date_t);
/* Today: the pinned date, else PARCOURS_TODAY if it parses, else the local
 * calendar date. */
date_t date_today(void);
/* True if today is pinned (by date_set_today or PARCOURS_TODAY). */
bool date_today_pinned(void);

#endif
