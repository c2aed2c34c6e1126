/*
 * An unlocked database and the user working in it.  session_open() finds
 * the database and its key file, obtains the secret (passphrase from the
 * terminal, a file or a descriptor; or a recovery key from a file),
 * unwraps the master key, opens the store, checks the user and audits the
 * unlock.  The master key stays in the session (for key-slot changes and
 * the audit seal) and is wiped by session_close().
 */
#ifndef PARCOURS_SESSION_H
#define PARCOURS_SESSION_H

#include <stdbool.h>

#include "keyring.h"
#include "secure.h"

struct store;

/* What the command line (or the unlock screen) gives to open. */
struct session_opts {
	const char	*db_path;		/* NULL: the default path */
	const char	*login;			/* NULL: see session_open */
	const char	*passphrase_file;
	int		 passphrase_fd;		/* -1 if none */
	const char	*recovery_key_file;
	const struct secret *passphrase;	/* already read (TUI) */
	const struct secret *recovery_key;	/* typed (TUI) */
	int		 failed_attempts;	/* audited on success */
};

struct session {
	struct store	*st;
	char		*db_path;
	char		*keys_path;
	struct keyring	*kr;		/* NULL if opened by recovery key */
	unsigned char	 key[MASTER_KEY_LEN];
	unsigned char	 audit_key[32];
	char		*user_id;
	char		*login;
	char		*display_name;
	char		*role;		/* worker, supervisor, admin */
	char		*team;		/* may be NULL */
};

/* $XDG_DATA_HOME/parcours/parcours.db (or ~/.local/share/…); caller frees. */
char *session_default_db_path(void);
/* The key file of a database: PATH.keys (caller frees). */
char *session_keys_path(const char *db_path);
/*
 * Reads the secret the options name: the passphrase file, descriptor, or
 * else the terminal (prompt names the user).  Returns 0 or -1 with
 * *cause.
 */
int session_read_passphrase(const struct session_opts *, const char *prompt,
    bool confirm, struct secret *out, char **cause);
/* What session_open() returns on failure. */
enum {
	SESSION_EAUTH = -1,	/* key file, passphrase, recovery key, user */
	SESSION_ESTORE = -2	/* the database itself (store_open) */
};
/*
 * Opens the database for a user.  The login is the one given, else
 * $PARCOURS_USER, else the only slot of the key file, else the system
 * login if it has a slot; with a recovery key, the first administrator.
 * Returns 0, or SESSION_EAUTH / SESSION_ESTORE with *cause (nothing
 * written): no such database, unreadable or tampered key file, wrong
 * passphrase, unknown or disabled user, and every store_open() error.
 */
int session_open(const struct session_opts *, struct session **out,
    char **cause);
/* Wipes the keys and closes the store. */
/* Reads the key file again into the session, after a change to the
 * keyring in memory could not be saved (the file is as it was). */
void session_reload_keys(struct session *);
void session_close(struct session *);

bool session_is_admin(const struct session *);
bool session_is_supervisor(const struct session *);	/* or admin */

#endif
