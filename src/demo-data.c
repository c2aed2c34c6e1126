/*
 * The words of the demo: fictitious names from the origins a French
 * department's caseload shows (French, Maghrebi, West African,
 * Vietnamese, Chinese, Portuguese and others — with the accents, the
 * ligatures and the wide characters that the screen must line up), the
 * communes of the territories, and the sentences of the journal.
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>

#include "demo-gen.h"
#include "xmalloc.h"

static const char *const fr_last[] = {
	"Martin", "Bernard", "Dubois", "Thomas", "Robert", "Petit", "Durand",
	"Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "David",
	"Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard",
	"André", "Mercier", "Dupont", "Lambert", "Bonnet", "François",
	"Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin",
	"Henry", "Roussel", "Perrin", "Morin", "Mathieu", "Clément",
	"Gauthier", "Dumont", "Fontaine", "Chevalier", "Robin", "Masson",
	"Gérard", "Lemaître", "Béranger", "Hébert", "Benoît", "Lécuyer",
	"Desprès", "Bréhault", "Le Goaër", "Kerjean", "Œuvray",
	"Cœurdevey", "Pétillon", "Aubépin", "Ménard", "Thévenet"
};
static const char *const fr_female[] = {
	"Léa", "Chloé", "Zoé", "Anaïs", "Héloïse", "Maëlys", "Inès", "Jade",
	"Manon", "Camille", "Élodie", "Aurélie", "Cécile", "Agnès", "Hélène",
	"Gaëlle", "Noémie", "Maëva", "Océane", "Amélie", "Bérénice",
	"Solène", "Françoise", "Geneviève", "Thérèse", "Josiane", "Lucie",
	"Emma", "Louise", "Noëlle"
};
static const char *const fr_male[] = {
	"Théo", "Noé", "Maël", "Raphaël", "Clément", "Benoît", "Jérôme",
	"François", "Loïc", "Joël", "Stéphane", "Frédéric", "Émile", "Gaël",
	"Rémi", "Hugo", "Lucas", "Nathan", "Mathéo", "Timéo", "Bastien",
	"André", "Gérard", "René", "Jean-Noël", "Hervé", "Félix", "Léon",
	"Aurélien", "Valentin"
};
static const char *const mg_last[] = {
	"Benali", "Haddad", "Saïdi", "Bouzid", "Cherif", "Mansouri",
	"El Amrani", "Ouali", "Belkacem", "Zerrouki"
};
static const char *const mg_female[] = {
	"Yasmine", "Aïcha", "Nour", "Inès", "Samira", "Leïla", "Salomé",
	"Myriam", "Sofia", "Naïma"
};
static const char *const mg_male[] = {
	"Youssef", "Karim", "Anis", "Mehdi", "Rayan", "Ilyès", "Sofiane",
	"Nassim", "Bilal", "Walid"
};
static const char *const wa_last[] = {
	"Diallo", "Traoré", "Diop", "Ndiaye", "Mendy", "Koné", "Camara",
	"Sow", "Cissé", "Bamba"
};
static const char *const wa_female[] = {
	"Fatoumata", "Aminata", "Mariama", "Awa", "Kadiatou", "Binta",
	"Ramatoulaye", "Adama"
};
static const char *const wa_male[] = {
	"Mamadou", "Ousmane", "Moussa", "Ibrahima", "Sékou", "Lamine",
	"Cheikh", "Boubacar"
};
static const char *const vn_last[] = {
	"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ"
};
static const char *const vn_female[] = {
	"Thị Hoa", "Thu Hằng", "Ngọc Anh", "Mai Phương", "Thảo"
};
static const char *const vn_male[] = {
	"Văn Minh", "Đức Anh", "Quốc Bảo", "Hữu Phước", "Thành"
};
static const char *const cn_last[] = {
	"张", "王", "李", "刘", "陈"
};
static const char *const cn_female[] = {
	"芳", "娜", "静", "丽", "婷"
};
static const char *const cn_male[] = {
	"伟", "强", "磊", "军", "杰"
};
static const char *const pt_last[] = {
	"Da Silva", "Gonçalves", "Ferreira", "Rodrigues", "Kowalski",
	"Yılmaz", "Müller", "Łukasik"
};

static const char *const communes[DEMO_TERRITORIES][4] = {
	{ "Valmont-Nord", "Saint-Éloi-les-Bois", "Marcilly-en-Val",
	  "Les Aubiers" },
	{ "Montrichard-la-Rive", "Onzain-les-Prés", "Vouzon-sur-Loire",
	  "Chaumont-la-Forêt" },
	{ "Lussac-les-Églises", "Saint-Aignan-du-Val", "Pontlevoy-le-Haut",
	  "Brétigny-sur-Cher" },
	{ "Valmont", "Valmont-Gare", "Valmont-Bel-Air", "Valmont-Saint-Jean" }
};

static const char *const streets[] = {
	"rue des Tilleuls", "avenue Jean-Jaurès", "impasse des Lilas",
	"place de l'Église", "chemin du Moulin", "rue Victor-Hugo",
	"allée des Cèdres", "résidence Les Peupliers, bât. B",
	"rue de la Gare", "cité des Œillets"
};

/* Professionals who are not parcours users. */
static const char *const pro_names[] = {
	"Mme Karine Lopez", "M. Julien Perrot", "Mme Sandrine Hamel",
	"M. Olivier Tessier", "Mme Nathalie Roche", "Mme Houria Djebbar",
	"M. Pascal Lemoine", "Mme Estelle Barbier", "M. Kévin Marchal",
	"Mme Séverine Collin"
};

/* Journal texts, by kind of event. */
static const char *const txt_contact[] = {
	"Entretien au bureau de la MDS : point sur les démarches en cours.",
	"Entretien : difficultés à payer le loyer, dossier FSL à monter.",
	"Rendez-vous pour préparer le dossier MDPH avec la personne.",
	"Entretien avec la mère et l'enfant : bonne évolution à l'école.",
	"Entretien : la personne a repris une formation, moral meilleur.",
	"Point sur le budget ; orientation vers l'épicerie sociale."
};
static const char *const txt_visit[] = {
	"Visite à domicile : logement correct, enfants présents et à l'aise.",
	"Visite à domicile avec l'aide à domicile : besoins accrus.",
	"Visite à domicile : humidité dans la chambre, signalement au "
	"bailleur.",
	"Visite à domicile : la personne vit seule, peu de visites."
};
static const char *const txt_call[] = {
	"Appel de l'établissement scolaire : absences répétées.",
	"Appel à la CAF pour le suivi du dossier.",
	"Appel de la personne : rendez-vous reporté à la semaine prochaine.",
	"Appel du service de tutelle : budget à revoir."
};
static const char *const txt_note[] = {
	"Courrier reçu de la MDPH : dossier complet.",
	"Note : la personne a changé de numéro de téléphone.",
	"Note : attestation de domiciliation remise."
};

/* One origin: its last names and first names. */
struct origin {
	const char *const	*last;
	size_t			 nlast;
	const char *const	*female;
	size_t			 nfemale;
	const char *const	*male;
	size_t			 nmale;
	int			 weight;	/* in percent */
};

#define ORIGIN(l, f, m, w) { l, nitems(l), f, nitems(f), m, nitems(m), w }
static const struct origin origins[] = {
	ORIGIN(fr_last, fr_female, fr_male, 66),
	ORIGIN(mg_last, mg_female, mg_male, 12),
	ORIGIN(wa_last, wa_female, wa_male, 8),
	ORIGIN(vn_last, vn_female, vn_male, 5),
	ORIGIN(cn_last, cn_female, cn_male, 4),
	ORIGIN(pt_last, fr_female, fr_male, 5),
};
#undef ORIGIN

bool
demo_pick_name(struct demo_rng *rng, bool *female, const char **last,
    const char **first)
{
	const struct origin	*o = &origins[0];
	size_t			 i;
	int			 k;

	*female = demo_chance(rng, 52);
	k = demo_range(rng, 0, 99);
	for (i = 0; i < nitems(origins); i++) {
		o = &origins[i];
		if (k < o->weight)
			break;
		k -= o->weight;
	}
	*last = o->last[demo_range(rng, 0, (int)o->nlast - 1)];
	if (*female)
		*first = o->female[demo_range(rng, 0, (int)o->nfemale - 1)];
	else
		*first = o->male[demo_range(rng, 0, (int)o->nmale - 1)];
	return (o == &origins[0]);
}

const char *
demo_commune(struct demo_rng *rng, int territory)
{
	return (communes[territory][demo_range(rng, 0, 3)]);
}

const char *
demo_text(struct demo_rng *rng, enum demo_text which)
{
	switch (which) {
	case DEMO_TEXT_PRO:
		return (DEMO_PICK(rng, pro_names));
	case DEMO_TEXT_STREET:
		return (DEMO_PICK(rng, streets));
	case DEMO_TEXT_CONTACT:
		return (DEMO_PICK(rng, txt_contact));
	case DEMO_TEXT_VISIT:
		return (DEMO_PICK(rng, txt_visit));
	case DEMO_TEXT_CALL:
		return (DEMO_PICK(rng, txt_call));
	case DEMO_TEXT_NOTE:
	default:
		return (DEMO_PICK(rng, txt_note));
	}
}
