/*
 * The access policy (access.h): the scopes a user may ask for, the files
 * a user may read and change, who assigns files and who administers.
 * Every refusal says what is refused and why, and is written to the
 * audit trail as a "refused" entry naming the record and the operation.
 * The SQL of the scopes is written here once; the listings, the gap
 * engine and the screens take it from scope_sql().
 */
#include "config.h"
#include "access.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "date.h"
#include "session.h"
#include "store.h"
#include "xmalloc.h"

/* The referents naming a user, not ended (t: the alias of the files). */
#define REFERENT_OF(t, user, today) \
	t ".person_id IN (SELECT r.person_id FROM referents r" \
	" WHERE r.user_id = " user " AND r.deleted_at IS NULL" \
	" AND (r.end_date IS NULL OR r.end_date >= " today "))"
#define MINE(t) \
	"(" t ".worker_id = :scope_user OR " \
	REFERENT_OF(t, ":scope_user", ":scope_today") ")"
#define TEAM(t) \
	t ".worker_id IN (SELECT u.id FROM users u WHERE u.team = :scope_team)"

const char *
scope_sql(enum scope_kind kind)
{
	switch (kind) {
	case SCOPE_MINE:
		return (MINE("f"));
	case SCOPE_WORKER:
		return ("f.worker_id = :scope_user");
	case SCOPE_TEAM:
		return (TEAM("f"));
	case SCOPE_UNASSIGNED:
		return ("f.worker_id IS NULL");
	case SCOPE_PERSON:
		return ("f.person_id = :scope_person");
	case SCOPE_ALL:
		break;
	}
	return ("1");
}

#define IN_FILES(cond) \
	"IN (SELECT sf.person_id FROM files sf WHERE sf.deleted_at IS NULL" \
	" AND " cond ")"

const char *
scope_in_sql(enum scope_kind kind)
{
	switch (kind) {
	case SCOPE_MINE:
		return (IN_FILES(MINE("sf")));
	case SCOPE_WORKER:
		return (IN_FILES("sf.worker_id = :scope_user"));
	case SCOPE_TEAM:
		return (IN_FILES(TEAM("sf")));
	case SCOPE_UNASSIGNED:
		return (IN_FILES("sf.worker_id IS NULL"));
	case SCOPE_PERSON:
		return ("= :scope_person");
	case SCOPE_ALL:
		break;
	}
	return ("IS NOT NULL");
}

void
scope_bind(sqlite3_stmt *st, const struct scope *sc)
{
	const char	*name;
	char		 today[11];
	int		 i;

	for (i = 1; i <= sqlite3_bind_parameter_count(st); i++) {
		if ((name = sqlite3_bind_parameter_name(st, i)) == NULL)
			continue;
		if (strcmp(name, ":scope_user") == 0)
			store_bind_text(st, i, sc->user_id);
		else if (strcmp(name, ":scope_team") == 0)
			store_bind_text(st, i, sc->team);
		else if (strcmp(name, ":scope_person") == 0)
			store_bind_text(st, i, sc->person_id);
		else if (strcmp(name, ":scope_today") == 0) {
			date_format_iso(date_today(), today);
			sqlite3_bind_text(st, i, today, -1, SQLITE_TRANSIENT);
		}
	}
}

void
scope_mine(const struct session *s, struct scope *sc)
{
	memset(sc, 0, sizeof *sc);
	sc->kind = SCOPE_MINE;
	sc->user_id = s->user_id;
}

void
scope_home(const struct session *s, struct scope *sc)
{
	scope_mine(s, sc);
	if (session_is_supervisor(s) && !session_is_admin(s) &&
	    s->team != NULL) {
		sc->kind = SCOPE_TEAM;
		sc->team = s->team;
	}
}

bool
scope_next(const struct session *s, struct scope *sc)
{
	enum scope_kind	kind = sc->kind;
	bool		team = session_is_supervisor(s) && s->team != NULL;

	if (!team && !session_is_admin(s))
		return (false);
	scope_mine(s, sc);
	if (kind == SCOPE_MINE && team) {
		sc->kind = SCOPE_TEAM;
		sc->team = s->team;
	} else if (kind != SCOPE_ALL && session_is_admin(s))
		sc->kind = SCOPE_ALL;
	return (true);
}

void
scope_renew(const struct session *s, struct scope *sc)
{
	if (sc->kind == SCOPE_MINE)
		sc->user_id = s->user_id;
	else if (sc->kind == SCOPE_TEAM)
		sc->team = s->team;
}

char *
scope_describe(const struct scope *sc)
{
	switch (sc->kind) {
	case SCOPE_MINE:
		return (xstrdup("mine"));
	case SCOPE_WORKER:
		return (xasprintf("worker %s", sc->user_id != NULL ?
		    sc->user_id : "?"));
	case SCOPE_TEAM:
		return (xasprintf("team %s", sc->team != NULL ? sc->team :
		    "?"));
	case SCOPE_UNASSIGNED:
		return (xstrdup("unassigned"));
	case SCOPE_PERSON:
		return (xasprintf("person %s", sc->person_id != NULL ?
		    sc->person_id : "?"));
	case SCOPE_ALL:
		break;
	}
	return (xstrdup("all"));
}

bool
access_everything(const struct session *s)
{
	/* No user yet: the database being created (init). */
	return (s == NULL || s->user_id == NULL || session_is_admin(s));
}

/* Writes a refusal to the audit trail; a failure to write it does not
 * hide the refusal itself. */
static void
refused(struct session *s, const char *entity, const char *id,
    const char *person_id, const char *what)
{
	audit_log(s, "refused", entity != NULL ? entity : "person", id,
	    person_id, what, NULL);
}

/* The team of a user (caller frees), or NULL; -1 on a database error. */
static int
user_team(struct session *s, const char *user_id, char **team,
    char **cause)
{
	sqlite3_stmt	*st = NULL;
	int		 step;

	*team = NULL;
	if (user_id == NULL)
		return (0);
	if (store_prepare(s->st, "SELECT team FROM users WHERE id = ?", &st,
	    cause) != 0)
		return (-1);
	sqlite3_bind_text(st, 1, user_id, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		*team = store_column_dup(st, 0);
	sqlite3_finalize(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return (store_error(s->st, _("reading the users"), cause));
	return (0);
}

/* Whether the user's team is the (possibly NULL) team. */
static bool
same_team(const struct session *s, const char *team)
{
	return (s->team != NULL && team != NULL && strcmp(s->team, team) == 0);
}

int
access_scope(struct session *s, const struct scope *sc, char **cause)
{
	char	*team = NULL, *what;
	int	 rc = -1;

	if (sc->kind == SCOPE_PERSON)
		return (access_person(s, sc->person_id, ACCESS_READ, "person",
		    sc->person_id, cause));
	if (access_everything(s))
		return (0);
	switch (sc->kind) {
	case SCOPE_MINE:
		if (sc->user_id != NULL && strcmp(sc->user_id, s->user_id) == 0)
			return (0);
		set_cause(cause, _("refused: you may list only your own "
		    "files"));
		break;
	case SCOPE_WORKER:
		if (sc->user_id != NULL && strcmp(sc->user_id, s->user_id) == 0)
			return (0);
		if (!session_is_supervisor(s)) {
			set_cause(cause, _("refused: only supervisors and "
			    "administrators see another worker's files"));
			break;
		}
		if (user_team(s, sc->user_id, &team, cause) != 0)
			return (-1);
		if (same_team(s, team)) {
			rc = 0;
			break;
		}
		set_cause(cause, _("refused: a supervisor sees the files of "
		    "the workers of their own team (%s)"), s->team != NULL ?
		    s->team : _("no team"));
		break;
	case SCOPE_TEAM:
		if (session_is_supervisor(s) && same_team(s, sc->team))
			return (0);
		set_cause(cause, session_is_supervisor(s) ?
		    _("refused: a supervisor sees the files of their own team "
		    "only") : _("refused: only supervisors and administrators "
		    "see a team's files"));
		break;
	case SCOPE_UNASSIGNED:
		if (session_is_supervisor(s))
			return (0);
		set_cause(cause, _("refused: only supervisors and "
		    "administrators see the files no worker holds"));
		break;
	case SCOPE_ALL:
	case SCOPE_PERSON:
		set_cause(cause, _("refused: only administrators see every "
		    "file"));
		break;
	}
	free(team);
	if (rc != 0) {
		what = scope_describe(sc);
		refused(s, "scope", NULL, NULL, what);
		free(what);
	}
	return (rc);
}

/*
 * What the user is to the file of a person: whether it exists, whether it
 * is theirs (assigned, or they are a named referent), and its worker's
 * team.  Returns 0 or -1 on a database error.
 */
struct file_access {
	bool	 exists;
	bool	 mine;
	bool	 unassigned;
	char	*team;		/* the worker's team, or NULL */
};

static int
file_access(struct session *s, const char *person_id, struct file_access *fa,
    char **cause)
{
	sqlite3_stmt	*st = NULL;
	char		 today[11];
	int		 step;

	memset(fa, 0, sizeof *fa);
	if (store_prepare(s->st, "SELECT f.worker_id IS NULL,"
	    " f.worker_id = ?2 OR " REFERENT_OF("f", "?2", "?3") ","
	    " (SELECT u.team FROM users u WHERE u.id = f.worker_id)"
	    " FROM files f WHERE f.person_id = ?1 AND f.deleted_at IS NULL",
	    &st, cause) != 0)
		return (-1);
	date_format_iso(date_today(), today);
	sqlite3_bind_text(st, 1, person_id, -1, SQLITE_STATIC);
	store_bind_text(st, 2, s->user_id);
	sqlite3_bind_text(st, 3, today, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		fa->exists = true;
		fa->unassigned = sqlite3_column_int(st, 0) != 0;
		fa->mine = sqlite3_column_int(st, 1) != 0;
		fa->team = store_column_dup(st, 2);
	}
	sqlite3_finalize(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return (store_error(s->st, _("reading the pathway files"),
		    cause));
	return (0);
}

int
access_person(struct session *s, const char *person_id, enum access_op op,
    const char *entity, const char *record_id, char **cause)
{
	struct file_access	 fa;
	const char		*verb = op == ACCESS_READ ? "read" : "write";
	bool			 ok;

	if (access_everything(s))
		return (0);
	if (person_id == NULL) {
		set_cause(cause, _("refused: this record belongs to no "
		    "person's file"));
		refused(s, entity, record_id, NULL, verb);
		return (-1);
	}
	if (file_access(s, person_id, &fa, cause) != 0)
		return (-1);
	ok = fa.exists && (fa.mine || (session_is_supervisor(s) &&
	    (fa.unassigned || same_team(s, fa.team))));
	free(fa.team);
	if (ok)
		return (0);
	if (session_is_supervisor(s))
		set_cause(cause, op == ACCESS_READ ?
		    _("refused: you may not read the file of person %s: it is "
		    "not in a caseload of your team (%s) and you are not one of "
		    "its referents") : _("refused: you may not change the file "
		    "of person %s: it is not in a caseload of your team (%s) "
		    "and you are not one of its referents"), person_id,
		    s->team != NULL ? s->team : _("no team"));
	else
		set_cause(cause, op == ACCESS_READ ?
		    _("refused: you may not read the file of person %s: it is "
		    "not in your caseload and you are not one of its "
		    "referents") : _("refused: you may not change the file of "
		    "person %s: it is not in your caseload and you are not one "
		    "of its referents"), person_id);
	refused(s, entity, record_id, person_id, verb);
	return (-1);
}

int
access_assign(struct session *s, const char *person_id, const char *to_user,
    char **cause)
{
	struct file_access	 fa;
	char			*team = NULL;
	bool			 ok = false;

	if (access_everything(s))
		return (0);
	if (!session_is_supervisor(s)) {
		/* A worker's new file is their own. */
		if (person_id == NULL && to_user != NULL &&
		    strcmp(to_user, s->user_id) == 0)
			return (0);
		set_cause(cause, _("refused: assigning a file to a caseload is "
		    "for supervisors and administrators"));
		refused(s, "file", NULL, person_id, "assign");
		return (-1);
	}
	if (person_id != NULL) {
		if (file_access(s, person_id, &fa, cause) != 0)
			return (-1);
		ok = fa.exists && (fa.unassigned || same_team(s, fa.team) ||
		    fa.mine);
		free(fa.team);
		if (!ok) {
			set_cause(cause, _("refused: a supervisor assigns the "
			    "files of their own team (%s) only"), s->team !=
			    NULL ? s->team : _("no team"));
			refused(s, "file", NULL, person_id, "assign");
			return (-1);
		}
	}
	if (to_user == NULL || strcmp(to_user, s->user_id) == 0)
		return (0);
	if (user_team(s, to_user, &team, cause) != 0)
		return (-1);
	ok = same_team(s, team);
	free(team);
	if (ok)
		return (0);
	set_cause(cause, _("refused: a supervisor assigns files to the "
	    "workers of their own team (%s) only"), s->team != NULL ?
	    s->team : _("no team"));
	refused(s, "file", NULL, person_id, "assign");
	return (-1);
}

int
access_admin(struct session *s, const char *what, char **cause)
{
	if (access_everything(s))
		return (0);
	set_cause(cause, _("refused: only administrators %s"), _(what));
	refused(s, "database", NULL, NULL, what);
	return (-1);
}

int
access_audit_list(struct session *s, const char *entity,
    const struct scope *sc, size_t files, bool once, char **cause)
{
	static char	*last;
	char		*scope, *what, *key;
	int		 rc;

	scope = sc != NULL ? scope_describe(sc) :
	    xstrdup(access_everything(s) ? "all" : "readable");
	what = xasprintf("scope=%s;files=%zu", scope, files);
	free(scope);
	key = xasprintf("%s %s", entity, what);
	if (once && last != NULL && strcmp(last, key) == 0) {
		free(key);
		free(what);
		return (0);
	}
	rc = audit_log(s, "list", entity, NULL, sc != NULL &&
	    sc->kind == SCOPE_PERSON ? sc->person_id : NULL, what, cause);
	free(what);
	free(last);
	last = rc == 0 ? key : NULL;
	if (rc != 0)
		free(key);
	return (rc);
}

char *
access_sql(const struct session *s, const char *column)
{
	char	*sql, *m, today[11];

	if (access_everything(s))
		return (NULL);
	date_format_iso(date_today(), today);
	if (session_is_supervisor(s))
		m = sqlite3_mprintf("%s IN (SELECT af.person_id FROM files af"
		    " WHERE af.deleted_at IS NULL AND (af.worker_id = %Q"
		    " OR af.worker_id IS NULL OR af.worker_id IN (SELECT"
		    " au.id FROM users au WHERE au.team = %Q) OR "
		    REFERENT_OF("af", "%Q", "%Q") "))", column, s->user_id,
		    s->team, s->user_id, today);
	else
		m = sqlite3_mprintf("%s IN (SELECT af.person_id FROM files af"
		    " WHERE af.deleted_at IS NULL AND (af.worker_id = %Q OR "
		    REFERENT_OF("af", "%Q", "%Q") "))", column, s->user_id,
		    s->user_id, today);
	if (m == NULL)
		fatal("access: out of memory");
	sql = xstrdup(m);
	sqlite3_free(m);
	return (sql);
}
