/*
 * Inside the JSON module: what jsonio.c (records and export) shares with
 * jsonio-import.c.
 */
#ifndef PARCOURS_JSONIO_INT_H
#define PARCOURS_JSONIO_INT_H

#include <stddef.h>

#include <jansson.h>

struct entity;
struct record;

/* More than the entities of a pathway. */
#define JSONIO_MAX_PATHWAY	16

/* What a JSON value is, for messages ("a string", "an array" …). */
const char *jsonio_kind(const json_t *);
/* The entities of a pathway other than the file itself (referents,
 * projects …), in model order, into out; returns how many. */
size_t jsonio_pathway(const struct entity *out[], size_t max);
/*
 * Builds a record of entity e from a JSON object; path ("persons[3].rights[0]")
 * names it in errors.  Unknown keys and values of the wrong JSON type are
 * refused.  Returns 0 or -1 with *cause ("persons[3].rights[0].end_date:
 * …").  Does not validate against the database (model_validate does).
 * The keys listed in skip (NULL-terminated, may be NULL) are left to the
 * caller.
 */
int jsonio_to_record_except(json_t *, const struct entity *,
    const char *path, const char *const *skip, struct record **out,
    char **cause);

#endif
