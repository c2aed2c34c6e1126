/*
 * The help screen: every key, generated from the action table — first the
 * actions of the screen it was opened from, then the global ones — so
 * that it cannot drift from what the keys really do.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui-screens.h"
#include "widget-list.h"
#include "xmalloc.h"

struct help_line {
	char	*keys;
	char	*text;
	bool	 heading;
};

struct help_state {
	struct help_line	*lines;
	size_t			 n;
	struct list_view	 list;
};

static const enum action help_actions[] = { ACT_UP, ACT_DOWN, ACT_PAGE_UP,
    ACT_PAGE_DOWN };

static void
add_line(struct help_state *st, char *keys, const char *text, bool heading)
{
	st->lines = xreallocarray(st->lines, st->n + 1, sizeof *st->lines);
	st->lines[st->n].keys = keys;
	st->lines[st->n].text = xstrdup(text);
	st->lines[st->n].heading = heading;
	st->n++;
}

/* The names of an action's keys, each once ("Enter" stands for both
 * the Return key and the keypad's Enter). */
static char *
keys_of(enum action a)
{
	struct buf	 b;
	char		*name[3] = { NULL, NULL, NULL };
	int		 i, j;

	buf_init(&b);
	for (i = 0; i < 3; i++) {
		if (action_table[a].keys[i] == 0)
			continue;
		/* action_key_name() may return a static buffer. */
		name[i] = xstrdup(action_key_name(a, i));
		for (j = 0; j < i; j++)
			if (name[j] != NULL && strcmp(name[j], name[i]) == 0)
				break;
		if (j == i)
			buf_printf(&b, "%s%s", b.len > 0 ? ", " : "",
			    name[i]);
	}
	for (i = 0; i < 3; i++)
		free(name[i]);
	return (buf_take(&b));
}

static int
help_init(struct screen *sc, void *arg, char **cause)
{
	struct help_state	*st = sc->state;
	struct screen		*below = arg;
	bool			 seen[ACT_COUNT] = { false };
	char			*title;
	size_t			 i;
	int			 a;

	(void)cause;
	if (below != NULL && below->ops->nactions > 0) {
		title = xasprintf(_("On this screen (%s)"),
		    _(below->ops->title));
		add_line(st, NULL, title, true);
		free(title);
		for (i = 0; i < below->ops->nactions; i++) {
			a = below->ops->actions[i];
			seen[a] = true;
			add_line(st, keys_of(a), _(action_table[a].help),
			    false);
		}
		add_line(st, NULL, "", false);
	}
	add_line(st, NULL, _("Everywhere"), true);
	for (a = 0; a < ACT_COUNT; a++) {
		if (seen[a] || !ui_action_global(a))
			continue;
		add_line(st, keys_of(a), _(action_table[a].help), false);
	}
	add_line(st, NULL, "", false);
	add_line(st, NULL, _("Text fields: type to edit, Backspace erases, "
	    "Ctrl-U clears, Enter confirms, Esc cancels."), false);
	add_line(st, NULL, _("Dates: dd/mm/yyyy or YYYY-MM-DD."), false);
	list_set_count(&st->list, st->n);
	return (0);
}

static void
help_free(struct screen *sc)
{
	struct help_state	*st = sc->state;
	size_t			 i;

	for (i = 0; i < st->n; i++) {
		free(st->lines[i].keys);
		free(st->lines[i].text);
	}
	free(st->lines);
}

static void
help_draw(struct screen *sc, WINDOW *w, int top, int height)
{
	struct help_state	*st = sc->state;
	size_t			 i;
	int			 x, y;

	list_scroll(&st->list, height);
	for (y = 0, i = st->list.top; i < st->n && y < height; i++, y++) {
		struct help_line *l = &st->lines[i];

		if (l->heading) {
			ui_put(w, top + y, 1, COLS - 2, l->text, UC_HEADER);
			continue;
		}
		ui_put(w, top + y, 2, 22, l->keys != NULL ? l->keys : "",
		    UC_TODAY);
		x = l->keys != NULL ? 25 : 2;
		ui_put_raw(w, top + y, x, COLS - x - 1, l->text, UC_NORMAL);
	}
}

static enum ui_result
help_action(struct screen *sc, enum action a)
{
	struct help_state	*st = sc->state;

	/* Scroll by pages: the whole help is read, not selected. */
	if (a == ACT_UP || a == ACT_DOWN || a == ACT_PAGE_UP ||
	    a == ACT_PAGE_DOWN || a == ACT_HOME || a == ACT_END) {
		if (a == ACT_DOWN && st->list.sel < st->list.top + (size_t)(LINES - 4))
			st->list.sel = st->list.top + (size_t)(LINES - 4);
		if (a == ACT_UP && st->list.sel > st->list.top)
			st->list.sel = st->list.top;
		list_action(&st->list, a, LINES - 3);
		return (UR_HANDLED);
	}
	if (a == ACT_HELP || a == ACT_OPEN)
		return (UR_CLOSE);
	return (UR_NONE);
}

const struct screen_ops ui_help_ops = {
	"help", N_("Help"), sizeof(struct help_state),
	help_actions, nitems(help_actions),
	help_init, help_free, NULL, help_draw, NULL, help_action, NULL, NULL
};
