#!/bin/bash
# The demo: it prints where it is and how to open it, the names carry
# accents and wide characters, the same seed (and day) gives the same
# content, an existing demo is kept, its data pass the import's full
# validation, and it raises every rule of RULES.md.
. "$(dirname "$0")/lib.sh"

DEMOPASS="$TMP/demopass"
printf 'demo-parcours-2026\n' > "$DEMOPASS"
D1="$TMP/d1.db"

# demo DB ARGS… — a demo with cheap key slots.
demo() {
	local db=$1
	shift
	"$PARCOURS" --db "$db" demo --kdf-cost 14 "$@"
}

# as DB LOGIN ARGS… — parcours on a demo database as LOGIN.
as() {
	local db=$1 login=$2
	shift 2
	"$PARCOURS" --db "$db" --user "$login" --passphrase-file "$DEMOPASS" "$@"
}

# comparable FILE [LOGIN] — see io.sh: the document without exported_at
# and without the user LOGIN, trailing commas dropped.
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

# -- options -------------------------------------------------------------
ok "demo --help" "$PARCOURS" demo --help
like "… documents --persons and --seed" "$TMP/out" '--persons.*'
like "… names the demo passphrase" "$TMP/out" 'demo-parcours-2026'
fails 2 "--persons 0" demo "$TMP/x.db" --persons 0
fails 2 "--persons not a number" demo "$TMP/x.db" --persons many
fails 2 "--persons too large" demo "$TMP/x.db" --persons 1000001
fails 2 "--seed negative" demo "$TMP/x.db" --seed -3
fails 2 "--persons without a value" demo "$TMP/x.db" --persons
fails 2 "an unknown option" demo "$TMP/x.db" --colour
is "… nothing created" "$(ls "$TMP" | grep -c '^x\.db')" 0

# -- a demo database --------------------------------------------------------
ok "demo creates a database" demo "$D1" --seed 42 --persons 80
cp "$TMP/out" "$TMP/demo.out"
like "prints the database path" "$TMP/demo.out" "$D1"
like "prints the passphrase" "$TMP/demo.out" 'demo-parcours-2026'
for login in admin ccourtois amoreau lgarnier yboukhari tnguyen eloiseau \
    fzhang; do
	like "prints the login $login" "$TMP/demo.out" "^  $login "
done
like "prints the administrator's role" "$TMP/demo.out" 'administrator'
like "prints the supervisor's role" "$TMP/demo.out" 'supervisor'
like "prints the workers' role" "$TMP/demo.out" 'social worker'
like "prints the size" "$TMP/demo.out" '80 persons'
is "database is 0600" "$(stat -c %a "$D1")" 600
is "key file is 0600" "$(stat -c %a "$D1.keys")" 600
ok "a worker opens it with the demo passphrase" as "$D1" amoreau person list
fails 1 "the supervisor does not see every file" as "$D1" ccourtois \
    person list --all-files
ok "the administrator sees every file" as "$D1" admin person list \
    --all-files --all --format csv
is "… all 80 persons" "$(tail -n +2 "$TMP/out" | wc -l)" 80
cp "$TMP/out" "$TMP/persons.csv"
like "names carry accents" "$TMP/persons.csv" 'é|è|ë|ï|ô|Œ|œ|ễ|ị'
like "and wide characters" "$TMP/persons.csv" '张|王|李|刘|陈'
like "files sit in MDS territories" "$TMP/persons.csv" 'MDS Nord'
ok "the partner directory" as "$D1" admin partner list
for p in CAF CPAM 'France Travail' MDPH CCAS 'juge des enfants' IME MECS \
    MJPM 'École'; do
	like "… has $p" "$TMP/out" "$p"
done
ok "the administrator's audit verifies" as "$D1" admin audit verify

# -- kept when it exists ----------------------------------------------------
ok "demo on an existing database" demo "$D1" --seed 1 --persons 5
like "… says it is kept" "$TMP/out" 'already there'
like "… with its 80 persons" "$TMP/out" '80 persons'
fails 3 "… but not with another passphrase" "$PARCOURS" --db "$D1" \
    --passphrase-file "$PASS" demo

# -- the same seed gives the same content -------------------------------------
demo "$TMP/d2.db" --seed 42 --persons 80 > /dev/null
demo "$TMP/d3.db" --seed 43 --persons 80 > /dev/null
as "$D1" admin export --plaintext -o "$TMP/d1.json" 2> /dev/null
as "$TMP/d2.db" admin export --plaintext -o "$TMP/d2.json" 2> /dev/null
as "$TMP/d3.db" admin export --plaintext -o "$TMP/d3.json" 2> /dev/null
# The administrator is made by init, with a fresh id; nothing else is.
is "same seed, same day: the same export" \
    "$(comparable "$TMP/d2.json" admin)" "$(comparable "$TMP/d1.json" admin)"
is "another seed: another content" \
    "$(comparable "$TMP/d3.json" admin | cmp -s - <(comparable \
    "$TMP/d1.json" admin); echo $?)" 1
PARCOURS_TODAY=2026-05-01 demo "$TMP/d4.db" --seed 42 --persons 80 \
    > /dev/null
PARCOURS_TODAY=2026-05-01 as "$TMP/d4.db" admin export --plaintext \
    -o "$TMP/d4.json" 2> /dev/null
unlike "dated from today: another day moves the dates" "$TMP/d4.json" \
    '"date": "2026-1[01]-'

# -- every record is valid ------------------------------------------------------
mkdb
ok "the demo imports into a new database (full validation)" \
    p import "$TMP/d1.json"
p export --plaintext -o "$TMP/i.json" 2> /dev/null
# The importing database has its own "admin": the demo's one (which no
# record names) is mapped onto it, so compare without either.
is "… and exports the same again" "$(comparable "$TMP/i.json" admin)" \
    "$(comparable "$TMP/d1.json" admin)"

# -- a passphrase of one's own --------------------------------------------------
ok "demo with --passphrase-file" "$PARCOURS" --db "$TMP/own.db" \
    --passphrase-file "$PASS" demo --kdf-cost 14 --persons 40
like "… does not print it" "$TMP/out" 'the one you gave'
unlike "… nor the demo passphrase" "$TMP/out" 'demo-parcours-2026'
ok "… every user opens with it" "$PARCOURS" --db "$TMP/own.db" \
    --user tnguyen --passphrase-file "$PASS" person list
fails 3 "… and not with the demo passphrase" as "$TMP/own.db" tnguyen \
    person list

# -- the default path -------------------------------------------------------------
ok "demo without --db" "$PARCOURS" demo --kdf-cost 14 --persons 36
like "… at the XDG data path" "$TMP/out" \
    "$XDG_DATA_HOME/parcours/parcours.db"
is "… in a private directory" "$(stat -c %a "$XDG_DATA_HOME/parcours")" 700

# -- every rule fires ---------------------------------------------------------------
if as "$D1" admin help 2> /dev/null | grep -q '^  gaps '; then
	ok "gaps over the demo" as "$D1" admin gaps --all-files --format csv
	cut -d, -f2 "$TMP/out" | sort -u > "$TMP/rules"
	for rule in NO_COORDINATOR COORDINATOR_LEAVING MULTIPLE_COORDINATORS \
	    HANDOVER_UNCONFIRMED NO_RECENT_CONTACT NO_COORDINATION_MEETING \
	    REFERRAL_UNANSWERED CONSENT_MISSING PROJECT_REVIEW_OVERDUE \
	    CLOSED_WITH_ACTIVE_ITEMS PPE_NOT_ESTABLISHED \
	    SITUATION_REPORT_OVERDUE MEASURE_EXPIRY PLACEMENT_INSTABILITY \
	    MAJORITY_INTERVIEW_MISSING CARE_LEAVER_WITHOUT_SUPPORT \
	    ADULT_PROTECTION_EXPIRY MASP_TERM_REACHED RSA_CONTRACT_MISSING \
	    RSA_ORIENTATION_OVERDUE RIGHT_EXPIRY DECISION_OVERDUE \
	    CRETON_TRANSITION AGE_60_PCH_APA_CHOICE APA_REVIEW_OVERDUE \
	    RETENTION_DUE; do
		is "the demo raises $rule" "$(grep -cx "$rule" "$TMP/rules")" 1
	done
	is "… and nothing else" "$(grep -cv '^rule$' "$TMP/rules")" 26
else
	skip "the demo raises every rule" "no gaps command in this build"
fi

finish
