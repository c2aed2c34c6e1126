/*
 * The unlock screen: the database, the user and a masked passphrase.  A
 * wrong passphrase says so and lets the user try again (the failed
 * attempts are audited once the database opens); a recovery key typed in
 * the passphrase field is accepted too.  The passphrase lives in a fixed
 * buffer wiped after every attempt and when the screen goes.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include <openssl/crypto.h>

#include "keyring.h"
#include "session.h"
#include "text.h"
#include "ui-screens.h"
#include "xmalloc.h"

#define FIELD_MAX 1024

struct unlock_state {
	char	login[64];
	char	pass[FIELD_MAX];
	size_t	passlen;		/* bytes */
	size_t	passchars;		/* characters, for the mask */
	int	focus;			/* 0 login, 1 passphrase */
	int	failures;
	char	*error;
};

static const enum action unlock_actions[] = { ACT_OPEN, ACT_NEXT_TAB };

static int
unlock_init(struct screen *sc, void *arg, char **cause)
{
	struct unlock_state		*st = sc->state;
	const struct session_opts	*o = ui_session_opts();
	const char			*env = getenv("PARCOURS_USER");

	(void)arg;
	(void)cause;
	if (o != NULL && o->login != NULL)
		snprintf(st->login, sizeof st->login, "%s", o->login);
	else if (env != NULL)
		snprintf(st->login, sizeof st->login, "%s", env);
	st->focus = st->login[0] != '\0' ? 1 : 0;
	return (0);
}

static void
unlock_free(struct screen *sc)
{
	struct unlock_state	*st = sc->state;

	OPENSSL_cleanse(st->pass, sizeof st->pass);
	free(st->error);
}

static void
unlock_draw(struct screen *sc, WINDOW *w, int top, int height)
{
	struct unlock_state		*st = sc->state;
	const struct session_opts	*o = ui_session_opts();
	char				*db, *mask, *line;
	int				 x = 2, y = top + height / 2 - 5, fw;

	if (y < top + 1)
		y = top + 1;
	fw = COLS - x - 16;
	if (fw > 50)
		fw = 50;
	db = o != NULL && o->db_path != NULL ? xstrdup(o->db_path) :
	    session_default_db_path();
	ui_put_raw(w, y, x, COLS - x, _("Unlock the database"), UC_HEADER);
	line = xasprintf(_("Database:   %s"), db);
	ui_put_raw(w, y + 2, x, COLS - x, line, UC_NORMAL);
	free(line);
	free(db);
	ui_put_raw(w, y + 4, x, 12, _("User:"), UC_NORMAL);
	ui_put(w, y + 4, x + 12, fw, st->login, st->focus == 0 ? UC_INPUT :
	    UC_NORMAL);
	ui_put_raw(w, y + 5, x, 12, _("Passphrase:"), UC_NORMAL);
	mask = xcalloc(1, st->passchars + 1);
	memset(mask, '*', st->passchars);
	ui_put(w, y + 5, x + 12, fw, mask, st->focus == 1 ? UC_INPUT :
	    UC_NORMAL);
	free(mask);
	ui_put_raw(w, y + 7, x, COLS - x, _("Enter: unlock · Tab: next field "
	    "· a recovery key is accepted as passphrase"), UC_DIM);
	if (st->error != NULL)
		ui_put_raw(w, y + 9, x, COLS - x, st->error, UC_ERROR);
}

/* Looks like a recovery key: 56 base32 characters in groups. */
static bool
looks_like_recovery(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++) {
		if (*s == '-' || *s == ' ')
			continue;
		if (!((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= 'a' && *s <= 'z')))
			return (false);
		n++;
	}
	return (n == 56);
}

static void
try_unlock(struct unlock_state *st)
{
	struct session_opts	 o;
	struct session		*s = NULL;
	struct secret		 pass;
	char			*cause = NULL;
	int			 rc;

	memset(&o, 0, sizeof o);
	if (ui_session_opts() != NULL)
		o = *ui_session_opts();
	o.passphrase_file = NULL;
	o.passphrase_fd = -1;
	o.recovery_key_file = NULL;
	o.login = st->login[0] != '\0' ? st->login : NULL;
	o.failed_attempts = st->failures;
	pass.data = st->pass;
	pass.len = st->passlen;
	st->pass[st->passlen] = '\0';
	if (looks_like_recovery(st->pass)) {
		o.recovery_key = &pass;
		rc = session_open(&o, &s, &cause);
	} else {
		o.passphrase = &pass;
		rc = session_open(&o, &s, &cause);
	}
	OPENSSL_cleanse(st->pass, sizeof st->pass);
	st->passlen = st->passchars = 0;
	free(st->error);
	st->error = NULL;
	if (rc != 0) {
		st->failures++;
		st->error = cause;
		return;
	}
	ui_unlocked(s);
}

static enum ui_result
unlock_key(struct screen *sc, wint_t ch, bool fn)
{
	struct unlock_state	*st = sc->state;
	char			 mb[MB_LEN_MAX + 1];
	int			 n;
	size_t			 len;

	if (fn) {
		if (ch == KEY_BACKSPACE)
			goto backspace;
		if (ch == KEY_UP || ch == KEY_DOWN || ch == KEY_BTAB) {
			st->focus = !st->focus;
			return (UR_HANDLED);
		}
		if (ch == KEY_ENTER) {
			try_unlock(st);
			return (UR_HANDLED);
		}
		return (UR_NONE);
	}
	if (ch == '\n') {
		if (st->focus == 0) {
			st->focus = 1;
			return (UR_HANDLED);
		}
		try_unlock(st);
		return (UR_HANDLED);
	}
	if (ch == '\t') {
		st->focus = !st->focus;
		return (UR_HANDLED);
	}
	if (ch == 127 || ch == 8)
		goto backspace;
	if (ch == CTRL('u')) {
		if (st->focus == 0)
			st->login[0] = '\0';
		else {
			OPENSSL_cleanse(st->pass, sizeof st->pass);
			st->passlen = st->passchars = 0;
		}
		return (UR_HANDLED);
	}
	if (!iswprint(ch))
		return (UR_NONE);
	n = wctomb(mb, (wchar_t)ch);
	if (n <= 0)
		return (UR_HANDLED);
	if (st->focus == 0) {
		len = strlen(st->login);
		if (len + (size_t)n < sizeof st->login) {
			memcpy(st->login + len, mb, (size_t)n);
			st->login[len + (size_t)n] = '\0';
		}
	} else if (st->passlen + (size_t)n < sizeof st->pass - 1) {
		memcpy(st->pass + st->passlen, mb, (size_t)n);
		st->passlen += (size_t)n;
		st->passchars++;
	}
	OPENSSL_cleanse(mb, sizeof mb);
	return (UR_HANDLED);
backspace:
	if (st->focus == 0) {
		len = strlen(st->login);
		while (len > 0 && ((unsigned char)st->login[len - 1] & 0xc0) ==
		    0x80)
			len--;
		if (len > 0)
			st->login[len - 1] = '\0';
	} else if (st->passlen > 0) {
		while (st->passlen > 0 &&
		    ((unsigned char)st->pass[st->passlen - 1] & 0xc0) == 0x80)
			st->pass[--st->passlen] = '\0';
		if (st->passlen > 0)
			st->pass[--st->passlen] = '\0';
		st->passchars--;
	}
	return (UR_HANDLED);
}

const struct screen_ops ui_unlock_ops = {
	"unlock", N_("Unlock"), sizeof(struct unlock_state),
	unlock_actions, nitems(unlock_actions),
	unlock_init, unlock_free, NULL, unlock_draw, unlock_key, NULL, NULL, NULL
};
