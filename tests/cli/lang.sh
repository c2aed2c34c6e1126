#!/bin/bash
# The command line in French (LC_ALL=fr_FR.UTF-8): messages come from
# po/fr.po, dates are written dd/mm/yyyy.  The program is not installed,
# so the catalogue is laid out in a temporary directory that
# PARCOURS_LOCALEDIR points to (src/main.c): po/fr.gmo, which "make"
# builds in po/ (the source directory), or po/fr.po compiled with msgfmt
# when the .gmo is missing or older than the .po.
#
# Without the fr_FR.UTF-8 locale the script is skipped (a TAP skip plan:
# the TAP driver would count a bare status 77 as an error);
# build-aux/install-deps.sh generates it and CI runs that.
if ! locale -a 2> /dev/null | grep -Eqix 'fr_FR\.utf-?8'; then
	echo "1..0 # SKIP the fr_FR.UTF-8 locale is not installed"
	exit 0
fi
TEST_LC_ALL=fr_FR.UTF-8
. "$(dirname "$0")/lib.sh"

french_catalogue

mkdb

# A person added with a French date; its file opens "today" (2026-11-22).
ok "person add with a dd/mm/yyyy birth date" \
    p person add --last-name Martin --first-name Léa --birth-date 14/05/2015 \
    --territory "MDS Nord"
ID=$(cat "$TMP/out")

# Text output: French headers, dates as dd/mm/yyyy.
ok "person list" p person list
like "person list: French headers" "$TMP/out" \
    '^id +Nom +Prénom +Date de naissance +Âge +Territoire +Travailleur social +Ouverture +Clôture'
like "person list: birth date dd/mm/yyyy" "$TMP/out" \
    '^[0-9a-f-]{36} +Martin +Léa +14/05/2015 +11 +MDS Nord +admin +22/11/2026'
unlike "person list: no ISO date in text" "$TMP/out" '[0-9]{4}-[0-9]{2}-[0-9]{2}'

# CSV (CRLF line ends) keeps ISO dates and the field names: they are
# data, not language.
ok "person list --format csv" p --format csv person list
like "CSV: header untranslated" "$TMP/out" \
    '^id,last_name,first_name,birth_date,age,territory,worker,opened_on,closed_on[[:cntrl:]]?$'
like "CSV: ISO dates" "$TMP/out" ',Martin,Léa,2015-05-14,11,MDS Nord,admin,2026-11-22,[[:cntrl:]]?$'

# An invalid date: the message is French and names the field.
fails 1 "person add with a bad date: exit 1" \
    p person add --last-name Durand --first-name Paul --birth-date demain
like "bad date: French message naming the field" "$TMP/err" \
    '^parcours: birth_date: date non valide \(format attendu jj/mm/aaaa ou AAAA-MM-JJ\) : « demain »$'
fails 1 "person edit with an impossible date: exit 1" \
    p person edit "$ID" --birth-date 31/02/2015
like "impossible date: French message naming the field" "$TMP/err" \
    "^parcours: birth_date: cette date n'existe pas dans le calendrier : « 31/02/2015 »$"

# person show: the parts of the file under French headings.
ok "person show" p person show "$ID"
like "person show: French headings" "$TMP/out" '^Référents \(0\)$'
like "… the journal too" "$TMP/out" '^Journal \([0-9]+\)$'
unlike "… no JSON key as a heading" "$TMP/out" '^(referents|events|involvements|referrals) \('

# Usage errors (exit 2): the French reason, then the French usage line.
fails 2 "person show without an id: exit 2" p person show
like "usage error: French reason" "$TMP/err" \
    '^parcours person show : quel enregistrement \(personne\) \? donnez son identifiant$'
like "usage error: French usage line" "$TMP/err" \
    '^utilisation : parcours person show ID$'
fails 2 "unknown option: exit 2" p person list --bogus x
like "unknown option: French message" "$TMP/err" 'option inconnue « --bogus »'
fails 2 "unknown command: exit 2" p frobnicate
like "unknown command: French message" "$TMP/err" \
    '^parcours : commande inconnue « frobnicate »$'

# The French help of a command.
ok "person add --help" "$PARCOURS" person add --help
like "help: French usage with translated placeholders" "$TMP/out" \
    '^utilisation : parcours \[options globales\] person add --last-name NOM --first-name PRÉNOM \[CHAMPS…\]$'
like "help: French summary" "$TMP/out" \
    '^créer une personne et ouvrir son dossier de parcours$'
like "help: French field list" "$TMP/out" '^Champs \(\* obligatoire à la création\) :$'
like "help: French date formats" "$TMP/out" \
    '^  --birth-date +Date de naissance \(AAAA-MM-JJ ou jj/mm/aaaa\)$'
like "help: option names stay as typed" "$TMP/out" '^  --last-name +Nom \*$'
ok "global help" "$PARCOURS" help
like "global help: French commands heading" "$TMP/out" '^Commandes :$'
like "global help: French summaries" "$TMP/out" \
    '^  person list +lister les dossiers de parcours$'

# A count in a sentence.
ok "audit verify" p audit verify
like "audit verify: French" "$TMP/out" \
    "^journal d'audit intact : [0-9]+ entrées vérifiées$"

# Gaps: the file has no référent de parcours (NO_COORDINATOR, due the day
# the file opened).  Severity, explanation, dates and plurals in French.
ok "gaps" p gaps
like "gaps: French severity and due date" "$TMP/out" \
    "^HAUTE +NO_COORDINATOR +Martin, Léa \(11\) +échéance le 22/11/2026 \(aujourd'hui\)$"
like "gaps: French explanation with a dd/mm/yyyy date" "$TMP/out" \
    '^ +Pas de référent de parcours depuis le 22/11/2026\.$'
like "gaps: French action" "$TMP/out" \
    '^ +À faire : Désigner un référent de parcours'
like "gaps: French summary, singular" "$TMP/out" \
    '^1 alerte au 22/11/2026, dont 0 critique\(s\), 1 haute\(s\)'
ok "add a second file" \
    p person add --last-name Durand --first-name Paul --birth-date 1980-01-01
ok "gaps --as-of a later date" p gaps --as-of 01/12/2026 --horizon 30
like "gaps: days ago, plural" "$TMP/out" \
    'échéance le 22/11/2026 \(il y a 9 jours\)$'
like "gaps: French summary, plural, with the horizon" "$TMP/out" \
    '^2 alertes au 01/12/2026, dont .*, avec une anticipation de 30 jours\.$'
fails 2 "gaps --severity bogus: exit 2" p gaps --severity bogus
like "gaps: French usage error keeps the values as typed" "$TMP/err" \
    '^parcours gaps : --severity : « bogus » ne fait pas partie de low, medium, high, critical$'

# The catalogue only answers French: the same build stays English in C.
LC_ALL=C.UTF-8 fails 2 "C locale: exit 2" p person show
like "C locale: English message" "$TMP/err" \
    '^parcours person show: which person\? give its id$'
LC_ALL=C.UTF-8 ok "C locale: person list" p person list
like "C locale: ISO dates" "$TMP/out" ' 2015-05-14 .* 2026-11-22'

finish
