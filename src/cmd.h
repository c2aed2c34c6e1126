/*
 * The command table and what every subcommand shares: the global options,
 * the exit statuses, opening the session, and the output format.  Each
 * family of commands lives in its own cmd-*.c and exports one array of
 * struct cmd; main.c dispatches through them.
 */
#ifndef PARCOURS_CMD_H
#define PARCOURS_CMD_H

#include <stdbool.h>

#include "output.h"
#include "session.h"

/* Exit statuses (documented in parcours(1)). */
enum {
	EXIT_OK = 0,
	EXIT_DATA = 1,		/* invalid data, refused change, not found */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_AUTH = 3,		/* cannot unlock: passphrase, key file */
	EXIT_STORE = 4,		/* database missing, damaged, foreign, newer */
	EXIT_INTERNAL = 70
};

/* What main() parsed before the command. */
struct cmd_ctx {
	struct session_opts	 sopts;
	enum output_format	 format;
	const char		*as_of;		/* --today DATE, if given */
	bool			 tty;		/* stdin and stdout are ttys */
};

struct cmd {
	const char	*name;		/* "person add", "gaps" … */
	const char	*args;		/* usage after the name, N_() */
	const char	*summary;	/* one line, N_() */
	/* argv[0] is the last word of the name; returns an exit status. */
	int		(*exec)(struct cmd_ctx *, int argc, char **argv);
};

/* Opens the session for a command; on failure prints the cause and
 * returns the exit status to use (else 0 and *out). */
int cmd_open(struct cmd_ctx *, struct session **out);
/* Prints "parcours: cause" to stderr, frees the cause, returns status. */
int cmd_fail(int status, char *cause);
/* Prints a usage error about the command and returns EXIT_USAGE. */
/* Puts the option that asked for it before a refusal of a scope
 * ("--worker: refused: …"); takes cause and returns the new one (cause
 * itself if option is NULL). */
char *scope_option_cause(const char *option, char *cause);
int cmd_usage_error(const struct cmd *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/*
 * Option values: a whole number from lo to hi, a file descriptor number,
 * a scrypt cost (LOG2N, into params with the other defaults).  Each
 * returns 0, or prints a usage error naming opt and returns EXIT_USAGE.
 */
int cmd_parse_number(const char *opt, const char *v, unsigned long long lo,
    unsigned long long hi, unsigned long long *out);
int cmd_parse_fd(const char *opt, const char *v, int *out);
struct kdf_params;
int cmd_parse_kdf_cost(const char *opt, const char *v,
    struct kdf_params *params);
/* Prints the help of a command (its usage, summary and the extra text). */
void cmd_print_help(const struct cmd *, const char *extra);
/* Looks up the command being run (for usage and help messages). */
const struct cmd *cmd_current(void);
void cmd_set_current(const struct cmd *);

/* The command families; each array ends with a {NULL} entry. */
extern const struct cmd cmd_init_table[];
extern const struct cmd cmd_entity_table[];
extern const struct cmd cmd_user_table[];
extern const struct cmd cmd_io_table[];
extern const struct cmd cmd_audit_table[];
extern const struct cmd cmd_demo_table[];
extern const struct cmd cmd_gaps_table[];
extern const struct cmd cmd_ack_table[];
extern const struct cmd cmd_config_table[];
extern const struct cmd cmd_handover_table[];

#endif
