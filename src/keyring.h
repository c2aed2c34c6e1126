/*
 * Key slots and the recovery key.  The database is encrypted with a random
 * 256-bit master key.  Each user has a slot in a sidecar file next to the
 * database (NAME.db.keys): the master key wrapped with AES-256-GCM under a
 * key derived from the user's passphrase with scrypt.  The slot's header
 * (format, version, database id, login, KDF parameters, salt) is the GCM
 * associated data, so a wrong passphrase or a changed header fails the tag
 * before the database is touched.  The whole sidecar also carries an
 * HMAC-SHA-256 under a key derived from the master key, checked after
 * unwrapping, so removed or swapped slots are detected too.
 *
 * The recovery key is the master key written for people: Crockford base32
 * of the key and a 3-byte SHA-256 check, in groups of 8 joined by '-'.
 */
#ifndef PARCOURS_KEYRING_H
#define PARCOURS_KEYRING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MASTER_KEY_LEN 32

/* scrypt parameters of a slot.  The default cost is log2(N) = 17. */
struct kdf_params {
	uint64_t	n;
	uint32_t	r;
	uint32_t	p;
};
#define KDF_DEFAULT_LOG2N 17
#define KDF_MIN_LOG2N 14
#define KDF_MAX_LOG2N 22
void kdf_params_default(struct kdf_params *);
/* Parameters a key file or an encrypted export may ask for: in range, and
 * at most 1 GiB of scrypt memory (a hostile file must not exhaust the
 * machine). */
bool kdf_params_valid(const struct kdf_params *);

struct keyring;

/* A new, empty keyring for the database whose id (a UUID) is given. */
struct keyring *keyring_create(const char *db_id, int page_size);
void keyring_free(struct keyring *);

/*
 * Loads and parses a sidecar.  Checks its shape, format name and version
 * (a newer version is refused with a clear message).  Does not check the
 * HMAC: that needs the master key (keyring_unlock does it).  Returns 0, or
 * -1 with *cause naming the file and the problem.
 */
int keyring_load(const char *path, struct keyring **out, char **cause);
/*
 * Writes the sidecar atomically (0600) with its HMAC computed from the
 * master key.  Returns 0 or -1 with *cause.
 */
int keyring_save(const struct keyring *, const char *path,
    const unsigned char key[MASTER_KEY_LEN], char **cause);

const char *keyring_db_id(const struct keyring *);
int keyring_page_size(const struct keyring *);
size_t keyring_slot_count(const struct keyring *);
/* The login of slot i (borrowed). */
const char *keyring_slot_login(const struct keyring *, size_t i);
bool keyring_has_slot(const struct keyring *, const char *login);

/*
 * Unwraps the master key with login's passphrase into key, then checks the
 * sidecar's HMAC.  Errors (with *cause): no slot for this login, wrong
 * passphrase (the GCM tag fails), sidecar tampered with (the HMAC fails).
 * Returns 0 or -1; key is wiped on failure.
 */
int keyring_unlock(const struct keyring *, const char *login,
    const char *pass, size_t passlen, unsigned char key[MASTER_KEY_LEN],
    char **cause);
/* Checks the sidecar's HMAC with a key obtained otherwise (recovery). */
int keyring_verify(const struct keyring *,
    const unsigned char key[MASTER_KEY_LEN], char **cause);
/*
 * Adds (or replaces) login's slot: fresh salt and nonce, the key derived
 * with params (NULL for the defaults).  Returns 0 or -1 with *cause.
 */
int keyring_set_slot(struct keyring *, const char *login,
    const char *pass, size_t passlen,
    const unsigned char key[MASTER_KEY_LEN],
    const struct kdf_params *params, char **cause);
/*
 * Removes login's slot and reseals the keyring under key, which must open
 * it (as for keyring_set_slot: a keyring is never resealed under a key its
 * slots do not wrap).  Returns 0, or -1 with *cause (no such slot, or the
 * wrong key).
 */
int keyring_remove_slot(struct keyring *, const char *login,
    const unsigned char key[MASTER_KEY_LEN], char **cause);

/* Fills key with MASTER_KEY_LEN random bytes (RAND_priv_bytes). */
int keyring_random_key(unsigned char key[MASTER_KEY_LEN], char **cause);
/* Derives a 32-byte subkey for a purpose ("audit", "export", "sidecar")
 * with HKDF-SHA-256 from the master key. */
void keyring_subkey(const unsigned char key[MASTER_KEY_LEN],
    const char *purpose, unsigned char out[32]);

/* Encodes the recovery key: "XXXXXXXX-XXXXXXXX-…" (7 groups of 8).  The
 * caller wipes and frees it. */
char *recovery_encode(const unsigned char key[MASTER_KEY_LEN]);
/*
 * Decodes a recovery key as typed: case, spaces and dashes ignored,
 * Crockford's O→0 and I/L→1 accepted.  A wrong length or check fails with
 * *cause ("the recovery key is mistyped: check it again").
 */
int recovery_decode(const char *text, unsigned char key[MASTER_KEY_LEN],
    char **cause);

/* The key as SQLCipher's raw-key literal "x'<64 hex>'" (caller wipes and
 * frees). */
char *keyring_sql_literal(const unsigned char key[MASTER_KEY_LEN]);

#endif
