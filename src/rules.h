/*
 * The catalogue of coordination gap rules (RULES.md), declared once as a
 * table.  Each rule has an id, a nominal severity, its parameters (with
 * defaults; each one is also a setting named "rule.ID.PARAM"), one SQL
 * query that selects the candidate situations as of a date, a C function
 * that decides exactly — with calendar months and exact ages — when each
 * candidate is or becomes due and how severe it is, explanation templates
 * filled from the query's columns, why it matters with its legal source,
 * and the expected action.  The engine that runs the table is gaps.c.
 *
 * The SQL of a rule may over-select (its date filters have a few days of
 * slack where SQLite's month arithmetic differs from date.h's); the C
 * assessment is the exact test.  Column conventions of a rule's query:
 *
 *   file_id, person_id  always (the engine reads the person's
 *            last_name, first_name and birth_date itself, and a query
 *            may select them too);
 *   refs     "entity:id" words naming the records behind the flag: they
 *            make the flag's identity (with the rule, person and variant);
 *   variant  optional integer: which situation of the rule (and which
 *            explanation template);
 *   x_*      shown or listed but not part of the facts fingerprint
 *            (x_refs: further records, listed only);
 *   others   the facts: a change in any of them (or in the due date or
 *            the severity) ends an acknowledgement.
 *
 * The engine rewrites a few tokens for the scope (gaps_sql): "$SCOPE" is
 * a condition on the file f, "x $IN_SCOPE" one on a person id, and
 * "$ALL[text]" / "$SOME[text]" keep text only over every file / only in
 * a smaller scope (a worker, a team, a person), where the best join order
 * differs.  Over every file the engine runs each query once per slice of
 * persons, the ids from :scope_lo to :scope_hi ($SCOPE and $IN_SCOPE then
 * test that range): a query must reach the records of the slice through
 * an index range on the person id, never by scanning a table or an
 * index (tests/unit/test-gaps.c checks the plans).
 */
#ifndef PARCOURS_RULES_H
#define PARCOURS_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"

/* Journal entries that are a contact with the person (an SQL list). */
#define RULES_CONTACT_KINDS \
	"('contact','home_visit','call','coordination_meeting')"

enum severity {
	SEV_LOW = 0,
	SEV_MEDIUM,
	SEV_HIGH,
	SEV_CRITICAL
};
#define SEV_COUNT 4

/* "low", "medium", "high", "critical": stable (JSON, CSV, settings). */
const char *severity_name(enum severity);
/* The translated upper-case word shown in text ("HIGH"). */
const char *severity_label(enum severity);
/* Parses a severity name; returns -1 if unknown. */
int severity_parse(const char *, enum severity *);

enum param_unit {
	PU_DAYS,
	PU_MONTHS,
	PU_YEARS,
	PU_COUNT
};

/* A threshold of a rule; the setting "rule.<rule id>.<name>". */
struct rule_param {
	const char	*name;		/* the SQL parameter :name */
	enum param_unit	 unit;
	int		 defval;
	int		 min;
	int		 max;
	const char	*help;		/* N_() */
};

/* The values of a rule's parameters for one run, in table order. */
#define RULE_MAX_PARAMS 8

/* What the engine gives a rule's assessment. */
struct rule_ctx {
	date_t		 as_of;
	date_t		 until;		/* as_of + horizon */
	int		 param[RULE_MAX_PARAMS];
};

/* One candidate row of a rule's query, read by column name. */
struct rule_row;
/* The column's text, or NULL (no such column, or SQL NULL); borrowed. */
const char *rule_row_text(const struct rule_row *, const char *column);
/* The column as a date, or DATE_NONE. */
date_t rule_row_date(const struct rule_row *, const char *column);
/* The column as an integer, or 0. */
long long rule_row_int(const struct rule_row *, const char *column);

/* The assessment's answer: no flag if due stays DATE_NONE. */
struct rule_eval {
	date_t		 due;		/* when it is a gap */
	date_t		 warn_from;	/* upcoming from this day */
	enum severity	 severity;	/* once due */
	int		 variant;	/* explanation template (0..2) */
	date_t		 when;		/* extra date for {when} */
	int		 count;		/* extra number for {count} */
};

struct rule {
	const char		*id;
	char			 section;	/* 'A'..'D' */
	enum severity		 severity;	/* nominal */
	const char		*title;		/* N_(): summary */
	const struct rule_param	*params;
	size_t			 nparams;
	const char		*sql;
	void			(*assess)(const struct rule_ctx *,
				    const struct rule_row *,
				    struct rule_eval *);
	/*
	 * N_() templates: "{col}" is a column (a date is written in the
	 * user's format), "{col:entity.field}" the label of an enumeration
	 * value, "{^…}" the same with a capital first letter, "{=name}"
	 * the value of the rule's parameter, and {due}, {when}, {count},
	 * {age} come from the assessment.
	 */
	const char		*explain[3];
	const char		*why;		/* N_() */
	const char		*source;	/* N_() */
	const char		*action;	/* N_() */
};

extern const struct rule rules[];
extern const size_t rules_count;

/* Looks a rule up by id (case-insensitive); NULL if unknown. */
const struct rule *rules_find(const char *id);
/* Index of a parameter of a rule by name, or -1. */
int rules_param_index(const struct rule *, const char *name);

#endif
