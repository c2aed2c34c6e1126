/*
 * Internal to the gap engine, shared by its three files: gaps.c runs the
 * rules, gaps-flag.c makes a flag of each candidate row a rule returns,
 * gaps-ack.c reads and writes the acknowledgements.
 */
#ifndef PARCOURS_GAPS_INT_H
#define PARCOURS_GAPS_INT_H

#include <stdbool.h>
#include <stddef.h>

#include <sqlite3.h>

#include "date.h"
#include "gaps.h"
#include "rules.h"

struct session;

/* A candidate row of a rule's query (rules.h reads it by column). */
struct rule_row {
	sqlite3_stmt	*st;
	int		 ncols;
	const char	*const *names;
	/* The person of the row, read by the engine (see gap_person). */
	char		*person_id;
	char		*last_name;
	char		*first_name;
	char		*birth_date;
};


/*
 * Over every file, the rules run on slices of the files in person id
 * order (see gaps_run): the persons from lo to hi, both included.
 */
struct gap_range {
	const char	*lo;
	const char	*hi;
};

/*
 * Binds the parameters a statement names: dates, scope (the range of
 * persons over every file; NULL for all) and thresholds (of rule r, if
 * not NULL).
 */
void gap_bind(sqlite3_stmt *, const struct gap_query *, const struct rule *,
    const struct rule_ctx *, const struct gap_range *);

/* Builds the flag of an assessed row; false if it is not to be shown. */
bool gap_flag_make(const struct gap_query *, const struct rule *,
    const struct rule_ctx *, const struct rule_row *,
    const struct rule_eval *, struct gap_flag *);
void gap_flag_free(struct gap_flag *);

/* An acknowledgement in force, read for matching. */
struct gap_ack_row {
	char	*flag_id;
	char	 facts[GAP_FACTS_LEN + 1];
	char	*id;
	char	*reason;
	char	*by;
	char	*at;
	date_t	 until;
};

/* Reads the acknowledgements in force on as_of, sorted by flag id (the
 * newest first among those of one flag). */
int gap_acks_load(struct session *, date_t as_of, struct gap_ack_row **,
    size_t *, char **cause);
void gap_acks_rows_free(struct gap_ack_row *, size_t);
/* The acknowledgement that silences the flag, or NULL. */
const struct gap_ack_row *gap_ack_match(const struct gap_ack_row *, size_t,
    const struct gap_flag *);

#endif
