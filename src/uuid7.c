/*
 * UUID version 7 identifiers (RFC 9562, section 5.7).  The first 48 bits
 * are the Unix time in milliseconds, then the version, 12 bits of rand_a,
 * the variant and 62 random bits from libuuid.  rand_a doubles as a
 * counter (the RFC's "fixed bit-length dedicated counter", method 1): when
 * the clock has not moved past the last identifier's millisecond, or has
 * gone back, the last timestamp is reused and the counter incremented; when
 * the counter overflows the timestamp is advanced by one millisecond.  So
 * identifiers made by one process are strictly increasing, as bytes and as
 * strings.  The state is not protected by a lock: parcours is single
 * threaded.
 */

#include "config.h"

#include "uuid7.h"

#include <stdint.h>
#include <string.h>
#include <time.h>
#include <uuid/uuid.h>

#include "xmalloc.h"

static uint64_t	uuid7_last_ms;
static uint16_t	uuid7_last_seq;
static bool	uuid7_started;

static uint64_t
uuid7_now_ms(void)
{
	struct timespec	ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		fatal("clock_gettime failed");
	if (ts.tv_sec < 0)
		return (0);
	return ((uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000);
}

/*
 * Writes a new lower-case UUIDv7 string into out.  Each call returns an
 * identifier greater than the previous one in this process, even within
 * one millisecond or when the clock steps back.  Never fails.
 */
void
uuid7_generate(char out[UUID7_STRLEN])
{
	uuid_t		u;
	uint64_t	ms;
	uint16_t	seq;
	int		i;

	uuid_generate_random(u);
	ms = uuid7_now_ms() & 0xFFFFFFFFFFFFULL;

	if (!uuid7_started || ms > uuid7_last_ms) {
		/*
		 * A fresh random start with the top bit clear leaves at
		 * least 2048 increments before the counter overflows.
		 */
		seq = (uint16_t)(((u[6] & 0x07) << 8) | u[7]);
	} else {
		ms = uuid7_last_ms;
		seq = uuid7_last_seq + 1;
		if (seq > 0x0FFF) {
			ms++;
			seq = (uint16_t)(((u[6] & 0x07) << 8) | u[7]);
		}
	}
	uuid7_started = true;
	uuid7_last_ms = ms;
	uuid7_last_seq = seq;

	for (i = 0; i < 6; i++)
		u[i] = (unsigned char)(ms >> (40 - 8 * i));
	u[6] = (unsigned char)(0x70 | (seq >> 8));
	u[7] = (unsigned char)(seq & 0xFF);
	u[8] = (unsigned char)(0x80 | (u[8] & 0x3F));
	uuid_unparse_lower(u, out);
}

/*
 * True if s is a UUID in the canonical 8-4-4-4-12 hexadecimal form, in
 * lower or upper case, whatever its version.  NULL is not valid.
 */
bool
uuid_valid(const char *s)
{
	size_t	i;
	char	c;

	if (s == NULL || strlen(s) != UUID7_STRLEN - 1)
		return (false);
	for (i = 0; i < UUID7_STRLEN - 1; i++) {
		c = s[i];
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (c != '-')
				return (false);
		} else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
		    (c >= 'A' && c <= 'F')))
			return (false);
	}
	return (true);
}
