-- parcours schema, version 3: the gap engine reads indexes only.
-- Runs on SQLCipher 3.4.1 (SQLite 3.15.2) and 4.x.
--
-- Over every file, each rule now starts from the partial index of the
-- records it looks at (measures, rights, referents…) instead of the table,
-- and finds the file, the person and the other records of the same person
-- through their indexes too.  The indexes below therefore hold every
-- column the rules read (src/rules-*.c), the record's id included, so that
-- no table row is read: an index entry is a fifth of a row, and the
-- indexes are all in person order, so the pages a rule reads for one
-- person are read together.  BENCHMARKS.md has the figures.

DROP INDEX IF EXISTS referents_gaps;
CREATE INDEX referents_gaps
	ON referents (person_id, role, start_date, end_date, successor_id,
	deleted_at, id, name) WHERE deleted_at IS NULL;

DROP INDEX IF EXISTS measures_gaps;
CREATE INDEX measures_gaps
	ON measures (person_id, kind, start_date, end_date, deleted_at, id,
	renewal_requested_on, hearing_date, nature) WHERE deleted_at IS NULL;

DROP INDEX IF EXISTS rights_gaps;
CREATE INDEX rights_gaps
	ON rights (person_id, kind, status, start_date, end_date, decision_on,
	filed_on, renewal_requested_on, deleted_at, id, for_life, complete_on,
	orientation, oriented_on) WHERE deleted_at IS NULL;

DROP INDEX IF EXISTS involvements_gaps;
CREATE INDEX involvements_gaps
	ON involvements (person_id, start_date, end_date, partner_id,
	deleted_at, id, shares_info, legal_basis) WHERE deleted_at IS NULL;

-- Without the title, which only the flags show (read from the row).
DROP INDEX IF EXISTS projects_gaps;
CREATE INDEX projects_gaps
	ON projects (person_id, kind, status, signed_on, start_date, end_date,
	deleted_at, id, next_review) WHERE deleted_at IS NULL;

CREATE INDEX referrals_gaps
	ON referrals (person_id, status, sent_on, answered_on, deleted_at, id,
	partner_id) WHERE deleted_at IS NULL;

-- What the rules test of a person (age and consent), and the name the
-- engine shows with each flag.
CREATE INDEX persons_gaps
	ON persons (id, deleted_at, birth_date, consent, consent_date,
	last_name, first_name);

-- The dates of each person's last journal entries, kept by the triggers
-- below whatever writes the journal: the last entry of any kind, the last
-- contact (a contact, home visit, call or coordination meeting:
-- RULES_CONTACT_KINDS in src/rules.h), the last contact proper (without
-- meetings), and the last entry of each kind a rule looks for.  Nine rules
-- read the journal; reading these dates costs them a lookup per person
-- instead of reading the journal's index.  A person with no journal entry
-- has no row.  The rules fall back on the journal itself for a person
-- whose last entry is after the date they are run as of (src/rules-int.h,
-- LAST).  tests/unit/test-gaps.c checks every column against every kind.
CREATE TABLE person_activity (
	person_id	TEXT PRIMARY KEY NOT NULL,
	last_event	TEXT,		-- any kind
	last_contact	TEXT,		-- contact, home_visit, call, meeting
	last_visit	TEXT,		-- contact, home_visit, call
	last_meeting	TEXT,		-- coordination_meeting
	last_report	TEXT,		-- situation_report
	last_review	TEXT,		-- situation_report, meeting
	last_interview	TEXT,		-- majority_interview
	last_follow_up	TEXT,		-- follow_up
	last_choice	TEXT		-- pch_apa_choice
) WITHOUT ROWID;

-- A person whose dates must be computed again from the journal: the
-- trigger below does it at once and removes the row.  The computation is
-- written only there; the triggers on the journal name the person.
CREATE TABLE person_activity_stale (
	person_id	TEXT NOT NULL
);

CREATE TRIGGER person_activity_refresh AFTER INSERT ON person_activity_stale
BEGIN
	DELETE FROM person_activity WHERE person_id = NEW.person_id;
	INSERT INTO person_activity
	    SELECT e.person_id,
	    max(e.date),
	    max(CASE WHEN e.kind IN ('contact', 'home_visit', 'call',
		'coordination_meeting') THEN e.date END),
	    max(CASE WHEN e.kind IN ('contact', 'home_visit', 'call')
		THEN e.date END),
	    max(CASE e.kind WHEN 'coordination_meeting' THEN e.date END),
	    max(CASE e.kind WHEN 'situation_report' THEN e.date END),
	    max(CASE WHEN e.kind IN ('situation_report',
		'coordination_meeting') THEN e.date END),
	    max(CASE e.kind WHEN 'majority_interview' THEN e.date END),
	    max(CASE e.kind WHEN 'follow_up' THEN e.date END),
	    max(CASE e.kind WHEN 'pch_apa_choice' THEN e.date END)
	    FROM events e INDEXED BY events_gaps
	    WHERE e.person_id = NEW.person_id AND e.deleted_at IS NULL
	    GROUP BY e.person_id;
	DELETE FROM person_activity_stale WHERE rowid = NEW.rowid;
END;

-- The persons already in the journal.
INSERT INTO person_activity_stale (person_id)
	SELECT DISTINCT person_id FROM events INDEXED BY events_gaps
	WHERE person_id IS NOT NULL AND deleted_at IS NULL;

-- A new entry can only move the dates forward: no need to read the
-- person's journal again.  ("x >= y" is NULL when x is, hence the CASE.)
CREATE TRIGGER events_activity_insert AFTER INSERT ON events
	WHEN NEW.deleted_at IS NULL
BEGIN
	INSERT OR IGNORE INTO person_activity (person_id)
	    VALUES (NEW.person_id);
	UPDATE person_activity SET
	    last_event = CASE WHEN last_event >= NEW.date THEN last_event
		ELSE NEW.date END,
	    last_contact = CASE WHEN NEW.kind NOT IN ('contact', 'home_visit',
		'call', 'coordination_meeting') OR last_contact >= NEW.date
		THEN last_contact ELSE NEW.date END,
	    last_visit = CASE WHEN NEW.kind NOT IN ('contact', 'home_visit',
		'call') OR last_visit >= NEW.date
		THEN last_visit ELSE NEW.date END,
	    last_meeting = CASE WHEN NEW.kind <> 'coordination_meeting'
		OR last_meeting >= NEW.date THEN last_meeting ELSE NEW.date END,
	    last_report = CASE WHEN NEW.kind <> 'situation_report'
		OR last_report >= NEW.date THEN last_report ELSE NEW.date END,
	    last_review = CASE WHEN NEW.kind NOT IN ('situation_report',
		'coordination_meeting') OR last_review >= NEW.date
		THEN last_review ELSE NEW.date END,
	    last_interview = CASE WHEN NEW.kind <> 'majority_interview'
		OR last_interview >= NEW.date THEN last_interview
		ELSE NEW.date END,
	    last_follow_up = CASE WHEN NEW.kind <> 'follow_up'
		OR last_follow_up >= NEW.date THEN last_follow_up
		ELSE NEW.date END,
	    last_choice = CASE WHEN NEW.kind <> 'pch_apa_choice'
		OR last_choice >= NEW.date THEN last_choice ELSE NEW.date END
	    WHERE person_id = NEW.person_id;
END;

CREATE TRIGGER events_activity_update
	AFTER UPDATE OF person_id, kind, date, deleted_at ON events
BEGIN
	INSERT INTO person_activity_stale (person_id) VALUES (OLD.person_id);
	INSERT INTO person_activity_stale (person_id)
	    SELECT NEW.person_id WHERE NEW.person_id IS NOT OLD.person_id;
END;

CREATE TRIGGER events_activity_delete AFTER DELETE ON events
BEGIN
	INSERT INTO person_activity_stale (person_id) VALUES (OLD.person_id);
END;
