/*
 * Every action a person can take in the full-screen interface, declared
 * once: its name, the keys that trigger it, the label of the bottom key
 * bar and the help text.  The help screen and the key bar are generated
 * from this table; screens say which actions they handle.
 */
#ifndef PARCOURS_ACTION_H
#define PARCOURS_ACTION_H

#include <stdbool.h>
#include <wchar.h>

/*
 * X(id, name, bar label, help text, key1, key2, key3)
 * Keys: a character ('j'), a curses key (KEY_UP) or 0 for none.  Control
 * characters are written as CTRL('x').
 */
#define CTRL(c) ((c) & 0x1f)
#define ACTIONS(X)							\
	X(UP, "up", NULL, N_("Move up"), KEY_UP, 'k', 0)		\
	X(DOWN, "down", NULL, N_("Move down"), KEY_DOWN, 'j', 0)	\
	X(LEFT, "left", NULL, N_("Move left; earlier in the timeline"),\
	  KEY_LEFT, 'h', 0)						\
	X(RIGHT, "right", NULL, N_("Move right; later in the timeline"),\
	  KEY_RIGHT, 'l', 0)						\
	X(PAGE_UP, "page-up", NULL, N_("Previous page"), KEY_PPAGE, 0, 0)\
	X(PAGE_DOWN, "page-down", NULL, N_("Next page"), KEY_NPAGE, ' ', 0)\
	X(HOME, "home", NULL, N_("First line"), KEY_HOME, 'g', 0)	\
	X(END, "end", NULL, N_("Last line"), KEY_END, 'G', 0)		\
	X(OPEN, "open", N_("Open"), N_("Open the selected item"),	\
	  '\n', KEY_ENTER, '\r')					\
	X(BACK, "back", N_("Back"), N_("Go back to the previous screen"),\
	  27, 'q', 0)							\
	X(NEXT_TAB, "next-tab", N_("Tab"), N_("Next tab"), '\t', 0, 0)	\
	X(PREV_TAB, "prev-tab", NULL, N_("Previous tab"), KEY_BTAB, 0, 0)\
	X(SEARCH, "search", N_("Filter"), N_("Filter the list as you type "\
	  "(accents and case ignored)"), '/', 0, 0)			\
	X(SORT, "sort", N_("Sort"), N_("Sort by the next column"), 's',\
	  0, 0)								\
	X(SCOPE, "scope", N_("Scope"), N_("Switch scope: mine, my team, "\
	  "all files"), 'v', 0, 0)					\
	X(NEW, "new", N_("New"), N_("Create a record here"), 'n',	\
	  KEY_F(3), 0)							\
	X(EDIT, "edit", N_("Edit"), N_("Edit the selected record"), 'e',\
	  KEY_F(4), 0)							\
	X(END_RECORD, "end-record", N_("End"), N_("End or close the "	\
	  "selected record, saying why"), 'x', KEY_F(8), 0)		\
	X(ACK, "acknowledge", N_("Ack"), N_("Acknowledge the selected "\
	  "flag, with a reason"), 'a', 0, 0)				\
	X(REASSIGN, "reassign", N_("Reassign"), N_("Hand the selected "\
	  "file over to another worker"), 'r', 0, 0)			\
	X(ZOOM, "zoom", N_("Zoom"), N_("Timeline: weeks, months, years"),\
	  'z', 0, 0)							\
	X(TODAY, "today", NULL, N_("Timeline: back to today"), 't', 0, 0)\
	X(HORIZON, "horizon", N_("Ahead"), N_("Flags: look ahead 0, 30 "\
	  "or 90 days"), 'd', 0, 0)					\
	X(SAVE, "save", N_("Save"), N_("Save the form"), KEY_F(2),	\
	  CTRL('s'), 0)							\
	X(HELP, "help", N_("Help"), N_("Show every key"), '?', KEY_F(1),\
	  0)								\
	X(CASELOAD, "caseload", N_("Files"), N_("Go to the caseload"),	\
	  KEY_F(5), 'c', 0)						\
	X(FLAGS, "flags", N_("Flags"), N_("Go to the flags of the scope"),\
	  KEY_F(6), 'f', 0)						\
	X(PARTNERS, "partners", N_("Partners"), N_("Go to the partner "	\
	  "directory"), KEY_F(7), 'p', 0)				\
	X(TEAM, "team", N_("Team"), N_("Go to the team view "		\
	  "(supervisors)"), KEY_F(9), 'T', 0)				\
	X(LOCK, "lock", N_("Lock"), N_("Lock now: forget the key and ask "\
	  "for the passphrase"), CTRL('l'), KEY_F(11), 0)		\
	X(QUIT, "quit", N_("Quit"), N_("Quit parcours"), KEY_F(10), 'Q',\
	  0)

enum action {
#define X(id, name, bar, help, k1, k2, k3) ACT_##id,
	ACTIONS(X)
#undef X
	ACT_COUNT,
	ACT_NONE = -1
};

struct action_info {
	const char	*name;
	const char	*bar;		/* N_(), NULL: not in the bar */
	const char	*help;		/* N_() */
	int		 keys[3];
};

extern const struct action_info action_table[ACT_COUNT];

/* The action a key triggers, or ACT_NONE.  fn: a curses key code. */
enum action action_for_key(wint_t key, bool fn);
/* "F1", "?", "Enter", "↑"… for the first key of an action (static). */
const char *action_key_name(enum action, int which);

#endif
