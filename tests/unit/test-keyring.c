/*
 * Unit tests of the key slots and the recovery key: wrapping and
 * unwrapping the master key, what a wrong passphrase and each kind of
 * tampering with the sidecar look like, the strict parsing of the file,
 * and the recovery key as people type it.  Slots use the lowest cost the
 * parser accepts (N = 2^14) except where the default cost is the point.
 */

#include "config.h"

#include <sys/stat.h>

#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>
#include <openssl/crypto.h>

#include "keyring.h"
#include "secure.h"
#include "xmalloc.h"

#include "tmpdir.h"

#define DB_ID	"01890a5d-ac96-774b-bcce-b302099a8057"
#define PASS_A	"correct horse battery staple"
#define PASS_B	"Léa a 17 ans et un projet"

static const struct kdf_params	 fast = { (uint64_t)1 << 14, 8, 1 };

static void
write_text(const char *path, const char *text)
{
	FILE	*f;

	assert_non_null(f = fopen(path, "w"));
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static char *
read_text(const char *path)
{
	unsigned char	*data;
	size_t		 len;
	char		*cause = NULL;

	if (secure_read_file(path, 1 << 20, &data, &len, &cause) != 0)
		fail_msg("%s", cause);
	return ((char *)data);
}

static void
assert_contains(const char *s, const char *part)
{
	assert_non_null(s);
	if (strstr(s, part) == NULL)
		fail_msg("\"%s\" does not contain \"%s\"", s, part);
}

static void
assert_zero(const unsigned char *p, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		assert_int_equal(p[i], 0);
}

/* A keyring with slots for alice and bob, saved to path. */
static struct keyring *
make_saved(const char *path, unsigned char key[MASTER_KEY_LEN])
{
	struct keyring	*kr;
	char		*cause = NULL;

	assert_int_equal(keyring_random_key(key, &cause), 0);
	kr = keyring_create(DB_ID, 4096);
	if (keyring_set_slot(kr, "alice", PASS_A, strlen(PASS_A), key, &fast,
	    &cause) != 0 ||
	    keyring_set_slot(kr, "bob", PASS_B, strlen(PASS_B), key, &fast,
	    &cause) != 0 ||
	    keyring_save(kr, path, key, &cause) != 0)
		fail_msg("%s", cause);
	return (kr);
}

/* Loads path, which must parse, and tries to unlock as login. */
static int
load_unlock(const char *path, const char *login, const char *pass,
    unsigned char key[MASTER_KEY_LEN], char **cause)
{
	struct keyring	*kr;
	int		 rc;

	if (keyring_load(path, &kr, cause) != 0)
		fail_msg("%s", *cause);
	memset(key, 0xaa, MASTER_KEY_LEN);
	rc = keyring_unlock(kr, login, pass, strlen(pass), key, cause);
	keyring_free(kr);
	return (rc);
}

/* Rewrites the JSON file at path after fn has changed it. */
static void
edit_file(const char *path, void (*fn)(json_t *))
{
	json_error_t	 jerr;
	json_t		*root;

	root = json_load_file(path, 0, &jerr);
	if (root == NULL)
		fail_msg("%s", jerr.text);
	fn(root);
	assert_int_equal(json_dump_file(root, path,
	    JSON_SORT_KEYS|JSON_INDENT(2)), 0);
	json_decref(root);
}

static json_t *
slot0(json_t *root)
{
	return (json_array_get(json_object_get(root, "slots"), 0));
}

static void
test_unlock_round_trip(void **state)
{
	struct keyring	*kr;
	unsigned char	 key[MASTER_KEY_LEN], got[MASTER_KEY_LEN];
	char		*cause = NULL;

	(void)state;
	assert_int_equal(keyring_random_key(key, &cause), 0);
	kr = keyring_create(DB_ID, 4096);
	assert_int_equal(keyring_slot_count(kr), 0);
	assert_int_equal(keyring_set_slot(kr, "alice", PASS_A, strlen(PASS_A),
	    key, &fast, &cause), 0);
	assert_true(keyring_has_slot(kr, "alice"));
	assert_false(keyring_has_slot(kr, "bob"));
	assert_int_equal(keyring_unlock(kr, "alice", PASS_A, strlen(PASS_A),
	    got, &cause), 0);
	assert_memory_equal(key, got, MASTER_KEY_LEN);
	assert_int_equal(keyring_verify(kr, key, &cause), 0);
	assert_null(cause);
	keyring_free(kr);
}

static void
test_wrong_passphrase(void **state)
{
	struct keyring	*kr;
	unsigned char	 key[MASTER_KEY_LEN], got[MASTER_KEY_LEN];
	char		*cause = NULL;

	(void)state;
	assert_int_equal(keyring_random_key(key, &cause), 0);
	kr = keyring_create(DB_ID, 4096);
	assert_int_equal(keyring_set_slot(kr, "alice", PASS_A, strlen(PASS_A),
	    key, &fast, &cause), 0);
	memset(got, 0xaa, sizeof got);
	assert_int_equal(keyring_unlock(kr, "alice", PASS_B, strlen(PASS_B),
	    got, &cause), -1);
	assert_string_equal(cause, "wrong passphrase for user \"alice\"");
	assert_zero(got, sizeof got);

	/* One byte less is a different passphrase too. */
	memset(got, 0xaa, sizeof got);
	assert_int_equal(keyring_unlock(kr, "alice", PASS_A,
	    strlen(PASS_A) - 1, got, &cause), -1);
	assert_contains(cause, "wrong passphrase");
	assert_zero(got, sizeof got);
	free(cause);
	keyring_free(kr);
}

static void
test_no_slot(void **state)
{
	struct keyring	*kr;
	unsigned char	 key[MASTER_KEY_LEN], got[MASTER_KEY_LEN];
	char		*cause = NULL;

	(void)state;
	assert_int_equal(keyring_random_key(key, &cause), 0);
	kr = keyring_create(DB_ID, 4096);
	assert_int_equal(keyring_set_slot(kr, "alice", PASS_A, strlen(PASS_A),
	    key, &fast, &cause), 0);
	memset(got, 0xaa, sizeof got);
	assert_int_equal(keyring_unlock(kr, "carole", PASS_A, strlen(PASS_A),
	    got, &cause), -1);
	assert_string_equal(cause, "no key slot for user \"carole\"");
	assert_zero(got, sizeof got);
	free(cause);
	keyring_free(kr);
}

static void
test_save_load_round_trip(void **state)
{
	struct keyring	*kr, *loaded;
	unsigned char	 key[MASTER_KEY_LEN], got[MASTER_KEY_LEN];
	struct stat	 st;
	char		*path = tpath("round.keys"), *again;
	char		*cause = NULL, *t1, *t2;

	(void)state;
	again = tpath("again.keys");
	kr = make_saved(path, key);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);

	assert_int_equal(keyring_load(path, &loaded, &cause), 0);
	assert_string_equal(keyring_db_id(loaded), DB_ID);
	assert_int_equal(keyring_page_size(loaded), 4096);
	assert_int_equal(keyring_slot_count(loaded), 2);
	assert_string_equal(keyring_slot_login(loaded, 0), "alice");
	assert_string_equal(keyring_slot_login(loaded, 1), "bob");
	assert_int_equal(keyring_unlock(loaded, "alice", PASS_A,
	    strlen(PASS_A), got, &cause), 0);
	assert_memory_equal(key, got, MASTER_KEY_LEN);
	assert_int_equal(keyring_unlock(loaded, "bob", PASS_B, strlen(PASS_B),
	    got, &cause), 0);
	assert_memory_equal(key, got, MASTER_KEY_LEN);

	/* Saving what was loaded gives the same bytes. */
	assert_int_equal(keyring_save(loaded, again, key, &cause), 0);
	t1 = read_text(path);
	t2 = read_text(again);
	assert_string_equal(t1, t2);
	assert_contains(t1, "\"format\": \"parcours-keys\"");
	assert_contains(t1, "\"n\": 16384");
	assert_null(cause);

	free(t1);
	free(t2);
	keyring_free(loaded);
	keyring_free(kr);
	free(again);
	free(path);
}

static void
change_login(json_t *root)
{
	json_object_set_new(slot0(root), "login", json_string("carole"));
}

static void
change_salt(json_t *root)
{
	/* Valid base64 of 16 bytes, not the real salt. */
	json_object_set_new(slot0(root), "salt",
	    json_string("AAAAAAAAAAAAAAAAAAAAAA=="));
}

static void
change_n(json_t *root)
{
	json_object_set_new(slot0(root), "n", json_integer(1 << 15));
}

static void
change_db_id(json_t *root)
{
	json_object_set_new(root, "db_id",
	    json_string("01890a5d-ac96-774b-bcce-b302099a8058"));
}

/*
 * A changed slot header no longer matches the GCM associated data: it
 * reads as a wrong passphrase, before the seal is even looked at.
 */
static void
test_tampered_header(void **state)
{
	static const struct {
		void		(*fn)(json_t *);
		const char	*login;
	} cases[] = {
		{ change_login, "carole" },
		{ change_salt, "alice" },
		{ change_n, "alice" },
		{ change_db_id, "alice" },
	};
	struct keyring	*kr;
	unsigned char	 key[MASTER_KEY_LEN], got[MASTER_KEY_LEN];
	char		*path = tpath("header.keys"), *cause = NULL;
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		kr = make_saved(path, key);
		keyring_free(kr);
		assert_int_equal(load_unlock(path, "alice", PASS_A, got,
		    &cause), 0);
		edit_file(path, cases[i].fn);
		assert_int_equal(load_unlock(path, cases[i].login, PASS_A, got,
		    &cause), -1);
		assert_contains(cause, "wrong passphrase");
		assert_zero(got, sizeof got);
	}
	free(cause);
	free(path);
}

static void
remove_bob(json_t *root)
{
	assert_int_equal(json_array_remove(json_object_get(root, "slots"), 1),
	    0);
}

static void
swap_slots(json_t *root)
{
	json_t	*slots = json_object_get(root, "slots"), *first;

	first = json_incref(json_array_get(slots, 0));
	json_array_remove(slots, 0);
	json_array_append_new(slots, first);
}

static void
change_page_size(json_t *root)
{
	json_object_set_new(json_object_get(root, "cipher"), "page_size",
	    json_integer(8192));
}

/* Changes the slots can survive only the seal notices. */
static void
test_tampered_sidecar(void **state)
{
	static void	(*cases[])(json_t *) = {
		remove_bob, swap_slots, change_page_size
	};
	struct keyring	*kr;
	unsigned char	 key[MASTER_KEY_LEN], got[MASTER_KEY_LEN];
	char		*path = tpath("seal.keys"), *cause = NULL;
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		kr = make_saved(path, key);
		keyring_free(kr);
		edit_file(path, cases[i]);
		assert_int_equal(load_unlock(path, "alice", PASS_A, got,
		    &cause), -1);
		assert_string_equal(cause, "the key file has been tampered "
		    "with (its seal does not match)");
		assert_zero(got, sizeof got);

		/* The recovery key finds the same. */
		assert_int_equal(keyring_load(path, &kr, &cause), 0);
		assert_int_equal(keyring_verify(kr, key, &cause), -1);
		assert_contains(cause, "tampered");
		keyring_free(kr);
	}
	free(cause);
	free(path);
}

static void
test_newer_version(void **state)
{
	char		*path = tpath("newer.keys"), *cause = NULL, *expect;
	struct keyring	*kr = NULL;

	(void)state;
	write_text(path, "{\"format\": \"parcours-keys\", \"version\": 2, "
	    "\"argon2\": {}}\n");
	assert_int_equal(keyring_load(path, &kr, &cause), -1);
	assert_null(kr);
	expect = xasprintf("key file \"%s\" was written by a newer parcours "
	    "(key file version 2)", path);
	assert_string_equal(cause, expect);
	free(expect);
	free(cause);
	free(path);
}

static void
test_not_json(void **state)
{
	char		*path = tpath("bad.keys"), *cause = NULL;
	struct keyring	*kr = NULL;

	(void)state;
	write_text(path,
	    "{\"format\": \"parcours-keys\",\n  \"version\": 1,,\n");
	assert_int_equal(keyring_load(path, &kr, &cause), -1);
	assert_null(kr);
	assert_contains(cause, path);
	assert_contains(cause, "is not valid JSON (line 2");

	write_text(path, "[\"parcours-keys\", 1]\n");
	assert_int_equal(keyring_load(path, &kr, &cause), -1);
	assert_contains(cause, "is not a parcours key file");
	write_text(path, "{\"format\": \"parcours-audit\", \"version\": 1}\n");
	assert_int_equal(keyring_load(path, &kr, &cause), -1);
	assert_contains(cause, "is not a parcours key file");
	assert_contains(cause, path);

	free(path);
	path = tpath("missing.keys");
	assert_int_equal(keyring_load(path, &kr, &cause), -1);
	assert_contains(cause, path);
	free(cause);
	free(path);
}

static void
bad_salt_b64(json_t *r)
{
	json_object_set_new(slot0(r), "salt",
	    json_string("!!!!AAAAAAAAAAAAAAAAAA=="));
}

static void
bad_salt_space(json_t *r)
{
	json_object_set_new(slot0(r), "salt",
	    json_string(" AAAAAAAAAAAAAAAAAAAAAA="));
}

static void
bad_salt_bits(json_t *r)
{
	/* Decodes, but with bits past the 16 bytes: not canonical. */
	json_object_set_new(slot0(r), "salt",
	    json_string("AAAAAAAAAAAAAAAAAAAAAB=="));
}

static void
bad_salt_len(json_t *r)
{
	json_object_set_new(slot0(r), "salt",
	    json_string("AAAAAAAAAAAAAAAAAAAA"));
}

static void
bad_tag_len(json_t *r)
{
	json_object_set_new(slot0(r), "tag", json_string("AAAA"));
}

static void
bad_n_big(json_t *r)
{
	json_object_set_new(slot0(r), "n", json_integer(1 << 23));
}

static void
bad_n_small(json_t *r)
{
	json_object_set_new(slot0(r), "n", json_integer(1 << 13));
}

static void
bad_n_odd(json_t *r)
{
	json_object_set_new(slot0(r), "n", json_integer(3 << 14));
}

static void
bad_n_text(json_t *r)
{
	json_object_set_new(slot0(r), "n", json_string("16384"));
}

static void
bad_r(json_t *r)
{
	json_object_set_new(slot0(r), "r", json_integer(0));
}

static void
bad_p(json_t *r)
{
	json_object_set_new(slot0(r), "p", json_integer(17));
}

static void
bad_kdf(json_t *r)
{
	json_object_set_new(slot0(r), "kdf", json_string("argon2id"));
}

static void
bad_missing_tag(json_t *r)
{
	json_object_del(slot0(r), "tag");
}

static void
bad_extra(json_t *r)
{
	json_object_set_new(r, "comment", json_string("hello"));
}

static void
bad_mac(json_t *r)
{
	json_object_set_new(r, "mac", json_string("00ff"));
}

static void
bad_db_id(json_t *r)
{
	json_object_set_new(r, "db_id", json_string("base-de-test"));
}

static void
bad_page_size(json_t *r)
{
	json_object_set_new(json_object_get(r, "cipher"), "page_size",
	    json_integer(1000));
}

static void
bad_version(json_t *r)
{
	json_object_set_new(r, "version", json_integer(0));
}

static void
bad_duplicate(json_t *r)
{
	json_object_set_new(json_array_get(json_object_get(r, "slots"), 1),
	    "login", json_string("alice"));
}

static void
bad_slots(json_t *r)
{
	json_object_set_new(r, "slots", json_object());
}

static void
test_bad_fields(void **state)
{
	static const struct {
		void		(*fn)(json_t *);
		const char	*expect;
	} cases[] = {
		{ bad_salt_b64,
		    "slot 1 (\"alice\"): \"salt\" is not valid base64" },
		{ bad_salt_space, "\"salt\" is not valid base64" },
		{ bad_salt_bits, "\"salt\" is not valid base64" },
		{ bad_salt_len, "\"salt\" is not 16 bytes long" },
		{ bad_tag_len, "\"tag\" is not 16 bytes long" },
		{ bad_n_big, "scrypt parameters out of range (n=8388608" },
		{ bad_n_small, "scrypt parameters out of range (n=8192" },
		{ bad_n_odd, "scrypt parameters out of range" },
		{ bad_n_text, "\"n\" is missing or is not an integer" },
		{ bad_r, "scrypt parameters out of range" },
		{ bad_p, "scrypt parameters out of range" },
		{ bad_kdf, "unknown key derivation \"argon2id\"" },
		{ bad_missing_tag, "\"tag\" is missing" },
		{ bad_extra, "unexpected field \"comment\"" },
		{ bad_mac, "\"mac\" is not 64 hexadecimal digits" },
		{ bad_db_id, "\"db_id\" is not a UUID" },
		{ bad_page_size, "invalid page size 1000" },
		{ bad_version, "invalid version 0" },
		{ bad_duplicate, "two slots for user \"alice\"" },
		{ bad_slots, "\"slots\" is missing or is not an array" },
	};
	struct keyring	*kr;
	unsigned char	 key[MASTER_KEY_LEN];
	char		*path = tpath("fields.keys"), *cause = NULL, *prefix;
	size_t		 i;

	(void)state;
	prefix = xasprintf("key file \"%s\": ", path);
	for (i = 0; i < nitems(cases); i++) {
		kr = make_saved(path, key);
		keyring_free(kr);
		edit_file(path, cases[i].fn);
		kr = NULL;
		assert_int_equal(keyring_load(path, &kr, &cause), -1);
		assert_null(kr);
		assert_int_equal(strncmp(cause, prefix, strlen(prefix)), 0);
		assert_contains(cause, cases[i].expect);
	}
	free(prefix);
	free(cause);
	free(path);
}

static void
test_set_slot_refused(void **state)
{
	struct keyring		*kr;
	struct kdf_params	 cheap = fast;
	unsigned char		 key[MASTER_KEY_LEN], other[MASTER_KEY_LEN];
	char			*path = tpath("refused.keys"), *cause = NULL;

	(void)state;
	kr = make_saved(path, key);
	cheap.n >>= 1;
	assert_int_equal(keyring_set_slot(kr, "carole", PASS_A, strlen(PASS_A),
	    key, &cheap, &cause), -1);
	assert_contains(cause, "scrypt parameters out of range");
	assert_int_equal(keyring_set_slot(kr, "", PASS_A, strlen(PASS_A), key,
	    &fast, &cause), -1);
	assert_int_equal(keyring_set_slot(kr, "car\nole", PASS_A,
	    strlen(PASS_A), key, &fast, &cause), -1);
	assert_contains(cause, "cannot be used as a login");

	/* A key that does not open the file cannot add a slot or reseal. */
	assert_int_equal(keyring_random_key(other, &cause), 0);
	assert_int_equal(keyring_set_slot(kr, "carole", PASS_A, strlen(PASS_A),
	    other, &fast, &cause), -1);
	assert_contains(cause, "does not open this key file");
	assert_int_equal(keyring_save(kr, path, other, &cause), -1);
	assert_contains(cause, "does not open this key file");
	assert_int_equal(keyring_slot_count(kr), 2);
	assert_false(keyring_has_slot(kr, "carole"));

	free(cause);
	keyring_free(kr);
	free(path);
}

static void
test_replace_slot(void **state)
{
	struct keyring	*kr;
	unsigned char	 key[MASTER_KEY_LEN], got[MASTER_KEY_LEN];
	char		*path = tpath("replace.keys"), *cause = NULL;

	(void)state;
	kr = make_saved(path, key);
	assert_int_equal(keyring_set_slot(kr, "alice", PASS_B, strlen(PASS_B),
	    key, &fast, &cause), 0);
	assert_int_equal(keyring_slot_count(kr), 2);
	assert_string_equal(keyring_slot_login(kr, 0), "alice");
	assert_int_equal(keyring_unlock(kr, "alice", PASS_A, strlen(PASS_A),
	    got, &cause), -1);
	assert_int_equal(keyring_unlock(kr, "alice", PASS_B, strlen(PASS_B),
	    got, &cause), 0);
	assert_memory_equal(key, got, MASTER_KEY_LEN);
	assert_int_equal(keyring_save(kr, path, key, &cause), 0);
	assert_int_equal(load_unlock(path, "alice", PASS_B, got, &cause), 0);
	assert_memory_equal(key, got, MASTER_KEY_LEN);
	free(cause);
	keyring_free(kr);
	free(path);
}

static void
test_remove_slot(void **state)
{
	struct keyring	*kr;
	unsigned char	 key[MASTER_KEY_LEN], got[MASTER_KEY_LEN];
	unsigned char	 wrong[MASTER_KEY_LEN];
	char		*path = tpath("remove.keys"), *cause = NULL;

	(void)state;
	kr = make_saved(path, key);
	memcpy(wrong, key, sizeof wrong);
	wrong[0] ^= 1;
	assert_int_equal(keyring_remove_slot(kr, "alice", wrong, &cause), -1);
	assert_contains(cause, "does not open this key file");
	assert_int_equal(keyring_slot_count(kr), 2);
	assert_int_equal(keyring_remove_slot(kr, "alice", key, &cause), 0);
	assert_int_equal(keyring_remove_slot(kr, "alice", key, &cause), -1);
	assert_contains(cause, "no key slot for user \"alice\"");
	assert_int_equal(keyring_slot_count(kr), 1);
	/* Still sealed: another key cannot write it. */
	assert_int_equal(keyring_save(kr, path, wrong, &cause), -1);
	assert_contains(cause, "does not open this key file");
	assert_string_equal(keyring_slot_login(kr, 0), "bob");
	assert_int_equal(keyring_save(kr, path, key, &cause), 0);
	assert_int_equal(load_unlock(path, "bob", PASS_B, got, &cause), 0);
	assert_memory_equal(key, got, MASTER_KEY_LEN);
	assert_int_equal(load_unlock(path, "alice", PASS_A, got, &cause), -1);
	assert_contains(cause, "no key slot for user \"alice\"");
	free(cause);
	keyring_free(kr);
	free(path);
}

static void
test_default_cost(void **state)
{
	struct keyring		*kr;
	struct kdf_params	 def;
	unsigned char		 key[MASTER_KEY_LEN], got[MASTER_KEY_LEN];
	char			*path = tpath("default.keys"), *cause = NULL;
	char			*text;

	(void)state;
	kdf_params_default(&def);
	assert_int_equal(def.n, (uint64_t)1 << KDF_DEFAULT_LOG2N);
	assert_int_equal(keyring_random_key(key, &cause), 0);
	kr = keyring_create(DB_ID, 4096);
	assert_int_equal(keyring_set_slot(kr, "alice", PASS_A, strlen(PASS_A),
	    key, NULL, &cause), 0);
	assert_int_equal(keyring_save(kr, path, key, &cause), 0);
	text = read_text(path);
	assert_contains(text, "\"n\": 131072");
	assert_contains(text, "\"r\": 8");
	assert_contains(text, "\"p\": 1");
	assert_int_equal(load_unlock(path, "alice", PASS_A, got, &cause), 0);
	assert_memory_equal(key, got, MASTER_KEY_LEN);
	free(text);
	keyring_free(kr);
	free(path);
}

static void
test_recovery_round_trip(void **state)
{
	unsigned char	 key[MASTER_KEY_LEN], got[MASTER_KEY_LEN];
	char		*text, *cause = NULL;
	int		 i, j;

	(void)state;
	for (i = 0; i < 50; i++) {
		if (i == 0)
			memset(key, 0, sizeof key);
		else if (i == 1)
			memset(key, 0xff, sizeof key);
		else
			assert_int_equal(keyring_random_key(key, &cause), 0);
		text = recovery_encode(key);
		assert_int_equal(strlen(text), 7 * 8 + 6);
		for (j = 0; j < 7 * 9 - 1; j++) {
			if (j % 9 == 8)
				assert_int_equal(text[j], '-');
			else
				assert_non_null(strchr("0123456789ABCDEFGHJKMNP"
				    "QRSTVWXYZ", text[j]));
		}
		assert_int_equal(recovery_decode(text, got, &cause), 0);
		assert_memory_equal(key, got, MASTER_KEY_LEN);
		OPENSSL_cleanse(text, strlen(text));
		free(text);
	}
	assert_null(cause);
}

static void
test_recovery_as_typed(void **state)
{
	unsigned char	 key[MASTER_KEY_LEN], got[MASTER_KEY_LEN];
	char		*text, *typed, *cause = NULL;
	size_t		 i, n;

	(void)state;
	/* Zero bytes give "0", 0x42 bytes give some "1": to try O, I, L. */
	memset(key, 0, 16);
	memset(key + 16, 0x42, 16);
	text = recovery_encode(key);
	assert_non_null(strchr(text, '0'));
	assert_non_null(strchr(text, '1'));

	typed = xmalloc(strlen(text) * 2 + 1);
	for (i = n = 0; text[i] != '\0'; i++) {
		if (text[i] == '-')
			typed[n++] = ' ';
		else if (text[i] == '0')
			typed[n++] = i % 2 ? 'O' : 'o';
		else if (text[i] == '1')
			typed[n++] = "IlL"[i % 3];
		else
			typed[n++] = (char)tolower((unsigned char)text[i]);
		if (i % 5 == 0)
			typed[n++] = '\t';
	}
	typed[n] = '\0';
	assert_int_equal(recovery_decode(typed, got, &cause), 0);
	assert_memory_equal(key, got, MASTER_KEY_LEN);
	assert_null(cause);
	free(typed);
	free(text);
}

static void
test_recovery_one_wrong_character(void **state)
{
	static const char	 alphabet[] =
	    "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	unsigned char		 key[MASTER_KEY_LEN], got[MASTER_KEY_LEN];
	char			*text, *cause = NULL, saved;
	size_t			 i, j;

	(void)state;
	for (i = 0; i < sizeof key; i++)
		key[i] = (unsigned char)(i * 37 + 11);
	text = recovery_encode(key);
	for (i = 0; text[i] != '\0'; i++) {
		if (text[i] == '-')
			continue;
		saved = text[i];
		for (j = 0; alphabet[j] != '\0'; j++) {
			if (alphabet[j] == saved)
				continue;
			text[i] = alphabet[j];
			memset(got, 0xaa, sizeof got);
			assert_int_equal(recovery_decode(text, got, &cause),
			    -1);
			assert_zero(got, sizeof got);
		}
		text[i] = saved;
	}
	assert_string_equal(cause, "the recovery key is mistyped: check it "
	    "again");
	assert_int_equal(recovery_decode(text, got, &cause), 0);

	text[3] = 'U';
	assert_int_equal(recovery_decode(text, got, &cause), -1);
	assert_contains(cause, "the recovery key is mistyped");
	free(cause);
	free(text);
}

static void
test_recovery_wrong_length(void **state)
{
	unsigned char	 key[MASTER_KEY_LEN], got[MASTER_KEY_LEN];
	char		*text, *longer, *cause = NULL;

	(void)state;
	assert_int_equal(keyring_random_key(key, &cause), 0);
	text = recovery_encode(key);
	longer = xasprintf("%s0", text);
	memset(got, 0xaa, sizeof got);
	assert_int_equal(recovery_decode(longer, got, &cause), -1);
	assert_string_equal(cause, "the recovery key is mistyped: check it "
	    "again");
	assert_zero(got, sizeof got);
	text[strlen(text) - 1] = '\0';
	assert_int_equal(recovery_decode(text, got, &cause), -1);
	assert_int_equal(recovery_decode("", got, &cause), -1);
	assert_int_equal(recovery_decode("--- ", got, &cause), -1);
	assert_zero(got, sizeof got);
	free(longer);
	free(text);
	free(cause);
}

static void
test_subkeys(void **state)
{
	static const char	*purposes[] = { "audit", "export", "sidecar" };
	unsigned char		 key[MASTER_KEY_LEN], other[MASTER_KEY_LEN];
	unsigned char		 sub[3][32], again[32];
	char			*cause = NULL;
	size_t			 i, j;

	(void)state;
	assert_int_equal(keyring_random_key(key, &cause), 0);
	assert_int_equal(keyring_random_key(other, &cause), 0);
	assert_memory_not_equal(key, other, MASTER_KEY_LEN);
	for (i = 0; i < nitems(purposes); i++) {
		keyring_subkey(key, purposes[i], sub[i]);
		keyring_subkey(key, purposes[i], again);
		assert_memory_equal(sub[i], again, 32);
		assert_memory_not_equal(sub[i], key, 32);
		keyring_subkey(other, purposes[i], again);
		assert_memory_not_equal(sub[i], again, 32);
		for (j = 0; j < i; j++)
			assert_memory_not_equal(sub[i], sub[j], 32);
	}
}

static void
test_sql_literal(void **state)
{
	unsigned char	 key[MASTER_KEY_LEN];
	char		*s;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof key; i++)
		key[i] = (unsigned char)(0xf0 + i);
	s = keyring_sql_literal(key);
	assert_string_equal(s, "x'f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"
	    "000102030405060708090a0b0c0d0e0f'");
	OPENSSL_cleanse(s, strlen(s));
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unlock_round_trip),
		cmocka_unit_test(test_wrong_passphrase),
		cmocka_unit_test(test_no_slot),
		cmocka_unit_test(test_save_load_round_trip),
		cmocka_unit_test(test_tampered_header),
		cmocka_unit_test(test_tampered_sidecar),
		cmocka_unit_test(test_newer_version),
		cmocka_unit_test(test_not_json),
		cmocka_unit_test(test_bad_fields),
		cmocka_unit_test(test_set_slot_refused),
		cmocka_unit_test(test_replace_slot),
		cmocka_unit_test(test_remove_slot),
		cmocka_unit_test(test_default_cost),
		cmocka_unit_test(test_recovery_round_trip),
		cmocka_unit_test(test_recovery_as_typed),
		cmocka_unit_test(test_recovery_one_wrong_character),
		cmocka_unit_test(test_recovery_wrong_length),
		cmocka_unit_test(test_subkeys),
		cmocka_unit_test(test_sql_literal),
	};

	return (cmocka_run_group_tests(tests, tmpdir_setup, tmpdir_teardown));
}
