# Shared setup for the TUI tests: the real binary driven in a private tmux
# server (its own socket in a temporary directory, no configuration file),
# keys sent with send-keys, the screen read with capture-pane and polled
# until a marker appears or a timeout passes (never a bare sleep), the
# exit status of parcours written to a file by a wrapper, the server
# killed and the directory removed by a trap.  TAP output; "today" and
# the locale pinned.  Source it from a test script; call `finish` last.
set -u

PARCOURS=${PARCOURS:-$(cd "$(dirname "$0")/../.." && pwd)/src/parcours}
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}

# Without tmux the tests cannot run at all: the whole script is skipped
# (a TAP skip plan; automake's TAP driver would count a bare status 77
# as an error).
if ! command -v tmux > /dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/parcours-tui.XXXXXX")
SOCK="$TMP/tmux.sock"
tm() {
	tmux -S "$SOCK" -f /dev/null "$@"
}
# Ends the session: parcours and its wrapper (the pane's process group)
# are killed first, so that nothing outlives the test even if it was
# stuck in a modal prompt, then the server.
tui_stop() {
	local pid
	for pid in $(tm list-panes -a -F '#{pane_pid}' 2> /dev/null); do
		kill -KILL -- "-$pid" 2> /dev/null || kill -KILL "$pid" \
		    2> /dev/null
	done
	tm kill-server > /dev/null 2>&1
}
cleanup() {
	tui_stop
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export HOME="$TMP/home" XDG_DATA_HOME="$TMP/home/.local/share"
mkdir -p "$HOME"
export TZ=UTC LC_ALL=${TEST_LC_ALL:-C.UTF-8} PARCOURS_TODAY=2026-11-22
unset PARCOURS_USER LANGUAGE LANG NO_COLOR || true

. "$top_srcdir/tests/french.sh"

DB="$TMP/p.db"
PASS="$TMP/pass"
PASSPHRASE='correct horse battery staple'
printf '%s\n' "$PASSPHRASE" > "$PASS"
# Seconds to wait for a screen or an exit before failing.
TUI_TIMEOUT=${TUI_TIMEOUT:-15}

_n=0
_failed=0

_ok() {
	_n=$((_n + 1))
	echo "ok $_n - $1"
}

_notok() {
	_n=$((_n + 1))
	echo "not ok $_n - $1"
	_failed=$((_failed + 1))
}

# ok DESCRIPTION COMMAND... — passes if the command exits 0.
ok() {
	local desc=$1; shift
	if "$@" > "$TMP/out" 2> "$TMP/err"; then
		_ok "$desc"
	else
		_notok "$desc (exit $?)"
		sed 's/^/# /' "$TMP/err" | head -20
	fi
}

# is DESCRIPTION GOT WANT
is() {
	if [ "$2" = "$3" ]; then
		_ok "$1"
	else
		_notok "$1"
		printf '#   got:  %s\n#   want: %s\n' "$2" "$3"
	fi
}

# like DESCRIPTION FILE REGEX — passes if the file matches (grep -E).
like() {
	if grep -Eq -- "$3" "$2"; then
		_ok "$1"
	else
		_notok "$1"
		echo "#   no match for /$3/ in:"
		sed 's/^/#   /' "$2" | head -20
	fi
}

# todo DESCRIPTION REASON COMMAND... — a known problem: reported, not
# counted as a failure (TAP TODO) until it is fixed.
todo() {
	local desc=$1 why=$2; shift 2
	_n=$((_n + 1))
	if "$@" > "$TMP/out" 2> "$TMP/err"; then
		echo "ok $_n - $desc # TODO $why"
	else
		echo "not ok $_n - $desc # TODO $why"
	fi
}

finish() {
	echo "1..$_n"
	[ "$_failed" -eq 0 ]
}

# p ARGS... — runs the CLI on the test database as $PUSER.
p() {
	"$PARCOURS" --db "$DB" --passphrase-file "$PASS" \
	    ${PUSER:+--user "$PUSER"} "$@"
}

# mkdb — the test database with an administrator "admin" (cheap KDF);
# the recovery key is kept in $TMP/recovery.
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

# adduser LOGIN NAME ROLE [TEAM] — a user sharing the test passphrase.
adduser() {
	PUSER=admin p user add --login "$1" --name "$2" --role "$3" \
	    ${4:+--team "$4"} --new-passphrase-file "$PASS" --kdf-cost 14 \
	    > /dev/null || {
		echo "Bail out! cannot add user $1"
		exit 1
	}
}

# The terminal -------------------------------------------------------

# tui_start [-x COLS] [-y ROWS] [-e VAR=VALUE]... [-- PARCOURS ARGS…]
# Starts parcours on the test database in a new tmux session; the exit
# status lands in $TMP/status when it ends.
tui_start() {
	local cols=100 rows=30 envs=""
	while [ $# -gt 0 ]; do
		case $1 in
		-x) cols=$2; shift 2 ;;
		-y) rows=$2; shift 2 ;;
		-e) envs="$envs '$2'"; shift 2 ;;
		--) shift; break ;;
		*) break ;;
		esac
	done
	rm -f "$TMP/status"
	{
		echo '#!/bin/sh'
		printf 'env %s "$@"\n' "$envs"
		echo "echo \$? > '$TMP/status.tmp' && mv '$TMP/status.tmp' '$TMP/status'"
	} > "$TMP/wrap.sh"
	tui_stop
	tm new-session -d -s t -x "$cols" -y "$rows" \
	    "sh '$TMP/wrap.sh' '$PARCOURS' --db '$DB' $*" || {
		echo "Bail out! tmux cannot start a session"
		exit 1
	}
}

# keys KEY... — tmux key names (Enter, Escape, F9, C-l, Down…).
keys() {
	tm send-keys -t t "$@"
}

# type TEXT — literal text.
type_text() {
	tm send-keys -t t -l -- "$1"
}

# screen — the visible text of the pane, on stdout.
screen() {
	tm capture-pane -p -t t 2> /dev/null
}

# screen_attrs — the pane with its colours and attributes as escapes.
screen_attrs() {
	tm capture-pane -p -e -t t 2> /dev/null
}

# wait_for TEXT [SECONDS] — polls the screen until TEXT (fixed string)
# appears; returns 1 after the timeout.  The last screen is kept in
# $TMP/screen.
wait_for() {
	local limit=$(( $(date +%s) + ${2:-$TUI_TIMEOUT} ))
	while :; do
		screen > "$TMP/screen"
		grep -Fq -- "$1" "$TMP/screen" && return 0
		[ "$(date +%s)" -ge "$limit" ] && return 1
		sleep 0.05
	done
}

# wait_gone TEXT [SECONDS] — polls until TEXT is no longer on screen.
wait_gone() {
	local limit=$(( $(date +%s) + ${2:-$TUI_TIMEOUT} ))
	while :; do
		screen > "$TMP/screen"
		grep -Fq -- "$1" "$TMP/screen" || return 0
		[ "$(date +%s)" -ge "$limit" ] && return 1
		sleep 0.05
	done
}

_dump_screen() {
	echo "#   screen:"
	sed 's/^/#   | /' "$TMP/screen"
}

# shows DESCRIPTION TEXT [SECONDS] — passes once TEXT is on screen.
shows() {
	if wait_for "$2" "${3:-$TUI_TIMEOUT}"; then
		_ok "$1"
	else
		_notok "$1"
		echo "#   \"$2\" never appeared"
		_dump_screen
	fi
}

# hides DESCRIPTION TEXT — passes once TEXT has left the screen (call it
# after `shows` has seen the screen it is about).
hides() {
	if wait_gone "$2" "${3:-$TUI_TIMEOUT}"; then
		_ok "$1"
	else
		_notok "$1"
		echo "#   \"$2\" is still there"
		_dump_screen
	fi
}

# exits DESCRIPTION STATUS — passes when parcours ended with STATUS.
exits() {
	local limit=$(( $(date +%s) + TUI_TIMEOUT ))
	while [ ! -f "$TMP/status" ] && [ "$(date +%s)" -lt "$limit" ]; do
		sleep 0.05
	done
	if [ ! -f "$TMP/status" ]; then
		_notok "$1"
		echo "#   parcours is still running"
		screen > "$TMP/screen"
		_dump_screen
	else
		is "$1" "$(cat "$TMP/status")" "$2"
	fi
}

# unlock [MARKER] — types the test passphrase on the unlock screen, once
# MARKER (default "Passphrase:") shows.
unlock() {
	wait_for "${1:-Passphrase:}" || true
	type_text "$PASSPHRASE"
	keys Enter
}

# resize COLS ROWS
resize() {
	tm resize-window -t t -x "$1" -y "$2"
}

# column_of FILE NAME TEXT — the screen column (counting wide characters
# as two) at which TEXT starts on the line of FILE that holds NAME.
column_of() {
	local line prefix
	line=$(grep -F -- "$2" "$1" | head -1)
	prefix=${line%%"$3"*}
	printf '%s\n' "$prefix" | wc -L
}
