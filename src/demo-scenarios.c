/*
 * The demo's broken files: each scenario builds a file that breaks one
 * rule of RULES.md (the table below, in the catalogue's order; some rules
 * have two, for their two severities or variants).  The first persons of
 * every demo are these scenarios, so a demo of the default size raises
 * every flag; about one in ten of the other persons is a scenario picked
 * at random, so that large databases carry a realistic load of flags.
 * Only the data model is shared with the rules (rules.c): a scenario
 * writes what a worker would record, never a flag.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "demo-gen.h"
#include "model.h"
#include "xmalloc.h"

#define T	(pw->g->today)

/* A partner whose name starts with prefix (the directory has it). */
static const char *
partner_named(struct demo_pw *pw, const char *prefix)
{
	size_t	i;

	for (i = 0; i < pw->g->npartners; i++)
		if (strncmp(pw->g->partners[i].name, prefix,
		    strlen(prefix)) == 0)
			return (pw->g->partners[i].id);
	return (demo_partner(pw, "other"));
}

/* A child's file with a measure from start to end, a PPE (unless
 * no_ppe) and a situation report on `report` (DATE_NONE: none). */
static void
child_file(struct demo_pw *pw, date_t birth, const char *kind,
    const char *nature, const char *partner_kind, date_t start, date_t end,
    bool ppe, date_t report)
{
	const char	*partner = partner_kind != NULL ?
	    demo_partner(pw, partner_kind) : NULL;

	demo_start_file(pw, birth, start - demo_range(&pw->rng, 10, 40), true);
	demo_coordinator(pw, pw->opened);
	demo_measure(pw, kind, nature, partner, start, end);
	if (ppe)
		demo_project(pw, "ppe", "Projet pour l'enfant", start +
		    demo_range(&pw->rng, 20, 60), T + demo_range(&pw->rng, 60,
		    200), "Stabilité du lieu de vie ; soins ; scolarité.");
	if (report != DATE_NONE)
		demo_event(pw, "situation_report", report, "Rapport de "
		    "situation transmis au juge.", NULL);
	if (date_age(birth, T) >= 3)
		demo_involvement(pw, demo_partner(pw, "school"), "scolarité",
		    start, DATE_NONE, "child_protection");
	demo_recent_contacts(pw);
}

/* NO_COORDINATOR, critical: nobody coordinates two partners' work. */
static void
s_no_coordinator(struct demo_pw *pw)
{
	demo_rsa_adult(pw);
	demo_remove(pw, demo_find(pw, &model_referent, "role", "coordinator"));
	demo_involvement(pw, demo_partner(pw, "ccas"), "aides facultatives",
	    demo_max_date(pw->opened, T - 200), DATE_NONE, "consent");
}

/* NO_COORDINATOR: a file opened without naming anyone. */
static void
s_no_coordinator_plain(struct demo_pw *pw)
{
	demo_family(pw);
	demo_remove(pw, demo_find(pw, &model_referent, "role", "coordinator"));
}

/* COORDINATOR_LEAVING: leaves in 20 days, no successor named. */
static void
s_coordinator_leaving(struct demo_pw *pw)
{
	demo_family(pw);
	demo_set_date(demo_find(pw, &model_referent, "role", "coordinator"),
	    "end_date", T + 20);
}

/* MULTIPLE_COORDINATORS: the MDPH's référent also marked coordinator. */
static void
s_multiple_coordinators(struct demo_pw *pw)
{
	demo_disabled_adult(pw);
	demo_referent(pw, "coordinator", demo_text(&pw->rng, DEMO_TEXT_PRO),
	    NULL, demo_partner(pw, "mdph"), demo_max_date(pw->opened, T - 100),
	    DATE_NONE);
}

/* HANDOVER_UNCONFIRMED: took over 45 days ago, no contact since. */
static void
s_handover(struct demo_pw *pw)
{
	struct record	*now, *before;
	size_t		 other = pw->worker == 2 ? 3 : 2;

	demo_rsa_adult(pw);
	now = demo_find(pw, &model_referent, "role", "coordinator");
	demo_set_date(now, "start_date", T - 45);
	demo_give_id(pw, now, T - 45);
	before = demo_referent(pw, "coordinator",
	    demo_users[other].display_name, demo_user_id(pw->g, other), NULL,
	    pw->opened, T - 46);
	demo_set(before, "successor_id", now->id);
	demo_drop_contacts_after(pw, T - 61);
	demo_event(pw, "contact", T - 60, demo_text(&pw->rng,
	    DEMO_TEXT_CONTACT), NULL);
	demo_event(pw, "note", T - 45, "Dossier repris à la suite de la "
	    "mutation de la précédente coordinatrice.", NULL);
}

/* NO_RECENT_CONTACT: nobody has seen the person for four months. */
static void
s_no_recent_contact(struct demo_pw *pw)
{
	demo_elderly(pw);
	demo_drop_contacts_after(pw, T - 125);
	demo_event(pw, "call", demo_max_date(pw->opened, T - 130), "Appel : la "
	    "personne ne répond plus, message laissé.", NULL);
}

/* NO_COORDINATION_MEETING: three partners, last synthèse ten months
 * ago. */
static void
s_no_meeting(struct demo_pw *pw)
{
	date_t	start;

	demo_start_file(pw, demo_born(pw, demo_range(&pw->rng, 30, 50), 0, 360),
	    T - 500, true);
	demo_coordinator(pw, pw->opened);
	start = T - 450;
	demo_granted(pw, "housing_aid", start, DATE_NONE);
	demo_involvement(pw, demo_partner(pw, "ccas"), "aides facultatives",
	    start, DATE_NONE, "consent");
	demo_involvement(pw, demo_partner(pw, "housing"), "impayés de loyer",
	    start, DATE_NONE, "consent");
	demo_involvement(pw, demo_partner(pw, "hospital"), "soins", start,
	    DATE_NONE, "consent");
	demo_meeting(pw, T - 300, "MDS, CCAS, bailleur, hôpital");
	demo_recent_contacts(pw);
}

/* REFERRAL_UNANSWERED: sent 45 days ago, no answer. */
static void
s_referral(struct demo_pw *pw)
{
	demo_family(pw);
	demo_referral(pw, demo_partner(pw, "housing"), T - 45, "Demande "
	    "d'accompagnement social lié au logement", DATE_NONE, NULL);
}

/* CONSENT_MISSING: the hospital shares information, nothing recorded. */
static void
s_consent(struct demo_pw *pw)
{
	struct record	*r;

	demo_family(pw);
	demo_set(pw->person, "consent", "unknown");
	demo_set(pw->person, "consent_date", NULL);
	demo_set(demo_find(pw, &model_involvement, NULL, NULL), "legal_basis",
	    "social_work");
	r = demo_involvement(pw, demo_partner(pw, "hospital"), "soins",
	    demo_max_date(pw->opened, T - 60), DATE_NONE, "none");
	demo_set(r, "shares_info", "1");
}

/* PROJECT_REVIEW_OVERDUE: a PPC whose review was due 20 days ago. */
static void
s_review(struct demo_pw *pw)
{
	demo_disabled_adult(pw);
	demo_set_date(demo_find(pw, &model_project, "kind", "ppc"),
	    "next_review", T - 20);
}

/* PROJECT_REVIEW_OVERDUE, warning: a PPE to review in 15 days. */
static void
s_review_warn(struct demo_pw *pw)
{
	demo_child_protection(pw, 8);
	demo_set_date(demo_find(pw, &model_project, "kind", "ppe"),
	    "next_review", T + 15);
}

/* CLOSED_WITH_ACTIVE_ITEMS: closed as "moved", nothing handed over. */
static void
s_closed_active(struct demo_pw *pw)
{
	demo_disabled_adult(pw);
	demo_drop_contacts_after(pw, T - 31);
	demo_event(pw, "contact", T - 31, "La personne annonce son "
	    "déménagement dans un autre département.", NULL);
	demo_set_date(pw->file, "closed_on", T - 30);
	demo_set(pw->file, "closing_reason", "moved");
}

/* PPE_NOT_ESTABLISHED: an AEMO for 100 days, no PPE. */
static void
s_no_ppe(struct demo_pw *pw)
{
	child_file(pw, demo_born(pw, 6, 0, 300), "aemo", "judicial",
	    "association", T - 100, date_add_years(T - 100, 2), false,
	    DATE_NONE);
}

/* PPE_NOT_ESTABLISHED, warning: placed 65 days ago, no PPE yet. */
static void
s_no_ppe_warn(struct demo_pw *pw)
{
	child_file(pw, demo_born(pw, 12, 0, 300), "placement", "judicial",
	    "children_establishment", T - 65, date_add_years(T - 65, 2),
	    false, DATE_NONE);
}

/* SITUATION_REPORT_OVERDUE: last report 13 months ago. */
static void
s_report(struct demo_pw *pw)
{
	child_file(pw, demo_born(pw, 8, 0, 300), "placement", "judicial",
	    "foster_care", T - 540, date_add_years(T - 540, 2), true, T - 400);
}

/* SITUATION_REPORT_OVERDUE: a two-year-old, last report 200 days ago. */
static void
s_report_young(struct demo_pw *pw)
{
	child_file(pw, demo_born(pw, 2, 0, 60), "placement", "judicial",
	    "foster_care", T - 300, date_add_years(T - 300, 2), true, T - 200);
}

/* MEASURE_EXPIRY: an AED ends in 45 days, no renewal requested. */
static void
s_measure_expiry(struct demo_pw *pw)
{
	child_file(pw, demo_born(pw, 9, 0, 300), "aed", "administrative", NULL,
	    T - 320, T + 45, true, T - 60);
}

/* MEASURE_EXPIRY, critical: an AEMO ended 15 days ago, the child still
 * followed. */
static void
s_measure_lapsed(struct demo_pw *pw)
{
	child_file(pw, demo_born(pw, 12, 0, 300), "aemo", "judicial",
	    "association", T - 745, T - 15, true, T - 120);
}

/* PLACEMENT_INSTABILITY: four places in fourteen months. */
static void
s_instability(struct demo_pw *pw)
{
	date_t			 birth = demo_born(pw, 11, 0, 300);
	static const date_t	 starts[] = { -420, -300, -180, -60 };
	struct record		*m[4];
	const char		*place[4];
	size_t			 i;

	demo_start_file(pw, birth, T - 440, true);
	demo_coordinator(pw, pw->opened);
	place[0] = partner_named(pw, "MECS La Passerelle");
	place[1] = demo_partner(pw, "foster_care");
	place[2] = partner_named(pw, "MECS Le Relais");
	place[3] = demo_partner(pw, "foster_care");
	/* Each place ends when the next one takes the child over. */
	for (i = 0; i < nitems(m); i++) {
		m[i] = demo_measure(pw, "placement", "judicial", place[i],
		    T + starts[i], i + 1 < nitems(m) ? T + starts[i + 1] - 1 :
		    date_add_years(T + starts[i], 2));
		if (i > 0) {
			demo_set(m[i - 1], "end_reason", "relayed");
			demo_set(m[i - 1], "relayed_to",
			    demo_partner_name(pw->g, place[i]));
		}
	}
	demo_project(pw, "ppe", "Projet pour l'enfant", T - 390, T + 90,
	    "Trouver un lieu d'accueil stable ; soins au CMP.");
	demo_event(pw, "situation_report", T - 100, "Rapport de situation : "
	    "quatrième lieu d'accueil en un an.", NULL);
	demo_involvement(pw, demo_partner(pw, "school"), "scolarité", T - 420,
	    DATE_NONE, "child_protection");
	demo_recent_contacts(pw);
}

/* MAJORITY_INTERVIEW_MISSING: placed, 17 and four months, no
 * interview. */
static void
s_majority(struct demo_pw *pw)
{
	date_t	birth = demo_born(pw, 17, 4, 10);

	child_file(pw, birth, "placement", "judicial",
	    "children_establishment", T - 700, date_birthday(birth, 18) - 1,
	    true, T - 90);
}

/* CARE_LEAVER_WITHOUT_SUPPORT: left care at 18, five months ago, with
 * nothing since. */
static void
s_care_leaver(struct demo_pw *pw)
{
	struct record	*r;
	date_t		 birth = demo_born(pw, 18, 5, 10), b18, placed;

	b18 = date_birthday(birth, 18);
	placed = date_add_years(b18, -5);
	demo_start_file(pw, birth, placed - 20, true);
	demo_coordinator(pw, pw->opened);
	r = demo_measure(pw, "placement", "judicial",
	    demo_partner(pw, "children_establishment"), placed, b18 - 1);
	demo_set(r, "end_reason", "majority");
	r = demo_project(pw, "ppe", "Projet pour l'enfant", placed + 40,
	    DATE_NONE, "Scolarité ; préparer la majorité.");
	demo_set(r, "status", "closed");
	demo_set_date(r, "end_date", b18 - 1);
	demo_event(pw, "majority_interview", date_birthday(birth, 17) + 10,
	    "Entretien à 17 ans : souhaite partir à sa majorité.", NULL);
	demo_contacts(pw, b18 - 5, 6);
}

/* ADULT_PROTECTION_EXPIRY: a curatelle ends in four months. */
static void
s_protection_expiry(struct demo_pw *pw)
{
	struct record	*m;

	demo_protected_adult(pw);
	m = demo_find(pw, &model_measure, "nature", "judicial");
	demo_set(m, "kind", "curatelle");
	demo_set_date(m, "end_date", T + 120);
	demo_set_date(m, "start_date", date_add_years(T + 120, -5));
}

/* MASP_TERM_REACHED: a MASP ends in 40 days, not evaluated. */
static void
s_masp(struct demo_pw *pw)
{
	demo_rsa_adult(pw);
	demo_measure(pw, "masp", "administrative", NULL, T - 300, T + 40);
}

/* MASP_TERM_REACHED: MASPs adding up to four years. */
static void
s_masp_total(struct demo_pw *pw)
{
	demo_rsa_adult(pw);
	if (pw->opened > T - 1400) {
		pw->opened = T - 1400;
		demo_set_date(pw->file, "opened_on", pw->opened);
	}
	struct record	*r;

	r = demo_measure(pw, "masp", "administrative", NULL, T - 1340,
	    T - 611);
	demo_set(r, "end_reason", "renewed");
	demo_measure(pw, "masp", "administrative", NULL, T - 610, T + 120);
}

/* The RSA right of an rsa_adult, reset to start on start. */
static struct record *
rsa_right(struct demo_pw *pw, date_t start)
{
	struct record	*r = demo_find(pw, &model_right, "kind", "rsa");
	struct record	*p;

	while ((p = demo_find(pw, &model_project, "kind",
	    "contrat_engagement")) != NULL)
		demo_remove(pw, p);
	demo_set_date(r, "filed_on", start - 30);
	demo_set_date(r, "decision_on", start - 5);
	demo_set_date(r, "start_date", start);
	demo_set(r, "orientation", NULL);
	demo_set(r, "oriented_on", NULL);
	return (r);
}

/* RSA_CONTRACT_MISSING: oriented to the department two months ago. */
static void
s_rsa_contract(struct demo_pw *pw)
{
	struct record	*r;

	demo_rsa_adult(pw);
	r = rsa_right(pw, T - 120);
	demo_set(r, "orientation", "department");
	demo_set_date(r, "oriented_on", T - 60);
}

/* RSA_ORIENTATION_OVERDUE: RSA for ten weeks, not oriented. */
static void
s_rsa_orientation(struct demo_pw *pw)
{
	demo_rsa_adult(pw);
	rsa_right(pw, T - 70);
}

/* RIGHT_EXPIRY: AAH ends in 100 days, no renewal filed. */
static void
s_right_expiry(struct demo_pw *pw)
{
	struct record	*r;

	demo_disabled_adult(pw);
	r = demo_find(pw, &model_right, "kind", "aah");
	demo_set(r, "for_life", "0");
	demo_set_date(r, "end_date", T + 100);
	demo_set_date(r, "start_date", date_add_years(T + 100, -5));
	demo_set_date(r, "decision_on", date_add_years(T + 100, -5) - 10);
	demo_set_date(r, "filed_on", date_add_years(T + 100, -5) - 60);
}

/* RIGHT_EXPIRY: C2S in 30 days and domiciliation in 20. */
static void
s_right_expiry_short(struct demo_pw *pw)
{
	struct record	*r;

	demo_family(pw);
	r = demo_find(pw, &model_right, "kind", "c2s");
	demo_set_date(r, "end_date", T + 30);
	demo_set_date(r, "start_date", date_add_years(T + 30, -1));
	demo_set_date(r, "decision_on", date_add_years(T + 30, -1));
	demo_set_date(r, "filed_on", date_add_years(T + 30, -1) - 30);
	while ((r = demo_find(pw, &model_right, "kind", "domiciliation")) !=
	    NULL)
		demo_remove(pw, r);
	demo_granted(pw, "domiciliation", date_add_years(T + 20, -1), T + 20);
}

/* DECISION_OVERDUE: a PCH request at the MDPH for five months. */
static void
s_decision_mdph(struct demo_pw *pw)
{
	demo_disabled_adult(pw);
	while (demo_find(pw, &model_right, "kind", "pch") != NULL)
		demo_remove(pw, demo_find(pw, &model_right, "kind", "pch"));
	demo_right(pw, "pch", "requested", T - 150, DATE_NONE, DATE_NONE,
	    DATE_NONE);
}

/* DECISION_OVERDUE: APA, file complete 75 days ago, no decision. */
static void
s_decision_apa(struct demo_pw *pw)
{
	struct record	*r;

	demo_start_file(pw, demo_born(pw, demo_range(&pw->rng, 75, 88), 0, 360),
	    T - 100, true);
	demo_coordinator(pw, pw->opened);
	r = demo_right(pw, "apa", "requested", T - 95, DATE_NONE, DATE_NONE,
	    DATE_NONE);
	demo_set_date(r, "complete_on", T - 75);
	demo_involvement(pw, demo_partner(pw, "ccas"), "aides facultatives",
	    T - 100, DATE_NONE, "consent");
	demo_recent_contacts(pw);
}

/* DECISION_OVERDUE: domiciliation asked for 70 days ago. */
static void
s_decision_dom(struct demo_pw *pw)
{
	demo_family(pw);
	while (demo_find(pw, &model_right, "kind", "domiciliation") != NULL)
		demo_remove(pw, demo_find(pw, &model_right, "kind",
		    "domiciliation"));
	demo_right(pw, "domiciliation", "requested", T - 70, DATE_NONE,
	    DATE_NONE, DATE_NONE);
}

/* CRETON_TRANSITION: a young adult still at the IME, no adult
 * orientation asked (at 20 and five months, or at 18). */
static void
creton(struct demo_pw *pw, int years, int months)
{
	date_t	birth = demo_born(pw, years, months, 10), start;

	start = date_birthday(birth, 9);
	demo_start_file(pw, birth, start - 30, true);
	demo_coordinator(pw, demo_max_date(pw->opened, T - 900));
	demo_granted(pw, "mdph_orientation", start, T + 700);
	if (years >= 20)
		demo_granted(pw, "aah", date_birthday(birth, 20),
		    date_add_years(date_birthday(birth, 20), 5));
	demo_involvement(pw, partner_named(pw, "IME"), "accueil en IME", start,
	    DATE_NONE, "consent");
	demo_recent_contacts(pw);
}

static void
s_creton(struct demo_pw *pw)
{
	creton(pw, 20, 5);
}

static void
s_creton_18(struct demo_pw *pw)
{
	creton(pw, 18, 4);
}

/* AGE_60_PCH_APA_CHOICE: PCH, 60 in two months, no choice recorded. */
static void
s_age60(struct demo_pw *pw)
{
	struct record	*r;
	date_t		 start = T - 800;

	demo_start_file(pw, demo_born(pw, 59, 10, 5), start - 20, true);
	demo_coordinator(pw, pw->opened);
	r = demo_granted(pw, "aah", start, DATE_NONE);
	demo_set(r, "for_life", "1");
	demo_granted(pw, "pch", start, T + 1000);
	demo_project(pw, "ppc", "Plan personnalisé de compensation", start,
	    T + 120, "Aide humaine 3 h par jour.");
	demo_involvement(pw, demo_partner(pw, "mdph"), "PCH", start, DATE_NONE,
	    "consent");
	demo_recent_contacts(pw);
}

/* APA_REVIEW_OVERDUE: the APA plan was to be reviewed a month ago. */
static void
s_apa_review(struct demo_pw *pw)
{
	demo_elderly(pw);
	demo_set_date(demo_find(pw, &model_project, "kind", "apa_plan"),
	    "next_review", T - 30);
}

/* RETENTION_DUE: closed 800 days ago, nothing since. */
static void
s_retention(struct demo_pw *pw)
{
	struct record	*c;
	date_t		 closed = T - 800;

	demo_start_file(pw, demo_born(pw, demo_range(&pw->rng, 25, 70), 0, 360),
	    closed - 600, true);
	demo_set_date(pw->file, "closed_on", closed);
	demo_set(pw->file, "closing_reason", "goals_reached");
	c = demo_coordinator(pw, pw->opened);
	demo_set_date(c, "end_date", closed);
	demo_involvement(pw, demo_partner(pw, "ccas"), "aides facultatives",
	    pw->opened, closed, "consent");
	demo_contacts(pw, closed - 10, 6);
}

static const struct scenario {
	const char	*rule;
	void		(*build)(struct demo_pw *);
} scenarios[] = {
	{ "NO_COORDINATOR", s_no_coordinator },
	{ "NO_COORDINATOR", s_no_coordinator_plain },
	{ "COORDINATOR_LEAVING", s_coordinator_leaving },
	{ "MULTIPLE_COORDINATORS", s_multiple_coordinators },
	{ "HANDOVER_UNCONFIRMED", s_handover },
	{ "NO_RECENT_CONTACT", s_no_recent_contact },
	{ "NO_COORDINATION_MEETING", s_no_meeting },
	{ "REFERRAL_UNANSWERED", s_referral },
	{ "CONSENT_MISSING", s_consent },
	{ "PROJECT_REVIEW_OVERDUE", s_review },
	{ "PROJECT_REVIEW_OVERDUE", s_review_warn },
	{ "CLOSED_WITH_ACTIVE_ITEMS", s_closed_active },
	{ "PPE_NOT_ESTABLISHED", s_no_ppe },
	{ "PPE_NOT_ESTABLISHED", s_no_ppe_warn },
	{ "SITUATION_REPORT_OVERDUE", s_report },
	{ "SITUATION_REPORT_OVERDUE", s_report_young },
	{ "MEASURE_EXPIRY", s_measure_expiry },
	{ "MEASURE_EXPIRY", s_measure_lapsed },
	{ "PLACEMENT_INSTABILITY", s_instability },
	{ "MAJORITY_INTERVIEW_MISSING", s_majority },
	{ "CARE_LEAVER_WITHOUT_SUPPORT", s_care_leaver },
	{ "ADULT_PROTECTION_EXPIRY", s_protection_expiry },
	{ "MASP_TERM_REACHED", s_masp },
	{ "MASP_TERM_REACHED", s_masp_total },
	{ "RSA_CONTRACT_MISSING", s_rsa_contract },
	{ "RSA_ORIENTATION_OVERDUE", s_rsa_orientation },
	{ "RIGHT_EXPIRY", s_right_expiry },
	{ "RIGHT_EXPIRY", s_right_expiry_short },
	{ "DECISION_OVERDUE", s_decision_mdph },
	{ "DECISION_OVERDUE", s_decision_apa },
	{ "DECISION_OVERDUE", s_decision_dom },
	{ "CRETON_TRANSITION", s_creton },
	{ "CRETON_TRANSITION", s_creton_18 },
	{ "AGE_60_PCH_APA_CHOICE", s_age60 },
	{ "APA_REVIEW_OVERDUE", s_apa_review },
	{ "RETENTION_DUE", s_retention },
};

size_t
demo_scenario_count(void)
{
	return (nitems(scenarios));
}

void
demo_build_person(struct demo_pw *pw, size_t index, bool *scenario)
{
	size_t	n = nitems(scenarios);

	*scenario = true;
	if (index < n)
		scenarios[index].build(pw);
	else if (demo_chance(&pw->rng, 10))
		scenarios[demo_range(&pw->rng, 0, (int)n - 1)].build(pw);
	else {
		demo_healthy(pw);
		*scenario = false;
	}
}
