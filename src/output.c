/*
 * Tables for the command line in three formats.  Text columns are sized
 * in screen columns with text_width(), so accented and wide names align;
 * JSON goes through jansson (an array of objects with the column keys);
 * CSV quotes as RFC 4180 says.  Cells are kept as given and made safe when
 * printed: one line each in text, their line breaks kept in CSV and JSON,
 * other control characters and invalid UTF-8 replaced by U+FFFD.
 */
#include "config.h"
#include "output.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "text.h"
#include "xmalloc.h"

struct table {
	size_t		  ncols;
	char		**keys;
	char		**headers;
	bool		 *numeric;
	char		**cells;	/* rows * ncols */
	size_t		  rows;
	size_t		  cap;
};

int
output_format_parse(const char *s, enum output_format *out)
{
	if (strcmp(s, "text") == 0)
		*out = OUTPUT_TEXT;
	else if (strcmp(s, "json") == 0)
		*out = OUTPUT_JSON;
	else if (strcmp(s, "csv") == 0)
		*out = OUTPUT_CSV;
	else
		return (-1);
	return (0);
}

struct table *
table_create(size_t ncols, const char *const *keys,
    const char *const *headers)
{
	struct table	*t;
	size_t		 i;

	t = xcalloc(1, sizeof *t);
	t->ncols = ncols;
	t->keys = xcalloc(ncols, sizeof *t->keys);
	t->headers = xcalloc(ncols, sizeof *t->headers);
	t->numeric = xcalloc(ncols, sizeof *t->numeric);
	for (i = 0; i < ncols; i++) {
		t->keys[i] = xstrdup(keys[i]);
		t->headers[i] = xstrdup(headers != NULL ? headers[i] : keys[i]);
	}
	return (t);
}

void
table_set_numeric(struct table *t, size_t i)
{
	if (i < t->ncols)
		t->numeric[i] = true;
}

void
table_add(struct table *t, const char *const *values)
{
	size_t	i;

	if (t->rows == t->cap) {
		t->cap = t->cap == 0 ? 32 : t->cap * 2;
		t->cells = xreallocarray(t->cells, t->cap * t->ncols,
		    sizeof *t->cells);
	}
	for (i = 0; i < t->ncols; i++)
		t->cells[t->rows * t->ncols + i] = values[i] != NULL ?
		    xstrdup(values[i]) : NULL;
	t->rows++;
}

static void
print_text(const struct table *t, FILE *f)
{
	int	*w;
	size_t	 i, r;
	char	*cell;

	w = xcalloc(t->ncols, sizeof *w);
	for (i = 0; i < t->ncols; i++)
		w[i] = text_width(t->headers[i]);
	for (r = 0; r < t->rows; r++) {
		for (i = 0; i < t->ncols; i++) {
			cell = t->cells[r * t->ncols + i];
			if (cell != NULL && text_width(cell) > w[i])
				w[i] = text_width(cell);
		}
	}
	for (r = 0; r <= t->rows; r++) {
		for (i = 0; i < t->ncols; i++) {
			const char *v = r == 0 ? t->headers[i] :
			    t->cells[(r - 1) * t->ncols + i];
			bool last = i + 1 == t->ncols;

			if (v == NULL)
				v = "";
			if (t->numeric[i] && r > 0)
				cell = text_fit_right(v, w[i]);
			else
				cell = text_fit(v, w[i], !last);
			fprintf(f, "%s%s", cell, last ? "\n" : "  ");
			free(cell);
		}
	}
	free(w);
}

static void
print_csv_cell(const char *raw, FILE *f)
{
	const char	*p;
	char		*v;

	if (raw == NULL)
		return;
	v = text_sanitize(raw, true);
	if (strpbrk(v, ",\"\r\n") == NULL) {
		fputs(v, f);
		free(v);
		return;
	}
	fputc('"', f);
	for (p = v; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
	free(v);
}

static void
print_csv(const struct table *t, FILE *f)
{
	size_t	i, r;

	for (i = 0; i < t->ncols; i++) {
		print_csv_cell(t->keys[i], f);
		fputs(i + 1 == t->ncols ? "\r\n" : ",", f);
	}
	for (r = 0; r < t->rows; r++) {
		for (i = 0; i < t->ncols; i++) {
			print_csv_cell(t->cells[r * t->ncols + i], f);
			fputs(i + 1 == t->ncols ? "\r\n" : ",", f);
		}
	}
}

static void
print_json(const struct table *t, FILE *f)
{
	json_t	*arr = json_array(), *obj, *v;
	size_t	 i, r;
	char	*s, *end;

	for (r = 0; r < t->rows; r++) {
		obj = json_object();
		for (i = 0; i < t->ncols; i++) {
			s = t->cells[r * t->ncols + i];
			if (s == NULL)
				v = json_null();
			else if (t->numeric[i] && (strtoll(s, &end, 10),
			    *end == '\0') && *s != '\0')
				v = json_integer(strtoll(s, NULL, 10));
			else {
				char *clean = text_sanitize(s, true);

				v = json_string(clean);
				free(clean);
			}
			json_object_set_new(obj, t->keys[i], v);
		}
		json_array_append_new(arr, obj);
	}
	s = json_dumps(arr, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fprintf(f, "%s\n", s != NULL ? s : "[]");
	free(s);
	json_decref(arr);
}

void
table_print(const struct table *t, enum output_format fmt, FILE *f)
{
	switch (fmt) {
	case OUTPUT_TEXT:
		print_text(t, f);
		break;
	case OUTPUT_CSV:
		print_csv(t, f);
		break;
	case OUTPUT_JSON:
		print_json(t, f);
		break;
	}
}

void
table_free(struct table *t)
{
	size_t	i;

	if (t == NULL)
		return;
	for (i = 0; i < t->ncols; i++) {
		free(t->keys[i]);
		free(t->headers[i]);
	}
	for (i = 0; i < t->rows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->keys);
	free(t->headers);
	free(t->numeric);
	free(t);
}
