/*
 * A one-line text editor drawn in place (form fields): insertion at a
 * cursor, Backspace and Delete, Home/End and Ctrl-A/Ctrl-E, Ctrl-U to
 * clear.  Text is held as wide characters and measured in screen
 * columns; the cursor is drawn as a reversed cell so that the editor
 * needs no terminal cursor.  The caller decides what Enter, Esc and the
 * other keys mean.
 */
#ifndef PARCOURS_WIDGET_EDIT_H
#define PARCOURS_WIDGET_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>
#include <curses.h>

#define EDIT_MAX 2048

struct line_edit {
	wchar_t	buf[EDIT_MAX];
	size_t	len;
	size_t	cur;
};

enum edit_result {
	EDIT_GOING,	/* the key edited or moved: keep editing */
	EDIT_DONE,	/* Enter or Tab: keep the text */
	EDIT_CANCEL,	/* Esc: forget the changes */
	EDIT_PASS	/* not an editing key: the caller handles it */
};

/* Starts editing text (UTF-8, may be NULL), the cursor at its end. */
void edit_set(struct line_edit *, const char *text);
/* The text being edited, in UTF-8 (caller frees). */
char *edit_text(const struct line_edit *);
/* Applies a key read with get_wch (fn: a curses key code). */
enum edit_result edit_key(struct line_edit *, wint_t ch, bool fn);
/* Draws the text in width columns at (y, x), scrolled to the cursor. */
void edit_draw(const struct line_edit *, WINDOW *, int y, int x,
    int width);

#endif
