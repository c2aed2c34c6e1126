/*
 * Handing a pathway file over to another worker.  A handover is more than
 * changing the file's worker: the outgoing coordinating referent (référent
 * de parcours) ends today and names a successor, the incoming worker
 * starts today as the new coordinator, and the handover is written in the
 * journal — all in one transaction, so that the pathway never shows a day
 * without a coordinator nor two coordinators who do not know of each
 * other.  The HANDOVER_UNCONFIRMED rule then follows the new coordinator
 * until they record a contact with the person.  No curses here: the CLI
 * ("file handover") and the TUI (team view, caseload) share it.
 */
#ifndef PARCOURS_HANDOVER_H
#define PARCOURS_HANDOVER_H

#include <stdbool.h>
#include <stddef.h>

struct session;

/* A worker who can receive a file. */
struct handover_worker {
	char	*id;		/* users.id */
	char	*login;
	char	*name;		/* display name */
	char	*team;		/* may be NULL */
	size_t	 files;		/* open files in their caseload */
};

/*
 * Lists the users the session's user may hand a file over to: every
 * enabled user for an administrator, the enabled users of the team for a
 * supervisor (none for a worker), by display name, with the number of
 * open files each holds.  Returns 0 and *out (free it with
 * handover_workers_free), or -1 with *cause.
 */
int handover_workers(struct session *, struct handover_worker **out,
    size_t *n, char **cause);
void handover_workers_free(struct handover_worker *, size_t);

/*
 * Hands the open pathway file of person_id (an id or an unambiguous id
 * prefix) over to the user worker_id, as of today (date_today()):
 *   - every active coordinating referent ends today, with the new one as
 *     successor (a coordinator who already is that user stays on);
 *   - a coordinating referent starts today for the new worker (name: the
 *     user's display name, user_id set), unless one is already active;
 *   - the file's worker becomes worker_id;
 *   - a journal entry of kind "handover" names both workers.
 * Every change goes through the model (validated and audited) in one
 * transaction.  Only supervisors (within their team) and administrators
 * may hand files over.  Returns 0, or -1 with *cause and nothing written:
 * no such person or user, a closed file, a disabled user, the file
 * already in that caseload, or not allowed.
 */
int handover_file(struct session *, const char *person_id,
    const char *worker_id, char **cause);

#endif
