#!/bin/sh
# A new pathway file made through the caseload's form: the person is
# typed in (accents included), saved, listed in the caseload, and found
# by a filter typed without accents.
. "$(dirname "$0")/lib.sh"

mkdb
adduser wk "Wanda Kowalski" worker "MDS Test"
PUSER=wk
p person add --last-name Martin --first-name "Léa" --birth-date 2017-02-03 \
    > /dev/null

tui_start -x 100 -y 30 -- --user wk
unlock
shows "the caseload lists one file" "my files (1)"
keys n
shows "the form of a new person" "new person"
like "the last name is required" "$TMP/screen" "Last name \*"
type_text "Œuvray"
keys Down
type_text "Zoé"
keys Down
type_text "02/03/2011"
keys F2
shows "the person is saved and the caseload lists two files" "my files (2)"
like "the new file is in the caseload" "$TMP/screen" "Œuvray, Zoé +15"
# A global key that would close the form asks first.
keys n
shows "a second new person" "new person"
type_text "Zed"
keys F5
shows "F5 with unsaved changes asks first" "Discard your changes?"
keys n
shows "answering no keeps the form" "new person"
like "… and what was typed" "$TMP/screen" "Zed"
keys F5
shows "asked again" "Discard your changes?"
keys y
shows "answering yes goes back to the caseload" "my files (2)"
keys /
type_text "oeuvray"
shows "a filter without accents finds her" "Œuvray, Zoé"
hides "and only her" "Martin, Léa"
keys F10
exits "F10 quits" 0
p person list > "$TMP/list"
like "the CLI sees the same file, with its birth date" "$TMP/list" \
    "Œuvray +Zoé +2011-03-02"
finish
