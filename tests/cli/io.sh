#!/bin/bash
# Export and import: an export is encrypted unless --plaintext is asked
# for (no marker in clear, not JSON, 0600); export → import into a new
# database → export gives the same document; a bad document is refused
# with the path of the bad value and leaves the database as it was (every
# table but the audit trail compared); a wrong export passphrase is an
# authentication error.
. "$(dirname "$0")/lib.sh"

SRC="$TMP/src.db"
XPASS="$TMP/xpass"
printf 'export passphrase 2026\n' > "$XPASS"
MARK=QUETZALMARK

# initdb DB LOGIN — a database whose administrator is LOGIN; the recovery
# key of the last one made goes to $TMP/recovery (for content()).
initdb() {
	"$PARCOURS" --db "$1" --user "$2" --passphrase-file "$PASS" init \
	    --name "$2" --kdf-cost 14 > "$TMP/init.out" 2>&1 || {
		echo "Bail out! init failed: $(cat "$TMP/init.out")"
		exit 1
	}
	grep -Eo '[0-9A-Z]{8}(-[0-9A-Z]{8}){6}' "$TMP/init.out" \
	    > "$TMP/recovery"
}

# s ARGS… — parcours on the source database, as its administrator.
s() {
	"$PARCOURS" --db "$SRC" --user admin --passphrase-file "$PASS" "$@"
}

# comparable FILE [LOGIN] — the document without exported_at and without
# the user LOGIN (an importing database's own administrator); trailing
# commas dropped, since removing an object moves them.
comparable() {
	awk -v login="${2:-}" '
	/^    \{$/ { buf = $0 "\n"; inobj = 1; next }
	inobj {
		buf = buf $0 "\n"
		if ($0 ~ /^    \}/) {
			inobj = 0
			if (login == "" || index(buf, "\"login\": \"" login \
			    "\"") == 0)
				printf "%s", buf
		}
		next
	}
	!/"exported_at"/ { print }' "$1" | sed 's/,$//'
}

# refused STATUS DESCRIPTION REGEX COMMAND… — exits with STATUS, says
# REGEX, and no table of the target database changed.
refused() {
	local status=$1 desc=$2 re=$3 before
	shift 3
	before=$(content)
	fails "$status" "$desc: exit $status" "$@"
	like "$desc: message" "$TMP/err" "$re"
	is "$desc: nothing written" "$(content)" "$before"
}

# -- a source database with one of everything ------------------------------
initdb "$SRC" admin
s user add --login amoreau --name "Antoine Moreau" --role worker \
    --team "MDS Nord" --new-passphrase-file "$PASS" --kdf-cost 14 > /dev/null
CAF=$(s partner add --name "CAF du Nord" --kind caf)
IME=$(s partner add --name "IME Les Tilleuls" --kind children_establishment)
P1=$(s person add --last-name "$MARK" --first-name "Élodie" \
    --birth-date 2012-04-02 --territory "MDS Nord" --consent given \
    --consent-date 2026-01-10)
P2=$(s person add --last-name "Nguyễn" --first-name "Thị Hoa" \
    --birth-date 1980-02-29 --notes 'Quotes "double" and '\''single'\''; DROP TABLE persons;--')
R1=$(s referent add --person "$P1" --role coordinator --name "Claire" \
    --start-date 2025-01-01)
R2=$(s referent add --person "$P1" --role coordinator --name "Paul" \
    --start-date 2026-01-01)
s referent edit "$R1" --successor-id "$R2" --end-date 2025-12-31 > /dev/null
s project add --person "$P1" --kind ppe --signed-on 2025-02-01 \
    --next-review 2026-12-01 --objectives "Ligne 1
Ligne 2" > /dev/null
s measure add --person "$P1" --kind placement --nature judicial \
    --partner-id "$IME" --start-date 2025-01-10 --end-date 2027-01-09 \
    > /dev/null
RT2=$(s right add --person "$P2" --kind aah --status granted \
    --filed-on 2024-01-05 --decision-on 2024-03-01 --start-date 2024-03-01 \
    --for-life yes)
s involvement add --person "$P1" --partner-id "$CAF" --start-date 2025-01-01 \
    --shares-info yes --legal-basis child_protection > /dev/null
s event add --person "$P1" --kind contact --date 2026-11-02 \
    --text "Entretien à domicile" > /dev/null
RF2=$(s referral add --person "$P2" --partner-id "$CAF" --sent-on 2026-10-01 \
    --reason "Ouverture de droits")
# A person with records cannot be deleted; without them, they can.
fails 1 "a person with records cannot be deleted" s person delete "$P2"
like "… the message names what refers to them" "$TMP/err" 'still refer to it'
s referral delete "$RF2" > /dev/null
s right delete "$RT2" > /dev/null
s person delete "$P2" > /dev/null
P3=$(s person add --last-name "张" --first-name "伟" --birth-date 1990-01-01)

# -- export: options ------------------------------------------------------
ok "export --help" "$PARCOURS" export --help
like "export --help names --plaintext" "$TMP/out" '--plaintext'
ok "import --help" "$PARCOURS" import --help
fails 2 "encrypted export needs --output" s export \
    --export-passphrase-file "$XPASS"
like "… and says so" "$TMP/err" 'output'
fails 2 "--plaintext takes no export passphrase" s export --plaintext \
    --export-passphrase-file "$XPASS"
fails 2 "export: unknown option" s export --bogus
fails 2 "export: --kdf-cost out of range" s export -o "$TMP/x" --kdf-cost 3
fails 2 "import: no file" s import
if command -v setsid > /dev/null; then
	# No controlling terminal: nobody to ask the export passphrase.
	fails 3 "encrypted export without a terminal or passphrase file" \
	    setsid -w "$PARCOURS" --db "$SRC" --user admin \
	    --passphrase-file "$PASS" export -o "$TMP/never.pcx" < /dev/null
	like "… says how to give one" "$TMP/err" 'export-passphrase-file'
	is "… writes nothing" "$(ls "$TMP" | grep -c never)" 0
else
	skip "encrypted export without a terminal" "no setsid(1)"
fi

# -- export: encrypted by default ------------------------------------------
ok "encrypted export" s export -o "$TMP/a.pcx" \
    --export-passphrase-file "$XPASS" --kdf-cost 14
like "says where it went" "$TMP/err" 'a\.pcx'
is "export file is 0600" "$(stat -c %a "$TMP/a.pcx")" 600
is "no temporary file left" "$(ls "$TMP" | grep -c 'a\.pcx\.')" 0
is "the marker is not in clear" "$(grep -c "$MARK" "$TMP/a.pcx")" 0
is "no JSON key in clear" "$(grep -c '"persons"' "$TMP/a.pcx")" 0
is "starts with the envelope's magic" \
    "$(head -c 4 "$TMP/a.pcx" | od -An -tx1 | tr -d ' ')" 89504358
if command -v file > /dev/null; then
	unlike "file(1) does not see JSON or text" \
	    <(file -b "$TMP/a.pcx") 'JSON|text'
else
	skip "file(1) does not see JSON or text" "no file(1)"
fi
s export -o "$TMP/b.pcx" --export-passphrase-file "$XPASS" --kdf-cost 14 \
    2> /dev/null
is "two exports use different salts and nonces" \
    "$(cmp -s "$TMP/a.pcx" "$TMP/b.pcx"; echo $?)" 1
fails 2 "export passphrase too short" s export -o "$TMP/short.pcx" \
    --export-passphrase-file <(echo short) --kdf-cost 14
like "… says so" "$TMP/err" '12'

# -- export: plaintext -----------------------------------------------------
ok "plaintext export to a file" s export --plaintext -o "$TMP/a.json"
is "plaintext file is 0600" "$(stat -c %a "$TMP/a.json")" 600
like "plaintext holds the marker" "$TMP/a.json" "$MARK"
like "plaintext is a parcours document" "$TMP/a.json" '"format": "parcours"'
like "accents kept as UTF-8" "$TMP/a.json" '"Élodie"'
like "wide characters kept" "$TMP/a.json" '"张"'
like "booleans are JSON booleans" "$TMP/a.json" '"shares_info": true'
like "the file is nested in the person" "$TMP/a.json" '"file": \{'
like "metadata kept" "$TMP/a.json" '"created_by": "[0-9a-f-]{36}"'
is "nested records carry no person_id" \
    "$(grep -c '"person_id"' "$TMP/a.json")" 0
unlike "a deleted person is not exported" "$TMP/a.json" 'Thị Hoa'
unlike "no secret or key slot in users" "$TMP/a.json" 'salt|wrapped|slot'
ok "plaintext export to standard output" s export --plaintext
is "stdout and file exports agree" "$(comparable "$TMP/out")" \
    "$(comparable "$TMP/a.json")"
ok "export is audited" s audit
like "… as an export" "$TMP/out" 'export'

# -- round trip --------------------------------------------------------------
initdb "$DB" importer
PUSER=importer
ok "import the encrypted export into a new database" \
    p import --export-passphrase-file "$XPASS" "$TMP/a.pcx"
like "counts the records" "$TMP/out" 'Imported [0-9]+ records'
like "names the users without a passphrase" "$TMP/out" 'amoreau'
ok "export the new database" p export --plaintext -o "$TMP/b.json"
is "export → import → export gives the same document" \
    "$(comparable "$TMP/b.json" importer)" "$(comparable "$TMP/a.json")"
ok "import is audited once" p audit
is "… one import entry" "$(grep -cw 'import' "$TMP/out")" 1
ok "search works on imported persons" p person list --all-files --search quetzalmark
like "… finds the marker" "$TMP/out" "$MARK"
ok "an imported user gets a passphrase from the administrator" \
    p user passwd amoreau --new-passphrase-file "$PASS" --kdf-cost 14
ok "… and can then unlock" "$PARCOURS" --db "$DB" --user amoreau \
    --passphrase-file "$PASS" person list

refused 1 "importing the same ids again" 'already exists in this database' \
    p import "$TMP/a.json"
refused 3 "wrong export passphrase" 'wrong passphrase' \
    p import --export-passphrase-file "$PASS" "$TMP/a.pcx"
cp "$TMP/a.pcx" "$TMP/bad.pcx"
printf '\001' | dd of="$TMP/bad.pcx" bs=1 seek=100 conv=notrunc 2> /dev/null
refused 3 "a changed byte fails the tag" 'damaged' \
    p import --export-passphrase-file "$XPASS" "$TMP/bad.pcx"
# A header asking scrypt for 16 GiB (N = 2^22, r = 32) is refused before
# any key is derived.
cp "$TMP/a.pcx" "$TMP/costly.pcx"
printf '\026\040' | dd of="$TMP/costly.pcx" bs=1 seek=10 conv=notrunc \
    2> /dev/null
refused 1 "an export asking for 16 GiB of scrypt memory" \
    'damaged or unsupported' \
    p import --export-passphrase-file "$XPASS" "$TMP/costly.pcx"
head -c 30 "$TMP/a.pcx" > "$TMP/short.pcx"
refused 1 "a truncated export" 'truncated' \
    p import --export-passphrase-file "$XPASS" "$TMP/short.pcx"
refused 1 "not JSON" 'not a valid JSON document' \
    p import <(echo 'hello')
refused 1 "an import by a worker" 'refused: only administrators import' \
    "$PARCOURS" --db "$DB" --user amoreau --passphrase-file "$PASS" \
    import "$TMP/a.json"

# -- an importing database whose administrator has the same login ----------
# The document's "admin" becomes the existing one: the records that named
# it now name the database's own administrator.
mv "$DB" "$TMP/rt.db"; mv "$DB.keys" "$TMP/rt.db.keys"
rm -f "$DB-wal" "$DB-shm"
initdb "$DB" admin
PUSER=admin
ok "import where the login already exists" p import "$TMP/a.json"
p export --plaintext -o "$TMP/c.json" 2> /dev/null
ADMIN_ID=$(awk '/"login": "admin"/ { print prev } { prev = $0 }' \
    "$TMP/c.json" | grep -Eo '[0-9a-f-]{36}' | head -1)
OLD_ID=$(awk '/"login": "admin"/ { print prev } { prev = $0 }' \
    "$TMP/a.json" | grep -Eo '[0-9a-f-]{36}' | head -1)
is "one admin user only" "$(grep -c '"login": "admin"' "$TMP/c.json")" 1
is "the document's admin id is gone" "$(grep -c "$OLD_ID" "$TMP/c.json")" 0
like "records now name the existing admin" "$TMP/c.json" \
    "\"worker_id\": \"$ADMIN_ID\""

# -- one person's file (right of access) ------------------------------------
ok "export one person in clear" s export --plaintext --person "$P1"
cp "$TMP/out" "$TMP/p1.json"
like "… holds that person" "$TMP/p1.json" "$MARK"
unlike "… and nobody else" "$TMP/p1.json" '"张"'
like "… with the partners the file names" "$TMP/p1.json" 'IME Les Tilleuls'
mv "$DB" "$TMP/adm.db"; mv "$DB.keys" "$TMP/adm.db.keys"
rm -f "$DB-wal" "$DB-shm"
initdb "$DB" importer
PUSER=importer
ok "… imports on its own" p import "$TMP/p1.json"

# -- refused documents: path, message, nothing written ------------------------
# doc PERSON-FIELDS [RIGHT-FIELDS] — a document with one partner and one
# person (with one right), the given members added.
doc() {
	cat <<JSON
{"format": "parcours", "version": 1,
 "partners": [{"id": "00000000-0000-7000-9000-000000000001",
   "name": "CCAS de Valmont", "kind": "ccas"}],
 "persons": [
  {"last_name": "Ok", "first_name": "Fine"},
  {"id": "00000000-0000-7000-8000-000000000002", $1
   "rights": [{"kind": "rsa", "status": "granted", ${2:-}
     "start_date": "2025-01-01"}]}]}
JSON
}
GOOD='"last_name": "Durand", "first_name": "Théo",'
doc "$GOOD" > "$TMP/good.json"
doc "$GOOD" '"end_date": "2025-02-30",' > "$TMP/date.json"
refused 1 "an impossible date" \
    '^parcours: persons\[1\]\.rights\[0\]\.end_date: not a real calendar date: "2025-02-30"' \
    p import "$TMP/date.json"
like "… says nothing was imported" "$TMP/err" 'nothing was imported'
doc "$GOOD" '"orientation": "pole_emploi",' > "$TMP/enum.json"
refused 1 "an unknown enumeration value" \
    'persons\[1\]\.rights\[0\]\.orientation: unknown value "pole_emploi"' \
    p import "$TMP/enum.json"
doc '"first_name": "Théo",' > "$TMP/required.json"
refused 1 "a missing required field" \
    'persons\[1\]\.last_name: required, missing' p import "$TMP/required.json"
doc "$GOOD \"involvements\": [{\"partner_id\":
    \"00000000-0000-7000-9000-0000000000ff\", \"start_date\": \"2025-01-01\"}]," \
    > "$TMP/dangling.json"
refused 1 "a dangling reference" \
    'persons\[1\]\.involvements\[0\]\.partner_id: no partner with id "00000000-0000-7000-9000-0000000000ff"' \
    p import "$TMP/dangling.json"
doc "$GOOD" '"notes": "cafBADBYTES",' | sed 's/BADBYTES/\xff\xfe/' \
    > "$TMP/utf8.json"
refused 1 "invalid UTF-8" 'UTF-8' p import "$TMP/utf8.json"
doc "$GOOD" '"for_life": "yes",' > "$TMP/type.json"
refused 1 "a value of the wrong JSON type" \
    'persons\[1\]\.rights\[0\]\.for_life: expected true, false or null, not a string' \
    p import "$TMP/type.json"
doc "$GOOD \"nickname\": \"Tété\"," > "$TMP/key.json"
refused 1 "an unknown key" 'persons\[1\]\.nickname: unknown key' \
    p import "$TMP/key.json"
doc "$GOOD" '"person_id": "00000000-0000-7000-8000-000000000002",' \
    > "$TMP/pid.json"
refused 1 "a nested record naming its person" \
    'persons\[1\]\.rights\[0\]\.person_id: unknown key' p import "$TMP/pid.json"
doc "$GOOD" > "$TMP/twice.json"
sed -i 's/"Ok", "first_name": "Fine"/"Ok", "first_name": "Fine", "id": "00000000-0000-7000-8000-000000000002"/' \
    "$TMP/twice.json"
refused 1 "the same id twice in the document" 'appears twice' \
    p import "$TMP/twice.json"
sed 's/"version": 1/"version": 9/' "$TMP/good.json" > "$TMP/newer.json"
refused 1 "a newer format version" 'newer' p import "$TMP/newer.json"
sed 's/"format": "parcours"/"format": "other"/' "$TMP/good.json" \
    > "$TMP/format.json"
refused 1 "another format" 'not a parcours export' p import "$TMP/format.json"
printf '{"format": "parcours", "version": 1, "persons": [], "persons": []}' \
    > "$TMP/dup.json"
refused 1 "a duplicated key" 'duplicate' p import "$TMP/dup.json"
cat > "$TMP/many.json" <<'JSON'
{"format": "parcours", "version": 1, "persons": [
 {"last_name": "A", "first_name": "B", "birth_date": "1990-13-01"},
 {"last_name": "C", "first_name": "D", "sex": "z"}]}
JSON
refused 1 "every bad record is reported" \
    'persons\[0\]\.birth_date:.*' p import "$TMP/many.json"
like "… the second one too" "$TMP/err" 'persons\[1\]\.sex: unknown value "z"'

# -- a hand-written document imports ------------------------------------------
ok "a valid hand-written document imports" p import "$TMP/good.json"
ok "… its persons are there" p person list --all-files --search durand
like "… with their accents" "$TMP/out" 'Théo'
ok "… and a person without \"file\" got one" p person list --search fine
like "… opened today" "$TMP/out" '2026-11-22'
doc '"last_name": "Stdin", "first_name": "Zoé",' | sed \
    -e 's/9000-000000000001/9000-000000000011/' \
    -e 's/8000-000000000002/8000-000000000012/' > "$TMP/stdin.json"
ok "import from standard input" p import - < "$TMP/stdin.json"
ok "… imported" p person list --all-files --search stdin
like "… found" "$TMP/out" 'Zoé'

finish
