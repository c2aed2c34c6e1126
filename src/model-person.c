/*
 * Persons and their pathway files.  A person is the accompanied person's
 * identity; the pathway file (dossier de parcours) is one per person and
 * carries the opening and closing of the accompaniment and the worker whose
 * caseload it is in.  Creating a person opens the file in the same
 * transaction.
 */
#include "config.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "date.h"
#include "session.h"
#include "store.h"
#include "xmalloc.h"

static const struct enum_value sex_values[] = {
	{ "f", N_("female") },
	{ "m", N_("male") },
	{ "x", N_("other or not stated") },
	{ NULL, NULL }
};

static const struct enum_value consent_values[] = {
	{ "unknown", N_("not recorded") },
	{ "given", N_("given") },
	{ "refused", N_("refused") },
	{ "withdrawn", N_("withdrawn") },
	{ NULL, NULL }
};

static const struct enum_value risk_values[] = {
	{ "normal", N_("normal") },
	{ "high", N_("high") },
	{ NULL, NULL }
};

static const struct field person_fields[] = {
	{ "last_name", FT_TEXT, FF_REQUIRED | FF_LIST | FF_SEARCH, 100, NULL,
	  NULL, N_("Last name"), NULL },
	{ "first_name", FT_TEXT, FF_REQUIRED | FF_LIST | FF_SEARCH, 100, NULL,
	  NULL, N_("First name"), NULL },
	{ "birth_date", FT_DATE, FF_LIST, 0, NULL, NULL, N_("Birth date"),
	  NULL },
	{ "sex", FT_ENUM, 0, 0, sex_values, NULL, N_("Sex"), NULL },
	{ "phone", FT_TEXT, 0, 40, NULL, NULL, N_("Phone"), NULL },
	{ "email", FT_TEXT, 0, 200, NULL, NULL, N_("Email"), NULL },
	{ "address", FT_TEXT, 0, 300, NULL, NULL, N_("Address"), NULL },
	{ "commune", FT_TEXT, 0, 100, NULL, NULL, N_("Commune"), NULL },
	{ "territory", FT_TEXT, FF_LIST, 100, NULL, NULL,
	  N_("Territory (MDS)"), NULL },
	{ "consent", FT_ENUM, 0, 0, consent_values, NULL,
	  N_("Consent to sharing"), "unknown" },
	{ "consent_date", FT_DATE, 0, 0, NULL, NULL, N_("Consent date"),
	  NULL },
	{ "notes", FT_LONGTEXT, 0, 10000, NULL, NULL, N_("Notes"), NULL },
};

static const struct date_order person_orders[] = {
	{ "birth_date", "consent_date" },
	{ NULL, NULL }
};

/* A birth date in the future is a typing error, not a plan. */
static int
person_check(struct session *s, struct record *r, char **cause)
{
	const char	*birth = record_get(r, "birth_date");
	date_t		 d;

	(void)s;
	if (birth != NULL && date_parse_iso(birth, &d, NULL) == 0 &&
	    d > date_today()) {
		set_cause(cause, _("birth_date: in the future: \"%s\""), birth);
		return (-1);
	}
	return (0);
}

/* Opens the person's pathway file, in the caller's transaction. */
static int
person_after_insert(struct session *s, struct record *r, char **cause)
{
	struct record	*f;
	char		 today[11];
	int		 rc;

	f = record_new(&model_file);
	record_set(f, "person_id", r->id);
	date_format_iso(date_today(), today);
	record_set(f, "opened_on", today);
	record_set(f, "worker_id", s->user_id);
	rc = model_insert(s, f, 0, NULL, cause);
	record_free(f);
	return (rc);
}

const struct entity model_person = {
	"person", "persons", "persons", N_("person"),
	person_fields, nitems(person_fields), person_orders,
	NULL, NULL, true, person_check, person_after_insert
};

static const struct enum_value closing_values[] = {
	{ "goals_reached", N_("goals reached") },
	{ "moved", N_("moved to another territory") },
	{ "handed_over", N_("handed over to a partner") },
	{ "refused", N_("support refused by the person") },
	{ "lost_contact", N_("lost contact") },
	{ "majority", N_("came of age, support ended") },
	{ "deceased", N_("deceased") },
	{ "other", N_("other") },
	{ NULL, NULL }
};

static const struct field file_fields[] = {
	{ "person_id", FT_REF, FF_REQUIRED | FF_FIXED | FF_PARENT | FF_LIST, 0,
	  NULL, "person", N_("Person"), NULL },
	{ "opened_on", FT_DATE, FF_REQUIRED | FF_LIST, 0, NULL, NULL,
	  N_("Opened on"), NULL },
	{ "closed_on", FT_DATE, FF_LIST, 0, NULL, NULL, N_("Closed on"),
	  NULL },
	{ "closing_reason", FT_ENUM, 0, 0, closing_values, NULL,
	  N_("Closing reason"), NULL },
	{ "worker_id", FT_REF, FF_LIST, 0, NULL, "user",
	  N_("Assigned worker"), NULL },
	{ "risk_level", FT_ENUM, 0, 0, risk_values, NULL, N_("Risk level"),
	  "normal" },
};

static const struct date_order file_orders[] = {
	{ "opened_on", "closed_on" },
	{ NULL, NULL }
};

/* A closed file says why; an open one has no reason. */
static int
file_check(struct session *s, struct record *r, char **cause)
{
	const char	*closed = record_get(r, "closed_on");
	const char	*reason = record_get(r, "closing_reason");

	(void)s;
	if (closed != NULL && reason == NULL) {
		set_cause(cause, _("closing_reason: required when the file is "
		    "closed"));
		return (-1);
	}
	if (closed == NULL && reason != NULL) {
		set_cause(cause, _("closing_reason: the file is not closed"));
		return (-1);
	}
	return (0);
}

const struct entity model_file = {
	"file", "files", "files", N_("pathway file"),
	file_fields, nitems(file_fields), file_orders,
	"closed_on", "closing_reason", false, file_check, NULL
};
