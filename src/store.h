/*
 * The encrypted database.  store_open() keys a SQLCipher file with the raw
 * master key, checks that the key decrypts it, that it is a parcours file
 * of a schema this build knows, sets the connection's PRAGMAs and reads
 * them back (SQLCipher ignores unknown PRAGMAs silently), and migrates an
 * older schema inside a transaction after an encrypted backup copy.
 * SQLite's own messages never reach the user bare: store_error() puts them
 * in context.
 */
#ifndef PARCOURS_STORE_H
#define PARCOURS_STORE_H

#include <stdbool.h>
#include <sqlite3.h>

#include "keyring.h"

/* "PARC" — identifies parcours files in the SQLite header. */
#define STORE_APPLICATION_ID 0x50415243
#define STORE_PAGE_SIZE 4096
/* Databases up to this size are checked page by page at every open. */
#define STORE_CHECK_MAX (64LL * 1024 * 1024)

struct store {
	sqlite3		*db;
	char		*path;
	char		*cipher_version;
	int		 schema_version;
	int		 depth;		/* nested store_begin() calls */
	bool		 backup_made;	/* set when a migration backed up */
	char		*backup_path;
};

enum store_flags {
	STORE_CREATE = 1,	/* the file must not exist; create it */
	STORE_NO_MIGRATE = 2	/* refuse an older schema instead */
};

/*
 * Opens (or with STORE_CREATE creates) the database at path.  Returns 0
 * and *out, or -1 with *cause saying plainly what is wrong: missing file,
 * an unencrypted SQLite file, a file the key does not decrypt (wrong key or
 * damaged), not a parcours file, a newer schema, SQLCipher missing.  On
 * failure the file's bytes are unchanged.
 */
int store_open(const char *path, const unsigned char key[MASTER_KEY_LEN],
    int flags, struct store **out, char **cause);
void store_close(struct store *);
/* Removes a database and its -wal and -shm files (a failed creation). */
void store_remove_files(const char *path);

/* Transactions, nestable (only the outermost one is real). */
int store_begin(struct store *, char **cause);
int store_commit(struct store *, char **cause);
void store_rollback(struct store *);

/* Prepares sql; on failure *cause names the statement's purpose. */
int store_prepare(struct store *, const char *sql, sqlite3_stmt **out,
    char **cause);
/* Runs SQL without results. */
int store_exec(struct store *, const char *sql, char **cause);
/*
 * Sets *cause from the connection's last error, prefixed by what was being
 * done ("saving the person"), with a plain-language reading of the common
 * codes (disk full, damaged file, locked database).  Always returns -1.
 */
int store_error(struct store *, const char *doing, char **cause);
/* Returns the meta value for key (caller frees) or NULL. */
char *store_meta_get(struct store *, const char *key);
int store_meta_set(struct store *, const char *key, const char *value,
    char **cause);
/* Binds a text or NULL. */
void store_bind_text(sqlite3_stmt *, int i, const char *);
/* Returns a copy of a column (NULL stays NULL); caller frees. */
char *store_column_dup(sqlite3_stmt *, int i);
/* The current UTC timestamp "YYYY-MM-DDTHH:MM:SS.mmmZ" (caller frees). */
char *store_now(void);

#endif
