/*
 * The gap engine: runs the rules of rules.c over the pathway files of a
 * scope (a worker's caseload, a team, every file, or one person) as of a
 * date, looking ahead a number of days, and returns the flags sorted by
 * severity then due date.  A flag has a stable id (a hash of the rule, the
 * person, the variant and the records behind it) and a facts fingerprint;
 * an acknowledgement silences one flag until its date, or until the facts
 * change.  Nothing here prints: the CLI (cmd-gaps.c) and the TUI format
 * the flags.  No SQL runs while the caller draws.
 */
#ifndef PARCOURS_GAPS_H
#define PARCOURS_GAPS_H

#include <stdbool.h>
#include <stddef.h>

#include "access.h"
#include "date.h"
#include "rules.h"

struct session;

#define GAP_ID_LEN 16		/* hex characters of a flag id */
#define GAP_FACTS_LEN 32	/* hex characters of a facts fingerprint */

struct gap_query {
	date_t			 as_of;	/* DATE_NONE: today */
	int			 horizon;	/* days ahead, >= 0 */
	struct scope		 scope;		/* whose files (access.h) */
	const struct rule *const *rules;	/* NULL: every rule */
	size_t			 nrules;
	enum severity		 min_severity;	/* SEV_LOW: all */
	bool			 include_acknowledged;
};

/* A record behind a flag. */
struct gap_record {
	char	*entity;	/* "measure", "right", "file" … */
	char	*id;
};

struct gap_flag {
	char			 id[GAP_ID_LEN + 1];
	const struct rule	*rule;
	int			 variant;
	enum severity		 severity;	/* now */
	enum severity		 due_severity;	/* once due */
	bool			 upcoming;	/* due after as_of */
	date_t			 due;
	int			 days;		/* as_of - due */
	char			*person_id;
	char			*file_id;
	char			*last_name;
	char			*first_name;
	int			 age;		/* at as_of, or -1 */
	struct gap_record	*records;	/* identity records first */
	size_t			 nrecords;
	size_t			 nidentity;	/* records in the id */
	char			*explanation;	/* translated */
	char			*why;		/* translated */
	char			 facts[GAP_FACTS_LEN + 1];
	/* The acknowledgement in force, if any (include_acknowledged). */
	bool			 acknowledged;
	char			*ack_id;
	char			*ack_reason;
	char			*ack_by;	/* login */
	char			*ack_at;	/* timestamp */
	date_t			 ack_until;	/* DATE_NONE: no end */
};

struct gap_result {
	date_t			 as_of;
	int			 horizon;
	struct gap_flag		*flags;
	size_t			 n;
	size_t			 hidden;	/* acknowledged */
	size_t			 by_severity[SEV_COUNT];
};

/*
 * Returns a rule's SQL (rules.h) made ready for a scope: the scope's
 * conditions in place of "$SCOPE" and "$IN_SCOPE", and the text of
 * "$ALL[…]" (over every file) or of "$SOME[…]" (a smaller scope).  Its
 * parameters are :asof, :until, the scope's (access.h: :scope_user,
 * :scope_team, :scope_person, :scope_today), :scope_lo and :scope_hi (the
 * slice of persons over every file) and the rule's own.  The caller frees the result.
 */
char *gaps_sql(const char *sql, enum scope_kind);

/*
 * gaps_run() keeps the rules' prepared statements between runs on the
 * same connection.  This finalises them: call it before closing a
 * session that ran the rules (sqlite3_close_v2 would otherwise keep the
 * connection's memory until they are finalised).
 */
void gaps_cache_clear(void);

/* Fills q with the defaults: today, no horizon, every rule, the files of
 * the worker worker_id (SCOPE_WORKER; change q->scope for another). */
void gaps_query_init(struct gap_query *, const char *worker_id);

/*
 * Runs the rules of the query.  Reads the thresholds from the settings.
 * Returns 0 and fills *out (the caller frees it with gaps_result_free),
 * or -1 with *cause.  Does not audit: the caller knows what is shown.
 */
int gaps_run(struct session *, const struct gap_query *,
    struct gap_result *out, char **cause);
void gaps_result_free(struct gap_result *);

/* "Martin, Léa" (caller frees). */
char *gaps_flag_name(const struct gap_flag *);

/*
 * Finds a flag by id or unambiguous id prefix (at least 6 characters)
 * among the flags of a result (acknowledged ones included).  Returns 0 and
 * copies the flag's index into *index, or -1 with *cause (none, or
 * ambiguous).
 */
int gaps_find(const struct gap_result *, const char *id, size_t *index,
    char **cause);

/*
 * Acknowledges a flag: records the reason (required, one line of at most
 * 500 characters), the optional end (until, after today; DATE_NONE for
 * none), the facts fingerprint, and audits "create" on "ack".  An earlier
 * acknowledgement of the same flag is replaced (audited "delete").
 * Returns 0 and the new acknowledgement's id in *ack_id (caller frees, may
 * be NULL), or -1 with *cause and nothing written.
 */
int gaps_ack(struct session *, const struct gap_flag *, const char *reason,
    date_t until, char **ack_id, char **cause);

/* An acknowledgement as stored. */
struct gap_ack {
	char	*id;
	char	*flag_id;
	char	*rule_id;
	char	*person_id;
	char	*person_name;
	char	*reason;
	char	*until;		/* ISO date or NULL */
	char	*created_at;
	char	*created_by;	/* login */
	bool	 expired;	/* until <= as_of */
};
/*
 * Lists the acknowledgements not removed of the files of q's scope (with
 * the expired ones if all).  Returns 0 or -1 with *cause.
 */
int gaps_ack_list(struct session *, const struct gap_query *, bool all,
    struct gap_ack **out, size_t *n, char **cause);
void gaps_acks_free(struct gap_ack *, size_t);
/*
 * Removes (soft-deletes, audited "delete" on "ack") the acknowledgement
 * with this id, or every acknowledgement of the flag with this id
 * (either may be an unambiguous prefix of at least 6 characters).
 * Returns 0, or -1 with *cause if none matches.
 */
int gaps_ack_remove(struct session *, const char *id, char **cause);

#endif
