/*
 * The pathways of the demo: the bricks (a person and their file, a
 * referent, a measure, a right, the journal's contacts …) and the healthy
 * files built from them — a named coordinator, recent contacts, projects
 * reviewed in time, rights renewed ahead, answered referrals — for every
 * public of an MDS: children in care, RSA recipients, disabled adults and
 * children, older persons, protected adults, care leavers, families.
 * Every date is relative to today, so the demo stays current whatever day
 * it is made.  demo-scenarios.c breaks these files on purpose.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "demo-gen.h"
#include "model.h"
#include "text.h"
#include "xmalloc.h"

#define T	(pw->g->today)

/* Bricks ----------------------------------------------------------------- */

date_t
demo_min_date(date_t a, date_t b)
{
	return (a < b ? a : b);
}

date_t
demo_max_date(date_t a, date_t b)
{
	return (a > b ? a : b);
}

/* A birth date for someone aged years and months (plus up to spread days)
 * today. */
date_t
demo_born(struct demo_pw *pw, int years, int months, int spread)
{
	return (date_add_months(T, -(years * 12 + months)) -
	    demo_range(&pw->rng, 0, spread));
}

struct record *
demo_event(struct demo_pw *pw, const char *kind, date_t d, const char *text,
    const char *participants)
{
	struct record	*r = demo_add(pw, &model_event);

	if (d > T)
		d = T;	/* the journal holds no future */
	demo_set(r, "kind", kind);
	demo_set_date(r, "date", d);
	demo_set(r, "participants", participants);
	demo_set(r, "text", text);
	return (r);
}

struct record *
demo_referent(struct demo_pw *pw, const char *role, const char *name,
    const char *user_id, const char *partner_id, date_t start, date_t end)
{
	struct record	*r = demo_add(pw, &model_referent);

	demo_set(r, "role", role);
	demo_set(r, "name", name);
	demo_set(r, "user_id", user_id);
	demo_set(r, "partner_id", partner_id);
	demo_set_date(r, "start_date", start);
	demo_set_date(r, "end_date", end);
	return (r);
}

/* The worker of the file as its coordinator from start. */
struct record *
demo_coordinator(struct demo_pw *pw, date_t start)
{
	return (demo_referent(pw, "coordinator",
	    demo_users[pw->worker].display_name,
	    demo_user_id(pw->g, pw->worker), NULL, start, DATE_NONE));
}

struct record *
demo_measure(struct demo_pw *pw, const char *kind, const char *nature,
    const char *partner_id, date_t start, date_t end)
{
	struct record	*r = demo_add(pw, &model_measure);

	demo_set(r, "kind", kind);
	demo_set(r, "nature", nature);
	demo_set(r, "partner_id", partner_id);
	if (partner_id != NULL)
		demo_set(r, "place", demo_partner_name(pw->g, partner_id));
	demo_set_date(r, "start_date", start);
	demo_set_date(r, "end_date", end);
	return (r);
}

/* A right granted on decision (filed some weeks before), from start. */
struct record *
demo_right(struct demo_pw *pw, const char *kind, const char *status,
    date_t filed, date_t decision, date_t start, date_t end)
{
	struct record	*r = demo_add(pw, &model_right);

	demo_set(r, "kind", kind);
	demo_set(r, "status", status);
	demo_set_date(r, "filed_on", filed);
	demo_set_date(r, "decision_on", decision);
	demo_set_date(r, "start_date", start);
	demo_set_date(r, "end_date", end);
	demo_set(r, "for_life", "0");
	return (r);
}

struct record *
demo_granted(struct demo_pw *pw, const char *kind, date_t start, date_t end)
{
	date_t	filed = start - demo_range(&pw->rng, 20, 70);

	return (demo_right(pw, kind, "granted", filed,
	    start - demo_range(&pw->rng, 0, 15), start, end));
}

struct record *
demo_project(struct demo_pw *pw, const char *kind, const char *title,
    date_t signed_on, date_t review, const char *objectives)
{
	struct record	*r = demo_add(pw, &model_project);

	demo_set(r, "kind", kind);
	demo_set(r, "title", title);
	demo_set(r, "status", "active");
	demo_set_date(r, "signed_on", signed_on);
	demo_set_date(r, "start_date", signed_on);
	demo_set_date(r, "next_review", review);
	demo_set(r, "objectives", objectives);
	return (r);
}

struct record *
demo_involvement(struct demo_pw *pw, const char *partner_id,
    const char *purpose, date_t start, date_t end, const char *basis)
{
	struct record	*r = demo_add(pw, &model_involvement);

	demo_set(r, "partner_id", partner_id);
	demo_set(r, "contact_name", demo_text(&pw->rng, DEMO_TEXT_PRO));
	demo_set(r, "purpose", purpose);
	demo_set_date(r, "start_date", start);
	demo_set_date(r, "end_date", end);
	demo_set(r, "shares_info", strcmp(basis, "none") == 0 ? "0" : "1");
	demo_set(r, "legal_basis", basis);
	return (r);
}

struct record *
demo_referral(struct demo_pw *pw, const char *partner_id, date_t sent,
    const char *reason, date_t answered, const char *answer)
{
	struct record	*r = demo_add(pw, &model_referral);

	demo_set(r, "partner_id", partner_id);
	demo_set_date(r, "sent_on", sent);
	demo_set(r, "reason", reason);
	demo_set(r, "status", answered == DATE_NONE ? "sent" : "accepted");
	demo_set_date(r, "answered_on", answered);
	demo_set(r, "answer", answer);
	return (r);
}

void
demo_start_file(struct demo_pw *pw, date_t birth, date_t opened, bool consent)
{
	struct record	*p, *f;
	const char	*last, *first;
	char		*s, *fold;
	bool		 female, french;

	french = demo_pick_name(&pw->rng, &female, &last, &first);

	if (opened > T)
		opened = T;
	if (birth != DATE_NONE && opened < birth)
		opened = birth;
	pw->birth = birth;
	pw->opened = opened;
	pw->person = p = record_new(&model_person);
	demo_set(p, "last_name", last);
	demo_set(p, "first_name", first);
	demo_set_date(p, "birth_date", birth);
	demo_set(p, "sex", female ? "f" : "m");
	if (demo_chance(&pw->rng, 85)) {
		s = xasprintf("06 %02d %02d %02d %02d",
		    demo_range(&pw->rng, 0, 99), demo_range(&pw->rng, 0, 99),
		    demo_range(&pw->rng, 0, 99), demo_range(&pw->rng, 0, 99));
		demo_set(p, "phone", s);
		free(s);
	}
	if (french && demo_chance(&pw->rng, 30)) {
		s = xasprintf("%s.%s%d@courriel.example", first, last,
		    demo_range(&pw->rng, 1, 99));
		fold = text_fold(s);
		for (char *c = fold; *c != '\0'; c++)
			if (*c == ' ')
				*c = '-';
		demo_set(p, "email", fold);
		free(fold);
		free(s);
	}
	s = xasprintf("%d %s", demo_range(&pw->rng, 1, 120),
	    demo_text(&pw->rng, DEMO_TEXT_STREET));
	demo_set(p, "address", s);
	free(s);
	demo_set(p, "commune", demo_commune(&pw->rng, pw->territory));
	demo_set(p, "territory", demo_territories[pw->territory]);
	if (consent) {
		demo_set(p, "consent", "given");
		demo_set_date(p, "consent_date", demo_min_date(T, opened +
		    demo_range(&pw->rng, 0, 20)));
	} else
		demo_set(p, "consent", "unknown");

	pw->file = f = record_new(&model_file);
	demo_set_date(f, "opened_on", opened);
	demo_set(f, "worker_id", demo_user_id(pw->g, pw->worker));
	demo_set(f, "risk_level", demo_chance(&pw->rng, 10) ? "high" :
	    "normal");
}

/*
 * The journal's regular contacts: the last one on `last`, earlier ones
 * every few weeks back to the opening, at most n in all; a note now and
 * then.
 */
void
demo_contacts(struct demo_pw *pw, date_t last, int n)
{
	date_t	d = last;
	int	k, i;

	for (i = 0; i < n && d >= pw->opened; i++) {
		k = demo_range(&pw->rng, 0, 9);
		if (k < 5)
			demo_event(pw, "contact", d, demo_text(&pw->rng,
			    DEMO_TEXT_CONTACT), NULL);
		else if (k < 8)
			demo_event(pw, "home_visit", d, demo_text(&pw->rng,
			    DEMO_TEXT_VISIT), NULL);
		else
			demo_event(pw, "call", d, demo_text(&pw->rng,
			    DEMO_TEXT_CALL), NULL);
		if (demo_chance(&pw->rng, 15))
			demo_event(pw, "note", d, demo_text(&pw->rng,
			    DEMO_TEXT_NOTE), NULL);
		d -= demo_range(&pw->rng, 20, 75);
	}
}

/* Regular contacts, the last one recently (within weeks for a file of
 * high risk). */
void
demo_recent_contacts(struct demo_pw *pw)
{
	bool	high = strcmp(record_get(pw->file, "risk_level"), "high") == 0;

	demo_contacts(pw, T - demo_range(&pw->rng, 2, high ? 20 : 50),
	    demo_range(&pw->rng, 8, 12));
}

void
demo_meeting(struct demo_pw *pw, date_t d, const char *who)
{
	demo_event(pw, "coordination_meeting", d, "Synthèse avec les "
	    "partenaires : répartition des rôles et prochaines échéances.",
	    who);
}

/* The first record of entity e whose field equals value (field NULL:
 * any record of e). */
struct record *
demo_find(struct demo_pw *pw, const struct entity *e, const char *field,
    const char *value)
{
	const char	*v;
	size_t		 i;

	for (i = 0; i < pw->n; i++) {
		if (pw->recs[i]->e != e)
			continue;
		if (field == NULL)
			return (pw->recs[i]);
		v = record_get(pw->recs[i], field);
		if (value == NULL || (v != NULL && strcmp(v, value) == 0))
			return (pw->recs[i]);
	}
	return (NULL);
}

/* Removes the contacts (contact, visit, call, meeting) dated after d. */
void
demo_drop_contacts_after(struct demo_pw *pw, date_t d)
{
	static const char *const kinds[] = { "contact", "home_visit", "call",
	    "coordination_meeting" };
	struct record	*r;
	date_t		 when;
	size_t		 i, k;

	for (i = 0; i < pw->n; ) {
		r = pw->recs[i];
		for (k = 0; r->e == &model_event && k < nitems(kinds); k++)
			if (strcmp(record_get(r, "kind"), kinds[k]) == 0)
				break;
		if (r->e == &model_event && k < nitems(kinds) &&
		    date_parse_iso(record_get(r, "date"), &when, NULL) == 0 &&
		    when > d) {
			demo_remove(pw, r);
			continue;
		}
		i++;
	}
}

/* Healthy profiles ------------------------------------------------------- */

/*
 * A child followed by child protection: an AED, an AEMO or a placement
 * running well past the next 100 days, a projet pour l'enfant signed
 * within two months and reviewed ahead, recent situation reports, the
 * school involved, and the majority interview if 17.
 */
void
demo_child_protection(struct demo_pw *pw, int age)
{
	const char	*kind, *nature, *partner = NULL;
	date_t		 birth, start, end, signed_on, report;
	int		 k = demo_range(&pw->rng, 0, 9), years;

	birth = demo_born(pw, age, 0, 360);
	if (k < 3) {
		kind = "aed";
		nature = "administrative";
		years = 1;
	} else if (k < 6) {
		kind = "aemo";
		nature = "judicial";
		years = 2;
		partner = demo_partner(pw, "association");
	} else {
		kind = "placement";
		nature = "judicial";
		years = 2;
		partner = demo_partner(pw, demo_chance(&pw->rng, 50) ?
		    "children_establishment" : "foster_care");
	}
	end = T + demo_range(&pw->rng, 110, years * 365 - 40);
	start = date_add_years(end, -years);
	start = demo_max_date(start, birth + 30);
	demo_start_file(pw, birth, start - demo_range(&pw->rng, 0, 60), true);
	demo_coordinator(pw, pw->opened);
	demo_measure(pw, kind, nature, partner, start, end);
	signed_on = demo_min_date(T, start + demo_range(&pw->rng, 15, 55));
	demo_project(pw, "ppe", "Projet pour l'enfant", signed_on,
	    T + demo_range(&pw->rng, 45, 300),
	    "Maintenir la scolarité ; travailler le lien avec les parents.");
	if (T - start > 20) {
		report = T - demo_range(&pw->rng, 5,
		    demo_min_date(age < 3 ? 75 : 240, T - start));
		demo_event(pw, "situation_report", report, "Rapport de "
		    "situation transmis au juge et à l'inspectrice ASE.",
		    NULL);
	}
	if (age >= 3 && age < 18)
		demo_involvement(pw, demo_partner(pw, "school"), "scolarité",
		    start, DATE_NONE, "child_protection");
	if (partner != NULL)
		demo_involvement(pw, partner, kind, start, DATE_NONE,
		    "child_protection");
	if (age >= 17)
		demo_event(pw, "majority_interview", demo_min_date(T,
		    date_birthday(birth, 17) + demo_range(&pw->rng, 1, 25)),
		    "Entretien de préparation à la majorité : logement, "
		    "ressources, études.", NULL);
	if (demo_chance(&pw->rng, 30)) {
		date_t sent = T - demo_range(&pw->rng, 40, 200);

		demo_referral(pw, demo_partner(pw, "hospital"), sent,
		    "Bilan psychologique", sent + demo_range(&pw->rng, 5, 25),
		    "Premier rendez-vous proposé.");
	}
	demo_recent_contacts(pw);
}

/* An RSA recipient oriented in time, with a signed contract if the
 * department accompanies them, health cover and housing aid. */
void
demo_rsa_adult(struct demo_pw *pw)
{
	struct record	*r;
	date_t		 start, oriented, c2s;
	bool		 dept = demo_chance(&pw->rng, 60);

	start = T - demo_range(&pw->rng, 90, 1300);
	demo_start_file(pw, demo_born(pw, demo_range(&pw->rng, 25, 58), 0, 360),
	    start - demo_range(&pw->rng, 0, 40), true);
	demo_coordinator(pw, pw->opened);
	r = demo_granted(pw, "rsa", start, DATE_NONE);
	oriented = start + demo_range(&pw->rng, 7, 35);
	demo_set(r, "orientation", dept ? "department" : "france_travail");
	demo_set_date(r, "oriented_on", oriented);
	if (dept)
		demo_project(pw, "contrat_engagement", "Contrat d'engagement "
		    "réciproque", oriented + demo_range(&pw->rng, 5, 25),
		    T + demo_range(&pw->rng, 45, 300),
		    "Lever les freins : mobilité, garde d'enfants, santé.");
	else
		demo_involvement(pw, demo_partner(pw, "france_travail"),
		    "accompagnement vers l'emploi", oriented, DATE_NONE,
		    "consent");
	c2s = T - demo_range(&pw->rng, 10, 280);
	demo_granted(pw, "c2s", c2s, date_add_years(c2s, 1));
	if (demo_chance(&pw->rng, 50))
		demo_granted(pw, "housing_aid", start, DATE_NONE);
	demo_involvement(pw, demo_partner(pw, "caf"), "RSA et prestations",
	    start, DATE_NONE, "consent");
	if (demo_chance(&pw->rng, 10)) {
		date_t m = T - demo_range(&pw->rng, 30, 200);

		demo_measure(pw, "masp", "administrative", NULL, m,
		    date_add_years(m, 1));
	}
	if (demo_chance(&pw->rng, 40)) {
		date_t sent = T - demo_range(&pw->rng, 30, 400);

		demo_referral(pw, demo_partner(pw, "ccas"), sent, "Aide "
		    "alimentaire d'urgence", sent + demo_range(&pw->rng, 1, 20),
		    "Colis attribués pour un mois.");
	}
	demo_recent_contacts(pw);
}

/* A disabled adult: AAH and RQTH, a compensation plan, a support
 * service. */
void
demo_disabled_adult(struct demo_pw *pw)
{
	struct record	*r;
	date_t		 start;

	start = T - demo_range(&pw->rng, 100, 1500);
	demo_start_file(pw, demo_born(pw, demo_range(&pw->rng, 20, 56), 0, 360),
	    start - demo_range(&pw->rng, 0, 30), true);
	demo_coordinator(pw, pw->opened);
	if (demo_chance(&pw->rng, 30)) {
		r = demo_granted(pw, "aah", start, DATE_NONE);
		demo_set(r, "for_life", "1");
	} else
		demo_granted(pw, "aah", start, date_add_years(start, 5));
	r = demo_granted(pw, "rqth", start, DATE_NONE);
	demo_set(r, "for_life", "1");
	if (demo_chance(&pw->rng, 30))
		demo_granted(pw, "pch", start, date_add_years(start, 5));
	demo_project(pw, "ppc", "Plan personnalisé de compensation",
	    start + demo_range(&pw->rng, 0, 20), T + demo_range(&pw->rng, 45,
	    330), "Vie à domicile ; accès à un emploi en milieu protégé.");
	demo_involvement(pw, demo_partner(pw, "mdph"), "droits et orientation",
	    start, DATE_NONE, "consent");
	if (demo_chance(&pw->rng, 50)) {
		const char *p = demo_partner(pw, "association");

		demo_measure(pw, "savs", "administrative", p, start +
		    demo_range(&pw->rng, 10, 60), DATE_NONE);
	}
	demo_recent_contacts(pw);
}

/* An older person at home with APA: care plan reviewed ahead, home
 * help. */
void
demo_elderly(struct demo_pw *pw)
{
	struct record	*r;
	date_t		 start, filed;

	start = T - demo_range(&pw->rng, 100, 1400);
	demo_start_file(pw, demo_born(pw, demo_range(&pw->rng, 70, 95), 0, 360),
	    start - demo_range(&pw->rng, 20, 60), true);
	demo_coordinator(pw, pw->opened);
	filed = start - demo_range(&pw->rng, 30, 55);
	r = demo_right(pw, "apa", "granted", filed, start, start, DATE_NONE);
	demo_set_date(r, "complete_on", filed + demo_range(&pw->rng, 0, 10));
	demo_project(pw, "apa_plan", "Plan d'aide APA", start,
	    T + demo_range(&pw->rng, 45, 300),
	    "Aide au lever et à la toilette ; portage de repas.");
	demo_measure(pw, "aide_domicile", "administrative",
	    demo_partner(pw, "association"), start + demo_range(&pw->rng, 5,
	    30), DATE_NONE);
	demo_involvement(pw, demo_partner(pw, "association"),
	    "aide à domicile", start, DATE_NONE, "consent");
	if (demo_chance(&pw->rng, 50))
		demo_involvement(pw, demo_partner(pw, "ccas"),
		    "aides facultatives", start, DATE_NONE, "consent");
	demo_recent_contacts(pw);
}

/* An adult under curatelle or tutelle, the measure running for years. */
void
demo_protected_adult(struct demo_pw *pw)
{
	struct record	*r;
	const char	*mjpm;
	date_t		 start, opened, masp = DATE_NONE;

	start = T - demo_range(&pw->rng, 100, 1500);
	opened = start - demo_range(&pw->rng, 0, 90);
	/* Some were first supported by a MASP, relayed by the judge's
	 * measure. */
	if (demo_chance(&pw->rng, 30)) {
		masp = start - demo_range(&pw->rng, 200, 700);
		opened = masp - demo_range(&pw->rng, 0, 30);
	}
	demo_start_file(pw, demo_born(pw, demo_range(&pw->rng, 30, 85), 0, 360),
	    opened, demo_chance(&pw->rng, 70));
	demo_coordinator(pw, pw->opened);
	mjpm = demo_partner(pw, "mjpm");
	if (masp != DATE_NONE) {
		r = demo_measure(pw, "masp", "administrative", NULL, masp,
		    start - 1);
		demo_set(r, "end_reason", "relayed");
		demo_set(r, "relayed_to", demo_partner_name(pw->g, mjpm));
	}
	demo_measure(pw, demo_chance(&pw->rng, 60) ? "curatelle" : "tutelle",
	    "judicial", mjpm, start, date_add_years(start, 5));
	demo_referent(pw, "guardian", demo_text(&pw->rng, DEMO_TEXT_PRO),
	    NULL, mjpm, start, DATE_NONE);
	demo_involvement(pw, mjpm, "mesure de protection", start, DATE_NONE,
	    "court_order");
	if (demo_chance(&pw->rng, 50))
		demo_granted(pw, "housing_aid", start, DATE_NONE);
	demo_recent_contacts(pw);
}

/* A young adult who left care at 18 with a contrat jeune majeur. */
static void
young_adult(struct demo_pw *pw)
{
	struct record	*r;
	date_t		 birth, b17, b18, placed;

	birth = demo_born(pw, 18, 1, 200);
	b17 = date_birthday(birth, 17);
	b18 = date_birthday(birth, 18);
	placed = date_add_years(b18, -demo_range(&pw->rng, 3, 8));
	demo_start_file(pw, birth, placed - demo_range(&pw->rng, 0, 60), true);
	demo_coordinator(pw, pw->opened);
	r = demo_measure(pw, "placement", "judicial",
	    demo_partner(pw, "children_establishment"), placed, b18 - 1);
	demo_set(r, "end_reason", "majority");
	r = demo_project(pw, "ppe", "Projet pour l'enfant", placed +
	    demo_range(&pw->rng, 20, 60), DATE_NONE, "Scolarité, autonomie.");
	demo_set(r, "status", "closed");
	demo_set_date(r, "end_date", b18 - 1);
	demo_event(pw, "majority_interview", b17 + demo_range(&pw->rng, 5, 40),
	    "Entretien à 17 ans : projet de CAP, demande de contrat jeune "
	    "majeur.", NULL);
	demo_measure(pw, "contrat_jeune_majeur", "administrative", NULL, b18,
	    date_add_years(b18, 1));
	demo_project(pw, "autonomy", "Projet d'accès à l'autonomie", b18,
	    T + demo_range(&pw->rng, 45, 200),
	    "Logement en FJT, CAP cuisine, ouverture des droits.");
	demo_involvement(pw, demo_partner(pw, "association"), "Mission locale",
	    b18, DATE_NONE, "consent");
	demo_event(pw, "situation_report", T - demo_range(&pw->rng, 5, 100),
	    "Bilan du contrat jeune majeur.", NULL);
	demo_recent_contacts(pw);
}

/* A family followed for housing and access to rights. */
void
demo_family(struct demo_pw *pw)
{
	date_t	start, c2s, dom;

	start = T - demo_range(&pw->rng, 60, 900);
	demo_start_file(pw, demo_born(pw, demo_range(&pw->rng, 22, 55), 0, 360),
	    start, demo_chance(&pw->rng, 80));
	demo_coordinator(pw, pw->opened);
	demo_granted(pw, "housing_aid", start, DATE_NONE);
	c2s = T - demo_range(&pw->rng, 10, 280);
	demo_granted(pw, "c2s", c2s, date_add_years(c2s, 1));
	if (demo_chance(&pw->rng, 30)) {
		dom = T - demo_range(&pw->rng, 10, 300);
		demo_granted(pw, "domiciliation", dom, date_add_years(dom, 1));
	}
	demo_involvement(pw, demo_partner(pw, "ccas"), "aides facultatives",
	    start, DATE_NONE, strcmp(record_get(pw->person, "consent"),
	    "given") == 0 ? "consent" : "social_work");
	if (demo_chance(&pw->rng, 60)) {
		date_t sent = T - demo_range(&pw->rng, 30, 300);

		demo_referral(pw, demo_partner(pw, "housing"), sent,
		    "Demande de logement social adapté", sent +
		    demo_range(&pw->rng, 10, 28), "Dossier enregistré, "
		    "passage en commission.");
	}
	demo_recent_contacts(pw);
}

/* A disabled child at school: AEEH, orientation, a PPS. */
static void
disabled_child(struct demo_pw *pw)
{
	date_t	birth, start;
	int	age = demo_range(&pw->rng, 4, 15);

	birth = demo_born(pw, age, 0, 360);
	start = demo_max_date(birth + 365, T - demo_range(&pw->rng, 60, 700));
	demo_start_file(pw, birth, start, true);
	demo_coordinator(pw, pw->opened);
	demo_granted(pw, "aeeh", start, date_add_years(start, 3));
	demo_granted(pw, "mdph_orientation", start, date_add_years(start, 3));
	demo_project(pw, "pps", "Projet personnalisé de scolarisation", start,
	    T + demo_range(&pw->rng, 45, 300), "ULIS, AESH 12 h par semaine.");
	demo_involvement(pw, demo_partner(pw, "school"), "scolarité", start,
	    DATE_NONE, "consent");
	demo_involvement(pw, demo_partner(pw, "mdph"), "AEEH et orientation",
	    start, DATE_NONE, "consent");
	demo_recent_contacts(pw);
}

/* A file closed in the last months, everything ended by then. */
static void
closed_file(struct demo_pw *pw)
{
	static const char *const reasons[] = { "goals_reached", "moved",
	    "handed_over", "refused" };
	date_t		 closed, opened;
	struct record	*c;

	closed = T - demo_range(&pw->rng, 20, 500);
	opened = closed - demo_range(&pw->rng, 90, 900);
	demo_start_file(pw, demo_born(pw, demo_range(&pw->rng, 19, 80), 0, 360),
	    opened, true);
	demo_set_date(pw->file, "closed_on", closed);
	demo_set(pw->file, "closing_reason", DEMO_PICK(&pw->rng, reasons));
	c = demo_coordinator(pw, opened);
	demo_set_date(c, "end_date", closed);
	demo_involvement(pw, demo_partner(pw, "ccas"), "aides facultatives",
	    opened, closed, "consent");
	demo_contacts(pw, closed - demo_range(&pw->rng, 0, 20),
	    demo_range(&pw->rng, 3, 8));
}

/* A healthy file of a random kind. */
void
demo_healthy(struct demo_pw *pw)
{
	int	k = demo_range(&pw->rng, 0, 99);

	if (k < 22)
		demo_child_protection(pw, demo_range(&pw->rng, 0, 16));
	else if (k < 24)
		demo_child_protection(pw, 17);
	else if (k < 44)
		demo_rsa_adult(pw);
	else if (k < 54)
		demo_disabled_adult(pw);
	else if (k < 66)
		demo_elderly(pw);
	else if (k < 73)
		demo_protected_adult(pw);
	else if (k < 77)
		young_adult(pw);
	else if (k < 86)
		demo_family(pw);
	else if (k < 91)
		disabled_child(pw);
	else
		closed_file(pw);
}

