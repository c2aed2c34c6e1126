#!/bin/bash
# What the encryption and the key file promise, checked from outside:
# nothing written through parcours appears in clear in any file next to the
# database, during or after the write; the plain sqlite3 tool cannot read
# the database while the sqlcipher tool can, given the recovery key; every
# kind of damage or foreign file is refused with a clear message and a
# non-zero status without changing a byte; the passphrase never reaches
# argv or the environment; the recovery key opens the database and
# rebuilds the key file; files are private (0600).
. "$(dirname "$0")/lib.sh"

MARK=Zorglubmarqueur
MARK_RE='zorglubmarqueur'	# grep -i: also the folded search key

# digest DIR — the names and bytes of every file in DIR.
digest() {
	local f
	(cd "$1" && for f in $(ls -A); do echo "== $f"; cat "$f" 2>&1; done) |
	    sha256sum | cut -d' ' -f1
}

# mkcase NAME — a copy of the reference database and key file in
# $TMP/NAME; $CDB is its path.
mkcase() {
	rm -rf "${TMP:?}/$1"
	mkdir "$TMP/$1"
	cp "$DB" "$DB.keys" "$TMP/$1/"
	CDB=$TMP/$1/p.db
}

# rejects STATUS DESCRIPTION REGEX ARGS... — parcours on $CDB (user
# $CUSER, passphrase file $CPASS) exits with STATUS and a message matching
# REGEX, and leaves every file of the directory as it was: no byte changed,
# no file added or removed.
rejects() {
	local status=$1 desc=$2 re=$3 dir before
	shift 3
	dir=$(dirname "$CDB")
	before=$(digest "$dir")
	fails "$status" "$desc: exit $status" "$PARCOURS" --db "$CDB" \
	    --user "${CUSER:-admin}" --passphrase-file "${CPASS:-$PASS}" "$@"
	like "$desc: message" "$TMP/err" "$re"
	sed "s/^/#   /" "$TMP/err"
	is "$desc: files unchanged" "$(digest "$dir")" "$before"
}

# wait_for DESCRIPTION COMMAND... — polls until the command succeeds
# (at most 10 s); a bail-out if it never does.
wait_for() {
	local desc=$1 i
	shift
	for i in $(seq 100); do
		"$@" && return 0
		sleep 0.1
	done
	echo "Bail out! timed out waiting for $desc"
	exit 1
}

# mode FILE — the file's permission bits in octal.
mode() {
	stat -c %a "$1"
}

mkdb
is "init: the database is 0600" "$(mode "$DB")" 600
is "init: the key file is 0600" "$(mode "$DB.keys")" 600
ok "the recovery key was printed" test -s "$TMP/recovery"
like "the recovery key: 7 groups of 8" "$TMP/recovery" \
    '^[0-9A-Z]{8}(-[0-9A-Z]{8}){6}$'
unlike "init leaves no journal behind" <(ls -A "$TMP") 'p\.db-(wal|shm|journal)'

# -- a marker written through the CLI is never in clear ---------------------
# A reader holding a snapshot keeps parcours from folding the WAL back into
# the database when it closes: the new rows stay in p.db-wal, where they
# can be looked at "while" they are being written.
mkfifo "$TMP/hold"
sqlcipher -batch "$DB" < "$TMP/hold" > "$TMP/hold.out" 2>&1 &
HOLDER=$!
exec 7> "$TMP/hold"
printf "PRAGMA key=\"x'%s'\";\nPRAGMA cipher_page_size=4096;\nBEGIN;\nSELECT count(*) FROM persons;\n" \
    "$(keyhex)" >&7
wait_for "the reader's snapshot" test -e "$DB-wal"
ok "person add with the marker" p person add --last-name "$MARK" \
    --first-name Léa --notes "$MARK notes"
MARKED=$(cat "$TMP/out")
ok "event add with the marker" p event add --person "$MARKED" --kind note \
    --date 2026-11-20 --text "$MARK journal"
ok "the WAL holds the new pages" test -s "$DB-wal"
is "while open: the WAL is 0600" "$(mode "$DB-wal")" 600
is "while open: the shared memory file is 0600" "$(mode "$DB-shm")" 600
for f in "$DB" "$DB-wal" "$DB-shm" "$DB.keys"; do
	fails 1 "while open: no marker in ${f##*/}" grep -aiq "$MARK_RE" "$f"
done
echo "COMMIT;" >&7
exec 7>&-
wait "$HOLDER"
ok "closed: the WAL was folded back" test ! -e "$DB-wal"
ok "show the marked person" p person show "$MARKED"
like "parcours reads the marker back" "$TMP/out" "$MARK"
for f in "$TMP"/p.db*; do
	fails 1 "after close: no marker in ${f##*/}" grep -aiq "$MARK_RE" "$f"
done
ok "the sqlcipher tool finds the marker with the master key" \
    grep -q "$MARK" <(echo "SELECT last_name FROM persons;" | sqlc)
if "$PARCOURS" export --help > /dev/null 2>&1; then
	ok "export (encrypted, the default)" p export --output "$TMP/exp" \
	    --export-passphrase-file "$PASS" --kdf-cost 14
	is "the export is 0600" "$(mode "$TMP/exp")" 600
	fails 1 "no marker in the encrypted export" grep -aiq "$MARK_RE" \
	    "$TMP/exp"
	ok "export --plaintext" p export --plaintext --output "$TMP/exp.json"
	like "the marker is in the clear export (the check can fail)" \
	    "$TMP/exp.json" "$MARK"
	rm -f "$TMP/exp" "$TMP/exp.json"
else
	skip "the encrypted export" "no export command in this build"
fi

# -- the database is unreadable without the key ---------------------------
fails 1 "sqlite3 cannot read the database" sqlite3 "$DB" .tables
like "sqlite3: file is not a database" "$TMP/err" 'file is not a database'
unlike "no SQLite header in clear" <(head -c 16 "$DB") '^SQLite format 3'
echo "SELECT count(*) FROM persons;" | sqlc > "$TMP/sqlc.out"
is "sqlcipher with the recovery key reads the persons" \
    "$(cat "$TMP/sqlc.out")" 1
echo "PRAGMA cipher_version;" | sqlc > "$TMP/sqlc.out"
like "sqlcipher answers cipher_version" "$TMP/sqlc.out" '^[0-9]+\.[0-9]+'
KEYHEX=$(keyhex)
if [ "${KEYHEX:0:1}" = 0 ]; then WRONGHEX=1${KEYHEX:1}; else WRONGHEX=0${KEYHEX:1}; fi
printf "PRAGMA key=\"x'%s'\";\nPRAGMA cipher_page_size=4096;\nSELECT count(*) FROM persons;\n" \
    "$WRONGHEX" | sqlcipher -batch "$DB" > "$TMP/sqlc.out" 2>&1
like "sqlcipher with another key cannot read it" "$TMP/sqlc.out" \
    'not a database|encrypted'

# -- reference database for the damage cases --------------------------------
ok "user add bob" p user add --login bob --new-passphrase-file "$PASS" \
    --kdf-cost 14
is "user add rewrote the key file 0600" "$(mode "$DB.keys")" 600
unlike "no temporary file left next to the database" <(ls -A "$TMP") \
    'p\.db.*\.[A-Za-z0-9]{6}$'

mkcase ok
ok "an intact copy opens" "$PARCOURS" --db "$CDB" --user admin \
    --passphrase-file "$PASS" person list --all-files
like "an intact copy lists the marker" "$TMP/out" "$MARK"

printf 'not the right passphrase\n' > "$TMP/wrong"
mkcase wrongpass
CPASS=$TMP/wrong rejects 3 "a wrong passphrase" \
    'wrong passphrase for user "admin"' person list

# tamper FILE SED — edits the key file with sed -E.
tamper() {
	sed -E -i "$2" "$1"
}
mkcase wrapped
tamper "$CDB.keys" '0,/"wrapped": "/{/"wrapped"/{s/("wrapped": ")A/\1B/;t;s/("wrapped": ")./\1A/}}'
fails 1 "the wrapped key was changed" cmp -s "$DB.keys" "$CDB.keys"
rejects 3 "key file: one character of a wrapped key flipped" \
    'wrong passphrase|tampered' person list
mkcase tag
tamper "$CDB.keys" '0,/"tag": "/{/"tag"/{s/("tag": ")A/\1B/;t;s/("tag": ")./\1A/}}'
fails 1 "the tag was changed" cmp -s "$DB.keys" "$CDB.keys"
rejects 3 "key file: a tag changed" 'wrong passphrase|tampered' person list
mkcase salt
tamper "$CDB.keys" '0,/"salt": "/{/"salt"/{s/("salt": ")A/\1B/;t;s/("salt": ")./\1A/}}'
fails 1 "the salt was changed" cmp -s "$DB.keys" "$CDB.keys"
rejects 3 "key file: a salt changed" 'wrong passphrase|tampered' person list
mkcase login
tamper "$CDB.keys" 's/"login": "admin"/"login": "admim"/'
rejects 3 "key file: a slot's login changed (old login)" \
    'user "admin" has no key' person list
CUSER=admim rejects 3 "key file: a slot's login changed (new login)" \
    'wrong passphrase for user "admim"|tampered' person list
mkcase kdf
tamper "$CDB.keys" '0,/"n": /s/"n": [0-9]+/"n": 32768/'
fails 1 "the cost was changed" cmp -s "$DB.keys" "$CDB.keys"
rejects 3 "key file: a slot's scrypt cost changed" \
    'wrong passphrase|tampered' person list
mkcase removed
# Drops the first slot (admin's): bob's still unwraps, the seal breaks.
tamper "$CDB.keys" '/"slots": \[/,/^    \},?$/{/"slots"/!d}'
unlike "admin's slot was removed" "$CDB.keys" '"login": "admin"'
like "bob's slot is still there" "$CDB.keys" '"login": "bob"'
CUSER=bob rejects 3 "key file: a slot removed" 'tampered' person list
mkcase mac
tamper "$CDB.keys" '/"mac"/{s/("mac": ")0/\1f/;t;s/("mac": ")./\10/}'
fails 1 "the seal was changed" cmp -s "$DB.keys" "$CDB.keys"
rejects 3 "key file: the seal changed" 'tampered' person list
mkcase dbid
tamper "$CDB.keys" '/"db_id"/{s/("db_id": ")0/\11/;t;s/("db_id": ")./\10/}'
fails 1 "the database id was changed" cmp -s "$DB.keys" "$CDB.keys"
rejects 3 "key file: the database id changed" \
    'wrong passphrase|tampered' person list
mkcase version
tamper "$CDB.keys" 's/"version": 1/"version": 2/'
rejects 3 "key file: a newer version" 'written by a newer parcours' \
    person list
mkcase garbage
printf 'PK\003\004 not a key file' > "$CDB.keys"
rejects 3 "key file: not JSON" 'not valid JSON' person list
mkcase emptykeys
: > "$CDB.keys"
rejects 3 "key file: empty" 'p\.db\.keys' person list
mkcase nokeys
rm "$CDB.keys"
rejects 3 "key file: missing" 'p\.db\.keys' person list
mkcase otherkeys
"$PARCOURS" --db "$TMP/otherkeys/other.db" --user admin \
    --passphrase-file "$PASS" init --kdf-cost 14 > /dev/null 2>&1
cp "$TMP/otherkeys/other.db.keys" "$CDB.keys"
rm "$TMP/otherkeys/other.db" "$TMP/otherkeys/other.db.keys"
rejects 4 "the key file of another database" \
    'cannot be decrypted with this key' person list

mkcase page3
dd if=/dev/urandom of="$CDB" bs=1 seek=$((2 * 4096 + 200)) count=16 \
    conv=notrunc 2> /dev/null
rejects 4 "a corrupted page (3)" 'is damaged' person list
mkcase lastpage
dd if=/dev/zero of="$CDB" bs=1 seek=$(($(stat -c %s "$CDB") - 100)) \
    count=8 conv=notrunc 2> /dev/null
rejects 4 "a corrupted page (the last)" 'is damaged' person list
mkcase page1
dd if=/dev/urandom of="$CDB" bs=1 seek=100 count=16 conv=notrunc \
    2> /dev/null
rejects 4 "a corrupted first page" 'cannot be decrypted|damaged' person list
mkcase truncated
truncate -s 10000 "$CDB"
rejects 4 "a truncated file" 'damaged.*truncated' person list
mkcase truncated2
truncate -s 8192 "$CDB"
rejects 4 "a file cut at a page boundary" \
    'damaged|cannot be decrypted' person list
mkcase empty
: > "$CDB"
rejects 4 "an empty database file" 'damaged|empty' person list
mkcase plain
rm "$CDB"
sqlite3 "$CDB" "CREATE TABLE persons (id TEXT); PRAGMA user_version = 1;"
rejects 4 "a plain SQLite file" 'unencrypted SQLite file, not a parcours' \
    person list
mkcase foreign
rm "$CDB"
echo "CREATE TABLE persons (id TEXT); PRAGMA user_version = 1;" |
    sqlc "$CDB" > /dev/null
rejects 4 "a SQLCipher file with the same key, not parcours'" \
    'not a parcours database' person list
mkcase newer
echo "PRAGMA user_version = 99;" | sqlc "$CDB" > /dev/null
is "the copy now has schema 99" \
    "$(echo "PRAGMA user_version;" | sqlc "$CDB")" 99
rejects 4 "a database from a newer parcours" \
    'newer parcours \(schema 99' person list
rejects 4 "a newer database, even for keys list" 'newer parcours' keys list
mkcase missing
rm "$CDB"
rejects 4 "a missing database" 'does not exist' person list
fails 4 "a database path through a file" "$PARCOURS" --db "$PASS/x.db" \
    --user admin --passphrase-file "$PASS" person list
like "… says why, not that it does not exist" "$TMP/err" \
    'x.db": Not a directory'
mkcase directory
rm "$CDB"
mkdir "$CDB"
rejects 4 "a directory instead of the database" 'not a regular file' \
    person list

# -- the passphrase never reaches argv or the environment -------------------
mkfifo "$TMP/pfd" "$TMP/nfd"
AUDIT_UNLOCKS="SELECT count(*) FROM audit WHERE action = 'unlock';"
unlocks=$(echo "$AUDIT_UNLOCKS" | sqlc)
"$PARCOURS" --db "$DB" --user admin --passphrase-fd 3 user add \
    --login paul --new-passphrase-fd 4 --kdf-cost 14 \
    3<> "$TMP/pfd" 4<> "$TMP/nfd" > "$TMP/paul.out" 2> "$TMP/paul.err" &
PID=$!
wait_for "parcours to start" grep -q passphrase-fd "/proc/$PID/cmdline"
tr '\0' ' ' < "/proc/$PID/cmdline" > "$TMP/cmdline"
like "/proc/PID/cmdline is parcours'" "$TMP/cmdline" '--passphrase-fd 3'
grep 'core file' "/proc/$PID/limits" > "$TMP/limits"
like "core dumps are disabled (soft limit 0)" "$TMP/limits" \
    'core file size +0 '
cat "$PASS" > "$TMP/pfd"
# The unlock is audited before the new passphrase is read.
unlocked() {
	[ "$(echo "$AUDIT_UNLOCKS" | sqlc)" -gt "$unlocks" ]
}
wait_for "the unlock" unlocked
tr '\0' '\n' < "/proc/$PID/cmdline" > "$TMP/cmdline"
unlike "after unlock: no passphrase in /proc/PID/cmdline" "$TMP/cmdline" \
    "$(cat "$PASS")"
if cat "/proc/$PID/environ" > "$TMP/environ" 2> /dev/null; then
	tr '\0' '\n' < "$TMP/environ" > "$TMP/environ.txt"
	like "/proc/PID/environ is parcours' environment" "$TMP/environ.txt" \
	    '^PARCOURS_TODAY='
	unlike "after unlock: no passphrase in /proc/PID/environ" \
	    "$TMP/environ.txt" "$(cat "$PASS")"
else
	ok "/proc/PID/environ is not readable (the process is not dumpable)" \
	    test ! -r "/proc/$PID/environ"
fi
printf 'paul a sa propre phrase\n' > "$TMP/nfd"
wait "$PID"
is "user add through descriptors succeeded" "$?" 0
like "user add through descriptors printed the id" "$TMP/paul.out" \
    '^[0-9a-f-]{36}$'
printf 'paul a sa propre phrase\n' > "$TMP/pass-paul"
ok "paul opens with the passphrase read from a descriptor" \
    "$PARCOURS" --db "$DB" --user paul --passphrase-file "$TMP/pass-paul" \
    person list
ok "--passphrase-fd 0 (standard input)" "$PARCOURS" --db "$DB" \
    --user admin --passphrase-fd 0 person list < "$PASS"
before=$(hashdb)
fails 2 "--passphrase on the command line is refused" "$PARCOURS" \
    --db "$DB" --user admin --passphrase "$(cat "$PASS")" person list
like "--passphrase: unknown option" "$TMP/err" \
    'unknown option "--passphrase"'
fails 2 "--passphrase=… is refused" "$PARCOURS" --db "$DB" --user admin \
    "--passphrase=$(cat "$PASS")" person list
like "--passphrase=…: unknown option" "$TMP/err" 'unknown option'
fails 2 "--passphrase after the command is refused" "$PARCOURS" \
    --db "$DB" --user admin --passphrase-file "$PASS" person list \
    --passphrase "$(cat "$PASS")"
like "--passphrase after the command: unknown option" "$TMP/err" \
    'unknown option "--passphrase"'
is "refused options: the database was not opened" "$(hashdb)" "$before"

# -- the recovery key -----------------------------------------------------------
mv "$DB.keys" "$TMP/keys.saved"
before=$(hashdb)
fails 3 "without the key file the passphrase cannot open" p person list
like "without the key file: the message names it" "$TMP/err" 'p\.db\.keys'
is "without the key file: nothing changed" "$(hashdb)" "$before"
ok "--recovery-key-file opens without the key file" "$PARCOURS" --db "$DB" \
    --recovery-key-file "$TMP/recovery" person list --all-files
like "the recovery key shows the data" "$TMP/out" "$MARK"
tr 'A-Z-' 'a-z ' < "$TMP/recovery" > "$TMP/recovery.typed"
ok "a recovery key in lower case with spaces" "$PARCOURS" --db "$DB" \
    --recovery-key-file "$TMP/recovery.typed" person list --all-files
awk '{ c = substr($0, 3, 1); r = (c == "X") ? "Y" : "X";
	print substr($0, 1, 2) r substr($0, 4) }' "$TMP/recovery" \
    > "$TMP/recovery.bad"
fails 1 "the mistyped key differs" cmp -s "$TMP/recovery" "$TMP/recovery.bad"
before=$(hashdb)
fails 3 "a mistyped recovery key is refused" "$PARCOURS" --db "$DB" \
    --recovery-key-file "$TMP/recovery.bad" person list
like "a mistyped recovery key: message" "$TMP/err" 'mistyped'
head -c 20 "$TMP/recovery" > "$TMP/recovery.short"
fails 3 "a short recovery key is refused" "$PARCOURS" --db "$DB" \
    --recovery-key-file "$TMP/recovery.short" person list
like "a short recovery key: message" "$TMP/err" 'mistyped'
: > "$TMP/recovery.empty"
fails 3 "an empty recovery key file is refused" "$PARCOURS" --db "$DB" \
    --recovery-key-file "$TMP/recovery.empty" person list
like "an empty recovery key file: named as such" "$TMP/err" \
    "recovery key file \"$TMP/recovery.empty\": empty"
is "refused recovery keys changed nothing" "$(hashdb)" "$before"
fails 3 "keys list needs a key file" "$PARCOURS" --db "$DB" \
    --recovery-key-file "$TMP/recovery" keys list
like "keys list: suggests keys restore" "$TMP/err" 'keys restore'
fails 2 "keys restore needs the recovery key" p keys restore --kdf-cost 14
like "keys restore: says so" "$TMP/err" '--recovery-key-file'
printf 'trop court\n' > "$TMP/short"
fails 1 "keys restore refuses a short new passphrase" "$PARCOURS" \
    --db "$DB" --recovery-key-file "$TMP/recovery" \
    --passphrase-file "$TMP/short" keys restore --kdf-cost 14
like "keys restore: too short" "$TMP/err" 'too short'
ok "no key file was written" test ! -e "$DB.keys"
printf 'une nouvelle phrase de passe\n' > "$TMP/newpass"
ok "keys restore" "$PARCOURS" --db "$DB" --recovery-key-file \
    "$TMP/recovery" --passphrase-file "$TMP/newpass" keys restore \
    --kdf-cost 14
like "keys restore names the new key file" "$TMP/out" 'p\.db\.keys'
is "the rebuilt key file is 0600" "$(mode "$DB.keys")" 600
fails 3 "the old passphrase no longer opens" p person list
ok "the new passphrase opens the database" "$PARCOURS" --db "$DB" \
    --user admin --passphrase-file "$TMP/newpass" person list --all-files
like "after restore: the data is there" "$TMP/out" "$MARK"
ok "keys list after restore" "$PARCOURS" --db "$DB" \
    --passphrase-file "$TMP/newpass" keys list
is "keys restore: one slot, the administrator's" "$(tail -n +2 \
    "$TMP/out")" admin
ok "keys restore again" "$PARCOURS" --db "$DB" --recovery-key-file \
    "$TMP/recovery" --passphrase-file "$PASS" keys restore --kdf-cost 14
ok "the previous key file is kept" test -e "$DB.keys.old"
is "the kept key file is 0600" "$(mode "$DB.keys.old")" 600
ok "the passphrase of the second restore opens" p person list
mkdir "$TMP/other"
"$PARCOURS" --db "$TMP/other/o.db" --user admin --passphrase-file "$PASS" \
    init --kdf-cost 14 > "$TMP/other/init.out" 2>&1
grep -Eo '[0-9A-Z]{8}(-[0-9A-Z]{8}){6}' "$TMP/other/init.out" \
    > "$TMP/other/recovery"
before=$(hashdb)
fails 4 "the recovery key of another database" "$PARCOURS" --db "$DB" \
    --recovery-key-file "$TMP/other/recovery" person list
like "another database's recovery key: message" "$TMP/err" \
    'cannot be decrypted with this key'
is "another database's recovery key changed nothing" "$(hashdb)" "$before"

# -- creation: passphrase length, modes, the default path ---------------------
printf '12345678901\n' > "$TMP/p11"
fails 1 "init refuses an 11-character passphrase" "$PARCOURS" \
    --db "$TMP/new/n.db" --user admin --passphrase-file "$TMP/p11" init \
    --kdf-cost 14
like "init: the passphrase is too short" "$TMP/err" \
    'passphrase is too short: at least 12 characters'
ok "a refused init creates no file" test ! -e "$TMP/new/n.db" -a \
    ! -e "$TMP/new/n.db.keys"
printf 'éééééééééééé\n' > "$TMP/p12"
ok "init accepts 12 characters (24 bytes of é)" "$PARCOURS" \
    --db "$TMP/new/n.db" --user admin --passphrase-file "$TMP/p12" init \
    --kdf-cost 14
printf 'ééééééééééé\n' > "$TMP/p11e"
fails 1 "init refuses 11 characters even in 22 bytes" "$PARCOURS" \
    --db "$TMP/new2/n.db" --user admin --passphrase-file "$TMP/p11e" \
    init --kdf-cost 14
like "11 × é: too short" "$TMP/err" 'too short'
before=$(cat "$TMP/new/n.db" "$TMP/new/n.db.keys" | sha256sum)
fails 1 "init does not overwrite a database" "$PARCOURS" \
    --db "$TMP/new/n.db" --user admin --passphrase-file "$PASS" init \
    --kdf-cost 14
like "init: already exists" "$TMP/err" 'already exists'
is "init over a database changed nothing" \
    "$(cat "$TMP/new/n.db" "$TMP/new/n.db.keys" | sha256sum)" "$before"
ok "init at the default path" "$PARCOURS" --user admin \
    --passphrase-file "$PASS" init --kdf-cost 14
XDB=$XDG_DATA_HOME/parcours/parcours.db
ok "the default database follows XDG_DATA_HOME" test -f "$XDB"
is "the default directory is 0700" "$(mode "${XDB%/*}")" 700
is "the default database is 0600" "$(mode "$XDB")" 600
is "the default key file is 0600" "$(mode "$XDB.keys")" 600

finish
