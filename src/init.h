/*
 * Creating a database: a random master key, the encrypted file with the
 * current schema, the key file with the first administrator's slot, and
 * the recovery key.  Used by "parcours init" and by the demo generator.
 */
#ifndef PARCOURS_INIT_H
#define PARCOURS_INIT_H

#include "keyring.h"
#include "secure.h"

struct record;
struct session;

/*
 * Creates the database at db_path (its directory is made 0700 if
 * missing) and PATH.keys, refusing to overwrite either.  admin holds the
 * first user's login, display_name and team (the role is forced to
 * admin).  params may be NULL for the default KDF cost.  On success,
 * returns 0 with the open session of the administrator in *out and the
 * recovery key in *recovery (the caller wipes and frees it).  On failure,
 * returns -1 with *cause and removes whatever it created.
 */
int init_database(const char *db_path, struct record *admin,
    const struct secret *pass, const struct kdf_params *params,
    struct session **out, char **recovery, char **cause);

/* Makes the directories of path (not the last component), mode 0700. */
int init_mkdirs(const char *path, char **cause);

#endif
