/*
 * UTF-8 text for the screen and for search.  Bytes from the database or a
 * file are decoded here rather than with mbrtowc(), so that the result
 * does not depend on the locale's encoding and so that bad input is
 * replaced, one U+FFFD per maximal invalid subpart as Unicode recommends,
 * instead of stopping.  Widths come from wcwidth().  The search key built
 * by text_fold() is stored in the database, so its mapping for Latin,
 * Greek and Cyrillic is a fixed table here and does not follow the locale.
 */

#include "config.h"

#include "text.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "xmalloc.h"

#define TEXT_REPLACEMENT	0xFFFD
#define TEXT_ELLIPSIS		"\xe2\x80\xa6"	/* U+2026, one column */

/*
 * Decodes the code point at s (len > 0 bytes available) into *cp and
 * returns the number of bytes it takes.  An invalid sequence gives
 * U+FFFD and the length of its maximal subpart (at least 1), and *bad is
 * set.
 */
static size_t
text_decode(const unsigned char *s, size_t len, uint32_t *cp, bool *bad)
{
	unsigned char	c = s[0], lo = 0x80, hi = 0xBF;
	size_t		need, i;
	uint32_t	v;

	*bad = false;
	if (c < 0x80) {
		*cp = c;
		return (1);
	}
	if (c < 0xC2 || c > 0xF4)
		goto bad;
	if (c < 0xE0) {
		need = 1;
		v = c & 0x1F;
	} else if (c < 0xF0) {
		need = 2;
		v = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0;	/* overlong */
		else if (c == 0xED)
			hi = 0x9F;	/* surrogates */
	} else {
		need = 3;
		v = c & 0x07;
		if (c == 0xF0)
			lo = 0x90;	/* overlong */
		else if (c == 0xF4)
			hi = 0x8F;	/* past U+10FFFF */
	}
	for (i = 1; i <= need; i++) {
		if (i >= len || s[i] < lo || s[i] > hi) {
			*bad = true;
			*cp = TEXT_REPLACEMENT;
			return (i);
		}
		v = (v << 6) | (s[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	*cp = v;
	return (need + 1);

bad:
	*bad = true;
	*cp = TEXT_REPLACEMENT;
	return (1);
}

/* Appends cp to b as UTF-8; cp must be a valid scalar value. */
static void
text_put(struct buf *b, uint32_t cp)
{
	char	u[4];
	size_t	n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	buf_add(b, u, n);
}

/* C0, DEL and C1 controls. */
static bool
text_control(uint32_t cp)
{
	return (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F));
}

/*
 * Screen width of one sanitised code point: controls and anything wcwidth
 * does not know count as the one column of the U+FFFD they are shown as.
 * Combining marks are 0 and East Asian wide characters 2.
 */
static int
text_cp_width(uint32_t cp)
{
	int	w;

	if (cp < 0x80 || text_control(cp))
		return (1);
	w = wcwidth((wchar_t)cp);
	return (w < 0 ? 1 : w);
}

/*
 * The code point that is drawn for cp: U+FFFD for controls and, in a UTF-8
 * locale, for characters wcwidth calls unprintable.  Outside a UTF-8
 * locale wcwidth knows nothing past ASCII, so those are kept.
 */
static uint32_t
text_cp_display(uint32_t cp)
{
	if (text_control(cp))
		return (TEXT_REPLACEMENT);
	if (cp >= 0x80 && MB_CUR_MAX > 1 && wcwidth((wchar_t)cp) < 0)
		return (TEXT_REPLACEMENT);
	return (cp);
}

/* True if the len bytes at s are valid UTF-8 (NUL bytes included). */
bool
text_valid_utf8(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 cp;
	size_t			 n;
	bool			 bad;

	while (len > 0) {
		n = text_decode(p, len, &cp, &bad);
		if (bad)
			return (false);
		p += n;
		len -= n;
	}
	return (true);
}

/*
 * Number of code points in s.  Each invalid subpart counts as the one
 * U+FFFD that replaces it.  NULL counts as "".
 */
size_t
text_length(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len, n, count = 0;
	uint32_t		 cp;
	bool			 bad;

	if (s == NULL)
		return (0);
	len = strlen(s);
	while (len > 0) {
		n = text_decode(p, len, &cp, &bad);
		p += n;
		len -= n;
		count++;
	}
	return (count);
}

/*
 * Returns a new string (the caller frees it) in which each invalid UTF-8
 * subpart and each control character (C0, DEL, C1) is replaced by U+FFFD;
 * with keep_newlines, "\n" and "\t" are kept.  NULL gives "".  Never fails.
 */
char *
text_sanitize(const char *s, bool keep_newlines)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct buf		 b;
	size_t			 len, n;
	uint32_t		 cp;
	bool			 bad;

	buf_init(&b);
	len = s == NULL ? 0 : strlen(s);
	while (len > 0) {
		n = text_decode(p, len, &cp, &bad);
		if (keep_newlines && (cp == '\n' || cp == '\t'))
			buf_add(&b, p, n);
		else if (bad || text_control(cp))
			text_put(&b, TEXT_REPLACEMENT);
		else
			buf_add(&b, p, n);
		p += n;
		len -= n;
	}
	return (buf_take(&b));
}

/*
 * Width of s in screen columns once sanitised: invalid bytes, controls and
 * unprintable characters count one column each.  NULL is 0.
 */
int
text_width(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len, n;
	uint32_t		 cp;
	bool			 bad;
	int			 width = 0;

	len = s == NULL ? 0 : strlen(s);
	while (len > 0) {
		n = text_decode(p, len, &cp, &bad);
		if (width < INT_MAX - 2)
			width += text_cp_width(cp);
		p += n;
		len -= n;
	}
	return (width);
}

/*
 * Copies the sanitised code points of s that fit in cols columns into b,
 * stopping at the first one that does not (so a wide character straddling
 * the limit is dropped, and combining marks stay with their base).
 * Returns the columns used; *cut tells whether something was left out.
 */
static int
text_copy_cols(struct buf *b, const char *s, int cols, bool *cut)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 len, n;
	uint32_t		 cp;
	bool			 bad;
	int			 used = 0, w;

	*cut = false;
	len = s == NULL ? 0 : strlen(s);
	while (len > 0) {
		n = text_decode(p, len, &cp, &bad);
		w = text_cp_width(cp);
		if (used + w > cols) {
			*cut = true;
			break;
		}
		used += w;
		text_put(b, text_cp_display(cp));
		p += n;
		len -= n;
	}
	return (used);
}

static void
text_pad(struct buf *b, int n)
{
	for (; n > 0; n--)
		buf_add(b, " ", 1);
}

/*
 * Returns a new string (the caller frees it): s sanitised for display and
 * cut to at most cols columns, ending with "…" when something was left
 * out, then padded with spaces to exactly cols columns if pad is true.  A
 * wide character that would straddle the limit is dropped (and replaced
 * by padding).  cols <= 0 gives "".
 */
char *
text_fit(const char *s, int cols, bool pad)
{
	struct buf	b;
	int		used;
	bool		cut;

	buf_init(&b);
	if (cols <= 0)
		return (buf_take(&b));
	if (text_width(s) <= cols)
		used = text_copy_cols(&b, s, cols, &cut);
	else {
		used = text_copy_cols(&b, s, cols - 1, &cut);
		buf_puts(&b, TEXT_ELLIPSIS);
		used++;
	}
	if (pad)
		text_pad(&b, cols - used);
	return (buf_take(&b));
}

/*
 * Returns a new string (the caller frees it): s sanitised and cut to at
 * most cols columns, keeping its start, without an ellipsis, and padded
 * with spaces on the left to exactly cols columns, for numbers in
 * columns.  cols <= 0 gives "".
 */
char *
text_fit_right(const char *s, int cols)
{
	struct buf	 b, out;
	int		 used;
	bool		 cut;

	buf_init(&b);
	buf_init(&out);
	if (cols <= 0)
		return (buf_take(&out));
	used = text_copy_cols(&b, s, cols, &cut);
	text_pad(&out, cols - used);
	buf_add(&out, b.data, b.len);
	buf_free(&b);
	return (buf_take(&out));
}

/*
 * The fixed part of the search key.  Each range maps its code points
 * either to a string (FOLD_TO), or by adding delta (FOLD_DELTA), or, for
 * the alternating upper/lower pairs of Greek and Cyrillic, by adding 1 to
 * the code points at an even distance from first (FOLD_PAIRS).  Latin
 * letters lose their diacritics here; the table must stay sorted.
 */
enum fold_kind {
	FOLD_TO,
	FOLD_DELTA,
	FOLD_PAIRS,
};

struct fold_range {
	uint32_t	 first;
	uint32_t	 last;
	enum fold_kind	 kind;
	int		 delta;
	const char	*to;
};

#define T(a, b, s)	{ a, b, FOLD_TO, 0, s }
#define D(a, b, n)	{ a, b, FOLD_DELTA, n, NULL }
#define P(a, b)		{ a, b, FOLD_PAIRS, 1, NULL }

static const struct fold_range fold_table[] = {
	/* Latin-1 Supplement. */
	T(0x00AD, 0x00AD, ""),		/* soft hyphen */
	T(0x00C0, 0x00C5, "a"), T(0x00C6, 0x00C6, "ae"),
	T(0x00C7, 0x00C7, "c"), T(0x00C8, 0x00CB, "e"),
	T(0x00CC, 0x00CF, "i"), T(0x00D0, 0x00D0, "d"),
	T(0x00D1, 0x00D1, "n"), T(0x00D2, 0x00D6, "o"),
	T(0x00D8, 0x00D8, "o"), T(0x00D9, 0x00DC, "u"),
	T(0x00DD, 0x00DD, "y"), T(0x00DE, 0x00DE, "th"),
	T(0x00DF, 0x00DF, "ss"), T(0x00E0, 0x00E5, "a"),
	T(0x00E6, 0x00E6, "ae"), T(0x00E7, 0x00E7, "c"),
	T(0x00E8, 0x00EB, "e"), T(0x00EC, 0x00EF, "i"),
	T(0x00F0, 0x00F0, "d"), T(0x00F1, 0x00F1, "n"),
	T(0x00F2, 0x00F6, "o"), T(0x00F8, 0x00F8, "o"),
	T(0x00F9, 0x00FC, "u"), T(0x00FD, 0x00FD, "y"),
	T(0x00FE, 0x00FE, "th"), T(0x00FF, 0x00FF, "y"),

	/* Latin Extended-A. */
	T(0x0100, 0x0105, "a"), T(0x0106, 0x010D, "c"),
	T(0x010E, 0x0111, "d"), T(0x0112, 0x011B, "e"),
	T(0x011C, 0x0123, "g"), T(0x0124, 0x0127, "h"),
	T(0x0128, 0x0131, "i"), T(0x0132, 0x0133, "ij"),
	T(0x0134, 0x0135, "j"), T(0x0136, 0x0138, "k"),
	T(0x0139, 0x0142, "l"), T(0x0143, 0x014B, "n"),
	T(0x014C, 0x0151, "o"), T(0x0152, 0x0153, "oe"),
	T(0x0154, 0x0159, "r"), T(0x015A, 0x0161, "s"),
	T(0x0162, 0x0167, "t"), T(0x0168, 0x0173, "u"),
	T(0x0174, 0x0175, "w"), T(0x0176, 0x0178, "y"),
	T(0x0179, 0x017E, "z"), T(0x017F, 0x017F, "s"),

	/* Latin Extended-B: the letters with diacritics in use. */
	T(0x0180, 0x0181, "b"), T(0x0187, 0x0188, "c"),
	T(0x0189, 0x018A, "d"), T(0x0191, 0x0192, "f"),
	T(0x0193, 0x0193, "g"), T(0x0197, 0x0197, "i"),
	T(0x0198, 0x0199, "k"), T(0x019A, 0x019A, "l"),
	T(0x019D, 0x019D, "n"), T(0x019F, 0x01A1, "o"),
	T(0x01A4, 0x01A5, "p"), T(0x01AB, 0x01AE, "t"),
	T(0x01AF, 0x01B0, "u"), T(0x01B2, 0x01B2, "v"),
	T(0x01B3, 0x01B4, "y"), T(0x01B5, 0x01B6, "z"),
	T(0x01C4, 0x01C6, "dz"), T(0x01C7, 0x01C9, "lj"),
	T(0x01CA, 0x01CC, "nj"), T(0x01CD, 0x01CE, "a"),
	T(0x01CF, 0x01D0, "i"), T(0x01D1, 0x01D2, "o"),
	T(0x01D3, 0x01DC, "u"), T(0x01DE, 0x01E1, "a"),
	T(0x01E2, 0x01E3, "ae"), T(0x01E4, 0x01E7, "g"),
	T(0x01E8, 0x01E9, "k"), T(0x01EA, 0x01ED, "o"),
	T(0x01F0, 0x01F0, "j"), T(0x01F1, 0x01F3, "dz"),
	T(0x01F4, 0x01F5, "g"), T(0x01F8, 0x01F9, "n"),
	T(0x01FA, 0x01FB, "a"), T(0x01FC, 0x01FD, "ae"),
	T(0x01FE, 0x01FF, "o"), T(0x0200, 0x0203, "a"),
	T(0x0204, 0x0207, "e"), T(0x0208, 0x020B, "i"),
	T(0x020C, 0x020F, "o"), T(0x0210, 0x0213, "r"),
	T(0x0214, 0x0217, "u"), T(0x0218, 0x0219, "s"),
	T(0x021A, 0x021B, "t"), T(0x021E, 0x021F, "h"),
	T(0x0226, 0x0227, "a"), T(0x0228, 0x0229, "e"),
	T(0x022A, 0x0231, "o"), T(0x0232, 0x0233, "y"),

	/* Greek: accents and final sigma go, capitals become small. */
	T(0x0386, 0x0386, "\xce\xb1"),		/* α */
	T(0x0388, 0x0388, "\xce\xb5"),		/* ε */
	T(0x0389, 0x0389, "\xce\xb7"),		/* η */
	T(0x038A, 0x038A, "\xce\xb9"),		/* ι */
	T(0x038C, 0x038C, "\xce\xbf"),		/* ο */
	T(0x038E, 0x038E, "\xcf\x85"),		/* υ */
	T(0x038F, 0x038F, "\xcf\x89"),		/* ω */
	T(0x0390, 0x0390, "\xce\xb9"),		/* ι */
	D(0x0391, 0x03A9, 0x20),
	T(0x03AA, 0x03AA, "\xce\xb9"),		/* ι */
	T(0x03AB, 0x03AB, "\xcf\x85"),		/* υ */
	T(0x03AC, 0x03AC, "\xce\xb1"),		/* α */
	T(0x03AD, 0x03AD, "\xce\xb5"),		/* ε */
	T(0x03AE, 0x03AE, "\xce\xb7"),		/* η */
	T(0x03AF, 0x03AF, "\xce\xb9"),		/* ι */
	T(0x03B0, 0x03B0, "\xcf\x85"),		/* υ */
	T(0x03C2, 0x03C2, "\xcf\x83"),		/* σ */
	T(0x03CA, 0x03CA, "\xce\xb9"),		/* ι */
	T(0x03CB, 0x03CB, "\xcf\x85"),		/* υ */
	T(0x03CC, 0x03CC, "\xce\xbf"),		/* ο */
	T(0x03CD, 0x03CD, "\xcf\x85"),		/* υ */
	T(0x03CE, 0x03CE, "\xcf\x89"),		/* ω */
	P(0x03D8, 0x03EF),

	/* Cyrillic. */
	D(0x0400, 0x040F, 0x50), D(0x0410, 0x042F, 0x20),
	P(0x0460, 0x0481), P(0x048A, 0x04BF),
	D(0x04C0, 0x04C0, 0x0F), P(0x04C1, 0x04CE),
	P(0x04D0, 0x052F),

	/* Armenian. */
	D(0x0531, 0x0556, 0x30),

	/* Latin Extended Additional, Vietnamese included. */
	T(0x1E00, 0x1E01, "a"), T(0x1E02, 0x1E07, "b"),
	T(0x1E08, 0x1E09, "c"), T(0x1E0A, 0x1E13, "d"),
	T(0x1E14, 0x1E1D, "e"), T(0x1E1E, 0x1E1F, "f"),
	T(0x1E20, 0x1E21, "g"), T(0x1E22, 0x1E2B, "h"),
	T(0x1E2C, 0x1E2F, "i"), T(0x1E30, 0x1E35, "k"),
	T(0x1E36, 0x1E3D, "l"), T(0x1E3E, 0x1E43, "m"),
	T(0x1E44, 0x1E4B, "n"), T(0x1E4C, 0x1E53, "o"),
	T(0x1E54, 0x1E57, "p"), T(0x1E58, 0x1E5F, "r"),
	T(0x1E60, 0x1E69, "s"), T(0x1E6A, 0x1E71, "t"),
	T(0x1E72, 0x1E7B, "u"), T(0x1E7C, 0x1E7F, "v"),
	T(0x1E80, 0x1E89, "w"), T(0x1E8A, 0x1E8D, "x"),
	T(0x1E8E, 0x1E8F, "y"), T(0x1E90, 0x1E95, "z"),
	T(0x1E96, 0x1E96, "h"), T(0x1E97, 0x1E97, "t"),
	T(0x1E98, 0x1E98, "w"), T(0x1E99, 0x1E99, "y"),
	T(0x1E9A, 0x1E9A, "a"), T(0x1E9B, 0x1E9D, "s"),
	T(0x1E9E, 0x1E9E, "ss"), T(0x1EA0, 0x1EB7, "a"),
	T(0x1EB8, 0x1EC7, "e"), T(0x1EC8, 0x1ECB, "i"),
	T(0x1ECC, 0x1EE3, "o"), T(0x1EE4, 0x1EF1, "u"),
	T(0x1EF2, 0x1EF9, "y"),

	/* Invisible characters that would split a word. */
	T(0x200B, 0x200D, ""), T(0x2060, 0x2060, ""),

	/* Ligatures. */
	T(0xFB00, 0xFB00, "ff"), T(0xFB01, 0xFB01, "fi"),
	T(0xFB02, 0xFB02, "fl"), T(0xFB03, 0xFB03, "ffi"),
	T(0xFB04, 0xFB04, "ffl"), T(0xFB05, 0xFB06, "st"),
	T(0xFEFF, 0xFEFF, ""),
};

#undef T
#undef D
#undef P

static const struct fold_range *
text_fold_find(uint32_t cp)
{
	size_t	lo = 0, hi = nitems(fold_table), mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (cp < fold_table[mid].first)
			hi = mid;
		else if (cp > fold_table[mid].last)
			lo = mid + 1;
		else
			return (&fold_table[mid]);
	}
	return (NULL);
}

/* Combining marks, dropped from the key so that decomposed input folds. */
static bool
text_combining(uint32_t cp)
{
	return ((cp >= 0x0300 && cp <= 0x036F) ||
	    (cp >= 0x1AB0 && cp <= 0x1AFF) ||
	    (cp >= 0x1DC0 && cp <= 0x1DFF) ||
	    (cp >= 0x20D0 && cp <= 0x20FF) ||
	    (cp >= 0xFE20 && cp <= 0xFE2F));
}

/* Blanks (and controls, which have no business in a name) separate words. */
static bool
text_blank(uint32_t cp)
{
	return (text_control(cp) || cp == ' ' || cp == 0xA0 ||
	    cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
	    cp == 0x3000);
}

/*
 * Returns the search key of s, a new string the caller frees: ASCII and
 * the Latin, Greek, Cyrillic and Armenian letters lower-cased through the
 * fixed table above (Latin and Greek without diacritics, Œ → oe, ß → ss),
 * combining marks and invisible characters removed, other characters
 * lower-cased with towlower() (which follows the locale: only scripts
 * outside the table depend on it), invalid UTF-8 as U+FFFD, and runs of
 * blanks and controls collapsed to one space, with none at either end.
 * NULL gives "".
 */
char *
text_fold(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	const struct fold_range	*r;
	struct buf		 b;
	size_t			 len, n;
	uint32_t		 cp;
	wint_t			 lc;
	bool			 bad, space = false;

	buf_init(&b);
	len = s == NULL ? 0 : strlen(s);
	while (len > 0) {
		n = text_decode(p, len, &cp, &bad);
		p += n;
		len -= n;

		if (text_blank(cp)) {
			space = b.len != 0;
			continue;
		}
		if (text_combining(cp))
			continue;
		r = NULL;
		if (cp >= 0x80 && (r = text_fold_find(cp)) != NULL &&
		    r->kind == FOLD_TO && r->to[0] == '\0')
			continue;
		if (space) {
			buf_add(&b, " ", 1);
			space = false;
		}

		if (cp < 0x80) {
			if (cp >= 'A' && cp <= 'Z')
				cp += 'a' - 'A';
			text_put(&b, cp);
		} else if (r != NULL) {
			switch (r->kind) {
			case FOLD_TO:
				buf_puts(&b, r->to);
				break;
			case FOLD_DELTA:
				text_put(&b, cp + (uint32_t)r->delta);
				break;
			case FOLD_PAIRS:
				if ((cp - r->first) % 2 == 0)
					cp++;
				text_put(&b, cp);
				break;
			}
		} else {
			lc = towlower((wint_t)cp);
			if (lc > 0x10FFFF || (lc >= 0xD800 && lc <= 0xDFFF))
				lc = (wint_t)cp;
			text_put(&b, (uint32_t)lc);
		}
	}
	return (buf_take(&b));
}

void
text_hex(const unsigned char *in, size_t len, char *out)
{
	static const char	 digits[] = "0123456789abcdef";
	size_t			 i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 0xf];
	}
	out[2 * len] = '\0';
}

static int
text_cmp(const void *a, const void *b)
{
	const char	*x = *(const char *const *)a;
	const char	*y = *(const char *const *)b;

	if (x == NULL || y == NULL)
		return (x == y ? 0 : x == NULL ? -1 : 1);
	return (strcmp(x, y));
}

size_t
text_count_distinct(const char **list, size_t n)
{
	size_t	i, count = 0;

	qsort(list, n, sizeof *list, text_cmp);
	for (i = 0; i < n; i++)
		if (list[i] != NULL && (i == 0 || list[i - 1] == NULL ||
		    strcmp(list[i], list[i - 1]) != 0))
			count++;
	return (count);
}
