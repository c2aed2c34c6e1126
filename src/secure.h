/*
 * Process hardening and secret input.  Passphrases are read from the
 * terminal with echo off, from a file, or from an inherited descriptor —
 * never from argv or the environment — into memory that is wiped with
 * OPENSSL_cleanse when released.  Files holding anything derived from the
 * data are written atomically and created 0600.
 */
#ifndef PARCOURS_SECURE_H
#define PARCOURS_SECURE_H

#include <stdbool.h>
#include <stddef.h>

/* Minimum passphrase length, in characters, enforced when one is set. */
#define PASSPHRASE_MIN 12
/* Longest passphrase read; longer input is refused, not cut. */
#define PASSPHRASE_MAX 1024

/* Disables core dumps (RLIMIT_CORE 0, PR_SET_DUMPABLE 0) and sets umask
 * 077.  Called first thing in main(). */
void secure_init(void);

/* A secret held in memory, wiped on release. */
struct secret {
	char	*data;	/* NUL-terminated */
	size_t	 len;	/* bytes, without the NUL */
};
void secret_free(struct secret *);

/*
 * Prompts on /dev/tty with echo off and reads one line.  With confirm,
 * asks a second time and fails if the two differ.  Returns 0, or -1 with
 * *cause set (no terminal, end of input, mismatch, too long).
 */
int secret_read_tty(const char *prompt, bool confirm, struct secret *out,
    char **cause);
/*
 * Reads the first line of the file (or descriptor): the trailing "\n" or
 * "\r\n" is removed, nothing else.  An empty first line is an error.  The
 * descriptor is not closed.  Returns 0, or -1 with *cause naming the file
 * as what it is (what: "passphrase file", "recovery key file"…).
 */
int secret_read_file(const char *path, const char *what, struct secret *out,
    char **cause);
int secret_read_fd(int fd, struct secret *out, char **cause);
/* Returns 0 if the passphrase is acceptable for a new key slot (valid
 * UTF-8, at least PASSPHRASE_MIN characters), else -1 with *cause. */
int secret_check_new(const struct secret *, char **cause);

/*
 * Writes len bytes to path atomically: a temporary file in the same
 * directory created 0600, written, fsync'ed, renamed over path, and the
 * directory fsync'ed.  On any failure (a full disk included) path is left
 * as it was, the temporary removed, and -1 returned with *cause naming the
 * file and the system error.
 */
int secure_write_file(const char *path, const void *data, size_t len,
    char **cause);
/* Reads a whole file into memory (at most max bytes): caller frees *out. */
int secure_read_file(const char *path, size_t max, unsigned char **out,
    size_t *len, char **cause);

#endif
