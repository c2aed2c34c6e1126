#!/bin/bash
# An older database is migrated at open, inside a transaction, after an
# encrypted backup copy; the backup keeps the old schema and opens with
# the same key.
. "$(dirname "$0")/lib.sh"

mkdb
latest=$(echo "PRAGMA user_version;" | sqlc)
ok "a person in the current schema" p person add --last-name Martin \
    --first-name Léa
LEA=$(cat "$TMP/out")
ok "with a journal entry" p event add --person "$LEA" --kind call \
    --date 2026-03-02
# Take the database back to schema 1: drop what migrations 2 and 3 create.
# Every index that schema 1 does not create.
v1_indexes=$(sed -n 's/^CREATE INDEX \([a-z_]*\) .*/\1/p' \
    "$top_srcdir/schema/001-init.sql" | sed "s/.*/'&'/" | paste -sd, -)
indexes=$(echo "SELECT name FROM sqlite_master WHERE type = 'index' AND
    sql IS NOT NULL AND name NOT IN ($v1_indexes) ORDER BY name;" | sqlc)
triggers=$(echo "SELECT name FROM sqlite_master WHERE type = 'trigger'
    AND name LIKE 'events_activity_%' ORDER BY name;" | sqlc)
{
	for i in $indexes; do echo "DROP INDEX $i;"; done
	for t in $triggers; do echo "DROP TRIGGER $t;"; done
	echo "DROP TABLE person_activity;"
	echo "DROP TABLE person_activity_stale;"
	# Measures and rights get back their schema-1 columns (migration 4
	# added some): rebuilt from schema/001-init.sql.
	for t in measures rights; do
		create=$(awk "/^CREATE TABLE $t /,/^\);/" \
		    "$top_srcdir/schema/001-init.sql")
		cols=$(printf '%s\n' "$create" |
		    sed -n 's/^\t\([a-z_]*\)[\t ].*/\1/p' | paste -sd, -)
		echo "ALTER TABLE $t RENAME TO old_$t;"
		printf '%s\n' "$create"
		echo "INSERT INTO $t SELECT $cols FROM old_$t;"
		echo "DROP TABLE old_$t;"
		grep "^CREATE INDEX ${t}_person " "$top_srcdir/schema/001-init.sql"
	done
	echo "PRAGMA user_version = 1;"
} | sqlc > /dev/null
is "measures are back to their schema-1 columns" \
    "$(echo "PRAGMA table_info(measures);" | sqlc | grep -c '|end_reason|')" 0
is "the database is back at schema 1" "$(echo "PRAGMA user_version;" | sqlc)" 1
before=$(sha256sum < "$DB" | cut -d' ' -f1)

ok "an older database opens" p person list --all-files
like "its content is kept" "$TMP/out" "Martin +Léa"
is "it is migrated to the latest schema" \
    "$(echo "PRAGMA user_version;" | sqlc)" "$latest"
is "the migration's indexes are there" \
    "$(echo "SELECT count(*) FROM sqlite_master WHERE name IN ('events_gaps',
    'persons_gaps');" | sqlc)" 2
is "the journal's activity is summarised for the existing persons" \
    "$(echo "SELECT last_event, last_contact FROM person_activity;" | sqlc)" \
    "2026-03-02|2026-03-02"
ok "a backup copy was made" test -f "$DB.bak-v1"
is "the backup is the file as it was" \
    "$(sha256sum < "$DB.bak-v1" | cut -d' ' -f1)" "$before"
is "the backup keeps schema 1 and opens with the same key" \
    "$(echo "PRAGMA user_version;" | sqlc "$DB.bak-v1")" 1
is "the backup is private" "$(stat -c %a "$DB.bak-v1")" 600
if grep -aq "Martin" "$DB.bak-v1"; then
	is "the backup is encrypted" clear encrypted
else
	is "the backup is encrypted" encrypted encrypted
fi
ok "opening again migrates nothing more" p person list --all-files
is "no second backup" "$(ls "$DB".bak-* | wc -l)" 1
finish
