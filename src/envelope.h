/*
 * The encrypted export file: a small binary header (magic, version, scrypt
 * parameters, salt, nonce) followed by the document encrypted with
 * AES-256-GCM under a key derived from the export passphrase with scrypt,
 * and the 16-byte tag.  The whole header is the GCM associated data, so a
 * changed parameter, salt or nonce fails the tag like a wrong passphrase.
 * The layout is documented in parcours(1), section "EXPORT FILES".
 */
#ifndef PARCOURS_ENVELOPE_H
#define PARCOURS_ENVELOPE_H

#include <stdbool.h>
#include <stddef.h>

#include "keyring.h"
#include "secure.h"

/* Header: magic (8), version, kdf, log2 N, r, p, 3 zero bytes, salt (16),
 * nonce (12). */
#define ENVELOPE_MAGIC		"\x89PCX\r\n\x1a\n"
#define ENVELOPE_MAGIC_LEN	8
#define ENVELOPE_VERSION	1
#define ENVELOPE_HEADER_LEN	44
#define ENVELOPE_TAG_LEN	16

/* What envelope_open() returns on failure. */
enum {
	ENVELOPE_EDATA = -1,	/* not an envelope, damaged, unsupported */
	ENVELOPE_EAUTH = -2	/* wrong passphrase (or damaged ciphertext) */
};

/* True if the data starts with the envelope's magic. */
bool envelope_is(const unsigned char *data, size_t len);
/*
 * Encrypts len bytes under a key derived from pass with params (NULL for
 * the default cost), fresh salt and nonce.  Returns 0 with *out and
 * *outlen (caller frees; it holds no clear data), or -1 with *cause.
 */
int envelope_seal(const unsigned char *plain, size_t len,
    const struct secret *pass, const struct kdf_params *params,
    unsigned char **out, size_t *outlen, char **cause);
/*
 * Checks the header and decrypts.  Returns 0 with *out (NUL-terminated,
 * *outlen without the NUL; the caller wipes it with OPENSSL_cleanse and
 * frees it), or ENVELOPE_EDATA / ENVELOPE_EAUTH with *cause.  The scrypt
 * parameters of the header are bounded like a key slot's, so a forged
 * header cannot ask for unbounded memory.
 */
int envelope_open(const unsigned char *data, size_t len,
    const struct secret *pass, unsigned char **out, size_t *outlen,
    char **cause);

#endif
