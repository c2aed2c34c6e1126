# Shared setup for the CLI tests: a TAP producer, a fresh temporary
# database per test script, and "today" pinned.  Source it from a test
# script; call `finish` at the end.
set -u

PARCOURS=${PARCOURS:-$(cd "$(dirname "$0")/../.." && pwd)/src/parcours}
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/parcours-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export HOME="$TMP/home" XDG_DATA_HOME="$TMP/home/.local/share"
mkdir -p "$HOME"
export TZ=UTC LC_ALL=${TEST_LC_ALL:-C.UTF-8} PARCOURS_TODAY=2026-11-22
unset PARCOURS_USER LANGUAGE LANG || true

. "$top_srcdir/tests/french.sh"

DB="$TMP/p.db"
PASS="$TMP/pass"
printf 'correct horse battery staple\n' > "$PASS"

_n=0
_failed=0

# ok DESCRIPTION COMMAND... — passes if the command exits 0.
ok() {
	local desc=$1; shift
	_n=$((_n + 1))
	if "$@" > "$TMP/out" 2> "$TMP/err"; then
		echo "ok $_n - $desc"
	else
		echo "not ok $_n - $desc (exit $?)"
		sed 's/^/# /' "$TMP/err" | head -20
		_failed=$((_failed + 1))
	fi
}

# fails STATUS DESCRIPTION COMMAND... — passes if the command exits with
# exactly STATUS.
fails() {
	local want=$1 desc=$2 rc; shift 2
	_n=$((_n + 1))
	"$@" > "$TMP/out" 2> "$TMP/err"; rc=$?
	if [ "$rc" -eq "$want" ]; then
		echo "ok $_n - $desc"
	else
		echo "not ok $_n - $desc (exit $rc, wanted $want)"
		sed 's/^/# /' "$TMP/err" | head -20
		_failed=$((_failed + 1))
	fi
}

# is DESCRIPTION GOT WANT
is() {
	_n=$((_n + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $_n - $1"
	else
		echo "not ok $_n - $1"
		printf '#   got:  %s\n#   want: %s\n' "$2" "$3"
		_failed=$((_failed + 1))
	fi
}

# like DESCRIPTION FILE REGEX — passes if the file matches (grep -E).
like() {
	_n=$((_n + 1))
	if grep -Eq -- "$3" "$2"; then
		echo "ok $_n - $1"
	else
		echo "not ok $_n - $1"
		echo "#   no match for /$3/ in:"
		sed 's/^/#   /' "$2" | head -20
		_failed=$((_failed + 1))
	fi
}

# unlike DESCRIPTION FILE REGEX — passes if the file does not match.
unlike() {
	_n=$((_n + 1))
	if grep -Eq -- "$3" "$2"; then
		echo "not ok $_n - $1"
		echo "#   unexpected match for /$3/"
		_failed=$((_failed + 1))
	else
		echo "ok $_n - $1"
	fi
}

# p ARGS... — runs parcours on the test database as the current user.
p() {
	"$PARCOURS" --db "$DB" --passphrase-file "$PASS" ${PUSER:+--user "$PUSER"} "$@"
}

# mkdb — creates the test database with an administrator "admin" (cheap
# KDF cost) and keeps the recovery key in $TMP/recovery.
mkdb() {
	"$PARCOURS" --db "$DB" --user admin --passphrase-file "$PASS" init \
	    --name "Admin" --kdf-cost 14 > "$TMP/init.out" 2>&1 || {
		echo "Bail out! init failed: $(cat "$TMP/init.out")"
		exit 1
	}
	grep -Eo '[0-9A-Z]{8}(-[0-9A-Z]{8}){6}' "$TMP/init.out" \
	    > "$TMP/recovery"
	PUSER=admin
}

# adduser LOGIN ROLE [TEAM] — adds a user sharing the test passphrase.
adduser() {
	p user add --login "$1" --name "$1" --role "$2" ${3:+--team "$3"} \
	    --new-passphrase-file "$PASS" --kdf-cost 14 > /dev/null
}

# hashdb — a digest of the database and key file bytes.
hashdb() {
	cat "$DB" "$DB.keys" 2>/dev/null | sha256sum | cut -d' ' -f1
}

finish() {
	echo "1..$_n"
	[ "$_failed" -eq 0 ]
}

# skip DESCRIPTION REASON — a test that cannot run here.
skip() {
	_n=$((_n + 1))
	echo "ok $_n - $1 # SKIP $2"
}

# keyhex — the master key as 64 hex digits, decoded from the recovery key
# that init printed (Crockford base32 of the key and a 3-byte check).
keyhex() {
	tr -d '\n -' < "$TMP/recovery" | awk '
	BEGIN { digits = "0123456789ABCDEFGHJKMNPQRSTVWXYZ" }
	{
		acc = 0; bits = 0; out = ""
		for (i = 1; i <= length($0); i++) {
			acc = acc * 32 + index(digits, substr($0, i, 1)) - 1
			bits += 5
			if (bits >= 8) {
				d = 2 ^ (bits - 8); b = int(acc / d)
				acc -= b * d; bits -= 8
				out = out sprintf("%02x", b)
			}
		}
		print substr(out, 1, 64)
	}'
}

# sqlc [DB] < SQL — runs SQL with the sqlcipher tool, keyed with the
# master key (the test database unless DB is given).
sqlc() {
	{ printf ".timeout 5000\nPRAGMA key=\"x'%s'\";\nPRAGMA cipher_page_size=4096;\n" \
	    "$(keyhex)"; cat; } | sqlcipher -batch "${1:-$DB}" 2>&1 |
	    grep -v '^ok$'
}

# content — every row of every table except the audit trail, which grows
# at each unlock: the same before and after a refused command.
content() {
	local t tables
	tables=$(echo "SELECT name FROM sqlite_master WHERE type = 'table'
	    AND name NOT IN ('meta', 'audit') ORDER BY name;" | sqlc)
	{
		echo "SELECT * FROM meta WHERE key <> 'audit_head' ORDER BY key;"
		for t in $tables; do
			echo "SELECT '$t', * FROM $t ORDER BY 2;"
		done
	} | sqlc
}
