/*
 * The domain model, described as data.  Each entity (person, pathway file,
 * referent, project, measure, right, partner, involvement, event, referral,
 * user) is a table of fields with a type, flags, a length limit, its
 * enumeration values and the entity it refers to.  One engine validates,
 * stores, lists and audits every entity from that description, so that the
 * CLI, the JSON import/export, the demo generator and the TUI forms all
 * share one set of rules.  Validation lives here, not in the interfaces:
 * an invalid value is refused with a message naming the field and the
 * problem, and nothing is written.
 *
 * Values travel as strings: dates "YYYY-MM-DD", booleans "0"/"1",
 * integers in decimal, references as UUIDs; NULL means "no value".
 */
#ifndef PARCOURS_MODEL_H
#define PARCOURS_MODEL_H

#include <stdbool.h>
#include <stddef.h>

struct session;

enum field_type {
	FT_TEXT,	/* one line */
	FT_LONGTEXT,	/* several lines */
	FT_DATE,
	FT_ENUM,
	FT_BOOL,
	FT_REF,		/* the id of a row of another entity */
	FT_INT
};

enum field_flags {
	FF_REQUIRED = 0x01,	/* must have a value */
	FF_LIST = 0x02,		/* shown in list output */
	FF_FIXED = 0x04,	/* set at creation, not edited afterwards */
	FF_SEARCH = 0x08,	/* feeds the entity's search key */
	FF_PARENT = 0x10	/* the owning person (person_id) */
};

/* One value of an enumeration, with the label shown to people. */
struct enum_value {
	const char	*value;
	const char	*label;		/* N_() */
};

/* The bookkeeping columns of every table, after the entity's fields. */
#define MODEL_META_COLUMNS \
	"created_at, created_by, updated_at, updated_by, deleted_at"

struct field {
	const char			*name;	/* column, CLI option, JSON key */
	enum field_type			 type;
	unsigned			 flags;
	int				 maxlen;	/* characters */
	const struct enum_value		*values;	/* FT_ENUM, ends {NULL} */
	const char			*ref;	/* FT_REF: entity name */
	const char			*label;	/* N_() */
	const char			*defval;	/* at creation, if absent */
};

/* Two dates of a record that must be in order (after >= before). */
struct date_order {
	const char	*before;
	const char	*after;
};

struct record;

struct entity {
	const char		*name;		/* "person": CLI noun */
	const char		*plural;	/* "persons": JSON key */
	const char		*table;
	const char		*label;		/* N_("person") */
	const struct field	*fields;
	size_t			 nfields;
	const struct date_order	*orders;	/* ends {NULL, NULL} */
	const char		*end_field;	/* set by "end"/"close" */
	const char		*end_reason;	/* field for the reason, if any */
	bool			 searchable;	/* has a search_key column */
	/* Extra checks across fields or rows; NULL if none. */
	int			(*check)(struct session *, struct record *,
				    char **);
	/* Runs after an insert, in the same transaction; NULL if none. */
	int			(*after_insert)(struct session *,
				    struct record *, char **);
};

/* A row of an entity, values as strings (see above). */
struct record {
	const struct entity	*e;
	char			*id;
	char			**v;		/* e->nfields values */
	bool			*set;		/* for updates: given values */
	char			*created_at;
	char			*created_by;
	char			*updated_at;
	char			*updated_by;
	char			*deleted_at;
};

/* Every entity, in dependency order (users, partners, persons, files,
 * then the records of a pathway); ends with NULL. */
extern const struct entity *const model_entities[];
extern const struct entity model_user, model_partner, model_person,
    model_file, model_referent, model_project, model_measure, model_right,
    model_involvement, model_event, model_referral;

/* Looks an entity up by name or plural; NULL if unknown. */
const struct entity *model_entity(const char *name);
/* Index of a field by name, or -1. */
int model_field_index(const struct entity *, const char *name);
const struct field *model_field(const struct entity *, const char *name);
/* The label of an enumeration value (translated), or the value itself. */
const char *model_enum_label(const struct field *, const char *value);

struct record *record_new(const struct entity *);
void record_free(struct record *);
void records_free(struct record **, size_t);
/* Sets a field's value (copied; NULL clears it) and marks it given.
 * Returns -1 if the entity has no such field. */
int record_set(struct record *, const char *name, const char *value);
/* The value of a field (borrowed), or NULL. */
const char *record_get(const struct record *, const char *name);
/* Gives every field that has a default and was not given a value its
 * default, as model_insert() does before validating: call it before
 * model_validate() on a record about to be inserted. */
void record_fill_defaults(struct record *);

/*
 * Checks a record against its entity: required fields, lengths, UTF-8,
 * dates, enumerations, booleans, integers, references to rows that exist
 * (not deleted), date orders and the entity's own checks.  prefix (may be
 * NULL) is put before the field's name in messages
 * ("persons[3].rights[0]." gives "persons[3].rights[0].end_date: …").
 * Returns 0, or -1 with *cause.
 */
int model_validate(struct session *, struct record *, const char *prefix,
    char **cause);

/* Flags for model_insert. */
enum {
	MODEL_KEEP_META = 1,	/* keep id and timestamps (import) */
	MODEL_NO_AUDIT = 2,	/* the caller audits (import as a whole) */
	MODEL_NO_HOOK = 4	/* no after_insert (import brings the file) */
};
/*
 * Validates and inserts a record (a new UUIDv7 id unless MODEL_KEEP_META
 * and r->id is set), fills defaults, and audits "create" with the names of
 * the fields given.  Runs in a transaction with the entity's after_insert.
 * Returns 0 (r->id set), or -1 with *cause and nothing written.
 */
int model_insert(struct session *, struct record *, int flags,
    const char *prefix, char **cause);
/*
 * Applies the fields marked given in changes to the row of that id: the
 * merged row is validated as a whole, only changed columns are written,
 * and "update" is audited with their names.  FF_FIXED fields cannot
 * change.  Returns 0, or -1 with *cause and nothing written.
 */
int model_update(struct session *, const struct record *changes,
    const char *id, char **cause);
/* Soft-deletes a row (audited).  Returns 0 or -1 with *cause. */
int model_delete(struct session *, const struct entity *, const char *id,
    char **cause);
/*
 * Loads one row by id (or unambiguous id prefix of at least 8 characters)
 * into *out (caller frees).  Deleted rows are not found, and a record of
 * a file the user may not read is refused (access.h).  Does not audit a
 * view: callers showing the row to someone audit it.
 */
int model_get(struct session *, const struct entity *, const char *id,
    struct record **out, char **cause);
/*
 * The same, for an operation of access.h (ACCESS_READ or ACCESS_WRITE):
 * a record of a person's file the user may not read or change is refused
 * with *cause saying why, and the refusal is audited.  model_get() reads;
 * model_update() and model_delete() ask to write.
 */
int model_get_for(struct session *, const struct entity *, const char *id,
    int op, struct record **out, char **cause);

/* What model_list returns: only records of the files the session's user
 * may read (access.h). */
struct model_filter {
	const char	*person_id;	/* rows of this person only */
	const char	*search;	/* accent/case-insensitive text */
	bool		 active_only;	/* not ended as of today */
	bool		 include_deleted;
	const char	*where;		/* extra SQL condition (trusted) */
	const char	*order;		/* ORDER BY clause (trusted) */
};
int model_list(struct session *, const struct entity *,
    const struct model_filter *, struct record ***out, size_t *n,
    char **cause);

/*
 * Splits a search into LIKE patterns, one per word of its folded form
 * (accents and case removed, see text_fold), "%word%" with LIKE's
 * wildcards escaped for ESCAPE '\\'.  Returns the number of words; the
 * caller frees *out with model_patterns_free().
 */
size_t model_search_patterns(const char *search, char ***out);
void model_patterns_free(char **, size_t);
/* The search key of a searchable record: its FF_SEARCH fields, folded
 * (accents and case dropped); caller frees. */
char *model_search_key(const struct record *);

/* The person id a record belongs to (persons: its own id), or NULL. */
const char *record_person(const struct record *);
/* The column of the entity's table naming the person ("id" for persons,
 * "person_id" for the records of a file), or NULL (users, partners). */
const char *model_person_column(const struct entity *);
/* A short human title of a record ("Martin, Léa", "AEMO 2026-01-02"),
 * caller frees. */
char *record_title(const struct record *);

#endif
