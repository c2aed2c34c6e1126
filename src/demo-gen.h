/*
 * Inside the demo generator: shared by demo.c (the engine: random numbers,
 * identifiers, the directory, writing rows) and demo-cases.c (who the
 * persons are and what their pathways hold).  A pathway is built in
 * memory as records, then written in one go by demo_flush().
 */
#ifndef PARCOURS_DEMO_GEN_H
#define PARCOURS_DEMO_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "date.h"
#include "demo.h"
#include "uuid7.h"

struct record;
struct entity;
struct session;

/* splitmix64: small, fast, good enough for synthetic data. */
struct demo_rng {
	uint64_t	state;
};
void demo_rng_seed(struct demo_rng *, uint64_t seed, uint64_t stream);
uint64_t demo_rand(struct demo_rng *);
/* A whole number from lo to hi, both included. */
int demo_range(struct demo_rng *, int lo, int hi);
/* True with the given chance in percent. */
bool demo_chance(struct demo_rng *, int percent);
#define DEMO_PICK(rng, list) ((list)[demo_range((rng), 0, \
    (int)nitems(list) - 1)])

/* A partner of the directory, as the generator knows it. */
struct demo_partner {
	const char	*name;
	const char	*kind;
	int		 territory;	/* index in demo_territories, -1: all */
	const char	*phone;
	const char	*services;
	char		 id[UUID7_STRLEN];
};

#define DEMO_TERRITORIES 4
extern const char *const demo_territories[DEMO_TERRITORIES];

/* The state of one run. */
struct demo_gen {
	struct session		*s;
	date_t			 today;
	uint64_t		 seed;
	sqlite3_stmt		*stmt[16];	/* per model_entities index */
	size_t			 records;
	size_t			 scenarios;
	char			 (*user_ids)[UUID7_STRLEN];
	size_t			 nusers;
	struct demo_partner	*partners;
	size_t			 npartners;
};

/* A person's pathway while it is built. */
struct demo_pw {
	struct demo_gen		*g;
	struct demo_rng		 rng;
	struct record		*person;
	struct record		*file;
	struct record		**recs;
	size_t			 n;
	size_t			 cap;
	size_t			 worker;	/* index in demo_users */
	int			 territory;
	date_t			 birth;
	date_t			 opened;
};

/* Appends a new record of entity e to the pathway (person_id is set when
 * it is written). */
struct record *demo_add(struct demo_pw *, const struct entity *);
/* Removes and frees a record of the pathway. */
void demo_remove(struct demo_pw *, struct record *);
/* Sets a text field (copied). */
void demo_set(struct record *, const char *field, const char *value);
/* Sets a date field; DATE_NONE clears it. */
void demo_set_date(struct record *, const char *field, date_t);
/* Gives r its identifier now (a successor must be named before it is
 * written); created is the day it is dated from. */
void demo_give_id(struct demo_pw *, struct record *, date_t created);
/* The id of a partner of that kind, of the pathway's territory when there
 * is one (borrowed). */
const char *demo_partner(struct demo_pw *, const char *kind);
/* The name of that partner (borrowed), found by id. */
const char *demo_partner_name(const struct demo_gen *, const char *id);
/* The user id of demo_users[i] (borrowed). */
const char *demo_user_id(const struct demo_gen *, size_t i);
/* Writes the person, file and records, and frees them. */
int demo_flush(struct demo_pw *, char **cause);

/* demo-data.c: the words of the demo. */
enum demo_text {
	DEMO_TEXT_PRO,		/* a professional's name */
	DEMO_TEXT_STREET,
	DEMO_TEXT_CONTACT,	/* journal entries, by kind */
	DEMO_TEXT_VISIT,
	DEMO_TEXT_CALL,
	DEMO_TEXT_NOTE
};
/* Picks a sex and a fictitious name (borrowed strings); returns true if
 * the name is a French one (it then makes a plausible e-mail address). */
bool demo_pick_name(struct demo_rng *, bool *female, const char **last,
    const char **first);
/* A commune of the territory (borrowed). */
const char *demo_commune(struct demo_rng *, int territory);
/* A text of that kind (borrowed). */
const char *demo_text(struct demo_rng *, enum demo_text);

/*
 * demo-cases.c: the bricks of a pathway.  Each adds one record to pw (and
 * returns it, borrowed: pw owns it) with the values given; DATE_NONE and
 * NULL leave a field empty.  Journal entries are never dated after today.
 */
date_t demo_min_date(date_t, date_t);
date_t demo_max_date(date_t, date_t);
/* A birth date for someone of years and months today, up to spread days
 * older. */
date_t demo_born(struct demo_pw *, int years, int months, int spread);
/* Starts the pathway: the person (a fictitious name, contact details, the
 * worker's territory; consent given soon after the opening if consent)
 * and the file opened on `opened` (not before birth nor after today) in
 * the worker's caseload. */
void demo_start_file(struct demo_pw *, date_t birth, date_t opened,
    bool consent);
struct record *demo_event(struct demo_pw *, const char *kind, date_t,
    const char *text, const char *participants);
struct record *demo_referent(struct demo_pw *, const char *role,
    const char *name, const char *user_id, const char *partner_id,
    date_t start, date_t end);
/* The file's worker as its coordinator from start. */
struct record *demo_coordinator(struct demo_pw *, date_t start);
struct record *demo_measure(struct demo_pw *, const char *kind,
    const char *nature, const char *partner_id, date_t start, date_t end);
struct record *demo_right(struct demo_pw *, const char *kind,
    const char *status, date_t filed, date_t decision, date_t start,
    date_t end);
/* A right granted from start (filed and decided some weeks before). */
struct record *demo_granted(struct demo_pw *, const char *kind,
    date_t start, date_t end);
/* An active project signed (and started) on signed_on. */
struct record *demo_project(struct demo_pw *, const char *kind,
    const char *title, date_t signed_on, date_t review,
    const char *objectives);
/* shares_info is set unless basis is "none". */
struct record *demo_involvement(struct demo_pw *, const char *partner_id,
    const char *purpose, date_t start, date_t end, const char *basis);
/* Accepted on answered, or still "sent" if answered is DATE_NONE. */
struct record *demo_referral(struct demo_pw *, const char *partner_id,
    date_t sent, const char *reason, date_t answered, const char *answer);
/* Contacts, visits and calls, the last on `last`, then every few weeks
 * back to the opening, n at most. */
void demo_contacts(struct demo_pw *, date_t last, int n);
/* Regular contacts ending recently (within 20 days for a high-risk
 * file). */
void demo_recent_contacts(struct demo_pw *);
void demo_meeting(struct demo_pw *, date_t, const char *participants);
/* The first record of entity e whose field equals value (field NULL: the
 * first record of e), or NULL. */
struct record *demo_find(struct demo_pw *, const struct entity *e,
    const char *field, const char *value);
/* Removes the contacts, visits, calls and meetings dated after d. */
void demo_drop_contacts_after(struct demo_pw *, date_t d);

/* Healthy files of each public (see demo-cases.c). */
void demo_child_protection(struct demo_pw *, int age);
void demo_rsa_adult(struct demo_pw *);
void demo_disabled_adult(struct demo_pw *);
void demo_elderly(struct demo_pw *);
void demo_protected_adult(struct demo_pw *);
void demo_family(struct demo_pw *);
/* A healthy file of a random kind. */
void demo_healthy(struct demo_pw *);

/* demo-scenarios.c: builds person number index into pw (already holding
 * its generator, random stream, worker and territory): the scenarios
 * first, then mostly healthy files.  Sets *scenario when the person was
 * built to break a rule. */
void demo_build_person(struct demo_pw *, size_t index, bool *scenario);
/* The number of scenarios (persons built to break each rule once). */
size_t demo_scenario_count(void);

#endif
