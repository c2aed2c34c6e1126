#!/bin/bash
# Gap rules, section A (coordination of the pathway): for each rule a
# case that fires, one that does not, the day before and the day of the
# due date, and the look-ahead (--horizon) warning one severity lower.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gaps-lib.sh"
mkdb

R=00000000-0000-7000-a000-0000000000
cat > "$TMP/a.json" <<JSON
{"format": "parcours", "version": 1,
$(partners)
 "persons": [
  {"id": "$(pid 1)", "last_name": "Leroy", "first_name": "Noé",
   "birth_date": "1990-05-01", "file": {"opened_on": "2026-01-01"},
   "referents": [{"role": "coordinator", "name": "A. Petit",
     "start_date": "2026-01-01", "end_date": "2026-06-30"}]},
  {"id": "$(pid 2)", "last_name": "Moreau", "first_name": "Inès",
   "birth_date": "1985-02-11", "file": {"opened_on": "2026-01-01"},
   "referents": [
    {"id": "${R}02", "role": "coordinator", "name": "B. Durand",
     "start_date": "2026-06-20"},
    {"id": "${R}01", "role": "coordinator", "name": "A. Petit",
     "start_date": "2026-01-01", "end_date": "2026-06-30",
     "successor_id": "${R}02"}],
   "events": [{"kind": "contact", "date": "2026-06-25"}]},
  {"id": "$(pid 3)", "last_name": "Garnier", "first_name": "Théo",
   "birth_date": "2014-09-09", "file": {"opened_on": "2026-01-01"},
   "measures": [{"kind": "aed", "nature": "administrative",
     "start_date": "2026-02-01"}],
   "involvements": [{"partner_id": "00000000-0000-7000-9000-000000000003",
     "start_date": "2026-03-01"}]},
  {"id": "$(pid 4)", "last_name": "Faure", "first_name": "Zoé",
   "birth_date": "1979-12-24", "file": {"opened_on": "2026-01-01"},
   "referents": [
    {"role": "coordinator", "name": "C. Roux", "start_date": "2026-01-01"},
    {"role": "coordinator", "name": "D. Blanc", "start_date": "2026-03-10"}]},
  {"id": "$(pid 5)", "last_name": "Chevalier", "first_name": "Hugo",
   "birth_date": "1970-03-03", "file": {"opened_on": "2025-01-01"},
   "referents": [
    {"id": "${R}05", "role": "coordinator", "name": "F. Henry",
     "start_date": "2026-05-01"},
    {"role": "coordinator", "name": "E. Gauthier",
     "start_date": "2025-01-01", "end_date": "2026-04-30",
     "successor_id": "${R}05"}],
   "events": [{"kind": "contact", "date": "2026-04-15"}]},
  {"id": "$(pid 6)", "last_name": "Lambert", "first_name": "Jade",
   "birth_date": "1995-07-14", "file": {"opened_on": "2025-06-01"},
   "events": [{"kind": "call", "date": "2026-03-01"},
     {"kind": "note", "date": "2026-05-15"}]},
  {"id": "$(pid 7)", "last_name": "Bonnet", "first_name": "Léon",
   "birth_date": "1960-01-20",
   "file": {"opened_on": "2025-06-01", "risk_level": "high"},
   "events": [{"kind": "home_visit", "date": "2026-03-01"}]},
  {"id": "$(pid 8)", "last_name": "François", "first_name": "Lina",
   "birth_date": "2012-04-04", "file": {"opened_on": "2025-06-01"},
   "involvements": [
    {"partner_id": "00000000-0000-7000-9000-000000000001",
     "start_date": "2026-01-01"},
    {"partner_id": "00000000-0000-7000-9000-000000000002",
     "start_date": "2026-01-15"},
    {"partner_id": "00000000-0000-7000-9000-000000000003",
     "start_date": "2026-02-01"}]},
  {"id": "$(pid 19)", "last_name": "François", "first_name": "Noé",
   "birth_date": "2012-04-04", "file": {"opened_on": "2024-06-01"},
   "involvements": [
    {"partner_id": "00000000-0000-7000-9000-000000000001",
     "start_date": "2025-01-01"},
    {"partner_id": "00000000-0000-7000-9000-000000000001",
     "start_date": "2025-02-01"},
    {"partner_id": "00000000-0000-7000-9000-000000000002",
     "start_date": "2025-03-01"},
    {"partner_id": "00000000-0000-7000-9000-000000000003",
     "start_date": "2026-01-01"}]},
  {"id": "$(pid 9)", "last_name": "Mercier", "first_name": "Tom",
   "birth_date": "2011-08-08", "file": {"opened_on": "2025-06-01"},
   "involvements": [
    {"partner_id": "00000000-0000-7000-9000-000000000001",
     "start_date": "2026-01-01"},
    {"partner_id": "00000000-0000-7000-9000-000000000002",
     "start_date": "2026-01-15"},
    {"partner_id": "00000000-0000-7000-9000-000000000003",
     "start_date": "2026-02-01"}],
   "events": [{"kind": "coordination_meeting", "date": "2026-06-01"}]},
  {"id": "$(pid 10)", "last_name": "Dupont", "first_name": "Manon",
   "birth_date": "1988-10-10", "file": {"opened_on": "2026-01-01"},
   "referrals": [{"partner_id": "00000000-0000-7000-9000-000000000005",
     "sent_on": "2026-04-01", "reason": "Bilan psychologique"}]},
  {"id": "$(pid 11)", "last_name": "Lefèvre", "first_name": "Paul",
   "birth_date": "1988-11-11", "file": {"opened_on": "2026-01-01"},
   "referrals": [{"partner_id": "00000000-0000-7000-9000-000000000005",
     "sent_on": "2026-04-01", "reason": "Bilan", "status": "accepted",
     "answered_on": "2026-04-20"}]},
  {"id": "$(pid 12)", "last_name": "Roussel", "first_name": "Emma",
   "birth_date": "2010-01-01", "file": {"opened_on": "2026-01-01"},
   "involvements": [{"partner_id": "00000000-0000-7000-9000-000000000005",
     "start_date": "2026-04-10", "shares_info": true}]},
  {"id": "$(pid 13)", "last_name": "Girard", "first_name": "Louis",
   "birth_date": "2010-02-02", "file": {"opened_on": "2026-01-01"},
   "consent": "given", "consent_date": "2026-04-01",
   "involvements": [{"partner_id": "00000000-0000-7000-9000-000000000005",
     "start_date": "2026-04-10", "shares_info": true,
     "legal_basis": "consent"}]},
  {"id": "$(pid 14)", "last_name": "Perrin", "first_name": "Chloé",
   "birth_date": "2010-03-03", "file": {"opened_on": "2026-01-01"},
   "consent": "withdrawn", "consent_date": "2026-05-01",
   "involvements": [{"partner_id": "00000000-0000-7000-9000-000000000005",
     "start_date": "2026-04-10", "shares_info": true,
     "legal_basis": "consent"}]},
  {"id": "$(pid 15)", "last_name": "Morel", "first_name": "Adam",
   "birth_date": "2015-05-05", "file": {"opened_on": "2025-01-01"},
   "projects": [{"kind": "ppe", "status": "active",
     "signed_on": "2025-06-30", "next_review": "2026-06-30"}]},
  {"id": "$(pid 16)", "last_name": "Fournier", "first_name": "Rose",
   "birth_date": "1950-06-06", "file": {"opened_on": "2025-01-01"},
   "projects": [
    {"kind": "ppc", "status": "active", "next_review": "2026-06-30"},
    {"kind": "apa_plan", "status": "active", "next_review": "2026-06-15"}]},
  {"id": "$(pid 17)", "last_name": "Rey", "first_name": "Gabin",
   "birth_date": "2013-07-07",
   "file": {"opened_on": "2025-01-01", "closed_on": "2026-09-30",
     "closing_reason": "goals_reached"},
   "measures": [{"kind": "aed", "nature": "administrative",
     "start_date": "2025-02-01"}]},
  {"id": "$(pid 18)", "last_name": "Caron", "first_name": "Mila",
   "birth_date": "2013-08-08",
   "file": {"opened_on": "2025-01-01", "closed_on": "2026-09-30",
     "closing_reason": "goals_reached"},
   "measures": [{"kind": "aed", "nature": "administrative",
     "start_date": "2025-02-01", "end_date": "2026-09-29"}]}
 ]}
JSON
importdoc "$TMP/a.json"

# NO_COORDINATOR
is "NO_COORDINATOR: covered on the coordinator's last day" \
    "$(g "$(pid 1)" NO_COORDINATOR 2026-06-30)" ""
is "NO_COORDINATOR: fires the day after" \
    "$(g "$(pid 1)" NO_COORDINATOR 2026-07-01)" "high,0,2026-07-01"
is "NO_COORDINATOR: look-ahead warns" \
    "$(g "$(pid 1)" NO_COORDINATOR 2026-06-25 10)" "medium,1,2026-07-01"
is "NO_COORDINATOR: horizon too short" \
    "$(g "$(pid 1)" NO_COORDINATOR 2026-06-25 5)" ""
is "NO_COORDINATOR: a named successor covers" \
    "$(g "$(pid 2)" NO_COORDINATOR 2026-07-01 30)" ""
is "NO_COORDINATOR: high with items for 30 days" \
    "$(g "$(pid 3)" NO_COORDINATOR 2026-03-31)" "high,0,2026-01-01"
is "NO_COORDINATOR: critical after 30 days" \
    "$(g "$(pid 3)" NO_COORDINATOR 2026-04-01)" "critical,0,2026-01-01"

# COORDINATOR_LEAVING
is "COORDINATOR_LEAVING: day before the 30 days" \
    "$(g "$(pid 1)" COORDINATOR_LEAVING 2026-05-30)" ""
is "COORDINATOR_LEAVING: fires 30 days ahead" \
    "$(g "$(pid 1)" COORDINATOR_LEAVING 2026-05-31)" "high,0,2026-05-31"
is "COORDINATOR_LEAVING: look-ahead warns" \
    "$(g "$(pid 1)" COORDINATOR_LEAVING 2026-05-21 10)" "medium,1,2026-05-31"
is "COORDINATOR_LEAVING: not with a successor" \
    "$(g "$(pid 2)" COORDINATOR_LEAVING 2026-06-15)" ""

# MULTIPLE_COORDINATORS
is "MULTIPLE_COORDINATORS: day before the second starts" \
    "$(g "$(pid 4)" MULTIPLE_COORDINATORS 2026-03-09)" ""
is "MULTIPLE_COORDINATORS: fires when both run" \
    "$(g "$(pid 4)" MULTIPLE_COORDINATORS 2026-03-10)" "medium,0,2026-03-10"
is "MULTIPLE_COORDINATORS: look-ahead warns" \
    "$(g "$(pid 4)" MULTIPLE_COORDINATORS 2026-03-05 5)" "low,1,2026-03-10"
is "MULTIPLE_COORDINATORS: a planned handover overlap is fine" \
    "$(g "$(pid 2)" MULTIPLE_COORDINATORS 2026-06-25)" ""

# HANDOVER_UNCONFIRMED
is "HANDOVER_UNCONFIRMED: day before" \
    "$(g "$(pid 5)" HANDOVER_UNCONFIRMED 2026-05-30)" ""
is "HANDOVER_UNCONFIRMED: fires 30 days after the start" \
    "$(g "$(pid 5)" HANDOVER_UNCONFIRMED 2026-05-31)" "medium,0,2026-05-31"
is "HANDOVER_UNCONFIRMED: look-ahead warns" \
    "$(g "$(pid 5)" HANDOVER_UNCONFIRMED 2026-05-21 10)" "low,1,2026-05-31"
is "HANDOVER_UNCONFIRMED: not after a contact" \
    "$(g "$(pid 2)" HANDOVER_UNCONFIRMED 2026-08-01)" ""

# NO_RECENT_CONTACT
is "NO_RECENT_CONTACT: day before 90 days" \
    "$(g "$(pid 6)" NO_RECENT_CONTACT 2026-05-29)" ""
is "NO_RECENT_CONTACT: fires at 90 days (a note is no contact)" \
    "$(g "$(pid 6)" NO_RECENT_CONTACT 2026-05-30)" "medium,0,2026-05-30"
is "NO_RECENT_CONTACT: look-ahead warns" \
    "$(g "$(pid 6)" NO_RECENT_CONTACT 2026-05-20 10)" "low,1,2026-05-30"
is "NO_RECENT_CONTACT: high-risk file at 30 days" \
    "$(g "$(pid 7)" NO_RECENT_CONTACT 2026-03-31)" "medium,0,2026-03-31"
is "NO_RECENT_CONTACT: high-risk file the day before" \
    "$(g "$(pid 7)" NO_RECENT_CONTACT 2026-03-30)" ""

# NO_COORDINATION_MEETING
is "NO_COORDINATION_MEETING: day before 180 days" \
    "$(g "$(pid 8)" NO_COORDINATION_MEETING 2026-07-30)" ""
is "NO_COORDINATION_MEETING: fires 180 days after the third partner" \
    "$(g "$(pid 8)" NO_COORDINATION_MEETING 2026-07-31)" "medium,0,2026-07-31"
is "NO_COORDINATION_MEETING: look-ahead warns" \
    "$(g "$(pid 8)" NO_COORDINATION_MEETING 2026-07-21 10)" "low,1,2026-07-31"
is "NO_COORDINATION_MEETING: the third partner, not the third involvement" \
    "$(g "$(pid 19)" NO_COORDINATION_MEETING 2026-06-29)" ""
is "NO_COORDINATION_MEETING: 180 days after the third partner came" \
    "$(g "$(pid 19)" NO_COORDINATION_MEETING 2026-06-30)" "medium,0,2026-06-30"
is "NO_COORDINATION_MEETING: not after a meeting" \
    "$(g "$(pid 9)" NO_COORDINATION_MEETING 2026-07-31)" ""
is "NO_COORDINATION_MEETING: due again 180 days after the meeting" \
    "$(g "$(pid 9)" NO_COORDINATION_MEETING 2026-11-28)" "medium,0,2026-11-28"

# REFERRAL_UNANSWERED
is "REFERRAL_UNANSWERED: day before" \
    "$(g "$(pid 10)" REFERRAL_UNANSWERED 2026-04-30)" ""
is "REFERRAL_UNANSWERED: fires 30 days after sending" \
    "$(g "$(pid 10)" REFERRAL_UNANSWERED 2026-05-01)" "medium,0,2026-05-01"
is "REFERRAL_UNANSWERED: look-ahead warns" \
    "$(g "$(pid 10)" REFERRAL_UNANSWERED 2026-04-21 10)" "low,1,2026-05-01"
is "REFERRAL_UNANSWERED: not once answered" \
    "$(g "$(pid 11)" REFERRAL_UNANSWERED 2026-05-01)" ""
is "REFERRAL_UNANSWERED: answered later counts as unanswered before" \
    "$(g "$(pid 11)" REFERRAL_UNANSWERED 2026-04-10 30)" "low,1,2026-05-01"

# CONSENT_MISSING
is "CONSENT_MISSING: not before the involvement starts" \
    "$(g "$(pid 12)" CONSENT_MISSING 2026-04-09)" ""
is "CONSENT_MISSING: fires on the first day of sharing" \
    "$(g "$(pid 12)" CONSENT_MISSING 2026-04-10)" "medium,0,2026-04-10"
is "CONSENT_MISSING: look-ahead warns" \
    "$(g "$(pid 12)" CONSENT_MISSING 2026-04-05 5)" "low,1,2026-04-10"
is "CONSENT_MISSING: not with consent given" \
    "$(g "$(pid 13)" CONSENT_MISSING 2026-06-01)" ""
is "CONSENT_MISSING: fires when consent is withdrawn" \
    "$(g "$(pid 14)" CONSENT_MISSING 2026-06-01)" "medium,0,2026-05-01"

# PROJECT_REVIEW_OVERDUE
is "PROJECT_REVIEW_OVERDUE: nothing before the 30-day warning" \
    "$(g "$(pid 15)" PROJECT_REVIEW_OVERDUE 2026-05-30)" ""
is "PROJECT_REVIEW_OVERDUE: warns 30 days before" \
    "$(g "$(pid 15)" PROJECT_REVIEW_OVERDUE 2026-05-31)" "medium,1,2026-06-30"
is "PROJECT_REVIEW_OVERDUE: day before, still upcoming" \
    "$(g "$(pid 15)" PROJECT_REVIEW_OVERDUE 2026-06-29)" "medium,1,2026-06-30"
is "PROJECT_REVIEW_OVERDUE: a PPE review is high on the day" \
    "$(g "$(pid 15)" PROJECT_REVIEW_OVERDUE 2026-06-30)" "high,0,2026-06-30"
is "PROJECT_REVIEW_OVERDUE: another project is medium" \
    "$(g "$(pid 16)" PROJECT_REVIEW_OVERDUE 2026-07-01)" "medium,0,2026-06-30"
is "PROJECT_REVIEW_OVERDUE: not for the APA care plan, nor early" \
    "$(g "$(pid 16)" PROJECT_REVIEW_OVERDUE 2026-05-01)" ""

# CLOSED_WITH_ACTIVE_ITEMS
is "CLOSED_WITH_ACTIVE_ITEMS: open the day before" \
    "$(g "$(pid 17)" CLOSED_WITH_ACTIVE_ITEMS 2026-09-29)" ""
is "CLOSED_WITH_ACTIVE_ITEMS: fires on the closing day" \
    "$(g "$(pid 17)" CLOSED_WITH_ACTIVE_ITEMS 2026-09-30)" "high,0,2026-09-30"
is "CLOSED_WITH_ACTIVE_ITEMS: look-ahead warns" \
    "$(g "$(pid 17)" CLOSED_WITH_ACTIVE_ITEMS 2026-09-25 5)" "medium,1,2026-09-30"
is "CLOSED_WITH_ACTIVE_ITEMS: not when everything ended" \
    "$(g "$(pid 18)" CLOSED_WITH_ACTIVE_ITEMS 2026-10-15)" ""

# The explanation is built from the facts, dates in the user's format.
p gaps --person "$(pid 10)" --rule REFERRAL_UNANSWERED --as-of 2026-05-01 \
    > "$TMP/text"
like "explanation names the partner and the date" "$TMP/text" \
    'Referral to CMP Enfants sent on 2026-04-01 has had no answer\.'
like "first line: severity, rule, person, age, due" "$TMP/text" \
    '^MEDIUM  REFERRAL_UNANSWERED  Dupont, Manon \(37\)  due 2026-05-01 \(today\)'
finish
