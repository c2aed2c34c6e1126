/*
 * Who may see and change what: the access policy of parcours, in one
 * place, and the one scope type every listing uses.
 *
 * The policy (parcours(1), ACCESS):
 *   - a worker reads and changes the files of their caseload (assigned to
 *     them) and the files where they are a named referent (a referent
 *     record naming their user, not ended);
 *   - a supervisor, in addition, the files of the users of their team and
 *     the files no worker holds (to dispatch them);
 *   - an administrator every file;
 *   - assigning a file to a worker and handing files over is for
 *     supervisors (within their team) and administrators;
 *   - managing users and importing is for administrators; exporting the
 *     whole database is an administrator's export, anyone else's export
 *     holds what they may read.
 * A refusal names what is refused and why, and is audited ("refused").
 *
 * The model layer (model.c, model-read.c) enforces the policy on every
 * record that belongs to a person, so that the command line, the
 * interface, export and import obey it alike; the listings ask for a
 * scope, checked here, and put scope_sql() in their queries.
 */
#ifndef PARCOURS_ACCESS_H
#define PARCOURS_ACCESS_H

#include <stdbool.h>
#include <stddef.h>

#include <sqlite3.h>

struct session;

/* Whose files a listing shows. */
enum scope_kind {
	SCOPE_MINE,		/* the user's: assigned, or a named referent */
	SCOPE_WORKER,		/* the files assigned to one worker */
	SCOPE_TEAM,		/* the files assigned to the users of a team */
	SCOPE_ALL,		/* every file */
	SCOPE_UNASSIGNED,	/* the files no worker holds */
	SCOPE_PERSON		/* the file of one person */
};

/* A scope; the strings are borrowed. */
struct scope {
	enum scope_kind	 kind;
	const char	*user_id;	/* SCOPE_MINE, SCOPE_WORKER */
	const char	*team;		/* SCOPE_TEAM */
	const char	*person_id;	/* SCOPE_PERSON */
};

/* The user's own files (SCOPE_MINE). */
void scope_mine(const struct session *, struct scope *);
/*
 * The scope a screen opens on: the team for a supervisor who has one,
 * else the user's own (an administrator's too).
 */
void scope_home(const struct session *, struct scope *);
/*
 * The next scope of the cycle the interface offers (mine, then the team
 * for a supervisor with a team, then every file for an administrator,
 * then mine again).  Returns false if the user has no other scope.
 */
bool scope_next(const struct session *, struct scope *);
/*
 * Points a kept scope of the user's own files or team at the session's
 * strings again (a scope borrows them, and unlocking after a lock opens a
 * new session).  Other scopes are left as they are.
 */
void scope_renew(const struct session *, struct scope *);
/*
 * Describes a scope for the audit trail and messages: "mine", "worker
 * LOGIN-OR-ID", "team NAME", "all", "unassigned", "person ID".  Caller
 * frees.
 */
char *scope_describe(const struct scope *);

/*
 * The condition on the pathway file f that selects the scope's files, with
 * the named parameters scope_bind() binds (:scope_user, :scope_team,
 * :scope_person, :scope_today).  SCOPE_ALL gives "1".
 */
const char *scope_sql(enum scope_kind);
/* The same as a test on a person id: "x IN (…)" reads "x " followed by
 * the returned text. */
const char *scope_in_sql(enum scope_kind);
/* Binds the scope's parameters that stmt names (others are left alone). */
void scope_bind(sqlite3_stmt *, const struct scope *);

/*
 * Whether the user may ask for the files of a scope (see the policy
 * above; SCOPE_PERSON as access_person(ACCESS_READ)).  Returns 0, or -1
 * with *cause saying what is refused and why; the refusal is audited.
 */
int access_scope(struct session *, const struct scope *, char **cause);

enum access_op {
	ACCESS_READ,
	ACCESS_WRITE
};
/*
 * Whether the user may read or change the file of a person (the person's
 * own record, their pathway file and every record of it).  Returns 0, or
 * -1 with *cause (refusals are audited with the entity and record given,
 * which may be NULL) or on a database error.
 */
int access_person(struct session *, const char *person_id, enum access_op,
    const char *entity, const char *record_id, char **cause);
/*
 * Whether the user may put the file of a person in the caseload of
 * to_user (NULL: no worker), or create a file held by to_user: a worker
 * only in their own, a supervisor within their team (from and to a user of
 * the team, or no worker), an administrator anywhere.  person_id is NULL
 * for a file being created.  Returns 0, or -1 with *cause (audited).
 */
int access_assign(struct session *, const char *person_id,
    const char *to_user, char **cause);
/* Whether the user reads every file (an administrator). */
bool access_everything(const struct session *);
/*
 * Whether the user may manage users and import (an administrator).
 * Returns 0, or -1 with *cause naming what (audited).
 */
int access_admin(struct session *, const char *what, char **cause);
/*
 * Audits a listing that shows persons: one "list" entry of entity with
 * the scope (NULL: every file the user may read) and the number of files
 * shown.  With once, a listing the same as the last one audited by this
 * process (the interface loading a screen again) is not audited twice.
 * Returns 0 or -1 with *cause.
 */
int access_audit_list(struct session *, const char *entity,
    const struct scope *, size_t files, bool once, char **cause);
/*
 * The SQL condition "COLUMN IN (…)" keeping the persons whose file the
 * user may read, with the user's id, team and today written in as
 * literals; NULL when the user reads everything.  Caller frees.
 */
char *access_sql(const struct session *, const char *column);

#endif
