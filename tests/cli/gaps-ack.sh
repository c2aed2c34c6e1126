#!/bin/bash
# Acknowledgements: a flag keeps its id from one run to the next; an
# acknowledged flag is hidden, shown with --all, comes back at the end
# date and as soon as its facts change; acknowledging and withdrawing are
# audited; a worker cannot acknowledge outside their caseload.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gaps-lib.sh"
mkdb
adduser w1 worker nord

cat > "$TMP/ack.json" <<JSON
{"format": "parcours", "version": 1,
$(partners)
 "persons": [
  {"id": "$(pid 1)", "last_name": "Noël", "first_name": "Arthur",
   "birth_date": "2012-01-01", "file": {"opened_on": "2025-01-01"},
   "measures": [{"id": "00000000-0000-7000-b000-000000000001",
     "kind": "aemo", "nature": "judicial", "start_date": "2025-01-01",
     "end_date": "2026-12-31"}],
   "referrals": [{"partner_id": "00000000-0000-7000-9000-000000000005",
     "sent_on": "2026-09-01", "reason": "Bilan"}]}
 ]}
JSON
importdoc "$TMP/ack.json"

# flagid RULE — the id of the person's flag of RULE (today, all flags).
flagid() {
	p gaps --person "$(pid 1)" --all --rule "$1" --format csv |
	    tail -n +2 | cut -d, -f1
}
ME=$(flagid MEASURE_EXPIRY)
RU=$(flagid REFERRAL_UNANSWERED)
is "a flag id is 16 hexadecimal digits" \
    "$(printf '%s' "$ME" | grep -Ec '^[0-9a-f]{16}$')" 1
is "the same situation keeps the same flag id" "$(flagid MEASURE_EXPIRY)" "$ME"
fails 2 "ack needs a reason" p ack "$ME"
like "ack names the missing option" "$TMP/err" '--reason'
fails 2 "ack --until in the past is refused" \
    p ack "$ME" --reason "x" --until 2026-11-01
like "ack --until names the option" "$TMP/err" '--until'
fails 1 "ack of an unknown flag" p ack 0123456789abcdef --reason "x"
fails 1 "ack of a malformed id" p ack "zz" --reason "x"
fails 1 "ack with a blank reason" p ack "$ME" --reason "   "
like "… says a reason is required" "$TMP/err" 'reason: a reason is required'
fails 1 "ack with a reason of 501 characters" p ack "$ME" \
    --reason "$(printf '%0501d' 0)"
like "… says how long it may be" "$TMP/err" \
    'reason: too long \(at most 500 characters\)'

ok "ack a flag" p ack "$ME" --reason "Audience fixée au 10/01"
like "ack says what it silenced" "$TMP/out" "MEASURE_EXPIRY $ME"
p gaps --person "$(pid 1)" --format csv > "$TMP/csv"
unlike "acknowledged flag hidden" "$TMP/csv" "^$ME,"
like "the other flag still shows" "$TMP/csv" "^$RU,"
p gaps --person "$(pid 1)" > "$TMP/text"
like "text says how many are hidden" "$TMP/text" \
    '^1 acknowledged flag hidden \(--all shows it\)\.$'
p gaps --person "$(pid 1)" --all --format json > "$TMP/json"
like "--all shows it, acknowledged" "$TMP/json" '"acknowledged": true'
like "--all shows the reason" "$TMP/json" '"reason": "Audience fixée au 10/01"'
p gaps --person "$(pid 1)" --all > "$TMP/text"
like "--all text names who acknowledged" "$TMP/text" \
    'Acknowledged by admin: Audience fixée au 10/01'
p audit --person "$(pid 1)" > "$TMP/audit"
like "the acknowledgement is audited" "$TMP/audit" 'admin +create +ack'
ok "ack list" p ack list --all-files
like "ack list shows the flag" "$TMP/out" "$ME"

# The facts change: the end date is moved, the flag comes back (same id).
ok "move the measure's end" p measure edit \
    00000000-0000-7000-b000-000000000001 --end-date 2027-01-31
p gaps --person "$(pid 1)" --format csv > "$TMP/csv"
like "facts changed: the flag reappears with its id" "$TMP/csv" \
    "^$ME,MEASURE_EXPIRY,"

# Expiry by date.
ok "ack until a date" p ack "$RU" --reason "Relancé par téléphone" \
    --until 2026-12-01
is "hidden the day before the end" \
    "$(g "$(pid 1)" REFERRAL_UNANSWERED 2026-11-30)" ""
is "shows again on the end date" \
    "$(g "$(pid 1)" REFERRAL_UNANSWERED 2026-12-01)" "medium,0,2026-10-01"

# A second acknowledgement replaces the first; withdrawing shows the flag.
ok "ack again" p ack "${RU%????????}" --reason "Relancé"
p ack list --all-files --format csv > "$TMP/acks"
is "one acknowledgement per flag" "$(grep -c ",$RU," "$TMP/acks")" 1
ok "ack remove by flag id" p ack remove "$RU"
is "the flag shows again" \
    "$(g "$(pid 1)" REFERRAL_UNANSWERED 2026-11-22)" "medium,0,2026-10-01"
p audit --person "$(pid 1)" > "$TMP/audit"
like "withdrawing is audited" "$TMP/audit" 'admin +delete +ack'
fails 1 "ack remove of nothing" p ack remove "$RU"

# A worker only reaches their own caseload.
PUSER=w1 fails 1 "a worker cannot ack another caseload's flag" \
    p ack "$ME" --reason "x"
PUSER=w1 fails 1 "... even naming the person" \
    p ack "$ME" --reason "x" --person "$(pid 1)"
finish
