/*
 * The demo caseload: a synthetic but realistic department — MDS
 * territories, a team of workers with one supervisor, a partner directory
 * and persons whose pathway files go from healthy to broken in every way
 * RULES.md describes, dated relative to today.  The same generator makes
 * the large databases of the benchmarks.  Everything is derived from a
 * seed with a private PRNG (never rand()), identifiers included, so a
 * seed and a "today" always give the same content.
 */
#ifndef PARCOURS_DEMO_H
#define PARCOURS_DEMO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "keyring.h"
#include "secure.h"

struct session;

/* The passphrase of every demo user when none is given. */
#define DEMO_PASSPHRASE		"demo-parcours-2026"
#define DEMO_DEFAULT_PERSONS	150
#define DEMO_DEFAULT_SEED	2026
#define DEMO_MAX_PERSONS	1000000

/* A user of the demo; demo_users[0] is the administrator (made by
 * init_database), the list ends with a NULL login. */
struct demo_user {
	const char	*login;
	const char	*display_name;
	const char	*role;
	const char	*team;
};
extern const struct demo_user demo_users[];

/* What the generator made. */
struct demo_summary {
	size_t		persons;
	size_t		records;	/* rows of every entity, users too */
	size_t		scenarios;	/* persons built to trigger a rule */
	double		seconds;
};

/*
 * Fills a database just created by init_database (whose session s is the
 * administrator demo_users[0]) with the demo: the other users, each with a
 * key slot for pass (params: KDF cost, NULL for the default), the partner
 * directory and `persons` persons from `seed`, all in one transaction.
 * Every row is checked by model_validate before it is written, so the
 * demo holds nothing the model would refuse.  Audited once.  Returns 0
 * with *sum, or -1 with *cause (nothing written to the database).
 */
int demo_generate(struct session *s, size_t persons, uint64_t seed,
    const struct secret *pass, const struct kdf_params *params,
    struct demo_summary *sum, char **cause);

#endif
