-- parcours schema, version 1.
-- Runs on SQLCipher 3.4.1 (SQLite 3.15.2) and 4.x: no UPSERT, RETURNING,
-- window functions, JSON1 or FTS5.  Dates are ISO 8601 text (YYYY-MM-DD),
-- timestamps ISO 8601 UTC with milliseconds.  Every domain row has a UUIDv7
-- key, created/updated time and author, and a soft-delete mark kept for
-- the merging of files made offline.  Enumerations are checked here as a
-- second line of defence; the model validates first with better messages.

CREATE TABLE meta (
	key	TEXT PRIMARY KEY NOT NULL,
	value	TEXT NOT NULL
);

CREATE TABLE users (
	id		TEXT PRIMARY KEY NOT NULL,
	login		TEXT NOT NULL UNIQUE,
	display_name	TEXT NOT NULL,
	role		TEXT NOT NULL CHECK (role IN ('worker','supervisor','admin')),
	team		TEXT,
	disabled	INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1)),
	created_at	TEXT NOT NULL,
	created_by	TEXT,
	updated_at	TEXT NOT NULL,
	updated_by	TEXT,
	deleted_at	TEXT
);

CREATE TABLE partners (
	id		TEXT PRIMARY KEY NOT NULL,
	name		TEXT NOT NULL,
	kind		TEXT NOT NULL,
	territory	TEXT,
	address		TEXT,
	phone		TEXT,
	email		TEXT,
	contacts	TEXT,
	services	TEXT,
	search_key	TEXT NOT NULL DEFAULT '',
	created_at	TEXT NOT NULL,
	created_by	TEXT,
	updated_at	TEXT NOT NULL,
	updated_by	TEXT,
	deleted_at	TEXT
);
CREATE INDEX partners_search ON partners (search_key);

CREATE TABLE persons (
	id		TEXT PRIMARY KEY NOT NULL,
	last_name	TEXT NOT NULL,
	first_name	TEXT NOT NULL,
	birth_date	TEXT,
	sex		TEXT,
	phone		TEXT,
	email		TEXT,
	address		TEXT,
	commune		TEXT,
	territory	TEXT,
	consent		TEXT NOT NULL DEFAULT 'unknown',
	consent_date	TEXT,
	notes		TEXT,
	search_key	TEXT NOT NULL DEFAULT '',
	created_at	TEXT NOT NULL,
	created_by	TEXT,
	updated_at	TEXT NOT NULL,
	updated_by	TEXT,
	deleted_at	TEXT
);
CREATE INDEX persons_search ON persons (search_key);

-- The pathway file: one per person.
CREATE TABLE files (
	id		TEXT PRIMARY KEY NOT NULL,
	person_id	TEXT NOT NULL UNIQUE REFERENCES persons (id),
	opened_on	TEXT NOT NULL,
	closed_on	TEXT,
	closing_reason	TEXT,
	worker_id	TEXT REFERENCES users (id),
	risk_level	TEXT NOT NULL DEFAULT 'normal',
	created_at	TEXT NOT NULL,
	created_by	TEXT,
	updated_at	TEXT NOT NULL,
	updated_by	TEXT,
	deleted_at	TEXT
);
CREATE INDEX files_worker ON files (worker_id, closed_on);

CREATE TABLE referents (
	id		TEXT PRIMARY KEY NOT NULL,
	person_id	TEXT NOT NULL REFERENCES persons (id),
	role		TEXT NOT NULL,
	name		TEXT NOT NULL,
	user_id		TEXT REFERENCES users (id),
	partner_id	TEXT REFERENCES partners (id),
	phone		TEXT,
	email		TEXT,
	start_date	TEXT NOT NULL,
	end_date	TEXT,
	successor_id	TEXT REFERENCES referents (id),
	created_at	TEXT NOT NULL,
	created_by	TEXT,
	updated_at	TEXT NOT NULL,
	updated_by	TEXT,
	deleted_at	TEXT
);
CREATE INDEX referents_person ON referents (person_id, role);

CREATE TABLE projects (
	id		TEXT PRIMARY KEY NOT NULL,
	person_id	TEXT NOT NULL REFERENCES persons (id),
	kind		TEXT NOT NULL,
	title		TEXT,
	status		TEXT NOT NULL DEFAULT 'active',
	signed_on	TEXT,
	start_date	TEXT,
	end_date	TEXT,
	next_review	TEXT,
	objectives	TEXT,
	created_at	TEXT NOT NULL,
	created_by	TEXT,
	updated_at	TEXT NOT NULL,
	updated_by	TEXT,
	deleted_at	TEXT
);
CREATE INDEX projects_person ON projects (person_id, kind);

CREATE TABLE measures (
	id		TEXT PRIMARY KEY NOT NULL,
	person_id	TEXT NOT NULL REFERENCES persons (id),
	kind		TEXT NOT NULL,
	nature		TEXT NOT NULL,
	partner_id	TEXT REFERENCES partners (id),
	place		TEXT,
	start_date	TEXT NOT NULL,
	end_date	TEXT,
	renewal_requested_on TEXT,
	hearing_date	TEXT,
	notes		TEXT,
	created_at	TEXT NOT NULL,
	created_by	TEXT,
	updated_at	TEXT NOT NULL,
	updated_by	TEXT,
	deleted_at	TEXT
);
CREATE INDEX measures_person ON measures (person_id, kind);

CREATE TABLE rights (
	id		TEXT PRIMARY KEY NOT NULL,
	person_id	TEXT NOT NULL REFERENCES persons (id),
	kind		TEXT NOT NULL,
	status		TEXT NOT NULL,
	filed_on	TEXT,
	complete_on	TEXT,
	decision_on	TEXT,
	start_date	TEXT,
	end_date	TEXT,
	for_life	INTEGER NOT NULL DEFAULT 0 CHECK (for_life IN (0,1)),
	renewal_requested_on TEXT,
	orientation	TEXT,
	oriented_on	TEXT,
	notes		TEXT,
	created_at	TEXT NOT NULL,
	created_by	TEXT,
	updated_at	TEXT NOT NULL,
	updated_by	TEXT,
	deleted_at	TEXT
);
CREATE INDEX rights_person ON rights (person_id, kind);

CREATE TABLE involvements (
	id		TEXT PRIMARY KEY NOT NULL,
	person_id	TEXT NOT NULL REFERENCES persons (id),
	partner_id	TEXT NOT NULL REFERENCES partners (id),
	contact_name	TEXT,
	purpose		TEXT,
	start_date	TEXT NOT NULL,
	end_date	TEXT,
	shares_info	INTEGER NOT NULL DEFAULT 0 CHECK (shares_info IN (0,1)),
	legal_basis	TEXT NOT NULL DEFAULT 'none',
	created_at	TEXT NOT NULL,
	created_by	TEXT,
	updated_at	TEXT NOT NULL,
	updated_by	TEXT,
	deleted_at	TEXT
);
CREATE INDEX involvements_person ON involvements (person_id);
CREATE INDEX involvements_partner ON involvements (partner_id);

CREATE TABLE events (
	id		TEXT PRIMARY KEY NOT NULL,
	person_id	TEXT NOT NULL REFERENCES persons (id),
	kind		TEXT NOT NULL,
	date		TEXT NOT NULL,
	participants	TEXT,
	text		TEXT,
	created_at	TEXT NOT NULL,
	created_by	TEXT,
	updated_at	TEXT NOT NULL,
	updated_by	TEXT,
	deleted_at	TEXT
);
CREATE INDEX events_person ON events (person_id, kind, date);

CREATE TABLE referrals (
	id		TEXT PRIMARY KEY NOT NULL,
	person_id	TEXT NOT NULL REFERENCES persons (id),
	partner_id	TEXT NOT NULL REFERENCES partners (id),
	sent_on		TEXT NOT NULL,
	reason		TEXT NOT NULL,
	status		TEXT NOT NULL DEFAULT 'sent',
	answered_on	TEXT,
	answer		TEXT,
	created_at	TEXT NOT NULL,
	created_by	TEXT,
	updated_at	TEXT NOT NULL,
	updated_by	TEXT,
	deleted_at	TEXT
);
CREATE INDEX referrals_person ON referrals (person_id);

-- Acknowledged flags (gap engine).
CREATE TABLE acks (
	id		TEXT PRIMARY KEY NOT NULL,
	person_id	TEXT NOT NULL REFERENCES persons (id),
	flag_id		TEXT NOT NULL,
	rule_id		TEXT NOT NULL,
	facts		TEXT NOT NULL,
	reason		TEXT NOT NULL,
	until		TEXT,
	created_at	TEXT NOT NULL,
	created_by	TEXT,
	updated_at	TEXT NOT NULL,
	updated_by	TEXT,
	deleted_at	TEXT
);
CREATE INDEX acks_flag ON acks (flag_id);

-- Settings (thresholds of the rules, idle lock time…).
CREATE TABLE settings (
	key		TEXT PRIMARY KEY NOT NULL,
	value		TEXT NOT NULL,
	updated_at	TEXT NOT NULL,
	updated_by	TEXT
);

-- Append-only audit trail, each entry sealed with an HMAC chained over the
-- previous one.
CREATE TABLE audit (
	seq		INTEGER PRIMARY KEY,
	at		TEXT NOT NULL,
	login		TEXT NOT NULL,
	action		TEXT NOT NULL,
	entity		TEXT NOT NULL,
	entity_id	TEXT,
	person_id	TEXT,
	fields		TEXT,
	mac		TEXT NOT NULL
);
CREATE INDEX audit_person ON audit (person_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
