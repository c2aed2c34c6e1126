/*
 * Memory and string helpers that never fail.  Running out of memory is not
 * something parcours can recover from in a useful way, so every allocation
 * goes through these wrappers, which end the process through fatal() (and
 * so restore the terminal) instead of returning NULL.  The growable buffer
 * is what the text and export code build strings with.
 */

#include "config.h"

#include "xmalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

void	(*fatal_hook)(void);

/*
 * Returns size bytes of uninitialised memory; never NULL.  A zero size is
 * allowed and returns a unique pointer the caller frees as usual.
 */
void *
xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		size = 1;
	if ((p = malloc(size)) == NULL)
		fatal(_("out of memory (allocating %zu bytes)"), size);
	return (p);
}

/*
 * Returns nmemb * size bytes of zeroed memory; never NULL.  An overflowing
 * product is treated as exhaustion.
 */
void *
xcalloc(size_t nmemb, size_t size)
{
	void	*p;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	if ((p = calloc(nmemb, size)) == NULL)
		fatal(_("out of memory (allocating %zu * %zu bytes)"), nmemb,
		    size);
	return (p);
}

/*
 * Resizes ptr (which may be NULL) to nmemb * size bytes and returns the new
 * pointer; the old one must not be used again.  Never returns NULL; an
 * overflowing product is treated as exhaustion.
 */
void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	void	*p;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	if (nmemb > SIZE_MAX / size)
		fatal(_("out of memory (allocating %zu * %zu bytes)"), nmemb,
		    size);
	if ((p = realloc(ptr, nmemb * size)) == NULL)
		fatal(_("out of memory (allocating %zu * %zu bytes)"), nmemb,
		    size);
	return (p);
}

/* Returns a copy of s that the caller frees; never NULL. */
char *
xstrdup(const char *s)
{
	return (xstrndup(s, strlen(s)));
}

/*
 * Returns a copy of at most n bytes of s, always NUL-terminated, that the
 * caller frees; never NULL.
 */
char *
xstrndup(const char *s, size_t n)
{
	char	*p;
	size_t	 len;

	len = strnlen(s, n);
	if (len == SIZE_MAX)
		fatal(_("out of memory (string too long)"));
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return (p);
}

/* Returns a newly allocated formatted string; the caller frees it. */
char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list	 ap2;
	char	*p;
	int	 n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fatal("xvasprintf: %s", fmt);
	p = xmalloc((size_t)n + 1);
	if (vsnprintf(p, (size_t)n + 1, fmt, ap) != n)
		fatal("xvasprintf: %s", fmt);
	return (p);
}

/* Returns a newly allocated formatted string; the caller frees it. */
char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return (p);
}

/*
 * Replaces *cause by a newly allocated formatted string, freeing the
 * previous one.  Does nothing when cause is NULL, so that callers which do
 * not want the reason may pass NULL.
 */
void
set_cause(char **cause, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	if (cause == NULL)
		return;
	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	free(*cause);
	*cause = p;
}

/*
 * Runs fatal_hook (once, even if the hook itself ends up here), prints
 * "parcours: message" to stderr and exits with status 70 (EX_SOFTWARE).
 * Formatting uses a fixed buffer so that it works without memory.
 */
void
fatal(const char *fmt, ...)
{
	static int	 in_fatal;
	void		(*hook)(void);
	va_list		 ap;
	char		 msg[1024];

	hook = fatal_hook;
	if (!in_fatal && hook != NULL) {
		in_fatal = 1;
		hook();
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, "parcours: %s\n", msg);
	exit(70);
}

/*
 * While a buffer is empty and owns nothing its data points here, so that
 * buf.data is always a valid string without buf_init() allocating.
 */
static char	buf_empty[1];

/* Initialises an empty buffer; it allocates nothing until data is added. */
void
buf_init(struct buf *b)
{
	buf_empty[0] = '\0';
	b->data = buf_empty;
	b->len = 0;
	b->size = 0;
}

/* Makes room for at least extra more bytes and the NUL. */
static void
buf_grow(struct buf *b, size_t extra)
{
	size_t	 need, size;
	char	*data;

	if (extra > SIZE_MAX - b->len - 1)
		fatal(_("out of memory (buffer too large)"));
	need = b->len + extra + 1;
	if (need <= b->size)
		return;
	size = b->size < 64 ? 64 : b->size;
	while (size < need)
		size = size > SIZE_MAX / 2 ? need : size * 2;
	/*
	 * Not realloc(): buffers hold clear data (an export, a journal
	 * entry), and the old block must be wiped before it is freed.
	 */
	data = xmalloc(size);
	if (b->size == 0)
		data[0] = '\0';
	else {
		memcpy(data, b->data, b->len + 1);
		OPENSSL_cleanse(b->data, b->size);
		free(b->data);
	}
	b->data = data;
	b->size = size;
}

/* Appends len bytes (which may include NULs) and keeps a NUL after them. */
void
buf_add(struct buf *b, const void *data, size_t len)
{
	if (len == 0)
		return;
	buf_grow(b, len);
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

/* Appends the string s without its NUL. */
void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* Appends a formatted string. */
void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	buf_puts(b, p);
	free(p);
}

/*
 * Returns the contents as a string the caller frees (an empty buffer gives
 * an allocated ""), and leaves the buffer empty and owning nothing, so
 * buf_free() afterwards is optional.
 */
char *
buf_take(struct buf *b)
{
	char	*p;

	if (b->size == 0)
		p = xstrdup("");
	else
		p = b->data;
	buf_init(b);
	return (p);
}

/* Releases the buffer's memory and leaves it empty and reusable. */
void
buf_free(struct buf *b)
{
	if (b->size != 0)
		free(b->data);
	buf_init(b);
}
