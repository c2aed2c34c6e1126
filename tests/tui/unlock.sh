#!/bin/sh
# The unlock screen: a wrong passphrase is refused with a message and the
# user may try again; the right one opens the caseload; the recovery key
# typed in the passphrase field opens the database as the first
# administrator.
. "$(dirname "$0")/lib.sh"

mkdb
adduser wk "Wanda Kowalski" worker "MDS Test"
PUSER=wk p person add --last-name Martin --first-name "Léa" \
    --birth-date 2010-03-04 --territory "MDS Test" > /dev/null

tui_start -- --user wk
shows "the unlock screen asks for the passphrase" "Passphrase:"
shows "it names the user" "wk"
type_text "not the passphrase"
keys Enter
shows "a wrong passphrase is refused" "wrong passphrase"
hides "the passphrase field is emptied" "******"
unlock
shows "the right passphrase opens the caseload" "my files (1)"
shows "the caseload lists the user's file" "Martin, Léa"
keys F10
exits "F10 quits with status 0" 0

tui_start -- --user admin
wait_for "Passphrase:"
type_text "$(cat "$TMP/recovery")"
keys Enter
# The caseload's title is on screen behind the dialog from the start:
# wait for the dialog to go, then for the user's name in the status line.
hides "the recovery key is accepted" "Unlock the database"
shows "the recovery key opens as the administrator" "admin ·"
keys F10
exits "quits after a recovery unlock" 0

finish
