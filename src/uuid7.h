/*
 * UUID version 7 (RFC 9562): 48 bits of Unix time in milliseconds, then
 * random bits, so that identifiers sort by creation time.  libuuid 2.38
 * has no v7: the layout is built here from the clock and libuuid's random
 * generator.  Within one process, identifiers are strictly increasing even
 * when several are made in the same millisecond.
 */
#ifndef PARCOURS_UUID7_H
#define PARCOURS_UUID7_H

#include <stdbool.h>

#define UUID7_STRLEN 37 /* 36 characters and the NUL */

/* Writes a new lower-case UUIDv7 string into out. */
void uuid7_generate(char out[UUID7_STRLEN]);
/* True if s is a canonical lower- or upper-case UUID string. */
bool uuid_valid(const char *s);

#endif
