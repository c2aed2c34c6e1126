/*
 * A caseload as the interface shows it: the open pathway files of a scope
 * (the user's own, one worker's, a team's, every file, or the files
 * nobody holds), each with the person's name, search key, age and
 * territory, the worker, the active coordinator, the next deadline (the
 * nearest upcoming end, review or hearing among the running records, and
 * what it is) and the number of flags by severity from the gap engine.
 * One query for the files (four correlated subqueries through the person
 * indexes), one gap-engine run for the scope; the strings live in a pool
 * freed at once.  No curses: the caseload screen sorts and filters these
 * rows in memory.
 */
#ifndef PARCOURS_CASELOAD_H
#define PARCOURS_CASELOAD_H

#include <stddef.h>

#include "date.h"
#include "rules.h"

struct scope;
struct session;

/* One open file; the strings belong to the caseload. */
struct caseload_row {
	const char	*person_id;
	const char	*name;		/* "Last, First" */
	const char	*key;		/* folded search key, never NULL */
	const char	*territory;
	const char	*coordinator;	/* NULL: none active */
	const char	*worker;	/* display name, NULL: unassigned */
	const char	*what;		/* "AEMO end"; NULL: no deadline */
	date_t		 deadline;	/* DATE_NONE: none ahead */
	int		 age;		/* -1: unknown */
	unsigned short	 flags[SEV_COUNT];	/* by enum severity, <= 99 */
};

struct caseload_pool;

struct caseload {
	struct caseload_row	*rows;		/* sorted by person id */
	size_t			 n;
	size_t			 flagged;	/* rows with a flag */
	struct caseload_pool	*pool;
};

/*
 * Loads the open files of a scope (access.h) as of today, once the access
 * policy allows the user that scope (a refusal is audited); the listing is
 * audited ("list", with the scope and the number of files) once per scope
 * and count.  The flag counts stay at zero: see caseload_flags().
 * Returns 0 and fills *out (free it with caseload_free), or -1 with
 * *cause and *out empty.
 */
int caseload_load(struct session *, const struct scope *,
    struct caseload *out, char **cause);
/*
 * Counts the flags of each file: those the gap engine returns for the
 * same scope (today, no look-ahead, acknowledged ones left out).  Returns
 * 0, or -1 with *cause and the counts left at zero.
 */
int caseload_flags(struct session *, const struct scope *,
    struct caseload *, char **cause);
void caseload_free(struct caseload *);

/* The row of a person (binary search), or NULL. */
struct caseload_row *caseload_find(const struct caseload *,
    const char *person_id);

#endif
