#!/bin/sh
# Ending a measure from the file's Rights & measures tab asks why it ends
# (RULES.md, Clarifications): an end on purpose settles MEASURE_EXPIRY in
# the summary; a relay asks for the service that takes over; a measure
# whose planned end has passed keeps that date.  Then the same in French
# on an 80x24 terminal.
. "$(dirname "$0")/lib.sh"

mkdb
adduser wk "Wanda Kowalski" worker "MDS Test"
cat > "$TMP/d.json" <<'JSON'
{"format": "parcours", "version": 1, "persons": [
 {"id": "00000000-0000-7000-8000-000000000001",
  "last_name": "Martin", "first_name": "Léa", "birth_date": "2014-05-10",
  "territory": "MDS Test", "file": {"opened_on": "2025-01-01"},
  "measures": [
   {"id": "00000000-0000-7000-a000-000000000001", "kind": "aemo",
    "nature": "judicial", "start_date": "2025-01-10",
    "end_date": "2026-11-20"},
   {"id": "00000000-0000-7000-a000-000000000002", "kind": "aide_domicile",
    "nature": "administrative", "start_date": "2025-02-10",
    "end_date": "2026-12-15"}]}]}
JSON
p import "$TMP/d.json" > /dev/null &&
    p file assign 00000000-0000-7000-8000-000000000001 --worker wk \
    > /dev/null || {
	echo "Bail out! cannot set the file up"
	exit 1
}
AEMO=00000000-0000-7000-a000-000000000001
HOME_HELP=00000000-0000-7000-a000-000000000002
PUSER=wk

tui_start -x 100 -y 30 -- --user wk
unlock
shows "the caseload lists Léa" "Martin, Léa"
keys Enter
shows "the file opens on its summary" "MEASURE_EXPIRY"
shows "the lapsed AEMO is flagged" "ended on 2026-11-20 with no renewal"
keys Tab Tab Tab Tab Tab
shows "the rights and measures tab" "aide à domicile"
keys Down
keys x
shows "asks to end the AEMO" "End measure “AEMO"
keys y
shows "asks for the end date" "End date:"
like "the planned end, passed, is offered" "$TMP/screen" \
    "End date: 2026-11-20"
keys Enter
shows "asks why it ends" "Why does it end?"
like "the reasons are offered" "$TMP/screen" "goals reached, return home"
type_text "goals"
keys Enter
shows "the measure is ended" "Ended the measure."
like "the detail shows the reason" "$TMP/screen" \
    "End reason: goals reached, return home"
keys BTab BTab BTab BTab BTab
shows "back on the summary" "MEASURE_EXPIRY"
like "the home help is still flagged" "$TMP/screen" "Aide à domicile"
if grep -q "AEMO .* ended on 2026-11-20" "$TMP/screen"; then
	_notok "the ended AEMO is no longer flagged"
	_dump_screen
else
	_ok "the ended AEMO is no longer flagged"
fi
keys F10
exits "parcours quits" 0
ok "the AEMO's end, from the command line" p measure show "$AEMO" \
    --format json
like "its end reason is stored" "$TMP/out" '"end_reason": "goals_reached"'
like "its end date is kept" "$TMP/out" '"end_date": "2026-11-20"'

# In French, on 80x24: a relay names the service that takes over.
if locale -a 2> /dev/null | grep -Eqix 'fr_FR\.utf-?8'; then
	french_catalogue
	tui_start -x 80 -y 24 -e LC_ALL=fr_FR.UTF-8 \
	    -e "PARCOURS_LOCALEDIR=$PARCOURS_LOCALEDIR" -- --user wk
	unlock "Phrase :"
	shows "le portefeuille" "Martin, Léa"
	keys Enter
	shows "le dossier" "MEASURE_EXPIRY"
	keys Tab Tab Tab Tab Tab
	shows "l'onglet des droits et mesures" "aide à domicile"
	keys x
	shows "terminer l'aide à domicile ?" "aide à domicile"
	keys y
	shows "la date de fin" "Date de fin"
	keys Enter
	shows "le motif de fin" "relais par un autre service"
	type_text "relais"
	keys Enter
	shows "le service qui prend le relais" "Relais pris par"
	type_text "SAAD Les Tilleuls"
	keys Enter
	shows "la mesure est terminée" "SAAD Les Tilleuls"
	keys F10
	exits "parcours se termine" 0
	ok "le relais, en ligne de commande" p measure show "$HOME_HELP" \
	    --format json
	like "le motif est enregistré" "$TMP/out" '"end_reason": "relayed"'
	like "le service aussi" "$TMP/out" '"relayed_to": "SAAD Les Tilleuls"'
else
	_ok "French: skipped # SKIP no fr_FR.UTF-8 locale"
fi
finish
