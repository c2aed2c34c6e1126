/*
 * Shared OpenSSL primitives (see crypto.h): scrypt through EVP_KDF
 * "SCRYPT" and AES-256-GCM through EVP_CIPHER.  Both the key file's slots
 * and encrypted exports use them, so a fix to either lands in both.  The
 * GCM input is fed in pieces because EVP's lengths are ints.
 */
#include "config.h"
#include "crypto.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include "xmalloc.h"

#define NONCE_LEN	12
#define TAG_LEN		16
#define CHUNK		(1024 * 1024)

const char *
crypto_error(void)
{
	unsigned long	 e = ERR_get_error();
	const char	*s = e != 0 ? ERR_reason_error_string(e) : NULL;

	ERR_clear_error();
	return (s != NULL ? s : _("unknown error"));
}

int
crypto_scrypt(const void *pass, size_t passlen, const unsigned char *salt,
    size_t saltlen, uint64_t n, uint32_t r, uint32_t p, unsigned char out[32],
    char **cause)
{
	EVP_KDF		*kdf = NULL;
	EVP_KDF_CTX	*ctx = NULL;
	OSSL_PARAM	 params[7];
	uint64_t	 maxmem;
	int		 retval = -1;

	/*
	 * OpenSSL refuses more than 32 MiB unless told: allow what these
	 * parameters need (128 * r * N for V, 128 * r * p for B) and room.
	 */
	maxmem = 128 * (uint64_t)r * n + 128 * (uint64_t)r * p +
	    ((uint64_t)16 << 20);
	params[0] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD,
	    (void *)pass, passlen);
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
	    (unsigned char *)salt, saltlen);
	params[2] = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n);
	params[3] = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &r);
	params[4] = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &p);
	params[5] = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM,
	    &maxmem);
	params[6] = OSSL_PARAM_construct_end();
	if ((kdf = EVP_KDF_fetch(NULL, "SCRYPT", NULL)) == NULL ||
	    (ctx = EVP_KDF_CTX_new(kdf)) == NULL ||
	    EVP_KDF_derive(ctx, out, 32, params) <= 0) {
		OPENSSL_cleanse(out, 32);
		set_cause(cause, _("cannot derive a key from the passphrase "
		    "(scrypt): %s"), crypto_error());
		goto out;
	}
	retval = 0;

out:
	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	return (retval);
}

int
crypto_gcm(bool enc, const unsigned char key[32],
    const unsigned char nonce[12], const unsigned char *aad, size_t aadlen,
    const unsigned char *in, size_t len, unsigned char *out,
    unsigned char tag[16])
{
	EVP_CIPHER_CTX	*ctx;
	size_t		 done, piece;
	int		 n, retval = -1;

	if ((ctx = EVP_CIPHER_CTX_new()) == NULL)
		return (-1);
	if (EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), NULL, NULL, NULL,
	    enc) != 1 ||
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, NONCE_LEN,
	    NULL) != 1 ||
	    EVP_CipherInit_ex(ctx, NULL, NULL, key, nonce, enc) != 1)
		goto out;
	if (EVP_CipherUpdate(ctx, NULL, &n, aad, (int)aadlen) != 1)
		goto out;
	for (done = 0; done < len; done += piece) {
		piece = len - done > CHUNK ? CHUNK : len - done;
		if (EVP_CipherUpdate(ctx, out + done, &n, in + done,
		    (int)piece) != 1)
			goto out;
	}
	if (!enc && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, TAG_LEN,
	    tag) != 1)
		goto out;
	if (EVP_CipherFinal_ex(ctx, out + len, &n) != 1)
		goto out;
	if (enc && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, TAG_LEN,
	    tag) != 1)
		goto out;
	retval = 0;

out:
	EVP_CIPHER_CTX_free(ctx);	/* wipes the key schedule */
	ERR_clear_error();
	return (retval);
}
