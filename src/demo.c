/*
 * The demo generator's engine (see demo.h): random numbers, identifiers
 * and timestamps derived from the seed, the users and the partner
 * directory of a fictitious department, and the writing of rows.  Every
 * row goes through model_validate, then through one prepared INSERT per
 * entity inside a single transaction (model_insert prepares and audits
 * each row: too slow for 100,000 files), so the demo holds only what the
 * model accepts while a benchmark database of 100,000 files takes well
 * under a minute.  Who the persons are is decided in demo-cases.c.
 */
#include "config.h"
#include "demo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "audit.h"
#include "demo-gen.h"
#include "model.h"
#include "session.h"
#include "store.h"
#include "text.h"
#include "xmalloc.h"

const struct demo_user demo_users[] = {
	{ "admin", "Nadia Benali", "admin", "Direction de l'action sociale" },
	{ "ccourtois", "Claire Courtois", "supervisor", "MDS Nord" },
	{ "amoreau", "Antoine Moreau", "worker", "MDS Nord" },
	{ "lgarnier", "Léa Garnier", "worker", "MDS Nord" },
	{ "yboukhari", "Yasmine Boukhari", "worker", "MDS Nord" },
	{ "tnguyen", "Thierry Nguyễn", "worker", "MDS Val-de-Loire" },
	{ "eloiseau", "Éloïse Loiseau", "worker", "MDS Sud-Ouest" },
	{ "fzhang", "张芳 (Fang Zhang)", "worker", "MDS Centre-Ville" },
	{ NULL, NULL, NULL, NULL }
};

const char *const demo_territories[DEMO_TERRITORIES] = {
	"MDS Nord", "MDS Val-de-Loire", "MDS Sud-Ouest", "MDS Centre-Ville"
};

/* The directory: department-wide services first, then each territory's. */
static const struct demo_partner partner_list[] = {
	{ "CAF du département — accueil de Valmont", "caf", -1,
	  "02 54 10 20 30", "RSA, prime d'activité, aides au logement, "
	  "prestations familiales", "" },
	{ "CPAM — service social de l'Assurance maladie", "cpam", -1,
	  "02 54 10 21 00", "C2S, ouverture de droits, service social", "" },
	{ "MDPH — maison départementale des personnes handicapées", "mdph",
	  -1, "02 54 10 22 00", "AAH, PCH, AEEH, RQTH, orientations", "" },
	{ "Tribunal judiciaire de Valmont — juge des enfants", "court", -1,
	  "02 54 10 23 00", "assistance éducative (art. 375 C. civ.)", "" },
	{ "Tribunal judiciaire de Valmont — juge des contentieux de la "
	  "protection", "court", -1, "02 54 10 23 10",
	  "tutelles, curatelles, sauvegarde de justice", "" },
	{ "UDAF — service MJPM (mandataires judiciaires)", "mjpm", -1,
	  "02 54 10 24 00", "tutelle, curatelle, MAJ", "" },
	{ "ATI Val-de-Loire — mandataires judiciaires", "mjpm", -1,
	  "02 54 10 24 50", "tutelle, curatelle", "" },
	{ "IME Les Tilleuls", "children_establishment", -1,
	  "02 54 10 25 00", "institut médico-éducatif, 6-20 ans", "" },
	{ "MECS La Passerelle", "children_establishment", -1,
	  "02 54 10 25 40", "maison d'enfants à caractère social", "" },
	{ "MECS Le Relais des Coteaux", "children_establishment", -1,
	  "02 54 10 25 80", "maison d'enfants, accueil d'urgence", "" },
	{ "Service de placement familial du Département", "foster_care", -1,
	  "02 54 10 26 00", "assistants familiaux", "" },
	{ "Sauvegarde de l'enfance — service AEMO", "association", -1,
	  "02 54 10 27 00", "AEMO, AED renforcée", "" },
	{ "ESAT Les Ateliers du Val", "adult_establishment", -1,
	  "02 54 10 28 00", "travail protégé", "" },
	{ "FAM Les Glycines", "adult_establishment", -1, "02 54 10 28 40",
	  "foyer d'accueil médicalisé", "" },
	{ "SAVS Horizons", "association", -1, "02 54 10 29 00",
	  "accompagnement à la vie sociale", "" },
	{ "Centre hospitalier de Valmont — service social", "hospital", -1,
	  "02 54 10 30 00", "urgences, psychiatrie, PASS", "" },
	{ "CMP infanto-juvénile", "hospital", -1, "02 54 10 30 50",
	  "soins psychiques des enfants", "" },
	{ "Val Habitat — bailleur social", "housing", -1, "02 54 10 31 00",
	  "logement social, accompagnement des impayés", "" },
	{ "ADMR — aide à domicile", "association", -1, "02 54 10 32 00",
	  "aide à domicile, portage de repas", "" },
	{ "Mission locale du Val", "association", -1, "02 54 10 33 00",
	  "insertion des 16-25 ans, CEJ", "" },
	{ "France Travail — agence Valmont Nord", "france_travail", 0,
	  "02 54 11 00 00", "accompagnement vers l'emploi", "" },
	{ "CCAS de Saint-Éloi-les-Bois", "ccas", 0, "02 54 11 01 00",
	  "aides facultatives, domiciliation", "" },
	{ "École élémentaire Jules-Ferry", "school", 0, "02 54 11 02 00",
	  "école", "" },
	{ "Collège Louise-Michel", "school", 0, "02 54 11 03 00", "collège",
	  "" },
	{ "France Travail — agence des Rives", "france_travail", 1,
	  "02 54 12 00 00", "accompagnement vers l'emploi", "" },
	{ "CCAS d'Onzain-les-Prés", "ccas", 1, "02 54 12 01 00",
	  "aides facultatives, domiciliation", "" },
	{ "École Marie-Curie", "school", 1, "02 54 12 02 00", "école", "" },
	{ "Lycée professionnel Léonard-de-Vinci", "school", 1,
	  "02 54 12 03 00", "lycée", "" },
	{ "France Travail — agence Sud", "france_travail", 2,
	  "02 54 13 00 00", "accompagnement vers l'emploi", "" },
	{ "CCAS de Lussac-les-Églises", "ccas", 2, "02 54 13 01 00",
	  "aides facultatives, domiciliation", "" },
	{ "École des Tourterelles", "school", 2, "02 54 13 02 00", "école",
	  "" },
	{ "Collège Simone-Veil", "school", 2, "02 54 13 03 00", "collège",
	  "" },
	{ "France Travail — agence Valmont Centre", "france_travail", 3,
	  "02 54 14 00 00", "accompagnement vers l'emploi", "" },
	{ "CCAS de Valmont", "ccas", 3, "02 54 14 01 00",
	  "aides facultatives, domiciliation, épicerie sociale", "" },
	{ "Groupe scolaire Olympe-de-Gouges", "school", 3, "02 54 14 02 00",
	  "école", "" },
	{ "Collège Aimé-Césaire", "school", 3, "02 54 14 03 00", "collège",
	  "" },
	{ "Accueil de jour Le Fil — CHRS", "association", 3,
	  "02 54 14 04 00", "hébergement d'urgence, domiciliation", "" },
};

/* Random numbers --------------------------------------------------------- */

void
demo_rng_seed(struct demo_rng *r, uint64_t seed, uint64_t stream)
{
	r->state = seed ^ (stream * 0xD1B54A32D192ED03ULL);
	(void)demo_rand(r);
}

uint64_t
demo_rand(struct demo_rng *r)
{
	uint64_t	z;

	z = (r->state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return (z ^ (z >> 31));
}

int
demo_range(struct demo_rng *r, int lo, int hi)
{
	if (hi <= lo)
		return (lo);
	return (lo + (int)(demo_rand(r) % (uint64_t)(hi - lo + 1)));
}

bool
demo_chance(struct demo_rng *r, int percent)
{
	return (demo_range(r, 0, 99) < percent);
}

/* Identifiers and timestamps -------------------------------------------- */

/*
 * A moment on day d, during office hours, as milliseconds since the epoch.
 * Days before 1970 (never used for rows) fold to the epoch.
 */
static uint64_t
office_ms(struct demo_rng *r, date_t d)
{
	uint64_t	sec;

	if (d < 0)
		d = 0;
	sec = (uint64_t)d * 86400 + (uint64_t)demo_range(r, 8 * 3600 + 1800,
	    18 * 3600);
	return (sec * 1000 + (uint64_t)demo_range(r, 0, 999));
}

/* "YYYY-MM-DDTHH:MM:SS.mmmZ" of ms (caller frees). */
static char *
timestamp(uint64_t ms)
{
	char	day[11];
	date_t	d = (date_t)(ms / 86400000);
	int	s = (int)(ms / 1000 % 86400);

	date_format_iso(d, day);
	return (xasprintf("%sT%02d:%02d:%02d.%03dZ", day, s / 3600,
	    s / 60 % 60, s % 60, (int)(ms % 1000)));
}

/* A UUIDv7 for the moment ms, its random bits from the stream. */
static void
make_id(struct demo_rng *r, uint64_t ms, char out[UUID7_STRLEN])
{
	unsigned char	b[16];
	uint64_t	x = demo_rand(r), y = demo_rand(r);
	int		i;

	for (i = 0; i < 6; i++)
		b[i] = (unsigned char)(ms >> (40 - 8 * i));
	for (i = 0; i < 8; i++) {
		b[6 + i] = (unsigned char)(x >> (8 * i));
		if (i < 2)
			b[14 + i] = (unsigned char)(y >> (8 * i));
	}
	b[6] = (unsigned char)(0x70 | (b[6] & 0x0f));
	b[8] = (unsigned char)(0x80 | (b[8] & 0x3f));
	snprintf(out, UUID7_STRLEN, "%02x%02x%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3], b[4],
	    b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
	    b[15]);
}

/* Gives r an id and a creation time on day d (time in office hours). */
static void
stamp(struct demo_rng *rng, struct record *r, date_t d)
{
	char		id[UUID7_STRLEN];
	uint64_t	ms = office_ms(rng, d);

	make_id(rng, ms, id);
	free(r->id);
	r->id = xstrdup(id);
	free(r->created_at);
	r->created_at = timestamp(ms);
}

/* Building pathways ------------------------------------------------------ */

struct record *
demo_add(struct demo_pw *pw, const struct entity *e)
{
	struct record	*r = record_new(e);

	if (pw->n == pw->cap) {
		pw->cap = pw->cap == 0 ? 32 : pw->cap * 2;
		pw->recs = xreallocarray(pw->recs, pw->cap, sizeof *pw->recs);
	}
	pw->recs[pw->n++] = r;
	return (r);
}

void
demo_remove(struct demo_pw *pw, struct record *r)
{
	size_t	i;

	for (i = 0; i < pw->n; i++) {
		if (pw->recs[i] == r) {
			memmove(pw->recs + i, pw->recs + i + 1,
			    (pw->n - i - 1) * sizeof *pw->recs);
			pw->n--;
			record_free(r);
			return;
		}
	}
}

void
demo_set(struct record *r, const char *field, const char *value)
{
	if (record_set(r, field, value) != 0)
		fatal("demo: %s has no field %s", r->e->name, field);
}

void
demo_set_date(struct record *r, const char *field, date_t d)
{
	char	buf[11];

	if (d == DATE_NONE) {
		demo_set(r, field, NULL);
		return;
	}
	date_format_iso(d, buf);
	demo_set(r, field, buf);
}

void
demo_give_id(struct demo_pw *pw, struct record *r, date_t created)
{
	stamp(&pw->rng, r, created);
}

/* Whether partner i is one demo_partner() may pick. */
static bool
partner_fits(const struct demo_gen *g, size_t i, const char *kind,
    int territory, bool local)
{
	return (strcmp(g->partners[i].kind, kind) == 0 &&
	    (!local || g->partners[i].territory == territory));
}

const char *
demo_partner(struct demo_pw *pw, const char *kind)
{
	const struct demo_gen	*g = pw->g;
	size_t			 i, n = 0, k;
	bool			 local = false;

	/* The person's territory when it has one of the kind, else any. */
	for (i = 0; i < g->npartners; i++)
		if (partner_fits(g, i, kind, pw->territory, true))
			local = true;
	for (i = 0; i < g->npartners; i++)
		if (partner_fits(g, i, kind, pw->territory, local))
			n++;
	if (n == 0)
		fatal("demo: no partner of kind %s", kind);
	k = (size_t)demo_range(&pw->rng, 0, (int)n - 1);
	for (i = 0; i < g->npartners; i++) {
		if (partner_fits(g, i, kind, pw->territory, local) &&
		    k-- == 0)
			return (g->partners[i].id);
	}
	return (g->partners[0].id);
}

const char *
demo_partner_name(const struct demo_gen *g, const char *id)
{
	size_t	i;

	for (i = 0; i < g->npartners; i++)
		if (strcmp(g->partners[i].id, id) == 0)
			return (g->partners[i].name);
	return ("");
}

const char *
demo_user_id(const struct demo_gen *g, size_t i)
{
	return (i < g->nusers ? g->user_ids[i] : NULL);
}

/* Writing rows ----------------------------------------------------------- */

static size_t
entity_slot(const struct entity *e)
{
	size_t	i;

	for (i = 0; model_entities[i] != NULL; i++)
		if (model_entities[i] == e)
			return (i);
	fatal("demo: unknown entity %s", e->name);
}

/* The INSERT of e's rows, prepared once per run: the same columns as
 * model_insert writes. */
static int
insert_stmt(struct demo_gen *g, const struct entity *e, sqlite3_stmt **out,
    char **cause)
{
	struct buf	sql;
	size_t		slot = entity_slot(e), i, n;
	int		rc;

	if (slot >= nitems(g->stmt))
		fatal("demo: too many entities");
	if ((*out = g->stmt[slot]) != NULL)
		return (0);
	buf_init(&sql);
	buf_printf(&sql, "INSERT INTO %s (id", e->table);
	for (i = 0; i < e->nfields; i++)
		buf_printf(&sql, ", %s", e->fields[i].name);
	if (e->searchable)
		buf_puts(&sql, ", search_key");
	buf_puts(&sql, ", created_at, created_by, updated_at, updated_by) "
	    "VALUES (?");
	n = e->nfields + 4 + (e->searchable ? 1 : 0);
	for (i = 0; i < n; i++)
		buf_puts(&sql, ", ?");
	buf_puts(&sql, ")");
	rc = store_prepare(g->s->st, sql.data, &g->stmt[slot], cause);
	buf_free(&sql);
	*out = g->stmt[slot];
	return (rc);
}

/*
 * Dates a record for its metadata: created on `created` (or its earliest
 * date, not before the file opened nor after today), updated on its latest
 * date that is not in the future; by author.
 */
static void
date_record(struct demo_pw *pw, struct record *r, date_t created,
    const char *author)
{
	const struct field	*f;
	date_t			 d, first = DATE_NONE, last = DATE_NONE;
	size_t			 i;

	for (i = 0; i < r->e->nfields; i++) {
		f = &r->e->fields[i];
		if (f->type != FT_DATE || r->v[i] == NULL ||
		    strcmp(f->name, "birth_date") == 0 ||
		    date_parse_iso(r->v[i], &d, NULL) != 0)
			continue;
		if (first == DATE_NONE || d < first)
			first = d;
		if (d <= pw->g->today && (last == DATE_NONE || d > last))
			last = d;
	}
	if (created == DATE_NONE) {
		created = first != DATE_NONE ? first : pw->opened;
		if (pw->opened != DATE_NONE && created < pw->opened)
			created = pw->opened;
	}
	if (created > pw->g->today)
		created = pw->g->today;
	if (r->id == NULL)
		stamp(&pw->rng, r, created);
	free(r->updated_at);
	if (last != DATE_NONE && last > created)
		r->updated_at = timestamp(office_ms(&pw->rng, last));
	else
		r->updated_at = xstrdup(r->created_at);
	free(r->created_by);
	free(r->updated_by);
	r->created_by = author != NULL ? xstrdup(author) : NULL;
	r->updated_by = author != NULL ? xstrdup(author) : NULL;
}

/* Validates and inserts one row. */
static int
write_row(struct demo_gen *g, struct record *r, const char *what,
    char **cause)
{
	sqlite3_stmt	*stmt;
	char		*key = NULL, *prefix;
	size_t		 i;
	int		 col = 1, rc = -1;

	prefix = xasprintf("demo: %s: %s.", what, r->e->name);
	rc = model_validate(g->s, r, prefix, cause);
	free(prefix);
	if (rc != 0)
		return (-1);
	rc = -1;
	if (insert_stmt(g, r->e, &stmt, cause) != 0)
		return (-1);
	sqlite3_reset(stmt);
	store_bind_text(stmt, col++, r->id);
	for (i = 0; i < r->e->nfields; i++)
		store_bind_text(stmt, col++, r->v[i]);
	if (r->e->searchable) {
		key = model_search_key(r);
		store_bind_text(stmt, col++, key);
	}
	store_bind_text(stmt, col++, r->created_at);
	store_bind_text(stmt, col++, r->created_by);
	store_bind_text(stmt, col++, r->updated_at);
	store_bind_text(stmt, col++, r->updated_by);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		prefix = xasprintf(_("writing the demo (%s)"), what);
		store_error(g->s->st, prefix, cause);
		free(prefix);
	} else {
		g->records++;
		rc = 0;
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	free(key);
	return (rc);
}

int
demo_flush(struct demo_pw *pw, char **cause)
{
	const char	*author = demo_user_id(pw->g, pw->worker);
	char		*what;
	size_t		 i;
	int		 rc = -1;

	what = xasprintf("%s, %s", record_get(pw->person, "last_name"),
	    record_get(pw->person, "first_name"));
	date_record(pw, pw->person, pw->opened, author);
	if (write_row(pw->g, pw->person, what, cause) != 0)
		goto out;
	demo_set(pw->file, "person_id", pw->person->id);
	date_record(pw, pw->file, pw->opened, author);
	if (write_row(pw->g, pw->file, what, cause) != 0)
		goto out;
	for (i = 0; i < pw->n; i++) {
		demo_set(pw->recs[i], "person_id", pw->person->id);
		date_record(pw, pw->recs[i], DATE_NONE, author);
		if (write_row(pw->g, pw->recs[i], what, cause) != 0)
			goto out;
	}
	rc = 0;
out:
	free(what);
	record_free(pw->person);
	record_free(pw->file);
	records_free(pw->recs, pw->n);
	pw->person = pw->file = NULL;
	pw->recs = NULL;
	pw->n = pw->cap = 0;
	return (rc);
}

/* The users and the directory ------------------------------------------- */

/* Writes the users after the administrator; their ids come from the
 * seed, so that the caseload refers to the same ids on every run.  The
 * users and the directory have no author (the administrator's id is not
 * the seed's): the generator made them. */
static int
write_users(struct demo_gen *g, struct demo_pw *pw, char **cause)
{
	struct record	*r;
	size_t		 i;
	int		 rc = 0;

	for (g->nusers = 0; demo_users[g->nusers].login != NULL; g->nusers++)
		/* count */;
	g->user_ids = xcalloc(g->nusers, sizeof *g->user_ids);
	snprintf(g->user_ids[0], UUID7_STRLEN, "%s", g->s->user_id);
	for (i = 1; i < g->nusers && rc == 0; i++) {
		r = record_new(&model_user);
		demo_set(r, "login", demo_users[i].login);
		demo_set(r, "display_name", demo_users[i].display_name);
		demo_set(r, "role", demo_users[i].role);
		demo_set(r, "team", demo_users[i].team);
		demo_set(r, "disabled", "0");
		stamp(&pw->rng, r, date_add_years(g->today, -3) + (int)i);
		date_record(pw, r, DATE_NONE, NULL);
		snprintf(g->user_ids[i], UUID7_STRLEN, "%s", r->id);
		rc = write_row(g, r, demo_users[i].login, cause);
		record_free(r);
	}
	return (rc);
}

static int
write_partners(struct demo_gen *g, struct demo_pw *pw, char **cause)
{
	struct record	*r;
	char		*email, *addr;
	size_t		 i;
	int		 rc = 0;

	g->npartners = nitems(partner_list);
	g->partners = xcalloc(g->npartners, sizeof *g->partners);
	for (i = 0; i < g->npartners && rc == 0; i++) {
		g->partners[i] = partner_list[i];
		r = record_new(&model_partner);
		demo_set(r, "name", partner_list[i].name);
		demo_set(r, "kind", partner_list[i].kind);
		demo_set(r, "territory", partner_list[i].territory < 0 ?
		    "Département" :
		    demo_territories[partner_list[i].territory]);
		addr = xasprintf("%d, rue de la République, Valmont",
		    (int)(i * 3 + 1));
		demo_set(r, "address", addr);
		demo_set(r, "phone", partner_list[i].phone);
		email = xasprintf("contact.%s%zu@partenaires.example",
		    partner_list[i].kind, i);
		demo_set(r, "email", email);
		demo_set(r, "contacts", "Accueil du lundi au vendredi, "
		    "9 h – 12 h et 14 h – 17 h.");
		demo_set(r, "services", partner_list[i].services);
		stamp(&pw->rng, r, date_add_years(g->today, -3) + 10 +
		    (int)i);
		date_record(pw, r, DATE_NONE, NULL);
		snprintf(g->partners[i].id, UUID7_STRLEN, "%s", r->id);
		rc = write_row(g, r, partner_list[i].name, cause);
		record_free(r);
		free(addr);
		free(email);
	}
	return (rc);
}

/* Gives every user but the administrator a key slot, then saves the key
 * file. */
static int
write_slots(struct demo_gen *g, const struct secret *pass,
    const struct kdf_params *params, char **cause)
{
	size_t	i;

	if (g->s->kr == NULL) {
		set_cause(cause, _("the demo database has no key file"));
		return (-1);
	}
	for (i = 1; i < g->nusers; i++) {
		if (keyring_set_slot(g->s->kr, demo_users[i].login, pass->data,
		    pass->len, g->s->key, params, cause) != 0)
			return (-1);
	}
	return (keyring_save(g->s->kr, g->s->keys_path, g->s->key, cause));
}

/* The index in demo_territories of a team, or 0. */
static int
territory_of(const char *team)
{
	int	i;

	for (i = 0; i < DEMO_TERRITORIES; i++)
		if (strcmp(demo_territories[i], team) == 0)
			return (i);
	return (0);
}

static double
elapsed(const struct timespec *start)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return ((double)(now.tv_sec - start->tv_sec) +
	    (double)(now.tv_nsec - start->tv_nsec) / 1e9);
}

int
demo_generate(struct session *s, size_t persons, uint64_t seed,
    const struct secret *pass, const struct kdf_params *params,
    struct demo_summary *sum, char **cause)
{
	struct demo_gen	 g;
	struct demo_pw	 pw;
	struct timespec	 start;
	size_t		 i, nworkers = 0, workers[16];
	bool		 scenario;
	char		*fields = NULL;
	int		 rc = -1;

	clock_gettime(CLOCK_MONOTONIC, &start);
	memset(sum, 0, sizeof *sum);
	memset(&g, 0, sizeof g);
	memset(&pw, 0, sizeof pw);
	g.s = s;
	g.today = date_today();
	g.seed = seed;
	for (i = 0; demo_users[i].login != NULL; i++)
		if (strcmp(demo_users[i].role, "worker") == 0 &&
		    nworkers < nitems(workers))
			workers[nworkers++] = i;

	/* A large cache while writing many rows into random places of the
	 * indexes; the store's own setting is restored afterwards. */
	if (persons > 1000)
		store_exec(s->st, "PRAGMA cache_size = -262144", NULL);
	if (store_begin(s->st, cause) != 0)
		goto out;
	pw.g = &g;
	pw.opened = date_add_years(g.today, -3);
	demo_rng_seed(&pw.rng, seed, 1);
	if (write_users(&g, &pw, cause) != 0 ||
	    write_partners(&g, &pw, cause) != 0)
		goto fail;
	for (i = 0; i < persons; i++) {
		memset(&pw, 0, sizeof pw);
		pw.g = &g;
		/* One stream per person: the first N persons of a larger
		 * demo are the N persons of a smaller one. */
		demo_rng_seed(&pw.rng, seed, 1000 + i);
		pw.worker = workers[demo_range(&pw.rng, 0, (int)nworkers - 1)];
		pw.territory = territory_of(demo_users[pw.worker].team);
		demo_build_person(&pw, i, &scenario);
		if (scenario)
			g.scenarios++;
		if (demo_flush(&pw, cause) != 0)
			goto fail;
	}
	if (write_slots(&g, pass, params, cause) != 0)
		goto fail;
	fields = xasprintf("persons=%zu,records=%zu,seed=%llu", persons,
	    g.records, (unsigned long long)seed);
	if (audit_log(s, "create", "demo", NULL, NULL, fields, cause) != 0)
		goto fail;
	if (store_commit(s->st, cause) != 0)
		goto out;
	sum->persons = persons;
	sum->records = g.records + 1;	/* and the administrator */
	sum->scenarios = g.scenarios;
	sum->seconds = elapsed(&start);
	rc = 0;
	goto out;
fail:
	store_rollback(s->st);
out:
	if (persons > 1000)
		store_exec(s->st, "PRAGMA cache_size = -32768", NULL);
	for (i = 0; i < nitems(g.stmt); i++)
		sqlite3_finalize(g.stmt[i]);
	free(g.user_ids);
	free(g.partners);
	free(fields);
	return (rc);
}
