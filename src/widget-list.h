/*
 * The scrolling list shared by every screen that shows rows: the cursor,
 * the first visible row, and the movement actions (arrows, j/k, pages,
 * Home/End).  The screen draws the rows; the list only says which.
 */
#ifndef PARCOURS_WIDGET_LIST_H
#define PARCOURS_WIDGET_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "action.h"

struct list_view {
	size_t	n;	/* rows */
	size_t	sel;	/* selected row (< n, or 0 when empty) */
	size_t	top;	/* first visible row */
};

/* Sets the row count, keeping the selection within it. */
void list_set_count(struct list_view *, size_t n);
/* Applies a movement action for a view of height rows; returns false if
 * the action is not a movement. */
bool list_action(struct list_view *, enum action, int height);
/* Adjusts top so that sel is visible in height rows. */
void list_scroll(struct list_view *, int height);

#endif
