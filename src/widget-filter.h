/*
 * Filter-as-you-type for lists: the text typed after '/', edited with
 * Backspace and Ctrl-U, kept with Enter, dropped with Esc, and the test of
 * a row against it.  Matching is on folded text (text_fold: accents and
 * case ignored) and every word of the query must appear, so a screen
 * folds its rows once when it loads them and a keystroke costs only a
 * scan of short strings.
 */
#ifndef PARCOURS_WIDGET_FILTER_H
#define PARCOURS_WIDGET_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#define FILTER_WORDS 16

struct filter {
	bool	 typing;		/* keys go to the query */
	char	 query[256];		/* as typed, UTF-8 */
	char	*folded;		/* the folded query, cut into words */
	char	*words[FILTER_WORDS];
	size_t	 nwords;
};

enum filter_result {
	FILTER_IGNORED,		/* not for the filter: a screen action */
	FILTER_HANDLED,		/* taken, the rows shown do not change */
	FILTER_CHANGED		/* the query changed: filter again */
};

/* Starts typing (the query is kept, so typing goes on after it). */
void filter_start(struct filter *);
/* Empties the query and stops typing. */
void filter_clear(struct filter *);
/* True if there is a query to apply. */
bool filter_active(const struct filter *);
/*
 * Takes a key while typing: text, Backspace, Ctrl-U, Enter (stop typing,
 * keep the query), Esc (stop typing, drop the query).  Function keys
 * other than Backspace and Enter are left to the screen (arrows still
 * move the selection).  Returns FILTER_IGNORED when not typing.
 */
enum filter_result filter_key(struct filter *, wint_t, bool fn);
/* True if every word of the query appears in the folded key. */
bool filter_match(struct filter *, const char *folded_key);
/* Frees what the filter holds. */
void filter_done(struct filter *);

#endif
