/*
 * Acknowledgements of the gap engine: finding a flag by its id, recording
 * an acknowledgement (a reason, an optional end, the facts it was given
 * on), listing and removing them, and reading those in force to match
 * them with the flags of a run.  Every change is audited.
 */
#include "config.h"
#include "gaps-int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "session.h"
#include "store.h"
#include "text.h"
#include "uuid7.h"
#include "xmalloc.h"

/* The longest acknowledgement reason, in characters. */
#define GAP_REASON_MAX 500

/* Reads the acknowledgements in force on as_of, sorted by flag id (the
 * newest first among those of one flag). */
int
gap_acks_load(struct session *s, date_t as_of, struct gap_ack_row **out,
    size_t *n, char **cause)
{
	sqlite3_stmt		*st = NULL;
	struct gap_ack_row	*a = NULL, *x;
	const char		*facts, *until;
	char			 d[11];
	size_t			 na = 0;
	int			 rc = -1, step;

	if (store_prepare(s->st, "SELECT a.flag_id, a.facts, a.id, a.reason,"
	    " a.until, a.created_at, coalesce(u.login, a.created_by)"
	    " FROM acks a LEFT JOIN users u ON u.id = a.created_by"
	    " WHERE a.deleted_at IS NULL"
	    " AND (a.until IS NULL OR a.until > ?)"
	    " ORDER BY a.flag_id, a.created_at DESC", &st, cause) != 0)
		goto out;
	date_format_iso(as_of, d);
	sqlite3_bind_text(st, 1, d, -1, SQLITE_TRANSIENT);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		a = xreallocarray(a, na + 1, sizeof *a);
		x = &a[na++];
		memset(x, 0, sizeof *x);
		x->flag_id = store_column_dup(st, 0);
		facts = (const char *)sqlite3_column_text(st, 1);
		snprintf(x->facts, sizeof x->facts, "%s",
		    facts != NULL ? facts : "");
		x->id = store_column_dup(st, 2);
		x->reason = store_column_dup(st, 3);
		until = (const char *)sqlite3_column_text(st, 4);
		if (until == NULL || date_parse_iso(until, &x->until,
		    NULL) != 0)
			x->until = DATE_NONE;
		x->at = store_column_dup(st, 5);
		x->by = store_column_dup(st, 6);
		if (x->flag_id == NULL)
			x->flag_id = xstrdup("");
	}
	if (step != SQLITE_DONE) {
		store_error(s->st, _("reading the acknowledgements"), cause);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	*out = a;
	*n = na;
	return (rc);
}

void
gap_acks_rows_free(struct gap_ack_row *a, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(a[i].flag_id);
		free(a[i].id);
		free(a[i].reason);
		free(a[i].by);
		free(a[i].at);
	}
	free(a);
}

/* The acknowledgement that silences the flag, or NULL. */
const struct gap_ack_row *
gap_ack_match(const struct gap_ack_row *a, size_t n, const struct gap_flag *fl)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (strcmp(a[mid].flag_id, fl->id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* The newest acknowledgement of the flag decides. */
	if (lo < n && strcmp(a[lo].flag_id, fl->id) == 0 &&
	    strcmp(a[lo].facts, fl->facts) == 0)
		return (&a[lo]);
	return (NULL);
}

/* True if s is 6 to max hexadecimal digits (or dashes), either case. */
static bool
gap_id_prefix_ok(const char *s, size_t max)
{
	size_t	len = strlen(s), i;

	if (len < 6 || len > max)
		return (false);
	for (i = 0; i < len; i++)
		if (!isxdigit((unsigned char)s[i]) && s[i] != '-')
			return (false);
	return (true);
}

int
gaps_find(const struct gap_result *res, const char *id, size_t *index,
    char **cause)
{
	size_t	i, len = strlen(id), found = 0;
	char	*low;

	if (!gap_id_prefix_ok(id, GAP_ID_LEN)) {
		set_cause(cause, _("\"%s\" is not a flag id (6 to %d "
		    "hexadecimal digits, as gaps shows them)"), id,
		    GAP_ID_LEN);
		return (-1);
	}
	low = xstrdup(id);
	for (i = 0; i < len; i++)
		low[i] = (char)tolower((unsigned char)low[i]);
	for (i = 0; i < res->n; i++) {
		if (strncmp(res->flags[i].id, low, len) != 0)
			continue;
		if (found++ == 0)
			*index = i;
		else if (strcmp(res->flags[i].id, res->flags[*index].id) != 0) {
			set_cause(cause, _("flag id \"%s\" is ambiguous: give "
			    "more digits"), id);
			free(low);
			return (-1);
		}
	}
	free(low);
	if (found == 0) {
		set_cause(cause, _("no flag \"%s\" (as of that date and in "
		    "that scope)"), id);
		return (-1);
	}
	return (0);
}

/* Soft-deletes one acknowledgement, audited. */
static int
gap_ack_delete(struct session *s, const char *id, const char *person_id,
    const char *now, char **cause)
{
	sqlite3_stmt	*st = NULL;
	int		 rc = -1;

	if (store_prepare(s->st, "UPDATE acks SET deleted_at = ?,"
	    " updated_at = ?, updated_by = ? WHERE id = ?", &st, cause) != 0)
		return (-1);
	sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	store_bind_text(st, 3, s->user_id);
	sqlite3_bind_text(st, 4, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_error(s->st, _("removing an acknowledgement"), cause);
		goto out;
	}
	rc = audit_log(s, "delete", "ack", id, person_id, NULL, cause);
out:
	sqlite3_finalize(st);
	return (rc);
}

/* Checks a reason: not blank, one line of valid UTF-8, not too long. */
static int
gap_reason_check(const char *reason, char **cause)
{
	const char	*p;
	bool		 blank = true;

	for (p = reason; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			set_cause(cause, _("reason: one line of text, "
			    "without control characters"));
			return (-1);
		}
		if (!isspace((unsigned char)*p))
			blank = false;
	}
	if (blank) {
		set_cause(cause, _("reason: a reason is required"));
		return (-1);
	}
	if (!text_valid_utf8(reason, strlen(reason))) {
		set_cause(cause, _("reason: not valid UTF-8"));
		return (-1);
	}
	if (text_length(reason) > GAP_REASON_MAX) {
		set_cause(cause, _("reason: too long (at most %d "
		    "characters)"), GAP_REASON_MAX);
		return (-1);
	}
	return (0);
}

int
gaps_ack(struct session *s, const struct gap_flag *fl, const char *reason,
    date_t until, char **ack_id, char **cause)
{
	sqlite3_stmt	*st = NULL;
	char		 id[UUID7_STRLEN], d[11], **old = NULL;
	char		*now = NULL;
	size_t		 nold = 0, i;
	int		 rc = -1, step;

	if (ack_id != NULL)
		*ack_id = NULL;
	if (gap_reason_check(reason, cause) != 0)
		return (-1);
	if (until != DATE_NONE && until <= date_today()) {
		set_cause(cause, _("until: the date must be after today"));
		return (-1);
	}
	if (store_begin(s->st, cause) != 0)
		return (-1);
	now = store_now();

	if (store_prepare(s->st, "SELECT id FROM acks WHERE flag_id = ?"
	    " AND deleted_at IS NULL", &st, cause) != 0)
		goto out;
	sqlite3_bind_text(st, 1, fl->id, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		old = xreallocarray(old, nold + 1, sizeof *old);
		old[nold++] = store_column_dup(st, 0);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (step != SQLITE_DONE) {
		store_error(s->st, _("reading the acknowledgements"), cause);
		goto out;
	}
	for (i = 0; i < nold; i++)
		if (gap_ack_delete(s, old[i], fl->person_id, now, cause) != 0)
			goto out;

	uuid7_generate(id);
	if (store_prepare(s->st, "INSERT INTO acks (id, person_id, flag_id,"
	    " rule_id, facts, reason, until, created_at, created_by,"
	    " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    &st, cause) != 0)
		goto out;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, fl->person_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, fl->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, fl->rule->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, fl->facts, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, reason, -1, SQLITE_STATIC);
	if (until != DATE_NONE) {
		date_format_iso(until, d);
		sqlite3_bind_text(st, 7, d, -1, SQLITE_TRANSIENT);
	} else
		sqlite3_bind_null(st, 7);
	sqlite3_bind_text(st, 8, now, -1, SQLITE_STATIC);
	store_bind_text(st, 9, s->user_id);
	sqlite3_bind_text(st, 10, now, -1, SQLITE_STATIC);
	store_bind_text(st, 11, s->user_id);
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_error(s->st, _("saving the acknowledgement"), cause);
		goto out;
	}
	if (audit_log(s, "create", "ack", id, fl->person_id,
	    "flag_id,rule_id,facts,reason,until", cause) != 0)
		goto out;
	if (store_commit(s->st, cause) != 0)
		goto out;
	if (ack_id != NULL)
		*ack_id = xstrdup(id);
	rc = 0;
out:
	sqlite3_finalize(st);
	if (rc != 0)
		store_rollback(s->st);
	for (i = 0; i < nold; i++)
		free(old[i]);
	free(old);
	free(now);
	return (rc);
}

int
gaps_ack_list(struct session *s, const struct gap_query *q, bool all,
    struct gap_ack **out, size_t *n, char **cause)
{
	sqlite3_stmt	*st = NULL;
	struct gap_ack	*a = NULL, *x;
	struct rule_ctx	 ctx;
	char		*sql;
	date_t		 as_of, until;
	size_t		 na = 0;
	int		 rc = -1, step;

	memset(&ctx, 0, sizeof ctx);
	as_of = q->as_of != DATE_NONE ? q->as_of : date_today();
	ctx.as_of = ctx.until = as_of;
	sql = gaps_sql("SELECT a.id, a.flag_id, a.rule_id, a.person_id,"
	    " p.last_name || ', ' || p.first_name, a.reason, a.until,"
	    " a.created_at, coalesce(u.login, a.created_by)"
	    " FROM acks a JOIN files f ON f.person_id = a.person_id"
	    " JOIN persons p ON p.id = a.person_id"
	    " LEFT JOIN users u ON u.id = a.created_by"
	    " WHERE a.deleted_at IS NULL AND f.deleted_at IS NULL"
	    " AND ($SCOPE) AND (:all OR a.until IS NULL OR a.until > :asof)"
	    " ORDER BY p.last_name, p.first_name, a.created_at", q->scope.kind);
	if (store_prepare(s->st, sql, &st, cause) != 0)
		goto out;
	gap_bind(st, q, NULL, &ctx, NULL);
	sqlite3_bind_int(st, sqlite3_bind_parameter_index(st, ":all"),
	    all ? 1 : 0);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		a = xreallocarray(a, na + 1, sizeof *a);
		x = &a[na++];
		x->id = store_column_dup(st, 0);
		x->flag_id = store_column_dup(st, 1);
		x->rule_id = store_column_dup(st, 2);
		x->person_id = store_column_dup(st, 3);
		x->person_name = store_column_dup(st, 4);
		x->reason = store_column_dup(st, 5);
		x->until = store_column_dup(st, 6);
		x->created_at = store_column_dup(st, 7);
		x->created_by = store_column_dup(st, 8);
		x->expired = x->until != NULL &&
		    date_parse_iso(x->until, &until, NULL) == 0 &&
		    until <= as_of;
	}
	if (step != SQLITE_DONE) {
		store_error(s->st, _("reading the acknowledgements"), cause);
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	free(sql);
	if (rc != 0) {
		gaps_acks_free(a, na);
		a = NULL;
		na = 0;
	}
	*out = a;
	*n = na;
	return (rc);
}

void
gaps_acks_free(struct gap_ack *a, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(a[i].id);
		free(a[i].flag_id);
		free(a[i].rule_id);
		free(a[i].person_id);
		free(a[i].person_name);
		free(a[i].reason);
		free(a[i].until);
		free(a[i].created_at);
		free(a[i].created_by);
	}
	free(a);
}

int
gaps_ack_remove(struct session *s, const char *id, char **cause)
{
	sqlite3_stmt	*st = NULL;
	char		**ids = NULL, **persons = NULL, *now = NULL, *low;
	char		*flag = NULL;
	size_t		 n = 0, i, len = strlen(id);
	int		 rc = -1, step;
	bool		 by_flag = true;

	if (!gap_id_prefix_ok(id, UUID7_STRLEN - 1)) {
		set_cause(cause, _("\"%s\" is not an acknowledgement or flag "
		    "id (at least 6 characters, as ack list shows them)"), id);
		return (-1);
	}
	low = xstrdup(id);
	for (i = 0; i < len; i++)
		low[i] = (char)tolower((unsigned char)low[i]);
	if (store_begin(s->st, cause) != 0) {
		free(low);
		return (-1);
	}
	if (store_prepare(s->st, "SELECT id, person_id, flag_id FROM acks"
	    " WHERE deleted_at IS NULL AND (substr(id, 1, ?1) = ?2"
	    " OR substr(flag_id, 1, ?1) = ?2) ORDER BY flag_id", &st,
	    cause) != 0)
		goto out;
	sqlite3_bind_int(st, 1, (int)len);
	sqlite3_bind_text(st, 2, low, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char	*fid, *aid;

		fid = (const char *)sqlite3_column_text(st, 2);
		aid = (const char *)sqlite3_column_text(st, 0);

		if (strncmp(aid, low, len) == 0)
			by_flag = false;
		if (flag != NULL && strcmp(flag, fid) != 0) {
			set_cause(cause, _("\"%s\" is ambiguous: give more "
			    "characters"), id);
			goto out;
		}
		if (flag == NULL)
			flag = xstrdup(fid);
		ids = xreallocarray(ids, n + 1, sizeof *ids);
		persons = xreallocarray(persons, n + 1, sizeof *persons);
		ids[n] = store_column_dup(st, 0);
		persons[n++] = store_column_dup(st, 1);
	}
	if (step != SQLITE_DONE) {
		store_error(s->st, _("reading the acknowledgements"), cause);
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (n == 0) {
		set_cause(cause, _("no acknowledgement \"%s\""), id);
		goto out;
	}
	if (!by_flag && n > 1) {
		set_cause(cause, _("\"%s\" is ambiguous: give more "
		    "characters"), id);
		goto out;
	}
	now = store_now();
	for (i = 0; i < n; i++)
		if (gap_ack_delete(s, ids[i], persons[i], now, cause) != 0)
			goto out;
	if (store_commit(s->st, cause) != 0)
		goto out;
	rc = 0;
out:
	sqlite3_finalize(st);
	if (rc != 0)
		store_rollback(s->st);
	for (i = 0; i < n; i++) {
		free(ids[i]);
		free(persons[i]);
	}
	free(ids);
	free(persons);
	free(flag);
	free(low);
	free(now);
	return (rc);
}
