/*
 * The records of a pathway file: referents (above all the coordinating
 * référent de parcours), individualised projects, support and protection
 * measures, rights, partner involvements, the journal and referrals.  Each
 * belongs to one person.  The enumerations follow the catalogue of gap
 * rules (RULES.md): the rules read these values.
 */
#include "config.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "session.h"
#include "xmalloc.h"

#define PERSON_FIELD \
	{ "person_id", FT_REF, FF_REQUIRED | FF_FIXED | FF_PARENT, 0, NULL, \
	  "person", N_("Person"), NULL }

/* Referents ------------------------------------------------------------- */

static const struct enum_value referent_roles[] = {
	{ "coordinator", N_("coordinator (référent de parcours)") },
	{ "rsa", N_("RSA référent unique") },
	{ "ase", N_("ASE référent (child protection)") },
	{ "mdph", N_("MDPH référent") },
	{ "guardian", N_("guardian (MJPM)") },
	{ "school", N_("school référent") },
	{ "health", N_("health professional") },
	{ "housing", N_("housing référent") },
	{ "other", N_("other") },
	{ NULL, NULL }
};

static const struct field referent_fields[] = {
	PERSON_FIELD,
	{ "role", FT_ENUM, FF_REQUIRED | FF_LIST, 0, referent_roles, NULL,
	  N_("Role"), NULL },
	{ "name", FT_TEXT, FF_REQUIRED | FF_LIST, 200, NULL, NULL,
	  N_("Professional"), NULL },
	{ "user_id", FT_REF, 0, 0, NULL, "user", N_("parcours user"), NULL },
	{ "partner_id", FT_REF, FF_LIST, 0, NULL, "partner",
	  N_("Organisation"), NULL },
	{ "phone", FT_TEXT, 0, 40, NULL, NULL, N_("Phone"), NULL },
	{ "email", FT_TEXT, 0, 200, NULL, NULL, N_("Email"), NULL },
	{ "start_date", FT_DATE, FF_REQUIRED | FF_LIST, 0, NULL, NULL,
	  N_("Start"), NULL },
	{ "end_date", FT_DATE, FF_LIST, 0, NULL, NULL, N_("End"), NULL },
	{ "successor_id", FT_REF, 0, 0, NULL, "referent", N_("Successor"),
	  NULL },
};

static const struct date_order period_orders[] = {
	{ "start_date", "end_date" },
	{ NULL, NULL }
};

/* A successor is another referent of the same person. */
static int
referent_check(struct session *s, struct record *r, char **cause)
{
	const char	*succ = record_get(r, "successor_id");
	struct record	*other = NULL;
	int		 rc = 0;

	if (succ == NULL)
		return (0);
	if (r->id != NULL && strcmp(succ, r->id) == 0) {
		set_cause(cause, _("successor_id: a referent cannot succeed "
		    "themselves"));
		return (-1);
	}
	if (model_get(s, &model_referent, succ, &other, NULL) == 0 &&
	    strcmp(record_get(other, "person_id"),
	    record_get(r, "person_id")) != 0) {
		set_cause(cause, _("successor_id: the successor is a referent "
		    "of another person"));
		rc = -1;
	}
	record_free(other);
	return (rc);
}

const struct entity model_referent = {
	"referent", "referents", "referents", N_("referent"),
	referent_fields, nitems(referent_fields), period_orders,
	"end_date", NULL, false, referent_check, NULL
};

/* Projects -------------------------------------------------------------- */

static const struct enum_value project_kinds[] = {
	{ "ppe", N_("projet pour l'enfant (PPE)") },
	{ "contrat_engagement", N_("contrat d'engagement (RSA)") },
	{ "ppc", N_("plan personnalisé de compensation (PPC)") },
	{ "pps", N_("projet personnalisé de scolarisation (PPS)") },
	{ "apa_plan", N_("plan d'aide APA") },
	{ "masp", N_("contrat MASP") },
	{ "autonomy", N_("projet d'accès à l'autonomie") },
	{ "other", N_("other project") },
	{ NULL, NULL }
};

static const struct enum_value project_status[] = {
	{ "draft", N_("being drawn up") },
	{ "active", N_("active") },
	{ "closed", N_("closed") },
	{ NULL, NULL }
};

static const struct field project_fields[] = {
	PERSON_FIELD,
	{ "kind", FT_ENUM, FF_REQUIRED | FF_LIST, 0, project_kinds, NULL,
	  N_("Kind"), NULL },
	{ "title", FT_TEXT, FF_LIST, 200, NULL, NULL, N_("Title"), NULL },
	{ "status", FT_ENUM, FF_REQUIRED | FF_LIST, 0, project_status, NULL,
	  N_("Status"), "active" },
	{ "signed_on", FT_DATE, 0, 0, NULL, NULL, N_("Signed on"), NULL },
	{ "start_date", FT_DATE, FF_LIST, 0, NULL, NULL, N_("Start"), NULL },
	{ "end_date", FT_DATE, FF_LIST, 0, NULL, NULL, N_("End"), NULL },
	{ "next_review", FT_DATE, FF_LIST, 0, NULL, NULL, N_("Next review"),
	  NULL },
	{ "objectives", FT_LONGTEXT, 0, 10000, NULL, NULL, N_("Objectives"),
	  NULL },
};

const struct entity model_project = {
	"project", "projects", "projects", N_("project"),
	project_fields, nitems(project_fields), period_orders,
	"end_date", NULL, false, NULL, NULL
};

/* How a measure or a right ended (RULES.md, Clarifications): any reason
 * but "renewed" and "unknown" says the end was decided, which settles the
 * rules that ask for a renewal; "majority" hands a child's measure over
 * to CARE_LEAVER_WITHOUT_SUPPORT. */
static const struct enum_value end_reasons[] = {
	{ "lifted", N_("lifted or not renewed (mainlevée)") },
	{ "goals_reached", N_("goals reached, return home") },
	{ "relayed", N_("relayed by another service") },
	{ "moved", N_("moved out of the department") },
	{ "majority", N_("majority") },
	{ "deceased", N_("deceased") },
	{ "renewed", N_("renewed") },
	{ "unknown", N_("not recorded") },
	{ NULL, NULL }
};

#define END_REASON_FIELDS \
	{ "end_reason", FT_ENUM, 0, 0, end_reasons, NULL, N_("End reason"), \
	  NULL }, \
	{ "relayed_to", FT_TEXT, 0, 200, NULL, NULL, N_("Relayed by"), \
	  NULL }

/*
 * An end reason goes with an end date, and the service that took over
 * with the reason "relayed" (which names it).
 */
static int
end_reason_check(struct record *r, char **cause)
{
	const char	*reason = record_get(r, "end_reason");
	const char	*relay = record_get(r, "relayed_to");

	if (reason != NULL && record_get(r, "end_date") == NULL) {
		set_cause(cause, _("end_reason: a record with no end date has "
		    "no end reason"));
		return (-1);
	}
	if (reason != NULL && strcmp(reason, "relayed") == 0 &&
	    relay == NULL) {
		set_cause(cause, _("relayed_to: required when the end reason "
		    "is \"relayed\": name the service that takes over"));
		return (-1);
	}
	if (relay != NULL && (reason == NULL ||
	    strcmp(reason, "relayed") != 0)) {
		set_cause(cause, _("relayed_to: only with the end reason "
		    "\"relayed\""));
		return (-1);
	}
	return (0);
}

/* Measures -------------------------------------------------------------- */

static const struct enum_value measure_kinds[] = {
	{ "aed", N_("AED (aide éducative à domicile)") },
	{ "aemo", N_("AEMO (action éducative en milieu ouvert)") },
	{ "placement", N_("placement") },
	{ "accueil_provisoire", N_("accueil provisoire") },
	{ "delegation", N_("délégation d'autorité parentale to the ASE") },
	{ "financial_aid", N_("ASE financial aid") },
	{ "contrat_jeune_majeur", N_("contrat jeune majeur") },
	{ "tutelle", N_("tutelle") },
	{ "curatelle", N_("curatelle") },
	{ "sauvegarde", N_("sauvegarde de justice") },
	{ "masp", N_("MASP") },
	{ "maj", N_("MAJ (mesure d'accompagnement judiciaire)") },
	{ "savs", N_("SAVS") },
	{ "samsah", N_("SAMSAH") },
	{ "aide_domicile", N_("aide à domicile") },
	{ "other", N_("other measure") },
	{ NULL, NULL }
};

static const struct enum_value measure_natures[] = {
	{ "administrative", N_("administrative") },
	{ "judicial", N_("judicial") },
	{ NULL, NULL }
};

static const struct field measure_fields[] = {
	PERSON_FIELD,
	{ "kind", FT_ENUM, FF_REQUIRED | FF_LIST, 0, measure_kinds, NULL,
	  N_("Kind"), NULL },
	{ "nature", FT_ENUM, FF_REQUIRED | FF_LIST, 0, measure_natures, NULL,
	  N_("Nature"), NULL },
	{ "partner_id", FT_REF, FF_LIST, 0, NULL, "partner",
	  N_("Carried by"), NULL },
	{ "place", FT_TEXT, 0, 200, NULL, NULL, N_("Place"), NULL },
	{ "start_date", FT_DATE, FF_REQUIRED | FF_LIST, 0, NULL, NULL,
	  N_("Start"), NULL },
	{ "end_date", FT_DATE, FF_LIST, 0, NULL, NULL, N_("End"), NULL },
	END_REASON_FIELDS,
	{ "renewal_requested_on", FT_DATE, 0, 0, NULL, NULL,
	  N_("Renewal requested on"), NULL },
	{ "hearing_date", FT_DATE, 0, 0, NULL, NULL, N_("Hearing date"),
	  NULL },
	{ "notes", FT_LONGTEXT, 0, 10000, NULL, NULL, N_("Notes"), NULL },
};

static int
measure_check(struct session *s, struct record *r, char **cause)
{
	(void)s;
	return (end_reason_check(r, cause));
}

const struct entity model_measure = {
	"measure", "measures", "measures", N_("measure"),
	measure_fields, nitems(measure_fields), period_orders,
	"end_date", "end_reason", false, measure_check, NULL
};

/* Rights ---------------------------------------------------------------- */

static const struct enum_value right_kinds[] = {
	{ "rsa", N_("RSA") },
	{ "aah", N_("AAH") },
	{ "pch", N_("PCH") },
	{ "aeeh", N_("AEEH") },
	{ "rqth", N_("RQTH") },
	{ "mdph_orientation", N_("MDPH orientation") },
	{ "adult_orientation", N_("orientation to an adult establishment") },
	{ "apa", N_("APA") },
	{ "c2s", N_("C2S (complémentaire santé solidaire)") },
	{ "domiciliation", N_("domiciliation") },
	{ "housing_aid", N_("housing aid (APL/ALS/ALF)") },
	{ "other", N_("other right") },
	{ NULL, NULL }
};

static const struct enum_value right_status[] = {
	{ "requested", N_("requested") },
	{ "granted", N_("granted") },
	{ "refused", N_("refused") },
	{ NULL, NULL }
};

static const struct enum_value rsa_orientations[] = {
	{ "department", N_("department (social pathway)") },
	{ "france_travail", N_("France Travail (professional pathway)") },
	{ "other", N_("other organisation") },
	{ NULL, NULL }
};

static const struct field right_fields[] = {
	PERSON_FIELD,
	{ "kind", FT_ENUM, FF_REQUIRED | FF_LIST, 0, right_kinds, NULL,
	  N_("Kind"), NULL },
	{ "status", FT_ENUM, FF_REQUIRED | FF_LIST, 0, right_status, NULL,
	  N_("Status"), NULL },
	{ "filed_on", FT_DATE, 0, 0, NULL, NULL, N_("Filed on"), NULL },
	{ "complete_on", FT_DATE, 0, 0, NULL, NULL, N_("File complete on"),
	  NULL },
	{ "decision_on", FT_DATE, 0, 0, NULL, NULL, N_("Decision on"), NULL },
	{ "start_date", FT_DATE, FF_LIST, 0, NULL, NULL, N_("Start"), NULL },
	{ "end_date", FT_DATE, FF_LIST, 0, NULL, NULL, N_("End"), NULL },
	END_REASON_FIELDS,
	{ "for_life", FT_BOOL, 0, 0, NULL, NULL, N_("Granted for life"),
	  "0" },
	{ "renewal_requested_on", FT_DATE, 0, 0, NULL, NULL,
	  N_("Renewal requested on"), NULL },
	{ "orientation", FT_ENUM, 0, 0, rsa_orientations, NULL,
	  N_("RSA orientation"), NULL },
	{ "oriented_on", FT_DATE, 0, 0, NULL, NULL, N_("Oriented on"), NULL },
	{ "notes", FT_LONGTEXT, 0, 10000, NULL, NULL, N_("Notes"), NULL },
};

static const struct date_order right_orders[] = {
	{ "start_date", "end_date" },
	{ "filed_on", "decision_on" },
	{ "filed_on", "complete_on" },
	{ NULL, NULL }
};

/* A right granted for life has no end; a decision needs a decision date
 * only once it is known, but a refused right has no period. */
static int
right_check(struct session *s, struct record *r, char **cause)
{
	const char	*life = record_get(r, "for_life");
	const char	*status = record_get(r, "status");

	(void)s;
	if (life != NULL && strcmp(life, "1") == 0 &&
	    record_get(r, "end_date") != NULL) {
		set_cause(cause, _("end_date: a right granted for life has no "
		    "end date"));
		return (-1);
	}
	if (status != NULL && strcmp(status, "refused") == 0 &&
	    record_get(r, "start_date") != NULL) {
		set_cause(cause, _("start_date: a refused right has no start "
		    "date"));
		return (-1);
	}
	if (record_get(r, "oriented_on") != NULL &&
	    record_get(r, "orientation") == NULL) {
		set_cause(cause, _("orientation: required with oriented_on"));
		return (-1);
	}
	return (end_reason_check(r, cause));
}

const struct entity model_right = {
	"right", "rights", "rights", N_("right"),
	right_fields, nitems(right_fields), right_orders,
	"end_date", "end_reason", false, right_check, NULL
};

/* Involvements ---------------------------------------------------------- */

static const struct enum_value legal_bases[] = {
	{ "none", N_("none recorded") },
	{ "consent", N_("consent of the person") },
	{ "child_protection", N_("shared secret in child protection "
	    "(L.226-2-2 CASF)") },
	{ "social_work", N_("shared information in social work "
	    "(L.121-6-2 CASF)") },
	{ "court_order", N_("court decision") },
	{ NULL, NULL }
};

static const struct field involvement_fields[] = {
	PERSON_FIELD,
	{ "partner_id", FT_REF, FF_REQUIRED | FF_LIST, 0, NULL, "partner",
	  N_("Partner"), NULL },
	{ "contact_name", FT_TEXT, FF_LIST, 200, NULL, NULL,
	  N_("Contact person"), NULL },
	{ "purpose", FT_TEXT, FF_LIST, 300, NULL, NULL, N_("Purpose"), NULL },
	{ "start_date", FT_DATE, FF_REQUIRED | FF_LIST, 0, NULL, NULL,
	  N_("Start"), NULL },
	{ "end_date", FT_DATE, FF_LIST, 0, NULL, NULL, N_("End"), NULL },
	{ "shares_info", FT_BOOL, FF_LIST, 0, NULL, NULL,
	  N_("Shares information"), "0" },
	{ "legal_basis", FT_ENUM, FF_LIST, 0, legal_bases, NULL,
	  N_("Consent or legal basis"), "none" },
};

const struct entity model_involvement = {
	"involvement", "involvements", "involvements", N_("involvement"),
	involvement_fields, nitems(involvement_fields), period_orders,
	"end_date", NULL, false, NULL, NULL
};

/* Events (the journal) -------------------------------------------------- */

static const struct enum_value event_kinds[] = {
	{ "contact", N_("contact with the person") },
	{ "home_visit", N_("home visit") },
	{ "call", N_("phone call") },
	{ "coordination_meeting", N_("coordination meeting (synthèse)") },
	{ "situation_report", N_("situation report") },
	{ "majority_interview", N_("majority interview (entretien à 17 ans)") },
	{ "pch_apa_choice", N_("choice between PCH and APA recorded") },
	{ "follow_up", N_("follow-up after leaving care") },
	{ "handover", N_("handover between coordinators") },
	{ "note", N_("note") },
	{ NULL, NULL }
};

static const struct field event_fields[] = {
	PERSON_FIELD,
	{ "kind", FT_ENUM, FF_REQUIRED | FF_LIST, 0, event_kinds, NULL,
	  N_("Kind"), NULL },
	{ "date", FT_DATE, FF_REQUIRED | FF_LIST, 0, NULL, NULL, N_("Date"),
	  NULL },
	{ "participants", FT_TEXT, FF_LIST, 500, NULL, NULL,
	  N_("Participants"), NULL },
	{ "text", FT_LONGTEXT, 0, 100000, NULL, NULL, N_("Text"), NULL },
};

/* The journal records what happened, not what is planned. */
static int
event_check(struct session *s, struct record *r, char **cause)
{
	const char	*when = record_get(r, "date");
	date_t		 d;

	(void)s;
	if (when != NULL && date_parse_iso(when, &d, NULL) == 0 &&
	    d > date_today()) {
		set_cause(cause, _("date: a journal entry cannot be in the "
		    "future: \"%s\""), when);
		return (-1);
	}
	return (0);
}

const struct entity model_event = {
	"event", "events", "events", N_("journal entry"),
	event_fields, nitems(event_fields), NULL,
	NULL, NULL, false, event_check, NULL
};

/* Referrals ------------------------------------------------------------- */

static const struct enum_value referral_status[] = {
	{ "sent", N_("sent, awaiting an answer") },
	{ "accepted", N_("accepted") },
	{ "refused", N_("refused") },
	{ "cancelled", N_("cancelled") },
	{ NULL, NULL }
};

static const struct field referral_fields[] = {
	PERSON_FIELD,
	{ "partner_id", FT_REF, FF_REQUIRED | FF_LIST, 0, NULL, "partner",
	  N_("Partner"), NULL },
	{ "sent_on", FT_DATE, FF_REQUIRED | FF_LIST, 0, NULL, NULL,
	  N_("Sent on"), NULL },
	{ "reason", FT_TEXT, FF_REQUIRED | FF_LIST, 500, NULL, NULL,
	  N_("Reason"), NULL },
	{ "status", FT_ENUM, FF_REQUIRED | FF_LIST, 0, referral_status, NULL,
	  N_("Status"), "sent" },
	{ "answered_on", FT_DATE, FF_LIST, 0, NULL, NULL, N_("Answered on"),
	  NULL },
	{ "answer", FT_LONGTEXT, 0, 10000, NULL, NULL, N_("Answer"), NULL },
};

static const struct date_order referral_orders[] = {
	{ "sent_on", "answered_on" },
	{ NULL, NULL }
};

/* An answered referral has a date and a status other than "sent". */
static int
referral_check(struct session *s, struct record *r, char **cause)
{
	const char	*status = record_get(r, "status");
	const char	*answered = record_get(r, "answered_on");

	(void)s;
	if (status == NULL)
		return (0);
	if (answered != NULL && strcmp(status, "sent") == 0) {
		set_cause(cause, _("status: an answered referral is accepted, "
		    "refused or cancelled, not \"sent\""));
		return (-1);
	}
	if (answered == NULL && (strcmp(status, "accepted") == 0 ||
	    strcmp(status, "refused") == 0)) {
		set_cause(cause, _("answered_on: required when the referral "
		    "is %s"), status);
		return (-1);
	}
	return (0);
}

const struct entity model_referral = {
	"referral", "referrals", "referrals", N_("referral"),
	referral_fields, nitems(referral_fields), referral_orders,
	"answered_on", NULL, false, referral_check, NULL
};
