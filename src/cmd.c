/*
 * What the subcommands share: opening the session with the global
 * options, reporting errors with the right exit status, and help texts.
 */
#include "config.h"
#include "cmd.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "keyring.h"
#include "xmalloc.h"

static const struct cmd *current;

const struct cmd *
cmd_current(void)
{
	return (current);
}

void
cmd_set_current(const struct cmd *c)
{
	current = c;
}

int
cmd_fail(int status, char *cause)
{
	fprintf(stderr, "parcours: %s\n", cause != NULL ? cause :
	    _("unknown error"));
	free(cause);
	return (status);
}

int
cmd_open(struct cmd_ctx *ctx, struct session **out)
{
	char	*cause = NULL;
	int	 rc;

	rc = session_open(&ctx->sopts, out, &cause);
	if (rc == 0)
		return (0);
	return (cmd_fail(rc == SESSION_ESTORE ? EXIT_STORE : EXIT_AUTH,
	    cause));
}

int
cmd_usage_error(const struct cmd *c, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (c != NULL)
		fprintf(stderr, _("parcours %s: %s\nusage: parcours %s %s\n"),
		    c->name, msg, c->name, _(c->args));
	else
		fprintf(stderr, "parcours: %s\n", msg);
	free(msg);
	return (EXIT_USAGE);
}

int
cmd_parse_number(const char *opt, const char *v, unsigned long long lo,
    unsigned long long hi, unsigned long long *out)
{
	char			*end;
	unsigned long long	 n;

	errno = 0;
	n = strtoull(v, &end, 10);
	if (*v == '\0' || *v == '-' || *end != '\0' || errno != 0 || n < lo ||
	    n > hi)
		return (cmd_usage_error(cmd_current(), _("%s: expected a whole "
		    "number from %llu to %llu, got \"%s\""), opt, lo, hi, v));
	*out = n;
	return (0);
}

int
cmd_parse_fd(const char *opt, const char *v, int *out)
{
	unsigned long long	n;
	int			rc;

	if ((rc = cmd_parse_number(opt, v, 0, 65535, &n)) == 0)
		*out = (int)n;
	return (rc);
}

int
cmd_parse_kdf_cost(const char *opt, const char *v, struct kdf_params *params)
{
	unsigned long long	n;
	int			rc;

	if ((rc = cmd_parse_number(opt, v, KDF_MIN_LOG2N, KDF_MAX_LOG2N,
	    &n)) != 0)
		return (rc);
	kdf_params_default(params);
	params->n = (uint64_t)1 << n;
	return (0);
}

void
cmd_print_help(const struct cmd *c, const char *extra)
{
	printf(_("usage: parcours [global options] %s %s\n\n%s\n"), c->name,
	    _(c->args), _(c->summary));
	if (extra != NULL && *extra != '\0')
		printf("\n%s", extra);
}

char *
scope_option_cause(const char *option, char *cause)
{
	char	*named;

	if (option == NULL || cause == NULL)
		return (cause);
	named = xasprintf("%s: %s", option, cause);
	free(cause);
	return (named);
}
