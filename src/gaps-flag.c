/*
 * A flag of the gap engine from an assessed candidate row: its stable id
 * (a hash of the rule, the person, the variant and the records behind
 * it), the fingerprint of its facts (every column that is not an
 * identity, so that an acknowledgement lapses when one changes), and its
 * explanation and "why" rendered from the rule's templates.
 */
#include "config.h"
#include "gaps-int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "model.h"
#include "text.h"
#include "xmalloc.h"

/* Columns that are neither facts nor shown as such. */
static const char *const gap_std_cols[] = {
	"file_id", "person_id", "last_name", "first_name", "birth_date",
	"refs", "variant", NULL
};

/* Hex of the first len/2 bytes of SHA-256 over data. */
static void
gap_hash(const struct buf *data, char *out, size_t len)
{
	unsigned char		 md[EVP_MAX_MD_SIZE];
	unsigned int		 mdlen = 0;

	if (EVP_Digest(data->data != NULL ? data->data : "", data->len, md,
	    &mdlen, EVP_sha256(), NULL) != 1)
		fatal("gaps: cannot compute a flag id (SHA-256)");
	text_hex(md, len / 2 < mdlen ? len / 2 : mdlen, out);
}

static int
gap_strcmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

/* Splits "entity:id entity:id" into sorted, distinct words appended to
 * *w (caller frees each and the array). */
static void
gap_words(const char *s, char ***w, size_t *n)
{
	const char	*p;
	size_t		 len, first = *n, i, j;

	while (s != NULL && *s != '\0') {
		while (*s == ' ')
			s++;
		for (p = s; *p != '\0' && *p != ' '; p++)
			/* nothing */;
		if ((len = (size_t)(p - s)) > 0) {
			*w = xreallocarray(*w, *n + 1, sizeof **w);
			(*w)[(*n)++] = xstrndup(s, len);
		}
		s = p;
	}
	qsort(*w + first, *n - first, sizeof **w, gap_strcmp);
	for (i = j = first; i < *n; i++) {
		if (j > first && strcmp((*w)[j - 1], (*w)[i]) == 0) {
			free((*w)[i]);
			continue;
		}
		(*w)[j++] = (*w)[i];
	}
	*n = j;
}

static bool
gap_std_col(const char *name)
{
	size_t	i;

	if (strncmp(name, "x_", 2) == 0)
		return (true);
	for (i = 0; gap_std_cols[i] != NULL; i++)
		if (strcmp(gap_std_cols[i], name) == 0)
			return (true);
	return (false);
}

/* Appends the user's rendering of a date (or "?" if none). */
static void
gap_put_date(struct buf *b, date_t d)
{
	char	s[11];

	if (d == DATE_NONE) {
		buf_puts(b, "?");
		return;
	}
	date_format_user(d, s);
	buf_puts(b, s);
}

/* Appends s, capitalised if asked (ASCII first letter only). */
static void
gap_put_text(struct buf *b, const char *s, bool cap)
{
	char	*clean = text_sanitize(s, false);

	if (cap && islower((unsigned char)clean[0]))
		clean[0] = (char)toupper((unsigned char)clean[0]);
	buf_puts(b, clean);
	free(clean);
}

/* The label of a value of entity.field ("measure.kind"), or the value. */
static const char *
gap_enum_label(const char *spec, const char *value)
{
	const struct entity	*e;
	const struct field	*f;
	const char		*dot = strchr(spec, '.');
	char			*ent;

	if (dot == NULL)
		return (value);
	ent = xstrndup(spec, (size_t)(dot - spec));
	e = model_entity(ent);
	free(ent);
	if (e == NULL || (f = model_field(e, dot + 1)) == NULL)
		return (value);
	return (model_enum_label(f, value));
}

/*
 * Fills a template (see rules.h) from the row, the parameters and the
 * assessment.  Returns a new string.
 */
static char *
gap_render(const char *tmpl, const struct rule *r, const struct rule_row *row,
    const struct rule_ctx *ctx, const struct rule_eval *ev, int age)
{
	struct buf	 b;
	const char	*p, *end, *colon, *v;
	char		*name, *spec;
	bool		 cap, param;
	date_t		 d;
	int		 k;

	buf_init(&b);
	for (p = tmpl; *p != '\0'; p = end + 1) {
		if (*p != '{' || (end = strchr(p, '}')) == NULL) {
			buf_add(&b, p, 1);
			end = p;
			continue;
		}
		p++;
		cap = param = false;
		if (*p == '^') {
			cap = true;
			p++;
		}
		if (*p == '=') {
			param = true;
			p++;
		}
		colon = memchr(p, ':', (size_t)(end - p));
		name = xstrndup(p, (size_t)((colon != NULL ? colon : end) - p));
		spec = colon != NULL ?
		    xstrndup(colon + 1, (size_t)(end - colon - 1)) : NULL;
		if (param) {
			k = rules_param_index(r, name);
			buf_printf(&b, "%d", k >= 0 ? ctx->param[k] : 0);
		} else if (strcmp(name, "due") == 0)
			gap_put_date(&b, ev->due);
		else if (strcmp(name, "when") == 0)
			gap_put_date(&b, ev->when);
		else if (strcmp(name, "count") == 0)
			buf_printf(&b, "%d", ev->count);
		else if (strcmp(name, "age") == 0) {
			if (age >= 0)
				buf_printf(&b, "%d", age);
			else
				buf_puts(&b, "?");
		} else if ((v = rule_row_text(row, name)) == NULL)
			buf_puts(&b, _("(unknown)"));
		else if (spec != NULL)
			gap_put_text(&b, gap_enum_label(spec, v), cap);
		else if (strlen(v) == 10 && date_parse_iso(v, &d, NULL) == 0)
			gap_put_date(&b, d);
		else
			gap_put_text(&b, v, cap);
		free(name);
		free(spec);
	}
	return (buf_take(&b));
}

/* Builds the flag of an assessed row; false if it is not to be shown. */
bool
gap_flag_make(const struct gap_query *q, const struct rule *r,
    const struct rule_ctx *ctx, const struct rule_row *row,
    const struct rule_eval *ev, struct gap_flag *fl)
{
	struct buf	 b;
	char		**words = NULL, *sep, d[11];
	const char	*v;
	size_t		 n = 0, i;
	date_t		 birth;
	int		 c;

	memset(fl, 0, sizeof *fl);
	fl->rule = r;
	fl->variant = ev->variant;
	fl->due = ev->due;
	fl->due_severity = ev->severity;
	fl->days = ctx->as_of - ev->due;
	fl->upcoming = ev->due > ctx->as_of;
	fl->severity = ev->severity;
	if (fl->upcoming && fl->severity > SEV_LOW)
		fl->severity--;
	if (fl->severity < q->min_severity)
		return (false);

	fl->person_id = xstrdup(rule_row_text(row, "person_id"));
	fl->file_id = xstrdup(rule_row_text(row, "file_id"));
	fl->last_name = text_sanitize(rule_row_text(row, "last_name"), false);
	fl->first_name = text_sanitize(rule_row_text(row, "first_name"),
	    false);
	birth = rule_row_date(row, "birth_date");
	fl->age = birth == DATE_NONE ? -1 : date_age(birth, ctx->as_of);

	/* Records: the identity first, then the ones only listed. */
	gap_words(rule_row_text(row, "refs"), &words, &n);
	fl->nidentity = n;
	gap_words(rule_row_text(row, "x_refs"), &words, &n);
	fl->records = xcalloc(n > 0 ? n : 1, sizeof *fl->records);
	buf_init(&b);
	buf_printf(&b, "%s\n%s\n%d\n", r->id, fl->person_id, ev->variant);
	for (i = 0; i < n; i++) {
		if (i < fl->nidentity)
			buf_printf(&b, "%s ", words[i]);
		else if (bsearch(&words[i], words, fl->nidentity,
		    sizeof *words, gap_strcmp) != NULL)
			continue;
		if ((sep = strchr(words[i], ':')) != NULL) {
			fl->records[fl->nrecords].entity = xstrndup(words[i],
			    (size_t)(sep - words[i]));
			fl->records[fl->nrecords].id = xstrdup(sep + 1);
		} else {
			fl->records[fl->nrecords].entity = xstrdup("");
			fl->records[fl->nrecords].id = xstrdup(words[i]);
		}
		fl->nrecords++;
	}
	for (i = 0; i < n; i++)
		free(words[i]);
	free(words);
	gap_hash(&b, fl->id, GAP_ID_LEN);
	buf_free(&b);

	/* The facts: the assessment and the rule's fact columns. */
	buf_init(&b);
	buf_printf(&b, "%s\n%d\n%s\n", r->id, ev->variant,
	    severity_name(ev->severity));
	date_format_iso(ev->due, d);
	buf_printf(&b, "%s\n", d);
	date_format_iso(ev->when, d);
	buf_printf(&b, "%s\n%d\n", d, ev->count);
	for (c = 0; c < row->ncols; c++) {
		if (gap_std_col(row->names[c]))
			continue;
		v = rule_row_text(row, row->names[c]);
		buf_printf(&b, "%s=%s\n", row->names[c], v != NULL ? v :
		    "\001");
	}
	gap_hash(&b, fl->facts, GAP_FACTS_LEN);
	buf_free(&b);

	fl->explanation = gap_render(_(r->explain[ev->variant] != NULL ?
	    r->explain[ev->variant] : r->explain[0]), r, row, ctx, ev,
	    fl->age);
	fl->why = gap_render(_(r->why), r, row, ctx, ev, fl->age);
	fl->ack_until = DATE_NONE;
	return (true);
}

void
gap_flag_free(struct gap_flag *fl)
{
	size_t	i;

	for (i = 0; i < fl->nrecords; i++) {
		free(fl->records[i].entity);
		free(fl->records[i].id);
	}
	free(fl->records);
	free(fl->person_id);
	free(fl->file_id);
	free(fl->last_name);
	free(fl->first_name);
	free(fl->explanation);
	free(fl->why);
	free(fl->ack_id);
	free(fl->ack_reason);
	free(fl->ack_by);
	free(fl->ack_at);
}

char *
gaps_flag_name(const struct gap_flag *fl)
{
	return (xasprintf("%s, %s", fl->last_name, fl->first_name));
}
