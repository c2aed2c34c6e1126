/*
 * Printing for the entity commands: records as tables or "Label: value"
 * lines, a person's whole pathway file ("person show"), and the caseload
 * with age, territory and worker ("person list").
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "access.h"
#include "audit.h"
#include "cmd.h"
#include "cmd-entity.h"
#include "date.h"
#include "jsonio.h"
#include "model.h"
#include "model-user.h"
#include "session.h"
#include "store.h"
#include "text.h"
#include "xmalloc.h"

/* The value shown for a field in text: labels for enums, titles for
 * references, yes/no for booleans.  Caller frees. */
static char *
display_value(struct session *s, const struct field *f, const char *v)
{
	struct record	*r = NULL;
	char		*title, buf[11];
	date_t		 d;

	if (v == NULL)
		return (xstrdup(""));
	switch (f->type) {
	case FT_ENUM:
		return (xstrdup(v));
	case FT_BOOL:
		return (xstrdup(strcmp(v, "1") == 0 ? _("yes") : _("no")));
	case FT_DATE:
		if (date_parse_iso(v, &d, NULL) != 0)
			return (xstrdup(v));
		date_format_user(d, buf);
		return (xstrdup(buf));
	case FT_REF:
		if (model_get(s, model_entity(f->ref), v, &r, NULL) != 0)
			return (xstrdup(v));
		if (r->e == &model_user)
			title = xstrdup(record_get(r, "login"));
		else
			title = record_title(r);
		record_free(r);
		return (title);
	default:
		return (xstrdup(v));
	}
}

/* Prints records as a table of their list fields. */
void
print_records(struct session *s, const struct entity *e,
    struct record **rs, size_t n, enum output_format fmt, bool parent)
{
	const char	*keys[40], *heads[40], *row[40];
	char		*cells[40];
	struct table	*t;
	size_t		 i, j, nc = 0, idx[40];

	keys[nc] = "id";
	heads[nc] = "id";
	idx[nc++] = (size_t)-1;
	for (i = 0; i < e->nfields && nc < nitems(keys); i++) {
		const struct field *f = &e->fields[i];

		if (fmt == OUTPUT_TEXT && !(f->flags & FF_LIST))
			continue;
		if ((f->flags & FF_PARENT) && !parent)
			continue;
		keys[nc] = f->name;
		heads[nc] = _(f->label);
		idx[nc++] = i;
	}
	t = table_create(nc, keys, fmt == OUTPUT_TEXT ? heads : NULL);
	for (i = 0; i < n; i++) {
		for (j = 0; j < nc; j++) {
			if (idx[j] == (size_t)-1)
				cells[j] = xstrdup(rs[i]->id);
			else if (fmt == OUTPUT_TEXT)
				cells[j] = display_value(s, &e->fields[idx[j]],
				    rs[i]->v[idx[j]]);
			else
				cells[j] = rs[i]->v[idx[j]] != NULL ?
				    xstrdup(rs[i]->v[idx[j]]) : NULL;
			row[j] = cells[j];
		}
		table_add(t, row);
		for (j = 0; j < nc; j++)
			free(cells[j]);
	}
	table_print(t, fmt, stdout);
	table_free(t);
}

/* Prints one record as "Label: value" lines. */
void
print_record(struct session *s, const struct record *r)
{
	const struct field	*f;
	char			*v;
	size_t			 i;
	int			 w = 0;

	for (i = 0; i < r->e->nfields; i++)
		if (text_width(_(r->e->fields[i].label)) > w)
			w = text_width(_(r->e->fields[i].label));
	printf("%-*s  %s\n", w, "id", r->id);
	for (i = 0; i < r->e->nfields; i++) {
		f = &r->e->fields[i];
		if (r->v[i] == NULL)
			continue;
		v = display_value(s, f, r->v[i]);
		if (f->type == FT_ENUM && strcmp(v, model_enum_label(f,
		    r->v[i])) != 0) {
			char *both = xasprintf("%s (%s)", v,
			    model_enum_label(f, r->v[i]));
			free(v);
			v = both;
		}
		{
			char *label = text_fit(_(f->label), w, true);
			char *clean = text_sanitize(v, true);

			printf("%s  %s\n", label, clean);
			free(label);
			free(clean);
		}
		free(v);
	}
}

/* Prints a JSON value on stdout. */
void
print_json(json_t *j)
{
	char	*s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	printf("%s\n", s != NULL ? s : "null");
	free(s);
}

/* "person show": the whole pathway file. */
int
show_person(struct session *s, const struct record *p,
    enum output_format fmt, char **cause)
{
	/* The parts of the file, headed as the interface's tabs are. */
	static const struct {
		const struct entity	*e;
		const char		*heading;
	} parts[] = {
		{ &model_referent, N_("Referents") },
		{ &model_project, N_("Projects") },
		{ &model_measure, N_("Measures") },
		{ &model_right, N_("Rights") },
		{ &model_involvement, N_("Partners") },
		{ &model_event, N_("Journal") },
		{ &model_referral, N_("Referrals") },
	};
	const struct entity	*e;
	struct model_filter	  f = { 0 };
	struct record		**rs, **files;
	size_t			  i, n, nf;
	json_t			 *j;
	int			  rc = -1;

	if (audit_log(s, "view", "person", p->id, p->id, NULL, cause) != 0)
		return (-1);
	if (fmt == OUTPUT_JSON) {
		if (jsonio_person_file(s, p->id, &j, cause) != 0)
			return (-1);
		print_json(j);
		json_decref(j);
		return (0);
	}
	f.person_id = p->id;
	print_record(s, p);
	if (model_list(s, &model_file, &f, &files, &nf, cause) != 0)
		return (-1);
	for (i = 0; i < nf; i++) {
		printf("\n%s\n", _("Pathway file"));
		print_record(s, files[i]);
	}
	records_free(files, nf);
	for (i = 0; i < nitems(parts); i++) {
		e = parts[i].e;
		f.order = model_field_index(e, "start_date") >= 0 ?
		    "start_date, id" : model_field_index(e, "date") >= 0 ?
		    "date, id" : "id";
		if (model_list(s, e, &f, &rs, &n, cause) != 0)
			goto out;
		printf("\n%s (%zu)\n", _(parts[i].heading), n);
		if (n > 0)
			print_records(s, e, rs, n, fmt, false);
		records_free(rs, n);
	}
	rc = 0;
out:
	return (rc);
}

/*
 * A date column of "person list": in the user's format (dd/mm/yyyy in
 * French) for text, as stored (ISO 8601) otherwise.  Returns NULL for no
 * date, else the stored text or buf.
 */
static const char *
list_date(sqlite3_stmt *stmt, int col, enum output_format fmt, char buf[11])
{
	const char	*v = (const char *)sqlite3_column_text(stmt, col);
	date_t		 d;

	if (v == NULL || fmt != OUTPUT_TEXT ||
	    date_parse_iso(v, &d, NULL) != 0)
		return (v);
	date_format_user(d, buf);
	return (buf);
}

/* "person list": the caseload with age, territory and worker. */
int
list_persons(struct session *s, const struct parsed *p,
    enum output_format fmt, char **cause)
{
	static const char *const keys[] = { "id", "last_name", "first_name",
	    "birth_date", "age", "territory", "worker", "opened_on",
	    "closed_on" };
	const char	*heads[nitems(keys)], *row[nitems(keys)];
	sqlite3_stmt	*stmt = NULL;
	struct table	*t = NULL;
	struct record	*u = NULL;
	struct scope	 sc;
	struct buf	 sql;
	char		**words = NULL, age[8];
	char		 bdate[11], odate[11], cdate[11];
	date_t		 d;
	size_t		 i, nw = 0, shown = 0;
	int		 col = 1, step, rc = -1;

	for (i = 0; i < nitems(keys); i++)
		heads[i] = keys[i];
	heads[1] = _("Last name");
	heads[2] = _("First name");
	heads[3] = _("Birth date");
	heads[4] = _("Age");
	heads[5] = _("Territory");
	heads[6] = _("Worker");
	heads[7] = _("Opened");
	heads[8] = _("Closed");
	/* A mistyped login is an error, not an empty caseload. */
	scope_mine(s, &sc);
	if (p->worker != NULL) {
		if (user_find(s, p->worker, &u, cause) != 0)
			return (-1);
		sc.kind = SCOPE_WORKER;
		sc.user_id = u->id;
	} else if (p->team != NULL) {
		sc.kind = SCOPE_TEAM;
		sc.team = p->team;
	} else if (p->all_files)
		sc.kind = SCOPE_ALL;
	buf_init(&sql);
	if (access_scope(s, &sc, cause) != 0) {
		*cause = scope_option_cause(p->worker != NULL ? "--worker" :
		    p->team != NULL ? "--team" : p->all_files ? "--all-files" :
		    NULL, *cause);
		goto out;
	}
	buf_printf(&sql, "SELECT p.id, p.last_name, p.first_name, "
	    "p.birth_date, p.territory, u.login, f.opened_on, f.closed_on "
	    "FROM persons p JOIN files f ON f.person_id = p.id AND "
	    "f.deleted_at IS NULL LEFT JOIN users u ON u.id = f.worker_id "
	    "WHERE p.deleted_at IS NULL AND %s", scope_sql(sc.kind));
	if (!p->all)
		buf_puts(&sql, " AND f.closed_on IS NULL");
	if (p->search != NULL)
		nw = model_search_patterns(p->search, &words);
	for (i = 0; i < nw; i++)
		buf_puts(&sql, " AND p.search_key LIKE ? ESCAPE '\\'");
	buf_puts(&sql, " ORDER BY p.search_key, p.id");
	if (store_prepare(s->st, sql.data, &stmt, cause) != 0)
		goto out;
	scope_bind(stmt, &sc);
	/* The search words are the last parameters, after the scope's. */
	col = sqlite3_bind_parameter_count(stmt) - (int)nw + 1;
	for (i = 0; i < nw; i++)
		sqlite3_bind_text(stmt, col++, words[i], -1, SQLITE_STATIC);
	t = table_create(nitems(keys), keys, fmt == OUTPUT_TEXT ? heads :
	    NULL);
	table_set_numeric(t, 4);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		const char *birth = (const char *)sqlite3_column_text(stmt, 3);

		age[0] = '\0';
		bdate[0] = '\0';
		if (birth != NULL && date_parse_iso(birth, &d, NULL) == 0) {
			snprintf(age, sizeof age, "%d", date_age(d,
			    date_today()));
			if (fmt == OUTPUT_TEXT)
				date_format_user(d, bdate);
			else
				snprintf(bdate, sizeof bdate, "%s", birth);
		}
		row[0] = (const char *)sqlite3_column_text(stmt, 0);
		row[1] = (const char *)sqlite3_column_text(stmt, 1);
		row[2] = (const char *)sqlite3_column_text(stmt, 2);
		row[3] = bdate[0] != '\0' ? bdate : NULL;
		row[4] = age[0] != '\0' ? age : NULL;
		row[5] = (const char *)sqlite3_column_text(stmt, 4);
		row[6] = (const char *)sqlite3_column_text(stmt, 5);
		row[7] = list_date(stmt, 6, fmt, odate);
		row[8] = list_date(stmt, 7, fmt, cdate);
		table_add(t, row);
		shown++;
	}
	if (step != SQLITE_DONE) {
		store_error(s->st, _("listing the files"), cause);
		goto out;
	}
	if (access_audit_list(s, "person", &sc, shown, false, cause) != 0)
		goto out;
	table_print(t, fmt, stdout);
	rc = 0;
out:
	sqlite3_finalize(stmt);
	table_free(t);
	buf_free(&sql);
	model_patterns_free(words, nw);
	record_free(u);
	return (rc);
}
