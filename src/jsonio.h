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
/*
 * Builds a record of entity e from a JSON object; path ("persons[3].rights[0]")
 * names it in errors.  Unknown keys and values of the wrong JSON type are
 * refused.  Returns 0 or -1 with *cause ("persons[3].rights[0].end_date:
 * …").  Does not validate against the database (model_validate does).
 */
int jsonio_to_record(json_t *, const struct entity *, const char *path,
    struct record **out, char **cause);
/* The person with their file and every nested record (not audited). */
int jsonio_person_file(struct session *, const char *person_id, json_t **out,
    char **cause);
/* The whole content (users without secrets, partners, persons). */
int jsonio_export(struct session *, json_t **out, char **cause);
/*
 * The same document as text, exactly as json_dumps(JSON_INDENT(2)) writes
 * jsonio_export()'s, appended to out; built one person at a time, so that
 * large databases export without the whole tree in memory.  The caller
 * wipes out (clear data).
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
