/*
 * The recovery key: the master key and the first bytes of its SHA-256 in
 * Crockford base32, printed once at "init" and typed back to restore a
 * key slot.  Decoding accepts lower case, spaces and dashes, and the
 * letters Crockford reads as digits (O, I, L), and checks the digest.
 */
#include "config.h"

#include "keyring.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include "secure.h"
#include "xmalloc.h"

#define RECOVERY_CHECK_LEN	3
#define RECOVERY_DATA_LEN	(MASTER_KEY_LEN + RECOVERY_CHECK_LEN)
#define RECOVERY_CHARS		56	/* 35 bytes, 5 bits a character */
#define RECOVERY_GROUP		8

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/*
 * Returns the recovery key for key: Crockford base32 of the key and the
 * first 3 bytes of its SHA-256, 56 characters in 7 groups of 8 joined by
 * '-'.  The caller wipes (OPENSSL_cleanse) and frees it.
 */
char *
recovery_encode(const unsigned char key[MASTER_KEY_LEN])
{
	unsigned char	 data[RECOVERY_DATA_LEN], digest[SHA256_DIGEST_LENGTH];
	char		*out, *p;
	uint32_t	 acc = 0;
	size_t		 i;
	int		 bits = 0, nchars = 0;

	memcpy(data, key, MASTER_KEY_LEN);
	SHA256(key, MASTER_KEY_LEN, digest);
	memcpy(data + MASTER_KEY_LEN, digest, RECOVERY_CHECK_LEN);

	p = out = xmalloc(RECOVERY_CHARS + RECOVERY_CHARS / RECOVERY_GROUP);
	for (i = 0; i < sizeof data; i++) {
		acc = (acc << 8 | data[i]) & 0xfff;
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			if (nchars != 0 && nchars % RECOVERY_GROUP == 0)
				*p++ = '-';
			*p++ = crockford[(acc >> bits) & 0x1f];
			nchars++;
		}
	}
	*p = '\0';

	OPENSSL_cleanse(data, sizeof data);
	OPENSSL_cleanse(digest, sizeof digest);
	OPENSSL_cleanse(&acc, sizeof acc);
	return (out);
}

/* The value of a typed recovery key character, or -1. */
static int
crockford_value(char c)
{
	const char	*p;

	c = (char)toupper((unsigned char)c);
	if (c == 'O')
		c = '0';
	else if (c == 'I' || c == 'L')
		c = '1';
	if (c == '\0' || (p = strchr(crockford, c)) == NULL)
		return (-1);
	return ((int)(p - crockford));
}

/*
 * Decodes a recovery key as typed into key.  Case, blanks and dashes do
 * not matter; O reads as 0, I and L as 1.  Returns 0, or -1 with key
 * wiped and *cause when a character is not allowed, the length is wrong
 * or the check does not match.
 */
int
recovery_decode(const char *text, unsigned char key[MASTER_KEY_LEN],
    char **cause)
{
	unsigned char	 data[RECOVERY_DATA_LEN], digest[SHA256_DIGEST_LENGTH];
	uint32_t	 acc = 0;
	size_t		 n = 0, nchars = 0;
	int		 bits = 0, v, retval = -1;
	const char	*p;

	for (p = text; *p != '\0'; p++) {
		if (*p == '-' || isspace((unsigned char)*p))
			continue;
		if ((v = crockford_value(*p)) == -1) {
			if (isprint((unsigned char)*p)) {
				set_cause(cause, _("the recovery key is "
				    "mistyped: \"%c\" is not one of its "
				    "characters"), *p);
			} else {
				set_cause(cause, _("the recovery key is "
				    "mistyped: check it again"));
			}
			goto out;
		}
		if (++nchars > RECOVERY_CHARS)
			break;
		acc = (acc << 5 | (uint32_t)v) & 0xfff;
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			data[n++] = (unsigned char)(acc >> bits);
		}
	}
	if (nchars != RECOVERY_CHARS) {
		set_cause(cause, _("the recovery key is mistyped: check it "
		    "again"));
		goto out;
	}
	SHA256(data, MASTER_KEY_LEN, digest);
	if (CRYPTO_memcmp(digest, data + MASTER_KEY_LEN,
	    RECOVERY_CHECK_LEN) != 0) {
		set_cause(cause, _("the recovery key is mistyped: check it "
		    "again"));
		goto out;
	}
	memcpy(key, data, MASTER_KEY_LEN);
	retval = 0;

out:
	if (retval != 0)
		OPENSSL_cleanse(key, MASTER_KEY_LEN);
	OPENSSL_cleanse(data, sizeof data);
	OPENSSL_cleanse(digest, sizeof digest);
	OPENSSL_cleanse(&acc, sizeof acc);
	return (retval);
}
