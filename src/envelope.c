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

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "xmalloc.h"

#define KDF_SCRYPT	1
#define SALT_LEN	16
#define NONCE_LEN	12
/* GCM is fed in pieces: EVP's lengths are ints. */
#define CHUNK		(1024 * 1024)

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
	if (in[8] != ENVELOPE_VERSION || in[9] != KDF_SCRYPT ||
	    in[13] != 0 || in[14] != 0 || in[15] != 0 ||
	    h->log2n < KDF_MIN_LOG2N || h->log2n > KDF_MAX_LOG2N ||
	    h->r < 1 || h->r > 32 || h->p < 1 || h->p > 16) {
		set_cause(cause, _("the encrypted export's header is damaged "
		    "or unsupported"));
		return (-1);
	}
	memcpy(h->salt, in + 16, SALT_LEN);
	memcpy(h->nonce, in + 32, NONCE_LEN);
	return (0);
}

static const char *
openssl_error(void)
{
	unsigned long	 e = ERR_get_error();
	const char	*s = e != 0 ? ERR_reason_error_string(e) : NULL;

	ERR_clear_error();
	return (s != NULL ? s : _("unknown error"));
}

/* Derives the file key from the passphrase and the header. */
static int
derive(const struct header *h, const struct secret *pass,
    unsigned char key[32], char **cause)
{
	EVP_KDF		*kdf = NULL;
	EVP_KDF_CTX	*ctx = NULL;
	OSSL_PARAM	 params[7];
	uint64_t	 n = (uint64_t)1 << h->log2n, maxmem;
	uint32_t	 r = h->r, p = h->p;
	int		 rc = -1;

	/* OpenSSL refuses more than 32 MiB unless told: allow what these
	 * parameters need, and some room. */
	maxmem = 128 * (uint64_t)r * n + 128 * (uint64_t)r * p +
	    ((uint64_t)16 << 20);
	params[0] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD,
	    pass->data, pass->len);
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
	    (unsigned char *)h->salt, SALT_LEN);
	params[2] = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n);
	params[3] = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r);
	params[4] = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p);
	params[5] = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM,
	    &maxmem);
	params[6] = OSSL_PARAM_construct_end();
	if ((kdf = EVP_KDF_fetch(NULL, "SCRYPT", NULL)) == NULL ||
	    (ctx = EVP_KDF_CTX_new(kdf)) == NULL ||
	    EVP_KDF_derive(ctx, key, 32, params) <= 0) {
		OPENSSL_cleanse(key, 32);
		set_cause(cause, _("cannot derive a key from the passphrase "
		    "(scrypt): %s"), openssl_error());
		goto out;
	}
	rc = 0;
out:
	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	return (rc);
}

/*
 * AES-256-GCM over len bytes with the header as associated data.  With
 * enc the tag is written, else checked.  Returns 0, or -1 if OpenSSL fails
 * or the tag does not match.
 */
static int
gcm(bool enc, const unsigned char key[32], const struct header *h,
    const unsigned char *aad, const unsigned char *in, size_t len,
    unsigned char *out, unsigned char tag[ENVELOPE_TAG_LEN])
{
	EVP_CIPHER_CTX	*ctx;
	size_t		 done, piece;
	int		 n, rc = -1;

	if ((ctx = EVP_CIPHER_CTX_new()) == NULL)
		return (-1);
	if (EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), NULL, NULL, NULL,
	    enc) != 1 ||
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, NONCE_LEN,
	    NULL) != 1 ||
	    EVP_CipherInit_ex(ctx, NULL, NULL, key, h->nonce, enc) != 1)
		goto out;
	if (EVP_CipherUpdate(ctx, NULL, &n, aad, ENVELOPE_HEADER_LEN) != 1)
		goto out;
	for (done = 0; done < len; done += piece) {
		piece = len - done > CHUNK ? CHUNK : len - done;
		if (EVP_CipherUpdate(ctx, out + done, &n, in + done,
		    (int)piece) != 1)
			goto out;
	}
	if (!enc && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG,
	    ENVELOPE_TAG_LEN, tag) != 1)
		goto out;
	if (EVP_CipherFinal_ex(ctx, out + len, &n) != 1)
		goto out;
	if (enc && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG,
	    ENVELOPE_TAG_LEN, tag) != 1)
		goto out;
	rc = 0;
out:
	EVP_CIPHER_CTX_free(ctx);	/* wipes the key schedule */
	ERR_clear_error();
	return (rc);
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
		    openssl_error());
		return (-1);
	}
	total = ENVELOPE_HEADER_LEN + len + ENVELOPE_TAG_LEN;
	buf = xmalloc(total);
	header_write(&h, buf);
	if (derive(&h, pass, key, cause) != 0)
		goto out;
	if (gcm(true, key, &h, buf, plain, len, buf + ENVELOPE_HEADER_LEN,
	    buf + ENVELOPE_HEADER_LEN + len) != 0) {
		set_cause(cause, _("cannot encrypt the export: %s"),
		    openssl_error());
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
	if (gcm(false, key, &h, data, data + ENVELOPE_HEADER_LEN, clen,
	    plain, tag) != 0) {
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
