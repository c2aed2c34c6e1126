/*
 * The partner directory (répertoire): every organisation with its kind,
 * territory, phone and services, filtered as you type (name, territory
 * and services, accents and case ignored, on the search keys the
 * database keeps).  n and e create and edit a partner through the form
 * screen.  Enter shows the partner: its details and every involvement,
 * referral and measure that names it in the user's files (the team's for
 * a supervisor, every file for an administrator), ongoing ones first;
 * Enter there opens the person's file.  The directory itself counts
 * nothing: on a department's database that would read every record of
 * every file each time it opens.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "access.h"
#include "date.h"
#include "model.h"
#include "session.h"
#include "store.h"
#include "text.h"
#include "ui-screens.h"
#include "widget-filter.h"
#include "widget-list.h"
#include "xmalloc.h"

struct pt_row {
	char	*id;
	char	*name;
	char	*kind;
	char	*territory;
	char	*phone;
	char	*services;
	char	*key;		/* folded search key */
};

struct pt_state {
	struct pt_row		*rows;
	size_t			 n;
	size_t			*shown;
	size_t			 nshown;
	struct list_view	 list;
	struct filter		 filter;
	char			*sel_id;
};

static const enum action partners_actions[] = {
	ACT_OPEN, ACT_SEARCH, ACT_NEW, ACT_EDIT, ACT_UP, ACT_DOWN,
	ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_HOME, ACT_END
};

#define PT_HEAD 2

static void
clear_rows(struct pt_state *st)
{
	size_t	i;

	for (i = 0; i < st->n; i++) {
		free(st->rows[i].id);
		free(st->rows[i].name);
		free(st->rows[i].kind);
		free(st->rows[i].territory);
		free(st->rows[i].phone);
		free(st->rows[i].services);
		free(st->rows[i].key);
	}
	free(st->rows);
	free(st->shown);
	st->rows = NULL;
	st->shown = NULL;
	st->n = st->nshown = 0;
}

static void
remember_selection(struct pt_state *st)
{
	if (st->nshown == 0)
		return;
	free(st->sel_id);
	st->sel_id = xstrdup(st->rows[st->shown[st->list.sel]].id);
}

static void
apply_filter(struct pt_state *st)
{
	size_t	i;

	st->nshown = 0;
	for (i = 0; i < st->n; i++)
		if (filter_match(&st->filter, st->rows[i].key))
			st->shown[st->nshown++] = i;
	list_set_count(&st->list, st->nshown);
	st->list.sel = 0;
	for (i = 0; st->sel_id != NULL && i < st->nshown; i++)
		if (strcmp(st->rows[st->shown[i]].id, st->sel_id) == 0) {
			st->list.sel = i;
			break;
		}
	list_scroll(&st->list, LINES - 3 - PT_HEAD);
}

#define PT_SQL \
	"SELECT id, name, kind, territory, phone, services, search_key" \
	" FROM partners WHERE deleted_at IS NULL ORDER BY search_key, id"

static int
partners_load(struct screen *sc, char **cause)
{
	struct pt_state	*st = sc->state;
	struct session	*s = ui_session();
	sqlite3_stmt	*stmt = NULL;
	struct pt_row	*r;
	size_t		 cap = 0;
	int		 step;

	remember_selection(st);
	clear_rows(st);
	if (store_prepare(s->st, PT_SQL, &stmt, cause) != 0)
		return (-1);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (st->n == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			st->rows = xreallocarray(st->rows, cap,
			    sizeof *st->rows);
		}
		r = &st->rows[st->n++];
		r->id = store_column_dup(stmt, 0);
		r->name = store_column_dup(stmt, 1);
		r->kind = store_column_dup(stmt, 2);
		r->territory = store_column_dup(stmt, 3);
		r->phone = store_column_dup(stmt, 4);
		r->services = store_column_dup(stmt, 5);
		r->key = store_column_dup(stmt, 6);
	}
	sqlite3_finalize(stmt);
	if (step != SQLITE_DONE) {
		clear_rows(st);
		return (store_error(s->st, _("reading the partner directory"),
		    cause));
	}
	st->shown = xcalloc(st->n > 0 ? st->n : 1, sizeof *st->shown);
	apply_filter(st);
	return (0);
}

static void
partners_free(struct screen *sc)
{
	struct pt_state	*st = sc->state;

	clear_rows(st);
	filter_done(&st->filter);
	free(st->sel_id);
}

static char *
partners_caption(struct screen *sc)
{
	struct pt_state	*st = sc->state;

	return (xasprintf(_("%zu partners"), st->n));
}

/* "children's establishment (IME, MECS…)" → "children's establishment". */
static char *
kind_label(const char *kind)
{
	const char	*label = model_enum_label(model_field(&model_partner,
			    "kind"), kind);
	const char	*paren;

	if (label == NULL)
		return (xstrdup(""));
	paren = strstr(label, " (");
	return (paren != NULL ? xstrndup(label, (size_t)(paren - label)) :
	    xstrdup(label));
}

/* Writes text of several lines (services, contacts) on one row. */
static void
put_oneline(WINDOW *w, int y, int x, int width, const char *text,
    enum ui_color c)
{
	char	*flat, *p;

	flat = xstrdup(text != NULL ? text : "");
	for (p = flat; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	ui_put(w, y, x, width, flat, c);
	free(flat);
}

static void
partners_draw(struct screen *sc, WINDOW *w, int top, int height)
{
	struct pt_state	*st = sc->state;
	struct pt_row	*r;
	char		*left, *right, *kind;
	int		 y, lh = height - PT_HEAD, rw, wname, wkind, wterr;
	int		 xkind, xterr, xphone, xserv;
	size_t		 i;
	enum ui_color	 base;

	ui_fill(w, top, 0, COLS, UC_NORMAL);
	if (st->filter.typing || filter_active(&st->filter))
		left = xasprintf(_("Filter: %s%s"), st->filter.query,
		    st->filter.typing ? "▏" : "");
	else
		left = xstrdup(_("/ filter by name, territory or service"));
	right = xasprintf(_("%zu of %zu partners"), st->nshown, st->n);
	rw = text_width(right);
	if (rw > COLS / 2)
		rw = COLS / 2;
	ui_put(w, top, 1, COLS - rw - 3, left, st->filter.typing ? UC_INPUT :
	    filter_active(&st->filter) ? UC_TODAY : UC_DIM);
	ui_put(w, top, COLS - rw - 1, rw, right, UC_DIM);
	free(left);
	free(right);

	/* name | kind | territory | phone (14) | services (the rest) */
	wname = (COLS - 16) * 34 / 100;
	wkind = (COLS - 16) * 16 / 100;
	wterr = (COLS - 16) * 16 / 100;
	xkind = 1 + wname + 1;
	xterr = xkind + wkind + 1;
	xphone = xterr + wterr + 1;
	xserv = xphone + 15;
	ui_fill(w, top + 1, 0, COLS, UC_HEADER);
	ui_put(w, top + 1, 1, wname, _("Name"), UC_HEADER);
	ui_put(w, top + 1, xkind, wkind, _("Kind"), UC_HEADER);
	ui_put(w, top + 1, xterr, wterr, _("Territory"), UC_HEADER);
	ui_put(w, top + 1, xphone, 14, _("Phone"), UC_HEADER);
	ui_put(w, top + 1, xserv, COLS - xserv - 1, _("Services"), UC_HEADER);

	list_scroll(&st->list, lh);
	for (y = 0, i = st->list.top; i < st->nshown && y < lh; i++, y++) {
		r = &st->rows[st->shown[i]];
		base = i == st->list.sel ? UC_SELECTED : UC_NORMAL;
		ui_fill(w, top + PT_HEAD + y, 0, COLS, base);
		ui_put(w, top + PT_HEAD + y, 1, wname, r->name, base);
		kind = kind_label(r->kind);
		ui_put(w, top + PT_HEAD + y, xkind, wkind, kind, base);
		free(kind);
		ui_put(w, top + PT_HEAD + y, xterr, wterr, r->territory, base);
		ui_put(w, top + PT_HEAD + y, xphone, 14, r->phone, base);
		put_oneline(w, top + PT_HEAD + y, xserv, COLS - xserv - 1,
		    r->services, base);
	}
	if (st->nshown == 0)
		ui_put(w, top + PT_HEAD + 1, 2, COLS - 4, st->n == 0 ?
		    _("The directory is empty. Press n to add a partner.") :
		    _("No partner matches."), UC_DIM);
}

static enum ui_result
partners_key(struct screen *sc, wint_t ch, bool fn)
{
	struct pt_state	*st = sc->state;

	switch (filter_key(&st->filter, ch, fn)) {
	case FILTER_IGNORED:
		return (UR_NONE);
	case FILTER_CHANGED:
		remember_selection(st);
		apply_filter(st);
		break;
	case FILTER_HANDLED:
		break;
	}
	return (UR_HANDLED);
}

static const struct screen_ops partner_files_ops;

static enum ui_result
partners_action(struct screen *sc, enum action a)
{
	struct pt_state		*st = sc->state;
	struct ui_form_arg	 form = { &model_partner, NULL, NULL, NULL };
	struct pt_row		*r = st->nshown > 0 ?
				    &st->rows[st->shown[st->list.sel]] : NULL;

	if (list_action(&st->list, a, LINES - 3 - PT_HEAD))
		return (UR_HANDLED);
	switch (a) {
	case ACT_OPEN:
		if (r != NULL) {
			remember_selection(st);
			ui_push(&partner_files_ops, r->id);
		}
		return (UR_HANDLED);
	case ACT_SEARCH:
		filter_start(&st->filter);
		return (UR_HANDLED);
	case ACT_NEW:
		ui_push(&ui_form_ops, &form);
		return (UR_HANDLED);
	case ACT_EDIT:
		if (r != NULL) {
			remember_selection(st);
			form.id = r->id;
			ui_push(&ui_form_ops, &form);
		}
		return (UR_HANDLED);
	case ACT_BACK:
		if (filter_active(&st->filter)) {
			remember_selection(st);
			filter_clear(&st->filter);
			apply_filter(st);
			return (UR_HANDLED);
		}
		return (UR_NONE);
	case ACT_PARTNERS:
		return (UR_HANDLED);
	default:
		return (UR_NONE);
	}
}

const struct screen_ops ui_partners_ops = {
	"partners", N_("Partners"), sizeof(struct pt_state),
	partners_actions, nitems(partners_actions),
	NULL, partners_free, partners_load, partners_draw, partners_key,
	partners_action, partners_caption, NULL
};

/* One partner: details and the files it intervenes in ---------------- */

struct pf_row {
	const struct entity	*e;
	char			*person_id;
	char			*name;
	char			*from, *to;	/* ISO dates or NULL */
	char			*detail;
	bool			 ongoing;
};

struct pf_state {
	char			*id;
	struct scope		 scope;	/* whose files (access.h) */
	struct record		*partner;
	struct pf_row		*rows;
	size_t			 n;
	struct list_view	 list;
};

static const enum action partner_files_actions[] = {
	ACT_OPEN, ACT_EDIT, ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN,
	ACT_HOME, ACT_END
};

/* Rows of details above the list. */
#define PF_HEAD 5

static void
pf_clear(struct pf_state *st)
{
	size_t	i;

	for (i = 0; i < st->n; i++) {
		free(st->rows[i].person_id);
		free(st->rows[i].name);
		free(st->rows[i].from);
		free(st->rows[i].to);
		free(st->rows[i].detail);
	}
	free(st->rows);
	st->rows = NULL;
	st->n = 0;
	record_free(st->partner);
	st->partner = NULL;
}

static int
pf_init(struct screen *sc, void *arg, char **cause)
{
	struct pf_state	*st = sc->state;

	struct session	*s = ui_session();

	(void)cause;
	st->id = xstrdup(arg);
	scope_home(s, &st->scope);
	if (session_is_admin(s))
		st->scope.kind = SCOPE_ALL;
	return (0);
}

static void
pf_free(struct screen *sc)
{
	struct pf_state	*st = sc->state;

	pf_clear(st);
	free(st->id);
}

/* Every record naming the partner in the files of the scope ($S);
 * ongoing ones first, latest first.  For a referral, "to" is the answer
 * date and the detail its reason. */
#define PF_SQL \
	"SELECT * FROM (" \
	"SELECT 'involvement', i.person_id, p.last_name || ', ' ||" \
	"  p.first_name, i.start_date, i.end_date, i.purpose, NULL," \
	"  i.end_date IS NULL OR i.end_date >= ?2 FROM involvements i" \
	"  JOIN files f ON f.person_id = i.person_id" \
	"  JOIN persons p ON p.id = i.person_id WHERE i.partner_id = ?1" \
	"  AND i.deleted_at IS NULL AND p.deleted_at IS NULL" \
	"  AND f.deleted_at IS NULL AND $S" \
	" UNION ALL SELECT 'referral', r.person_id, p.last_name || ', ' ||" \
	"  p.first_name, r.sent_on, r.answered_on, r.reason, r.status," \
	"  r.answered_on IS NULL AND r.status = 'sent' FROM referrals r" \
	"  JOIN files f ON f.person_id = r.person_id" \
	"  JOIN persons p ON p.id = r.person_id WHERE r.partner_id = ?1" \
	"  AND r.deleted_at IS NULL AND p.deleted_at IS NULL" \
	"  AND f.deleted_at IS NULL AND $S" \
	" UNION ALL SELECT 'measure', m.person_id, p.last_name || ', ' ||" \
	"  p.first_name, m.start_date, m.end_date, NULL, m.kind," \
	"  m.end_date IS NULL OR m.end_date >= ?2 FROM measures m" \
	"  JOIN files f ON f.person_id = m.person_id" \
	"  JOIN persons p ON p.id = m.person_id WHERE m.partner_id = ?1" \
	"  AND m.deleted_at IS NULL AND p.deleted_at IS NULL" \
	"  AND f.deleted_at IS NULL AND $S" \
	") ORDER BY 8 DESC, 4 DESC, 3"

/* PF_SQL with its scope condition in place of every "$S". */
static char *
pf_sql(enum scope_kind scope)
{
	const char	*cond = scope_sql(scope), *p, *at;
	struct buf	 b;

	buf_init(&b);
	for (p = PF_SQL; (at = strstr(p, "$S")) != NULL; p = at + 2) {
		buf_add(&b, p, (size_t)(at - p));
		buf_puts(&b, cond);
	}
	buf_puts(&b, p);
	return (buf_take(&b));
}

static int
pf_load(struct screen *sc, char **cause)
{
	struct pf_state	*st = sc->state;
	struct session	*s = ui_session();
	sqlite3_stmt	*stmt = NULL;
	struct pf_row	*r;
	const char	*what, *text, *code, **pids;
	char		 today[11], *sql;
	size_t		 cap = 0, i;
	int		 step;

	pf_clear(st);
	if (model_get(s, &model_partner, st->id, &st->partner, cause) != 0)
		return (-1);
	scope_renew(s, &st->scope);
	sql = pf_sql(st->scope.kind);
	step = store_prepare(s->st, sql, &stmt, cause);
	free(sql);
	if (step != 0)
		return (-1);
	date_format_iso(date_today(), today);
	sqlite3_bind_text(stmt, 1, st->partner->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, today, -1, SQLITE_STATIC);
	scope_bind(stmt, &st->scope);
	while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
		if (st->n == cap) {
			cap = cap == 0 ? 32 : cap * 2;
			st->rows = xreallocarray(st->rows, cap,
			    sizeof *st->rows);
		}
		r = &st->rows[st->n++];
		what = (const char *)sqlite3_column_text(stmt, 0);
		r->e = model_entity(what);
		r->person_id = store_column_dup(stmt, 1);
		r->name = store_column_dup(stmt, 2);
		r->from = store_column_dup(stmt, 3);
		r->to = store_column_dup(stmt, 4);
		text = (const char *)sqlite3_column_text(stmt, 5);
		code = (const char *)sqlite3_column_text(stmt, 6);
		if (r->e == &model_measure)
			r->detail = xstrdup(model_enum_label(model_field(
			    &model_measure, "kind"), code));
		else if (r->e == &model_referral)
			r->detail = xasprintf("%s — %s", model_enum_label(
			    model_field(&model_referral, "status"), code),
			    text != NULL ? text : "");
		else
			r->detail = xstrdup(text != NULL ? text : "");
		r->ongoing = sqlite3_column_int(stmt, 7) != 0;
	}
	sqlite3_finalize(stmt);
	if (step != SQLITE_DONE)
		return (store_error(s->st, _("reading the partner's files"),
		    cause));
	list_set_count(&st->list, st->n);
	pids = xcalloc(st->n > 0 ? st->n : 1, sizeof *pids);
	for (i = 0; i < st->n; i++)
		pids[i] = st->rows[i].person_id;
	step = access_audit_list(s, "partner", &st->scope,
	    text_count_distinct(pids, st->n), true, cause);
	free(pids);
	return (step);
}

static char *
pf_caption(struct screen *sc)
{
	struct pf_state	*st = sc->state;

	const char	*name;

	if (st->partner == NULL)
		return (NULL);
	name = record_get(st->partner, "name");
	switch (st->scope.kind) {
	case SCOPE_ALL:
		return (xasprintf(_("%s · in every file"), name));
	case SCOPE_TEAM:
		return (xasprintf(_("%s · in the team's files"), name));
	default:
		return (xasprintf(_("%s · in my files"), name));
	}
}

/* "12/03/2026" or "" for a NULL ISO date. */
static void
user_date(const char *iso, char buf[11])
{
	date_t	d;

	buf[0] = '\0';
	if (iso != NULL && date_parse_iso(iso, &d, NULL) == 0)
		date_format_user(d, buf);
}

static void
pf_draw_details(const struct pf_state *st, WINDOW *w, int top)
{
	const struct record	*p = st->partner;
	const char		*v, *phone, *email, *address;
	char			*line, *kind;
	int			 y = top;

	if (p == NULL)
		return;
	kind = kind_label(record_get(p, "kind"));
	v = record_get(p, "territory");
	line = xasprintf("%s · %s%s%s", record_get(p, "name"), kind,
	    v != NULL ? " · " : "", v != NULL ? v : "");
	ui_put(w, y++, 1, COLS - 2, line, UC_TODAY);
	free(line);
	free(kind);
	phone = record_get(p, "phone");
	email = record_get(p, "email");
	address = record_get(p, "address");
	line = xasprintf(_("Phone: %s · Email: %s · Address: %s"),
	    phone != NULL ? phone : "—", email != NULL ? email : "—",
	    address != NULL ? address : "—");
	ui_put(w, y++, 1, COLS - 2, line, UC_NORMAL);
	free(line);
	v = record_get(p, "contacts");
	line = xasprintf(_("Contacts: %s"), v != NULL ? v : "—");
	put_oneline(w, y++, 1, COLS - 2, line, UC_NORMAL);
	free(line);
	v = record_get(p, "services");
	line = xasprintf(_("Services: %s"), v != NULL ? v : "—");
	put_oneline(w, y++, 1, COLS - 2, line, UC_NORMAL);
	free(line);
}

static void
pf_draw(struct screen *sc, WINDOW *w, int top, int height)
{
	struct pf_state	*st = sc->state;
	struct pf_row	*r;
	char		 from[11], to[11];
	int		 y, lh = height - PF_HEAD - 1, row, wname, xdet;
	size_t		 i;
	enum ui_color	 base;

	pf_draw_details(st, w, top);
	/* kind(12) | person | from(10) | to(10) | detail */
	wname = (COLS - 36) * 40 / 100;
	if (wname > 32)
		wname = 32;
	xdet = 14 + wname + 1 + 11 + 11;
	ui_fill(w, top + PF_HEAD, 0, COLS, UC_HEADER);
	ui_put(w, top + PF_HEAD, 1, 12, _("Record"), UC_HEADER);
	ui_put(w, top + PF_HEAD, 14, wname, _("Person"), UC_HEADER);
	ui_put(w, top + PF_HEAD, 15 + wname, 10, _("From"), UC_HEADER);
	ui_put(w, top + PF_HEAD, 26 + wname, 10, _("To"), UC_HEADER);
	ui_put(w, top + PF_HEAD, xdet, COLS - xdet - 1, _("Detail"),
	    UC_HEADER);
	list_scroll(&st->list, lh);
	for (y = 0, i = st->list.top; i < st->n && y < lh; i++, y++) {
		r = &st->rows[i];
		row = top + PF_HEAD + 1 + y;
		base = i == st->list.sel ? UC_SELECTED : r->ongoing ?
		    UC_NORMAL : UC_DIM;
		ui_fill(w, row, 0, COLS, base);
		ui_put(w, row, 1, 12, r->e != NULL ? _(r->e->label) : "",
		    base);
		ui_put(w, row, 14, wname, r->name, base);
		user_date(r->from, from);
		user_date(r->to, to);
		ui_put(w, row, 15 + wname, 10, from, base);
		ui_put(w, row, 26 + wname, 10, to, base);
		ui_put(w, row, xdet, COLS - xdet - 1, r->detail, base);
	}
	if (st->n == 0)
		ui_put(w, top + PF_HEAD + 2, 2, COLS - 4, st->scope.kind ==
		    SCOPE_ALL ? _("This partner intervenes in no file.") : _("This "
		    "partner intervenes in none of the files in your scope."),
		    UC_DIM);
}

static enum ui_result
pf_action(struct screen *sc, enum action a)
{
	struct pf_state		*st = sc->state;
	struct ui_form_arg	 form = { &model_partner, NULL, NULL, NULL };

	if (list_action(&st->list, a, LINES - 3 - PF_HEAD - 1))
		return (UR_HANDLED);
	switch (a) {
	case ACT_OPEN:
		if (st->n > 0)
			ui_push(&ui_file_ops, st->rows[st->list.sel].person_id);
		return (UR_HANDLED);
	case ACT_EDIT:
		if (st->partner != NULL) {
			form.id = st->partner->id;
			ui_push(&ui_form_ops, &form);
		}
		return (UR_HANDLED);
	default:
		return (UR_NONE);
	}
}

static const struct screen_ops partner_files_ops = {
	"partner", N_("Partner"), sizeof(struct pf_state),
	partner_files_actions, nitems(partner_files_actions),
	pf_init, pf_free, pf_load, pf_draw, NULL, pf_action, pf_caption, NULL
};
