#!/bin/bash
# Gap rules, section B (child protection): for each rule a case that
# fires, one that does not, the day before and the day of the due date,
# and the look-ahead warning; ages exact, a 29 February birthday included.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/gaps-lib.sh"
mkdb

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
{
	echo '{"format": "parcours", "version": 1,'
	partners
	echo ' "persons": ['
	person 20 Martin Léa 2017-03-02 2026-01-01 \
	    "\"measures\": [$(m placement 2026-05-14)]"
	person 21 Martin Hugo 2016-03-02 2026-01-01 \
	    "\"measures\": [$(m placement 2026-05-14)],
	     \"projects\": [{\"kind\": \"ppe\", \"status\": \"active\",
	       \"signed_on\": \"2026-06-01\"}]"
	person 22 Martin Eva 2015-03-02 2026-01-01 \
	    "\"measures\": [$(m financial_aid 2026-01-14)]"
	person 23 Robin Lucas 2015-01-01 2025-01-01 \
	    "\"measures\": [$(m aemo 2025-01-10)],
	     \"events\": [{\"kind\": \"situation_report\",
	       \"date\": \"2025-09-15\"}]"
	person 24 Robin Alba 2024-06-01 2025-09-01 \
	    "\"measures\": [$(m placement 2025-10-01)]"
	person 25 Robin Sacha 2015-01-01 2025-01-01 \
	    "\"measures\": [$(m aemo 2025-01-10)],
	     \"events\": [{\"kind\": \"situation_report\",
	       \"date\": \"2026-10-01\"}]"
	person 26 Noël Arthur 2012-01-01 2025-01-01 \
	    "\"measures\": [$(m aemo 2025-01-01 2026-12-31)]"
	person 27 Noël Anna 2012-01-01 2025-01-01 \
	    "\"measures\": [$(m aemo 2025-01-01 2026-12-31 \
	      '"renewal_requested_on": "2026-09-01"')]"
	person 28 Colin Maël 2012-02-02 2025-01-01 \
	    "\"measures\": [$(m placement 2025-06-01 2026-01-31),
	       $(m placement 2026-02-01 2026-05-31),
	       $(m placement 2026-06-01)]"
	person 29 Colin Lou 2012-02-02 2025-01-01 \
	    "\"measures\": [$(m placement 2025-06-01 2026-01-31),
	       $(m placement 2026-02-01)]"
	person 30 Vidal Yanis 2009-07-15 2019-01-01 \
	    "\"measures\": [$(m placement 2020-01-01)]"
	person 31 Vidal Iris 2008-02-29 2019-01-01 \
	    "\"measures\": [$(m placement 2019-01-01)]"
	person 32 Vidal Enzo 2009-03-10 2026-01-01 \
	    "\"measures\": [$(m placement 2026-04-01)]"
	person 33 Vidal Nina 2009-07-15 2019-01-01 \
	    "\"measures\": [$(m placement 2020-01-01)],
	     \"events\": [{\"kind\": \"majority_interview\",
	       \"date\": \"2026-07-20\"}]"
	person 34 Guerin Axel 2008-01-10 2019-01-01 \
	    "\"measures\": [$(m placement 2020-01-01 2026-01-10)]"
	person 35 Guerin Lola 2008-01-10 2019-01-01 \
	    "\"measures\": [$(m placement 2020-01-01 2026-01-10),
	       $(m contrat_jeune_majeur 2026-01-11 2027-01-10)]"
	echo "  {\"id\": \"$(pid 36)\", \"last_name\": \"Guerin\","
	echo "   \"first_name\": \"Ugo\", \"birth_date\": \"2008-01-10\","
	echo "   \"file\": {\"opened_on\": \"2019-01-01\"},"
	echo "   \"measures\": [$(m placement 2020-01-01 2026-01-10)],"
	echo "   \"events\": [{\"kind\": \"follow_up\", \"date\": \"2026-02-01\"}]}"
	echo ' ]}'
} > "$TMP/b.json"
importdoc "$TMP/b.json"

# PPE_NOT_ESTABLISHED
is "PPE_NOT_ESTABLISHED: nothing before 2 months" \
    "$(g "$(pid 20)" PPE_NOT_ESTABLISHED 2026-07-13)" ""
is "PPE_NOT_ESTABLISHED: warns at 2 months" \
    "$(g "$(pid 20)" PPE_NOT_ESTABLISHED 2026-07-14)" "medium,1,2026-08-14"
is "PPE_NOT_ESTABLISHED: day before 3 months" \
    "$(g "$(pid 20)" PPE_NOT_ESTABLISHED 2026-08-13)" "medium,1,2026-08-14"
is "PPE_NOT_ESTABLISHED: fires at 3 months" \
    "$(g "$(pid 20)" PPE_NOT_ESTABLISHED 2026-08-14)" "high,0,2026-08-14"
is "PPE_NOT_ESTABLISHED: look-ahead before the warning" \
    "$(g "$(pid 20)" PPE_NOT_ESTABLISHED 2026-07-04 41)" "medium,1,2026-08-14"
is "PPE_NOT_ESTABLISHED: not with a PPE" \
    "$(g "$(pid 21)" PPE_NOT_ESTABLISHED 2026-08-14)" ""
is "PPE_NOT_ESTABLISHED: not for financial aid" \
    "$(g "$(pid 22)" PPE_NOT_ESTABLISHED 2026-08-14)" ""
p gaps --person "$(pid 20)" --rule PPE_NOT_ESTABLISHED --as-of 2026-11-22 \
    > "$TMP/text"
like "PPE_NOT_ESTABLISHED: the example of RULES.md" "$TMP/text" \
    '^HIGH  PPE_NOT_ESTABLISHED  Martin, Léa \(9\)  due 2026-08-14 \(100 days ago\)$'
like "PPE_NOT_ESTABLISHED: explanation" "$TMP/text" \
    "^      Placement \(judicial\) since 2026-05-14 and no projet pour l'enfant\.$"
like "PPE_NOT_ESTABLISHED: why with the source" "$TMP/text" \
    '^      Why: the PPE must be drawn up within 3 months of the measure \(CASF L\.223-1-1'
if locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$'; then
	LC_ALL=fr_FR.UTF-8 p gaps --person "$(pid 20)" \
	    --rule PPE_NOT_ESTABLISHED > "$TMP/text"
	like "PPE_NOT_ESTABLISHED: dates in the French format" "$TMP/text" \
	    '14/05/2026'
else
	skip "PPE_NOT_ESTABLISHED: dates in the French format" "no fr_FR locale"
fi

# SITUATION_REPORT_OVERDUE
is "SITUATION_REPORT_OVERDUE: nothing before the warning" \
    "$(g "$(pid 23)" SITUATION_REPORT_OVERDUE 2026-08-15)" ""
is "SITUATION_REPORT_OVERDUE: warns 30 days before" \
    "$(g "$(pid 23)" SITUATION_REPORT_OVERDUE 2026-08-16)" "medium,1,2026-09-15"
is "SITUATION_REPORT_OVERDUE: day before 12 months" \
    "$(g "$(pid 23)" SITUATION_REPORT_OVERDUE 2026-09-14)" "medium,1,2026-09-15"
is "SITUATION_REPORT_OVERDUE: fires 12 months after the last report" \
    "$(g "$(pid 23)" SITUATION_REPORT_OVERDUE 2026-09-15)" "high,0,2026-09-15"
is "SITUATION_REPORT_OVERDUE: 6 months under 3" \
    "$(g "$(pid 24)" SITUATION_REPORT_OVERDUE 2026-04-01)" "high,0,2026-04-01"
is "SITUATION_REPORT_OVERDUE: under 3, the day before" \
    "$(g "$(pid 24)" SITUATION_REPORT_OVERDUE 2026-03-31)" "medium,1,2026-04-01"
is "SITUATION_REPORT_OVERDUE: not after a recent report" \
    "$(g "$(pid 25)" SITUATION_REPORT_OVERDUE 2026-11-01)" ""

# MEASURE_EXPIRY
is "MEASURE_EXPIRY: day before 90 days" \
    "$(g "$(pid 26)" MEASURE_EXPIRY 2026-10-01)" ""
is "MEASURE_EXPIRY: fires 90 days before the end" \
    "$(g "$(pid 26)" MEASURE_EXPIRY 2026-10-02)" "high,0,2026-10-02"
is "MEASURE_EXPIRY: look-ahead warns" \
    "$(g "$(pid 26)" MEASURE_EXPIRY 2026-09-22 10)" "medium,1,2026-10-02"
is "MEASURE_EXPIRY: still high on the last day" \
    "$(g "$(pid 26)" MEASURE_EXPIRY 2026-12-31)" "high,0,2026-10-02"
is "MEASURE_EXPIRY: critical once lapsed, file open" \
    "$(g "$(pid 26)" MEASURE_EXPIRY 2027-01-01)" "critical,0,2027-01-01"
is "MEASURE_EXPIRY: not with a renewal requested" \
    "$(g "$(pid 27)" MEASURE_EXPIRY 2026-10-02)" ""
is "MEASURE_EXPIRY: a placement ended at 18 is the care leaver rule's" \
    "$(g "$(pid 34)" MEASURE_EXPIRY 2026-02-09)" ""

# PLACEMENT_INSTABILITY
is "PLACEMENT_INSTABILITY: one change is not instability" \
    "$(g "$(pid 28)" PLACEMENT_INSTABILITY 2026-05-31)" ""
is "PLACEMENT_INSTABILITY: fires at the second change" \
    "$(g "$(pid 28)" PLACEMENT_INSTABILITY 2026-06-01)" "high,0,2026-06-01"
is "PLACEMENT_INSTABILITY: changes cannot be foreseen" \
    "$(g "$(pid 28)" PLACEMENT_INSTABILITY 2026-05-25 30)" ""
is "PLACEMENT_INSTABILITY: still within 12 months" \
    "$(g "$(pid 28)" PLACEMENT_INSTABILITY 2027-01-31)" "high,0,2026-06-01"
is "PLACEMENT_INSTABILITY: the first change leaves the 12 months" \
    "$(g "$(pid 28)" PLACEMENT_INSTABILITY 2027-02-01)" ""
is "PLACEMENT_INSTABILITY: not for a single change" \
    "$(g "$(pid 29)" PLACEMENT_INSTABILITY 2026-06-01)" ""

# MAJORITY_INTERVIEW_MISSING
is "MAJORITY_INTERVIEW_MISSING: the day before 17" \
    "$(g "$(pid 30)" MAJORITY_INTERVIEW_MISSING 2026-07-14)" ""
is "MAJORITY_INTERVIEW_MISSING: fires at 17" \
    "$(g "$(pid 30)" MAJORITY_INTERVIEW_MISSING 2026-07-15)" "high,0,2026-07-15"
is "MAJORITY_INTERVIEW_MISSING: look-ahead warns" \
    "$(g "$(pid 30)" MAJORITY_INTERVIEW_MISSING 2026-07-05 10)" "medium,1,2026-07-15"
is "MAJORITY_INTERVIEW_MISSING: born 29 February, not 17 on 28 February" \
    "$(g "$(pid 31)" MAJORITY_INTERVIEW_MISSING 2025-02-28)" ""
is "MAJORITY_INTERVIEW_MISSING: born 29 February, 17 on 1 March" \
    "$(g "$(pid 31)" MAJORITY_INTERVIEW_MISSING 2025-03-01)" "high,0,2025-03-01"
is "MAJORITY_INTERVIEW_MISSING: entered after 17, day before 30 days" \
    "$(g "$(pid 32)" MAJORITY_INTERVIEW_MISSING 2026-04-30)" ""
is "MAJORITY_INTERVIEW_MISSING: entered after 17, 30 days after entry" \
    "$(g "$(pid 32)" MAJORITY_INTERVIEW_MISSING 2026-05-01)" "high,0,2026-05-01"
is "MAJORITY_INTERVIEW_MISSING: not after the interview" \
    "$(g "$(pid 33)" MAJORITY_INTERVIEW_MISSING 2026-08-01)" ""

# CARE_LEAVER_WITHOUT_SUPPORT
is "CARE_LEAVER_WITHOUT_SUPPORT: day before 30 days, still upcoming" \
    "$(g "$(pid 34)" CARE_LEAVER_WITHOUT_SUPPORT 2026-02-08)" \
    "high,1,2026-02-09"
is "CARE_LEAVER_WITHOUT_SUPPORT: critical 30 days after the end" \
    "$(g "$(pid 34)" CARE_LEAVER_WITHOUT_SUPPORT 2026-02-09)" "critical,0,2026-02-09"
is "CARE_LEAVER_WITHOUT_SUPPORT: look-ahead warns" \
    "$(g "$(pid 34)" CARE_LEAVER_WITHOUT_SUPPORT 2026-01-30 10)" "high,1,2026-02-09"
is "CARE_LEAVER_WITHOUT_SUPPORT: not with a contrat jeune majeur" \
    "$(g "$(pid 35)" CARE_LEAVER_WITHOUT_SUPPORT 2026-03-01)" ""
is "CARE_LEAVER_WITHOUT_SUPPORT: not with a recorded follow-up" \
    "$(g "$(pid 36)" CARE_LEAVER_WITHOUT_SUPPORT 2026-03-01)" ""
is "CARE_LEAVER_WITHOUT_SUPPORT: the contrat's end starts it again" \
    "$(g "$(pid 35)" CARE_LEAVER_WITHOUT_SUPPORT 2027-02-09)" "critical,0,2027-02-09"
finish
