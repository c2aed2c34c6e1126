/*
 * Export files encrypted under a passphrase (see envelope.h).  The key is
 * derived with scrypt (OpenSSL's EVP_KDF "SCRYPT") and used once: each
 * file has its own random salt and nonce.  The clear text is never written
 * anywhere by this module; the derived key is wiped as soon as it has
 * served.
 */
#include "config.h"
#include "envelope.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "crypto.h"
#include "xmalloc.h"

#define KDF_SCRYPT	1
#define SALT_LEN	16
#define NONCE_LEN	12

/* The header's fields, as parsed or to be written. */
struct header {
	unsigned	log2n;
	unsigned	r;
	unsigned	p;
	unsigned char	salt[SALT_LEN];
	unsigned char	nonce[NONCE_LEN];
};

static void
header_write(const struct header *h, unsigned char out[ENVELOPE_HEADER_LEN])
{
	memset(out, 0, ENVELOPE_HEADER_LEN);
	memcpy(out, ENVELOPE_MAGIC, ENVELOPE_MAGIC_LEN);
	out[8] = ENVELOPE_VERSION;
	out[9] = KDF_SCRYPT;
	out[10] = (unsigned char)h->log2n;
	out[11] = (unsigned char)h->r;
	out[12] = (unsigned char)h->p;
	/* 13 to 15: zero, reserved. */
	memcpy(out + 16, h->salt, SALT_LEN);
	memcpy(out + 32, h->nonce, NONCE_LEN);
}

static int
header_read(const unsigned char *in, size_t len, struct header *h,
    char **cause)
{
	struct kdf_params	kdf;

	if (!envelope_is(in, len)) {
		set_cause(cause, _("not an encrypted parcours export"));
		return (-1);
	}
	if (len < ENVELOPE_HEADER_LEN + ENVELOPE_TAG_LEN) {
		set_cause(cause, _("the encrypted export is truncated"));
		return (-1);
	}
	if (in[8] > ENVELOPE_VERSION) {
		set_cause(cause, _("the export was written by a newer parcours "
		    "(file version %u; this one reads version %d)"), in[8],
		    ENVELOPE_VERSION);
		return (-1);
	}
	h->log2n = in[10];
	h->r = in[11];
	h->p = in[12];
	kdf.n = h->log2n <= KDF_MAX_LOG2N ? (uint64_t)1 << h->log2n : 0;
	kdf.r = h->r;
	kdf.p = h->p;
	if (in[8] != ENVELOPE_VERSION || in[9] != KDF_SCRYPT ||
	    in[13] != 0 || in[14] != 0 || in[15] != 0 ||
	    !kdf_params_valid(&kdf)) {
		set_cause(cause, _("the encrypted export's header is damaged "
		    "or unsupported"));
		return (-1);
	}
	memcpy(h->salt, in + 16, SALT_LEN);
	memcpy(h->nonce, in + 32, NONCE_LEN);
	return (0);
}

/* Derives the file key from the passphrase and the header. */
static int
derive(const struct header *h, const struct secret *pass,
    unsigned char key[32], char **cause)
{
	return (crypto_scrypt(pass->data, pass->len, h->salt, SALT_LEN,
	    (uint64_t)1 << h->log2n, h->r, h->p, key, cause));
}

bool
envelope_is(const unsigned char *data, size_t len)
{
	return (len >= ENVELOPE_MAGIC_LEN &&
	    memcmp(data, ENVELOPE_MAGIC, ENVELOPE_MAGIC_LEN) == 0);
}

int
envelope_seal(const unsigned char *plain, size_t len,
    const struct secret *pass, const struct kdf_params *params,
    unsigned char **out, size_t *outlen, char **cause)
{
	struct kdf_params	 def;
	struct header		 h;
	unsigned char		 key[32], *buf;
	size_t			 total;
	int			 rc = -1;

	*out = NULL;
	*outlen = 0;
	if (params == NULL) {
		kdf_params_default(&def);
		params = &def;
	}
	memset(&h, 0, sizeof h);
	for (h.log2n = 0; ((uint64_t)1 << h.log2n) < params->n; h.log2n++)
		/* nothing */;
	h.r = params->r;
	h.p = params->p;
	if (RAND_bytes(h.salt, SALT_LEN) != 1 ||
	    RAND_bytes(h.nonce, NONCE_LEN) != 1) {
		set_cause(cause, _("no random numbers for the export: %s"),
		    crypto_error());
		return (-1);
	}
	total = ENVELOPE_HEADER_LEN + len + ENVELOPE_TAG_LEN;
	buf = xmalloc(total);
	header_write(&h, buf);
	if (derive(&h, pass, key, cause) != 0)
		goto out;
	if (crypto_gcm(true, key, h.nonce, buf, ENVELOPE_HEADER_LEN, plain,
	    len, buf + ENVELOPE_HEADER_LEN,
	    buf + ENVELOPE_HEADER_LEN + len) != 0) {
		/* crypto_gcm() has emptied OpenSSL's error queue. */
		set_cause(cause, _("cannot encrypt the export (AES-256-GCM)"));
		goto out;
	}
	*out = buf;
	*outlen = total;
	buf = NULL;
	rc = 0;
out:
	OPENSSL_cleanse(key, sizeof key);
	if (buf != NULL) {
		OPENSSL_cleanse(buf, total);
		free(buf);
	}
	return (rc);
}

int
envelope_open(const unsigned char *data, size_t len,
    const struct secret *pass, unsigned char **out, size_t *outlen,
    char **cause)
{
	struct header	 h;
	unsigned char	 key[32], tag[ENVELOPE_TAG_LEN], *plain;
	size_t		 clen;
	int		 rc = ENVELOPE_EDATA;

	*out = NULL;
	*outlen = 0;
	if (header_read(data, len, &h, cause) != 0)
		return (ENVELOPE_EDATA);
	clen = len - ENVELOPE_HEADER_LEN - ENVELOPE_TAG_LEN;
	memcpy(tag, data + len - ENVELOPE_TAG_LEN, ENVELOPE_TAG_LEN);
	plain = xmalloc(clen + 1);
	if (derive(&h, pass, key, cause) != 0)
		goto out;
	if (crypto_gcm(false, key, h.nonce, data, ENVELOPE_HEADER_LEN,
	    data + ENVELOPE_HEADER_LEN, clen, plain, tag) != 0) {
		set_cause(cause, _("wrong passphrase for the export file (or "
		    "the file is damaged)"));
		rc = ENVELOPE_EAUTH;
		goto out;
	}
	plain[clen] = '\0';
	*out = plain;
	*outlen = clen;
	plain = NULL;
	rc = 0;
out:
	OPENSSL_cleanse(key, sizeof key);
	if (plain != NULL) {
		OPENSSL_cleanse(plain, clen + 1);
		free(plain);
	}
	return (rc);
}
