/*
 * Typed settings kept in the database's settings table: the thresholds of
 * the gap rules ("rule.NO_RECENT_CONTACT.days") and a few others
 * ("lock.idle_seconds").  Every setting is declared (the rules' parameters
 * are declared in rules.c); a value is a whole number within the
 * setting's bounds, anything else is refused with a message naming the
 * setting.  An absent row means the default.  Changes are audited.
 */
#ifndef PARCOURS_SETTINGS_H
#define PARCOURS_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "rules.h"

struct session;

enum setting_unit {
	SU_DAYS,
	SU_MONTHS,
	SU_YEARS,
	SU_COUNT,
	SU_SECONDS
};

struct setting_def {
	const char		*key;
	enum setting_unit	 unit;
	int			 defval;
	int			 min;
	int			 max;
	const char		*help;		/* N_() */
	const struct rule	*rule;		/* or NULL */
	int			 param;		/* in rule->params */
};

/* Every declared setting, general ones first, then the rules' in table
 * order.  The array is built once and never freed. */
const struct setting_def *settings_defs(size_t *n);
/* The setting of that key (case-insensitive), or NULL. */
const struct setting_def *settings_find(const char *key);
/* "days", "months", "years", "count", "seconds". */
const char *settings_unit_name(enum setting_unit);

/*
 * Checks a value for a setting: decimal digits only, within the bounds.
 * Returns 0 and *out, or -1 with *cause naming the setting, the unit and
 * the bounds.
 */
int settings_parse(const struct setting_def *, const char *value, int *out,
    char **cause);

/* The value of a setting (the default if unset or unreadable). */
int settings_get_int(struct session *, const char *key);

/* A setting's current value. */
struct setting_value {
	const struct setting_def	*def;
	int				 value;
	bool				 is_default;
	char				*updated_at;	/* or NULL */
	char				*updated_by;	/* or NULL */
};
/* Every setting with its value.  Returns 0 or -1 with *cause. */
int settings_list(struct session *, struct setting_value **out, size_t *n,
    char **cause);
void settings_values_free(struct setting_value *, size_t);

/*
 * Reads the thresholds of every rule, in one query: params[i] receives
 * the values of rules[i]'s parameters in their order (defaults where
 * unset or unreadable).  Returns 0 or -1 with *cause.
 */
int settings_rules_params(struct session *, int (*params)[RULE_MAX_PARAMS],
    char **cause);

/*
 * Sets a setting after settings_parse(); value "default" removes the
 * stored value.  Audited as "update" of entity "setting" (the key as the
 * id, field "value").  Returns 0 or -1 with *cause and nothing written.
 */
int settings_set(struct session *, const char *key, const char *value,
    char **cause);

#endif
