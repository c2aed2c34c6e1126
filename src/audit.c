/*
 * The audit trail (see audit.h).  Entry n's seal is
 * HMAC-SHA-256(audit key, seal(n-1) | n | at | login | action | entity |
 * entity id | person id | fields), the fields joined by a unit separator,
 * and the last sequence number and seal are also kept in the meta table,
 * so that editing, removing (in the middle or at the end) or reordering
 * entries breaks the chain.
 */
#include "config.h"
#include "audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sqlite3.h>

#include "session.h"
#include "store.h"
#include "text.h"
#include "xmalloc.h"

#define SEAL_HEX (2 * 32 + 1)

/* Computes the seal of an entry into hex (SEAL_HEX bytes). */
static void
seal(const unsigned char key[32], const char *prev, long long seq,
    const char *const parts[7], char out[SEAL_HEX])
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 mdlen = 0;
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	buf_printf(&b, "%s\x1f%lld", prev, seq);
	for (i = 0; i < 7; i++)
		buf_printf(&b, "\x1f%s", parts[i] != NULL ? parts[i] : "");
	if (HMAC(EVP_sha256(), key, 32, (const unsigned char *)b.data, b.len,
	    md, &mdlen) == NULL || mdlen != 32)
		fatal("audit: cannot compute the seal (HMAC-SHA-256)");
	text_hex(md, 32, out);
	OPENSSL_cleanse(b.data, b.len);
	buf_free(&b);
}

/* Reads the chain's head (last seq and seal) from the meta table. */
static void
read_head(struct session *s, long long *seq, char prev[SEAL_HEX])
{
	char	*v = store_meta_get(s->st, "audit_head");
	char	*colon;

	*seq = 0;
	prev[0] = '\0';
	if (v != NULL && (colon = strchr(v, ':')) != NULL &&
	    strlen(colon + 1) == SEAL_HEX - 1) {
		*seq = strtoll(v, NULL, 10);
		memcpy(prev, colon + 1, SEAL_HEX);
	}
	free(v);
}

int
audit_log(struct session *s, const char *action, const char *entity,
    const char *entity_id, const char *person_id, const char *fields,
    char **cause)
{
	sqlite3_stmt	*stmt = NULL;
	char		 prev[SEAL_HEX], mac[SEAL_HEX], *at, *head = NULL;
	const char	*parts[7];
	long long	 seq;
	int		 rc = -1;

	at = store_now();
	if (store_begin(s->st, cause) != 0)
		goto out;
	read_head(s, &seq, prev);
	seq++;
	parts[0] = at;
	parts[1] = s->login;
	parts[2] = action;
	parts[3] = entity;
	parts[4] = entity_id;
	parts[5] = person_id;
	parts[6] = fields;
	seal(s->audit_key, prev, seq, parts, mac);
	if (store_prepare(s->st, "INSERT INTO audit (seq, at, login, action, "
	    "entity, entity_id, person_id, fields, mac) VALUES (?, ?, ?, ?, ?, "
	    "?, ?, ?, ?)", &stmt, cause) != 0)
		goto fail;
	sqlite3_bind_int64(stmt, 1, seq);
	store_bind_text(stmt, 2, at);
	store_bind_text(stmt, 3, s->login != NULL ? s->login : "");
	store_bind_text(stmt, 4, action);
	store_bind_text(stmt, 5, entity);
	store_bind_text(stmt, 6, entity_id);
	store_bind_text(stmt, 7, person_id);
	store_bind_text(stmt, 8, fields);
	store_bind_text(stmt, 9, mac);
	if (sqlite3_step(stmt) != SQLITE_DONE) {
		store_error(s->st, _("writing the audit trail"), cause);
		goto fail;
	}
	head = xasprintf("%lld:%s", seq, mac);
	if (store_meta_set(s->st, "audit_head", head, cause) != 0)
		goto fail;
	if (store_commit(s->st, cause) != 0)
		goto out;
	rc = 0;
	goto out;
fail:
	store_rollback(s->st);
out:
	sqlite3_finalize(stmt);
	free(at);
	free(head);
	return (rc);
}

static void
entry_read(sqlite3_stmt *stmt, struct audit_entry *a)
{
	a->seq = sqlite3_column_int64(stmt, 0);
	a->at = store_column_dup(stmt, 1);
	a->login = store_column_dup(stmt, 2);
	a->action = store_column_dup(stmt, 3);
	a->entity = store_column_dup(stmt, 4);
	a->entity_id = store_column_dup(stmt, 5);
	a->person_id = store_column_dup(stmt, 6);
	a->fields = store_column_dup(stmt, 7);
}

int
audit_list(struct session *s, const char *person_id,
    struct audit_entry **out, size_t *n, char **cause)
{
	sqlite3_stmt		*stmt = NULL;
	struct audit_entry	*list = NULL;
	size_t			 cap = 0;
	int			 step;

	*out = NULL;
	*n = 0;
	if (store_prepare(s->st, person_id != NULL ?
	    "SELECT seq, at, login, action, entity, entity_id, person_id, "
	    "fields FROM audit WHERE person_id = ? ORDER BY seq" :
	    "SELECT seq, at, login, action, entity, entity_id, person_id, "
	    "fields FROM audit ORDER BY seq", &stmt, cause) != 0)
		return (-1);
	if (person_id != NULL)
		sqlite3_bind_text(stmt, 1, person_id, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			list = xreallocarray(list, cap, sizeof *list);
		}
		entry_read(stmt, &list[(*n)++]);
	}
	sqlite3_finalize(stmt);
	if (step != SQLITE_DONE) {
		audit_entries_free(list, *n);
		*n = 0;
		return (store_error(s->st, _("reading the audit trail"),
		    cause));
	}
	*out = list;
	return (0);
}

void
audit_entries_free(struct audit_entry *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(list[i].at);
		free(list[i].login);
		free(list[i].action);
		free(list[i].entity);
		free(list[i].entity_id);
		free(list[i].person_id);
		free(list[i].fields);
	}
	free(list);
}

int
audit_verify(struct session *s, size_t *checked, char **cause)
{
	sqlite3_stmt		*stmt = NULL;
	struct audit_entry	 a;
	char			 prev[SEAL_HEX] = "", mac[SEAL_HEX];
	char			 head_mac[SEAL_HEX], *stored = NULL;
	const char		*parts[7];
	long long		 expect = 1, head_seq;
	int			 step, rc = -1;

	*checked = 0;
	if (store_prepare(s->st, "SELECT seq, at, login, action, entity, "
	    "entity_id, person_id, fields, mac FROM audit ORDER BY seq",
	    &stmt, cause) != 0)
		return (-1);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		entry_read(stmt, &a);
		stored = store_column_dup(stmt, 8);
		parts[0] = a.at;
		parts[1] = a.login;
		parts[2] = a.action;
		parts[3] = a.entity;
		parts[4] = a.entity_id;
		parts[5] = a.person_id;
		parts[6] = a.fields;
		seal(s->audit_key, prev, a.seq, parts, mac);
		free(a.at); free(a.login); free(a.action); free(a.entity);
		free(a.entity_id); free(a.person_id); free(a.fields);
		if (a.seq != expect) {
			set_cause(cause, _("audit trail broken at entry %lld: "
			    "entries %lld to %lld are missing or out of order"),
			    a.seq, expect, a.seq - 1);
			goto out;
		}
		if (stored == NULL || strcmp(stored, mac) != 0) {
			set_cause(cause, _("audit trail broken at entry %lld: "
			    "its seal does not match (modified, or moved)"),
			    a.seq);
			goto out;
		}
		memcpy(prev, mac, SEAL_HEX);
		free(stored);
		stored = NULL;
		expect++;
		(*checked)++;
	}
	if (step != SQLITE_DONE) {
		store_error(s->st, _("reading the audit trail"), cause);
		goto out;
	}
	read_head(s, &head_seq, head_mac);
	if (head_seq != expect - 1 || (head_seq > 0 &&
	    strcmp(head_mac, prev) != 0)) {
		set_cause(cause, _("audit trail broken at its end: the last "
		    "entry should be %lld but is %lld (entries removed)"),
		    head_seq, expect - 1);
		goto out;
	}
	rc = 0;
out:
	free(stored);
	sqlite3_finalize(stmt);
	return (rc);
}
