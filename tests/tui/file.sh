#!/bin/sh
# The pathway file and the forms: a measure and a coordinator created
# through the forms (a picker, dates typed in dd/mm/yyyy, a validation
# message under its field); the flag of a placed child without a PPE in
# the summary, gone once the PPE is added; a flag acknowledged with a
# reason; the timeline with the months without a coordinator in red; one
# audited view per opening of the file.
. "$(dirname "$0")/lib.sh"

mkdb
adduser wk "Wanda Kowalski" worker "MDS Test"
PUSER=wk
# The file was opened in May; "today" is 22 November 2026.
lea=$(PARCOURS_TODAY=2026-05-04 p person add --last-name Martin \
    --first-name "Léa" --birth-date 2017-02-03 --territory "MDS Test" \
    --consent given)

tui_start -x 100 -y 30 -- --user wk
unlock
shows "the caseload lists Léa" "Martin, Léa"
keys Enter
shows "the file opens on its summary" "Coordinator: none"
like "the header shows the age" "$TMP/screen" "age 9"

# A measure through the form: Rights & measures, then "measure".
keys Tab Tab Tab Tab Tab
shows "the rights and measures tab" "Nothing here yet"
keys n
shows "asks what to add" "Add to this file"
type_text "measure"
keys Enter
shows "the measure form" "new measure"
like "required fields are marked" "$TMP/screen" "Kind \*"
keys Enter
shows "the kind is chosen with a picker" "Choose: Kind"
type_text "placem"
keys Enter
shows "the kind is set" "placement"
keys Enter
shows "then the nature" "Choose: Nature"
type_text "judic"
keys Enter
keys Down Down
type_text "01/06/2026"
keys Enter
type_text "31/05/2026"
keys F2
shows "an end before the start is refused under its field" \
    "before start_date"
like "the cursor is on the field it names" "$TMP/screen" "End .*2026-05-31"
type_text "31/05/2028"
keys F2
shows "the measure is saved" "Saved the measure"
like "and listed in the file" "$TMP/screen" "placement.*judicial.*2026-06-01"

# Three months after the placement, no PPE: the summary says so.
keys BTab BTab BTab BTab BTab
shows "a placed child without a PPE is flagged" "PPE_NOT_ESTABLISHED"
like "with what to do" "$TMP/screen" "Do: Draw up the PPE"
like "and why, with the rule's threshold and source" "$TMP/screen" \
    "Why: the PPE must be drawn up within 3 months"

# A coordinator named in September: the months before are a gap.
keys Tab Tab Tab
shows "the referents tab" "Nothing here yet"
keys n
shows "the referent form" "new referent"
keys Enter
type_text "coordinator"
keys Enter
shows "the role is set" "coordinator (référent de parcours)"
type_text "Wanda Kowalski"
keys Down Down Down Down Down
type_text "2026-09-01"
keys F2
shows "the coordinator is saved" "Saved the referent"
shows "the header names the coordinator" "Coordinator: Wanda Kowalski"
keys BTab BTab
shows "the timeline" "No coordinator"
like "the gap is drawn" "$TMP/screen" "No coordinator +.*░"
screen_attrs > "$TMP/attrs"
esc=$(printf '\033')
if grep -q "${esc}\[[0-9;]*41m░" "$TMP/attrs"; then
	_ok "the gap is red"
else
	_notok "the gap is red"
fi
like "the coordinator has a row" "$TMP/screen" "Coordinator · Wanda"
like "today is marked on the rows" "$TMP/screen" "Coordinator · Wanda.*│"
keys z
shows "z zooms out to years" "years"
keys z z
shows "and back to months" "months"

# The PPE: the flag goes.
keys Tab
shows "the projects tab" "Nothing here yet"
keys n
shows "the project form" "new project"
keys Enter
type_text "PPE"
keys Enter
keys F2
shows "the project is saved" "Saved the project"
keys BTab BTab
shows "back on the summary" "Running:"
hides "the PPE flag is gone" "PPE_NOT_ESTABLISHED"

# Acknowledge the flag that remains selected first.
flag=$(grep -Eo '(CRITICAL|HIGH|MEDIUM|LOW) +[A-Z_]+' "$TMP/screen" |
    head -1 | awk '{print $2}')
keys a
shows "a reason is asked" "Reason (required):"
keys Enter
shows "an empty reason is refused" "a reason is required"
keys a
type_text "Seen with the family on 20/11"
keys Enter
shows "an end date is offered" "Until"
type_text "15/01/2027"
keys Enter
shows "the flag ${flag:-?} is acknowledged" "Acknowledged by wk until"
like "with its reason" "$TMP/screen" "Seen with the family"

# Leaving a form with changes asks first.
keys e
shows "the person's form" "edit person"
type_text "Lea"
keys Enter
keys Escape
shows "unsaved changes are confirmed" "Discard your changes?"
keys n
shows "the form stays" "edit person"
keys Escape
keys y
shows "back to the file" "Running:"
like "the name is unchanged" "$TMP/screen" "Martin, Léa"

keys Escape
shows "back to the caseload" "my files"
keys F10
exits "quits with status 0" 0

# One view per opening, not per redraw or reload.
p audit --person "$lea" > "$TMP/audit"
views=$(grep -Ec " view +person " "$TMP/audit")
is "opening the file once audited one view" "$views" 1
[ "$views" = 1 ] || sed 's/^/#   /' "$TMP/audit"

finish
