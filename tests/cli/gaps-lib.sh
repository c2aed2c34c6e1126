# Helpers shared by the gap engine's CLI tests (tests/cli/gaps-*.sh),
# sourced after lib.sh: fixed person ids, a JSON import that bails out on
# failure, and g, which prints a person's flags of one rule as
# "severity,upcoming,due" words (upcoming is 1 or 0).

# pid N — the id of test person N.
pid() {
	printf '00000000-0000-7000-8000-%012d' "$1"
}

# importdoc FILE — imports a JSON document into the test database.
importdoc() {
	p import "$1" > "$TMP/import.out" 2>&1 || {
		echo "Bail out! import failed: $(cat "$TMP/import.out")"
		exit 1
	}
}

# g PERSON RULE ASOF [HORIZON] — the flags of RULE for PERSON as of ASOF
# ("severity,upcoming,due" each), or "ERROR …" if gaps fails, so that a
# check expecting no flag cannot pass on an error.
g() {
	local out
	out=$(p gaps --person "$1" --rule "$2" --as-of "$3" \
	    --horizon "${4:-0}" --format csv 2>&1) || {
		echo "ERROR $?: $out" | head -1
		return
	}
	printf '%s\n' "$out" | tail -n +2 | cut -d, -f3,5,6 | tr '\n' ' ' |
	    sed 's/ $//'
}

# partners — the partner directory every scenario uses, as JSON.
partners() {
	cat <<'JSON'
 "partners": [
  {"id": "00000000-0000-7000-9000-000000000001", "name": "CAF du Nord",
   "kind": "caf"},
  {"id": "00000000-0000-7000-9000-000000000002", "name": "France Travail",
   "kind": "france_travail"},
  {"id": "00000000-0000-7000-9000-000000000003", "name": "Collège Jean Moulin",
   "kind": "school"},
  {"id": "00000000-0000-7000-9000-000000000004", "name": "IME Les Tilleuls",
   "kind": "children_establishment"},
  {"id": "00000000-0000-7000-9000-000000000005", "name": "CMP Enfants",
   "kind": "hospital"}
 ],
JSON
}
