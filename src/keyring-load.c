/*
 * Reading a key file: every field is checked (format, version, database
 * id, page size, each slot's login, KDF parameters and byte lengths) and
 * an unknown or missing one refused with a message naming the file and
 * the field, before any key is derived.
 */
#include "config.h"

#include "keyring-int.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "secure.h"
#include "uuid7.h"
#include "xmalloc.h"

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
	if (keyring_b64_decode(s, out, len, &wrong_len) != 0) {
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
	if (!keyring_login_valid(login)) {
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
	if (!uuid_valid(s)) {
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
	if (!keyring_page_size_valid(page_size)) {
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
		hi = keyring_hex_value(s[2 * i]);
		lo = keyring_hex_value(s[2 * i + 1]);
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
