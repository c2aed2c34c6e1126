-- parcours schema, version 5: the access policy (src/access.c).
-- Runs on SQLCipher 3.4.1 (SQLite 3.15.2) and 4.x.
--
-- A worker reads the files of their caseload and the files where they are
-- a named referent: the referents naming a user are found through this
-- index instead of reading every referent at each listing.
CREATE INDEX referents_user
	ON referents (user_id, person_id, end_date)
	WHERE deleted_at IS NULL AND user_id IS NOT NULL;
