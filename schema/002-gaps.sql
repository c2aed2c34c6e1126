-- parcours schema, version 2: indexes for the gap engine (src/rules.c).
-- Runs on SQLCipher 3.4.1 (SQLite 3.15.2) and 4.x.  The rules read the
-- records of a file that are not deleted, so most of these indexes are
-- partial (WHERE deleted_at IS NULL) and hold every column a rule's
-- subquery reads: the subquery is answered from the index alone, without
-- decrypting the table's pages.  Others let a rule start from the few
-- rows that can matter (a kind, a status, an end date) instead of every
-- file; their conditions keep the planner from using them where a scan
-- of the files in order is better.  BENCHMARKS.md has the figures.

-- The journal: last contact, report, meeting, interview… of a person.
CREATE INDEX IF NOT EXISTS events_gaps
	ON events (person_id, kind, date) WHERE deleted_at IS NULL;

-- Referents: coordinators running on a date; coordinators ending.
CREATE INDEX IF NOT EXISTS referents_gaps
	ON referents (person_id, role, start_date, end_date, successor_id)
	WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS referents_gaps_end
	ON referents (role, end_date)
	WHERE deleted_at IS NULL AND end_date IS NOT NULL;

-- Measures: running measures of a person; measures of a kind.
CREATE INDEX IF NOT EXISTS measures_gaps
	ON measures (person_id, kind, start_date, end_date)
	WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS measures_gaps_kind
	ON measures (kind, end_date) WHERE deleted_at IS NULL;

-- Rights: running rights of a person; rights of a kind or status.
CREATE INDEX IF NOT EXISTS rights_gaps
	ON rights (person_id, kind, status, start_date, end_date)
	WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS rights_gaps_kind
	ON rights (kind, status) WHERE deleted_at IS NULL;

-- Involvements: running involvements of a person; those that share
-- information; those of a partner.
CREATE INDEX IF NOT EXISTS involvements_gaps
	ON involvements (person_id, start_date, end_date, partner_id)
	WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS involvements_gaps_sharing
	ON involvements (shares_info, legal_basis) WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS involvements_gaps_partner
	ON involvements (partner_id, person_id) WHERE deleted_at IS NULL;

-- Projects: reviews by date; a person's projects of a kind.
CREATE INDEX IF NOT EXISTS projects_gaps_review
	ON projects (status, next_review) WHERE deleted_at IS NULL;

-- Referrals still waiting.
CREATE INDEX IF NOT EXISTS referrals_gaps
	ON referrals (status, sent_on) WHERE deleted_at IS NULL;

-- Closed files.
CREATE INDEX IF NOT EXISTS files_gaps_closed
	ON files (closed_on) WHERE deleted_at IS NULL AND closed_on IS NOT NULL;

-- Acknowledgements in force.
CREATE INDEX IF NOT EXISTS acks_gaps
	ON acks (flag_id, created_at) WHERE deleted_at IS NULL;
