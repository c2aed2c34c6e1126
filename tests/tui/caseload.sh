#!/bin/sh
# The caseload: the worker's files with UTF-8 names aligned by screen
# columns, filtering as you type with accents and case ignored, sorting,
# resizes down to "terminal too small" and back, NO_COLOR, and the idle
# lock that returns to the same screen after unlocking.
. "$(dirname "$0")/lib.sh"

mkdb
adduser wk "Wanda Kowalski" worker "MDS Test"
PUSER=wk
lea=$(p person add --last-name Martin --first-name "Léa" \
    --birth-date 2010-03-04 --territory "MDS Test")
p person add --last-name "Œuvray" --first-name "Jérôme" \
    --birth-date 1980-05-06 --territory "MDS Test" > /dev/null
p person add --last-name "Nguyễn" --first-name "Thị Lan" \
    --birth-date 1975-01-02 --territory "MDS Test" > /dev/null
p person add --last-name "张" --first-name "伟" \
    --birth-date 1990-07-08 --territory "MDS Test" > /dev/null
p referent add --person "$lea" --role coordinator --name "Wanda Kowalski" \
    --user wk --start-date 2026-01-01 > /dev/null
p measure add --person "$lea" --kind aemo --nature judicial \
    --start-date 2026-01-10 --end-date 2027-01-09 > /dev/null

tui_start -x 100 -y 30 -- --user wk
unlock
shows "the caseload opens on the worker's files" "my files (4)"
for name in "Martin, Léa" "Œuvray, Jérôme" "Nguyễn, Thị Lan" "张, 伟"; do
	shows "lists $name" "$name"
done
shows "shows the next deadline, what and when" "2027-01-09 AEMO end"
shows "shows the coordinator" "Wanda Kowalski"
cp "$TMP/screen" "$TMP/table"
want=$(column_of "$TMP/table" "Martin, Léa" "MDS Test")
for name in "Œuvray, Jérôme" "Nguyễn, Thị Lan" "张, 伟"; do
	is "the territory of $name lines up with Léa's" \
	    "$(column_of "$TMP/table" "$name" "MDS Test")" "$want"
done
want=$(grep -F "Martin, Léa" "$TMP/table" | wc -L)
is "the rows of 张伟 and Léa end in the same column" \
    "$(grep -F "张, 伟" "$TMP/table" | wc -L)" "$want"

# Filter as you type, accents and case ignored.
keys /
type_text "oeuvray"
shows "\"oeuvray\" finds Œuvray" "1 of 4 files"
like "the match is Œuvray" "$TMP/screen" "Œuvray, Jérôme"
hides "Léa is filtered out" "Martin, Léa"
keys Escape
shows "Esc drops the filter" "Martin, Léa"
keys /
type_text "LEA"
shows "\"LEA\" finds Léa" "1 of 4 files"
like "the match is Léa" "$TMP/screen" "Martin, Léa"
hides "Œuvray is filtered out" "Œuvray"
keys Escape
hides "back to every file" "1 of 4 files"
like "… Œuvray is back" "$TMP/screen" "Œuvray, Jérôme"

# Sort by the next column: age, youngest first.
keys s
shows "the header shows the sort" "Age ▲"
first=$(grep -E '^ [^ ].*, ' "$TMP/screen" | head -1)
case $first in
*"Martin, Léa"*) _ok "sorted by age, the youngest comes first" ;;
*) _notok "sorted by age, the youngest comes first"
   echo "#   first row: $first" ;;
esac

# Resizes, down to a terminal too small, and back.
resize 80 24
shows "at 80×24 the table is still there" "Martin, Léa"
resize 30 10
shows "at 30×10 the terminal is too small" "terminal too small"
resize 100 30
shows "back at 100×30 the caseload returns" "Œuvray, Jérôme"

# Help: this screen's keys, then what works everywhere, each key once.
keys '?'
shows "? opens the help" "Everywhere"
like "… this screen's keys first" "$TMP/screen" "On this screen \(Caseload\)"
like "… Enter named once" "$TMP/screen" "^ +Enter +Open the selected item"
sed -n '/Everywhere/,$p' "$TMP/screen" > "$TMP/everywhere"
like "… Esc and q go back everywhere" "$TMP/everywhere" "Esc, q +Go back"
if grep -q "Save the form" "$TMP/everywhere"; then
	_notok "… the form's Save is not offered everywhere"
else
	_ok "… the form's Save is not offered everywhere"
fi
keys Escape
shows "Esc leaves the help" "Œuvray, Jérôme"
keys F10
exits "quits with status 0" 0

# NO_COLOR: attributes only, no colours.
tui_start -e NO_COLOR=1 -- --user wk
unlock
shows "with NO_COLOR the caseload opens" "my files (4)"
screen_attrs > "$TMP/attrs"
esc=$(printf '\033')
if grep -Eq "$esc\\[([0-9;]*;)?(3[0-7]|4[0-7]|9[0-7]|10[0-7])(;[0-9;]*)?m" \
    "$TMP/attrs"; then
	_notok "with NO_COLOR no colour is drawn"
else
	_ok "with NO_COLOR no colour is drawn"
fi
like "with NO_COLOR the title and selection are in reverse video" \
    "$TMP/attrs" "$esc\\[([0-9;]*;)?7(;[0-9;]*)?m"
keys F10
exits "quits with status 0 under NO_COLOR" 0

# The idle lock: 2 s without a key, then unlocking returns to the same
# place (the filter still applied).
ok "the idle time can be set to 2 s" env PUSER=admin \
    "$PARCOURS" --db "$DB" --passphrase-file "$PASS" --user admin \
    config set lock.idle_seconds 2
tui_start -- --user wk
unlock
shows "unlocked for the idle test" "my files (4)"
keys /
type_text "lea"
keys Enter
shows "filtered before going idle" "1 of 4 files"
if wait_for "Passphrase:" 10; then
	_ok "the screen locks itself when idle"
	hides "the locked screen shows no file" "Martin, Léa" 1
	unlock
	shows "unlocking returns to the caseload" "Martin, Léa"
	like "the filter is still applied" "$TMP/screen" "1 of 4 files"
else
	# Typing the passphrase into the caseload would act on it.
	_notok "the screen locks itself when idle"
	_dump_screen
	_notok "the locked screen shows no file"
	_notok "unlocking returns to the caseload"
	_notok "the filter is still applied"
fi
# Idle in a question: the question is dropped and the screen locks too.
keys n
shows "a new person's form" "new person"
type_text "Idle"
keys Enter Escape
shows "leaving asks about the changes" "Discard your changes?"
if wait_for "Passphrase:" 10; then
	_ok "idle in a question, the screen locks"
	unlock
	hides "… and unlocks" "Passphrase:"
else
	_notok "idle in a question, the screen locks"
	_dump_screen
	_notok "… and unlocks"
fi
keys F10
keys y
exits "quits with status 0 after the lock" 0

finish
