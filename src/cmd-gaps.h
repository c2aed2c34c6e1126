/*
 * What the gap commands share (cmd-gaps.c, cmd-ack.c, cmd-config.c): their
 * options, parsed and checked before the passphrase is asked for.
 */
#ifndef PARCOURS_CMD_GAPS_H
#define PARCOURS_CMD_GAPS_H

#include <stdbool.h>
#include <stddef.h>

struct gap_query;
struct rule;
struct session;

/* The longest look-ahead accepted, in days (ten years). */
#define GAPS_HORIZON_MAX 3650
/* The look-ahead used to find a flag to acknowledge. */
#define GAPS_ACK_HORIZON 3650

/* What the gap commands accept. */
struct gopts {
	const char	*as_of, *horizon, *person, *worker, *team;
	const char	*severity, *reason, *until;
	const char	*rules[64];
	size_t		 nrules;
	const char	*pos[3];
	int		 npos;
	bool		 all, all_files, help;
};

enum {
	G_AS_OF = 0x001, G_HORIZON = 0x002, G_PERSON = 0x004,
	G_SCOPE = 0x008, G_RULE = 0x010, G_SEVERITY = 0x020,
	G_ALL = 0x040, G_REASON = 0x080, G_UNTIL = 0x100
};

/* Parses options and up to maxpos positional words. */
int gopts_parse(struct gopts *, int argc, char **argv, unsigned allowed,
    int maxpos);
/* Checks the query options and fills q (before the session opens); sel
 * receives the rules named by --rule. */
int gopts_query(const struct gopts *, struct gap_query *,
    const struct rule **sel);
/*
 * Sets the scope of q from the options, once the session is open: a
 * person, a worker, a team, every file, or the user's own caseload.
 * Workers see only their own caseload.  Returns 0 or an exit status
 * (with the message printed).
 */
int gopts_scope(struct session *, const struct gopts *, struct gap_query *,
    char **person_id, char **worker_id);

#endif
