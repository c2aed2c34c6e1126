#!/bin/bash
# Gap rules, sections C (adults) and D (data protection): for each rule a
# case that fires, one that does not, the day before and the day of the
# due date, and the look-ahead warning; calendar months clamped at the
# end of the month (31 August - 6 months = 28 February).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gaps-lib.sh"
mkdb

person() {	# person N LAST FIRST BIRTH FILE REST
	printf '  {"id": "%s", "last_name": "%s", "first_name": "%s",\n' \
	    "$(pid "$1")" "$2" "$3"
	printf '   "birth_date": "%s", "file": {%s}%s},\n' "$4" "$5" \
	    "${6:+, $6}"
}
opened() { printf '"opened_on": "%s"' "$1"; }
m() {	# m KIND START [END] [MORE] — a measure
	printf '{"kind": "%s", "nature": "judicial", "start_date": "%s"%s%s}' \
	    "$1" "$2" "${3:+, \"end_date\": \"$3\"}" "${4:+, $4}"
}
r() {	# r KIND STATUS [MORE] — a right
	printf '{"kind": "%s", "status": "%s"%s}' "$1" "$2" "${3:+, $3}"
}
IME=00000000-0000-7000-9000-000000000004
{
	echo '{"format": "parcours", "version": 1,'
	partners
	echo ' "persons": ['
	person 40 Blanchard Odette 1950-01-01 "$(opened 2022-01-01)" \
	    "\"measures\": [$(m curatelle 2022-04-01 2027-03-31)]"
	person 41 Blanchard René 1948-01-01 "$(opened 2022-01-01)" \
	    "\"measures\": [$(m tutelle 2022-09-01 2027-08-31)]"
	person 42 Blanchard Lucie 1951-01-01 "$(opened 2022-01-01)" \
	    "\"measures\": [$(m curatelle 2022-04-01 2027-03-31 \
	      '"renewal_requested_on": "2026-09-01"')]"
	person 43 Marchand Yves 1975-01-01 "$(opened 2025-01-01)" \
	    "\"measures\": [$(m masp 2025-06-01 2026-12-31)]"
	person 44 Marchand Anne 1976-01-01 "$(opened 2025-01-01)" \
	    "\"measures\": [$(m masp 2025-06-01 2026-12-31)],
	     \"events\": [{\"kind\": \"situation_report\",
	       \"date\": \"2026-10-15\"}]"
	person 45 Marchand Luc 1977-01-01 "$(opened 2022-06-01)" \
	    "\"measures\": [$(m masp 2023-01-01 2024-12-31),
	       $(m masp 2025-01-01 2027-06-30)]"
	person 46 Barbier Kevin 1990-01-01 "$(opened 2025-06-01)" \
	    "\"rights\": [$(r rsa granted '"start_date": "2026-01-01",
	       "orientation": "department", "oriented_on": "2026-03-15"')]"
	person 47 Barbier Julie 1991-01-01 "$(opened 2025-06-01)" \
	    "\"rights\": [$(r rsa granted '"start_date": "2026-01-01",
	       "orientation": "department", "oriented_on": "2026-03-15"')],
	     \"projects\": [{\"kind\": \"contrat_engagement\",
	       \"status\": \"active\", \"signed_on\": \"2026-04-01\"}]"
	person 48 Barbier Samir 1992-01-01 "$(opened 2025-06-01)" \
	    "\"rights\": [$(r rsa granted '"start_date": "2026-02-01"')]"
	person 49 Arnaud Pierre 1980-01-01 "$(opened 2021-01-01)" \
	    "\"rights\": [$(r aah granted '"start_date": "2022-03-01",
	       "end_date": "2027-02-28"')]"
	person 50 Arnaud Sonia 1981-01-01 "$(opened 2021-01-01)" \
	    "\"rights\": [$(r c2s granted '"start_date": "2026-01-01",
	       "end_date": "2026-12-31"')]"
	person 51 Arnaud Malik 1982-01-01 "$(opened 2021-01-01)" \
	    "\"rights\": [$(r domiciliation granted '"start_date":
	       "2025-07-01", "end_date": "2026-06-30"')]"
	person 52 Arnaud Nadia 1983-01-01 "$(opened 2021-01-01)" \
	    "\"rights\": [$(r aah granted '"start_date": "2022-03-01",
	       "end_date": "2027-02-28", "renewal_requested_on": "2026-06-01"'),
	       $(r rqth granted '"start_date": "2022-03-01",
	       "for_life": true')]"
	person 53 Renard Marc 1970-01-01 "$(opened 2025-01-01)" \
	    "\"rights\": [$(r pch requested '"filed_on": "2026-03-31"')]"
	person 54 Renard Aline 1971-01-01 "$(opened 2025-01-01)" \
	    "\"rights\": [$(r aah requested '"filed_on": "2026-10-31"')]"
	person 55 Renard Jean 1940-01-01 "$(opened 2025-01-01)" \
	    "\"rights\": [$(r apa requested '"filed_on": "2026-04-01",
	       "complete_on": "2026-05-10"')]"
	person 56 Renard Paule 1972-01-01 "$(opened 2025-01-01)" \
	    "\"rights\": [$(r pch granted '"filed_on": "2026-03-31",
	       "decision_on": "2026-06-01", "start_date": "2026-06-01"')]"
	person 57 Picard Kylian 2008-05-20 "$(opened 2015-01-01)" \
	    "\"involvements\": [{\"partner_id\": \"$IME\",
	       \"start_date\": \"2015-09-01\"}]"
	person 58 Picard Ambre 2006-04-01 "$(opened 2015-01-01)" \
	    "\"involvements\": [{\"partner_id\": \"$IME\",
	       \"start_date\": \"2015-09-01\"}]"
	person 59 Picard Timéo 2007-06-01 "$(opened 2015-01-01)" \
	    "\"involvements\": [{\"partner_id\": \"$IME\",
	       \"start_date\": \"2015-09-01\"}],
	     \"rights\": [$(r adult_orientation requested \
	       '"filed_on": "2026-01-15"')]"
	person 60 Lemoine Gérard 1966-12-15 "$(opened 2020-01-01)" \
	    "\"rights\": [$(r pch granted '"start_date": "2020-01-01"')]"
	person 61 Lemoine Josiane 1966-12-15 "$(opened 2020-01-01)" \
	    "\"rights\": [$(r pch granted '"start_date": "2020-01-01"')],
	     \"events\": [{\"kind\": \"pch_apa_choice\",
	       \"date\": \"2026-09-01\"}]"
	person 62 Dumas Marcel 1935-01-01 "$(opened 2024-01-01)" \
	    "\"projects\": [{\"kind\": \"apa_plan\", \"status\": \"active\",
	       \"next_review\": \"2026-06-15\"}]"
	person 63 Dumas Simone 1936-01-01 "$(opened 2024-01-01)" \
	    "\"projects\": [{\"kind\": \"apa_plan\", \"status\": \"closed\",
	       \"next_review\": \"2026-06-15\"}]"
	person 64 Hubert Cédric 1985-01-01 '"opened_on": "2022-01-01",
	     "closed_on": "2024-03-31", "closing_reason": "goals_reached"' \
	    "\"events\": [{\"kind\": \"contact\", \"date\": \"2024-03-01\"}]"
	person 65 Hubert Sylvie 1945-01-01 "$(opened 2020-01-01)" \
	    "\"measures\": [$(m aide_domicile 2020-01-01)]"
	# Two MASPs running together while one is renewed.
	person 67 Marchand Inès 1978-01-01 "$(opened 2022-06-01)" \
	    "\"measures\": [$(m masp 2023-01-01 2026-09-30),
	       $(m masp 2026-08-01 2027-06-30)]"
	echo "  {\"id\": \"$(pid 66)\", \"last_name\": \"Hubert\","
	echo "   \"first_name\": \"Rémi\", \"birth_date\": \"1986-01-01\","
	echo "   \"file\": {\"opened_on\": \"2023-01-01\"}}"
	echo ' ]}'
} > "$TMP/c.json"
importdoc "$TMP/c.json"

# ADULT_PROTECTION_EXPIRY
is "ADULT_PROTECTION_EXPIRY: day before 6 months" \
    "$(g "$(pid 40)" ADULT_PROTECTION_EXPIRY 2026-09-29)" ""
is "ADULT_PROTECTION_EXPIRY: fires 6 months before the end" \
    "$(g "$(pid 40)" ADULT_PROTECTION_EXPIRY 2026-09-30)" "high,0,2026-09-30"
is "ADULT_PROTECTION_EXPIRY: look-ahead warns" \
    "$(g "$(pid 40)" ADULT_PROTECTION_EXPIRY 2026-09-20 10)" "medium,1,2026-09-30"
is "ADULT_PROTECTION_EXPIRY: lapsed, still flagged" \
    "$(g "$(pid 40)" ADULT_PROTECTION_EXPIRY 2027-04-01)" "high,0,2027-04-01"
is "ADULT_PROTECTION_EXPIRY: 31 August - 6 months, day before" \
    "$(g "$(pid 41)" ADULT_PROTECTION_EXPIRY 2027-02-27)" ""
is "ADULT_PROTECTION_EXPIRY: 31 August - 6 months = 28 February" \
    "$(g "$(pid 41)" ADULT_PROTECTION_EXPIRY 2027-02-28)" "high,0,2027-02-28"
is "ADULT_PROTECTION_EXPIRY: not with a renewal request" \
    "$(g "$(pid 42)" ADULT_PROTECTION_EXPIRY 2026-10-01)" ""

# MASP_TERM_REACHED
is "MASP_TERM_REACHED: day before 60 days" \
    "$(g "$(pid 43)" MASP_TERM_REACHED 2026-10-31)" ""
is "MASP_TERM_REACHED: fires 60 days before the end" \
    "$(g "$(pid 43)" MASP_TERM_REACHED 2026-11-01)" "medium,0,2026-11-01"
is "MASP_TERM_REACHED: look-ahead warns" \
    "$(g "$(pid 43)" MASP_TERM_REACHED 2026-10-22 10)" "low,1,2026-11-01"
is "MASP_TERM_REACHED: not after an evaluation" \
    "$(g "$(pid 44)" MASP_TERM_REACHED 2026-11-22)" ""
is "MASP_TERM_REACHED: 42 months in all, day before" \
    "$(g "$(pid 45)" MASP_TERM_REACHED 2026-06-30)" ""
is "MASP_TERM_REACHED: 42 months in all" \
    "$(g "$(pid 45)" MASP_TERM_REACHED 2026-07-01)" "medium,0,2026-07-01"
is "MASP_TERM_REACHED: 42 months, look-ahead" \
    "$(g "$(pid 45)" MASP_TERM_REACHED 2026-06-21 10)" "low,1,2026-07-01"
is "MASP_TERM_REACHED: a contract ends, the next one recorded in advance" \
    "$(g "$(pid 67)" MASP_TERM_REACHED 2026-07-31 1)" "medium,0,2026-07-01"
is "MASP_TERM_REACHED: once the next one runs, one flag for both" \
    "$(g "$(pid 67)" MASP_TERM_REACHED 2026-08-15)" "medium,0,2026-07-01"

# RSA_CONTRACT_MISSING
is "RSA_CONTRACT_MISSING: day before 1 month" \
    "$(g "$(pid 46)" RSA_CONTRACT_MISSING 2026-04-14)" ""
is "RSA_CONTRACT_MISSING: fires 1 month after the orientation" \
    "$(g "$(pid 46)" RSA_CONTRACT_MISSING 2026-04-15)" "medium,0,2026-04-15"
is "RSA_CONTRACT_MISSING: look-ahead warns" \
    "$(g "$(pid 46)" RSA_CONTRACT_MISSING 2026-04-05 10)" "low,1,2026-04-15"
is "RSA_CONTRACT_MISSING: not with a signed contract" \
    "$(g "$(pid 47)" RSA_CONTRACT_MISSING 2026-04-15)" ""

# RSA_ORIENTATION_OVERDUE
is "RSA_ORIENTATION_OVERDUE: day before 6 weeks" \
    "$(g "$(pid 48)" RSA_ORIENTATION_OVERDUE 2026-03-14)" ""
is "RSA_ORIENTATION_OVERDUE: fires 6 weeks after the opening" \
    "$(g "$(pid 48)" RSA_ORIENTATION_OVERDUE 2026-03-15)" "medium,0,2026-03-15"
is "RSA_ORIENTATION_OVERDUE: look-ahead warns" \
    "$(g "$(pid 48)" RSA_ORIENTATION_OVERDUE 2026-03-05 10)" "low,1,2026-03-15"
is "RSA_ORIENTATION_OVERDUE: not once oriented" \
    "$(g "$(pid 46)" RSA_ORIENTATION_OVERDUE 2026-03-20)" ""

# RIGHT_EXPIRY
is "RIGHT_EXPIRY: AAH, day before 6 months" \
    "$(g "$(pid 49)" RIGHT_EXPIRY 2026-08-27)" ""
is "RIGHT_EXPIRY: AAH, 6 months before the end" \
    "$(g "$(pid 49)" RIGHT_EXPIRY 2026-08-28)" "high,0,2026-08-28"
is "RIGHT_EXPIRY: look-ahead warns" \
    "$(g "$(pid 49)" RIGHT_EXPIRY 2026-08-18 10)" "medium,1,2026-08-28"
is "RIGHT_EXPIRY: C2S, day before 60 days" \
    "$(g "$(pid 50)" RIGHT_EXPIRY 2026-10-31)" ""
is "RIGHT_EXPIRY: C2S, 60 days before the end" \
    "$(g "$(pid 50)" RIGHT_EXPIRY 2026-11-01)" "high,0,2026-11-01"
is "RIGHT_EXPIRY: domiciliation, day before 30 days" \
    "$(g "$(pid 51)" RIGHT_EXPIRY 2026-05-30)" ""
is "RIGHT_EXPIRY: domiciliation, 30 days before the end" \
    "$(g "$(pid 51)" RIGHT_EXPIRY 2026-05-31)" "high,0,2026-05-31"
is "RIGHT_EXPIRY: not with a renewal requested, nor for life" \
    "$(g "$(pid 52)" RIGHT_EXPIRY 2026-12-01)" ""

# DECISION_OVERDUE
is "DECISION_OVERDUE: MDPH, day before 4 months" \
    "$(g "$(pid 53)" DECISION_OVERDUE 2026-07-30)" ""
is "DECISION_OVERDUE: MDPH, 4 months after filing" \
    "$(g "$(pid 53)" DECISION_OVERDUE 2026-07-31)" "medium,0,2026-07-31"
is "DECISION_OVERDUE: look-ahead warns" \
    "$(g "$(pid 53)" DECISION_OVERDUE 2026-07-21 10)" "low,1,2026-07-31"
is "DECISION_OVERDUE: 31 October + 4 months, day before" \
    "$(g "$(pid 54)" DECISION_OVERDUE 2027-02-27)" ""
is "DECISION_OVERDUE: 31 October + 4 months = 28 February" \
    "$(g "$(pid 54)" DECISION_OVERDUE 2027-02-28)" "medium,0,2027-02-28"
is "DECISION_OVERDUE: APA, day before 2 months after complete" \
    "$(g "$(pid 55)" DECISION_OVERDUE 2026-07-09)" ""
is "DECISION_OVERDUE: APA, 2 months after the file is complete" \
    "$(g "$(pid 55)" DECISION_OVERDUE 2026-07-10)" "medium,0,2026-07-10"
is "DECISION_OVERDUE: not once decided" \
    "$(g "$(pid 56)" DECISION_OVERDUE 2026-08-01)" ""

# CRETON_TRANSITION
is "CRETON_TRANSITION: day before 18" \
    "$(g "$(pid 57)" CRETON_TRANSITION 2026-05-19)" ""
is "CRETON_TRANSITION: 18 with no adult orientation request" \
    "$(g "$(pid 57)" CRETON_TRANSITION 2026-05-20)" "medium,0,2026-05-20"
is "CRETON_TRANSITION: look-ahead warns" \
    "$(g "$(pid 57)" CRETON_TRANSITION 2026-05-10 10)" "low,1,2026-05-20"
is "CRETON_TRANSITION: day before 20, still medium" \
    "$(g "$(pid 58)" CRETON_TRANSITION 2026-03-31)" "medium,0,2024-04-01"
is "CRETON_TRANSITION: high from 20" \
    "$(g "$(pid 58)" CRETON_TRANSITION 2026-04-01)" "high,0,2026-04-01"
is "CRETON_TRANSITION: not at 19 with an orientation requested" \
    "$(g "$(pid 59)" CRETON_TRANSITION 2026-06-01)" ""
is "CRETON_TRANSITION: the amendement Creton ahead" \
    "$(g "$(pid 59)" CRETON_TRANSITION 2027-05-25 10)" "medium,1,2027-06-01"

# AGE_60_PCH_APA_CHOICE
is "AGE_60_PCH_APA_CHOICE: day before 3 months" \
    "$(g "$(pid 60)" AGE_60_PCH_APA_CHOICE 2026-09-14)" ""
is "AGE_60_PCH_APA_CHOICE: 3 months before 60" \
    "$(g "$(pid 60)" AGE_60_PCH_APA_CHOICE 2026-09-15)" "low,0,2026-09-15"
is "AGE_60_PCH_APA_CHOICE: look-ahead (low stays low)" \
    "$(g "$(pid 60)" AGE_60_PCH_APA_CHOICE 2026-09-05 10)" "low,1,2026-09-15"
is "AGE_60_PCH_APA_CHOICE: not once the choice is recorded" \
    "$(g "$(pid 61)" AGE_60_PCH_APA_CHOICE 2026-09-15)" ""

# APA_REVIEW_OVERDUE
is "APA_REVIEW_OVERDUE: day before" \
    "$(g "$(pid 62)" APA_REVIEW_OVERDUE 2026-06-14)" ""
is "APA_REVIEW_OVERDUE: at the review date" \
    "$(g "$(pid 62)" APA_REVIEW_OVERDUE 2026-06-15)" "medium,0,2026-06-15"
is "APA_REVIEW_OVERDUE: look-ahead warns" \
    "$(g "$(pid 62)" APA_REVIEW_OVERDUE 2026-06-05 10)" "low,1,2026-06-15"
is "APA_REVIEW_OVERDUE: not for a closed plan" \
    "$(g "$(pid 63)" APA_REVIEW_OVERDUE 2026-07-01)" ""

# RETENTION_DUE
is "RETENTION_DUE: day before 2 years after the closing" \
    "$(g "$(pid 64)" RETENTION_DUE 2026-03-30)" ""
is "RETENTION_DUE: 2 years after the last activity" \
    "$(g "$(pid 64)" RETENTION_DUE 2026-03-31)" "low,0,2026-03-31"
is "RETENTION_DUE: look-ahead" \
    "$(g "$(pid 64)" RETENTION_DUE 2026-03-21 10)" "low,1,2026-03-31"
is "RETENTION_DUE: not while a measure runs" \
    "$(g "$(pid 65)" RETENTION_DUE 2026-11-22)" ""
is "RETENTION_DUE: an open file never used" \
    "$(g "$(pid 66)" RETENTION_DUE 2026-11-22)" "low,0,2025-01-01"
finish
