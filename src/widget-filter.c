/*
 * Filter-as-you-type (see widget-filter.h).
 */
#include "config.h"
#include "widget-filter.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include <curses.h>

#include "action.h"
#include "text.h"
#include "xmalloc.h"

/* Folds the query and cuts it into words, once per change. */
static void
prepare(struct filter *f)
{
	char	*save = NULL, *w;

	free(f->folded);
	f->folded = text_fold(f->query);
	f->nwords = 0;
	for (w = strtok_r(f->folded, " ", &save);
	    w != NULL && f->nwords < FILTER_WORDS;
	    w = strtok_r(NULL, " ", &save))
		f->words[f->nwords++] = w;
}

void
filter_start(struct filter *f)
{
	f->typing = true;
}

void
filter_clear(struct filter *f)
{
	f->typing = false;
	f->query[0] = '\0';
	prepare(f);
}

bool
filter_active(const struct filter *f)
{
	return (f->query[0] != '\0');
}

enum filter_result
filter_key(struct filter *f, wint_t ch, bool fn)
{
	size_t	len = strlen(f->query);
	char	mb[MB_LEN_MAX + 1];
	int	n;

	if (!f->typing)
		return (FILTER_IGNORED);
	if ((fn && ch == KEY_ENTER) || (!fn && ch == '\n')) {
		f->typing = false;
		return (FILTER_HANDLED);
	}
	if ((fn && ch == KEY_BACKSPACE) || (!fn && (ch == 127 || ch == 8))) {
		while (len > 0 &&
		    ((unsigned char)f->query[len - 1] & 0xc0) == 0x80)
			len--;
		if (len > 0)
			len--;
		f->query[len] = '\0';
		prepare(f);
		return (FILTER_CHANGED);
	}
	if (fn)
		return (FILTER_IGNORED);
	if (ch == 27) {
		filter_clear(f);
		return (FILTER_CHANGED);
	}
	if (ch == CTRL('u')) {
		f->query[0] = '\0';
		prepare(f);
		return (FILTER_CHANGED);
	}
	if (!iswprint(ch))
		return (FILTER_IGNORED);
	n = wctomb(mb, (wchar_t)ch);
	if (n <= 0 || len + (size_t)n >= sizeof f->query)
		return (FILTER_HANDLED);
	memcpy(f->query + len, mb, (size_t)n);
	f->query[len + (size_t)n] = '\0';
	prepare(f);
	return (FILTER_CHANGED);
}

bool
filter_match(struct filter *f, const char *key)
{
	size_t	i;

	if (f->folded == NULL)
		prepare(f);
	for (i = 0; i < f->nwords; i++)
		if (key == NULL || strstr(key, f->words[i]) == NULL)
			return (false);
	return (true);
}

void
filter_done(struct filter *f)
{
	free(f->folded);
	f->folded = NULL;
	f->nwords = 0;
}
