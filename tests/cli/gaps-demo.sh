#!/bin/bash
# The demo caseload raises every rule of the catalogue at least once
# (parcours demo, then gaps --all-files --format json), and each worker
# and the supervisor can read their part of it.
. "$(dirname "$0")/lib.sh"

ok "demo database" "$PARCOURS" --db "$DB" --passphrase-file "$PASS" demo \
    --kdf-cost 14
PUSER=admin
p gaps --all-files --format json > "$TMP/json"
is "the demo raises all 26 rules" \
    "$(grep -o '"rule": "[A-Z_0-9]*"' "$TMP/json" | sort -u | wc -l)" 26
for r in NO_COORDINATOR COORDINATOR_LEAVING MULTIPLE_COORDINATORS \
    HANDOVER_UNCONFIRMED NO_RECENT_CONTACT NO_COORDINATION_MEETING \
    REFERRAL_UNANSWERED CONSENT_MISSING PROJECT_REVIEW_OVERDUE \
    CLOSED_WITH_ACTIVE_ITEMS PPE_NOT_ESTABLISHED SITUATION_REPORT_OVERDUE \
    MEASURE_EXPIRY PLACEMENT_INSTABILITY MAJORITY_INTERVIEW_MISSING \
    CARE_LEAVER_WITHOUT_SUPPORT ADULT_PROTECTION_EXPIRY MASP_TERM_REACHED \
    RSA_CONTRACT_MISSING RSA_ORIENTATION_OVERDUE RIGHT_EXPIRY \
    DECISION_OVERDUE CRETON_TRANSITION AGE_60_PCH_APA_CHOICE \
    APA_REVIEW_OVERDUE RETENTION_DUE; do
	like "the demo raises $r" "$TMP/json" "\"rule\": \"$r\""
done
# A template naming a column the query does not give renders "(unknown)".
unlike "every explanation is filled from its query" "$TMP/json" \
    '\(unknown\)'
is "every flag is explained" \
    "$(grep -c '"explanation": ""' "$TMP/json")" 0
PUSER=amoreau ok "a worker's caseload" p gaps
like "... is summed up" "$TMP/out" '^[0-9]+ flags? as of '
PUSER=ccourtois ok "the supervisor's team" p gaps --team "MDS Nord" \
    --horizon 30
like "... looking ahead" "$TMP/out" 'looking 30 days ahead\.$'
finish
