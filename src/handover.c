/*
 * Handing a pathway file over to another worker (see handover.h): the
 * outgoing coordinator ends with a successor, the incoming one starts,
 * the file changes caseload and the journal says so, in one transaction
 * through the model so that every change is validated and audited.
 */
#include "config.h"
#include "handover.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "date.h"
#include "model.h"
#include "session.h"
#include "store.h"
#include "xmalloc.h"

int
handover_workers(struct session *s, struct handover_worker **out,
    size_t *n, char **cause)
{
	sqlite3_stmt		*stmt = NULL;
	struct handover_worker	*w = NULL, *x;
	size_t			 cap = 0;
	int			 step, rc = -1;
	bool			 admin = session_is_admin(s);

	*out = NULL;
	*n = 0;
	if (!session_is_supervisor(s) || (!admin && s->team == NULL))
		return (0);
	if (store_prepare(s->st, admin ?
	    "SELECT u.id, u.login, u.display_name, u.team, (SELECT count(*)"
	    " FROM files f WHERE f.worker_id = u.id AND f.deleted_at IS NULL"
	    " AND f.closed_on IS NULL) FROM users u WHERE u.deleted_at IS NULL"
	    " AND u.disabled = 0 ORDER BY u.display_name, u.login" :
	    "SELECT u.id, u.login, u.display_name, u.team, (SELECT count(*)"
	    " FROM files f WHERE f.worker_id = u.id AND f.deleted_at IS NULL"
	    " AND f.closed_on IS NULL) FROM users u WHERE u.deleted_at IS NULL"
	    " AND u.disabled = 0 AND u.team = ?"
	    " ORDER BY u.display_name, u.login", &stmt, cause) != 0)
		return (-1);
	if (!admin)
		sqlite3_bind_text(stmt, 1, s->team, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			w = xreallocarray(w, cap, sizeof *w);
		}
		x = &w[(*n)++];
		x->id = store_column_dup(stmt, 0);
		x->login = store_column_dup(stmt, 1);
		x->name = store_column_dup(stmt, 2);
		x->team = store_column_dup(stmt, 3);
		x->files = (size_t)sqlite3_column_int64(stmt, 4);
	}
	if (step != SQLITE_DONE) {
		store_error(s->st, _("listing the workers"), cause);
		handover_workers_free(w, *n);
		*n = 0;
		goto out;
	}
	*out = w;
	rc = 0;
out:
	sqlite3_finalize(stmt);
	return (rc);
}

void
handover_workers_free(struct handover_worker *w, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(w[i].id);
		free(w[i].login);
		free(w[i].name);
		free(w[i].team);
	}
	free(w);
}

/* Whether the user (may be NULL: unassigned) is in the supervisor's
 * team. */
static bool
in_team(const struct session *s, const struct record *user)
{
	const char	*team;

	if (user == NULL)
		return (true);
	team = record_get(user, "team");
	return (s->team != NULL && team != NULL && strcmp(team, s->team) == 0);
}

/* The person's pathway file (caller frees), or -1 with *cause. */
static int
person_file(struct session *s, const char *person_id, struct record **out,
    char **cause)
{
	struct model_filter	  f = { 0 };
	struct record		**rs = NULL;
	size_t			  n = 0;

	*out = NULL;
	f.person_id = person_id;
	if (model_list(s, &model_file, &f, &rs, &n, cause) != 0)
		return (-1);
	if (n == 0) {
		free(rs);
		set_cause(cause, _("this person has no pathway file"));
		return (-1);
	}
	*out = rs[0];
	rs[0] = NULL;
	records_free(rs, n);
	return (0);
}

int
handover_file(struct session *s, const char *person_id,
    const char *worker_id, char **cause)
{
	struct model_filter	  rf = { 0 };
	struct record		 *person = NULL, *file = NULL, *to = NULL;
	struct record		 *from = NULL, *nr = NULL, *chg = NULL;
	struct record		 *ev = NULL, **refs = NULL;
	const char		 *keep = NULL, *succ, *from_id, *u;
	char			  today[11], *where = NULL, *text = NULL;
	char			 *who = NULL;
	size_t			  nrefs = 0, i;
	int			  rc = -1;

	if (!session_is_supervisor(s)) {
		set_cause(cause, _("only supervisors and administrators hand "
		    "files over"));
		return (-1);
	}
	date_format_iso(date_today(), today);
	if (model_get(s, &model_person, person_id, &person, cause) != 0 ||
	    person_file(s, person->id, &file, cause) != 0)
		goto out;
	if (record_get(file, "closed_on") != NULL) {
		who = record_title(person);
		set_cause(cause, _("the file of %s is closed: reopen it before "
		    "handing it over"), who);
		goto out;
	}
	if (model_get(s, &model_user, worker_id, &to, cause) != 0)
		goto out;
	u = record_get(to, "disabled");
	if (u != NULL && strcmp(u, "1") == 0) {
		set_cause(cause, _("%s is disabled and cannot receive files"),
		    record_get(to, "display_name"));
		goto out;
	}
	from_id = record_get(file, "worker_id");
	if (from_id != NULL && strcmp(from_id, to->id) == 0) {
		set_cause(cause, _("the file is already in %s's caseload"),
		    record_get(to, "display_name"));
		goto out;
	}
	if (from_id != NULL &&
	    model_get(s, &model_user, from_id, &from, cause) != 0)
		goto out;
	if (!session_is_admin(s) && (!in_team(s, from) || !in_team(s, to))) {
		set_cause(cause, _("a supervisor hands files over within their "
		    "team only"));
		goto out;
	}

	/* The coordinators running today. */
	rf.person_id = person->id;
	rf.active_only = true;
	where = xasprintf("role = 'coordinator' AND start_date <= '%s'",
	    today);
	rf.where = where;
	rf.order = "start_date, id";
	if (model_list(s, &model_referent, &rf, &refs, &nrefs, cause) != 0)
		goto out;
	for (i = 0; i < nrefs; i++) {
		u = record_get(refs[i], "user_id");
		if (u != NULL && strcmp(u, to->id) == 0)
			keep = refs[i]->id;
	}

	if (store_begin(s->st, cause) != 0)
		goto out;
	if (keep == NULL) {
		nr = record_new(&model_referent);
		record_set(nr, "person_id", person->id);
		record_set(nr, "role", "coordinator");
		record_set(nr, "name", record_get(to, "display_name"));
		record_set(nr, "user_id", to->id);
		record_set(nr, "start_date", today);
		if (model_insert(s, nr, 0, NULL, cause) != 0)
			goto fail;
	}
	succ = keep != NULL ? keep : nr->id;
	for (i = 0; i < nrefs; i++) {
		if (keep != NULL && strcmp(refs[i]->id, keep) == 0)
			continue;
		chg = record_new(&model_referent);
		record_set(chg, "end_date", today);
		record_set(chg, "successor_id", succ);
		if (model_update(s, chg, refs[i]->id, cause) != 0)
			goto fail;
		record_free(chg);
		chg = NULL;
	}
	chg = record_new(&model_file);
	record_set(chg, "worker_id", to->id);
	if (model_update(s, chg, file->id, cause) != 0)
		goto fail;

	ev = record_new(&model_event);
	record_set(ev, "person_id", person->id);
	record_set(ev, "kind", "handover");
	record_set(ev, "date", today);
	who = from != NULL ? xasprintf("%s, %s",
	    record_get(from, "display_name"), record_get(to, "display_name")) :
	    xstrdup(record_get(to, "display_name"));
	record_set(ev, "participants", who);
	text = from != NULL ? xasprintf(_("Handover of the pathway file from "
	    "%s to %s, who becomes the coordinator (référent de parcours)."),
	    record_get(from, "display_name"), record_get(to, "display_name")) :
	    xasprintf(_("Handover of the pathway file to %s, who becomes the "
	    "coordinator (référent de parcours)."),
	    record_get(to, "display_name"));
	record_set(ev, "text", text);
	if (model_insert(s, ev, 0, NULL, cause) != 0)
		goto fail;
	if (store_commit(s->st, cause) != 0)
		goto out;
	rc = 0;
	goto out;
fail:
	store_rollback(s->st);
out:
	records_free(refs, nrefs);
	record_free(person);
	record_free(file);
	record_free(to);
	record_free(from);
	record_free(nr);
	record_free(chg);
	record_free(ev);
	free(where);
	free(text);
	free(who);
	return (rc);
}
