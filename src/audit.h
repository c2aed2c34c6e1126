/*
 * The audit trail: an append-only table of who did what to which record
 * and when (view, create, update, delete, export, import, unlock, failed
 * unlock, settings and acknowledgements).  Values are never written, only
 * the names of the fields that changed.  Each entry carries an
 * HMAC-SHA-256 under a key derived from the master key, computed over the
 * entry and the previous entry's seal, so that a modified, removed or
 * reordered entry breaks the chain.
 */
#ifndef PARCOURS_AUDIT_H
#define PARCOURS_AUDIT_H

#include <stddef.h>

struct session;

/*
 * Appends an entry.  entity is an entity name ("person", "session",
 * "setting"…); entity_id, person_id and fields (comma-separated names) may
 * be NULL.  Returns 0 or -1 with *cause.
 */
int audit_log(struct session *, const char *action, const char *entity,
    const char *entity_id, const char *person_id, const char *fields,
    char **cause);

struct audit_entry {
	long long	 seq;
	char		*at;
	char		*login;
	char		*action;
	char		*entity;
	char		*entity_id;
	char		*person_id;
	char		*fields;
};
/* Lists entries (of one person if person_id is not NULL), oldest first. */
int audit_list(struct session *, const char *person_id,
    struct audit_entry **out, size_t *n, char **cause);
void audit_entries_free(struct audit_entry *, size_t);
/*
 * Checks the whole chain.  Returns 0 if intact; -1 with *cause naming the
 * first broken entry (modified, removed or reordered) otherwise.  *checked
 * is the number of entries verified.
 */
int audit_verify(struct session *, size_t *checked, char **cause);

#endif
