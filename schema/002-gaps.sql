-- parcours schema, version 2: indexes for the gap engine (src/rules.c).
-- Runs on SQLCipher 3.4.1 (SQLite 3.15.2) and 4.x.
--
-- Every page SQLCipher reads is decrypted and authenticated, so the rules
-- avoid reaching table rows at random.  A rule that looks at the records
-- of each file (the last contact, the coordinators running on a date…)
-- reads one of the partial indexes below, which hold every column its
-- subquery tests, deleted_at included (SQLite 3.15 still tests that term
-- on the row): the subquery is answered from the index alone.  A rule
-- that starts from a table's records reads the table in order; only rare
-- rows (closed files, information shared without a basis) get an index
-- to start from.  BENCHMARKS.md has the figures.

-- The journal of a person: last contact, report, meeting, interview…
CREATE INDEX IF NOT EXISTS events_gaps
	ON events (person_id, kind, date, deleted_at) WHERE deleted_at IS NULL;

-- The file of a person, with everything the rules read of it.
CREATE INDEX IF NOT EXISTS files_gaps
	ON files (person_id, deleted_at, opened_on, closed_on, closing_reason,
	risk_level, worker_id, id);

-- The referents of a person.
CREATE INDEX IF NOT EXISTS referents_gaps
	ON referents (person_id, role, start_date, end_date, successor_id,
	deleted_at) WHERE deleted_at IS NULL;

-- The measures, rights and involvements of a person.
CREATE INDEX IF NOT EXISTS measures_gaps
	ON measures (person_id, kind, start_date, end_date, deleted_at)
	WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS rights_gaps
	ON rights (person_id, kind, status, start_date, end_date, decision_on,
	filed_on, renewal_requested_on, deleted_at) WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS involvements_gaps
	ON involvements (person_id, start_date, end_date, partner_id,
	deleted_at) WHERE deleted_at IS NULL;

-- The projects of a person (a PPE, a signed contrat d'engagement).
CREATE INDEX IF NOT EXISTS projects_gaps
	ON projects (person_id, kind, status, signed_on, start_date, end_date,
	deleted_at) WHERE deleted_at IS NULL;

-- Information shared with no basis, or on a consent (CONSENT_MISSING).
CREATE INDEX IF NOT EXISTS involvements_gaps_consent
	ON involvements (legal_basis, person_id, start_date, end_date)
	WHERE deleted_at IS NULL AND shares_info = 1
	AND legal_basis IN ('none','consent');

-- Closed files.
CREATE INDEX IF NOT EXISTS files_gaps_closed
	ON files (closed_on) WHERE deleted_at IS NULL AND closed_on IS NOT NULL;

-- Acknowledgements in force.
CREATE INDEX IF NOT EXISTS acks_gaps
	ON acks (flag_id, created_at) WHERE deleted_at IS NULL;
