#!/bin/bash
# The gaps command: scopes (own caseload by default, --worker, --team,
# --all-files for supervisors only, --person audited as a view), filters,
# sorting, the three formats, exit statuses; and the settings: thresholds
# read by the rules, validated, audited, changed by administrators only.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gaps-lib.sh"
mkdb
adduser w1 worker nord
adduser w2 worker nord
adduser w3 worker sud
adduser sup supervisor nord

cat > "$TMP/s.json" <<JSON
{"format": "parcours", "version": 1,
 "persons": [
  {"id": "$(pid 1)", "last_name": "Un", "first_name": "Premier",
   "birth_date": "1990-01-01", "file": {"opened_on": "2026-01-01"},
   "events": [{"kind": "contact", "date": "2026-08-01"}]},
  {"id": "$(pid 2)", "last_name": "Deux", "first_name": "Second",
   "birth_date": "1990-01-01", "file": {"opened_on": "2026-01-01"},
   "measures": [{"kind": "aemo", "nature": "judicial",
     "start_date": "2025-01-01", "end_date": "2026-12-01"}]},
  {"id": "$(pid 3)", "last_name": "Trois", "first_name": "Troisième",
   "birth_date": "1990-01-01", "file": {"opened_on": "2026-01-01"}}
 ]}
JSON
importdoc "$TMP/s.json"
p file assign "$(pid 1)" --worker w1 > /dev/null
p file assign "$(pid 2)" --worker w2 > /dev/null
p file assign "$(pid 3)" --worker w3 > /dev/null

# persons OPTIONS… — the sorted person ids of the flags gaps lists.
persons() {
	p gaps --format csv "$@" | tail -n +2 | cut -d, -f8 | sort -u |
	    sed 's/.*-0*//' | tr '\n' ' ' | sed 's/ $//'
}
is "a worker sees their own caseload" "$(PUSER=w1 persons)" "1"
is "a worker may name themselves" "$(PUSER=w1 persons --worker w1)" "1"
PUSER=w1 fails 1 "a worker cannot see another worker's files" \
    p gaps --worker w2
like "the refusal names --worker" "$TMP/err" '--worker'
PUSER=w1 fails 1 "a worker cannot see a team" p gaps --team nord
PUSER=w1 fails 1 "a worker cannot see every file" p gaps --all-files
is "a supervisor sees a worker of their team" \
    "$(PUSER=sup persons --worker w2)" "2"
PUSER=sup fails 1 "a supervisor cannot see a worker of another team" \
    p gaps --worker w3
like "the refusal names --worker and the team" "$TMP/err" \
    '^parcours: --worker: refused: .*own team \(nord\)'
is "a supervisor sees their team" "$(PUSER=sup persons --team nord)" "1 2"
PUSER=sup fails 1 "a supervisor cannot see another team" p gaps --team sud
PUSER=sup fails 1 "a supervisor cannot see every file" p gaps --all-files
like "the refusal says who may" "$TMP/err" \
    '^parcours: --all-files: refused: only administrators see every file'
is "an administrator sees every file" "$(persons --all-files)" "1 2 3"
is "--person" "$(persons --person "$(pid 2)")" "2"
p audit --person "$(pid 2)" > "$TMP/audit"
like "gaps --person is audited as a view of the file" "$TMP/audit" \
    'admin +view +person .* gaps$'
fails 1 "--person of nobody" p gaps --person 0123456789

# Usage errors name the option and exit 2.
fails 2 "--horizon must be a number" p gaps --horizon abc
like "... named" "$TMP/err" '--horizon'
fails 2 "--horizon cannot be negative" p gaps --horizon -5
fails 2 "--severity must be known" p gaps --severity urgent
like "... named" "$TMP/err" '--severity'
fails 2 "--rule must be known" p gaps --rule NOPE
like "... named" "$TMP/err" '--rule: no rule "NOPE"'
fails 2 "--as-of must be a real date" p gaps --as-of 2025-02-30
like "... named" "$TMP/err" '--as-of'
fails 2 "an unknown option" p gaps --frobnicate
fails 2 "--person and --all-files exclude each other" \
    p gaps --person "$(pid 1)" --all-files
fails 2 "--horizon needs a value" p gaps --horizon

# Findings are not errors.
ok "exit 0 with flags" p gaps --all-files
ok "exit 0 without flags" p gaps --all-files --as-of 2026-01-01 --rule \
    MEASURE_EXPIRY
like "no gaps said plainly" "$TMP/out" '^No gaps as of 2026-01-01\.$'

# Filters and order: severity, then due date.
p gaps --all-files --format csv > "$TMP/csv"
is "CSV header" "$(head -1 "$TMP/csv" | tr -d '\r')" \
    id,rule,severity,due_severity,upcoming,due,days_overdue,person_id,person_name,age,file_id,records,explanation,why,source,action,acknowledged,ack_reason,ack_until
is "sorted by severity then due date" \
    "$(tail -n +2 "$TMP/csv" | cut -d, -f2,3,6 | tr '\n' ' ')" \
    "NO_COORDINATOR,high,2026-01-01 NO_COORDINATOR,high,2026-01-01 NO_COORDINATOR,high,2026-01-01 MEASURE_EXPIRY,high,2026-09-02 NO_RECENT_CONTACT,medium,2026-04-01 NO_RECENT_CONTACT,medium,2026-04-01 NO_RECENT_CONTACT,medium,2026-10-30 "
is "--severity high" \
    "$(p gaps --all-files --severity high --format csv | tail -n +2 |
    cut -d, -f3 | sort -u)" "high"
is "--rule, twice and with a comma" \
    "$(p gaps --all-files --rule no_recent_contact,MEASURE_EXPIRY \
    --rule NO_COORDINATOR --format csv | tail -n +2 | cut -d, -f2 |
    sort -u | tr '\n' ' ')" "MEASURE_EXPIRY NO_COORDINATOR NO_RECENT_CONTACT "
p gaps --all-files --format json > "$TMP/json"
for k in id rule severity due_severity upcoming due days_overdue days_left \
    person_id person_name age file_id records explanation why source action \
    facts acknowledged ack; do
	like "JSON key $k" "$TMP/json" "^    \"$k\": "
done

# Settings.
is "config get: the default" \
    "$(p config get rule.NO_RECENT_CONTACT.days)" "90"
fails 2 "a negative threshold is refused" \
    p config set rule.NO_RECENT_CONTACT.days -5
like "... with a message naming the setting" "$TMP/err" \
    'rule\.NO_RECENT_CONTACT\.days: "-5" is refused'
fails 2 "a non-numeric threshold is refused" \
    p config set rule.NO_RECENT_CONTACT.days 3x
like "... naming the setting" "$TMP/err" 'rule\.NO_RECENT_CONTACT\.days'
fails 2 "an unknown setting" p config set rule.NOPE.days 3
fails 2 "the idle lock has a floor" p config set lock.idle_seconds 0
PUSER=w1 fails 1 "a worker cannot change settings" \
    p config set rule.NO_RECENT_CONTACT.days 60
ok "an administrator changes a threshold" \
    p config set rule.NO_RECENT_CONTACT.days 60
is "config get: the new value" \
    "$(p config get rule.NO_RECENT_CONTACT.days)" "60"
is "the rule reads the setting" \
    "$(g "$(pid 1)" NO_RECENT_CONTACT 2026-09-30)" "medium,0,2026-09-30"
p audit > "$TMP/audit"
like "the change is audited" "$TMP/audit" \
    'admin +update +setting +rule\.NO_RECENT_CONTACT\.days +value'
ok "back to the default" p config set rule.NO_RECENT_CONTACT.days default
is "config get: default again" \
    "$(p config get rule.NO_RECENT_CONTACT.days)" "90"
ok "config list" p config list
like "config list shows the idle lock" "$TMP/out" \
    '^lock\.idle_seconds +300 +300 +seconds'
is "config list has every rule's thresholds" \
    "$(grep -c '^rule\.' "$TMP/out")" 40
p config list --format json > "$TMP/json"
like "config list in JSON" "$TMP/json" '"key": "rule.PPE_NOT_ESTABLISHED.months"'
finish
