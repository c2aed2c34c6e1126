/*
 * The 26 coordination gap rules of RULES.md, one table entry each: the
 * rule's id, section and severity, its parameters, its query and
 * assessment (in rules-a.c to rules-d.c, one file per section of
 * RULES.md), the explanation templates, why the gap matters with its
 * legal source, and what to do.  rules.h describes the column
 * conventions; the queries run on SQLite 3.15 (SQLCipher 3.4.1).
 */
#include "config.h"
#include "rules-int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The table ------------------------------------------------------------ */

#define PARAMS(a) a, nitems(a)
#define NO_PARAMS NULL, 0

/*
 * TRANSLATORS: in the explanations and in "why", keep every {name} as it
 * is (it is replaced by a date, a number or a label); a leading ^ asks
 * for a capital letter.
 */
const struct rule rules[] = {
	{ "NO_COORDINATOR", 'A', SEV_HIGH,
	  N_("open file without a coordinating referent"),
	  PARAMS(p_no_coordinator), sql_no_coordinator,
	  assess_no_coordinator,
	  { N_("No coordinator (référent de parcours) from {due}."),
	    N_("No coordinator (référent de parcours) from {due}, with "
		"{x_items} measures or partner involvements running since "
		"{when}."), NULL },
	  N_("when several professionals intervene, one référent de parcours "
	      "coordinates so that the pathway does not rest on the person"),
	  N_("CASF L.121-6-2; schémas des solidarités"),
	  N_("Name a coordinator (référent de parcours) and tell the person "
	      "and the partners.") },

	{ "COORDINATOR_LEAVING", 'A', SEV_HIGH,
	  N_("coordinator leaving with no successor named"),
	  PARAMS(p_coordinator_leaving), sql_coordinator_leaving,
	  assess_coordinator_leaving,
	  { N_("Coordinator {x_name} leaves on {end_date} and no successor "
		"is named."), NULL, NULL },
	  N_("a coordinator who leaves without a named successor leaves the "
	      "person without a référent"),
	  N_("practice"),
	  N_("Name the successor and plan a handover meeting with the "
	      "person.") },

	{ "MULTIPLE_COORDINATORS", 'A', SEV_MEDIUM,
	  N_("two or more coordinators at once"),
	  NO_PARAMS, sql_multiple_coordinators,
	  assess_multiple_coordinators,
	  { N_("Several coordinators are active at once from {since}."),
	    NULL, NULL },
	  N_("with two coordinators nobody knows who leads the pathway"),
	  N_("practice"),
	  N_("Keep one coordinator: end the other role, or record who "
	      "succeeds whom.") },

	{ "HANDOVER_UNCONFIRMED", 'A', SEV_MEDIUM,
	  N_("new coordinator with no contact recorded"),
	  PARAMS(p_handover), sql_handover_unconfirmed, assess_handover,
	  { N_("Coordinator {x_name} took over on {start_date} and no "
		"contact with the person is recorded since."), NULL, NULL },
	  N_("a handover is real only once the person has met the new "
	      "coordinator"),
	  N_("practice"),
	  N_("Meet or call the person with the new coordinator and record "
	      "it in the journal.") },

	{ "NO_RECENT_CONTACT", 'A', SEV_MEDIUM,
	  N_("no recent contact with the person"),
	  PARAMS(p_no_recent_contact), sql_no_recent_contact,
	  assess_no_recent_contact,
	  { N_("No contact, visit, call or meeting recorded since "
		"{last_contact} ({risk_level:file.risk_level} risk file)."),
	    N_("No contact, visit, call or meeting recorded since the file "
		"was opened on {opened_on} ({risk_level:file.risk_level} "
		"risk file)."), NULL },
	  N_("a person nobody has seen for months is at risk of being lost "
	      "from view (perdu de vue)"),
	  N_("practice; threshold per file risk level"),
	  N_("Contact the person (call, visit or appointment) and record it "
	      "in the journal.") },

	{ "NO_COORDINATION_MEETING", 'A', SEV_MEDIUM,
	  N_("several partners and no coordination meeting"),
	  PARAMS(p_no_meeting), sql_no_coordination_meeting,
	  assess_no_meeting,
	  { N_("{partners} partners involved and no coordination meeting "
		"since {last_meeting}."),
	    N_("{partners} partners involved since {when} and no "
		"coordination meeting since then."), NULL },
	  N_("when several partners intervene, a regular meeting (synthèse) "
	      "keeps their actions consistent"),
	  N_("practice; schémas des solidarités"),
	  N_("Organise a coordination meeting with the partners and the "
	      "person, and record it.") },

	{ "REFERRAL_UNANSWERED", 'A', SEV_MEDIUM,
	  N_("referral to a partner with no answer"),
	  PARAMS(p_referral), sql_referral_unanswered, assess_referral,
	  { N_("Referral to {x_partner} sent on {sent_on} has had no "
		"answer."), NULL, NULL },
	  N_("an unanswered referral leaves the person waiting between two "
	      "services"),
	  N_("practice"),
	  N_("Call the partner; record the answer, or refer the person "
	      "elsewhere.") },

	{ "CONSENT_MISSING", 'A', SEV_MEDIUM,
	  N_("information shared with no consent or legal basis"),
	  NO_PARAMS, sql_consent_missing, assess_consent,
	  { N_("Information is shared with {x_partner} since {start_date} "
		"with no consent or legal basis recorded."),
	    N_("Information is shared with {x_partner} on the basis of "
		"consent, but the person's consent is "
		"{consent:person.consent}."), NULL },
	  N_("only strictly necessary information is shared, with the person "
	      "informed, on a recorded basis"),
	  N_("CASF L.226-2-2 (child protection), L.121-6-2 (social work)"),
	  N_("Record the person's consent or the legal basis of the "
	      "sharing, or stop sharing.") },

	{ "PROJECT_REVIEW_OVERDUE", 'A', SEV_MEDIUM,
	  N_("project review date passed"),
	  PARAMS(p_project_review), sql_project_review_overdue,
	  assess_project_review,
	  { N_("{^kind:project.kind}: review due on {next_review}."),
	    NULL, NULL },
	  N_("a project that is not reviewed no longer follows the person's "
	      "situation (the PPE at least once a year)"),
	  N_("CASF L.223-1-1 for the PPE; each project's own periodicity"),
	  N_("Hold the review with the person, update the objectives and set "
	      "the next review date.") },

	{ "CLOSED_WITH_ACTIVE_ITEMS", 'A', SEV_HIGH,
	  N_("closed file with items still active"),
	  NO_PARAMS, sql_closed_with_active_items, assess_closed_active,
	  { N_("File closed on {closed_on}, yet still running: {measures} "
		"measure(s), {rights} right(s) requested or being renewed, "
		"{involvements} partner involvement(s), {coordinators} "
		"coordinator(s)."), NULL, NULL },
	  N_("a file closed without ending or handing over what runs leaves "
	      "the partners and the person without a contact"),
	  N_("practice"),
	  N_("End or hand over each active item, or reopen the file.") },

	{ "PPE_NOT_ESTABLISHED", 'B', SEV_HIGH,
	  N_("child protection measure without a PPE"),
	  PARAMS(p_ppe), sql_ppe_not_established, assess_ppe,
	  { N_("{^kind:measure.kind} ({nature:measure.nature}) since "
		"{start_date} and no projet pour l'enfant."),
	    N_("{^kind:measure.kind} ({nature:measure.nature}) since "
		"{start_date}, in an intervention of the ASE that began on "
		"{when} with no break, and no projet pour l'enfant."), NULL },
	  N_("the PPE must be drawn up within {=months} months of the "
	      "measure"),
	  N_("CASF L.223-1-1; décret 2016-1283"),
	  N_("Draw up the PPE with the child and the parents; name its "
	      "référent.") },

	{ "SITUATION_REPORT_OVERDUE", 'B', SEV_HIGH,
	  N_("situation report on a child too old"),
	  PARAMS(p_report), sql_situation_report_overdue, assess_report,
	  { N_("Last situation report on {last_report}; "
		"{kind:measure.kind} since {start_date}."),
	    N_("No situation report since the {kind:measure.kind} began on "
		"{start_date}."), NULL },
	  N_("the situation of a child in a measure is reported at least "
	      "every {=months} months ({=months_young} under "
	      "{=young_age})"),
	  N_("CASF L.223-5, D.223-13; art. 375 C. civ."),
	  N_("Write the situation report with the child and the parents, and "
	      "send it to the judge or the ASE.") },

	{ "MEASURE_EXPIRY", 'B', SEV_HIGH,
	  N_("measure ending with no renewal"),
	  PARAMS(p_measure_expiry), sql_measure_expiry,
	  assess_measure_expiry,
	  { N_("{^kind:measure.kind} ({nature:measure.nature}) ends on "
		"{end_date} with no renewal requested and no hearing set."),
	    N_("{^kind:measure.kind} ({nature:measure.nature}) ended on "
		"{end_date} with no renewal, and the file is still open."),
	    N_("{^kind:measure.kind} ({nature:measure.nature}) ending on "
		"{end_date} is recorded as renewed, but no following measure "
		"is recorded.") },
	  N_("a measure that lapses unnoticed leaves the person without "
	      "support or protection (judicial: 2 years at most, "
	      "administrative: 1 year)"),
	  N_("art. 375 C. civ.; CASF L.223-5"),
	  N_("Evaluate the situation and request the renewal or the hearing "
	      "in time, record the following measure, or end the measure "
	      "with its reason.") },

	{ "PLACEMENT_INSTABILITY", 'B', SEV_HIGH,
	  N_("repeated changes of placement"),
	  PARAMS(p_instability), sql_placement_instability,
	  assess_instability,
	  { N_("{count} changes of placement in {=months} months, the "
		"latest on {when}."), NULL, NULL },
	  N_("repeated moves break the child's attachments and schooling; "
	      "the stability of the pathway is a duty"),
	  N_("CASF L.221-1"),
	  N_("Hold a coordination meeting on the placement project and look "
	      "for a stable place.") },

	{ "MAJORITY_INTERVIEW_MISSING", 'B', SEV_HIGH,
	  N_("no majority interview at 17"),
	  PARAMS(p_majority), sql_majority_interview_missing,
	  assess_majority,
	  { N_("In care ({kind:measure.kind}) since {start_date}, 17 on "
		"{when}; no majority interview recorded."),
	    N_("Entered care ({kind:measure.kind}) on {start_date}, after "
		"turning 17; no majority interview recorded."), NULL },
	  N_("the interview at 17 prepares the young person's autonomy "
	      "before majority"),
	  N_("CASF L.222-5-1"),
	  N_("Hold the majority interview with the young person and draw up "
	      "the projet d'accès à l'autonomie.") },

	{ "CARE_LEAVER_WITHOUT_SUPPORT", 'B', SEV_CRITICAL,
	  N_("young adult left care without support"),
	  PARAMS(p_care_leaver), sql_care_leaver_without_support,
	  assess_care_leaver,
	  { N_("{^kind:measure.kind} ended on {end_date}; aged {age}, with "
		"neither a contrat jeune majeur nor a recorded follow-up."),
	    N_("{^kind:measure.kind} ends on {end_date}, at majority; no "
		"contrat jeune majeur signed or requested and no follow-up "
		"recorded."), NULL },
	  N_("a young adult leaving care without support (sortie sèche) must "
	      "be offered accompaniment until 21"),
	  N_("CASF L.222-5 5° (loi 2022-140)"),
	  N_("Contact the young person; propose a contrat jeune majeur or "
	      "record the follow-up.") },

	{ "ADULT_PROTECTION_EXPIRY", 'C', SEV_HIGH,
	  N_("tutelle, curatelle or sauvegarde ending with no renewal"),
	  PARAMS(p_adult_protection), sql_adult_protection_expiry,
	  assess_adult_protection,
	  { N_("{^kind:measure.kind} ends on {end_date} with no renewal "
		"request."),
	    N_("{^kind:measure.kind} ended on {end_date} with no renewal "
		"request, and the file is still open."), NULL },
	  N_("without a renewal judgement before its end the protection "
	      "lapses (tutelle and curatelle: 5 years at most)"),
	  N_("arts. 439, 441, 442 C. civ."),
	  N_("With the guardian (MJPM) or the family, send the renewal "
	      "request and the medical certificate to the juge des "
	      "tutelles.") },

	{ "MASP_TERM_REACHED", 'C', SEV_MEDIUM,
	  N_("MASP ending or reaching its 4-year maximum"),
	  PARAMS(p_masp), sql_masp_term_reached, assess_masp,
	  { N_("MASP ends on {end_date} with no evaluation recorded."),
	    N_("MASP since {first_start}: the 4-year maximum is reached on "
		"{when}."),
	    N_("MASP contracts since {first_start}, with breaks: their "
		"durations add up to 4 years on {when}.") },
	  N_("a MASP lasts 6 months to 2 years, renewable up to 4 years; its "
	      "end is evaluated and prepared"),
	  N_("CASF L.271-2"),
	  N_("Evaluate the MASP with the person; prepare its renewal, its end "
	      "or a request to the judge (MAJ).") },

	{ "RSA_CONTRACT_MISSING", 'C', SEV_MEDIUM,
	  N_("RSA recipient without a contrat d'engagement"),
	  PARAMS(p_rsa_contract), sql_rsa_contract_missing,
	  assess_rsa_contract,
	  { N_("RSA recipient oriented to the department on {oriented_on}; "
		"no contrat d'engagement signed."), NULL, NULL },
	  N_("an RSA recipient oriented to the department signs a contrat "
	      "d'engagement within {=months} month(s)"),
	  N_("CASF L.262-35; C. trav. D.5411-14-1 (2025 reform)"),
	  N_("Meet the person with the RSA référent and sign the contrat "
	      "d'engagement.") },

	{ "RSA_ORIENTATION_OVERDUE", 'C', SEV_MEDIUM,
	  N_("RSA recipient not oriented"),
	  PARAMS(p_rsa_orientation), sql_rsa_orientation_overdue,
	  assess_rsa_orientation,
	  { N_("RSA open since {opened} and no orientation recorded."),
	    NULL, NULL },
	  N_("an RSA recipient is oriented (France Travail, the department "
	      "or another body) within {=days} days of the opening"),
	  N_("CASF D.262-65-2 (décret 2024-1244)"),
	  N_("Record the orientation decision, or ask the department's "
	      "orientation team.") },

	{ "RIGHT_EXPIRY", 'C', SEV_HIGH,
	  N_("time-limited right ending with no renewal"),
	  PARAMS(p_right_expiry), sql_right_expiry, assess_right_expiry,
	  { N_("{^kind:right.kind} ends on {end_date} with no renewal "
		"requested."),
	    N_("{^kind:right.kind} ended on {end_date} with no renewal "
		"requested, and the file is still open."),
	    N_("{^kind:right.kind} ending on {end_date} is recorded as "
		"renewed, but no new request or decision is recorded.") },
	  N_("a right not renewed in time stops: MDPH renewals take months, "
	      "the C2S is renewed 4 to 2 months ahead"),
	  N_("each decision's duration; domiciliation valid 1 year"),
	  N_("Help the person file the renewal request now and record it, "
	      "or end the right with its reason.") },

	{ "DECISION_OVERDUE", 'C', SEV_MEDIUM,
	  N_("request with no decision in time"),
	  PARAMS(p_decision), sql_decision_overdue, assess_decision,
	  { N_("{^kind:right.kind} requested on {filed_on}; no decision after "
		"{=mdph_months} months (silence means refusal: appeal "
		"within 2 months)."),
	    N_("APA file complete on {complete_on}; no decision recorded."),
	    N_("{^kind:right.kind} requested on {filed_on}; no decision "
		"recorded.") },
	  N_("a request left without a decision leaves the person without "
	      "the right, and the delay of appeal runs"),
	  N_("CASF R.241-33; APA instruction delay"),
	  N_("Ask the instructing body (MDPH, department, CCAS) for the "
	      "decision; consider an appeal where silence means "
	      "refusal.") },

	{ "CRETON_TRANSITION", 'C', SEV_MEDIUM,
	  N_("young adult still in a children's establishment"),
	  PARAMS(p_creton), sql_creton_transition, assess_creton,
	  { N_("Aged {age}, still in a children's establishment "
		"({x_partner}) with no adult orientation requested."),
	    N_("Aged {age}, still in a children's establishment "
		"({x_partner}): from {=creton_age} the stay rests on the "
		"amendement Creton."), NULL },
	  N_("a young adult kept in a children's establishment needs an "
	      "adult orientation and place"),
	  N_("CASF L.242-4"),
	  N_("File the adult orientation request with the MDPH and look for "
	      "an adult place.") },

	{ "AGE_60_PCH_APA_CHOICE", 'C', SEV_LOW,
	  N_("PCH recipient near 60 with no PCH/APA choice"),
	  PARAMS(p_age60), sql_age_60_pch_apa_choice, assess_age60,
	  { N_("PCH recipient, 60 on {when}; no choice between PCH and APA "
		"recorded."), NULL, NULL },
	  N_("from 60 a PCH recipient who qualifies for the APA chooses "
	      "between the two"),
	  N_("CASF L.245-9"),
	  N_("Explain and compare the PCH and the APA with the person, and "
	      "record the choice.") },

	{ "APA_REVIEW_OVERDUE", 'C', SEV_MEDIUM,
	  N_("APA care plan review date passed"),
	  PARAMS(p_apa_review), sql_apa_review_overdue, assess_apa_review,
	  { N_("APA care plan: review due on {next_review}."), NULL, NULL },
	  N_("the APA care plan is reviewed so that the help follows the "
	      "person's loss of autonomy"),
	  N_("the APA decision's periodic review"),
	  N_("Hold the review visit and update the care plan.") },

	{ "RETENTION_DUE", 'D', SEV_LOW,
	  N_("file inactive past the retention period"),
	  PARAMS(p_retention), sql_retention_due, assess_retention,
	  { N_("No contact or activity since {when}."), NULL, NULL },
	  N_("personal data are kept only as long as needed: {=months} months "
	      "after the last contact the file moves to intermediate "
	      "archiving"),
	  N_("CNIL référentiel « accompagnement social » (2021)"),
	  N_("Close the file if it is open and move it to intermediate "
	      "archiving, or record the contact you had.") },
};

const size_t rules_count = nitems(rules);

/* Helpers of the assessments ------------------------------------------- */

static int
period_cmp(const void *a, const void *b)
{
	const struct rule_period	*x = a, *y = b;

	return (x->start < y->start ? -1 : x->start > y->start);
}

size_t
rule_periods(const char *s, struct rule_period *out, size_t max)
{
	char	buf[11];
	size_t	n = 0, len;

	while (s != NULL && *s != '\0' && n < max) {
		while (*s == ' ')
			s++;
		len = strcspn(s, " ");
		if (len >= 11 && s[10] == '/') {
			memcpy(buf, s, 10);
			buf[10] = '\0';
			if (date_parse_iso(buf, &out[n].start, NULL) == 0) {
				out[n].end = DATE_NONE;
				if (len == 21) {
					memcpy(buf, s + 11, 10);
					if (date_parse_iso(buf, &out[n].end,
					    NULL) == 0)
						n++;
				} else if (len == 11)
					n++;
			}
		}
		s += len;
	}
	qsort(out, n, sizeof *out, period_cmp);
	return (n);
}

date_t
rule_run_start(const struct rule_period *p, size_t n, date_t start)
{
	date_t	run = start;
	size_t	i;
	bool	moved = true;

	while (moved) {
		moved = false;
		for (i = 0; i < n; i++)
			if (p[i].start < run && (p[i].end == DATE_NONE ||
			    p[i].end >= run - 1)) {
				run = p[i].start;
				moved = true;
			}
	}
	return (run);
}

const struct rule *
rules_find(const char *id)
{
	size_t	i;

	for (i = 0; i < rules_count; i++)
		if (strcasecmp(rules[i].id, id) == 0)
			return (&rules[i]);
	return (NULL);
}

int
rules_param_index(const struct rule *r, const char *name)
{
	size_t	i;

	for (i = 0; i < r->nparams; i++)
		if (strcmp(r->params[i].name, name) == 0)
			return ((int)i);
	return (-1);
}

static const char *const severity_names[SEV_COUNT] = {
	"low", "medium", "high", "critical"
};

const char *
severity_name(enum severity s)
{
	return (severity_names[s]);
}

const char *
severity_label(enum severity s)
{
	switch (s) {
	case SEV_LOW:
		return (_("LOW"));
	case SEV_MEDIUM:
		return (_("MEDIUM"));
	case SEV_HIGH:
		return (_("HIGH"));
	case SEV_CRITICAL:
		break;
	}
	return (_("CRITICAL"));
}

int
severity_parse(const char *s, enum severity *out)
{
	int	i;

	for (i = 0; i < SEV_COUNT; i++)
		if (strcasecmp(s, severity_names[i]) == 0) {
			*out = (enum severity)i;
			return (0);
		}
	return (-1);
}
