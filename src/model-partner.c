/*
 * The partner directory (répertoire): the organisations of the territory
 * that intervene in pathways — CAF, CPAM, France Travail, MDPH, CCAS,
 * schools, establishments, courts — with their contacts and services.
 */
#include "config.h"
#include "model.h"

#include "xmalloc.h"

static const struct enum_value partner_kinds[] = {
	{ "caf", N_("CAF") },
	{ "cpam", N_("CPAM") },
	{ "france_travail", N_("France Travail") },
	{ "mdph", N_("MDPH") },
	{ "ccas", N_("CCAS") },
	{ "school", N_("school") },
	{ "children_establishment", N_("children's establishment (IME, MECS…)") },
	{ "adult_establishment", N_("adult establishment (ESAT, FAM, MAS…)") },
	{ "foster_care", N_("foster family service") },
	{ "court", N_("court (juge des enfants, juge des tutelles)") },
	{ "mjpm", N_("MJPM service (guardianship)") },
	{ "hospital", N_("hospital or health centre") },
	{ "housing", N_("housing organisation") },
	{ "association", N_("association") },
	{ "mds", N_("MDS (departmental social services)") },
	{ "other", N_("other") },
	{ NULL, NULL }
};

static const struct field partner_fields[] = {
	{ "name", FT_TEXT, FF_REQUIRED | FF_LIST | FF_SEARCH, 200, NULL, NULL,
	  N_("Name"), NULL },
	{ "kind", FT_ENUM, FF_REQUIRED | FF_LIST, 0, partner_kinds, NULL,
	  N_("Kind"), NULL },
	{ "territory", FT_TEXT, FF_LIST | FF_SEARCH, 100, NULL, NULL,
	  N_("Territory"), NULL },
	{ "address", FT_TEXT, 0, 300, NULL, NULL, N_("Address"), NULL },
	{ "phone", FT_TEXT, FF_LIST, 40, NULL, NULL, N_("Phone"), NULL },
	{ "email", FT_TEXT, 0, 200, NULL, NULL, N_("Email"), NULL },
	{ "contacts", FT_LONGTEXT, 0, 5000, NULL, NULL, N_("Contacts"), NULL },
	{ "services", FT_LONGTEXT, FF_SEARCH, 5000, NULL, NULL,
	  N_("Services"), NULL },
};

const struct entity model_partner = {
	"partner", "partners", "partners", N_("partner"),
	partner_fields, nitems(partner_fields), NULL,
	NULL, NULL, true, NULL, NULL
};
