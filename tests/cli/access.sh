#!/bin/bash
# The access policy (parcours(1), ACCESS), enforced in the model layer so
# that every command obeys it: a worker reads and changes the files of
# their caseload and those where they are a named referent; a supervisor
# those of their team and the unassigned ones; an administrator every
# file.  Assigning is for supervisors (in their team) and administrators,
# the whole export for administrators.  Refusals say why, change nothing
# and are audited; every listing of persons is audited with its scope and
# the number of files shown.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gaps-lib.sh"
mkdb
adduser amoreau worker "MDS Nord"
adduser lgarnier worker "MDS Nord"
adduser tnguyen worker "MDS Sud"
adduser sup supervisor "MDS Nord"
adduser sup2 supervisor "MDS Sud"

# Chloé's id shares no prefix with the others'.
C=00000003-0000-7000-8000-000000000003
cat > "$TMP/d.json" <<JSON
{"format": "parcours", "version": 1,
 "persons": [
  {"id": "$(pid 1)", "last_name": "Avril", "first_name": "Anne",
   "file": {"opened_on": "2026-01-01"}},
  {"id": "$(pid 2)", "last_name": "Bastien", "first_name": "Basile",
   "file": {"opened_on": "2026-01-01"}},
  {"id": "$C", "last_name": "Cazals", "first_name": "Chloé",
   "birth_date": "2015-04-02", "territory": "MDS Sud",
   "file": {"opened_on": "2026-01-01"}},
  {"id": "$(pid 4)", "last_name": "Dorval", "first_name": "Denis",
   "file": {"opened_on": "2026-01-01"}},
  {"id": "$(pid 5)", "last_name": "Estève", "first_name": "Emma",
   "file": {"opened_on": "2026-01-01"}}
 ]}
JSON
importdoc "$TMP/d.json"
p file assign "$(pid 1)" --worker amoreau > /dev/null
p file assign "$(pid 2)" --worker lgarnier > /dev/null
p file assign "$C" --worker tnguyen > /dev/null
p file assign "$(pid 4)" --worker "" > /dev/null
p file assign "$(pid 5)" --worker tnguyen > /dev/null
# Antoine Moreau is Emma's coordinator (a named referent) until 31 December.
p referent add --person "$(pid 5)" --role coordinator --name "Antoine Moreau" \
    --user amoreau --start-date 2026-06-01 --end-date 2026-12-31 > /dev/null

# ids OPTIONS… — the sorted person numbers that "person list" shows.
ids() {
	p person list --format csv "$@" | tail -n +2 | cut -d, -f1 |
	    sed 's/.*-0*//' | sort -n | tr '\n' ' ' | sed 's/ $//'
}
# refused_as WHO DESC REGEX COMMAND… — refused with status 1, the message
# matching, nothing changed in the database.
refused_as() {
	local who=$1 desc=$2 re=$3 before
	shift 3
	before=$(content)
	PUSER=$who fails 1 "$desc" "$@"
	like "$desc: says why" "$TMP/err" "$re"
	is "$desc: nothing changed" "$(content)" "$before"
}

# -- A worker --------------------------------------------------------------------
is "a worker lists their caseload and the files they coordinate" \
    "$(PUSER=amoreau ids)" "1 5"
refused_as amoreau "a worker cannot list every file" \
    '^parcours: --all-files: refused: only administrators see every file' \
    p person list --all-files
unlike "... and sees no name" "$TMP/out" 'Cazals|Bastien'
refused_as amoreau "a worker cannot list another worker's files" \
    '^parcours: --worker: refused: only supervisors' \
    p person list --worker lgarnier
refused_as amoreau "a worker cannot list a team" \
    '^parcours: --team: refused: only supervisors' \
    p person list --team "MDS Nord"
refused_as amoreau "a worker cannot show a child's file of another territory" \
    "refused: you may not read the file of person $C: it is not in your caseload and you are not one of its referents" \
    p person show "$C"
unlike "... and nothing of it is shown" "$TMP/out" 'Cazals'
refused_as amoreau "an id prefix finds only the files one may read" \
    '^parcours: no person with id "00000003-0000"' \
    p person show 00000003-0000
refused_as amoreau "a worker cannot edit it" 'refused: you may not change' \
    p person edit "$C" --first-name Zoé
refused_as amoreau "nor write in its journal" 'refused: you may not change' \
    p event add --person "$C" --kind note --date 2026-11-01 \
    --text "curious"
refused_as amoreau "nor close it" 'refused: you may not change' \
    p file close "$C" --reason moved
refused_as amoreau "nor list its records" 'refused: you may not read' \
    p event list --person "$C"
refused_as amoreau "nor see its flags" 'refused: you may not read' \
    p gaps --person "$C"
refused_as amoreau "nor move a colleague's file into their caseload" \
    'refused: assigning a file to a caseload is for supervisors' \
    p file assign "$(pid 2)" --worker amoreau
refused_as amoreau "nor hand their own file to a colleague" \
    'refused: assigning a file to a caseload is for supervisors' \
    p file assign "$(pid 1)" --worker lgarnier
refused_as amoreau "nor export another worker's file" \
    'refused: you may not read' \
    p export --plaintext --person "$C"
PUSER=amoreau ok "a worker reads a file they coordinate" \
    p person show "$(pid 5)"
like "... Emma's file" "$TMP/out" 'Estève'
PUSER=amoreau ok "and writes in its journal" p event add --person "$(pid 5)" \
    --kind call --date 2026-11-20
PUSER=amoreau ok "a worker's records list holds their files only" \
    p event list
like "... the call in Emma's file" "$TMP/out" '2026-11-20'
PUSER=amoreau ok "a worker's export" p export --plaintext --output \
    "$TMP/mine.json"
like "... holds their files" "$TMP/mine.json" '"last_name": "Avril"'
like "... and the ones they coordinate" "$TMP/mine.json" \
    '"last_name": "Estève"'
unlike "... and no other" "$TMP/mine.json" 'Bastien|Cazals|Dorval'
# Once the coordination has ended, Emma's file is no longer his.
is "after the referent's end, the file is not theirs" \
    "$(PARCOURS_TODAY=2027-01-05 PUSER=amoreau ids)" "1"
PARCOURS_TODAY=2027-01-05 PUSER=amoreau fails 1 \
    "... nor readable" p person show "$(pid 5)"

# -- A supervisor ------------------------------------------------------------------
is "a supervisor lists their team's files" \
    "$(PUSER=sup ids --team "MDS Nord")" "1 2"
is "and one of their workers'" "$(PUSER=sup ids --worker lgarnier)" "2"
refused_as sup "a supervisor cannot list another team" \
    '^parcours: --team: refused: a supervisor sees the files of their own team only' \
    p person list --team "MDS Sud"
refused_as sup "nor a worker of another team" \
    '^parcours: --worker: refused: a supervisor sees the files of the workers of their own team \(MDS Nord\)' \
    p person list --worker tnguyen
refused_as sup "nor every file" '^parcours: --all-files: refused' \
    p person list --all-files
refused_as sup "nor read a file of another team" \
    "refused: you may not read the file of person $C: it is not in a caseload of your team \\(MDS Nord\\)" \
    p person show "$C"
PUSER=sup ok "a supervisor reads an unassigned file" \
    p person show "$(pid 4)"
PUSER=sup ok "and dispatches it to a worker of the team" \
    p file assign "$(pid 4)" --worker lgarnier
is "... it is in Léa's caseload" "$(PUSER=sup ids --worker lgarnier)" "2 4"
PUSER=sup ok "a supervisor reassigns within the team" \
    p file assign "$(pid 2)" --worker amoreau
refused_as sup "but not to another team" \
    'refused: a supervisor assigns files to the workers of their own team \(MDS Nord\) only' \
    p file assign "$(pid 1)" --worker tnguyen
refused_as sup "nor another team's file" \
    'refused: you may not change the file of person' \
    p file assign "$C" --worker amoreau
refused_as sup "nor manage users" 'only an administrator' \
    p user edit amoreau --role supervisor
PUSER=sup ok "a supervisor's export" p export --plaintext --output \
    "$TMP/team.json"
unlike "... holds no other team's file" "$TMP/team.json" 'Cazals'
like "... but their team's" "$TMP/team.json" 'Bastien'
PUSER=sup2 ok "the other team's supervisor" p person list --team "MDS Sud"
like "... sees Chloé" "$TMP/out" 'Cazals'

# -- An administrator ----------------------------------------------------------------
is "an administrator lists every file" "$(ids --all-files)" "1 2 3 4 5"
ok "and exports the whole database" p export --plaintext --output \
    "$TMP/all.json"
like "... Chloé too" "$TMP/all.json" 'Cazals'

# -- The audit trail -------------------------------------------------------------------
p audit > "$TMP/audit"
like "a refusal is audited, with what was asked" "$TMP/audit" \
    'amoreau +refused +person .*read'
like "a refused scope is audited" "$TMP/audit" \
    'amoreau +refused +scope .*all'
like "a refused assignment is audited" "$TMP/audit" \
    'amoreau +refused +file .*assign'
like "person list is audited with its scope and count" "$TMP/audit" \
    'amoreau +list +person .*scope=mine;files=2'
like "a team's list too" "$TMP/audit" \
    'sup +list +person .*scope=team MDS Nord;files=2'
like "event list is audited" "$TMP/audit" \
    'amoreau +list +event .*scope=readable;files=1'
PUSER=amoreau ok "right list" p right list
PUSER=amoreau ok "referral list" p referral list --person "$(pid 1)"
p audit > "$TMP/audit"
like "right list is audited" "$TMP/audit" \
    'amoreau +list +right .*scope=readable;files=0'
like "referral list of a person is audited with the person" "$TMP/audit" \
    "amoreau +list +referral .*scope=person $(pid 1);files=0"
like "a worker's export says it held what they may read" "$TMP/audit" \
    'amoreau +export +database .*plaintext;scope=readable'
finish
