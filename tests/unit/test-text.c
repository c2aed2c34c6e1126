/*
 * Unit tests for text.c: strict UTF-8 validation, the replacement of bad
 * bytes and controls, widths of accented, Vietnamese and CJK names,
 * truncation and padding by columns, and the search key.  Run under
 * C.UTF-8 so that wcwidth knows the wide characters.
 */

#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"
#include "xmalloc.h"

#define FFFD	"\xef\xbf\xbd"

static void
check_fit(const char *s, int cols, bool pad, const char *want)
{
	char	*got = text_fit(s, cols, pad);

	if (strcmp(got, want) != 0)
		fail_msg("text_fit(\"%s\", %d, %d) = \"%s\", expected \"%s\"",
		    s, cols, pad, got, want);
	if (pad)
		assert_int_equal(text_width(got), cols > 0 ? cols : 0);
	else
		assert_true(text_width(got) <= (cols > 0 ? cols : 0));
	free(got);
}

static void
check_fold(const char *s, const char *want)
{
	char	*got = text_fold(s);

	if (strcmp(got, want) != 0)
		fail_msg("text_fold(\"%s\") = \"%s\", expected \"%s\"",
		    s == NULL ? "(null)" : s, got, want);
	free(got);
}

static void
check_sanitize(const char *s, bool keep, const char *want)
{
	char	*got = text_sanitize(s, keep);

	assert_string_equal(got, want);
	assert_true(text_valid_utf8(got, strlen(got)));
	free(got);
}

static void
test_valid(void **state)
{
	static const char	*good[] = {
		"", "abc", "L\xc3\xa9\x61", "\xe5\xbc\xa0\xe4\xbc\x9f",
		"\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf", "\xed\x9f\xbf",
		"\xee\x80\x80",
	};
	static const char	*bad[] = {
		"\x80", "\xbf", "\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf",
		"\xe0\x9f\xbf", "\xf0\x80\x80\xaf", "\xf0\x8f\xbf\xbf",
		"\xed\xa0\x80", "\xed\xbf\xbf", "\xf4\x90\x80\x80",
		"\xf5\x80\x80\x80", "\xff", "\xc3", "\xe2\x80", "a\xc3\x62",
		"\xf0\x9f\x98",
	};
	size_t			 i;

	(void)state;
	for (i = 0; i < nitems(good); i++)
		assert_true(text_valid_utf8(good[i], strlen(good[i])));
	for (i = 0; i < nitems(bad); i++) {
		if (text_valid_utf8(bad[i], strlen(bad[i])))
			fail_msg("bad[%zu] accepted", i);
	}
	/* A NUL byte is U+0000, valid; the length is what counts. */
	assert_true(text_valid_utf8("a\0b", 3));
	assert_true(text_valid_utf8("\xc3\xa9", 1) == false);

	assert_int_equal(text_length("L\xc3\xa9" "a"), 3);
	assert_int_equal(text_length("Nguy\xe1\xbb\x85n"), 6);
	assert_int_equal(text_length(""), 0);
}

static void
test_sanitize(void **state)
{
	(void)state;
	check_sanitize("L\xc3\xa9" "a", false, "L\xc3\xa9" "a");
	/* One U+FFFD per maximal invalid subpart. */
	check_sanitize("a\xffz", false, "a" FFFD "z");
	check_sanitize("a\xe2\x80z", false, "a" FFFD "z");
	check_sanitize("\xc0\xaf", false, FFFD FFFD);
	check_sanitize("\xed\xa0\x80", false, FFFD FFFD FFFD);
	check_sanitize("\xf0\x9f\x98", false, FFFD);
	check_sanitize("\xf4\x90\x80\x80", false, FFFD FFFD FFFD FFFD);
	/* Controls: C0, DEL, C1. */
	check_sanitize("a\x1b[31mb", false, "a" FFFD "[31mb");
	check_sanitize("a\x7f" "b", false, "a" FFFD "b");
	check_sanitize("a\xc2\x9b" "b", false, "a" FFFD "b");
	check_sanitize("a\nb\tc\rd", false, "a" FFFD "b" FFFD "c" FFFD "d");
	check_sanitize("a\nb\tc\rd", true, "a\nb\tc" FFFD "d");
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width("L\xc3\xa9" "a"), 3);		/* Léa */
	assert_int_equal(text_width("\xe5\xbc\xa0\xe4\xbc\x9f"), 4);	/* 张伟 */
	assert_int_equal(text_width("Nguy\xe1\xbb\x85n"), 6);	/* Nguyễn */
	assert_int_equal(text_width("\xc5\x92uvray"), 6);		/* Œuvray */
	/* Decomposed: e + combining acute has width 1. */
	assert_int_equal(text_width("Le\xcc\x81" "a"), 3);
	assert_int_equal(text_width(""), 0);
	/* Bad bytes and controls are shown as one U+FFFD each. */
	assert_int_equal(text_width("a\xff" "b"), 3);
	assert_int_equal(text_width("a\x01" "b"), 3);
	assert_int_equal(text_width("a\tb"), 3);
}

static void
test_fit(void **state)
{
	(void)state;
	/* Fits: padded or not. */
	check_fit("L\xc3\xa9" "a", 5, true, "L\xc3\xa9" "a  ");
	check_fit("L\xc3\xa9" "a", 5, false, "L\xc3\xa9" "a");
	check_fit("L\xc3\xa9" "a", 3, true, "L\xc3\xa9" "a");
	/* Cut: the ellipsis takes the last column. */
	check_fit("Nguy\xe1\xbb\x85n", 5, true, "Nguy\xe2\x80\xa6");
	check_fit("Nguy\xe1\xbb\x85n", 6, true, "Nguy\xe1\xbb\x85n");
	check_fit("Nguy\xe1\xbb\x85n", 4, false, "Ngu\xe2\x80\xa6");
	check_fit("abcdef", 1, true, "\xe2\x80\xa6");
	check_fit("abcdef", 0, true, "");
	check_fit("abcdef", -3, true, "");
	/* 张伟明 is 6 columns; in 4, 张 + … is 3 and 伟 would straddle. */
	check_fit("\xe5\xbc\xa0\xe4\xbc\x9f\xe6\x98\x8e", 4, true,
	    "\xe5\xbc\xa0\xe2\x80\xa6 ");
	check_fit("\xe5\xbc\xa0\xe4\xbc\x9f\xe6\x98\x8e", 4, false,
	    "\xe5\xbc\xa0\xe2\x80\xa6");
	check_fit("\xe5\xbc\xa0\xe4\xbc\x9f\xe6\x98\x8e", 5, true,
	    "\xe5\xbc\xa0\xe4\xbc\x9f\xe2\x80\xa6");
	check_fit("\xe5\xbc\xa0\xe4\xbc\x9f", 4, true,
	    "\xe5\xbc\xa0\xe4\xbc\x9f");
	check_fit("\xe5\xbc\xa0\xe4\xbc\x9f", 3, true, "\xe5\xbc\xa0\xe2\x80\xa6");
	check_fit("\xe5\xbc\xa0\xe4\xbc\x9f", 2, true, "\xe2\x80\xa6 ");
	/* A combining mark stays with its base. */
	check_fit("e\xcc\x81" "abc", 2, false, "e\xcc\x81\xe2\x80\xa6");
	/* Bad bytes and controls are replaced, not passed to the terminal. */
	check_fit("a\x1b" "b\xff", 6, true, "a" FFFD "b" FFFD "  ");
	check_fit("a\nb", 10, false, "a" FFFD "b");
}

static void
test_fit_right(void **state)
{
	char	*s;

	(void)state;
	s = text_fit_right("42", 5);
	assert_string_equal(s, "   42");
	free(s);
	s = text_fit_right("123456", 4);
	assert_string_equal(s, "1234");
	free(s);
	s = text_fit_right("\xe5\xbc\xa0\xe4\xbc\x9f", 3);
	assert_string_equal(s, " \xe5\xbc\xa0");
	free(s);
	s = text_fit_right("x", 0);
	assert_string_equal(s, "");
	free(s);
}

static void
test_fold(void **state)
{
	(void)state;
	check_fold("\xc5\x92uvray", "oeuvray");				/* Œuvray */
	check_fold("NGUY\xe1\xbb\x84N Th\xe1\xbb\x8b", "nguyen thi");	/* NGUYỄN Thị */
	check_fold("Nguy\xe1\xbb\x85n", "nguyen");			/* Nguyễn */
	check_fold("\xc3\x89lodie  M\xc3\xbcller", "elodie muller");	/* Élodie  Müller */
	check_fold("  Jean-Fran\xc3\xa7ois \t D'Alembert \n",
	    "jean-francois d'alembert");
	check_fold("Stra\xc3\x9f" "e", "strasse");			/* Straße */
	check_fold("\xc3\x86sa \xc3\x98stergaard", "aesa ostergaard");	/* Æsa Østergaard */
	check_fold("\xc5\x81ukasz \xc5\xbb\xc3\xb3\xc5\x82w",
	    "lukasz zolw");						/* Łukasz Żółw */
	check_fold("\xc4\x90\xe1\xba\xa1i \xc4\x91\xe1\xbb\xa9\x63",
	    "dai duc");							/* Đại đức */
	check_fold("Tr\xc6\xb0\xc6\xa1ng", "truong");			/* Trương */
	check_fold("\xc8\x98tef\xc4\x83nescu \xc8\x9a", "stefanescu t");/* Ștefănescu Ț */
	check_fold("Le\xcc\x81" "a", "lea");				/* decomposed */
	check_fold("\xce\x9d\xce\x99\xce\x9a\xce\x9f\xce\xa3",
	    "\xce\xbd\xce\xb9\xce\xba\xce\xbf\xcf\x83");		/* ΝΙΚΟΣ */
	check_fold("\xce\x86\xce\xbd\xce\xbd\xce\xb1",
	    "\xce\xb1\xce\xbd\xce\xbd\xce\xb1");			/* Άννα */
	check_fold("\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd",
	    "\xd0\xb8\xd0\xb2\xd0\xb0\xd0\xbd");			/* Иван */
	check_fold("\xe5\xbc\xa0\xe4\xbc\x9f", "\xe5\xbc\xa0\xe4\xbc\x9f");
	check_fold("A\xc2\xa0" "B\xe2\x80\x8b" "C", "a bc");		/* NBSP, ZWSP */
	check_fold("a\xff" "b", "a" FFFD "b");
	check_fold("", "");
	check_fold("   ", "");
	check_fold(NULL, "");
}

static void
test_fold_stable(void **state)
{
	char	*a, *b;

	(void)state;
	/* The key must not depend on the locale for Latin letters. */
	a = text_fold("\xc3\x89LODIE \xc5\x92UVRAY \xc3\x9f");
	assert_non_null(setlocale(LC_ALL, "C"));
	b = text_fold("\xc3\x89LODIE \xc5\x92UVRAY \xc3\x9f");
	assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
	assert_string_equal(a, "elodie oeuvray ss");
	assert_string_equal(a, b);
	free(a);
	free(b);

	/* Folding is idempotent. */
	a = text_fold("NGUY\xe1\xbb\x84N Th\xe1\xbb\x8b  \xc5\x92uvray");
	b = text_fold(a);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

/* A buffer keeps what it holds as it grows (it moves to a new block, the
 * old one wiped), and text_hex writes every byte. */
static void
test_buf_grow(void **state)
{
	static const unsigned char	 bytes[] = { 0x00, 0x1f, 0xa0, 0xff };
	struct buf			 b;
	char				 hex[2 * sizeof bytes + 1];
	int				 i;

	(void)state;
	buf_init(&b);
	for (i = 0; i < 5000; i++)
		buf_printf(&b, "%d,", i % 10);
	assert_int_equal(b.len, 10000);
	for (i = 0; i < 5000; i++) {
		assert_int_equal(b.data[2 * i], '0' + i % 10);
		assert_int_equal(b.data[2 * i + 1], ',');
	}
	assert_int_equal(b.data[b.len], '\0');
	buf_free(&b);
	text_hex(bytes, sizeof bytes, hex);
	assert_string_equal(hex, "001fa0ff");
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_fit_right),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_fold_stable),
		cmocka_unit_test(test_buf_grow),
	};

	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		fprintf(stderr, "C.UTF-8 locale missing\n");
		return (77);
	}
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
