/*
 * Unit tests for uuid7.c: identifiers made in a burst (many per
 * millisecond) are strictly increasing, carry version 7 and variant 10xx,
 * hold the current time, and uuid_valid() accepts exactly the canonical
 * form.
 */

#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "uuid7.h"
#include "xmalloc.h"

#define COUNT	10000

static uint64_t
now_ms(void)
{
	struct timespec	ts;

	assert_int_equal(clock_gettime(CLOCK_REALTIME, &ts), 0);
	return ((uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000);
}

/* The 48-bit timestamp at the start of a UUIDv7 string. */
static uint64_t
uuid_ms(const char *s)
{
	char	hex[13];

	memcpy(hex, s, 8);
	memcpy(hex + 8, s + 9, 4);
	hex[12] = '\0';
	return (strtoull(hex, NULL, 16));
}

static void
test_monotonic(void **state)
{
	char		(*ids)[UUID7_STRLEN];
	uint64_t	before, after;
	size_t		i;

	(void)state;
	ids = xcalloc(COUNT, sizeof *ids);
	before = now_ms();
	for (i = 0; i < COUNT; i++)
		uuid7_generate(ids[i]);
	after = now_ms();

	for (i = 0; i < COUNT; i++) {
		assert_int_equal(strlen(ids[i]), UUID7_STRLEN - 1);
		if (i > 0 && strcmp(ids[i - 1], ids[i]) >= 0)
			fail_msg("not increasing at %zu: %s then %s", i,
			    ids[i - 1], ids[i]);
	}
	/*
	 * The timestamp is the clock's; the counter may push it a little
	 * ahead in a burst but never behind.
	 */
	assert_true(uuid_ms(ids[0]) >= before);
	assert_true(uuid_ms(ids[COUNT - 1]) <= after + COUNT / 2048 + 1);
	free(ids);
}

static void
test_layout(void **state)
{
	char	id[UUID7_STRLEN], prev[UUID7_STRLEN];
	size_t	i;
	int	differ = 0;

	(void)state;
	prev[0] = '\0';
	for (i = 0; i < 1000; i++) {
		uuid7_generate(id);
		assert_true(uuid_valid(id));
		assert_int_equal(id[8], '-');
		assert_int_equal(id[14], '7');
		assert_non_null(strchr("89ab", id[19]));
		/* Lower case only. */
		assert_null(strpbrk(id, "ABCDEF"));
		/* The random tail changes. */
		if (i > 0 && strcmp(id + 24, prev + 24) != 0)
			differ++;
		memcpy(prev, id, sizeof id);
	}
	assert_true(differ > 990);
}

static void
test_valid(void **state)
{
	static const char	*good[] = {
		"01890a5d-ac96-774b-bcce-b302099a8057",
		"01890A5D-AC96-774B-BCCE-B302099A8057",
		"00000000-0000-0000-0000-000000000000",
		"f81d4fae-7dec-11d0-a765-00a0c91e6bf6",
	};
	static const char	*bad[] = {
		"",
		"01890a5d-ac96-774b-bcce-b302099a805",
		"01890a5d-ac96-774b-bcce-b302099a80570",
		"01890a5dac96-774b-bcce-b302099a8057-",
		"01890a5d-ac96-774b-bcce_b302099a8057",
		"01890a5d-ac96-774b-bcce-b302099a805g",
		"{01890a5d-ac96-774b-bcce-b302099a8057}",
		"01890a5dac96774bbcceb302099a8057",
		" 01890a5d-ac96-774b-bcce-b302099a8057",
		"01890a5d-ac96-774b-bcce-b302099a805 ",
	};
	size_t			 i;

	(void)state;
	for (i = 0; i < nitems(good); i++)
		assert_true(uuid_valid(good[i]));
	for (i = 0; i < nitems(bad); i++) {
		if (uuid_valid(bad[i]))
			fail_msg("accepted \"%s\"", bad[i]);
	}
	assert_false(uuid_valid(NULL));
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_monotonic),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_valid),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
