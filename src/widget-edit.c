/*
 * The one-line editor (see widget-edit.h).  Line breaks already in a
 * text (a journal entry edited on one line) are kept and shown as "↵".
 */
#include "config.h"
#include "widget-edit.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "action.h"
#include "ui.h"
#include "xmalloc.h"

void
edit_set(struct line_edit *ed, const char *text)
{
	size_t	n = 0;

	if (text != NULL)
		n = mbstowcs(ed->buf, text, EDIT_MAX - 1);
	ed->len = n == (size_t)-1 ? 0 : n;
	ed->buf[ed->len] = L'\0';
	ed->cur = ed->len;
}

/* UTF-8 of part of the buffer; shown: line breaks as a visible mark. */
static char *
to_utf8(const wchar_t *w, size_t n, bool shown)
{
	struct buf	b;
	char		mb[MB_LEN_MAX + 1];
	size_t		i;
	int		k;

	buf_init(&b);
	buf_puts(&b, "");
	for (i = 0; i < n; i++) {
		if (shown && w[i] == L'\n') {
			buf_puts(&b, MB_CUR_MAX > 1 ? "↵" : "|");
			continue;
		}
		k = wctomb(mb, w[i]);
		if (k > 0)
			buf_add(&b, mb, (size_t)k);
	}
	return (buf_take(&b));
}

char *
edit_text(const struct line_edit *ed)
{
	return (to_utf8(ed->buf, ed->len, false));
}

static void
delete_at(struct line_edit *ed, size_t at)
{
	if (at >= ed->len)
		return;
	wmemmove(ed->buf + at, ed->buf + at + 1, ed->len - at - 1);
	ed->len--;
	ed->buf[ed->len] = L'\0';
}

enum edit_result
edit_key(struct line_edit *ed, wint_t ch, bool fn)
{
	if (fn) {
		switch (ch) {
		case KEY_LEFT:
			if (ed->cur > 0)
				ed->cur--;
			return (EDIT_GOING);
		case KEY_RIGHT:
			if (ed->cur < ed->len)
				ed->cur++;
			return (EDIT_GOING);
		case KEY_HOME:
			ed->cur = 0;
			return (EDIT_GOING);
		case KEY_END:
			ed->cur = ed->len;
			return (EDIT_GOING);
		case KEY_BACKSPACE:
			if (ed->cur > 0)
				delete_at(ed, --ed->cur);
			return (EDIT_GOING);
		case KEY_DC:
			delete_at(ed, ed->cur);
			return (EDIT_GOING);
		case KEY_ENTER:
			return (EDIT_DONE);
		case KEY_RESIZE:
			return (EDIT_GOING);
		default:
			return (EDIT_PASS);
		}
	}
	switch (ch) {
	case 27:
		return (EDIT_CANCEL);
	case '\n':
	case '\r':
	case '\t':
		return (EDIT_DONE);
	case 127:
	case 8:
		if (ed->cur > 0)
			delete_at(ed, --ed->cur);
		return (EDIT_GOING);
	case CTRL('u'):
		ed->len = ed->cur = 0;
		ed->buf[0] = L'\0';
		return (EDIT_GOING);
	case CTRL('a'):
		ed->cur = 0;
		return (EDIT_GOING);
	case CTRL('e'):
		ed->cur = ed->len;
		return (EDIT_GOING);
	}
	if (!iswprint(ch))
		return (EDIT_PASS);
	if (ed->len < EDIT_MAX - 1) {
		wmemmove(ed->buf + ed->cur + 1, ed->buf + ed->cur,
		    ed->len - ed->cur);
		ed->buf[ed->cur++] = (wchar_t)ch;
		ed->buf[++ed->len] = L'\0';
	}
	return (EDIT_GOING);
}

static int
cell_width(wchar_t c)
{
	int	w = c == L'\n' ? 1 : wcwidth(c);

	return (w < 0 ? 1 : w);
}

void
edit_draw(const struct line_edit *ed, WINDOW *w, int y, int x, int width)
{
	size_t	first = 0, i;
	int	cols, cw;
	char	*s;

	if (width < 2)
		return;
	ui_fill(w, y, x, width, UC_INPUT);
	/* Scroll so that the cursor stays in view. */
	for (;;) {
		for (cols = 0, i = first; i < ed->cur; i++)
			cols += cell_width(ed->buf[i]);
		if (cols < width - 1 || first >= ed->cur)
			break;
		first++;
	}
	s = to_utf8(ed->buf + first, ed->cur - first, true);
	cols = ui_put_raw(w, y, x, width, s, UC_INPUT);
	free(s);
	if (cols >= width)
		return;
	if (ed->cur == ed->len) {
		ui_put_raw(w, y, x + cols, width - cols, " ", UC_SELECTED);
		return;
	}
	cw = cell_width(ed->buf[ed->cur]);
	s = to_utf8(ed->buf + ed->cur, 1, true);
	ui_put_raw(w, y, x + cols, width - cols, s, UC_SELECTED);
	free(s);
	s = to_utf8(ed->buf + ed->cur + 1, ed->len - ed->cur - 1, true);
	ui_put_raw(w, y, x + cols + cw, width - cols - cw, s, UC_INPUT);
	free(s);
}
