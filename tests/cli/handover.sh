#!/bin/bash
# "file handover": the outgoing coordinator ends today with the new one as
# successor, the incoming worker starts as coordinator, the file changes
# caseload and the journal records it, in one transaction; supervisors
# within their team and administrators only, and nothing written when it
# is refused.
. "$(dirname "$0")/lib.sh"

mkdb
adduser sup supervisor "MDS Test"
adduser w1 worker "MDS Test"
adduser w2 worker "MDS Test"
adduser far worker "MDS Autre"
anne=$(PUSER=w1 p person add --last-name Alpha --first-name Anne)
PUSER=w1 p referent add --person "$anne" --role coordinator --name w1 \
    --user w1 --start-date 2026-01-05 > /dev/null
bob=$(PUSER=w1 p person add --last-name Bravo --first-name Bob)
PUSER=w1 p file close "$bob" --reason moved > /dev/null

# refused STATUS DESCRIPTION REGEX COMMAND... — refused, nothing written.
refused() {
	local status=$1 desc=$2 re=$3 before
	shift 3
	before=$(content)
	fails "$status" "$desc: exit $status" "$@"
	like "$desc: message" "$TMP/err" "$re"
	is "$desc: nothing written" "$(content)" "$before"
}

fails 2 "a person is required" p file handover --worker w2
fails 2 "--worker is required" p file handover "$anne"
refused 1 "a worker cannot hand a file over" "only supervisors" \
    env PUSER=w1 "$PARCOURS" --db "$DB" --passphrase-file "$PASS" \
    --user w1 file handover "$anne" --worker w2
refused 1 "not across teams" "within their team" \
    env "$PARCOURS" --db "$DB" --passphrase-file "$PASS" --user sup \
    file handover "$anne" --worker far
refused 1 "not a closed file" "is closed" \
    "$PARCOURS" --db "$DB" --passphrase-file "$PASS" --user sup \
    file handover "$bob" --worker w2
refused 1 "not to the worker who has it" "already in" \
    "$PARCOURS" --db "$DB" --passphrase-file "$PASS" --user sup \
    file handover "$anne" --worker w1

ok "a supervisor hands the file over within the team" \
    "$PARCOURS" --db "$DB" --passphrase-file "$PASS" --user sup \
    file handover "$anne" --worker w2
p referent list --person "$anne" --all > "$TMP/refs"
like "the old coordinator ends today" "$TMP/refs" \
    "coordinator +w1 +2026-01-05 +2026-11-22"
like "the new one starts today" "$TMP/refs" "coordinator +w2 +2026-11-22 *$"
old=$(awk '$3 == "w1" { print $1 }' "$TMP/refs")
new=$(awk '$3 == "w2" { print $1 }' "$TMP/refs")
p referent show "$old" --format json > "$TMP/old"
like "the old one names the new one as successor" "$TMP/old" \
    "\"successor_id\": *\"$new\""
p event list --person "$anne" --all > "$TMP/events"
like "the journal records the handover" "$TMP/events" "handover +2026-11-22"
p person list --worker w2 > "$TMP/w2"
like "the file is in the new worker's caseload" "$TMP/w2" "Alpha"
p audit > "$TMP/audit"
like "the changes are audited" "$TMP/audit" "update +referent"

ok "an administrator hands it on to another team" \
    p file handover "$anne" --worker far
p referent list --person "$anne" --all > "$TMP/refs"
is "one coordinator has no end afterwards" \
    "$(awk '$2 == "coordinator" && NF == 4' "$TMP/refs" | wc -l)" 1
like "the second handover ends the first successor today" "$TMP/refs" \
    "coordinator +w2 +2026-11-22 +2026-11-22"

finish
