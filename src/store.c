/*
 * The encrypted database: opening and keying a SQLCipher file, checking
 * that it is a parcours file this build can read, the connection's
 * PRAGMAs, schema migrations, transactions and error reporting in plain
 * language.  The order at open matters: key, page size, a real read to
 * check the key, the identity checks, and only then anything that could
 * write (journal mode, migrations), so that a refused file is left exactly
 * as it was.
 */
#include "config.h"
#include "store.h"

#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "schema.h"
#include "secure.h"
#include "xmalloc.h"

static const char sqlite_magic[16] = "SQLite format 3";

/* Runs a PRAGMA that returns one value and copies it (NULL if none). */
static char *
pragma_value(struct store *st, const char *sql)
{
	sqlite3_stmt	*stmt;
	char		*value = NULL;

	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return (NULL);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		value = store_column_dup(stmt, 0);
	sqlite3_finalize(stmt);
	return (value);
}

/* Sets a PRAGMA and checks that it reads back as expected. */
static int
pragma_set(struct store *st, const char *name, const char *value,
    const char *expect, char **cause)
{
	char	*sql, *got;
	int	 ok;

	sql = xasprintf("PRAGMA %s = %s", name, value);
	free(pragma_value(st, sql));
	free(sql);
	sql = xasprintf("PRAGMA %s", name);
	got = pragma_value(st, sql);
	free(sql);
	ok = got != NULL && strcasecmp(got, expect) == 0;
	if (!ok)
		set_cause(cause, _("database setting %s could not be set to %s "
		    "(it reads %s): refusing to run with it"), name, value,
		    got != NULL ? got : "nothing");
	free(got);
	return (ok ? 0 : -1);
}

/*
 * Looks at the file before SQLite does: missing, unencrypted, or cut short
 * (an encrypted file is a whole number of pages).
 */
static int
check_file(const char *path, int flags, char **cause)
{
	struct stat	 sb;
	char		 head[16];
	int		 fd;
	ssize_t		 n;

	if (stat(path, &sb) != 0) {
		if (errno == ENOENT && (flags & STORE_CREATE))
			return (0);
		if (errno == ENOENT)
			set_cause(cause, _("database \"%s\" does not exist "
			    "(create one with \"parcours init\")"), path);
		else
			set_cause(cause, _("database \"%s\": %s"), path,
			    strerror(errno));
		return (-1);
	}
	if (flags & STORE_CREATE) {
		set_cause(cause, _("database \"%s\" already exists: not "
		    "overwritten"), path);
		return (-1);
	}
	if (!S_ISREG(sb.st_mode)) {
		set_cause(cause, _("database \"%s\" is not a regular file"),
		    path);
		return (-1);
	}
	if (sb.st_size == 0 || sb.st_size % STORE_PAGE_SIZE != 0) {
		set_cause(cause, _("database \"%s\" is damaged: its size (%lld "
		    "bytes) is not a whole number of pages (truncated?)"),
		    path, (long long)sb.st_size);
		return (-1);
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		set_cause(cause, _("database \"%s\": %s"), path,
		    strerror(errno));
		return (-1);
	}
	n = read(fd, head, sizeof head);
	close(fd);
	if (n == (ssize_t)sizeof head && memcmp(head, sqlite_magic,
	    sizeof head) == 0) {
		set_cause(cause, _("\"%s\" is an unencrypted SQLite file, not a "
		    "parcours database"), path);
		return (-1);
	}
	return (0);
}

/* The size of a file in bytes, or 0 if it cannot be read. */
static long long
file_size(const char *path)
{
	struct stat	sb;

	return (stat(path, &sb) == 0 ? (long long)sb.st_size : 0);
}

/* Copies the (encrypted) database file byte for byte before a migration. */
static int
backup_copy(struct store *st, int from, char **cause)
{
	unsigned char	*data = NULL;
	size_t		 len;
	char		*path, *busy;
	int		 rc;

	/* The copy must hold every commit: all of the log goes into the
	 * file first, which another process reading it prevents. */
	busy = pragma_value(st, "PRAGMA wal_checkpoint(TRUNCATE)");
	rc = busy == NULL || strcmp(busy, "0") != 0;
	free(busy);
	if (rc) {
		set_cause(cause, _("database \"%s\" must be upgraded, and "
		    "another program has it open: close it, then try again"),
		    st->path);
		return (-1);
	}
	if (secure_read_file(st->path, (size_t)1 << 40, &data, &len,
	    cause) != 0)
		return (-1);
	path = xasprintf("%s.bak-v%d", st->path, from);
	rc = secure_write_file(path, data, len, cause);
	free(data);
	if (rc == 0) {
		free(st->backup_path);
		st->backup_path = path;
		st->backup_made = true;
	} else
		free(path);
	return (rc);
}

/* Brings the schema from st->schema_version to the latest, in one
 * transaction. */
static int
migrate(struct store *st, bool created, char **cause)
{
	char	*sql;
	int	 v;

	if (!created && backup_copy(st, st->schema_version, cause) != 0)
		return (-1);
	if (store_begin(st, cause) != 0)
		return (-1);
	for (v = st->schema_version; v < schema_count; v++) {
		if (sqlite3_exec(st->db, schema_migrations[v].sql, NULL, NULL,
		    NULL) != SQLITE_OK) {
			sql = xasprintf(_("applying schema migration %s"),
			    schema_migrations[v].name);
			store_error(st, sql, cause);
			free(sql);
			goto fail;
		}
	}
	sql = xasprintf("PRAGMA user_version = %d", schema_count);
	v = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
	free(sql);
	if (v != SQLITE_OK) {
		store_error(st, _("recording the schema version"), cause);
		goto fail;
	}
	if (created) {
		sql = xasprintf("PRAGMA application_id = %d",
		    STORE_APPLICATION_ID);
		v = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
		free(sql);
		if (v != SQLITE_OK) {
			store_error(st, _("marking the file as parcours'"),
			    cause);
			goto fail;
		}
	}
	if (store_commit(st, cause) != 0)
		goto fail;
	st->schema_version = schema_count;
	return (0);
fail:
	store_rollback(st);
	return (-1);
}

void
store_remove_files(const char *path)
{
	char	*p;

	unlink(path);
	p = xasprintf("%s-wal", path);
	unlink(p);
	free(p);
	p = xasprintf("%s-shm", path);
	unlink(p);
	free(p);
}

int
store_open(const char *path, const unsigned char key[MASTER_KEY_LEN],
    int flags, struct store **out, char **cause)
{
	struct store	*st;
	char		*lit = NULL, *v;
	bool		 created = (flags & STORE_CREATE) != 0;
	int		 oflags, appid, fd;

	*out = NULL;
	if (check_file(path, flags, cause) != 0)
		return (-1);
	/*
	 * A new database is made private here, whatever the umask of the
	 * program linking this: SQLite would create it 0644, and gives its
	 * -wal and -shm files the database's mode.
	 */
	if (created) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd == -1) {
			set_cause(cause, _("database \"%s\" cannot be created: "
			    "%s"), path, strerror(errno));
			return (-1);
		}
		close(fd);
	}
	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	if (created)
		oflags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
		set_cause(cause, _("database \"%s\" cannot be opened: %s"),
		    path, st->db != NULL ? sqlite3_errmsg(st->db) :
		    _("out of memory"));
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);

	lit = keyring_sql_literal(key);
	if (sqlite3_key(st->db, lit, (int)strlen(lit)) != SQLITE_OK) {
		set_cause(cause, _("database \"%s\": the key could not be set"),
		    path);
		goto fail;
	}
	OPENSSL_cleanse(lit, strlen(lit));
	free(lit);
	lit = NULL;

	st->cipher_version = pragma_value(st, "PRAGMA cipher_version");
	if (st->cipher_version == NULL || *st->cipher_version == '\0') {
		set_cause(cause, _("this parcours is linked with plain SQLite, "
		    "not SQLCipher: refusing to run (the database would be "
		    "in clear)"));
		goto fail;
	}
	lit = xasprintf("PRAGMA cipher_page_size = %d", STORE_PAGE_SIZE);
	free(pragma_value(st, lit));
	free(lit);
	lit = NULL;

	/* A real read: fails here if the key does not decrypt the file. */
	if (sqlite3_exec(st->db, "SELECT count(*) FROM sqlite_master", NULL,
	    NULL, NULL) != SQLITE_OK) {
		set_cause(cause, _("database \"%s\" cannot be decrypted with "
		    "this key: it is damaged, or not a parcours database, or "
		    "the key file belongs to another database"), path);
		goto fail;
	}
	v = pragma_value(st, "PRAGMA application_id");
	appid = v != NULL ? atoi(v) : 0;
	free(v);
	v = pragma_value(st, "PRAGMA user_version");
	st->schema_version = v != NULL ? atoi(v) : 0;
	free(v);
	if (!created && appid != STORE_APPLICATION_ID) {
		set_cause(cause, _("\"%s\" is not a parcours database "
		    "(application id %#x)"), path, (unsigned)appid);
		goto fail;
	}
	if (st->schema_version > schema_count) {
		set_cause(cause, _("database \"%s\" was written by a newer "
		    "parcours (schema %d; this one knows up to %d): it was "
		    "not opened and nothing was changed"), path,
		    st->schema_version, schema_count);
		goto fail;
	}
	if (!created && st->schema_version < 1) {
		set_cause(cause, _("\"%s\" is not a parcours database (no "
		    "schema)"), path);
		goto fail;
	}
	if (!created && st->schema_version < schema_count &&
	    (flags & STORE_NO_MIGRATE)) {
		set_cause(cause, _("database \"%s\" has an older schema (%d) "
		    "and needs upgrading"), path, st->schema_version);
		goto fail;
	}
	/*
	 * Every page is decrypted and its HMAC checked before anything is
	 * written (the unlock is audited): a damaged page found later, in
	 * the middle of a command, would come after that write.  It costs
	 * about 2 ms per megabyte, so a large (departmental) database skips
	 * it at open: there a damaged page is still caught by its HMAC when
	 * read, and the command fails with the same message.
	 */
	if (!created && file_size(path) <= STORE_CHECK_MAX) {
		v = pragma_value(st, "PRAGMA quick_check(1)");
		if (v == NULL || strcmp(v, "ok") != 0) {
			set_cause(cause, _("database \"%s\" is damaged (a page "
			    "failed its integrity check): it was not opened "
			    "and nothing was changed; restore it from a "
			    "backup"), path);
			free(v);
			goto fail;
		}
		free(v);
	}

	if (pragma_set(st, "temp_store", "MEMORY", "2", cause) != 0 ||
	    pragma_set(st, "secure_delete", "ON", "1", cause) != 0 ||
	    pragma_set(st, "foreign_keys", "ON", "1", cause) != 0 ||
	    pragma_set(st, "journal_mode", "WAL", "wal", cause) != 0 ||
	    pragma_set(st, "synchronous", "FULL", "2", cause) != 0 ||
	    pragma_set(st, "cache_size", "-32768", "-32768", cause) != 0 ||
	    pragma_set(st, "busy_timeout", "5000", "5000", cause) != 0)
		goto fail;

	if (st->schema_version < schema_count && migrate(st, created,
	    cause) != 0)
		goto fail;
	*out = st;
	return (0);
fail:
	if (lit != NULL) {
		OPENSSL_cleanse(lit, strlen(lit));
		free(lit);
	}
	store_close(st);
	if (created)
		store_remove_files(path);
	return (-1);
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (st->db != NULL)
		sqlite3_close_v2(st->db);
	free(st->path);
	free(st->cipher_version);
	free(st->backup_path);
	free(st);
}

int
store_begin(struct store *st, char **cause)
{
	if (st->depth++ > 0)
		return (0);
	if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		st->depth = 0;
		return (store_error(st, _("starting a transaction"), cause));
	}
	return (0);
}

int
store_commit(struct store *st, char **cause)
{
	if (st->depth == 0 || --st->depth > 0)
		return (0);
	if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		store_error(st, _("saving the changes"), cause);
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		return (-1);
	}
	return (0);
}

void
store_rollback(struct store *st)
{
	if (st->depth == 0)
		return;
	st->depth = 0;
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int
store_prepare(struct store *st, const char *sql, sqlite3_stmt **out,
    char **cause)
{
	if (sqlite3_prepare_v2(st->db, sql, -1, out, NULL) != SQLITE_OK) {
		*out = NULL;
		return (store_error(st, _("preparing a query"), cause));
	}
	return (0);
}

int
store_exec(struct store *st, const char *sql, char **cause)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return (store_error(st, _("running a query"), cause));
	return (0);
}

int
store_error(struct store *st, const char *doing, char **cause)
{
	int		 code = sqlite3_errcode(st->db) & 0xff;
	const char	*what;

	switch (code) {
	case SQLITE_FULL:
		what = _("the disk is full; nothing was saved");
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		what = _("the database file is damaged (a page failed its "
		    "integrity check); restore it from a backup");
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		what = _("the database is in use by another parcours; try "
		    "again");
		break;
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
		what = _("the database file cannot be written");
		break;
	case SQLITE_IOERR:
		what = _("reading or writing the file failed");
		break;
	case SQLITE_CONSTRAINT:
		what = _("the change breaks a rule of the database");
		break;
	default:
		what = NULL;
		break;
	}
	if (what != NULL)
		set_cause(cause, _("%s: %s (%s)"), doing, what,
		    sqlite3_errmsg(st->db));
	else
		set_cause(cause, _("%s: database error: %s"), doing,
		    sqlite3_errmsg(st->db));
	return (-1);
}

char *
store_meta_get(struct store *st, const char *key)
{
	sqlite3_stmt	*stmt;
	char		*value = NULL;

	if (sqlite3_prepare_v2(st->db, "SELECT value FROM meta WHERE key = ?",
	    -1, &stmt, NULL) != SQLITE_OK)
		return (NULL);
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		value = store_column_dup(stmt, 0);
	sqlite3_finalize(stmt);
	return (value);
}

int
store_meta_set(struct store *st, const char *key, const char *value,
    char **cause)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if (store_prepare(st, "INSERT OR REPLACE INTO meta (key, value) "
	    "VALUES (?, ?)", &stmt, cause) != 0)
		return (-1);
	sqlite3_bind_text(stmt, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return (store_error(st, _("saving a setting"), cause));
	return (0);
}

void
store_bind_text(sqlite3_stmt *stmt, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(stmt, i);
	else
		sqlite3_bind_text(stmt, i, s, -1, SQLITE_TRANSIENT);
}

char *
store_column_dup(sqlite3_stmt *stmt, int i)
{
	const unsigned char	*s;

	if (sqlite3_column_type(stmt, i) == SQLITE_NULL)
		return (NULL);
	s = sqlite3_column_text(stmt, i);
	return (xstrdup(s != NULL ? (const char *)s : ""));
}

char *
store_now(void)
{
	struct timespec	ts;
	struct tm	tm;
	char		buf[32];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
	return (xasprintf("%s.%03ldZ", buf, ts.tv_nsec / 1000000));
}
