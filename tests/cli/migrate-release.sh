#!/bin/bash
# A database made by release 0.1.0 (tests/data/release-0.1.0.db: its demo
# of 50 persons, seed 1, as of 2026-11-22, every flag acknowledged, the
# test passphrase for every user) opens in this version: it is migrated
# after an encrypted backup, the records that had ended get the end
# reason "unknown", and the acknowledgements of situations that did not
# change keep silencing their flags.  The one flag that goes away is a
# placement ending on the eve of the 18th birthday, which is now the
# care leaver's situation only (RULES.md, Clarifications).
. "$(dirname "$0")/lib.sh"

cp "$top_srcdir/tests/data/release-0.1.0.db" "$DB"
cp "$top_srcdir/tests/data/release-0.1.0.db.keys" "$DB.keys"
chmod 600 "$DB" "$DB.keys"
PUSER=admin

ok "the release's database opens" p gaps --all-files --all --format csv
cp "$TMP/out" "$TMP/all.csv"
ok "a backup of the schema-3 database was made" test -f "$DB.bak-v3"
is "the backup is the release's file" \
    "$(sha256sum < "$DB.bak-v3" | cut -d' ' -f1)" \
    "$(sha256sum < "$top_srcdir/tests/data/release-0.1.0.db" | cut -d' ' -f1)"

is "every flag of the release is there but one" \
    "$(tail -n +2 "$TMP/all.csv" | wc -l)" 38
is "they are all still acknowledged" \
    "$(tail -n +2 "$TMP/all.csv" | grep -c ',1,fixture: acknowledged by release 0.1.0,')" 38
ok "gaps without --all" p gaps --all-files --format csv
is "no flag comes back" "$(tail -n +2 "$TMP/out" | wc -l)" 0
is "the flags of every rule the release raised are kept" \
    "$(tail -n +2 "$TMP/all.csv" | cut -d, -f2 | sort -u | wc -l)" 26

# The care leaver of the demo: a placement that ended on the eve of her
# 18th birthday gave MEASURE_EXPIRY too.
leaver=$(grep ',CARE_LEAVER_WITHOUT_SUPPORT,' "$TMP/all.csv" | cut -d, -f8)
is "the care leaver's flag is kept" "$(printf '%s\n' "$leaver" | wc -w)" 1
is "her placement no longer gives MEASURE_EXPIRY" \
    "$(grep ",MEASURE_EXPIRY,.*$leaver" "$TMP/all.csv" | wc -l)" 0

ok "export" p export --plaintext --output "$TMP/export.json"
# In the document a measure's or a right's end_reason follows its end_date.
awk -F'"' '
	/"end_date": "/ { end = $4; next }
	/"end_reason": / && end != "" {
		if (end < "2026-11-22") { ended++; if ($4 == "unknown") unknown++ }
	}
	{ end = "" }
	END { printf "%d %d\n", ended, unknown }
' "$TMP/export.json" > "$TMP/reasons"
read -r ended unknown < "$TMP/reasons"
ok "the release's records had ended measures and rights ($ended)" \
    test "$ended" -ge 5
is "each says its end reason is not known" "$unknown" "$ended"
finish
