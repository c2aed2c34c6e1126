/*
 * Allocation wrappers that never return NULL (they abort with a message on
 * exhaustion), string helpers built on them, and fatal() for impossible
 * states.  gettext's _() and N_() are defined here too since every module
 * that allocates also speaks to the user.
 */
#ifndef PARCOURS_XMALLOC_H
#define PARCOURS_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) ((char *)(s))
#endif
#define N_(s) (s)

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xreallocarray(void *, size_t, size_t);
char *xstrdup(const char *);
char *xstrndup(const char *, size_t);
/* Returns a newly allocated formatted string; the caller frees it. */
char *xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));
/* Frees *p (if any) and replaces it by a formatted string: used for causes. */
void set_cause(char **cause, const char *, ...) __attribute__((format(printf, 2, 3)));

/* Hook run by fatal() before printing (the TUI restores the terminal). */
extern void (*fatal_hook)(void);
/* Prints "parcours: message" to stderr and exits with status 70. */
void fatal(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));

/* A growable byte buffer, always NUL-terminated. */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 size;
};
void buf_init(struct buf *);
void buf_add(struct buf *, const void *, size_t);
void buf_puts(struct buf *, const char *);
void buf_printf(struct buf *, const char *, ...) __attribute__((format(printf, 2, 3)));
/* Returns the data (caller frees) and resets the buffer. */
char *buf_take(struct buf *);
void buf_free(struct buf *);

#endif
