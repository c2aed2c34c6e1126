/*
 * Unlocking: from the options of the command line (or the unlock screen)
 * to an open store and a known user.  The secret is read, used and wiped
 * here; the master key stays in the session until session_close().
 */
#include "config.h"
#include "session.h"

#include <sys/stat.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <sqlite3.h>

#include "audit.h"
#include "gaps.h"
#include "model.h"
#include "model-user.h"
#include "store.h"
#include "xmalloc.h"

char *
session_default_db_path(void)
{
	const char	*xdg = getenv("XDG_DATA_HOME");
	const char	*home = getenv("HOME");
	struct passwd	*pw;

	if (xdg != NULL && *xdg == '/')
		return (xasprintf("%s/parcours/parcours.db", xdg));
	if (home == NULL || *home == '\0') {
		pw = getpwuid(getuid());
		home = pw != NULL ? pw->pw_dir : "/";
	}
	return (xasprintf("%s/.local/share/parcours/parcours.db", home));
}

char *
session_keys_path(const char *db_path)
{
	return (xasprintf("%s.keys", db_path));
}

int
session_read_passphrase(const struct session_opts *o, const char *prompt,
    bool confirm, struct secret *out, char **cause)
{
	if (o->passphrase_file != NULL)
		return (secret_read_file(o->passphrase_file,
		    _("passphrase file"), out, cause));
	if (o->passphrase_fd >= 0)
		return (secret_read_fd(o->passphrase_fd, out, cause));
	return (secret_read_tty(prompt, confirm, out, cause));
}

/* Chooses the login when none was given (see session_open). */
static char *
pick_login(const struct session_opts *o, const struct keyring *kr,
    char **cause)
{
	const char	*env = getenv("PARCOURS_USER");
	struct passwd	*pw;

	if (o->login != NULL)
		return (xstrdup(o->login));
	if (env != NULL && *env != '\0')
		return (xstrdup(env));
	if (kr == NULL)
		return (NULL);
	if (keyring_slot_count(kr) == 1)
		return (xstrdup(keyring_slot_login(kr, 0)));
	pw = getpwuid(getuid());
	if (pw != NULL && keyring_has_slot(kr, pw->pw_name))
		return (xstrdup(pw->pw_name));
	set_cause(cause, _("several users can open this database: say which "
	    "with --user LOGIN"));
	return (NULL);
}

/* The first enabled administrator, for a recovery-key opening. */
static char *
first_admin(struct session *s)
{
	sqlite3_stmt	*stmt;
	char		*login = NULL;

	if (sqlite3_prepare_v2(s->st->db, "SELECT login FROM users WHERE "
	    "role = 'admin' AND disabled = 0 AND deleted_at IS NULL ORDER BY "
	    "id LIMIT 1", -1, &stmt, NULL) != SQLITE_OK)
		return (NULL);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		login = store_column_dup(stmt, 0);
	sqlite3_finalize(stmt);
	return (login);
}

/* Unwraps the master key from the key file with a passphrase. */
static int
unlock_with_passphrase(const struct session_opts *o, struct session *s,
    char **cause)
{
	struct secret	 pass = { NULL, 0 };
	char		*prompt;
	int		 rc;

	if (keyring_load(s->keys_path, &s->kr, cause) != 0)
		return (-1);
	if ((s->login = pick_login(o, s->kr, cause)) == NULL)
		return (-1);
	if (!keyring_has_slot(s->kr, s->login)) {
		set_cause(cause, _("user \"%s\" has no key for this database "
		    "(unknown or disabled user)"), s->login);
		return (-1);
	}
	if (o->passphrase != NULL)
		rc = keyring_unlock(s->kr, s->login, o->passphrase->data,
		    o->passphrase->len, s->key, cause);
	else {
		prompt = xasprintf(_("Passphrase for %s: "), s->login);
		rc = session_read_passphrase(o, prompt, false, &pass, cause);
		free(prompt);
		if (rc == 0)
			rc = keyring_unlock(s->kr, s->login, pass.data,
			    pass.len, s->key, cause);
		secret_free(&pass);
	}
	return (rc);
}

/* Decodes the master key from a recovery key file. */
static int
unlock_with_recovery(const struct session_opts *o, struct session *s,
    char **cause)
{
	struct secret	 text = { NULL, 0 };
	struct keyring	*kr = NULL;
	int		 rc;

	if (o->recovery_key != NULL)
		rc = recovery_decode(o->recovery_key->data, s->key, cause);
	else {
		if (secret_read_file(o->recovery_key_file,
		    _("recovery key file"), &text, cause) != 0)
			return (-1);
		rc = recovery_decode(text.data, s->key, cause);
		secret_free(&text);
	}
	if (rc != 0)
		return (-1);
	/* Keep the key file only if it is intact and belongs here. */
	if (keyring_load(s->keys_path, &kr, NULL) == 0 &&
	    keyring_verify(kr, s->key, NULL) == 0)
		s->kr = kr;
	else
		keyring_free(kr);
	if (o->login != NULL)
		s->login = xstrdup(o->login);
	return (0);
}

/* Loads the user row of s->login and checks it may work. */
static int
load_user(struct session *s, char **cause)
{
	struct record	*u = NULL;

	if (s->login == NULL && (s->login = first_admin(s)) == NULL) {
		set_cause(cause, _("the database has no administrator"));
		return (-1);
	}
	if (user_find(s, s->login, &u, cause) != 0)
		return (-1);
	if (strcmp(record_get(u, "disabled"), "1") == 0) {
		set_cause(cause, _("user \"%s\" is disabled"), s->login);
		record_free(u);
		return (-1);
	}
	s->user_id = xstrdup(u->id);
	s->display_name = xstrdup(record_get(u, "display_name"));
	s->role = xstrdup(record_get(u, "role"));
	s->team = record_get(u, "team") != NULL ?
	    xstrdup(record_get(u, "team")) : NULL;
	record_free(u);
	return (0);
}

int
session_open(const struct session_opts *o, struct session **out,
    char **cause)
{
	struct session	*s;
	struct stat	 sb;
	int		 i, rc = SESSION_EAUTH;

	*out = NULL;
	s = xcalloc(1, sizeof *s);
	s->db_path = o->db_path != NULL ? xstrdup(o->db_path) :
	    session_default_db_path();
	s->keys_path = session_keys_path(s->db_path);
	if (stat(s->db_path, &sb) != 0) {
		if (errno == ENOENT)
			set_cause(cause, _("database \"%s\" does not exist "
			    "(create one with \"parcours init\", or try "
			    "\"parcours demo\")"), s->db_path);
		else
			set_cause(cause, _("database \"%s\": %s"), s->db_path,
			    strerror(errno));
		rc = SESSION_ESTORE;
		goto fail;
	}
	if (o->recovery_key_file != NULL || o->recovery_key != NULL) {
		if (unlock_with_recovery(o, s, cause) != 0)
			goto fail;
	} else if (unlock_with_passphrase(o, s, cause) != 0)
		goto fail;

	if (store_open(s->db_path, s->key, 0, &s->st, cause) != 0) {
		rc = SESSION_ESTORE;
		goto fail;
	}
	keyring_subkey(s->key, "audit", s->audit_key);
	if (load_user(s, cause) != 0)
		goto fail;
	/* The user may work: a failure from here on is the store's. */
	rc = SESSION_ESTORE;
	for (i = 0; i < o->failed_attempts; i++) {
		if (audit_log(s, "failed unlock", "session", NULL, NULL, NULL,
		    cause) != 0)
			goto fail;
	}
	if (audit_log(s, "unlock", "session", NULL, NULL,
	    o->recovery_key_file != NULL || o->recovery_key != NULL ?
	    "recovery_key" : "passphrase",
	    cause) != 0)
		goto fail;
	*out = s;
	return (0);
fail:
	session_close(s);
	return (rc);
}

void
session_reload_keys(struct session *s)
{
	struct keyring	*kr;

	if (s->kr == NULL || keyring_load(s->keys_path, &kr, NULL) != 0)
		return;
	keyring_free(s->kr);
	s->kr = kr;
}

void
session_close(struct session *s)
{
	if (s == NULL)
		return;
	/* The gap engine keeps prepared statements on the connection. */
	gaps_cache_clear();
	store_close(s->st);
	keyring_free(s->kr);
	OPENSSL_cleanse(s->key, sizeof s->key);
	OPENSSL_cleanse(s->audit_key, sizeof s->audit_key);
	free(s->db_path);
	free(s->keys_path);
	free(s->user_id);
	free(s->login);
	free(s->display_name);
	free(s->role);
	free(s->team);
	free(s);
}

bool
session_is_admin(const struct session *s)
{
	return (s->role != NULL && strcmp(s->role, "admin") == 0);
}

bool
session_is_supervisor(const struct session *s)
{
	return (s->role != NULL && (strcmp(s->role, "supervisor") == 0 ||
	    strcmp(s->role, "admin") == 0));
}
