/*
 * The modal picker used by forms for enumerations, partners and
 * professionals: a list of labels filtered as you type (accents and case
 * ignored), chosen with Enter, cancelled with Esc.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "text.h"
#include "ui.h"
#include "widget-list.h"
#include "xmalloc.h"

/* Whether every word of the folded query appears in the folded label. */
static bool
matches(const char *folded_label, const char *folded_query)
{
	char	*q = xstrdup(folded_query), *w, *save = NULL;
	bool	 ok = true;

	for (w = strtok_r(q, " ", &save); w != NULL && ok;
	    w = strtok_r(NULL, " ", &save))
		ok = strstr(folded_label, w) != NULL;
	free(q);
	return (ok);
}

int
ui_pick(const char *title, const char *const *labels, size_t n,
    size_t initial)
{
	struct list_view	 lv = { 0, 0, 0 };
	char			**folded, *fq = NULL, query[256] = "";
	size_t			*shown, ns, i, qlen = 0;
	wint_t			 ch;
	int			 rc, result = -1, top = 2, height, y;
	enum action		 a;

	folded = xcalloc(n, sizeof *folded);
	shown = xcalloc(n > 0 ? n : 1, sizeof *shown);
	for (i = 0; i < n; i++)
		folded[i] = text_fold(labels[i]);
	for (;;) {
		free(fq);
		fq = text_fold(query);
		for (ns = 0, i = 0; i < n; i++)
			if (matches(folded[i], fq))
				shown[ns++] = i;
		list_set_count(&lv, ns);
		if (initial < n && query[0] == '\0') {
			for (i = 0; i < ns; i++)
				if (shown[i] == initial)
					lv.sel = i;
			initial = (size_t)-1;
		}
		height = LINES - top - 2;
		list_scroll(&lv, height);
		erase();
		ui_put(stdscr, 0, 0, COLS, title, UC_TITLE);
		{
			char *f = xasprintf(_("Filter: %s"), query);
			ui_put(stdscr, 1, 0, COLS, f, UC_INPUT);
			free(f);
		}
		for (y = 0, i = lv.top; i < ns && y < height; i++, y++)
			ui_put(stdscr, top + y, 1, COLS - 2, labels[shown[i]],
			    i == lv.sel ? UC_SELECTED : UC_NORMAL);
		if (ns == 0)
			ui_put(stdscr, top, 1, COLS - 2, _("(nothing matches)"),
			    UC_DIM);
		ui_put(stdscr, LINES - 1, 0, COLS, _("Type to filter · "
		    "Enter: choose · Esc: cancel"), UC_STATUS);
		refresh();
		if ((rc = ui_modal_key(&ch)) == ERR)
			break;
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE)
			continue;
		if (rc == OK && ch == 27)
			break;
		if ((rc == OK && (ch == '\n' || ch == '\r')) ||
		    (rc == KEY_CODE_YES && ch == KEY_ENTER)) {
			if (ns > 0)
				result = (int)shown[lv.sel];
			break;
		}
		if ((rc == KEY_CODE_YES && ch == KEY_BACKSPACE) ||
		    (rc == OK && (ch == 127 || ch == 8))) {
			while (qlen > 0 &&
			    ((unsigned char)query[qlen - 1] & 0xc0) == 0x80)
				qlen--;
			if (qlen > 0)
				qlen--;
			query[qlen] = '\0';
			continue;
		}
		if (rc == KEY_CODE_YES) {
			a = action_for_key(ch, true);
			if (a != ACT_NONE)
				list_action(&lv, a, height);
			continue;
		}
		if (iswprint(ch)) {
			char mb[MB_LEN_MAX + 1];
			int k = wctomb(mb, (wchar_t)ch);

			if (k > 0 && qlen + (size_t)k < sizeof query) {
				memcpy(query + qlen, mb, (size_t)k);
				qlen += (size_t)k;
				query[qlen] = '\0';
			}
		}
	}
	for (i = 0; i < n; i++)
		free(folded[i]);
	free(folded);
	free(shown);
	free(fq);
	return (result);
}
