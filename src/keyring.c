/*
 * Key slots (reading the file is keyring-load.c; the recovery key,
 * recovery.c).  The sidecar (NAME.db.keys) is a small
 * JSON file holding, for each user, the database's master key wrapped with
 * AES-256-GCM under a key derived from that user's passphrase with scrypt.
 * The slot's header (format, version, database id, login, KDF parameters
 * and salt) is written out as a canonical string and used as the GCM
 * associated data, so a slot moved to another login or database, or given
 * cheaper parameters, no longer opens.  The whole file is also sealed with
 * an HMAC-SHA-256 under a subkey of the master key, over a canonical
 * serialisation rebuilt from the parsed contents (not the file's bytes),
 * so that a slot removed, added or swapped is noticed once the key is
 * known.  Everything derived from a passphrase or the master key is wiped
 * with OPENSSL_cleanse as soon as it has served.
 */

#include "config.h"

#include "keyring-int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "crypto.h"
#include "secure.h"
#include "text.h"
#include "xmalloc.h"

/* Fills params with the default scrypt cost: N = 2^17, r = 8, p = 1. */
void
kdf_params_default(struct kdf_params *params)
{
	params->n = (uint64_t)1 << KDF_DEFAULT_LOG2N;
	params->r = 8;
	params->p = 1;
}

/* The most memory one key derivation may use (scrypt needs 128·N·r). */
#define KDF_MAX_MEMORY ((uint64_t)1 << 30)

bool
kdf_params_valid(const struct kdf_params *params)
{
	uint64_t	 n = params->n;

	if (n < ((uint64_t)1 << KDF_MIN_LOG2N) ||
	    n > ((uint64_t)1 << KDF_MAX_LOG2N) || (n & (n - 1)) != 0)
		return (false);
	if (params->r < 1 || params->r > 32)
		return (false);
	if (params->p < 1 || params->p > 16)
		return (false);
	/* A hostile key file must not make scrypt ask for gigabytes. */
	if (128 * n * params->r > KDF_MAX_MEMORY)
		return (false);
	return (true);
}

/*
 * A login goes into the slot header and into messages: printable UTF-8 of
 * at most LOGIN_MAX bytes, no control characters.
 */
bool
keyring_login_valid(const char *login)
{
	size_t		 len = strlen(login), i;
	unsigned char	 c;

	if (len == 0 || len > LOGIN_MAX || !text_valid_utf8(login, len))
		return (false);
	for (i = 0; i < len; i++) {
		c = (unsigned char)login[i];
		if (c < 0x20 || c == 0x7f)
			return (false);
	}
	return (true);
}

/* SQLCipher accepts page sizes that are powers of two, 512 to 65536. */
bool
keyring_page_size_valid(json_int_t size)
{
	return (size >= 512 && size <= 65536 && (size & (size - 1)) == 0);
}

int
keyring_hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

/* Base64 of len bytes into out, which has room for 4 * ((len + 2) / 3) + 1. */
static void
b64_encode(const unsigned char *in, size_t len, char *out)
{
	EVP_EncodeBlock((unsigned char *)out, in, (int)len);
}

/*
 * Decodes the canonical base64 of exactly want bytes.  Anything else
 * (whitespace, a bad character or padding, another length) is refused:
 * decoding then encoding again must give back the same text.
 */
int
keyring_b64_decode(const char *s, unsigned char *out, size_t want, bool *wrong_len)
{
	unsigned char	*buf, *check;
	size_t		 len = strlen(s), n;
	int		 decoded, retval = -1;

	*wrong_len = false;
	if (len == 0 || len % 4 != 0 || len > KEYRING_MAX_SIZE)
		return (-1);
	buf = xmalloc(len / 4 * 3 + 1);
	check = xmalloc(len + 1);
	decoded = EVP_DecodeBlock(buf, (const unsigned char *)s, (int)len);
	if (decoded < 0)
		goto out;
	n = (size_t)decoded;
	if (s[len - 1] == '=')
		n--;
	if (s[len - 2] == '=')
		n--;
	EVP_EncodeBlock(check, buf, (int)n);
	if (strcmp((char *)check, s) != 0)
		goto out;
	if (n != want) {
		*wrong_len = true;
		goto out;
	}
	memcpy(out, buf, want);
	retval = 0;

out:
	OPENSSL_cleanse(buf, len / 4 * 3 + 1);
	free(buf);
	free(check);
	return (retval);
}

/* Aborts on a NULL from jansson, which only happens out of memory. */
static json_t *
json_check(json_t *j)
{
	if (j == NULL)
		fatal(_("out of memory (building JSON)"));
	return (j);
}

static char *
json_text(const json_t *j, size_t flags)
{
	char	*s;

	if ((s = json_dumps(j, flags)) == NULL)
		fatal(_("out of memory (writing JSON)"));
	return (s);
}

/*
 * The sidecar as a JSON object built from the parsed contents, with "mac"
 * only when mac_hex is given.  The seal is computed over the same object
 * without "mac", so the file and the seal always describe the same thing.
 */
static json_t *
keyring_json(const struct keyring *kr, const char *mac_hex)
{
	json_t		*root, *slots, *slot;
	struct slot	*s;
	char		 salt[4 * ((SALT_LEN + 2) / 3) + 1];
	char		 nonce[4 * ((NONCE_LEN + 2) / 3) + 1];
	char		 wrapped[4 * ((MASTER_KEY_LEN + 2) / 3) + 1];
	char		 tag[4 * ((TAG_LEN + 2) / 3) + 1];
	size_t		 i;

	slots = json_check(json_array());
	for (i = 0; i < kr->nslots; i++) {
		s = &kr->slots[i];
		b64_encode(s->salt, sizeof s->salt, salt);
		b64_encode(s->nonce, sizeof s->nonce, nonce);
		b64_encode(s->wrapped, sizeof s->wrapped, wrapped);
		b64_encode(s->tag, sizeof s->tag, tag);
		slot = json_check(json_pack("{s:s, s:s, s:I, s:I, s:I, s:s, "
		    "s:s, s:s, s:s}",
		    "login", s->login,
		    "kdf", "scrypt",
		    "n", (json_int_t)s->kdf.n,
		    "r", (json_int_t)s->kdf.r,
		    "p", (json_int_t)s->kdf.p,
		    "salt", salt,
		    "nonce", nonce,
		    "wrapped", wrapped,
		    "tag", tag));
		if (json_array_append_new(slots, slot) != 0)
			fatal(_("out of memory (building JSON)"));
	}
	root = json_check(json_pack("{s:s, s:i, s:s, s:{s:i, s:s}, s:o}",
	    "format", KEYRING_FORMAT,
	    "version", KEYRING_VERSION,
	    "db_id", kr->db_id,
	    "cipher", "page_size", kr->page_size, "key", "raw",
	    "slots", slots));
	if (mac_hex != NULL &&
	    json_object_set_new(root, "mac", json_string(mac_hex)) != 0)
		fatal(_("out of memory (building JSON)"));
	return (root);
}

/*
 * The slot's associated data.  Free-form fields carry their length so
 * that no choice of login or id can make two headers read the same.
 */
static void
slot_header(const struct keyring *kr, const struct slot *s, struct buf *b)
{
	char	 salt[2 * SALT_LEN + 1];

	text_hex(s->salt, sizeof s->salt, salt);
	buf_init(b);
	buf_printf(b, "format=%s\nversion=%d\n", KEYRING_FORMAT,
	    KEYRING_VERSION);
	buf_printf(b, "db_id=%zu:%s\n", strlen(kr->db_id), kr->db_id);
	buf_printf(b, "login=%zu:%s\n", strlen(s->login), s->login);
	buf_printf(b, "kdf=scrypt\nn=%llu\nr=%lu\np=%lu\nsalt=%s\n",
	    (unsigned long long)s->kdf.n, (unsigned long)s->kdf.r,
	    (unsigned long)s->kdf.p, salt);
}

/* Derives the key-encryption key of a slot from the passphrase. */
static int
slot_derive(const struct slot *s, const char *pass, size_t passlen,
    unsigned char kek[32], char **cause)
{
	return (crypto_scrypt(pass, passlen, s->salt, sizeof s->salt,
	    s->kdf.n, s->kdf.r, s->kdf.p, kek, cause));
}

/* Computes the sidecar's seal under the master key into mac. */
static int
keyring_mac(const struct keyring *kr, const unsigned char key[MASTER_KEY_LEN],
    unsigned char mac[MAC_LEN], char **cause)
{
	unsigned char	 subkey[32];
	json_t		*root;
	char		*text;
	size_t		 len;
	int		 retval = 0;

	root = keyring_json(kr, NULL);
	text = json_text(root, JSON_SORT_KEYS|JSON_COMPACT);
	keyring_subkey(key, "sidecar", subkey);
	if (EVP_Q_mac(NULL, "HMAC", NULL, "SHA256", NULL, subkey,
	    sizeof subkey, (unsigned char *)text, strlen(text), mac, MAC_LEN,
	    &len) == NULL || len != MAC_LEN) {
		set_cause(cause, _("cannot compute the key file's seal: %s"),
		    crypto_error());
		retval = -1;
	}
	OPENSSL_cleanse(subkey, sizeof subkey);
	free(text);
	json_decref(root);
	return (retval);
}

static struct slot *
keyring_find(const struct keyring *kr, const char *login)
{
	size_t	 i;

	for (i = 0; i < kr->nslots; i++) {
		if (strcmp(kr->slots[i].login, login) == 0)
			return (&kr->slots[i]);
	}
	return (NULL);
}

/*
 * Returns a new keyring with no slots for the database db_id, whose pages
 * are page_size bytes.  It is unsealed until a slot is set or it is saved.
 * The caller releases it with keyring_free().
 */
struct keyring *
keyring_create(const char *db_id, int page_size)
{
	struct keyring	*kr;

	kr = xcalloc(1, sizeof *kr);
	kr->db_id = xstrdup(db_id);
	kr->page_size = page_size;
	return (kr);
}

/* Frees the keyring; NULL is allowed. */
void
keyring_free(struct keyring *kr)
{
	size_t	 i;

	if (kr == NULL)
		return;
	for (i = 0; i < kr->nslots; i++)
		free(kr->slots[i].login);
	free(kr->slots);
	free(kr->db_id);
	free(kr);
}

/*
 * Writes the keyring to path, atomically and 0600, sealed under key.  When
 * the keyring is sealed already, key must match that seal: a keyring is
 * never resealed under a key its slots do not wrap.  Returns 0, or -1 with
 * *cause.
 */
int
keyring_save(const struct keyring *kr, const char *path,
    const unsigned char key[MASTER_KEY_LEN], char **cause)
{
	unsigned char	 mac[MAC_LEN];
	char		 mac_hex[2 * MAC_LEN + 1], *text = NULL, *file = NULL;
	json_t		*root = NULL;
	int		 retval = -1;

	if (kr->sealed && keyring_verify(kr, key, NULL) != 0) {
		set_cause(cause, _("cannot write \"%s\": the key given does "
		    "not open this key file"), path);
		goto out;
	}
	if (keyring_mac(kr, key, mac, cause) != 0)
		goto out;
	text_hex(mac, sizeof mac, mac_hex);
	root = keyring_json(kr, mac_hex);
	text = json_text(root, JSON_SORT_KEYS|JSON_INDENT(2));
	file = xasprintf("%s\n", text);
	retval = secure_write_file(path, file, strlen(file), cause);

out:
	free(file);
	free(text);
	json_decref(root);
	return (retval);
}

/* The database id (borrowed). */
const char *
keyring_db_id(const struct keyring *kr)
{
	return (kr->db_id);
}

/* The SQLCipher page size, in bytes. */
int
keyring_page_size(const struct keyring *kr)
{
	return (kr->page_size);
}

/* The number of key slots. */
size_t
keyring_slot_count(const struct keyring *kr)
{
	return (kr->nslots);
}

/* The login of slot i, which must exist (borrowed). */
const char *
keyring_slot_login(const struct keyring *kr, size_t i)
{
	return (kr->slots[i].login);
}

/* True if login has a slot. */
bool
keyring_has_slot(const struct keyring *kr, const char *login)
{
	return (keyring_find(kr, login) != NULL);
}

/*
 * Unwraps the master key from login's slot with the passphrase, then
 * checks the seal with it.  Returns 0 with the key in key, or -1 with key
 * wiped and *cause: no slot, wrong passphrase (which is also what a slot
 * header changed in the file looks like), or a broken seal.
 */
int
keyring_unlock(const struct keyring *kr, const char *login,
    const char *pass, size_t passlen, unsigned char key[MASTER_KEY_LEN],
    char **cause)
{
	const struct slot	*s;
	unsigned char		 kek[32];
	struct buf		 aad;
	int			 retval = -1;

	buf_init(&aad);
	if ((s = keyring_find(kr, login)) == NULL) {
		set_cause(cause, _("no key slot for user \"%s\""), login);
		goto out;
	}
	if (slot_derive(s, pass, passlen, kek, cause) != 0)
		goto out;
	slot_header(kr, s, &aad);
	if (crypto_gcm(false, kek, s->nonce, (unsigned char *)aad.data,
	    aad.len, s->wrapped, sizeof s->wrapped, key,
	    (unsigned char *)s->tag) != 0) {
		set_cause(cause, _("wrong passphrase for user \"%s\""), login);
		goto out;
	}
	if (keyring_verify(kr, key, cause) != 0)
		goto out;
	retval = 0;

out:
	OPENSSL_cleanse(kek, sizeof kek);
	buf_free(&aad);
	if (retval != 0)
		OPENSSL_cleanse(key, MASTER_KEY_LEN);
	return (retval);
}

/*
 * Checks the keyring's seal with key (from a slot or the recovery key).
 * Returns 0, or -1 with *cause if it does not match or there is none (a
 * slot was removed since it was computed).
 */
int
keyring_verify(const struct keyring *kr,
    const unsigned char key[MASTER_KEY_LEN], char **cause)
{
	unsigned char	 mac[MAC_LEN];
	int		 retval = -1;

	if (!kr->sealed) {
		set_cause(cause, _("the key file has no seal yet (it must be "
		    "saved first)"));
		return (-1);
	}
	if (keyring_mac(kr, key, mac, cause) != 0)
		goto out;
	if (CRYPTO_memcmp(mac, kr->mac, MAC_LEN) != 0) {
		set_cause(cause, _("the key file has been tampered with (its "
		    "seal does not match)"));
		goto out;
	}
	retval = 0;

out:
	OPENSSL_cleanse(mac, sizeof mac);
	return (retval);
}

/*
 * Wraps key in a slot for login under the passphrase (fresh salt and
 * nonce; params NULL for the default cost), replacing login's slot if it
 * has one, and reseals the keyring.  A sealed keyring must be sealed under
 * key.  Returns 0, or -1 with *cause and the keyring unchanged.
 */
int
keyring_set_slot(struct keyring *kr, const char *login, const char *pass,
    size_t passlen, const unsigned char key[MASTER_KEY_LEN],
    const struct kdf_params *params, char **cause)
{
	struct slot	 fresh, *old;
	unsigned char	 kek[32];
	struct buf	 aad;
	int		 retval = -1;

	memset(&fresh, 0, sizeof fresh);
	buf_init(&aad);
	if (!keyring_login_valid(login)) {
		set_cause(cause, _("\"%s\" cannot be used as a login"), login);
		goto out;
	}
	if (params == NULL)
		kdf_params_default(&fresh.kdf);
	else
		fresh.kdf = *params;
	if (!kdf_params_valid(&fresh.kdf)) {
		set_cause(cause, _("scrypt parameters out of range: n must "
		    "be a power of two from 2^%d to 2^%d, r from 1 to 32, p "
		    "from 1 to 16"), KDF_MIN_LOG2N, KDF_MAX_LOG2N);
		goto out;
	}
	if (kr->sealed && keyring_verify(kr, key, NULL) != 0) {
		set_cause(cause, _("the key given does not open this key "
		    "file"));
		goto out;
	}
	if (RAND_bytes(fresh.salt, sizeof fresh.salt) != 1 ||
	    RAND_bytes(fresh.nonce, sizeof fresh.nonce) != 1) {
		set_cause(cause, _("cannot get random bytes: %s"),
		    crypto_error());
		goto out;
	}
	fresh.login = xstrdup(login);
	if (slot_derive(&fresh, pass, passlen, kek, cause) != 0)
		goto out;
	slot_header(kr, &fresh, &aad);
	if (crypto_gcm(true, kek, fresh.nonce, (unsigned char *)aad.data,
	    aad.len, key, MASTER_KEY_LEN, fresh.wrapped, fresh.tag) != 0) {
		/* crypto_gcm() has emptied OpenSSL's error queue. */
		set_cause(cause, _("cannot wrap the key (AES-256-GCM)"));
		goto out;
	}

	if ((old = keyring_find(kr, login)) != NULL) {
		free(old->login);
		*old = fresh;
	} else {
		kr->slots = xreallocarray(kr->slots, kr->nslots + 1,
		    sizeof *kr->slots);
		kr->slots[kr->nslots++] = fresh;
	}
	fresh.login = NULL;
	kr->sealed = keyring_mac(kr, key, kr->mac, cause) == 0;
	retval = kr->sealed ? 0 : -1;

out:
	free(fresh.login);
	OPENSSL_cleanse(kek, sizeof kek);
	buf_free(&aad);
	return (retval);
}

/*
 * Removes login's slot.  The seal no longer matches until the keyring is
 * saved with the key.  Returns 0, or -1 if login had no slot.
 */
int
keyring_remove_slot(struct keyring *kr, const char *login,
    const unsigned char key[MASTER_KEY_LEN], char **cause)
{
	struct slot	*s;
	size_t		 i;

	if (kr->sealed && keyring_verify(kr, key, NULL) != 0) {
		set_cause(cause, _("cannot remove the key slot of \"%s\": the "
		    "key given does not open this key file"), login);
		return (-1);
	}
	if ((s = keyring_find(kr, login)) == NULL) {
		set_cause(cause, _("no key slot for user \"%s\""), login);
		return (-1);
	}
	i = (size_t)(s - kr->slots);
	free(s->login);
	memmove(s, s + 1, (kr->nslots - i - 1) * sizeof *s);
	kr->nslots--;
	kr->sealed = keyring_mac(kr, key, kr->mac, cause) == 0;
	return (kr->sealed ? 0 : -1);
}

/*
 * Fills key with fresh random bytes from OpenSSL's private generator.
 * Returns 0, or -1 with *cause if the system gives no randomness.
 */
int
keyring_random_key(unsigned char key[MASTER_KEY_LEN], char **cause)
{
	if (RAND_priv_bytes(key, MASTER_KEY_LEN) != 1) {
		OPENSSL_cleanse(key, MASTER_KEY_LEN);
		set_cause(cause, _("cannot get random bytes for a key: %s"),
		    crypto_error());
		return (-1);
	}
	return (0);
}

/*
 * Derives the subkey for purpose into out: HKDF-SHA-256 of the master key
 * with no salt and the info "parcours PURPOSE", so that the keys of the
 * audit chain, exports and the sidecar seal are independent.  Never fails
 * (an OpenSSL failure here is fatal).
 */
void
keyring_subkey(const unsigned char key[MASTER_KEY_LEN], const char *purpose,
    unsigned char out[32])
{
	static char	 digest[] = "SHA256";
	EVP_KDF		*kdf = NULL;
	EVP_KDF_CTX	*ctx = NULL;
	OSSL_PARAM	 params[4];
	char		*info;

	info = xasprintf("parcours %s", purpose);
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
	    digest, 0);
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
	    (unsigned char *)key, MASTER_KEY_LEN);
	params[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
	    info, strlen(info));
	params[3] = OSSL_PARAM_construct_end();
	if ((kdf = EVP_KDF_fetch(NULL, "HKDF", NULL)) == NULL ||
	    (ctx = EVP_KDF_CTX_new(kdf)) == NULL ||
	    EVP_KDF_derive(ctx, out, 32, params) <= 0)
		fatal(_("cannot derive a subkey (HKDF): %s"), crypto_error());
	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	free(info);
}

/*
 * Returns the key as SQLCipher's raw-key literal x'<64 lower-case hex>',
 * for PRAGMA key.  The caller wipes (OPENSSL_cleanse) and frees it.
 */
char *
keyring_sql_literal(const unsigned char key[MASTER_KEY_LEN])
{
	char	*out;

	out = xmalloc(2 * MASTER_KEY_LEN + 4);
	out[0] = 'x';
	out[1] = '\'';
	text_hex(key, MASTER_KEY_LEN, out + 2);
	out[2 + 2 * MASTER_KEY_LEN] = '\'';
	out[3 + 2 * MASTER_KEY_LEN] = '\0';
	return (out);
}
