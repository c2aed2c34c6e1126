/*
 * Unit tests of the model engine on a real, encrypted, temporary database
 * made by init_database() (with the cheapest key slot): validation of
 * dates, enumerations, required fields, references, lengths, UTF-8, date
 * orders, booleans and the pathway file's closing rules; the search key;
 * the round trip insert → get → update → list → delete; fields that cannot
 * change.  Every refusal is checked to name the field and to write
 * nothing: not a row, not an audit entry (sqlite3_total_changes() does not
 * move).  Today is pinned to 2026-11-22.
 */

#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "date.h"
#include "init.h"
#include "keyring.h"
#include "model.h"
#include "model-user.h"
#include "secure.h"
#include "session.h"
#include "store.h"
#include "xmalloc.h"

#include "tmpdir.h"

#define NO_SUCH_ID	"01234567-89ab-7def-8123-456789abcdef"

static const struct kdf_params	 fast = { (uint64_t)1 << 14, 8, 1 };
static struct session		*S;

static int
setup(void **state)
{
	struct record	*admin;
	struct secret	 pass;
	char		*db, *recovery = NULL, *cause = NULL;
	int		 rc;

	(void)state;
	date_set_today(date_from_ymd(2026, 11, 22));
	if (tmpdir_setup(state) != 0)
		return (-1);
	db = xasprintf("%s/m.db", tmpdir);
	admin = record_new(&model_user);
	record_set(admin, "login", "admin");
	record_set(admin, "display_name", "Admin");
	pass.data = xstrdup("correct horse battery staple");
	pass.len = strlen(pass.data);
	rc = init_database(db, admin, &pass, &fast, &S, &recovery, &cause);
	if (rc != 0)
		fprintf(stderr, "init_database: %s\n", cause);
	secret_free(&pass);
	record_free(admin);
	free(recovery);
	free(cause);
	free(db);
	return (rc);
}

static int
teardown(void **state)
{
	session_close(S);
	return (tmpdir_teardown(state));
}

/* The number of rows of a table. */
static int
rows(const char *table)
{
	sqlite3_stmt	*stmt;
	char		*sql = xasprintf("SELECT count(*) FROM %s", table);
	int		 n = -1;

	if (sqlite3_prepare_v2(S->st->db, sql, -1, &stmt, NULL) == SQLITE_OK) {
		if (sqlite3_step(stmt) == SQLITE_ROW)
			n = sqlite3_column_int(stmt, 0);
		sqlite3_finalize(stmt);
	}
	free(sql);
	return (n);
}

/* Fails unless cause starts with prefix. */
static void
assert_cause(char *cause, const char *prefix)
{
	if (cause == NULL)
		fail_msg("no cause, expected \"%s…\"", prefix);
	if (strncmp(cause, prefix, strlen(prefix)) != 0)
		fail_msg("cause \"%s\", expected \"%s…\"", cause, prefix);
}

/* A record of entity e from name/value pairs ending with NULL. */
static struct record *
make(const struct entity *e, ...)
{
	struct record	*r = record_new(e);
	const char	*name, *value;
	va_list		 ap;

	va_start(ap, e);
	while ((name = va_arg(ap, const char *)) != NULL) {
		value = va_arg(ap, const char *);
		if (record_set(r, name, value) != 0)
			fail_msg("%s has no field %s", e->name, name);
	}
	va_end(ap);
	return (r);
}

/* Inserts r, which must succeed; returns its id (caller frees) and frees
 * r. */
static char *
insert_ok(struct record *r)
{
	char	*cause = NULL, *id;

	if (model_insert(S, r, 0, NULL, &cause) != 0)
		fail_msg("insert of a %s refused: %s", r->e->name, cause);
	id = xstrdup(r->id);
	record_free(r);
	return (id);
}

/*
 * Inserts r, which must be refused with a cause starting with prefix and
 * without any change to the database (rows, audit trail); frees r.
 */
static void
insert_refused(struct record *r, const char *prefix)
{
	int	 before = sqlite3_total_changes(S->st->db);
	int	 audit = rows("audit");
	char	*cause = NULL;

	assert_int_equal(model_insert(S, r, 0, NULL, &cause), -1);
	assert_cause(cause, prefix);
	assert_int_equal(sqlite3_total_changes(S->st->db), before);
	assert_int_equal(rows("audit"), audit);
	assert_int_equal(S->st->depth, 0);
	free(cause);
	record_free(r);
}

/* Same for an update of the row id with changes (freed). */
static void
update_refused(struct record *changes, const char *id, const char *prefix)
{
	int	 before = sqlite3_total_changes(S->st->db);
	char	*cause = NULL;

	assert_int_equal(model_update(S, changes, id, &cause), -1);
	assert_cause(cause, prefix);
	assert_int_equal(sqlite3_total_changes(S->st->db), before);
	assert_int_equal(S->st->depth, 0);
	free(cause);
	record_free(changes);
}

/* A new person; returns the id (caller frees). */
static char *
new_person(const char *last, const char *first)
{
	return (insert_ok(make(&model_person, "last_name", last, "first_name",
	    first, NULL)));
}

static void
test_dates(void **state)
{
	static const char *const bad[] = { "2025-02-30", "2023-02-29",
	    "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-5",
	    "05/01/2026", "2026-01-05 ", "1899-12-31", "yesterday", "" };
	char	*id;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (*bad[i] == '\0')
			continue;	/* "" is no value: see test_required */
		insert_refused(make(&model_person, "last_name", "Date",
		    "first_name", "Bad", "birth_date", bad[i], NULL),
		    "birth_date: ");
	}
	insert_refused(make(&model_person, "last_name", "Date", "first_name",
	    "Bad", "birth_date", "2025-02-30", NULL),
	    "birth_date: not a real calendar date");
	/* A leap day, and today itself, are real dates. */
	id = insert_ok(make(&model_person, "last_name", "Leap", "first_name",
	    "Day", "birth_date", "2024-02-29", NULL));
	free(id);
	id = insert_ok(make(&model_person, "last_name", "Born", "first_name",
	    "Today", "birth_date", "2026-11-22", NULL));
	free(id);
	insert_refused(make(&model_person, "last_name", "Born", "first_name",
	    "Tomorrow", "birth_date", "2026-11-23", NULL),
	    "birth_date: in the future");
}

static void
test_enums(void **state)
{
	struct record	*r;
	char		*cause = NULL, *id;

	(void)state;
	insert_refused(make(&model_person, "last_name", "Enum", "first_name",
	    "Bad", "sex", "q", NULL),
	    "sex: unknown value \"q\" (expected one of: f, m, x)");
	/* Values are codes, compared exactly. */
	insert_refused(make(&model_person, "last_name", "Enum", "first_name",
	    "Case", "sex", "F", NULL), "sex: unknown value \"F\"");
	id = insert_ok(make(&model_person, "last_name", "Enum", "first_name",
	    "Good", "sex", "f", NULL));
	update_refused(make(&model_person, "consent", "maybe", NULL), id,
	    "consent: unknown value");
	r = make(&model_person, "consent", "given", NULL);
	if (model_update(S, r, id, &cause) != 0)
		fail_msg("refused: %s", cause);
	record_free(r);
	free(id);
}

static void
test_required(void **state)
{
	char	*id;

	(void)state;
	insert_refused(make(&model_person, "first_name", "Only", NULL),
	    "last_name: required, missing");
	/* An empty value is no value. */
	insert_refused(make(&model_person, "last_name", "", "first_name",
	    "Empty", NULL), "last_name: required, missing");
	id = new_person("Required", "Field");
	update_refused(make(&model_person, "first_name", "", NULL), id,
	    "first_name: required, missing");
	/* A required field with a default is filled at creation... */
	insert_refused(make(&model_project, "person_id", id, NULL),
	    "kind: required, missing");
	/* ...but cleared on purpose, it is missing. */
	insert_refused(make(&model_project, "person_id", id, "kind", "ppe",
	    "status", "", NULL), "status: required, missing");
	free(id);
}

/* "user add" validated a new user before its defaults were filled: a user
 * without --role was refused with "role: required, missing". */
static void
test_defaults_before_validation(void **state)
{
	struct record	*r;
	char		*cause = NULL;

	(void)state;
	r = make(&model_user, "login", "marie", "display_name", "Marie",
	    NULL);
	record_fill_defaults(r);
	assert_string_equal(record_get(r, "role"), "worker");
	assert_string_equal(record_get(r, "disabled"), "0");
	if (model_validate(S, r, NULL, &cause) != 0)
		fail_msg("refused: %s", cause);
	record_free(r);
	/* A value given, even empty, is not replaced by the default. */
	r = make(&model_user, "login", "marie", "display_name", "Marie",
	    "role", "", NULL);
	record_fill_defaults(r);
	assert_null(record_get(r, "role"));
	assert_int_equal(model_validate(S, r, NULL, &cause), -1);
	assert_cause(cause, "role: required, missing");
	free(cause);
	record_free(r);
}

static void
test_refs(void **state)
{
	char	*pid, *gone, *partner, *id;
	char	*cause = NULL;

	(void)state;
	pid = new_person("Ref", "Person");
	insert_refused(make(&model_measure, "person_id", NO_SUCH_ID, "kind",
	    "aemo", "nature", "judicial", "start_date", "2026-01-01", NULL),
	    "person_id: no person with id \"" NO_SUCH_ID "\"");
	insert_refused(make(&model_measure, "person_id", "not-an-id", "kind",
	    "aemo", "nature", "judicial", "start_date", "2026-01-01", NULL),
	    "person_id: not an identifier: \"not-an-id\"");
	insert_refused(make(&model_measure, "person_id", pid, "kind", "aemo",
	    "nature", "judicial", "start_date", "2026-01-01", "partner_id",
	    NO_SUCH_ID, NULL), "partner_id: no partner with id");
	/* A reference to a person of the wrong entity is dangling too. */
	insert_refused(make(&model_measure, "person_id", pid, "kind", "aemo",
	    "nature", "judicial", "start_date", "2026-01-01", "partner_id",
	    pid, NULL), "partner_id: no partner with id");
	partner = insert_ok(make(&model_partner, "name", "CAF", "kind", "caf",
	    NULL));
	id = insert_ok(make(&model_measure, "person_id", pid, "kind", "aemo",
	    "nature", "judicial", "start_date", "2026-01-01", "partner_id",
	    partner, NULL));
	free(id);
	/* A deleted row cannot be referred to. */
	gone = new_person("Gone", "Away");
	assert_int_equal(model_delete(S, &model_person, gone, &cause), 0);
	insert_refused(make(&model_event, "person_id", gone, "kind", "note",
	    "date", "2026-11-01", NULL), "person_id: no person with id");
	free(gone);
	free(partner);
	free(pid);
}

/* n copies of s (caller frees). */
static char *
repeat(const char *s, size_t n)
{
	size_t	 len = strlen(s), i;
	char	*out = xmalloc(len * n + 1);

	for (i = 0; i < n; i++)
		memcpy(out + i * len, s, len);
	out[len * n] = '\0';
	return (out);
}

static void
test_lengths(void **state)
{
	char	*s, *id, *big;

	(void)state;
	/* Limits count characters: 100 "é" are 200 bytes and fit. */
	s = repeat("\xc3\xa9", 100);
	id = insert_ok(make(&model_person, "last_name", s, "first_name", "E",
	    NULL));
	free(id);
	free(s);
	s = repeat("\xc3\xa9", 101);
	insert_refused(make(&model_person, "last_name", s, "first_name", "E",
	    NULL), "last_name: too long (101 characters; at most 100)");
	free(s);
	/* A megabyte in a long text field. */
	big = repeat("a", 1 << 20);
	insert_refused(make(&model_person, "last_name", "Big", "first_name",
	    "Notes", "notes", big, NULL),
	    "notes: too long (1048576 characters; at most 10000)");
	id = new_person("Big", "Text");
	insert_refused(make(&model_event, "person_id", id, "kind", "note",
	    "date", "2026-11-01", "text", big, NULL),
	    "text: too long (1048576 characters; at most 100000)");
	free(big);
	big = repeat("a", 100000);
	free(insert_ok(make(&model_event, "person_id", id, "kind", "note",
	    "date", "2026-11-01", "text", big, NULL)));
	free(big);
	free(id);
}

static void
test_utf8(void **state)
{
	char	*id;

	(void)state;
	insert_refused(make(&model_person, "last_name", "Mart\xffin",
	    "first_name", "X", NULL), "last_name: not valid UTF-8 text");
	insert_refused(make(&model_person, "last_name", "X", "first_name",
	    "\xc0\xaf", NULL), "first_name: not valid UTF-8 text");
	insert_refused(make(&model_person, "last_name", "X", "first_name",
	    "\xed\xa0\x80", NULL), "first_name: not valid UTF-8 text");
	insert_refused(make(&model_person, "last_name", "X", "first_name",
	    "Y", "notes", "cut \xe2\x82", NULL), "notes: not valid UTF-8");
	/* One-line fields refuse control characters; long texts keep lines. */
	insert_refused(make(&model_person, "last_name", "A\tB", "first_name",
	    "Y", NULL), "last_name: contains a line break");
	insert_refused(make(&model_person, "last_name", "A\nB", "first_name",
	    "Y", NULL), "last_name: contains a line break");
	id = insert_ok(make(&model_person, "last_name", "Tr\xe1\xba\xa7n",
	    "first_name", "\xe6\x9d\x8e", "notes", "ligne 1\nligne 2", NULL));
	free(id);
}

static void
test_date_order(void **state)
{
	char	*pid, *id;

	(void)state;
	pid = new_person("Order", "Dates");
	insert_refused(make(&model_measure, "person_id", pid, "kind", "aemo",
	    "nature", "judicial", "start_date", "2026-05-01", "end_date",
	    "2026-04-30", NULL),
	    "end_date: before start_date (2026-04-30 < 2026-05-01)");
	id = insert_ok(make(&model_measure, "person_id", pid, "kind", "aemo",
	    "nature", "judicial", "start_date", "2026-05-01", "end_date",
	    "2026-05-01", NULL));
	/* The merged row is checked on update. */
	update_refused(make(&model_measure, "start_date", "2026-06-01", NULL),
	    id, "end_date: before start_date");
	insert_refused(make(&model_right, "person_id", pid, "kind", "rsa",
	    "status", "granted", "filed_on", "2026-03-01", "decision_on",
	    "2026-02-01", NULL), "decision_on: before filed_on");
	insert_refused(make(&model_referral, "person_id", pid, "partner_id",
	    NULL, "sent_on", "2026-03-01", "reason", "x", NULL),
	    "partner_id: required, missing");
	free(id);
	free(pid);
}

static void
test_booleans(void **state)
{
	static const char *const yes[] = { "1", "oui", "OUI", "yes", "True",
	    "y", "o", "on" };
	static const char *const no[] = { "0", "non", "No", "false", "n",
	    "off" };
	struct record	*r;
	char		*pid, *id, *cause = NULL;
	size_t		 i;
	int		 n;

	(void)state;
	pid = new_person("Bool", "Values");
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		r = make(&model_right, "person_id", pid, "kind", "aah",
		    "status", "granted", "for_life", yes[i], NULL);
		assert_int_equal(model_insert(S, r, 0, NULL, &cause), 0);
		assert_string_equal(record_get(r, "for_life"), "1");
		id = xstrdup(r->id);
		record_free(r);
		assert_int_equal(model_get(S, &model_right, id, &r, &cause), 0);
		assert_string_equal(record_get(r, "for_life"), "1");
		record_free(r);
		/* Saying yes again, in other words, changes and audits
		 * nothing. */
		n = rows("audit");
		r = make(&model_right, "for_life", yes[(i + 1) % nitems(yes)],
		    NULL);
		assert_int_equal(model_update(S, r, id, &cause), 0);
		assert_int_equal(rows("audit"), n);
		record_free(r);
		free(id);
	}
	for (i = 0; i < sizeof no / sizeof no[0]; i++) {
		r = make(&model_right, "person_id", pid, "kind", "aah",
		    "status", "granted", "for_life", no[i], NULL);
		assert_int_equal(model_insert(S, r, 0, NULL, &cause), 0);
		assert_string_equal(record_get(r, "for_life"), "0");
		record_free(r);
	}
	insert_refused(make(&model_right, "person_id", pid, "kind", "aah",
	    "status", "granted", "for_life", "peut-être", NULL),
	    "for_life: not yes or no: \"peut-être\"");
	insert_refused(make(&model_right, "person_id", pid, "kind", "aah",
	    "status", "granted", "for_life", "oui", "end_date", "2030-01-01",
	    NULL), "end_date: a right granted for life has no end date");
	free(pid);
}

/* The pathway file opened with the person, by its person id. */
static struct record *
file_of(const char *pid)
{
	struct model_filter	  f = { 0 };
	struct record		**rs, *r;
	size_t			  n;
	char			 *cause = NULL;

	f.person_id = pid;
	assert_int_equal(model_list(S, &model_file, &f, &rs, &n, &cause), 0);
	assert_int_equal(n, 1);
	r = rs[0];
	free(rs);
	return (r);
}

static void
test_file_closing(void **state)
{
	struct record	*file, *again;
	char		*pid, *cause = NULL;
	int		 files = rows("files");

	(void)state;
	pid = new_person("File", "Rules");
	assert_int_equal(rows("files"), files + 1);
	file = file_of(pid);
	assert_string_equal(record_get(file, "opened_on"), "2026-11-22");
	assert_string_equal(record_get(file, "worker_id"), S->user_id);
	assert_null(record_get(file, "closed_on"));
	update_refused(make(&model_file, "closed_on", "2026-11-22", NULL),
	    file->id, "closing_reason: required when the file is closed");
	update_refused(make(&model_file, "closing_reason", "moved", NULL),
	    file->id, "closing_reason: the file is not closed");
	update_refused(make(&model_file, "closed_on", "2026-11-21",
	    "closing_reason", "moved", NULL), file->id,
	    "closed_on: before opened_on");
	update_refused(make(&model_file, "closed_on", "2026-11-22",
	    "closing_reason", "bored", NULL), file->id,
	    "closing_reason: unknown value");
	update_refused(make(&model_file, "person_id", NO_SUCH_ID, NULL),
	    file->id, "person_id: cannot be changed");
	again = make(&model_file, "closed_on", "2026-11-22", "closing_reason",
	    "goals_reached", NULL);
	assert_int_equal(model_update(S, again, file->id, &cause), 0);
	record_free(again);
	record_free(file);
	file = file_of(pid);
	assert_string_equal(record_get(file, "closing_reason"),
	    "goals_reached");
	/* Reopening clears both. */
	again = make(&model_file, "closed_on", NULL, "closing_reason", NULL,
	    NULL);
	assert_int_equal(model_update(S, again, file->id, &cause), 0);
	record_free(again);
	record_free(file);
	file = file_of(pid);
	assert_null(record_get(file, "closed_on"));
	record_free(file);
	/* A refused person opens no file. */
	files = rows("files");
	insert_refused(make(&model_person, "last_name", "No", "first_name",
	    "File", "sex", "?", NULL), "sex: ");
	assert_int_equal(rows("files"), files);
	free(pid);
}

/* The ids model_list finds for a search, sorted into one string. */
static char *
search(const char *text)
{
	struct model_filter	  f = { 0 };
	struct record		**rs;
	struct buf		  b;
	size_t			  n, i;
	char			 *cause = NULL;

	f.search = text;
	f.order = "id";
	assert_int_equal(model_list(S, &model_person, &f, &rs, &n, &cause),
	    0);
	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i > 0 ? " " : "", rs[i]->id);
	records_free(rs, n);
	return (b.data != NULL ? buf_take(&b) : xstrdup(""));
}

static void
test_search_fold(void **state)
{
	static const struct { const char *query; int who; } cases[] = {
		{ "nguyen", 0 }, { "NGUYỄN", 0 }, { "Nguyễn văn", 0 },
		{ "van nguy", 0 }, { "oeuvray", 1 }, { "ŒUVRAY", 1 },
		{ "zoe", 1 }, { "LÉA MARTIN", 2 }, { "martin lea", 2 },
		{ "张", 3 }, { "dupont", -1 }, { "%", -1 }, { "_", -1 },
		{ "martin zoe", -1 }
	};
	char	*ids[4], *got;
	size_t	 i;

	(void)state;
	ids[0] = new_person("Nguyễn", "Văn");
	ids[1] = new_person("Œuvray", "Zoé");
	ids[2] = new_person("Martin", "Léa");
	ids[3] = new_person("张", "伟");
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = search(cases[i].query);
		if (strcmp(got, cases[i].who < 0 ? "" :
		    ids[cases[i].who]) != 0)
			fail_msg("search \"%s\" found \"%s\"", cases[i].query,
			    got);
		free(got);
	}
	for (i = 0; i < 4; i++)
		free(ids[i]);
}

static void
test_round_trip(void **state)
{
	struct model_filter	  f = { 0 };
	struct record		 *r, *ch, **rs;
	char			 *id, *prefix, *cause = NULL, *created;
	size_t			  n, i;
	int			  audit, found = 0;

	(void)state;
	audit = rows("audit");
	id = insert_ok(make(&model_partner, "name", "CAF de l'Hérault",
	    "kind", "caf", "territory", "Hérault", NULL));
	assert_int_equal(rows("audit"), audit + 1);
	assert_int_equal(model_get(S, &model_partner, id, &r, &cause), 0);
	assert_string_equal(record_get(r, "name"), "CAF de l'Hérault");
	assert_string_equal(record_get(r, "kind"), "caf");
	assert_null(record_get(r, "phone"));
	assert_string_equal(r->created_by, S->user_id);
	assert_string_equal(r->created_at, r->updated_at);
	created = xstrdup(r->created_at);
	record_free(r);
	/* By an unambiguous prefix of at least 8 characters. */
	prefix = xstrndup(id, 30);
	assert_int_equal(model_get(S, &model_partner, prefix, &r, &cause), 0);
	assert_string_equal(r->id, id);
	record_free(r);
	free(prefix);
	assert_int_equal(model_get(S, &model_partner, "0123", &r, &cause), -1);
	free(cause);
	cause = NULL;

	usleep(2000);
	ch = make(&model_partner, "phone", "04 67 00 00 00", NULL);
	assert_int_equal(model_update(S, ch, id, &cause), 0);
	record_free(ch);
	assert_int_equal(rows("audit"), audit + 2);
	assert_int_equal(model_get(S, &model_partner, id, &r, &cause), 0);
	assert_string_equal(record_get(r, "phone"), "04 67 00 00 00");
	assert_string_equal(record_get(r, "name"), "CAF de l'Hérault");
	assert_string_equal(r->created_at, created);
	assert_true(strcmp(r->updated_at, created) > 0);
	record_free(r);
	/* No change, no write. */
	n = (size_t)sqlite3_total_changes(S->st->db);
	ch = make(&model_partner, "phone", "04 67 00 00 00", NULL);
	assert_int_equal(model_update(S, ch, id, &cause), 0);
	record_free(ch);
	assert_int_equal((size_t)sqlite3_total_changes(S->st->db), n);
	update_refused(make(&model_partner, "kind", "bank", NULL), id,
	    "kind: unknown value");

	f.search = "herault";
	assert_int_equal(model_list(S, &model_partner, &f, &rs, &n, &cause),
	    0);
	for (i = 0; i < n; i++) {
		if (strcmp(rs[i]->id, id) == 0) {
			found++;
			assert_string_equal(record_get(rs[i], "phone"),
			    "04 67 00 00 00");
		}
	}
	records_free(rs, n);
	assert_int_equal(found, 1);

	assert_int_equal(model_delete(S, &model_partner, id, &cause), 0);
	assert_int_equal(model_get(S, &model_partner, id, &r, &cause), -1);
	assert_cause(cause, "no partner with id");
	free(cause);
	cause = NULL;
	f.include_deleted = true;
	assert_int_equal(model_list(S, &model_partner, &f, &rs, &n, &cause),
	    0);
	for (i = 0, found = 0; i < n; i++)
		if (strcmp(rs[i]->id, id) == 0 && rs[i]->deleted_at != NULL)
			found++;
	records_free(rs, n);
	assert_int_equal(found, 1);
	free(created);
	free(id);
}

static void
test_fixed_fields(void **state)
{
	char	*p1, *p2, *ref;

	(void)state;
	p1 = new_person("Fixed", "One");
	p2 = new_person("Fixed", "Two");
	ref = insert_ok(make(&model_referent, "person_id", p1, "role",
	    "coordinator", "name", "Mme Dupont", "start_date", "2026-01-01",
	    NULL));
	update_refused(make(&model_referent, "person_id", p2, NULL), ref,
	    "person_id: cannot be changed");
	update_refused(make(&model_referent, "person_id", NULL, NULL), ref,
	    "person_id: cannot be changed");
	update_refused(make(&model_user, "login", "root", NULL), S->user_id,
	    "login: cannot be changed");
	/* Setting the same value is no change. */
	{
		struct record	*same = make(&model_referent, "person_id", p1,
		    NULL);
		char		*cause = NULL;

		assert_int_equal(model_update(S, same, ref, &cause), 0);
		record_free(same);
	}
	update_refused(make(&model_referent, "successor_id", ref, NULL), ref,
	    "successor_id: a referent cannot succeed themselves");
	free(ref);
	free(p1);
	free(p2);
}

static void
test_prefix(void **state)
{
	struct record	*r;
	char		*cause = NULL;

	(void)state;
	r = make(&model_person, "last_name", "X", "first_name", "Y",
	    "birth_date", "2025-02-30", NULL);
	assert_int_equal(model_validate(S, r, "persons[12].", &cause), -1);
	assert_cause(cause, "persons[12].birth_date: not a real calendar "
	    "date");
	free(cause);
	record_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_enums),
		cmocka_unit_test(test_required),
		cmocka_unit_test(test_defaults_before_validation),
		cmocka_unit_test(test_refs),
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_date_order),
		cmocka_unit_test(test_booleans),
		cmocka_unit_test(test_file_closing),
		cmocka_unit_test(test_search_fold),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_fixed_fields),
		cmocka_unit_test(test_prefix),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
