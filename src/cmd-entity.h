/*
 * What the entity commands share (cmd-entity.c parses and runs them,
 * cmd-entity-show.c prints records, a person's file and the caseload).
 */
#ifndef PARCOURS_CMD_ENTITY_H
#define PARCOURS_CMD_ENTITY_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "output.h"

struct entity;
struct record;
struct session;

enum verb {
	V_ADD, V_LIST, V_SHOW, V_EDIT, V_END, V_DELETE,
	V_CLOSE, V_REOPEN, V_ASSIGN, V_ANSWER
};

/* Options that are not fields, per verb. */
enum { X_PERSON = 1, X_SEARCH = 2, X_ALL = 4, X_SCOPE = 8, X_DATE = 16,
    X_REASON = 32, X_WORKER = 64 };

struct parsed {
	const struct entity	*e;
	enum verb		 verb;
	int			 nfields;
	const char		*fname[64];
	const char		*fvalue[64];
	bool			 ffile[64];	/* fvalue names a file */
	const char		*id;
	const char		*person, *search, *worker, *team, *date;
	const char		*reason;
	bool			 all, all_files, help;
};

/* Prints records as a table of their list fields (parent: with the
 * person each belongs to). */
void print_records(struct session *, const struct entity *,
    struct record **, size_t n, enum output_format, bool parent);
/* Prints one record as "Label: value" lines. */
void print_record(struct session *, const struct record *);
/* Prints a JSON value on stdout. */
void print_json(json_t *);
/* "person show": the whole pathway file. */
int show_person(struct session *, const struct record *, enum output_format,
    char **cause);
/* "person list": the caseload with age, territory and worker. */
int list_persons(struct session *, const struct parsed *, enum output_format,
    char **cause);

#endif
