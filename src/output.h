/*
 * Tabular output for the command line: aligned text whose columns are
 * measured in screen columns (accents and wide characters line up), CSV
 * (RFC 4180 quoting) or JSON (an array of objects, through jansson).
 */
#ifndef PARCOURS_OUTPUT_H
#define PARCOURS_OUTPUT_H

#include <stdio.h>
#include <stdbool.h>
#include <stddef.h>

enum output_format {
	OUTPUT_TEXT,
	OUTPUT_JSON,
	OUTPUT_CSV
};

/* Parses "text", "json" or "csv"; returns -1 if unknown. */
int output_format_parse(const char *, enum output_format *);

struct table;

/* A table with these column keys (JSON/CSV) and headers (text). */
struct table *table_create(size_t ncols, const char *const *keys,
    const char *const *headers);
/* Adds a row of ncols values (copied; NULL is an empty cell / JSON null). */
void table_add(struct table *, const char *const *values);
/* Marks column i as numeric: right-aligned in text, a number in JSON. */
void table_set_numeric(struct table *, size_t i);
/* Prints the table in the format and frees nothing. */
void table_print(const struct table *, enum output_format, FILE *);
void table_free(struct table *);

#endif
