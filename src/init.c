/*
 * Database creation (see init.h).  The order keeps failures clean: the
 * passphrase is checked before anything is written, the key file is saved
 * last, and on any error both files are removed again.
 */
#include "config.h"
#include "init.h"

#include <sys/stat.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "audit.h"
#include "model.h"
#include "session.h"
#include "store.h"
#include "uuid7.h"
#include "xmalloc.h"

int
init_mkdirs(const char *path, char **cause)
{
	char	*copy = xstrdup(path), *p;
	int	 rc = 0;

	for (p = copy + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
			set_cause(cause, _("cannot create directory \"%s\": %s"),
			    copy, strerror(errno));
			rc = -1;
			break;
		}
		*p = '/';
	}
	free(copy);
	return (rc);
}

int
init_database(const char *db_path, struct record *admin,
    const struct secret *pass, const struct kdf_params *params,
    struct session **out, char **recovery, char **cause)
{
	struct session	*s;
	struct stat	 sb;
	char		 db_id[UUID7_STRLEN];
	bool		 created = false;

	*out = NULL;
	*recovery = NULL;
	s = xcalloc(1, sizeof *s);
	s->db_path = xstrdup(db_path);
	s->keys_path = session_keys_path(db_path);
	if (stat(s->keys_path, &sb) == 0) {
		set_cause(cause, _("key file \"%s\" already exists: not "
		    "overwritten"), s->keys_path);
		goto fail;
	}
	if (stat(db_path, &sb) == 0) {
		set_cause(cause, _("database \"%s\" already exists: not "
		    "overwritten"), db_path);
		goto fail;
	}
	if (secret_check_new(pass, cause) != 0)
		goto fail;
	record_set(admin, "role", "admin");
	if (model_validate(NULL, admin, NULL, cause) != 0)
		goto fail;
	if (init_mkdirs(db_path, cause) != 0)
		goto fail;
	if (keyring_random_key(s->key, cause) != 0)
		goto fail;
	if (store_open(db_path, s->key, STORE_CREATE, &s->st, cause) != 0)
		goto fail;
	created = true;
	keyring_subkey(s->key, "audit", s->audit_key);
	s->login = xstrdup(record_get(admin, "login"));

	uuid7_generate(db_id);
	if (store_meta_set(s->st, "db_id", db_id, cause) != 0 ||
	    store_meta_set(s->st, "cipher_version", s->st->cipher_version,
	    cause) != 0)
		goto fail;
	if (model_insert(s, admin, 0, NULL, cause) != 0)
		goto fail;
	s->user_id = xstrdup(admin->id);
	s->display_name = xstrdup(record_get(admin, "display_name"));
	s->role = xstrdup("admin");
	if (record_get(admin, "team") != NULL)
		s->team = xstrdup(record_get(admin, "team"));
	if (audit_log(s, "create", "database", db_id, NULL, NULL, cause) != 0)
		goto fail;

	s->kr = keyring_create(db_id, STORE_PAGE_SIZE);
	if (keyring_set_slot(s->kr, s->login, pass->data, pass->len, s->key,
	    params, cause) != 0)
		goto fail;
	if (keyring_save(s->kr, s->keys_path, s->key, cause) != 0)
		goto fail;
	*recovery = recovery_encode(s->key);
	*out = s;
	return (0);
fail:
	if (created) {
		char *keys = xstrdup(s->keys_path), *db = xstrdup(db_path);

		session_close(s);
		store_remove_files(db);
		unlink(keys);
		free(keys);
		free(db);
	} else
		session_close(s);
	return (-1);
}
