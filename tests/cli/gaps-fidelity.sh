#!/bin/bash
# How things end, renewals recorded as the next record, one situation one
# flag (RULES.md, Clarifications): the end reasons of measures and rights,
# the next record counted before the end as after it, the child's measure
# that ends at majority, care leavers and their warning, changes of
# placement, the start of the ASE intervention, the MASP's total, and the
# activity that retention counts.  For each: fires / does not fire, the
# day before and the day of, and the look-ahead.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gaps-lib.sh"
mkdb

# mid N — the id of test measure (or right) N.
mid() {
	printf '00000000-0000-7000-a000-%012d' "$1"
}
# person N LAST FIRST BIRTH OPENED REST — one person of the document.
person() {
	printf '  {"id": "%s", "last_name": "%s", "first_name": "%s",\n' \
	    "$(pid "$1")" "$2" "$3"
	printf '   "birth_date": "%s", "file": {"opened_on": "%s"}%s},\n' \
	    "$4" "$5" "${6:+, $6}"
}
m() {	# m KIND START [END] [MORE] — a measure
	printf '{"kind": "%s", "nature": "judicial", "start_date": "%s"%s%s}' \
	    "$1" "$2" "${3:+, \"end_date\": \"$3\"}" "${4:+, $4}"
}
r() {	# r KIND STATUS MORE — a right
	printf '{"kind": "%s", "status": "%s", %s}' "$1" "$2" "$3"
}
IME=00000000-0000-7000-9000-000000000004
CMP=00000000-0000-7000-9000-000000000005
{
	echo '{"format": "parcours", "version": 1,'
	partners
	echo ' "persons": ['
	# End reasons.
	person 100 Aubert Jade 2014-05-10 2025-01-01 \
	    "\"measures\": [$(m aemo 2025-01-10 2026-11-22 \
	      "\"id\": \"$(mid 100)\"")]"
	person 101 Aubert Tom 2014-05-10 2025-01-01 \
	    "\"measures\": [$(m aemo 2025-01-10 2026-11-22 \
	      "\"id\": \"$(mid 101)\"")]"
	person 102 Aubert Zoé 2014-05-10 2025-01-01 \
	    "\"measures\": [$(m aemo 2025-01-10 2026-11-20 \
	      "\"id\": \"$(mid 102)\", \"end_reason\": \"unknown\"")]"
	person 103 Bailly Marc 1980-01-01 2025-01-01 \
	    "\"rights\": [$(r c2s granted '"start_date": "2026-01-11",
	       "end_date": "2027-01-10"'),
	     $(r c2s requested '"filed_on": "2026-11-01"')]"
	person 104 Bailly Anne 1980-01-01 2025-01-01 \
	    "\"rights\": [$(r c2s granted '"start_date": "2026-01-11",
	       "end_date": "2027-01-10"'),
	     $(r c2s refused '"filed_on": "2026-11-01",
	       "decision_on": "2026-11-15"')]"
	person 105 Bailly Paul 1980-01-01 2021-01-01 \
	    "\"rights\": [$(r aah granted "\"id\": \"$(mid 105)\",
	       \"start_date\": \"2022-01-01\", \"end_date\": \"2026-12-31\"")]"
	# Renewals recorded as the next record.
	person 106 Caron Léo 2012-03-01 2025-01-01 \
	    "\"measures\": [$(m aemo 2025-02-01 2027-01-31),
	       $(m aemo 2027-02-01 2028-01-31)]"
	person 107 Caron Lina 2012-03-01 2025-01-01 \
	    "\"measures\": [$(m aemo 2025-02-01 2027-01-31),
	       $(m aemo 2027-02-02 2028-01-31)]"
	person 108 Caron Noé 2012-03-01 2025-01-01 \
	    "\"measures\": [$(m aed 2026-03-01 2027-01-15),
	       $(m placement 2027-01-16)]"
	person 109 Dupuis Jean 1950-01-01 2020-01-01 \
	    "\"measures\": [$(m curatelle 2021-12-01 2026-12-31),
	       $(m tutelle 2027-01-01 2031-12-31)]"
	person 110 Dupuis Rose 1950-01-01 2020-01-01 \
	    "\"measures\": [$(m curatelle 2021-12-01 2026-12-31 \
	      '"end_reason": "lifted"')]"
	person 111 Dupuis Marie 1975-01-01 2025-06-01 \
	    "\"measures\": [$(m masp 2026-01-01 2026-12-31),
	       $(m masp 2027-01-01 2027-12-31)]"
	person 130 Dupuis Luc 1975-01-01 2025-06-01 \
	    "\"measures\": [$(m masp 2026-01-01 2026-12-31)]"
	# One situation, one flag; care leavers.
	person 112 Ernst Maya 2008-12-01 2023-06-01 \
	    "\"measures\": [$(m placement 2024-01-01 2026-11-30)]"
	person 113 Ernst Hugo 2009-03-15 2024-06-01 \
	    "\"measures\": [$(m placement 2025-01-01 2027-03-15)]"
	person 114 Ernst Jules 2009-03-15 2024-06-01 \
	    "\"measures\": [$(m placement 2025-01-01 2027-03-12)]"
	person 115 Ernst Lou 2009-03-15 2024-06-01 \
	    "\"measures\": [$(m aemo 2025-01-01 2027-03-14)]"
	person 116 Ernst Emma 2009-03-15 2024-06-01 \
	    "\"measures\": [$(m placement 2025-01-01 2027-03-14 \
	      '"renewal_requested_on": "2027-01-02"')]"
	person 117 Ernst Sami 2009-03-15 2024-06-01 \
	    "\"measures\": [$(m placement 2025-01-01 2027-03-14),
	       $(m contrat_jeune_majeur 2027-03-15 2028-03-14)]"
	person 118 Ernst Yann 2008-01-10 2019-01-01 \
	    "\"measures\": [$(m placement 2020-01-01 2026-01-10 \
	      '"end_reason": "deceased"')]"
	person 119 Ernst Inès 2009-06-01 2019-01-01 \
	    "\"measures\": [$(m delegation 2020-01-01)]"
	person 131 Ernst Nora 2008-01-10 2019-01-01 \
	    "\"measures\": [$(m placement 2020-01-01 2026-01-10 \
	      '"end_reason": "relayed", "relayed_to": "PJJ"')]"
	person 132 Ernst Rémi 2012-01-10 2019-01-01 \
	    "\"measures\": [$(m placement 2020-01-01 2023-01-10 \
	      '"end_reason": "goals_reached"')]"
	# Changes of placement.
	person 120 Faure Adam 2012-02-02 2025-01-01 \
	    "\"measures\": [$(m placement 2025-06-01 2026-01-31 \
	      '"place": "Famille Durand"'),
	       $(m placement 2026-02-01 2026-05-31 '"place": "Famille Durand"'),
	       $(m placement 2026-06-01 '' '"place": " famille durand "')]"
	person 121 Faure Alba 2012-02-02 2025-01-01 \
	    "\"measures\": [$(m placement 2025-06-01 2026-01-31 \
	      '"place": "Famille Durand"'),
	       $(m placement 2026-02-01 2026-05-31 '"place": "Famille Petit"'),
	       $(m placement 2026-06-01 '' '"place": "Famille Roux"')]"
	person 122 Faure Anis 2012-02-02 2025-01-01 \
	    "\"measures\": [$(m placement 2025-06-01 2026-01-31 \
	      "\"place\": \"Foyer\", \"partner_id\": \"$IME\""),
	       $(m placement 2026-02-01 2026-05-31 \
	      "\"place\": \"Foyer\", \"partner_id\": \"$CMP\""),
	       $(m placement 2026-06-01 "" \
	      "\"place\": \"Foyer\", \"partner_id\": \"$IME\"")]"
	person 123 Faure Ava 2012-02-02 2025-01-01 \
	    "\"measures\": [$(m accueil_provisoire 2025-06-01 2026-01-31 \
	      '"place": "Famille Durand"'),
	       $(m accueil_provisoire 2026-02-01 2026-05-31 \
	      '"place": "Famille Petit"'),
	       $(m placement 2026-06-01 '' '"place": "Famille Roux"')]"
	person 133 Faure Eli 2012-02-02 2025-01-01 \
	    "\"measures\": [$(m placement 2025-06-01 2026-01-31 \
	      "\"partner_id\": \"$IME\""),
	       $(m placement 2026-02-01 2026-05-31 "\"partner_id\": \"$IME\""),
	       $(m placement 2026-06-01 "" "\"partner_id\": \"$IME\"")]"
	# The MASP's total; the PPE's clock; retention.
	person 124 Girard Odile 1970-01-01 2018-06-01 \
	    "\"measures\": [$(m masp 2019-01-01 2019-06-30),
	       $(m masp 2024-01-01 2025-12-31), $(m masp 2026-01-01 2027-12-31)]"
	person 125 Henry Tim 2018-01-01 2025-12-01 \
	    "\"measures\": [$(m aed 2026-01-05 2026-04-30),
	       $(m placement 2026-05-01)]"
	person 126 Henry Zia 2018-01-01 2025-12-01 \
	    "\"measures\": [$(m aed 2026-01-05 2026-03-31),
	       $(m placement 2026-05-01)]"
	echo "  {\"id\": \"$(pid 127)\", \"last_name\": \"Ibert\","
	echo "   \"first_name\": \"Alain\", \"birth_date\": \"1960-01-01\","
	echo "   \"file\": {\"opened_on\": \"2020-01-01\","
	echo "     \"closed_on\": \"2023-06-30\", \"closing_reason\": \"other\"},"
	echo "   \"events\": [{\"kind\": \"contact\", \"date\": \"2022-01-01\"}],"
	echo "   \"projects\": [{\"kind\": \"other\", \"status\": \"active\","
	echo "     \"start_date\": \"2021-01-01\"}]},"
	echo "  {\"id\": \"$(pid 128)\", \"last_name\": \"Ibert\","
	echo "   \"first_name\": \"Berthe\", \"birth_date\": \"1960-01-01\","
	echo "   \"file\": {\"opened_on\": \"2020-01-01\","
	echo "     \"closed_on\": \"2023-06-30\", \"closing_reason\": \"other\"},"
	echo "   \"events\": [{\"kind\": \"contact\", \"date\": \"2022-01-01\"}]},"
	echo "  {\"id\": \"$(pid 129)\", \"last_name\": \"Ibert\","
	echo "   \"first_name\": \"Cyril\", \"birth_date\": \"1960-01-01\","
	echo "   \"file\": {\"opened_on\": \"2020-01-01\","
	echo "     \"closed_on\": \"2023-06-30\", \"closing_reason\": \"other\"},"
	echo "   \"events\": [{\"kind\": \"contact\", \"date\": \"2022-01-01\"}],"
	echo "   \"rights\": [{\"kind\": \"housing_aid\", \"status\": \"granted\","
	echo "     \"start_date\": \"2023-01-01\", \"end_date\": \"2024-12-31\"}]}"
	echo ' ]}'
} > "$TMP/f.json"
importdoc "$TMP/f.json"

# text PERSON RULE ASOF — the text of the person's flags of one rule.
text() {
	p gaps --person "$1" --rule "$2" --as-of "$3" 2>&1
}

# -- How things end -----------------------------------------------------------
is "MEASURE_EXPIRY: a measure ending today, before it is ended" \
    "$(g "$(pid 100)" MEASURE_EXPIRY 2026-11-22)" "high,0,2026-08-24"
ok "the worker ends it: goals reached" p measure end "$(mid 100)" \
    --reason goals_reached
is "MEASURE_EXPIRY: no flag once ended on purpose" \
    "$(g "$(pid 100)" MEASURE_EXPIRY 2026-11-22)" ""
is "MEASURE_EXPIRY: nor the next day" \
    "$(g "$(pid 100)" MEASURE_EXPIRY 2026-11-23)" ""
is "MEASURE_EXPIRY: nor a year later" \
    "$(g "$(pid 100)" MEASURE_EXPIRY 2027-11-23)" ""
ok "ended as renewed, with no following measure" p measure end \
    "$(mid 101)" --reason renewed
is "MEASURE_EXPIRY: a renewal still needs the next measure" \
    "$(g "$(pid 101)" MEASURE_EXPIRY 2026-11-23)" "critical,0,2026-11-23"
text "$(pid 101)" MEASURE_EXPIRY 2026-11-23 > "$TMP/text"
like "MEASURE_EXPIRY: says the renewal is not recorded" "$TMP/text" \
    "^ +AEMO .* \(judicial\) ending on 2026-11-22 is recorded as renewed, but no following measure is recorded\.$"
is "MEASURE_EXPIRY: an unknown reason keeps the flag" \
    "$(g "$(pid 102)" MEASURE_EXPIRY 2026-11-22)" "critical,0,2026-11-21"
ok "a lapsed measure ended afterwards: lifted" p measure end "$(mid 102)" \
    --reason lifted
ok "measure show" p measure show "$(mid 102)" --format json
like "it keeps the end date it had" "$TMP/out" '"end_date": "2026-11-20"'
is "MEASURE_EXPIRY: settled" "$(g "$(pid 102)" MEASURE_EXPIRY 2026-11-22)" ""
is "RIGHT_EXPIRY: an AAH ending, before it is ended" \
    "$(g "$(pid 105)" RIGHT_EXPIRY 2026-11-22)" "high,0,2026-06-30"
ok "the worker ends it: moved out of the department" p right end \
    "$(mid 105)" --date 2026-11-20 --reason moved
is "RIGHT_EXPIRY: no flag once ended on purpose" \
    "$(g "$(pid 105)" RIGHT_EXPIRY 2026-11-22)" ""
is "RIGHT_EXPIRY: nor later" "$(g "$(pid 105)" RIGHT_EXPIRY 2027-03-01)" ""
is "ADULT_PROTECTION_EXPIRY: a curatelle lifted by the judge" \
    "$(g "$(pid 110)" ADULT_PROTECTION_EXPIRY 2026-11-22)" ""
is "ADULT_PROTECTION_EXPIRY: nor after its end" \
    "$(g "$(pid 110)" ADULT_PROTECTION_EXPIRY 2027-01-15)" ""
ok "the end reason is exported" p export --plaintext --person "$(pid 100)"
like "export: end_reason" "$TMP/out" '"end_reason": "goals_reached"'
cat > "$TMP/bad.json" <<JSON
{"format": "parcours", "version": 1, "persons": [
 {"last_name": "Mauvais", "first_name": "Cas", "file": {"opened_on": "2026-01-01"},
  "measures": [{"kind": "aemo", "nature": "judicial", "start_date": "2026-01-01",
   "end_date": "2026-06-30", "end_reason": "vanished"}]}]}
JSON
before=$(content)
fails 1 "import: an unknown end reason is refused" p import "$TMP/bad.json"
like "import: the message names the field" "$TMP/err" \
    'persons\[0\]\.measures\[0\]\.end_reason: '
is "import: nothing written" "$(content)" "$before"

# -- Renewals recorded as the next record --------------------------------------
is "RIGHT_EXPIRY: a new request for the C2S silences it before the end" \
    "$(g "$(pid 103)" RIGHT_EXPIRY 2026-11-22)" ""
is "RIGHT_EXPIRY: and after the end" \
    "$(g "$(pid 103)" RIGHT_EXPIRY 2027-02-01)" ""
is "RIGHT_EXPIRY: a refused request does not" \
    "$(g "$(pid 104)" RIGHT_EXPIRY 2026-11-22)" "high,0,2026-11-11"
is "RIGHT_EXPIRY: look-ahead without a request" \
    "$(g "$(pid 104)" RIGHT_EXPIRY 2026-11-01 10)" "medium,1,2026-11-11"
is "MEASURE_EXPIRY: the next AEMO recorded in advance" \
    "$(g "$(pid 106)" MEASURE_EXPIRY 2026-11-22)" ""
is "MEASURE_EXPIRY: the next AEMO, after the end" \
    "$(g "$(pid 106)" MEASURE_EXPIRY 2027-02-15)" ""
is "MEASURE_EXPIRY: a next measure two days after the end is a break" \
    "$(g "$(pid 107)" MEASURE_EXPIRY 2026-11-22)" "high,0,2026-11-02"
is "MEASURE_EXPIRY: the day before its due date" \
    "$(g "$(pid 107)" MEASURE_EXPIRY 2026-11-01)" ""
is "MEASURE_EXPIRY: the break, after the end" \
    "$(g "$(pid 107)" MEASURE_EXPIRY 2027-02-15)" "critical,0,2027-02-01"
is "MEASURE_EXPIRY: an AED followed by a placement from the next day" \
    "$(g "$(pid 108)" MEASURE_EXPIRY 2026-11-22)" ""
is "ADULT_PROTECTION_EXPIRY: a tutelle follows the curatelle" \
    "$(g "$(pid 109)" ADULT_PROTECTION_EXPIRY 2026-11-22)" ""
is "ADULT_PROTECTION_EXPIRY: and after the end" \
    "$(g "$(pid 109)" ADULT_PROTECTION_EXPIRY 2027-01-15)" ""
is "MASP_TERM_REACHED: the next contract recorded in advance" \
    "$(g "$(pid 111)" MASP_TERM_REACHED 2026-11-22)" ""
is "MASP_TERM_REACHED: without it, the end warning" \
    "$(g "$(pid 130)" MASP_TERM_REACHED 2026-11-22)" "medium,0,2026-11-01"

# -- One situation, one flag ---------------------------------------------------
is "MEASURE_EXPIRY: not for a placement ending on the eve of 18" \
    "$(g "$(pid 112)" MEASURE_EXPIRY 2026-10-01 120)" ""
is "MEASURE_EXPIRY: nor after it ended" \
    "$(g "$(pid 112)" MEASURE_EXPIRY 2026-12-15)" ""
is "CARE_LEAVER_WITHOUT_SUPPORT: nothing 61 days before the end" \
    "$(g "$(pid 112)" CARE_LEAVER_WITHOUT_SUPPORT 2026-09-30)" ""
is "CARE_LEAVER_WITHOUT_SUPPORT: upcoming 60 days before the end" \
    "$(g "$(pid 112)" CARE_LEAVER_WITHOUT_SUPPORT 2026-10-01)" \
    "high,1,2026-12-30"
text "$(pid 112)" CARE_LEAVER_WITHOUT_SUPPORT 2026-10-01 > "$TMP/text"
like "CARE_LEAVER_WITHOUT_SUPPORT: the warning says what is true" \
    "$TMP/text" "^ +Placement ends on 2026-11-30, at majority; no contrat jeune majeur signed or requested and no follow-up recorded\.$"
is "CARE_LEAVER_WITHOUT_SUPPORT: the look-ahead of 120 days" \
    "$(g "$(pid 112)" CARE_LEAVER_WITHOUT_SUPPORT 2026-09-01 120)" \
    "high,1,2026-12-30"
is "CARE_LEAVER_WITHOUT_SUPPORT: the day before it is due" \
    "$(g "$(pid 112)" CARE_LEAVER_WITHOUT_SUPPORT 2026-12-29)" \
    "high,1,2026-12-30"
is "CARE_LEAVER_WITHOUT_SUPPORT: due 30 days after the end" \
    "$(g "$(pid 112)" CARE_LEAVER_WITHOUT_SUPPORT 2026-12-30)" \
    "critical,0,2026-12-30"
text "$(pid 112)" CARE_LEAVER_WITHOUT_SUPPORT 2026-12-30 > "$TMP/text"
like "CARE_LEAVER_WITHOUT_SUPPORT: once ended, the past tense" "$TMP/text" \
    "^ +Placement ended on 2026-11-30; aged 18, with neither a contrat jeune majeur nor a recorded follow-up\.$"
is "MEASURE_EXPIRY: not for a placement ending on the 18th birthday" \
    "$(g "$(pid 113)" MEASURE_EXPIRY 2026-12-20)" ""
is "CARE_LEAVER_WITHOUT_SUPPORT: it warns ahead" \
    "$(g "$(pid 113)" CARE_LEAVER_WITHOUT_SUPPORT 2027-01-14)" \
    "high,1,2027-04-14"
is "MEASURE_EXPIRY: a placement ending three days before 18" \
    "$(g "$(pid 114)" MEASURE_EXPIRY 2026-12-20)" "high,0,2026-12-12"
is "CARE_LEAVER_WITHOUT_SUPPORT: no warning for it" \
    "$(g "$(pid 114)" CARE_LEAVER_WITHOUT_SUPPORT 2027-01-20)" ""
is "MEASURE_EXPIRY: the placement lapsed, the child still 17" \
    "$(g "$(pid 114)" MEASURE_EXPIRY 2027-03-13)" "critical,0,2027-03-13"
is "MEASURE_EXPIRY: once of age, the care leaver's flag only" \
    "$(g "$(pid 114)" MEASURE_EXPIRY 2027-04-15)" ""
is "CARE_LEAVER_WITHOUT_SUPPORT: ... which is this one" \
    "$(g "$(pid 114)" CARE_LEAVER_WITHOUT_SUPPORT 2027-04-15)" \
    "critical,0,2027-04-11"

# -- Care leavers ---------------------------------------------------------------
is "CARE_LEAVER_WITHOUT_SUPPORT: not after an AEMO at home" \
    "$(g "$(pid 115)" CARE_LEAVER_WITHOUT_SUPPORT 2027-04-20)" ""
is "CARE_LEAVER_WITHOUT_SUPPORT: no warning for an AEMO" \
    "$(g "$(pid 115)" CARE_LEAVER_WITHOUT_SUPPORT 2027-01-20)" ""
is "MEASURE_EXPIRY: nor for an AEMO ending at majority" \
    "$(g "$(pid 115)" MEASURE_EXPIRY 2026-12-20)" ""
is "CARE_LEAVER_WITHOUT_SUPPORT: no warning once a CJM is requested" \
    "$(g "$(pid 116)" CARE_LEAVER_WITHOUT_SUPPORT 2027-01-20)" ""
is "CARE_LEAVER_WITHOUT_SUPPORT: the request alone is no support" \
    "$(g "$(pid 116)" CARE_LEAVER_WITHOUT_SUPPORT 2027-04-20)" \
    "critical,0,2027-04-13"
is "CARE_LEAVER_WITHOUT_SUPPORT: a CJM recorded in advance" \
    "$(g "$(pid 117)" CARE_LEAVER_WITHOUT_SUPPORT 2027-01-20)" ""
is "CARE_LEAVER_WITHOUT_SUPPORT: and after the end" \
    "$(g "$(pid 117)" CARE_LEAVER_WITHOUT_SUPPORT 2027-04-20)" ""
is "CARE_LEAVER_WITHOUT_SUPPORT: not after a death" \
    "$(g "$(pid 118)" CARE_LEAVER_WITHOUT_SUPPORT 2026-11-22)" ""
is "CARE_LEAVER_WITHOUT_SUPPORT: not when another service took over" \
    "$(g "$(pid 131)" CARE_LEAVER_WITHOUT_SUPPORT 2026-11-22)" ""
is "CARE_LEAVER_WITHOUT_SUPPORT: not for a child who went home at 11" \
    "$(g "$(pid 132)" CARE_LEAVER_WITHOUT_SUPPORT 2030-02-01)" ""
is "MAJORITY_INTERVIEW_MISSING: a délégation is care, the day before" \
    "$(g "$(pid 119)" MAJORITY_INTERVIEW_MISSING 2026-05-31)" ""
is "MAJORITY_INTERVIEW_MISSING: a délégation is care, at 17" \
    "$(g "$(pid 119)" MAJORITY_INTERVIEW_MISSING 2026-06-01)" \
    "high,0,2026-06-01"

# -- Changes of placement ------------------------------------------------------
is "PLACEMENT_INSTABILITY: renewed twice in the same family" \
    "$(g "$(pid 120)" PLACEMENT_INSTABILITY 2026-06-01)" ""
is "PLACEMENT_INSTABILITY: three families" \
    "$(g "$(pid 121)" PLACEMENT_INSTABILITY 2026-06-01)" "high,0,2026-06-01"
is "PLACEMENT_INSTABILITY: the day before the second change" \
    "$(g "$(pid 121)" PLACEMENT_INSTABILITY 2026-05-31)" ""
is "PLACEMENT_INSTABILITY: the same place with another service" \
    "$(g "$(pid 122)" PLACEMENT_INSTABILITY 2026-06-01)" "high,0,2026-06-01"
is "PLACEMENT_INSTABILITY: an accueil provisoire is a placement too" \
    "$(g "$(pid 123)" PLACEMENT_INSTABILITY 2026-06-01)" "high,0,2026-06-01"
is "PLACEMENT_INSTABILITY: renewed with the same service" \
    "$(g "$(pid 133)" PLACEMENT_INSTABILITY 2026-06-01)" ""

# -- The MASP's total ------------------------------------------------------------
# 181 days in 2019, then from 2024-01-01 without a break: 42 months are
# reached on 2024-01-01 - 181 days + 42 months.
is "MASP_TERM_REACHED: not from the first MASP of 2019" \
    "$(g "$(pid 124)" MASP_TERM_REACHED 2026-11-22)" ""
is "MASP_TERM_REACHED: the day before the durations add up" \
    "$(g "$(pid 124)" MASP_TERM_REACHED 2027-01-03)" ""
is "MASP_TERM_REACHED: the durations add up to 42 months" \
    "$(g "$(pid 124)" MASP_TERM_REACHED 2027-01-04)" "medium,0,2027-01-04"
text "$(pid 124)" MASP_TERM_REACHED 2027-01-04 > "$TMP/text"
like "MASP_TERM_REACHED: the text adds up the contracts" "$TMP/text" \
    "^ +MASP contracts since 2019-01-01, with breaks: their durations add up to 4 years on 2027-07-04\.$"

# -- The start of the ASE intervention --------------------------------------------
is "PPE_NOT_ESTABLISHED: an AED then a placement, upcoming" \
    "$(g "$(pid 125)" PPE_NOT_ESTABLISHED 2026-04-04)" "medium,1,2026-04-05"
is "PPE_NOT_ESTABLISHED: 3 months from the AED" \
    "$(g "$(pid 125)" PPE_NOT_ESTABLISHED 2026-06-01)" "high,0,2026-04-05"
text "$(pid 125)" PPE_NOT_ESTABLISHED 2026-06-01 > "$TMP/text"
like "PPE_NOT_ESTABLISHED: the text names the start of the intervention" \
    "$TMP/text" "^ +Placement \(judicial\) since 2026-05-01, in an intervention of the ASE that began on 2026-01-05 with no break, and no projet pour l'enfant\.$"
is "PPE_NOT_ESTABLISHED: after a break the clock starts again" \
    "$(g "$(pid 126)" PPE_NOT_ESTABLISHED 2026-06-01)" ""
is "PPE_NOT_ESTABLISHED: ... from the placement" \
    "$(g "$(pid 126)" PPE_NOT_ESTABLISHED 2026-08-01)" "high,0,2026-08-01"

# -- Retention ----------------------------------------------------------------------
is "RETENTION_DUE: a running project blocks it" \
    "$(g "$(pid 127)" RETENTION_DUE 2026-11-22)" ""
is "RETENTION_DUE: 24 months after the closing" \
    "$(g "$(pid 128)" RETENTION_DUE 2026-11-22)" "low,0,2025-06-30"
is "RETENTION_DUE: the end of a right is not activity" \
    "$(g "$(pid 129)" RETENTION_DUE 2026-11-22)" "low,0,2025-06-30"

# -- French -------------------------------------------------------------------------
if locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$'; then
	french_catalogue
	LC_ALL=fr_FR.UTF-8 p gaps --person "$(pid 112)" \
	    --rule CARE_LEAVER_WITHOUT_SUPPORT --as-of 2026-10-01 > "$TMP/fr"
	like "French: the care leaver's warning" "$TMP/fr" \
	    "Placement se termine le 30/11/2026, à la majorité"
	LC_ALL=fr_FR.UTF-8 p measure end "$(mid 100)" --help > "$TMP/fr"
	like "French: measure end --help names the reason" "$TMP/fr" \
	    "--reason"
else
	skip "French: the care leaver's warning" "no fr_FR.UTF-8 locale"
	skip "French: measure end --help names the reason" \
	    "no fr_FR.UTF-8 locale"
fi
finish
