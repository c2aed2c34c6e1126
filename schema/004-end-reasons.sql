-- parcours schema, version 4: how measures and rights end.
-- Runs on SQLCipher 3.4.1 (SQLite 3.15.2) and 4.x.
--
-- A measure or a right records why it ends (end_reason: lifted, goal
-- reached, relayed by another service, moved out of the department,
-- majority, deceased, renewed, unknown) and, when another service takes
-- over, which one (relayed_to).  An end for a reason other than "renewed"
-- or "unknown" settles the rules that ask for a renewal (RULES.md,
-- Clarifications); the values are checked by the model (src/model-
-- pathway.c).  Records that had already ended get "unknown", which keeps
-- the rules' behaviour: nobody said why they ended.
--
-- The gap engine's covering indexes gain the columns its rules now read:
-- the end reason, and for the changes of placement the place and the
-- carrying service.

ALTER TABLE measures ADD COLUMN end_reason TEXT;
ALTER TABLE measures ADD COLUMN relayed_to TEXT;
ALTER TABLE rights ADD COLUMN end_reason TEXT;
ALTER TABLE rights ADD COLUMN relayed_to TEXT;

UPDATE measures SET end_reason = 'unknown'
	WHERE end_date IS NOT NULL AND end_date < date('now');
UPDATE rights SET end_reason = 'unknown'
	WHERE end_date IS NOT NULL AND end_date < date('now');

DROP INDEX IF EXISTS measures_gaps;
CREATE INDEX measures_gaps
	ON measures (person_id, kind, start_date, end_date, deleted_at, id,
	renewal_requested_on, hearing_date, nature, end_reason, partner_id,
	place) WHERE deleted_at IS NULL;

DROP INDEX IF EXISTS rights_gaps;
CREATE INDEX rights_gaps
	ON rights (person_id, kind, status, start_date, end_date, decision_on,
	filed_on, renewal_requested_on, deleted_at, id, for_life, complete_on,
	orientation, oriented_on, end_reason) WHERE deleted_at IS NULL;
