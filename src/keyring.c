/*
 * Key slots and the recovery key.  The sidecar (NAME.db.keys) is a small
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

#include "keyring.h"

#include <ctype.h>
#include <stdarg.h>
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

#define KEYRING_FORMAT		"parcours-keys"
#define KEYRING_VERSION		1
#define KEYRING_MAX_SIZE	(1024 * 1024)

#define SALT_LEN	16
#define NONCE_LEN	12
#define TAG_LEN		16
#define MAC_LEN		32
#define LOGIN_MAX	255

#define RECOVERY_CHECK_LEN	3
#define RECOVERY_DATA_LEN	(MASTER_KEY_LEN + RECOVERY_CHECK_LEN)
#define RECOVERY_CHARS		56	/* 35 bytes, 5 bits a character */
#define RECOVERY_GROUP		8

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

struct slot {
	char			*login;
	struct kdf_params	 kdf;
	unsigned char		 salt[SALT_LEN];
	unsigned char		 nonce[NONCE_LEN];
	unsigned char		 wrapped[MASTER_KEY_LEN];
	unsigned char		 tag[TAG_LEN];
};

struct keyring {
	char		*db_id;
	int		 page_size;
	struct slot	*slots;
	size_t		 nslots;

	/*
	 * The seal read from the file or computed by keyring_set_slot().
	 * Removing a slot breaks it until the next keyring_save().
	 */
	bool		 sealed;
	unsigned char	 mac[MAC_LEN];
};

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

static bool
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
static bool
login_valid(const char *login)
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

/* The database id is a UUID in its usual 36-character text form. */
static bool
db_id_valid(const char *id)
{
	size_t	 i;

	if (strlen(id) != 36)
		return (false);
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (id[i] != '-')
				return (false);
		} else if (!isxdigit((unsigned char)id[i]))
			return (false);
	}
	return (true);
}

/* SQLCipher accepts page sizes that are powers of two, 512 to 65536. */
static bool
page_size_valid(json_int_t size)
{
	return (size >= 512 && size <= 65536 && (size & (size - 1)) == 0);
}

static void
hex_encode(const unsigned char *in, size_t len, char *out)
{
	static const char	 digits[] = "0123456789abcdef";
	size_t			 i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 0xf];
	}
	out[2 * len] = '\0';
}

static int
hex_value(char c)
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
static int
b64_decode(const char *s, unsigned char *out, size_t want, bool *wrong_len)
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

	hex_encode(s->salt, sizeof s->salt, salt);
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

/* Builds a cause "key file "PATH": MESSAGE". */
static void __attribute__((format(printf, 3, 4)))
load_error(char **cause, const char *path, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	set_cause(cause, _("key file \"%s\": %s"), path, msg);
	free(msg);
}

/* Fails unless every member of obj is one of the NULL-terminated names. */
static int
load_only(json_t *obj, const char *const *names, const char *path,
    const char *where, char **cause)
{
	const char	*key;
	json_t		*value;
	size_t		 i;

	json_object_foreach(obj, key, value) {
		for (i = 0; names[i] != NULL; i++) {
			if (strcmp(names[i], key) == 0)
				break;
		}
		if (names[i] == NULL) {
			load_error(cause, path, _("%sunexpected field \"%s\""),
			    where, key);
			return (-1);
		}
	}
	return (0);
}

/* Gets the integer member name of obj, or fails naming it. */
static int
load_int(json_t *obj, const char *name, json_int_t *out, const char *path,
    const char *where, char **cause)
{
	json_t	*v = json_object_get(obj, name);

	if (!json_is_integer(v)) {
		load_error(cause, path, _("%s\"%s\" is missing or is not an "
		    "integer"), where, name);
		return (-1);
	}
	*out = json_integer_value(v);
	return (0);
}

/* Gets the string member name of obj (borrowed), or fails naming it. */
static int
load_string(json_t *obj, const char *name, const char **out,
    const char *path, const char *where, char **cause)
{
	json_t	*v = json_object_get(obj, name);

	if (!json_is_string(v)) {
		load_error(cause, path, _("%s\"%s\" is missing or is not a "
		    "string"), where, name);
		return (-1);
	}
	*out = json_string_value(v);
	if (strlen(*out) != json_string_length(v)) {
		load_error(cause, path, _("%s\"%s\" contains a NUL"), where,
		    name);
		return (-1);
	}
	return (0);
}

/* Gets the base64 member name of obj, which must decode to len bytes. */
static int
load_bytes(json_t *obj, const char *name, unsigned char *out, size_t len,
    const char *path, const char *where, char **cause)
{
	const char	*s;
	bool		 wrong_len;

	if (load_string(obj, name, &s, path, where, cause) != 0)
		return (-1);
	if (b64_decode(s, out, len, &wrong_len) != 0) {
		if (wrong_len) {
			load_error(cause, path, _("%s\"%s\" is not %zu bytes "
			    "long"), where, name, len);
		} else {
			load_error(cause, path, _("%s\"%s\" is not valid "
			    "base64"), where, name);
		}
		return (-1);
	}
	return (0);
}

/* Parses slot i of the file into s. */
static int
load_slot(json_t *obj, size_t i, struct slot *s, const char *path,
    char **cause)
{
	static const char *const names[] = { "login", "kdf", "n", "r", "p",
	    "salt", "nonce", "wrapped", "tag", NULL };
	const char	*login, *kdf;
	json_int_t	 n, r, p;
	char		*where;
	int		 retval = -1;

	where = xasprintf(_("slot %zu: "), i + 1);
	if (!json_is_object(obj)) {
		load_error(cause, path, _("%sis not an object"), where);
		goto out;
	}
	if (load_only(obj, names, path, where, cause) != 0 ||
	    load_string(obj, "login", &login, path, where, cause) != 0)
		goto out;
	if (!login_valid(login)) {
		load_error(cause, path, _("%sthe login is not valid"), where);
		goto out;
	}
	free(where);
	where = xasprintf(_("slot %zu (\"%s\"): "), i + 1, login);

	if (load_string(obj, "kdf", &kdf, path, where, cause) != 0)
		goto out;
	if (strcmp(kdf, "scrypt") != 0) {
		load_error(cause, path, _("%sunknown key derivation \"%s\""),
		    where, kdf);
		goto out;
	}
	if (load_int(obj, "n", &n, path, where, cause) != 0 ||
	    load_int(obj, "r", &r, path, where, cause) != 0 ||
	    load_int(obj, "p", &p, path, where, cause) != 0)
		goto out;
	if (n < 0 || r < 0 || r > UINT32_MAX || p < 0 || p > UINT32_MAX)
		s->kdf.n = s->kdf.r = s->kdf.p = 0;
	else {
		s->kdf.n = (uint64_t)n;
		s->kdf.r = (uint32_t)r;
		s->kdf.p = (uint32_t)p;
	}
	if (!kdf_params_valid(&s->kdf)) {
		load_error(cause, path, _("%sscrypt parameters out of range "
		    "(n=%lld r=%lld p=%lld; n must be a power of two from 2^%d "
		    "to 2^%d, r from 1 to 32, p from 1 to 16)"), where,
		    (long long)n, (long long)r, (long long)p, KDF_MIN_LOG2N,
		    KDF_MAX_LOG2N);
		goto out;
	}
	if (load_bytes(obj, "salt", s->salt, sizeof s->salt, path, where,
	    cause) != 0 ||
	    load_bytes(obj, "nonce", s->nonce, sizeof s->nonce, path, where,
	    cause) != 0 ||
	    load_bytes(obj, "wrapped", s->wrapped, sizeof s->wrapped, path,
	    where, cause) != 0 ||
	    load_bytes(obj, "tag", s->tag, sizeof s->tag, path, where,
	    cause) != 0)
		goto out;
	s->login = xstrdup(login);
	retval = 0;

out:
	free(where);
	return (retval);
}

/*
 * Reads and parses the sidecar at path into a new keyring (the caller
 * frees it with keyring_free()).  Everything is checked except the seal,
 * which needs the master key.  Returns 0, or -1 with *cause naming the file
 * and what is wrong with it.
 */
int
keyring_load(const char *path, struct keyring **out, char **cause)
{
	static const char *const names[] = { "format", "version", "db_id",
	    "cipher", "slots", "mac", NULL };
	static const char *const cipher_names[] = { "page_size", "key",
	    NULL };
	struct keyring	*kr = NULL;
	json_t		*root = NULL, *cipher, *slots;
	json_error_t	 jerr;
	unsigned char	*text = NULL;
	const char	*s, *where = "";
	json_int_t	 version, page_size;
	size_t		 len, i, j;
	int		 retval = -1, hi, lo;

	*out = NULL;
	if (secure_read_file(path, KEYRING_MAX_SIZE, &text, &len, cause) != 0)
		goto out;
	root = json_loadb((char *)text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		set_cause(cause, _("key file \"%s\" is not valid JSON (line "
		    "%d, column %d: %s)"), path, jerr.line, jerr.column,
		    jerr.text);
		goto out;
	}
	if (!json_is_object(root) ||
	    !json_is_string(json_object_get(root, "format")) ||
	    strcmp(json_string_value(json_object_get(root, "format")),
	    KEYRING_FORMAT) != 0) {
		set_cause(cause, _("\"%s\" is not a parcours key file"), path);
		goto out;
	}
	/* The version first: a newer file may have other fields. */
	if (load_int(root, "version", &version, path, where, cause) != 0)
		goto out;
	if (version > KEYRING_VERSION) {
		set_cause(cause, _("key file \"%s\" was written by a newer "
		    "parcours (key file version %lld)"), path,
		    (long long)version);
		goto out;
	}
	if (version < 1) {
		load_error(cause, path, _("invalid version %lld"),
		    (long long)version);
		goto out;
	}
	if (load_only(root, names, path, where, cause) != 0)
		goto out;

	if (load_string(root, "db_id", &s, path, where, cause) != 0)
		goto out;
	if (!db_id_valid(s)) {
		load_error(cause, path, _("\"db_id\" is not a UUID"));
		goto out;
	}
	kr = keyring_create(s, 0);

	cipher = json_object_get(root, "cipher");
	if (!json_is_object(cipher)) {
		load_error(cause, path, _("\"cipher\" is missing or is not an "
		    "object"));
		goto out;
	}
	where = _("cipher: ");
	if (load_only(cipher, cipher_names, path, where, cause) != 0 ||
	    load_int(cipher, "page_size", &page_size, path, where,
	    cause) != 0 ||
	    load_string(cipher, "key", &s, path, where, cause) != 0)
		goto out;
	if (!page_size_valid(page_size)) {
		load_error(cause, path, _("%sinvalid page size %lld"), where,
		    (long long)page_size);
		goto out;
	}
	if (strcmp(s, "raw") != 0) {
		load_error(cause, path, _("%sunknown key kind \"%s\""), where,
		    s);
		goto out;
	}
	kr->page_size = (int)page_size;
	where = "";

	slots = json_object_get(root, "slots");
	if (!json_is_array(slots)) {
		load_error(cause, path, _("\"slots\" is missing or is not an "
		    "array"));
		goto out;
	}
	kr->slots = xcalloc(json_array_size(slots), sizeof *kr->slots);
	for (i = 0; i < json_array_size(slots); i++) {
		if (load_slot(json_array_get(slots, i), i, &kr->slots[i], path,
		    cause) != 0)
			goto out;
		kr->nslots++;
		for (j = 0; j < i; j++) {
			if (strcmp(kr->slots[j].login,
			    kr->slots[i].login) == 0) {
				load_error(cause, path, _("two slots for user "
				    "\"%s\""), kr->slots[i].login);
				goto out;
			}
		}
	}

	if (load_string(root, "mac", &s, path, where, cause) != 0)
		goto out;
	if (strlen(s) != 2 * MAC_LEN) {
		load_error(cause, path, _("\"mac\" is not %d hexadecimal "
		    "digits"), 2 * MAC_LEN);
		goto out;
	}
	for (i = 0; i < MAC_LEN; i++) {
		hi = hex_value(s[2 * i]);
		lo = hex_value(s[2 * i + 1]);
		if (hi == -1 || lo == -1) {
			load_error(cause, path, _("\"mac\" is not %d "
			    "hexadecimal digits"), 2 * MAC_LEN);
			goto out;
		}
		kr->mac[i] = (unsigned char)(hi << 4 | lo);
	}
	kr->sealed = true;

	*out = kr;
	kr = NULL;
	retval = 0;

out:
	keyring_free(kr);
	json_decref(root);
	free(text);
	return (retval);
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
	hex_encode(mac, sizeof mac, mac_hex);
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
	if (!login_valid(login)) {
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
		set_cause(cause, _("cannot wrap the key (AES-256-GCM): %s"),
		    crypto_error());
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
keyring_remove_slot(struct keyring *kr, const char *login)
{
	struct slot	*s;
	size_t		 i;

	if ((s = keyring_find(kr, login)) == NULL)
		return (-1);
	i = (size_t)(s - kr->slots);
	free(s->login);
	memmove(s, s + 1, (kr->nslots - i - 1) * sizeof *s);
	kr->nslots--;
	kr->sealed = false;
	return (0);
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
	hex_encode(key, MASTER_KEY_LEN, out + 2);
	out[2 + 2 * MASTER_KEY_LEN] = '\'';
	out[3 + 2 * MASTER_KEY_LEN] = '\0';
	return (out);
}
