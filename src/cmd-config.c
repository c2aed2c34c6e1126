/*
 * "config get|set|list": the thresholds of the rules and the other
 * settings, validated and audited (settings.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd-gaps.h"
#include "output.h"
#include "session.h"
#include "settings.h"
#include "xmalloc.h"

static const char *const config_keys[] = {
	"key", "value", "default", "unit", "min", "max", "updated_at",
	"updated_by", "description"
};

static void
config_row(struct table *t, const struct setting_value *v)
{
	const char	*row[nitems(config_keys)];
	char		 val[16], def[16], min[16], max[16];
	char		*desc;

	snprintf(val, sizeof val, "%d", v->value);
	snprintf(def, sizeof def, "%d", v->def->defval);
	snprintf(min, sizeof min, "%d", v->def->min);
	snprintf(max, sizeof max, "%d", v->def->max);
	desc = v->def->rule != NULL ? xasprintf("%s: %s", v->def->rule->id,
	    _(v->def->help)) : xstrdup(_(v->def->help));
	row[0] = v->def->key;
	row[1] = val;
	row[2] = def;
	row[3] = settings_unit_name(v->def->unit);
	row[4] = min;
	row[5] = max;
	row[6] = v->updated_at;
	row[7] = v->updated_by;
	row[8] = desc;
	table_add(t, row);
	free(desc);
}

static struct table *
config_table(enum output_format fmt)
{
	static const char	*heads[nitems(config_keys)];
	struct table		*t;

	heads[0] = _("Setting");
	heads[1] = _("Value");
	heads[2] = _("Default");
	heads[3] = _("Unit");
	heads[4] = _("Min");
	heads[5] = _("Max");
	heads[6] = _("Changed");
	heads[7] = _("By");
	heads[8] = _("Description");
	t = table_create(nitems(config_keys), config_keys,
	    fmt == OUTPUT_TEXT ? heads : NULL);
	table_set_numeric(t, 1);
	table_set_numeric(t, 2);
	table_set_numeric(t, 4);
	table_set_numeric(t, 5);
	return (t);
}

static int
config_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct gopts		 o;
	struct session		*s = NULL;
	struct setting_value	*vals = NULL;
	const struct setting_def *d = NULL;
	struct table		*t;
	char			*cause = NULL;
	size_t			 n = 0, i;
	int			 rc, v, want;

	want = strcmp(argv[0], "set") == 0 ? 2 :
	    strcmp(argv[0], "get") == 0 ? 1 : 0;
	if ((rc = gopts_parse(&o, argc, argv, 0, want)) != 0)
		return (rc);
	if (o.help) {
		cmd_print_help(cmd_current(), _("The settings, their units and "
		    "bounds: parcours config list; the rules' thresholds: "
		    "parcours-rules(7).\n"));
		return (EXIT_OK);
	}
	if (o.npos < want)
		return (cmd_usage_error(cmd_current(), want == 2 ?
		    _("give a setting and its value") : _("which setting?")));
	if (want > 0 && (d = settings_find(o.pos[0])) == NULL)
		return (cmd_usage_error(cmd_current(), _("%s: no such setting "
		    "(parcours config list shows them)"), o.pos[0]));
	if (want == 2 && strcmp(o.pos[1], "default") != 0 &&
	    settings_parse(d, o.pos[1], &v, &cause) != 0) {
		rc = cmd_usage_error(cmd_current(), "%s", cause);
		free(cause);
		return (rc);
	}
	if ((rc = cmd_open(ctx, &s)) != 0)
		return (rc);
	if (want == 2) {
		if (!session_is_admin(s))
			rc = cmd_fail(EXIT_DATA, xstrdup(_("only an "
			    "administrator can change the settings")));
		else if (settings_set(s, d->key, o.pos[1], &cause) != 0)
			rc = cmd_fail(EXIT_DATA, cause);
		else
			printf("%s = %d\n", d->key, settings_get_int(s,
			    d->key));
		goto out;
	}
	if (settings_list(s, &vals, &n, &cause) != 0) {
		rc = cmd_fail(EXIT_DATA, cause);
		goto out;
	}
	if (want == 1 && ctx->format == OUTPUT_TEXT) {
		for (i = 0; i < n; i++)
			if (vals[i].def == d)
				printf("%d\n", vals[i].value);
		goto out;
	}
	t = config_table(ctx->format);
	for (i = 0; i < n; i++)
		if (d == NULL || vals[i].def == d)
			config_row(t, &vals[i]);
	table_print(t, ctx->format, stdout);
	table_free(t);
out:
	settings_values_free(vals, n);
	session_close(s);
	return (rc);
}

const struct cmd cmd_config_table[] = {
	{ "config get", N_("KEY"), N_("show a setting"), config_exec },
	{ "config set", N_("KEY VALUE|default"),
	  N_("change a setting (administrators)"), config_exec },
	{ "config list", "", N_("list every setting with its value and "
	  "default"), config_exec },
	{ NULL, NULL, NULL, NULL }
};
