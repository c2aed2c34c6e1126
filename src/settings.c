/*
 * Settings: whole numbers stored as text in the settings table, one row
 * per setting changed from its default.  The declarations come from two
 * places: the general settings below, and the parameters of the gap rules
 * (rules.c), whose keys are "rule.<RULE_ID>.<param>".  Values are checked
 * strictly — decimal digits only, within the bounds — so that a typo or a
 * negative threshold is refused with a message naming the setting rather
 * than silently changing what the rules see.
 */
#include "config.h"
#include "settings.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

#include "audit.h"
#include "session.h"
#include "store.h"
#include "xmalloc.h"

static const struct setting_def settings_general[] = {
	{ "lock.idle_seconds", SU_SECONDS, 300, 1, 86400,
	  N_("seconds of inactivity after which the screen locks"), NULL, 0 },
};

static struct setting_def	*settings_all;
static size_t			 settings_n;

static enum setting_unit
settings_unit_of(enum param_unit u)
{
	switch (u) {
	case PU_DAYS:
		return (SU_DAYS);
	case PU_MONTHS:
		return (SU_MONTHS);
	case PU_YEARS:
		return (SU_YEARS);
	case PU_COUNT:
		break;
	}
	return (SU_COUNT);
}

/* Builds the table once: the general settings, then the rules'. */
const struct setting_def *
settings_defs(size_t *n)
{
	const struct rule	*r;
	struct setting_def	*d;
	size_t			 i, j, total;

	if (settings_all == NULL) {
		total = nitems(settings_general);
		for (i = 0; i < rules_count; i++)
			total += rules[i].nparams;
		settings_all = xcalloc(total, sizeof *settings_all);
		memcpy(settings_all, settings_general,
		    sizeof settings_general);
		settings_n = nitems(settings_general);
		for (i = 0; i < rules_count; i++) {
			r = &rules[i];
			for (j = 0; j < r->nparams; j++) {
				d = &settings_all[settings_n++];
				d->key = xasprintf("rule.%s.%s", r->id,
				    r->params[j].name);
				d->unit = settings_unit_of(r->params[j].unit);
				d->defval = r->params[j].defval;
				d->min = r->params[j].min;
				d->max = r->params[j].max;
				d->help = r->params[j].help;
				d->rule = r;
				d->param = (int)j;
			}
		}
	}
	*n = settings_n;
	return (settings_all);
}

const struct setting_def *
settings_find(const char *key)
{
	const struct setting_def	*d;
	size_t				 n, i;

	d = settings_defs(&n);
	for (i = 0; i < n; i++)
		if (strcasecmp(d[i].key, key) == 0)
			return (&d[i]);
	return (NULL);
}

const char *
settings_unit_name(enum setting_unit u)
{
	switch (u) {
	case SU_DAYS:
		return ("days");
	case SU_MONTHS:
		return ("months");
	case SU_YEARS:
		return ("years");
	case SU_SECONDS:
		return ("seconds");
	case SU_COUNT:
		break;
	}
	return ("count");
}

/* The unit as a person reads it in a message. */
static const char *
settings_unit_words(enum setting_unit u)
{
	switch (u) {
	case SU_DAYS:
		return (_("a whole number of days"));
	case SU_MONTHS:
		return (_("a whole number of months"));
	case SU_YEARS:
		return (_("a whole number of years"));
	case SU_SECONDS:
		return (_("a whole number of seconds"));
	case SU_COUNT:
		break;
	}
	return (_("a whole number"));
}

int
settings_parse(const struct setting_def *d, const char *value, int *out,
    char **cause)
{
	const char	*p;
	long		 v = 0;

	if (*value == '\0')
		goto bad;
	for (p = value; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			goto bad;
		v = v * 10 + (*p - '0');
		if (v > INT_MAX / 10)
			goto bad;
	}
	if (v < d->min || v > d->max)
		goto bad;
	*out = (int)v;
	return (0);
bad:
	set_cause(cause, _("%s: \"%s\" is refused: give %s from %d to %d"),
	    d->key, value, settings_unit_words(d->unit), d->min, d->max);
	return (-1);
}

/* The stored text of a setting, or NULL (caller frees). */
static char *
settings_stored(struct session *s, const char *key)
{
	sqlite3_stmt	*st;
	char		*v = NULL;

	if (store_prepare(s->st, "SELECT value FROM settings WHERE key = ?",
	    &st, NULL) != 0)
		return (NULL);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = store_column_dup(st, 0);
	sqlite3_finalize(st);
	return (v);
}

int
settings_get_int(struct session *s, const char *key)
{
	const struct setting_def	*d = settings_find(key);
	char				*v;
	int				 value;

	if (d == NULL)
		return (0);
	value = d->defval;
	if ((v = settings_stored(s, d->key)) != NULL &&
	    settings_parse(d, v, &value, NULL) != 0)
		value = d->defval;
	free(v);
	return (value);
}

int
settings_list(struct session *s, struct setting_value **out, size_t *n,
    char **cause)
{
	const struct setting_def	*defs;
	struct setting_value		*vals;
	sqlite3_stmt			*st = NULL;
	size_t				 nd, i;
	int				 step, rc = -1;

	defs = settings_defs(&nd);
	vals = xcalloc(nd, sizeof *vals);
	for (i = 0; i < nd; i++) {
		vals[i].def = &defs[i];
		vals[i].value = defs[i].defval;
		vals[i].is_default = true;
	}
	if (store_prepare(s->st, "SELECT s.key, s.value, s.updated_at,"
	    " coalesce(u.login, s.updated_by) FROM settings s"
	    " LEFT JOIN users u ON u.id = s.updated_by", &st, cause) != 0)
		goto out;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char	*key, *v;

		key = (const char *)sqlite3_column_text(st, 0);
		v = (const char *)sqlite3_column_text(st, 1);

		for (i = 0; i < nd; i++)
			if (strcmp(defs[i].key, key) == 0)
				break;
		if (i == nd || v == NULL ||
		    settings_parse(&defs[i], v, &vals[i].value, NULL) != 0)
			continue;
		vals[i].is_default = false;
		vals[i].updated_at = store_column_dup(st, 2);
		vals[i].updated_by = store_column_dup(st, 3);
	}
	if (step != SQLITE_DONE) {
		store_error(s->st, _("reading the settings"), cause);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	if (rc != 0) {
		settings_values_free(vals, nd);
		vals = NULL;
		nd = 0;
	}
	*out = vals;
	*n = nd;
	return (rc);
}

void
settings_values_free(struct setting_value *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].updated_at);
		free(v[i].updated_by);
	}
	free(v);
}

int
settings_rules_params(struct session *s, int (*params)[RULE_MAX_PARAMS],
    char **cause)
{
	struct setting_value	*vals;
	const struct rule	*r;
	size_t			 n, i, j;

	for (i = 0; i < rules_count; i++)
		for (j = 0; j < rules[i].nparams && j < RULE_MAX_PARAMS; j++)
			params[i][j] = rules[i].params[j].defval;
	if (settings_list(s, &vals, &n, cause) != 0)
		return (-1);
	for (i = 0; i < n; i++) {
		if ((r = vals[i].def->rule) == NULL ||
		    vals[i].def->param >= RULE_MAX_PARAMS)
			continue;
		params[r - rules][vals[i].def->param] = vals[i].value;
	}
	settings_values_free(vals, n);
	return (0);
}

int
settings_set(struct session *s, const char *key, const char *value,
    char **cause)
{
	const struct setting_def	*d;
	sqlite3_stmt			*st = NULL;
	char				*now = NULL, buf[16];
	int				 v, rc = -1;
	bool				 reset;

	if ((d = settings_find(key)) == NULL) {
		set_cause(cause, _("%s: no such setting (parcours config list "
		    "shows them)"), key);
		return (-1);
	}
	reset = strcmp(value, "default") == 0;
	if (!reset && settings_parse(d, value, &v, cause) != 0)
		return (-1);
	if (store_begin(s->st, cause) != 0)
		return (-1);
	if (reset) {
		if (store_prepare(s->st, "DELETE FROM settings WHERE key = ?",
		    &st, cause) != 0)
			goto out;
		sqlite3_bind_text(st, 1, d->key, -1, SQLITE_STATIC);
	} else {
		if (store_prepare(s->st, "INSERT OR REPLACE INTO settings"
		    " (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)",
		    &st, cause) != 0)
			goto out;
		now = store_now();
		snprintf(buf, sizeof buf, "%d", v);
		sqlite3_bind_text(st, 1, d->key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, buf, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
		store_bind_text(st, 4, s->user_id);
	}
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_error(s->st, _("saving a setting"), cause);
		goto out;
	}
	if (audit_log(s, "update", "setting", d->key, NULL, "value",
	    cause) != 0)
		goto out;
	if (store_commit(s->st, cause) != 0)
		goto out;
	rc = 0;
out:
	sqlite3_finalize(st);
	if (rc != 0)
		store_rollback(s->st);
	free(now);
	return (rc);
}
