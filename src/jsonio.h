/*
 * The JSON form of parcours data (documented in parcours(1), section "JSON
 * FORMAT"): records as objects keyed by field name with typed values,
 * each person with their pathway file and every nested record, and the
 * whole document exported and imported by "parcours export" and "parcours
 * import".  Parsing and printing go through jansson.
 */
#ifndef PARCOURS_JSONIO_H
#define PARCOURS_JSONIO_H

#include <stddef.h>

#include <jansson.h>

/* The document's "format" and the "version" this build writes and
 * reads. */
#define JSONIO_FORMAT		"parcours"
#define JSONIO_VERSION		1

struct session;
struct record;
struct entity;
struct buf;

/* The JSON object of a record: id, fields (dates as strings, booleans as
 * true/false, absent values as null) and created/updated metadata. */
json_t *jsonio_from_record(const struct record *);
/* The person with their file and every nested record (not audited). */
int jsonio_person_file(struct session *, const char *person_id, json_t **out,
    char **cause);
/*
 * The whole content (users without secrets, partners, persons) as JSON
 * text indented by 2, appended to out; built one person at a time, so
 * that large databases export without the whole tree in memory.  The
 * caller wipes out (clear data).
 */
int jsonio_export_text(struct session *, struct buf *out, char **cause);
/*
 * Validates the whole document, then imports it in one transaction
 * (ids and timestamps kept); nothing is written if any record is refused.
 * *count receives the number of records imported.  Audited as one
 * "import".
 */
int jsonio_import(struct session *, json_t *doc, size_t *count,
    char **cause);

#endif
