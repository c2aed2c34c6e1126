#!/bin/sh
# The team view: a supervisor sees one row per worker of the team with a
# bar chart of caseload sizes, drills down into a worker's caseload, and
# hands a file over (the old coordinator ends with a successor, the new
# one starts today, the file changes caseload, the journal records it).
# A worker has no team view.
. "$(dirname "$0")/lib.sh"

mkdb
adduser sup "Sophie Superviseure" supervisor "MDS Test"
adduser w1 "Walid Un" worker "MDS Test"
adduser w2 "Wendy Deux" worker "MDS Test"
adduser out "Olga Ailleurs" worker "MDS Autre"
PUSER=w1
anne=$(p person add --last-name Alpha --first-name Anne \
    --birth-date 1985-01-01 --territory "MDS Test")
p person add --last-name Bravo --first-name Bruno --birth-date 1990-02-02 \
    --territory "MDS Test" > /dev/null
p referent add --person "$anne" --role coordinator --name "Walid Un" \
    --user w1 --start-date 2026-01-05 > /dev/null
PUSER=w2 p person add --last-name Charlie --first-name Chloé \
    --birth-date 1970-03-03 --territory "MDS Test" > /dev/null
PUSER=out p person add --last-name Delta --first-name Denis \
    --birth-date 1960-04-04 --territory "MDS Autre" > /dev/null

tui_start -x 100 -y 30 -- --user sup
unlock
shows "a supervisor's caseload starts on the team" "team MDS Test (3 files)"
like "… her key bar offers scope and reassignment" "$TMP/screen" \
    "vScope.*rReassign"
like "… and the team view" "$TMP/screen" "F9Team"
keys F9
shows "F9 opens the team view" "Team — team MDS Test"
like "Walid Un holds 2 files" "$TMP/screen" "Walid Un +2 "
like "Wendy Deux holds 1 file" "$TMP/screen" "Wendy Deux +1 "
like "the bar chart draws the caseload sizes" "$TMP/screen" "Walid Un .*██"
if grep -q "Olga" "$TMP/screen"; then
	_notok "a worker of another team is not listed"
else
	_ok "a worker of another team is not listed"
fi
like "the totals count the team's files" "$TMP/screen" "Total +3 "

# Drill down into Walid's caseload, then back.
keys Enter
shows "Enter drills down into the worker's caseload" "files of Walid Un (2)"
shows "the drilled caseload lists the worker's files" "Alpha, Anne"
keys Escape
shows "Esc goes back to the team view" "Team — team MDS Test"

# Hand Anne Alpha over from Walid to Wendy.
keys r
shows "r asks which file to hand over" "Which file of Walid Un"
type_text "alpha"
keys Enter
shows "then to whom" "Hand Alpha, Anne over to which worker?"
type_text "w2"
keys Enter
shows "and asks for confirmation" "over to Wendy Deux from today?"
keys y
shows "the handover is confirmed" "handed over to Wendy Deux"
like "Walid now holds 1 file" "$TMP/screen" "Walid Un +1 "
like "Wendy now holds 2 files" "$TMP/screen" "Wendy Deux +2 "
keys F10
exits "quits with status 0" 0

PUSER=admin
p referent list --person "$anne" --all > "$TMP/referents"
like "the old coordinator ended today" "$TMP/referents" \
    "Walid Un +2026-01-05 +2026-11-22"
like "the new coordinator started today" "$TMP/referents" \
    "Wendy Deux +2026-11-22 *$"
old=$(awk '/Walid Un/ { print $1 }' "$TMP/referents")
new=$(awk '/Wendy Deux/ { print $1 }' "$TMP/referents")
p referent show "$old" --format json > "$TMP/old"
like "the old coordinator names the new one as successor" "$TMP/old" \
    "\"successor_id\": *\"$new\""
p event list --person "$anne" --all > "$TMP/events"
like "the journal records the handover" "$TMP/events" \
    "handover +2026-11-22"
p person list --worker w2 > "$TMP/w2"
like "the file is in Wendy's caseload" "$TMP/w2" "Alpha"
ok "HANDOVER_UNCONFIRMED follows the new coordinator after 30 days" \
    sh -c '"$0" --db "$1" --passphrase-file "$2" --user admin \
    gaps --person "$3" --as-of 2027-01-10 | grep -q HANDOVER_UNCONFIRMED' \
    "$PARCOURS" "$DB" "$PASS" "$anne"

# A worker has no team view.  Walid stays Anne's named coordinator until
# the end of today, so her file is still among his: the next day it is
# not.
tui_start -x 100 -y 30 -- --user w1
unlock
shows "a worker's caseload opens" "my files (2)"
like "the handed-over file, until the coordinator's end" "$TMP/screen" \
    "Alpha, Anne"
keys F10
exits "the worker quits" 0
tui_start -x 100 -y 30 -e PARCOURS_TODAY=2026-11-23 -- --user w1
unlock
shows "the next day, his own file only" "my files (1)"
for entry in F9Team vScope rReassign; do
	if grep -q "$entry" "$TMP/screen"; then
		_notok "the key bar offers no $entry to a worker"
	else
		_ok "the key bar offers no $entry to a worker"
	fi
done
keys F9
shows "F9 is refused to a worker" "the team view is for supervisors"
like "the worker stays on the caseload" "$TMP/screen" "Caseload — my files"
keys r
shows "a worker cannot hand a file over" "only supervisors and administrators"
keys F10
exits "the worker quits with status 0" 0

# 100 days later, no contact was ever recorded: each file is counted in
# the "no contact" column, as NO_RECENT_CONTACT flags it.
tui_start -x 100 -y 30 -e PARCOURS_TODAY=2027-03-02 -- --user sup
unlock
keys F9
shows "the team view, 100 days later" "Walid Un"
like "Walid's one file has had no contact" "$TMP/screen" \
    "Walid Un +1( +[0-9·]+){5} +1 "
like "nor Wendy's two" "$TMP/screen" "Wendy Deux +2( +[0-9·]+){5} +2 "
like "the total counts three" "$TMP/screen" "Total +3( +[0-9·]+){5} +3"
keys F10
exits "quits with status 0" 0

finish
