/*
 * The full-screen interface's engine (see ui.h): curses set-up and
 * restoration (also on fatal errors and signals), colours with a
 * monochrome fallback and NO_COLOR, the screen stack, the title row, the
 * status line and the key bar generated from the action table, key
 * dispatch (raw keys to the screen, then its actions, then the global
 * ones), resizes, modal prompts, and the idle lock that forgets the key.
 */
#include "config.h"
#include "ui.h"

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdarg.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wctype.h>

#include <openssl/crypto.h>

#include "date.h"
#include "session.h"
#include "settings.h"
#include "text.h"
#include "ui-screens.h"
#include "xmalloc.h"

#define UI_STACK 16

static struct {
	const struct session_opts	*sopts;
	struct session			*s;
	struct screen			*stack[UI_STACK];
	bool				 stale[UI_STACK];
	int				 depth;
	char				*status;
	bool				 status_error;
	bool				 started;
	bool				 color;
	int				 lock_seconds;
	time_t				 last_input;
	bool				 quit;
} U;

static volatile sig_atomic_t	ui_signalled;

static void
ui_on_signal(int sig)
{
	ui_signalled = sig;
}

/*
 * Turns off XON/XOFF flow control, so that Ctrl-S reaches the forms (it
 * saves) instead of freezing the screen; curses restores the terminal's
 * modes on exit.
 */
static void
no_flow_control(void)
{
	struct termios	t;

	if (tcgetattr(STDIN_FILENO, &t) == 0) {
		t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
		def_prog_mode();
	}
}

/* Restores the terminal: called on exit, on fatal() and after signals. */
static void
ui_stop(void)
{
	if (U.started) {
		U.started = false;
		erase();
		refresh();
		endwin();
	}
}

struct session *
ui_session(void)
{
	return (U.s);
}

bool
ui_has_color(void)
{
	return (U.color);
}

/* Colour pairs of the semantic elements: fg, bg, mono attribute. */
static const struct {
	short	fg, bg;
	attr_t	mono;
} ui_colors[UC_COUNT] = {
	[UC_NORMAL] = { -1, -1, A_NORMAL },
	[UC_TITLE] = { COLOR_WHITE, COLOR_BLUE, A_REVERSE | A_BOLD },
	[UC_TAB] = { COLOR_WHITE, COLOR_BLUE, A_REVERSE },
	[UC_TAB_ACTIVE] = { COLOR_BLACK, COLOR_CYAN, A_BOLD | A_UNDERLINE },
	[UC_HEADER] = { COLOR_CYAN, -1, A_BOLD | A_UNDERLINE },
	[UC_SELECTED] = { COLOR_BLACK, COLOR_CYAN, A_REVERSE },
	[UC_STATUS] = { COLOR_WHITE, COLOR_BLUE, A_REVERSE },
	[UC_ERROR] = { COLOR_WHITE, COLOR_RED, A_REVERSE | A_BOLD },
	[UC_KEY] = { COLOR_BLACK, COLOR_CYAN, A_REVERSE },
	[UC_KEYLABEL] = { -1, -1, A_NORMAL },
	[UC_DIM] = { COLOR_BLUE, -1, A_DIM },
	[UC_CRITICAL] = { COLOR_WHITE, COLOR_RED, A_REVERSE | A_BOLD },
	[UC_HIGH] = { COLOR_RED, -1, A_BOLD },
	[UC_MEDIUM] = { COLOR_YELLOW, -1, A_UNDERLINE },
	[UC_LOW] = { COLOR_GREEN, -1, A_NORMAL },
	[UC_BAR] = { COLOR_BLACK, COLOR_GREEN, A_REVERSE },
	[UC_BAR_ENDED] = { COLOR_BLACK, COLOR_WHITE, A_DIM },
	[UC_GAP] = { COLOR_WHITE, COLOR_RED, A_REVERSE | A_BOLD },
	[UC_TODAY] = { COLOR_MAGENTA, -1, A_BOLD },
	[UC_DEADLINE] = { COLOR_YELLOW, -1, A_BOLD },
	[UC_INPUT] = { COLOR_BLACK, COLOR_WHITE, A_UNDERLINE },
};

static void
ui_colors_init(void)
{
	const char	*no = getenv("NO_COLOR");
	short		 i;

	U.color = has_colors() && (no == NULL || *no == '\0');
	if (!U.color)
		return;
	start_color();
	use_default_colors();
	for (i = 1; i < UC_COUNT; i++)
		init_pair(i, ui_colors[i].fg, ui_colors[i].bg);
}

void
ui_set_color(WINDOW *w, enum ui_color c)
{
	wattrset(w, U.color ? COLOR_PAIR(c) | (c == UC_TITLE ||
	    c == UC_HIGH || c == UC_CRITICAL || c == UC_TODAY ||
	    c == UC_DEADLINE || c == UC_HEADER ? A_BOLD : 0) :
	    ui_colors[c].mono);
}

enum ui_color
ui_severity_color(int severity)
{
	static const enum ui_color map[] = { UC_CRITICAL, UC_HIGH, UC_MEDIUM,
	    UC_LOW };

	return (severity >= 0 && severity < 4 ? map[severity] : UC_NORMAL);
}

void
ui_put(WINDOW *w, int y, int x, int width, const char *s,
    enum ui_color c)
{
	char	*fit;

	if (width <= 0)
		return;
	fit = text_fit(s != NULL ? s : "", width, true);
	ui_set_color(w, c);
	mvwaddstr(w, y, x, fit);
	ui_set_color(w, UC_NORMAL);
	free(fit);
}

int
ui_put_raw(WINDOW *w, int y, int x, int maxw, const char *s,
    enum ui_color c)
{
	char	*fit;
	int	 used;

	if (maxw <= 0 || s == NULL)
		return (0);
	fit = text_fit(s, maxw, false);
	used = text_width(fit);
	ui_set_color(w, c);
	mvwaddstr(w, y, x, fit);
	ui_set_color(w, UC_NORMAL);
	free(fit);
	return (used);
}

void
ui_fill(WINDOW *w, int y, int x, int width, enum ui_color c)
{
	ui_set_color(w, c);
	if (width > 0)
		mvwhline(w, y, x, ' ', width);
	ui_set_color(w, UC_NORMAL);
}

static void
set_status(bool error, const char *fmt, va_list ap)
{
	free(U.status);
	U.status = xvasprintf(fmt, ap);
	U.status_error = error;
}

void
ui_message(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	set_status(false, fmt, ap);
	va_end(ap);
}

void
ui_error(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	set_status(true, fmt, ap);
	va_end(ap);
}

void
ui_reload_all(void)
{
	int	i;

	for (i = 0; i < U.depth; i++)
		U.stale[i] = true;
}

static void
screen_destroy(struct screen *sc)
{
	if (sc->ops->free != NULL)
		sc->ops->free(sc);
	free(sc->state);
	free(sc);
}

int
ui_push(const struct screen_ops *ops, void *arg)
{
	struct screen	*sc;
	char		*cause = NULL;

	if (U.depth == UI_STACK) {
		ui_error("%s", _("too many screens open: go back first"));
		return (-1);
	}
	sc = xcalloc(1, sizeof *sc);
	sc->ops = ops;
	sc->state = ops->state_size > 0 ? xcalloc(1, ops->state_size) : NULL;
	if (ops->init != NULL && ops->init(sc, arg, &cause) != 0)
		goto fail;
	if (ops->load != NULL && U.s != NULL && ops->load(sc, &cause) != 0)
		goto fail;
	U.stack[U.depth] = sc;
	U.stale[U.depth] = false;
	U.depth++;
	return (0);
fail:
	ui_error("%s", cause != NULL ? cause : _("cannot open this screen"));
	free(cause);
	screen_destroy(sc);
	return (-1);
}

static void
ui_pop(void)
{
	if (U.depth == 0)
		return;
	screen_destroy(U.stack[--U.depth]);
}

void
ui_home(void)
{
	while (U.depth > 0)
		ui_pop();
	ui_push(&ui_caseload_ops, NULL);
}

/*
 * Loads the top screen if it is marked stale (after a change or an
 * unlock).  Only the top screen is drawn: the ones under it stay marked
 * and load when they come back on top, so a change saved in a form does
 * not reload the caseload (and run the gap engine over it) behind it.
 */
static void
reload_stale(void)
{
	struct screen	*sc;
	char		*cause = NULL;
	int		 i;

	if (U.s == NULL || U.depth == 0 || !U.stale[U.depth - 1])
		return;
	i = U.depth - 1;
	sc = U.stack[i];
	U.stale[i] = false;
	if (sc->ops->load != NULL && sc->ops->load(sc, &cause) != 0) {
		ui_error("%s", cause);
		free(cause);
	}
}

/* Whether an action belongs in the key bar right now. */
static bool
keybar_shows(enum action a, bool global)
{
	if (action_table[a].bar == NULL)
		return (false);
	if (global && U.s == NULL && a != ACT_QUIT && a != ACT_HELP)
		return (false);
	/* What only supervisors may do is not offered to workers. */
	if ((a == ACT_TEAM || a == ACT_SCOPE || a == ACT_REASSIGN) &&
	    (U.s == NULL || !session_is_supervisor(U.s)))
		return (false);
	return (true);
}

/* The key bar entry of an action ("F1Help"), preferring a function key;
 * caller frees the key name.  Returns its width. */
static int
keybar_entry(enum action a, char **key)
{
	int	i;

	for (i = 0; i < 3; i++) {
		int k = action_table[a].keys[i];
		if (k >= KEY_F(1) && k <= KEY_F(12))
			break;
	}
	*key = xstrdup(action_key_name(a, i < 3 ? i : 0));
	return (text_width(*key) + text_width(_(action_table[a].bar)) + 1);
}

/*
 * The key bar: the screen's actions, then the global ones.  Help and
 * Quit are always kept: when the bar is too narrow, the entries before
 * them give way.
 */
static void
draw_keybar(struct screen *sc)
{
	static const enum action globals[] = { ACT_CASELOAD, ACT_FLAGS,
	    ACT_PARTNERS, ACT_TEAM, ACT_LOCK };
	static const enum action kept[] = { ACT_HELP, ACT_QUIT };
	enum action	 list[ACT_COUNT + nitems(globals) + nitems(kept)];
	size_t		 n = 0, k;
	int		 x = 0, reserve = 0, w;
	char		*key;

	for (k = 0; k < sc->ops->nactions; k++)
		if (keybar_shows(sc->ops->actions[k], false))
			list[n++] = sc->ops->actions[k];
	for (k = 0; k < nitems(globals); k++)
		if (keybar_shows(globals[k], true))
			list[n++] = globals[k];
	for (k = 0; k < nitems(kept); k++) {
		reserve += keybar_entry(kept[k], &key) + 1;
		free(key);
	}
	ui_fill(stdscr, LINES - 1, 0, COLS, UC_KEYLABEL);
	for (k = 0; k < n + nitems(kept); k++) {
		enum action a = k < n ? list[k] : kept[k - n];

		w = keybar_entry(a, &key);
		if (k < n && x + w + 1 + reserve > COLS) {
			free(key);
			continue;
		}
		if (x + w > COLS) {
			free(key);
			break;
		}
		x += ui_put_raw(stdscr, LINES - 1, x, COLS - x, key, UC_KEY);
		x += ui_put_raw(stdscr, LINES - 1, x, COLS - x,
		    _(action_table[a].bar), UC_KEYLABEL);
		x += 1;
		free(key);
	}
}

static void
draw_status(void)
{
	char	*right, today[11];
	const char *left;
	int	 rw;

	if (U.s != NULL) {
		date_format_user(date_today(), today);
		right = date_today_pinned() ? xasprintf(_("%s · %s · as of "
		    "%s"), U.s->login, U.s->db_path, today) :
		    xasprintf("%s · %s", U.s->login, U.s->db_path);
	} else
		right = xstrdup(_("locked"));
	ui_fill(stdscr, LINES - 2, 0, COLS, U.status_error ? UC_ERROR :
	    UC_STATUS);
	rw = text_width(right);
	if (rw > COLS / 2)
		rw = COLS / 2;
	left = U.status != NULL ? U.status : "";
	ui_put(stdscr, LINES - 2, 0, COLS - rw - 1, left, U.status_error ?
	    UC_ERROR : UC_STATUS);
	ui_put(stdscr, LINES - 2, COLS - rw, rw, right, UC_STATUS);
	free(right);
}

static void
draw_title(struct screen *sc)
{
	char	*cap = sc->ops->caption != NULL ? sc->ops->caption(sc) : NULL;
	char	*t;

	t = xasprintf("parcours — %s%s%s", _(sc->ops->title),
	    cap != NULL ? " — " : "", cap != NULL ? cap : "");
	ui_put(stdscr, 0, 0, COLS, t, UC_TITLE);
	free(t);
	free(cap);
}

static void
draw_all(void)
{
	struct screen	*sc;
	const char	*msg = _("terminal too small");
	char		*size;

	erase();
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS) {
		size = xasprintf(_("(at least %d×%d)"), UI_MIN_COLS,
		    UI_MIN_ROWS);
		mvaddstr(LINES / 2 > 0 ? LINES / 2 - 1 : 0, 0, msg);
		if (LINES > 1)
			mvaddstr(LINES / 2, 0, size);
		free(size);
		refresh();
		return;
	}
	if (U.depth == 0)
		return;
	sc = U.stack[U.depth - 1];
	draw_title(sc);
	if (sc->ops->draw != NULL)
		sc->ops->draw(sc, stdscr, 1, LINES - 3);
	draw_status();
	draw_keybar(sc);
	refresh();
}

/* Forgets the key: closes the session and shows the unlock screen. */
static void
ui_lock(void)
{
	if (U.s == NULL)
		return;
	session_close(U.s);
	U.s = NULL;
	clear();
	refresh();
	ui_message("%s", _("Locked. Enter your passphrase to continue."));
	ui_push(&ui_unlock_ops, NULL);
}

/* Called by the unlock screen when a session is open. */
void
ui_unlocked(struct session *s)
{
	U.s = s;
	U.lock_seconds = settings_get_int(s, "lock.idle_seconds");
	ui_pop();
	if (U.depth == 0)
		ui_home();
	else {
		ui_reload_all();
		ui_message(_("Welcome back, %s."), s->display_name);
	}
}

const struct session_opts *
ui_session_opts(void)
{
	return (U.sopts);
}

/* Whether global_action() handles a (for this user): what the help
 * screen lists as working everywhere. */
bool
ui_action_global(enum action a)
{
	switch (a) {
	case ACT_BACK:
	case ACT_HELP:
	case ACT_QUIT:
	case ACT_CASELOAD:
	case ACT_FLAGS:
	case ACT_PARTNERS:
	case ACT_LOCK:
		return (true);
	case ACT_TEAM:
		return (U.s != NULL && session_is_supervisor(U.s));
	default:
		return (false);
	}
}

/* Whether the screens from the top down to index depth may close (a form
 * with unsaved changes asks). */
static bool
can_close_down_to(int depth)
{
	struct screen	*sc;
	int		 i;

	for (i = U.depth - 1; i >= depth && i >= 0; i--) {
		sc = U.stack[i];
		if (sc->ops->can_leave != NULL && !sc->ops->can_leave(sc))
			return (false);
	}
	return (true);
}

/* The actions of every screen; keep ui_action_global() in step. */
static void
global_action(enum action a)
{
	switch (a) {
	case ACT_BACK:
		if (U.depth > 1 && U.s != NULL && can_close_down_to(U.depth - 1))
			ui_pop();
		break;
	case ACT_HELP:
		ui_push(&ui_help_ops, U.stack[U.depth - 1]);
		break;
	case ACT_QUIT:
		if (can_close_down_to(0))
			U.quit = true;
		break;
	case ACT_CASELOAD:
		if (U.s != NULL && can_close_down_to(1))
			while (U.depth > 1)
				ui_pop();
		break;
	case ACT_FLAGS:
		if (U.s != NULL)
			ui_push(&ui_flags_ops, NULL);
		break;
	case ACT_PARTNERS:
		if (U.s != NULL)
			ui_push(&ui_partners_ops, NULL);
		break;
	case ACT_TEAM:
		if (U.s == NULL)
			break;
		if (!session_is_supervisor(U.s))
			ui_error("%s", _("the team view is for supervisors "
			    "and administrators"));
		else
			ui_push(&ui_team_ops, NULL);
		break;
	case ACT_LOCK:
		ui_lock();
		break;
	default:
		break;
	}
}

/* One key: to the screen's raw handler, then its actions, then global. */
static void
dispatch(wint_t ch, bool fn)
{
	struct screen	*sc = U.stack[U.depth - 1];
	enum ui_result	 r = UR_NONE;
	enum action	 a;

	if (sc->ops->key != NULL)
		r = sc->ops->key(sc, ch, fn);
	if (r == UR_NONE) {
		a = action_for_key(ch, fn);
		if (a == ACT_NONE)
			return;
		if (sc->ops->action != NULL)
			r = sc->ops->action(sc, a);
		if (r == UR_NONE) {
			global_action(a);
			return;
		}
	}
	if (r == UR_RELOAD)
		ui_reload_all();
	else if (r == UR_CLOSE && sc == U.stack[U.depth - 1]) {
		ui_pop();
		if (U.depth == 0)
			U.quit = true;
	}
}

/* Whether the terminal went away (hung up or closed): get_wch() then
 * fails at once, and waiting on it would spin. */
static bool
terminal_gone(void)
{
	struct pollfd	pfd = { STDIN_FILENO, POLLIN, 0 };

	return (poll(&pfd, 1, 0) < 0 ||
	    (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0);
}

/* Reads a key, waking every second for the idle lock and signals. */
static int
read_key(wint_t *ch)
{
	int	rc;

	timeout(1000);
	rc = get_wch(ch);
	return (rc);
}

/*
 * Reads a key in a modal prompt (a question, a picker): like the main
 * loop, it wakes every second, and it returns ERR (the prompt is then
 * cancelled) on a signal, a lost terminal, or when the session has been
 * idle for the lock delay: the main loop then finds it idle and locks.
 */
int
ui_modal_key(wint_t *ch)
{
	int	rc;

	for (;;) {
		rc = read_key(ch);
		if (ui_signalled || (rc == ERR && terminal_gone()))
			return (ERR);
		if (rc != ERR) {
			U.last_input = time(NULL);
			return (rc);
		}
		if (U.s != NULL && U.lock_seconds > 0 &&
		    time(NULL) - U.last_input >= U.lock_seconds)
			return (ERR);
	}
}

int
ui_run(const struct session_opts *o, struct session *s)
{
	struct sigaction	 sa;
	wint_t			 ch;
	int			 rc;
	bool			 failed;

	memset(&U, 0, sizeof U);
	U.sopts = o;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	fatal_hook = ui_stop;
	atexit(ui_stop);

	if (initscr() == NULL)
		return (1);
	U.started = true;
	cbreak();
	noecho();
	no_flow_control();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	ui_colors_init();

	if (s != NULL) {
		U.s = s;
		U.lock_seconds = settings_get_int(s, "lock.idle_seconds");
		ui_home();
	} else
		ui_push(&ui_unlock_ops, NULL);
	U.last_input = time(NULL);
	while (!U.quit && U.depth > 0) {
		reload_stale();
		draw_all();
		rc = read_key(&ch);
		if (ui_signalled)
			break;
		if (rc == ERR && terminal_gone())
			break;
		if (rc == ERR) {
			if (U.s != NULL && U.lock_seconds > 0 &&
			    time(NULL) - U.last_input >= U.lock_seconds)
				ui_lock();
			continue;
		}
		U.last_input = time(NULL);
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE)
			continue;
		if (COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS) {
			if (rc == KEY_CODE_YES && ch == KEY_F(10))
				U.quit = true;
			continue;
		}
		/* Curses reports Enter as '\r' under nonl(). */
		if (rc == OK && ch == '\r')
			ch = '\n';
		dispatch(ch, rc == KEY_CODE_YES);
	}
	/* The stack emptied without a quit: the home screen could not open. */
	failed = !U.quit && U.depth == 0 && !ui_signalled;
	while (U.depth > 0)
		ui_pop();
	ui_stop();
	if (failed)
		fprintf(stderr, "parcours: %s\n", U.status != NULL && U.status_error ?
		    U.status : _("the caseload could not be opened"));
	session_close(U.s);
	U.s = NULL;
	free(U.status);
	U.status = NULL;
	if (ui_signalled)
		return (128 + ui_signalled);
	return (failed ? 1 : 0);
}

/* Modal helpers ------------------------------------------------------- */

char *
ui_prompt(const char *question, const char *initial, bool masked)
{
	wchar_t		 buf[512];
	size_t		 len = 0, i;
	wint_t		 ch;
	int		 rc, qw, x;
	char		*out, *shown;
	struct buf	 b;

	if (initial != NULL)
		len = mbstowcs(buf, initial, nitems(buf) - 1);
	if (len == (size_t)-1)
		len = 0;
	buf[len] = L'\0';
	curs_set(1);
	for (;;) {
		qw = text_width(question);
		ui_fill(stdscr, LINES - 2, 0, COLS, UC_INPUT);
		ui_put_raw(stdscr, LINES - 2, 0, COLS, question, UC_INPUT);
		buf_init(&b);
		for (i = 0; i < len; i++) {
			char mb[MB_LEN_MAX + 1];
			int n = (int)wctomb(mb, masked ? L'*' : buf[i]);
			if (n > 0)
				buf_add(&b, mb, (size_t)n);
		}
		shown = buf_take(&b);
		x = qw + 1;
		if (text_width(shown) > COLS - x - 1) {
			/* Show the end of a long entry. */
			const char *p = shown;
			while (text_width(p) > COLS - x - 1)
				p++;
			ui_put_raw(stdscr, LINES - 2, x, COLS - x, p, UC_INPUT);
		} else
			ui_put_raw(stdscr, LINES - 2, x, COLS - x, shown,
			    UC_INPUT);
		free(shown);
		refresh();
		if ((rc = ui_modal_key(&ch)) == ERR) {
			curs_set(0);
			OPENSSL_cleanse(buf, sizeof buf);
			return (NULL);
		}
		if (rc == KEY_CODE_YES) {
			if (ch == KEY_BACKSPACE && len > 0)
				len--;
			else if (ch == KEY_ENTER)
				break;
			continue;
		}
		if (ch == 27) {
			curs_set(0);
			OPENSSL_cleanse(buf, sizeof buf);
			return (NULL);
		}
		if (ch == '\n' || ch == '\r')
			break;
		if ((ch == 127 || ch == 8) && len > 0)
			len--;
		else if (ch == CTRL('u'))
			len = 0;
		else if (iswprint(ch) && len < nitems(buf) - 1)
			buf[len++] = (wchar_t)ch;
	}
	curs_set(0);
	buf[len] = L'\0';
	buf_init(&b);
	for (i = 0; i < len; i++) {
		char mb[MB_LEN_MAX + 1];
		int n = (int)wctomb(mb, buf[i]);
		if (n > 0)
			buf_add(&b, mb, (size_t)n);
	}
	out = buf_take(&b);
	OPENSSL_cleanse(buf, sizeof buf);
	return (out);
}

bool
ui_confirm(const char *question)
{
	wint_t	ch;
	int	rc;
	char	*q = xasprintf(_("%s (y/n)"), question);

	ui_fill(stdscr, LINES - 2, 0, COLS, UC_INPUT);
	ui_put_raw(stdscr, LINES - 2, 0, COLS, q, UC_INPUT);
	free(q);
	refresh();
	for (;;) {
		if ((rc = ui_modal_key(&ch)) == ERR)
			return (false);
		if (rc == OK && (ch == 'y' || ch == 'Y' || ch == 'o' ||
		    ch == 'O'))
			return (true);
		if (rc == OK && (ch == 'n' || ch == 'N' || ch == 27))
			return (false);
	}
}
