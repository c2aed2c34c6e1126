/*
 * The full-screen interface: curses start and stop, colours, the screen
 * stack, the chrome (title row, status line, key bar), key dispatch,
 * resizes, modal prompts, and the idle lock.  A screen is a const struct
 * screen_ops: it loads what it shows from the database in load(), draws
 * from memory in draw() (never SQL there), and answers actions.
 */
#ifndef PARCOURS_UI_H
#define PARCOURS_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include <curses.h>

#include "action.h"

struct session;
struct session_opts;
struct screen;

/* Semantic colours, mapped to pairs (or to attributes in monochrome). */
enum ui_color {
	UC_NORMAL,
	UC_TITLE,
	UC_TAB,
	UC_TAB_ACTIVE,
	UC_HEADER,
	UC_SELECTED,
	UC_STATUS,
	UC_ERROR,
	UC_KEY,
	UC_KEYLABEL,
	UC_DIM,
	UC_CRITICAL,
	UC_HIGH,
	UC_MEDIUM,
	UC_LOW,
	UC_BAR,
	UC_BAR_ENDED,
	UC_GAP,
	UC_TODAY,
	UC_DEADLINE,
	UC_INPUT,
	UC_COUNT
};

/* What a screen's handler asks for next. */
enum ui_result {
	UR_NONE,	/* not handled: try the global actions */
	UR_HANDLED,	/* handled, redraw */
	UR_RELOAD,	/* data changed: reload every screen, redraw */
	UR_CLOSE	/* pop this screen */
};

struct screen_ops {
	const char		*name;
	const char		*title;		/* N_() */
	size_t			 state_size;
	const enum action	*actions;	/* shown in the bar and help */
	size_t			 nactions;
	/* Sets up state from arg (may be NULL); -1 with *cause refuses. */
	int			(*init)(struct screen *, void *arg, char **);
	void			(*free)(struct screen *);
	/* Reads the database into state; -1 with *cause. */
	int			(*load)(struct screen *, char **);
	/* Draws the body (rows 1 .. LINES-3) from state. */
	void			(*draw)(struct screen *, WINDOW *, int top,
				    int height);
	/* Raw keys first (text being typed); UR_NONE passes it on. */
	enum ui_result		(*key)(struct screen *, wint_t, bool fn);
	enum ui_result		(*action)(struct screen *, enum action);
	/* A one-line title for the title row (caller frees), or NULL. */
	char			*(*caption)(struct screen *);
	/* Whether the screen may close now, asking about unsaved changes;
	 * NULL: always. */
	bool			 (*can_leave)(struct screen *);
};

struct screen {
	const struct screen_ops	*ops;
	void			*state;
};

/* Entry point: runs the interface until the user quits.  s may be NULL:
 * the unlock screen comes first.  Returns an exit status. */
int ui_run(const struct session_opts *, struct session *s);

/* The open session (NULL while locked). */
struct session *ui_session(void);
/* Pushes a new screen (init then load); on failure shows the cause. */
int ui_push(const struct screen_ops *, void *arg);
/* Replaces the stack's bottom with the home screen after unlocking. */
void ui_home(void);
/* Messages on the status line. */
void ui_message(const char *, ...) __attribute__((format(printf, 1, 2)));
void ui_error(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Marks every screen for reloading before the next draw. */
void ui_reload_all(void);
/* Whether an action works on every screen (for this user). */
bool ui_action_global(enum action);

/* Drawing helpers. */
void ui_set_color(WINDOW *, enum ui_color);
/* Writes text at (y, x) fitted to width columns (padded), in a colour. */
void ui_put(WINDOW *, int y, int x, int width, const char *,
    enum ui_color);
/* Writes text at (y, x) without padding; returns the columns used. */
int ui_put_raw(WINDOW *, int y, int x, int maxw, const char *,
    enum ui_color);
/* Fills a row segment with spaces in a colour. */
void ui_fill(WINDOW *, int y, int x, int width, enum ui_color);
/* The colour of a flag severity (0 critical … 3 low). */
enum ui_color ui_severity_color(int severity);
bool ui_has_color(void);

/*
 * Modal line editor on the status row: returns the text typed (caller
 * frees) or NULL if cancelled with Esc.  masked hides what is typed.
 */
char *ui_prompt(const char *question, const char *initial, bool masked);
/* Modal yes/no question; true for yes. */
bool ui_confirm(const char *question);
/* Reads a key in a modal prompt; ERR cancels it (signal, lost terminal,
 * or idle for the lock delay: the screen locks once it returns). */
int ui_modal_key(wint_t *);
/*
 * Modal picker: a filtered list of choices (labels shown, typed text
 * filters accent- and case-insensitively).  Returns the index chosen or
 * -1 if cancelled.
 */
int ui_pick(const char *title, const char *const *labels, size_t n,
    size_t initial);

/* Minimum terminal size. */
#define UI_MIN_COLS 60
#define UI_MIN_ROWS 16

#endif
