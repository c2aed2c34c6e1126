/*
 * The people who use parcours: login, display name, role (worker,
 * supervisor, admin) and team.  A user's rows live in the database; their
 * key slot lives in the key file.  Adding a user, changing a passphrase and
 * disabling a user change both, key file last, so that a failure leaves
 * the two consistent.
 */
#ifndef PARCOURS_MODEL_USER_H
#define PARCOURS_MODEL_USER_H

#include "keyring.h"
#include "secure.h"

struct session;
struct record;

/* Loads the user with that login (not deleted) into *out (caller frees);
 * returns -1 with *cause if there is none. */
int user_find(struct session *, const char *login, struct record **out,
    char **cause);
/*
 * Creates the user row (r: login, display_name, role, team) and a key slot
 * for it with the passphrase, then saves the key file.  params may be NULL
 * (default cost).  Returns 0 or -1 with *cause; nothing changed on error.
 */
int user_add(struct session *, struct record *r, const struct secret *pass,
    const struct kdf_params *params, char **cause);
/* Replaces the user's key slot (new passphrase); audited. */
int user_passwd(struct session *, const char *login,
    const struct secret *pass, const struct kdf_params *params,
    char **cause);
/* Marks the user disabled and removes their key slot; audited.  The last
 * enabled admin cannot be disabled. */
int user_disable(struct session *, const char *login, char **cause);

#endif
