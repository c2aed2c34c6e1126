/*
 * UTF-8 text for the screen and for search.  Text from the database is
 * never trusted: invalid sequences and unprintable characters become
 * U+FFFD, width is measured in screen columns (wcwidth), and truncation and
 * padding work on columns, never bytes, so that "Léa", "Œuvray", "Nguyễn"
 * and "张伟" line up.  These functions need setlocale() to have selected a
 * UTF-8 locale for wcwidth; without one they treat every printable
 * character as one column wide.
 */
#ifndef PARCOURS_TEXT_H
#define PARCOURS_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True if the len bytes at s are valid UTF-8 (no overlongs, surrogates or
 * code points past U+10FFFF). */
bool text_valid_utf8(const char *s, size_t len);
/* Writes len bytes as lower-case hexadecimal into out (2 * len + 1). */
void text_hex(const unsigned char *in, size_t len, char *out);
/* Number of code points in a valid UTF-8 string. */
size_t text_length(const char *);
/*
 * Returns a copy of s in which invalid UTF-8 and control characters
 * (C0, DEL, C1) are replaced by U+FFFD; with keep_newlines, "\n" and "\t"
 * are kept.  The caller frees the result.  Never fails.
 */
char *text_sanitize(const char *s, bool keep_newlines);
/* Width of s in screen columns (after the sanitising above). */
int text_width(const char *);
/*
 * Returns s cut to at most `cols` columns, ending with "…" when it was
 * cut, then padded with spaces to exactly `cols` columns if pad is true.
 * A wide character that would straddle the limit is dropped.  The caller
 * frees the result.
 */
char *text_fit(const char *s, int cols, bool pad);
/* Like text_fit without the ellipsis, padding on the left (numbers). */
char *text_fit_right(const char *s, int cols);
/*
 * Returns the search key of s: lower case, diacritics removed (é→e, Œ→oe,
 * ß→ss, ễ→e …), other characters kept, runs of spaces collapsed.  Used for
 * the accent- and case-insensitive person search.  Caller frees.
 */
char *text_fold(const char *s);
/* The number of distinct strings among the n of list (sorted in place;
 * NULL entries are not counted). */
size_t text_count_distinct(const char **list, size_t n);

#endif
