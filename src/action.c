/*
 * The action table (see action.h) and the mapping from keys to actions.
 */
#include "config.h"
#include "action.h"

#include <stdio.h>

#include <curses.h>

#include "xmalloc.h"

const struct action_info action_table[ACT_COUNT] = {
#define X(id, name, bar, help, k1, k2, k3) { name, bar, help, { k1, k2, k3 } },
	ACTIONS(X)
#undef X
};

/* Keys that curses reports as codes, not characters. */
static bool
is_fn_key(int k)
{
	return (k >= KEY_MIN && k <= KEY_MAX);
}

enum action
action_for_key(wint_t key, bool fn)
{
	int	i, j, k;

	for (i = 0; i < ACT_COUNT; i++) {
		for (j = 0; j < 3; j++) {
			k = action_table[i].keys[j];
			if (k == 0)
				continue;
			if (fn == is_fn_key(k) && (wint_t)k == key)
				return ((enum action)i);
		}
	}
	return (ACT_NONE);
}

const char *
action_key_name(enum action a, int which)
{
	static char	buf[16];
	int		k;

	if (a < 0 || a >= ACT_COUNT || which < 0 || which > 2)
		return ("");
	k = action_table[a].keys[which];
	if (k == 0)
		return ("");
	if (k >= KEY_F(1) && k <= KEY_F(12)) {
		snprintf(buf, sizeof buf, "F%d", k - KEY_F(0));
		return (buf);
	}
	switch (k) {
	case KEY_UP: return ("↑");
	case KEY_DOWN: return ("↓");
	case KEY_LEFT: return ("←");
	case KEY_RIGHT: return ("→");
	case KEY_PPAGE: return (_("PgUp"));
	case KEY_NPAGE: return (_("PgDn"));
	case KEY_HOME: return (_("Home"));
	case KEY_END: return (_("End"));
	case KEY_BTAB: return (_("Shift-Tab"));
	case KEY_ENTER: case '\n': case '\r': return (_("Enter"));
	case 27: return (_("Esc"));
	case '\t': return (_("Tab"));
	case ' ': return (_("Space"));
	}
	if (k < 0x20) {
		snprintf(buf, sizeof buf, "Ctrl-%c", k + '@');
		return (buf);
	}
	snprintf(buf, sizeof buf, "%c", k);
	return (buf);
}
