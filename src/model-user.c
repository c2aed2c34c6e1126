/*
 * Users of parcours: the entity description and the operations that touch
 * both the users table and the key file (adding a user with a key slot,
 * changing a passphrase, disabling a user).  Only admins manage users;
 * anybody may change their own passphrase.
 */
#include "config.h"
#include "model-user.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "audit.h"
#include "model.h"
#include "session.h"
#include "store.h"
#include "xmalloc.h"

static const struct enum_value role_values[] = {
	{ "worker", N_("social worker") },
	{ "supervisor", N_("supervisor") },
	{ "admin", N_("administrator") },
	{ NULL, NULL }
};

static const struct field user_fields[] = {
	{ "login", FT_TEXT, FF_REQUIRED | FF_LIST | FF_FIXED, 32, NULL, NULL,
	  N_("Login"), NULL },
	{ "display_name", FT_TEXT, FF_REQUIRED | FF_LIST, 200, NULL, NULL,
	  N_("Name"), NULL },
	{ "role", FT_ENUM, FF_REQUIRED | FF_LIST, 0, role_values, NULL,
	  N_("Role"), "worker" },
	{ "team", FT_TEXT, FF_LIST, 100, NULL, NULL, N_("Team"), NULL },
	{ "disabled", FT_BOOL, FF_LIST, 0, NULL, NULL, N_("Disabled"), "0" },
};

/* Counts the enabled admins other than the user with that id. */
static int
other_admins(struct session *s, const char *id)
{
	sqlite3_stmt	*stmt;
	int		 n = 0;

	if (sqlite3_prepare_v2(s->st->db, "SELECT count(*) FROM users WHERE "
	    "role = 'admin' AND disabled = 0 AND deleted_at IS NULL AND "
	    "id <> ?", -1, &stmt, NULL) != SQLITE_OK)
		return (0);
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	return (n);
}

/* Whether the stored user with that id is an enabled administrator. */
static bool
is_enabled_admin(struct session *s, const char *id)
{
	sqlite3_stmt	*stmt;
	bool		 yes = false;

	if (sqlite3_prepare_v2(s->st->db, "SELECT 1 FROM users WHERE id = ?"
	    " AND role = 'admin' AND disabled = 0 AND deleted_at IS NULL", -1,
	    &stmt, NULL) != SQLITE_OK)
		return (false);
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
	yes = sqlite3_step(stmt) == SQLITE_ROW;
	sqlite3_finalize(stmt);
	return (yes);
}

/* Logins are short, lower-case ASCII: they name key slots and audit
 * entries. */
static int
user_check(struct session *s, struct record *r, char **cause)
{
	const char	*login = record_get(r, "login");
	const char	*role = record_get(r, "role");
	const char	*disabled = record_get(r, "disabled");
	size_t		 len;

	/*
	 * An existing user who stops being an enabled administrator (demoted
	 * or disabled) must leave another one: without an administrator no
	 * one can add users, import or change the settings.
	 */
	if (r->id != NULL && s != NULL && ((role != NULL &&
	    strcmp(role, "admin") != 0) || (disabled != NULL &&
	    strcmp(disabled, "1") == 0)) && other_admins(s, r->id) == 0 &&
	    is_enabled_admin(s, r->id)) {
		set_cause(cause, _("user \"%s\" is the last administrator: "
		    "name another one first"), login != NULL ? login : r->id);
		return (-1);
	}
	if (login == NULL)
		return (0);
	len = strlen(login);
	if (len < 2 || strspn(login, "abcdefghijklmnopqrstuvwxyz0123456789._-")
	    != len || login[0] == '-' || login[0] == '.') {
		set_cause(cause, _("login: use 2 to 32 lower-case letters, "
		    "digits, '.', '_' or '-' (not first): \"%s\""), login);
		return (-1);
	}
	return (0);
}

const struct entity model_user = {
	"user", "users", "users", N_("user"),
	user_fields, nitems(user_fields), NULL,
	NULL, NULL, false, user_check, NULL
};

int
user_find(struct session *s, const char *login, struct record **out,
    char **cause)
{
	struct model_filter	  f = { 0 };
	struct record		**rs;
	size_t			  n;
	char			 *where, *q;

	*out = NULL;
	q = sqlite3_mprintf("%Q", login);
	where = xasprintf("login = %s", q);
	sqlite3_free(q);
	f.where = where;
	if (model_list(s, &model_user, &f, &rs, &n, cause) != 0) {
		free(where);
		return (-1);
	}
	free(where);
	if (n == 0) {
		free(rs);
		set_cause(cause, _("no user with login \"%s\""), login);
		return (-1);
	}
	*out = rs[0];
	rs[0] = NULL;
	records_free(rs, n);
	return (0);
}

int
user_add(struct session *s, struct record *r, const struct secret *pass,
    const struct kdf_params *params, char **cause)
{
	struct record	*old = NULL;
	const char	*login = record_get(r, "login");

	if (login != NULL && user_find(s, login, &old, NULL) == 0) {
		record_free(old);
		set_cause(cause, _("login: user \"%s\" already exists"), login);
		return (-1);
	}
	if (secret_check_new(pass, cause) != 0)
		return (-1);
	if (store_begin(s->st, cause) != 0)
		return (-1);
	if (model_insert(s, r, 0, NULL, cause) != 0)
		goto fail;
	if (s->kr != NULL) {
		if (keyring_set_slot(s->kr, login, pass->data, pass->len,
		    s->key, params, cause) != 0)
			goto fail;
		/* Key file before commit: if the commit then fails, an
		 * orphan slot is harmless; the reverse would lock out. */
		if (keyring_save(s->kr, s->keys_path, s->key, cause) != 0) {
			keyring_remove_slot(s->kr, login, s->key, NULL);
			goto fail;
		}
	}
	if (store_commit(s->st, cause) != 0)
		return (-1);
	return (0);
fail:
	store_rollback(s->st);
	return (-1);
}

int
user_passwd(struct session *s, const char *login, const struct secret *pass,
    const struct kdf_params *params, char **cause)
{
	struct record	*u = NULL;
	int		 rc = -1;

	if (s->kr == NULL) {
		set_cause(cause, _("no key file is open (opened with the "
		    "recovery key?): rebuild it with \"parcours keys "
		    "restore\" first"));
		return (-1);
	}
	if (user_find(s, login, &u, cause) != 0)
		return (-1);
	if (strcmp(record_get(u, "disabled"), "1") == 0) {
		set_cause(cause, _("user \"%s\" is disabled"), login);
		goto out;
	}
	if (secret_check_new(pass, cause) != 0)
		goto out;
	if (keyring_set_slot(s->kr, login, pass->data, pass->len, s->key,
	    params, cause) != 0)
		goto out;
	if (keyring_save(s->kr, s->keys_path, s->key, cause) != 0)
		goto out;
	rc = audit_log(s, "update", "user", u->id, NULL, "passphrase", cause);
out:
	record_free(u);
	return (rc);
}

int
user_disable(struct session *s, const char *login, char **cause)
{
	struct record	*u = NULL, *ch = NULL;
	int		 rc = -1;

	if (user_find(s, login, &u, cause) != 0)
		return (-1);
	ch = record_new(&model_user);
	record_set(ch, "disabled", "1");
	if (store_begin(s->st, cause) != 0)
		goto out;
	if (model_update(s, ch, u->id, cause) != 0) {
		store_rollback(s->st);
		goto out;
	}
	if (s->kr != NULL && keyring_has_slot(s->kr, login) &&
	    (keyring_remove_slot(s->kr, login, s->key, cause) != 0 ||
	    keyring_save(s->kr, s->keys_path, s->key, cause) != 0)) {
		store_rollback(s->st);
		session_reload_keys(s);
		goto out;
	}
	rc = store_commit(s->st, cause);
out:
	record_free(u);
	record_free(ch);
	return (rc);
}
