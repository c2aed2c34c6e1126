#!/bin/bash
# The command line, command by command: every command of "parcours help",
# the three output formats, alignment by screen columns, accent- and
# case-insensitive search, and bad input.  A refused command must exit with
# the documented status (cmd.h: 1 data, 2 usage, 3 auth), name the field
# and the problem, and write nothing: usage errors are refused before the
# database is unlocked (its bytes stay identical); data errors come after
# the unlock, which is audited, so their check compares every table but
# the audit trail.
. "$(dirname "$0")/lib.sh"

UUID='^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$'

# refused STATUS DESCRIPTION REGEX COMMAND... — the command exits with
# STATUS, its message matches REGEX, and no table changed.
refused() {
	local status=$1 desc=$2 re=$3 before
	shift 3
	before=$(content)
	fails "$status" "$desc: exit $status" "$@"
	like "$desc: message" "$TMP/err" "$re"
	is "$desc: nothing written" "$(content)" "$before"
}

# usage DESCRIPTION REGEX COMMAND... — a usage error (exit 2) refused
# before the unlock: the database and key file bytes are identical.
usage() {
	local desc=$1 re=$2 before
	shift 2
	before=$(hashdb)
	fails 2 "$desc: exit 2" "$@"
	like "$desc: message" "$TMP/err" "$re"
	is "$desc: database bytes unchanged" "$(hashdb)" "$before"
}

# added DESCRIPTION COMMAND... — runs a command that prints a new id and
# leaves it in $NEW.
added() {
	local desc=$1
	shift
	ok "$desc" "$@"
	NEW=$(cat "$TMP/out")
	like "$desc: prints the new id" "$TMP/out" "$UUID"
}

# widths FILE ERE — the distinct screen widths of the text before the
# first match of ERE on the lines of FILE that match it (1 when a column
# lines up).
widths() {
	local line
	grep -E -- "$2" "$1" | while IFS= read -r line; do
		printf '%s' "$line" | sed -E "s/($2).*//" | wc -L
	done | sort -u | wc -l
}

mkdb

# -- help, version, every command's --help -------------------------------
ok "--version" "$PARCOURS" --version
like "--version names the program" "$TMP/out" '^parcours [0-9]'
ok "help" "$PARCOURS" help
cp "$TMP/out" "$TMP/help"
# The command names fill the first 18 columns after two spaces.
awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ {
	name = substr($0, 3, 18); sub(/ +$/, "", name); print name }' \
    "$TMP/help" > "$TMP/commands"
for c in init "keys list" "keys restore" \
    "person add" "person list" "person show" "person edit" "person delete" \
    "file close" "file reopen" "file assign" \
    "user add" "user list" "user edit" "user passwd" "user disable"; do
	is "help lists \"$c\"" "$(grep -cx "$c" "$TMP/commands")" 1
done
for e in referent project measure right involvement event referral \
    partner; do
	for v in add list show edit delete; do
		is "help lists \"$e $v\"" \
		    "$(grep -cx "$e $v" "$TMP/commands")" 1
	done
done
for c in "referent end" "project end" "measure end" "right end" \
    "involvement end" "referral answer"; do
	is "help lists \"$c\"" "$(grep -cx "$c" "$TMP/commands")" 1
done
while IFS= read -r c; do
	# shellcheck disable=SC2086
	ok "$c --help" "$PARCOURS" $c --help
	like "$c --help shows its usage" "$TMP/out" \
	    "^usage: parcours .*$c"
done < "$TMP/commands"
ok "help person add" "$PARCOURS" help person add
like "help person add lists the fields" "$TMP/out" '--birth-date'
like "person add --help lists an enumeration's values" "$TMP/out" \
    'unknown, given, refused, withdrawn'

# -- persons: add, list, alignment, search --------------------------------
added "person add Léa Martin (dd/mm/yyyy birth date)" \
    p person add --last-name Martin --first-name Léa \
    --birth-date 04/03/2010 --territory "MDS Montpellier-Nord"
LEA=$NEW
added "person add Œuvray" p person add --last-name Œuvray \
    --first-name Zoé --birth-date 1980-03-04 --sex f
OEU=$NEW
added "person add Nguyễn" p person add --last-name Nguyễn \
    --first-name "Văn Thành" --birth-date 1990-01-01
NGU=$NEW
added "person add 张伟" p person add --last-name 张 --first-name 伟 \
    --birth-date 1995-05-05 --territory 北京
ZHA=$NEW

ok "person list" p person list
cp "$TMP/out" "$TMP/list"
is "person list: a header and four files" "$(wc -l < "$TMP/list")" 5
like "person list shows the accented name" "$TMP/list" \
    '^[0-9a-f-]{36}  Martin +Léa '
like "person list computes the age on the pinned day" "$TMP/list" \
    "^$LEA .* 16 "
is "person list: the birth date column lines up by screen width" \
    "$(widths "$TMP/list" 'Birth date|[0-9]{4}-[0-9]{2}-[0-9]{2}')" 1
is "person list: the worker column lines up by screen width" \
    "$(widths "$TMP/list" 'Worker|admin ')" 1
is "person list: the territory column lines up by screen width" \
    "$(widths "$TMP/list" 'Territory|MDS Mont|北京')" 1
is "person list: the territory column has both territories" \
    "$(grep -cE 'MDS Mont|北京' "$TMP/list")" 2

ok "person list --format csv" p person list --format csv
is "csv header" "$(head -1 "$TMP/out" | tr -d '\r')" \
    "id,last_name,first_name,birth_date,age,territory,worker,opened_on,closed_on"
like "csv: ISO dates and the age" "$TMP/out" \
    "^$LEA,Martin,Léa,2010-03-04,16,MDS Montpellier-Nord,admin,2026-11-22,"
like "csv lines end with CRLF (RFC 4180)" "$TMP/out" $'\r$'
ok "person list --format json (global option)" p --format json person list
like "json: the name in UTF-8" "$TMP/out" '"last_name": "Nguyễn"'
like "json: the age as a number" "$TMP/out" '"age": 16,'
like "json: no value is null" "$TMP/out" '"closed_on": null'
ok "person list --format text" p person list --format text
is "--format text is the default" "$(cat "$TMP/out")" "$(cat "$TMP/list")"
ok "--today moves the age" p person list --today 2030-03-04 --format csv
like "--today: Léa is 20 on 2030-03-04" "$TMP/out" "^$LEA,Martin,Léa,2010-03-04,20,"

for q in nguyen NGUYỄN "văn thanh" "thành nguy"; do
	ok "search \"$q\"" p person list --search "$q" --format csv
	is "search \"$q\" finds Nguyễn only" \
	    "$(tail -n +2 "$TMP/out" | cut -d, -f1)" "$NGU"
done
for q in oeuvray ŒUVRAY "zoe oeuv" "Oeuvray Zoé"; do
	ok "search \"$q\"" p person list --search "$q" --format csv
	is "search \"$q\" finds Œuvray only" \
	    "$(tail -n +2 "$TMP/out" | cut -d, -f1)" "$OEU"
done
ok "search \"LEA\"" p person list --search LEA --format csv
is "search \"LEA\" finds Léa only" "$(tail -n +2 "$TMP/out" | cut -d, -f1)" \
    "$LEA"
ok "search \"张\"" p person list --search 张 --format csv
is "search \"张\" finds 张伟" "$(tail -n +2 "$TMP/out" | cut -d, -f1)" "$ZHA"
ok "search with no match" p person list --search dupont --format csv
is "search with no match: the header only" "$(wc -l < "$TMP/out")" 1
ok "search \"%\" is not a wildcard" p person list --search % --format csv
is "search \"%\" finds nothing" "$(wc -l < "$TMP/out")" 1

# -- person show, edit, delete ----------------------------------------------
ok "person show" p person show "$LEA"
like "person show: the person" "$TMP/out" '^First name +Léa$'
like "person show: the pathway file" "$TMP/out" '^Pathway file$'
like "person show: its parts headed as the interface's tabs" "$TMP/out" \
    '^Journal \([0-9]+\)$'
like "person show: the assigned worker by login" "$TMP/out" \
    '^Assigned worker +admin$'
ok "person show by id prefix" p person show "${LEA:0:13}"
like "person show by id prefix finds her" "$TMP/out" "^id +$LEA$"
fails 1 "person show by a prefix too short" p person show "${LEA:0:4}"
like "… says how many characters are needed" "$TMP/err" \
    'too short to find a person: give at least 8 characters'
ok "person show --format json" p person show "$LEA" --format json
like "person show json: the person" "$TMP/out" '"last_name": "Martin"'
like "person show json: the birth date in ISO" "$TMP/out" \
    '"birth_date": "2010-03-04"'
ok "person edit" p person edit "$LEA" --phone "06 12 34 56 78" \
    --consent given --consent-date 2026-01-15
ok "person show after edit" p person show "$LEA"
like "person edit: the phone changed" "$TMP/out" '^Phone +06 12 34 56 78$'
like "person edit: the consent changed" "$TMP/out" \
    '^Consent to sharing +given'
ok "person edit --sex (enumeration)" p person edit "$OEU" --sex x
refused 1 "person edit clearing a required field" \
    '^parcours: last_name: required, missing' \
    p person edit "$LEA" --last-name ''
refused 1 "person edit consent before birth" \
    '^parcours: consent_date: before birth_date' \
    p person edit "$LEA" --consent-date 2000-01-01
refused 1 "person show of an unknown id" '^parcours: no person with id' \
    p person show 01234567-89ab-7def-8123-456789abcdef
refused 1 "person show of an ambiguous prefix" 'ambiguous' \
    p person show "${LEA:0:8}"
added "person add (to delete)" p person add --last-name Temp \
    --first-name Oraire
TEMP=$NEW
ok "person delete" p person delete "$TEMP"
fails 1 "a deleted person is not shown" p person show "$TEMP"
ok "person list --all-files --all" p person list --all-files --all \
    --format csv
unlike "a deleted person is not listed" "$TMP/out" "$TEMP"
refused 1 "person delete twice" '^parcours: no person with id' \
    p person delete "$TEMP"

# -- users and roles ----------------------------------------------------------
added "user add worker" p user add --login marie --name "Marie Lefèvre" \
    --team nord --new-passphrase-file "$PASS" --kdf-cost 14
MARIE=$NEW
added "user add supervisor" p user add --login sophie --name "Sophie Nguyễn" \
    --role supervisor --team nord --new-passphrase-file "$PASS" --kdf-cost 14
ok "user list" p user list
like "user list: the default role is worker" "$TMP/out" \
    '^[0-9a-f-]{36}  marie +Marie Lefèvre +worker +nord +no +yes$'
is "user list: the disabled column lines up by screen width" \
    "$(widths "$TMP/out" 'Disabled|(no|yes) +(no|yes)$')" 1
ok "user list --format csv" p user list --format csv
like "user list csv" "$TMP/out" "^$MARIE,marie,Marie Lefèvre,worker,nord,false,true"
ok "user list --format json" p user list --format json
like "user list json" "$TMP/out" '"login": "sophie"'
ok "user edit" p user edit marie --name "Marie Lefèvre-Dubois"
ok "user list after edit" p user list --format csv
like "user edit: the name changed" "$TMP/out" ',Marie Lefèvre-Dubois,'
fails 2 "user add: a --kdf-cost past an int is out of range" \
    p user add --login zoe --new-passphrase-file "$PASS" --kdf-cost 4294967313
like "… the message names the option" "$TMP/err" \
    '--kdf-cost: expected a whole number from 14 to 22'
fails 2 "user add: --new-passphrase-fd past 65535" \
    p user add --login zoe --new-passphrase-fd 99999
like "… the message names the option" "$TMP/err" '--new-passphrase-fd:'
refused 1 "user add: duplicate login" \
    '^parcours: login: user "marie" already exists' \
    p user add --login marie --new-passphrase-file "$PASS" --kdf-cost 14
refused 1 "user add: invalid login" '^parcours: login: use 2 to 32' \
    p user add --login "Marie D" --new-passphrase-file "$PASS" --kdf-cost 14
refused 1 "user add: unknown role" '^parcours: role: unknown value "chef"' \
    p user add --login jean --role chef --new-passphrase-file "$PASS" \
    --kdf-cost 14
printf 'trop court\n' > "$TMP/short"
refused 1 "user add: passphrase too short" \
    'passphrase is too short: at least 12 characters' \
    p user add --login jean --new-passphrase-file "$TMP/short" --kdf-cost 14
refused 1 "user edit: unknown role" '^parcours: role: unknown value' \
    p user edit marie --role boss
usage "user edit: a login cannot change" 'a login cannot be changed' \
    p user edit marie --login marion
usage "user add without --login" '--login is required' \
    p user add --name X

PUSER=marie
ok "a worker unlocks with her own slot" p person list
refused 1 "a worker cannot add users" \
    'only an administrator can add users' \
    p user add --login jean --new-passphrase-file "$PASS" --kdf-cost 14
refused 1 "a worker cannot change users" \
    'only an administrator can change users' p user edit sophie --role admin
refused 1 "a worker cannot disable users" \
    'only an administrator can disable users' p user disable sophie
refused 1 "a worker cannot set another's passphrase" \
    "only an administrator can set another user's passphrase" \
    p user passwd sophie --new-passphrase-file "$PASS" --kdf-cost 14
printf 'marie a une nouvelle phrase\n' > "$TMP/pass-marie"
ok "a worker changes her own passphrase" \
    p user passwd --new-passphrase-file "$TMP/pass-marie" --kdf-cost 14
fails 3 "the old passphrase no longer opens" p person list
like "wrong passphrase: message" "$TMP/err" 'wrong passphrase for user "marie"'
ok "the new passphrase opens" "$PARCOURS" --db "$DB" --user marie \
    --passphrase-file "$TMP/pass-marie" person list
PUSER=sophie
ok "a supervisor lists her team's files" p person list --team nord
PUSER=admin
ok "an administrator resets a passphrase" \
    p user passwd marie --new-passphrase-file "$PASS" --kdf-cost 14
ok "keys list" p keys list
is "keys list: one slot per user" "$(sort "$TMP/out" | tr '\n' ' ')" \
    "admin login marie sophie "
refused 1 "the last administrator cannot be disabled" \
    'last administrator: name another one first' p user disable admin
refused 1 "nor made a worker" \
    'last administrator: name another one first' \
    p user edit admin --role worker
ok "user disable" p user disable sophie
ok "keys list after disable" p keys list
unlike "disabling removes the key slot" "$TMP/out" '^sophie$'
ok "user list after disable" p user list --format csv
like "user list: sophie is disabled, without a slot" "$TMP/out" \
    ',sophie,.*,true,false'
PUSER=sophie
fails 3 "a disabled user cannot unlock" p person list
like "a disabled user: message" "$TMP/err" 'user "sophie"'
PUSER=admin
refused 1 "user disable: unknown login" 'no user with login "nobody"' \
    p user disable nobody

# -- pathway file: close, reopen, assign ------------------------------------
ok "file assign" p file assign "$LEA" --worker marie
ok "person list --worker marie" p person list --worker marie --format csv
is "file assign: the file is in marie's caseload" \
    "$(tail -n +2 "$TMP/out" | cut -d, -f1,7)" "$LEA,marie"
refused 1 "person list --worker of an unknown login" \
    '^parcours: no user with login "marei"' p person list --worker marei
ok "person list (own caseload)" p person list --format csv
unlike "file assign: no longer in admin's caseload" "$TMP/out" "$LEA"
ok "person list --team nord" p person list --team nord --format csv
like "person list --team: marie's file" "$TMP/out" "^$LEA,"
refused 1 "file assign: unknown worker" \
    '^parcours: worker_id: no user with login "nobody"' \
    p file assign "$OEU" --worker nobody
usage "file assign without --worker" '--worker is required' \
    p file assign "$OEU"
ok "file close" p file close "$OEU" --reason moved --date 2026-11-22
ok "person list after close" p person list --format csv
unlike "a closed file is not listed" "$TMP/out" "$OEU"
ok "person list --all" p person list --all --format csv
like "person list --all: the closed file with its date" "$TMP/out" \
    "^$OEU,.*,2026-11-22,2026-11-22"
ok "person show of a closed file" p person show "$OEU"
like "person show: the closing reason" "$TMP/out" \
    '^Closing reason +moved'
ok "file reopen" p file reopen "$OEU"
ok "person list after reopen" p person list --format csv
like "a reopened file is listed" "$TMP/out" "^$OEU,"
refused 1 "file close: unknown reason" \
    '^parcours: closing_reason: unknown value "bogus"' \
    p file close "$OEU" --reason bogus
refused 1 "file close before the opening" \
    '^parcours: closed_on: before opened_on' \
    p file close "$OEU" --reason moved --date 2020-01-01
refused 1 "file close: invalid date" '2025-02-30' \
    p file close "$OEU" --reason moved --date 2025-02-30
usage "file close without --reason" '--reason is required' \
    p file close "$OEU"

# -- partners -----------------------------------------------------------------
added "partner add" p partner add --name "CAF de l'Hérault" --kind caf \
    --territory "Hérault" --services "RSA, prime d'activité"
CAF=$NEW
added "partner add (court)" p partner add --name "Juge des enfants" \
    --kind court
JUGE=$NEW
ok "partner list" p partner list
like "partner list" "$TMP/out" "^$CAF  CAF de l'Hérault +caf +Hérault"
ok "partner list --search herault" p partner list --search herault \
    --format csv
is "partner search ignores accents and case" \
    "$(tail -n +2 "$TMP/out" | cut -d, -f1)" "$CAF"
ok "partner list --search prime" p partner list --search "PRIME D'ACTIV" \
    --format csv
is "partner search covers the services" \
    "$(tail -n +2 "$TMP/out" | cut -d, -f1)" "$CAF"
ok "partner show" p partner show "$CAF"
like "partner show" "$TMP/out" "^Name +CAF de l'Hérault$"
ok "partner edit" p partner edit "$CAF" --phone "04 67 00 00 00"
ok "partner show --format json" p partner show "$CAF" --format json
like "partner edit: the phone changed" "$TMP/out" '"phone": "04 67 00 00 00"'
refused 1 "partner add: unknown kind" '^parcours: kind: unknown value "bank"' \
    p partner add --name Banque --kind bank

# -- referents ------------------------------------------------------------------
added "referent add (coordinator)" p referent add --person "$LEA" \
    --role coordinator --name "Mme Dupont" --user marie \
    --start-date 2026-01-05
REF1=$NEW
added "referent add (ASE)" p referent add --person "$LEA" --role ase \
    --name "M. Petit" --partner "$CAF" --start-date 2026-02-01
REF2=$NEW
ok "referent list --person" p referent list --person "$LEA"
like "referent list: the coordinator" "$TMP/out" "^$REF1  coordinator "
ok "referent list --person by prefix" p referent list \
    --person "${LEA:0:13}" --format csv
is "referent list --person: both referents" "$(tail -n +2 "$TMP/out" |
    cut -d, -f1 | sort | tr '\n' ' ')" "$(printf '%s\n' "$REF1" "$REF2" |
    sort | tr '\n' ' ')"
refused 1 "referent list --person of an unknown person" \
    '^parcours: no person with id "bogus"' \
    p referent list --person bogus
ok "referent show" p referent show "$REF1"
like "referent show: the user by login" "$TMP/out" '^parcours user +marie$'
ok "referent edit" p referent edit "$REF1" --phone "04 00 00 00 00"
ok "referent end with a successor" p referent end "$REF1" \
    --date 2026-11-01 --successor "$REF2"
ok "referent list (current)" p referent list --person "$LEA" --format csv
unlike "an ended referent is not current" "$TMP/out" "$REF1"
ok "referent list --all" p referent list --person "$LEA" --all --format csv
like "referent list --all: the ended referent" "$TMP/out" \
    "^$REF1,.*2026-01-05,2026-11-01"
refused 1 "referent: a successor of another person" \
    'successor_id: the successor is a referent of another person' \
    p referent add --person "$OEU" --role other --name X \
    --start-date 2026-01-01 --successor "$REF2"
refused 1 "referent: unknown role" '^parcours: role: unknown value' \
    p referent add --person "$LEA" --role boss --name X --start-date 2026-01-01
refused 1 "referent edit of a fixed field (person)" \
    '^parcours: person_id: cannot be changed' \
    p referent edit "$REF2" --person "$OEU"
refused 1 "referent delete refused while named as a successor" \
    'cannot be deleted: records still refer to it \(referents.successor_id\)' \
    p referent delete "$REF2"
ok "the successor link is cleared" p referent edit "$REF1" --successor ''
ok "referent delete" p referent delete "$REF2"
fails 1 "a deleted referent is not shown" p referent show "$REF2"

# -- projects -------------------------------------------------------------------
added "project add" p project add --person "$LEA" --kind ppe \
    --title "PPE de Léa" --signed-on 2026-01-10 --start-date 2026-01-10 \
    --next-review 2027-01-10
PROJ=$NEW
ok "project list" p project list --person "$LEA"
like "project list" "$TMP/out" "^$PROJ  ppe +PPE de Léa +active "
ok "project edit" p project edit "$PROJ" --next-review 2026-12-01
ok "project show" p project show "$PROJ"
like "project show: the kind's label" "$TMP/out" "projet pour l'enfant"
like "project show: the review date" "$TMP/out" '^Next review +2026-12-01$'
ok "project end" p project end "$PROJ" --date 2026-11-20
ok "project show after end" p project show "$PROJ" --format json
like "project end: status closed" "$TMP/out" '"status": "closed"'
like "project end: the end date" "$TMP/out" '"end_date": "2026-11-20"'
refused 1 "project: unknown kind" '^parcours: kind: unknown value "pp"' \
    p project add --person "$LEA" --kind pp
refused 1 "project: end before start" '^parcours: end_date: before start_date' \
    p project add --person "$LEA" --kind ppc --start-date 2026-05-01 \
    --end-date 2026-04-30
added "project add (to delete)" p project add --person "$LEA" --kind masp
ok "project delete" p project delete "$NEW"

# -- measures -------------------------------------------------------------------
added "measure add" p measure add --person "$LEA" --kind aemo \
    --nature judicial --partner "$JUGE" --start-date 2026-01-01 \
    --end-date 2026-12-31 --hearing-date 2026-12-01
MEAS=$NEW
ok "measure list" p measure list --person "$LEA"
like "measure list: the partner by name" "$TMP/out" \
    "^$MEAS  aemo +judicial +Juge des enfants +2026-01-01 +2026-12-31"
ok "measure list (all persons)" p measure list --format csv
like "measure list: the person column without --person" "$TMP/out" \
    "^$MEAS,$LEA,aemo,"
ok "measure edit" p measure edit "$MEAS" --renewal-requested-on 2026-10-01
ok "measure show" p measure show "$MEAS" --format json
like "measure edit: renewal requested" "$TMP/out" \
    '"renewal_requested_on": "2026-10-01"'
refused 1 "measure: unknown nature" '^parcours: nature: unknown value' \
    p measure add --person "$LEA" --kind aemo --nature civil \
    --start-date 2026-01-01
refused 1 "measure: missing kind" '^parcours: kind: required, missing' \
    p measure add --person "$LEA" --nature judicial --start-date 2026-01-01
usage "measure end without a reason" \
    '^parcours measure end: --reason is required: how does the measure end\? \(lifted, goals_reached, relayed, moved, majority, deceased, renewed, unknown\)' \
    p measure end "$MEAS" --date 2026-11-15
refused 1 "measure end: an unknown reason" \
    '^parcours: end_reason: ' \
    p measure end "$MEAS" --date 2026-11-15 --reason whatever
refused 1 "measure end: a relay names the service" \
    '^parcours: relayed_to: required when the end reason is "relayed"' \
    p measure end "$MEAS" --date 2026-11-15 --reason relayed
refused 1 "measure end: a service only with a relay" \
    '^parcours: relayed_to: only with the end reason "relayed"' \
    p measure end "$MEAS" --date 2026-11-15 --reason lifted \
    --relayed-to "SAVS"
refused 1 "measure: no end reason without an end" \
    '^parcours: end_reason: a record with no end date has no end reason' \
    p measure edit "$MEAS" --end-date '' --end-reason deceased
ok "measure end, relayed" p measure end "$MEAS" --date 2026-11-15 \
    --reason relayed --relayed-to "Service de prévention spécialisée"
ok "measure show: the reason and the service" p measure show "$MEAS" \
    --format json
like "measure show: end_reason" "$TMP/out" '"end_reason": "relayed"'
like "measure show: relayed_to" "$TMP/out" \
    '"relayed_to": "Service de prévention spécialisée"'
ok "measure end again, another reason" p measure end "$MEAS" \
    --date 2026-11-15 --reason goals_reached
ok "measure show after" p measure show "$MEAS" --format json
like "measure show: the new reason" "$TMP/out" '"end_reason": "goals_reached"'
unlike "measure show: the service is cleared" "$TMP/out" '"relayed_to": "'
ok "measure list after end" p measure list --person "$LEA" --format csv
unlike "an ended measure is not current" "$TMP/out" "$MEAS"
ok "measure list --all" p measure list --person "$LEA" --all --format csv
like "measure list --all: the end date" "$TMP/out" "^$MEAS,.*,2026-11-15"
ok "measure delete" p measure delete "$MEAS"

# -- rights ---------------------------------------------------------------------
added "right add for life (\"oui\")" p right add --person "$LEA" \
    --kind aeeh --status granted --filed-on 2025-10-01 \
    --decision-on 2025-12-01 --start-date 2026-01-01 --for-life oui
RIGHT=$NEW
ok "right show" p right show "$RIGHT" --format json
like "right: \"oui\" is true" "$TMP/out" '"for_life": true'
ok "right show (text)" p right show "$RIGHT"
like "right show: yes" "$TMP/out" '^Granted for life +yes$'
refused 1 "right: for life with an end date" \
    'end_date: a right granted for life has no end date' \
    p right edit "$RIGHT" --end-date 2030-01-01
refused 1 "right: a boolean that is not yes or no" \
    '^parcours: for_life: not yes or no: "peut-être"' \
    p right add --person "$LEA" --kind rsa --status requested \
    --for-life peut-être
refused 1 "right: decision before filing" \
    '^parcours: decision_on: before filed_on' \
    p right add --person "$LEA" --kind rsa --status granted \
    --filed-on 2026-03-01 --decision-on 2026-02-01
refused 1 "right: refused with a start date" \
    'start_date: a refused right has no start date' \
    p right add --person "$LEA" --kind aah --status refused \
    --start-date 2026-01-01
added "right add (RSA)" p right add --person "$LEA" --kind rsa \
    --status granted --start-date 2026-01-01 --for-life NO
usage "right end without a reason" \
    '^parcours right end: --reason is required: how does the right end' \
    p right end "$NEW" --date 2026-06-30
ok "right end" p right end "$NEW" --date 2026-06-30 --reason moved
ok "right list --all" p right list --person "$LEA" --all --format csv
like "right list: the ended right" "$TMP/out" "^$NEW,rsa,granted,.*2026-06-30"
ok "right delete" p right delete "$NEW"

# -- involvements -------------------------------------------------------------
added "involvement add" p involvement add --person "$LEA" --partner "$CAF" \
    --contact-name "Mme Roux" --start-date 2026-01-01 --shares-info TRUE \
    --legal-basis consent
INV=$NEW
ok "involvement list" p involvement list --person "$LEA"
like "involvement list: yes and the legal basis" "$TMP/out" \
    "^$INV  CAF de l'Hérault +Mme Roux .* yes +consent$"
ok "involvement edit" p involvement edit "$INV" --purpose "accès aux droits"
ok "involvement end" p involvement end "$INV"
ok "involvement show" p involvement show "$INV" --format json
like "involvement end: today by default" "$TMP/out" '"end_date": "2026-11-22"'
refused 1 "involvement: unknown legal basis" \
    '^parcours: legal_basis: unknown value' \
    p involvement add --person "$LEA" --partner "$CAF" \
    --start-date 2026-01-01 --legal-basis friendship
ok "involvement delete" p involvement delete "$INV"

# -- events (the journal) -----------------------------------------------------
printf 'Visite à domicile.\nLéa va bien ; « école » OK.\n' > "$TMP/note"
added "event add --text-file" p event add --person "$LEA" \
    --kind home_visit --date 2026-11-20 --participants "Léa, sa mère" \
    --text-file "$TMP/note"
EV=$NEW
ok "event show" p event show "$EV"
like "event show: the first line of the text" "$TMP/out" \
    'Visite à domicile\.$'
like "event show: the second line of the text" "$TMP/out" \
    '^Léa va bien ; « école » OK\.$'
ok "event list" p event list --person "$LEA"
like "event list" "$TMP/out" "^$EV  home_visit +2026-11-20 +Léa, sa mère"
ok "event edit" p event edit "$EV" --kind contact
ok "event list --format csv" p event list --person "$LEA" --format csv
like "csv keeps a line break, inside quotes" "$TMP/out" \
    "^$EV,contact,2026-11-20,\"Léa, sa mère\",\"Visite à domicile\.\$"
like "csv: the second line of the text" "$TMP/out" \
    '^Léa va bien ; « école » OK\."'
ok "event list --format json" p event list --person "$LEA" --format json
like "json keeps a line break" "$TMP/out" \
    '"text": "Visite à domicile\.\\nLéa va bien'
printf 'avant \033[2J\033]0;titre\007 après\n' > "$TMP/esc"
added "event add with escape sequences" p event add --person "$LEA" \
    --kind note --date 2026-11-19 --text-file "$TMP/esc"
ok "event show (escape sequences)" p event show "$NEW"
like "event show: the text around them" "$TMP/out" 'avant .*après'
fails 1 "event show: no raw escape reaches the terminal" \
    grep -q $'\033' "$TMP/out"
ok "event list --format csv (escape sequences)" p event list \
    --person "$LEA" --format csv
fails 1 "csv: no raw escape either" grep -q $'\033' "$TMP/out"
ok "event delete (escape sequences)" p event delete "$NEW"
refused 1 "event in the future" \
    '^parcours: date: a journal entry cannot be in the future' \
    p event add --person "$LEA" --kind note --date 2026-11-23
refused 1 "event: unknown kind" '^parcours: kind: unknown value "visit"' \
    p event add --person "$LEA" --kind visit --date 2026-11-20
usage "event end does not exist" 'unknown command "event end"' \
    p event end "$EV"
ok "event delete" p event delete "$EV"

# -- referrals ----------------------------------------------------------------
added "referral add" p referral add --person "$LEA" --partner "$CAF" \
    --sent-on 2026-10-01 --reason "ouverture des droits RSA"
RFL=$NEW
ok "referral list" p referral list --person "$LEA" --format csv
like "referral list: sent by default" "$TMP/out" \
    "^$RFL,$CAF,2026-10-01,ouverture des droits RSA,sent,"
refused 1 "referral answer with status sent" \
    'status: an answered referral is accepted, refused or cancelled' \
    p referral answer "$RFL" --status sent
refused 1 "referral answer before sending" \
    '^parcours: answered_on: before sent_on' \
    p referral answer "$RFL" --status accepted --date 2026-09-01
ok "referral answer" p referral answer "$RFL" --status accepted \
    --answer "Droits ouverts" --date 2026-11-02
ok "referral show" p referral show "$RFL"
like "referral answer: the status" "$TMP/out" '^Status +accepted'
like "referral answer: the date" "$TMP/out" '^Answered on +2026-11-02$'
like "referral answer: the answer" "$TMP/out" '^Answer +Droits ouverts$'
refused 1 "referral accepted without an answer date" \
    'answered_on: required when the referral is accepted' \
    p referral add --person "$LEA" --partner "$CAF" --sent-on 2026-10-01 \
    --reason x --status accepted
ok "referral edit" p referral edit "$RFL" --reason "RSA"
ok "referral delete" p referral delete "$RFL"

# -- partner delete (after its uses) -------------------------------------------
ok "partner delete" p partner delete "$JUGE"
fails 1 "a deleted partner is not shown" p partner show "$JUGE"
refused 1 "a deleted partner cannot be referred to" \
    '^parcours: partner_id: no partner with id' \
    p measure add --person "$LEA" --kind aemo --nature judicial \
    --partner "$JUGE" --start-date 2026-01-01

# -- bad input ------------------------------------------------------------------
refused 1 "an impossible date" \
    '^parcours: birth_date: not a real calendar date: "2025-02-30"' \
    p person add --last-name X --first-name Y --birth-date 2025-02-30
refused 1 "an impossible date (dd/mm/yyyy)" '^parcours: birth_date: .*30' \
    p person add --last-name X --first-name Y --birth-date 30/02/2025
refused 1 "not a date" '^parcours: birth_date: ' \
    p person add --last-name X --first-name Y --birth-date yesterday
refused 1 "a birth date in the future" \
    '^parcours: birth_date: in the future' \
    p person add --last-name X --first-name Y --birth-date 2026-11-23
refused 1 "an unknown enumeration value" \
    '^parcours: sex: unknown value "q" \(expected one of: f, m, x\)' \
    p person add --last-name X --first-name Y --sex q
refused 1 "a missing required field" \
    '^parcours: first_name: required, missing' \
    p person add --last-name X
refused 1 "a dangling person reference" \
    '^parcours: person_id: no person with id "01234567-89ab-7def-8123-456789abcdef"' \
    p measure add --person 01234567-89ab-7def-8123-456789abcdef \
    --kind aemo --nature judicial --start-date 2026-01-01
refused 1 "a dangling partner reference" \
    '^parcours: partner_id: no partner with id' \
    p measure add --person "$LEA" --kind aemo --nature judicial \
    --partner 01234567-89ab-7def-8123-456789abcdef --start-date 2026-01-01
refused 1 "a reference that is not an id" \
    '^parcours: partner_id: not an identifier: "CAF"' \
    p involvement add --person "$LEA" --partner CAF --start-date 2026-01-01
refused 1 "a reference to a deleted person" \
    '^parcours: person_id: no person with id' \
    p event add --person "$TEMP" --kind note --date 2026-11-01
refused 1 "invalid UTF-8" '^parcours: last_name: not valid UTF-8' \
    p person add --last-name "$(printf 'Mart\xffin')" --first-name Y
refused 1 "invalid UTF-8 (overlong)" '^parcours: first_name: not valid UTF-8' \
    p person add --last-name X --first-name "$(printf '\xc0\xaf')"
refused 1 "invalid UTF-8 in an edit" '^parcours: notes: not valid UTF-8' \
    p person edit "$LEA" --notes "$(printf 'a\xed\xa0\x80b')"
refused 1 "a control character in a one-line field" \
    '^parcours: last_name: contains a line break' \
    p person add --last-name "$(printf 'A\tB')" --first-name Y
head -c 1048576 /dev/zero | tr '\0' a > "$TMP/1mb"
refused 1 "a 1 MB field" \
    '^parcours: notes: too long \(1048576 characters; at most 10000\)' \
    p person edit "$LEA" --notes-file "$TMP/1mb"
refused 1 "a 1 MB journal entry" \
    '^parcours: text: too long \(1048576 characters; at most 100000\)' \
    p event add --person "$LEA" --kind note --date 2026-11-01 \
    --text-file "$TMP/1mb"
refused 1 "a 1 MB name" '^parcours: last_name: too long' \
    p person add --last-name-file "$TMP/1mb" --first-name Y
printf 'a\0b' > "$TMP/nul"
refused 1 "a field file with a NUL byte" \
    '^parcours: notes: .* NUL byte' p person edit "$LEA" --notes-file "$TMP/nul"
refused 1 "a field file that does not exist" \
    '^parcours: notes: cannot read' \
    p person edit "$LEA" --notes-file "$TMP/nowhere"
usage "a file option for a field that is not text" 'unknown option' \
    p person edit "$LEA" --birth-date-file "$TMP/note"
# repeat N STRING — STRING N times.
repeat() { awk -v n="$1" -v s="$2" 'BEGIN { while (n-- > 0) printf "%s", s }'; }
long=$(repeat 10001 é)
refused 1 "one character too many (counted in characters)" \
    '^parcours: notes: too long \(10001 characters; at most 10000\)' \
    p person edit "$LEA" --notes "$long"
ok "exactly the longest value (10000 × é, 20000 bytes)" \
    p person edit "$LEA" --notes "${long%é}"
hundred=$(repeat 100 Œ)
added "a 100-character name of 2-byte characters" \
    p person add --last-name "$hundred" --first-name Y
refused 1 "a 101-character name" '^parcours: last_name: too long \(101' \
    p person add --last-name "${hundred}Œ" --first-name Y

SQL="Robert'); DROP TABLE persons;--"
added "a name with SQL metacharacters" p person add --last-name "$SQL" \
    --first-name "O\"Brien, Jr" --notes "' OR 1=1 --; %_\\"
BOBBY=$NEW
ok "person show of the SQL name" p person show "$BOBBY" --format json
like "the SQL name is stored as typed" "$TMP/out" \
    "\"last_name\": \"Robert'\\); DROP TABLE persons;--\""
like "the quoted first name is stored as typed" "$TMP/out" \
    '"first_name": "O\\"Brien, Jr"'
ok "the persons table still exists" p person list --all-files --format csv
like "the persons table still holds Léa" "$TMP/out" "^$LEA,"
ok "csv quoting of quotes and commas" p person list --search robert \
    --format csv
like "csv: a quote doubled, the field quoted" "$TMP/out" \
    "^$BOBBY,Robert'\\); DROP TABLE persons;--,\"O\"\"Brien, Jr\","
ok "search with a quote" p person list --search "robert');" --format csv
is "search with a quote finds the SQL name" \
    "$(tail -n +2 "$TMP/out" | cut -d, -f1)" "$BOBBY"

usage "an unknown option" '^parcours person add: unknown option "--bogus"' \
    p person add --last-name X --first-name Y --bogus 1
usage "an unknown global option" '^parcours: unknown option "--bogus"' \
    "$PARCOURS" --db "$DB" --bogus person list
usage "an unknown command" '^parcours: unknown command "frobnicate"' \
    p frobnicate
usage "an unknown subcommand" '^parcours: unknown command "person frob"' \
    p person frob
usage "a family without its subcommand" '"person" needs a subcommand' \
    p person
usage "an option without its value" 'option --last-name needs a value' \
    p person add --first-name Y --last-name
usage "a second id" 'unexpected argument' p person show "$LEA" "$OEU"
usage "show without an id" 'which person\? give its id' p person show
usage "edit without a field" 'nothing to change' p person edit "$LEA"
usage "an unknown output format" \
    '^parcours: --format: unknown format "xml"' p person list --format xml
usage "an impossible --today" '^parcours: --today: .*2025-02-30' \
    p --today 2025-02-30 person list
usage "--passphrase-file with --passphrase-fd" 'cannot be used together' \
    "$PARCOURS" --db "$DB" --passphrase-file "$PASS" --passphrase-fd 0 \
    person list
usage "no command" '^usage: parcours' "$PARCOURS" --db "$DB"
usage "a field of another entity" 'unknown option "--kind"' \
    p person add --last-name X --first-name Y --kind aemo
usage "a list option on add" 'unknown option "--search"' \
    p person add --last-name X --first-name Y --search x

# -- audit commands (when they exist) ---------------------------------------
if grep -qx 'audit' "$TMP/commands" && grep -qx 'audit verify' \
    "$TMP/commands"; then
	ok "audit" p audit
	like "audit: the creation of a person" "$TMP/out" "create +person +$LEA"
	unlike "audit: no values, only names" "$TMP/out" 'Martin|Léa'
	ok "audit --person" p audit --person "$LEA"
	unlike "audit --person: only that person" "$TMP/out" "$OEU"
	ok "audit verify" p audit verify
	like "audit verify: intact" "$TMP/out" 'intact'
	echo "DROP TRIGGER audit_no_update; UPDATE audit SET action = 'view'
	    WHERE seq = 5;" | sqlc > /dev/null
	fails 1 "audit verify detects a modified entry" p audit verify
	like "audit verify: names the broken entry" "$TMP/err" 'broken at entry 5\b'
else
	skip "audit commands" "not in this build yet"
fi

finish
