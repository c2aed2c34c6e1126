/*
 * The pathway file screen: who the person is (name, age, birth date,
 * territory, consent, coordinator, assigned worker) above tabs — the
 * summary of the file's active flags with what they mean and what to do,
 * the timeline, and one list per kind of record (projects, referents,
 * partners, rights and measures, journal, referrals) from which records
 * are added, edited and ended.  load() reads the whole file into memory
 * and runs the gap rules on it; draw() only draws.  Opening the file is
 * audited once, on the first load, not on every reload.
 */
#include "config.h"
#include "ui-file.h"

#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "date.h"
#include "gaps.h"
#include "model.h"
#include "rules.h"
#include "session.h"
#include "text.h"
#include "ui-screens.h"
#include "ui-timeline.h"
#include "widget-list.h"
#include "xmalloc.h"

const struct entity *const file_kind_entity[K_COUNT] = {
	&model_referent, &model_project, &model_measure, &model_right,
	&model_involvement, &model_event, &model_referral
};

/* How each kind is sorted: the running records first.  "TODAY" is
 * replaced by today's ISO date. */
static const char *const kind_order[K_COUNT] = {
	"(end_date IS NOT NULL AND end_date < 'TODAY'), role <> 'coordinator', "
	    "start_date DESC",
	"(status = 'closed' OR (end_date IS NOT NULL AND end_date < 'TODAY')), "
	    "start_date DESC",
	"(end_date IS NOT NULL AND end_date < 'TODAY'), start_date DESC",
	"(end_date IS NOT NULL AND end_date < 'TODAY'), kind, start_date DESC",
	"(end_date IS NOT NULL AND end_date < 'TODAY'), start_date DESC",
	"date DESC, created_at DESC",
	"(answered_on IS NOT NULL), sent_on DESC"
};

const struct file_tab_info file_tabs[TAB_COUNT] = {
	{ N_("Summary"), { -1, -1 }, { NULL, NULL } },
	{ N_("Timeline"), { -1, -1 }, { NULL, NULL } },
	{ N_("Projects"), { K_PROJECT, -1 }, { NULL, NULL } },
	{ N_("Referents"), { K_REFERENT, -1 }, { NULL, NULL } },
	{ N_("Partners"), { K_INVOLVEMENT, -1 }, { NULL, NULL } },
	{ N_("Rights & measures"), { K_RIGHT, K_MEASURE },
	  { N_("Rights"), N_("Measures") } },
	{ N_("Journal"), { K_EVENT, -1 }, { NULL, NULL } },
	{ N_("Referrals"), { K_REFERRAL, -1 }, { NULL, NULL } },
};

static const enum action file_actions[] = { ACT_NEXT_TAB, ACT_NEW,
    ACT_EDIT, ACT_END_RECORD, ACT_ACK, ACT_ZOOM, ACT_BACK, ACT_PREV_TAB,
    ACT_OPEN, ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT, ACT_TODAY };

/* Loading ---------------------------------------------------------------- */

static void
free_data(struct file_state *st)
{
	size_t	i;
	int	k;

	record_free(st->person);
	record_free(st->file);
	st->person = st->file = NULL;
	for (k = 0; k < K_COUNT; k++) {
		records_free(st->recs[k], st->nrecs[k]);
		st->recs[k] = NULL;
		st->nrecs[k] = 0;
	}
	for (i = 0; i < st->nnames; i++) {
		free(st->names[i].id);
		free(st->names[i].name);
	}
	free(st->names);
	st->names = NULL;
	st->nnames = 0;
	gaps_result_free(&st->flags);
	memset(&st->flags, 0, sizeof st->flags);
	free(st->flags_error);
	st->flags_error = NULL;
	for (k = 0; k < TAB_COUNT; k++) {
		free(st->rows[k]);
		st->rows[k] = NULL;
		st->nrows[k] = 0;
	}
	ui_timeline_clear(&st->tl);
}

const char *
file_name_of(void *ctx, const char *id)
{
	struct file_state	*st = ctx;
	size_t			 i;

	for (i = 0; i < st->nnames; i++)
		if (strcmp(st->names[i].id, id) == 0)
			return (st->names[i].name);
	return (NULL);
}

static void
add_name(struct file_state *st, const char *id, char *name)
{
	st->names = xreallocarray(st->names, st->nnames + 1,
	    sizeof *st->names);
	st->names[st->nnames].id = xstrdup(id);
	st->names[st->nnames].name = name;
	st->nnames++;
}

/* Reads the name of a referenced partner or user once. */
static void
resolve(struct session *s, struct file_state *st, const struct entity *e,
    const char *id)
{
	struct record	*r = NULL;
	const char	*n;

	if (id == NULL || file_name_of(st, id) != NULL)
		return;
	if (model_get(s, e, id, &r, NULL) != 0) {
		add_name(st, id, xstrdup(_("(removed)")));
		return;
	}
	n = record_get(r, e == &model_user ? "display_name" : "name");
	add_name(st, id, text_sanitize(n != NULL ? n : "?", false));
	record_free(r);
}

static void
load_flags(struct session *s, struct file_state *st)
{
	struct gap_query	 q;
	char			*cause = NULL;

	gaps_query_init(&q, NULL);
	q.scope.kind = SCOPE_PERSON;
	q.scope.person_id = st->person_id;
	q.include_acknowledged = true;
	if (gaps_run(s, &q, &st->flags, &cause) != 0) {
		memset(&st->flags, 0, sizeof st->flags);
		st->flags_error = cause != NULL ? cause :
		    xstrdup(_("cannot check the rules"));
		return;
	}
}

static void
add_row(struct file_state *st, int tab, int kind, struct record *r,
    const char *heading)
{
	st->rows[tab] = xreallocarray(st->rows[tab], st->nrows[tab] + 1,
	    sizeof *st->rows[tab]);
	st->rows[tab][st->nrows[tab]].kind = kind;
	st->rows[tab][st->nrows[tab]].r = r;
	st->rows[tab][st->nrows[tab]].heading = heading;
	st->nrows[tab]++;
}

/* Moves a list tab's selection off headings, in the direction given,
 * else the other way; stays put if the tab holds only headings. */
static void
skip_headings(struct file_state *st, int tab, int dir)
{
	struct list_view	*l = &st->lists[tab];
	size_t			 n = st->nrows[tab], i;

	if (n == 0 || st->rows[tab][l->sel].r != NULL)
		return;
	for (i = l->sel; dir >= 0 && i < n; i++)
		if (st->rows[tab][i].r != NULL) {
			l->sel = i;
			return;
		}
	for (i = l->sel + 1; i-- > 0;)
		if (st->rows[tab][i].r != NULL) {
			l->sel = i;
			return;
		}
	for (i = l->sel; i < n; i++)
		if (st->rows[tab][i].r != NULL) {
			l->sel = i;
			return;
		}
}

static void
build_rows(struct file_state *st)
{
	size_t	i;
	int	t, j, k;

	for (t = 0; t < TAB_COUNT; t++) {
		for (j = 0; j < 2; j++) {
			if ((k = file_tabs[t].kinds[j]) < 0)
				continue;
			if (file_tabs[t].headings[j] != NULL)
				add_row(st, t, k, NULL, _(file_tabs[t].headings[j]));
			for (i = 0; i < st->nrecs[k]; i++)
				add_row(st, t, k, st->recs[k][i], NULL);
		}
		list_set_count(&st->lists[t], t == TAB_SUMMARY ?
		    st->flags.n : st->nrows[t]);
		if (t != TAB_SUMMARY && t != TAB_TIMELINE)
			skip_headings(st, t, 1);
	}
}

/* The ORDER BY clause with today's date in it (caller frees). */
static char *
with_today(const char *order, const char *today)
{
	struct buf	 b;
	const char	*p;

	buf_init(&b);
	for (p = order; *p != '\0'; p++) {
		if (strncmp(p, "TODAY", 5) == 0) {
			buf_puts(&b, today);
			p += 4;
		} else
			buf_add(&b, p, 1);
	}
	return (buf_take(&b));
}

static int
file_load(struct screen *sc, char **cause)
{
	struct file_state	 *st = sc->state;
	struct session		 *s = ui_session();
	struct model_filter	  mf;
	struct record		**files = NULL;
	struct tl_input		  in;
	char			  today[11], *order;
	size_t			  nfiles = 0, i;
	int			  k, rc;

	free_data(st);
	if (model_get(s, &model_person, st->person_id, &st->person,
	    cause) != 0)
		return (-1);
	if (!st->audited) {
		if (audit_log(s, "view", "person", st->person->id,
		    st->person->id, NULL, cause) != 0)
			return (-1);
		st->audited = true;
	}
	memset(&mf, 0, sizeof mf);
	mf.person_id = st->person_id;
	if (model_list(s, &model_file, &mf, &files, &nfiles, cause) != 0)
		return (-1);
	if (nfiles > 0) {
		st->file = files[0];
		files[0] = NULL;
	}
	records_free(files, nfiles);
	date_format_iso(date_today(), today);
	for (k = 0; k < K_COUNT; k++) {
		order = with_today(kind_order[k], today);
		mf.order = order;
		rc = model_list(s, file_kind_entity[k], &mf, &st->recs[k],
		    &st->nrecs[k], cause);
		free(order);
		if (rc != 0)
			return (-1);
	}
	if (st->file != NULL)
		resolve(s, st, &model_user, record_get(st->file, "worker_id"));
	for (k = 0; k < K_COUNT; k++) {
		for (i = 0; i < st->nrecs[k]; i++) {
			resolve(s, st, &model_partner, record_get(st->recs[k][i],
			    "partner_id"));
			resolve(s, st, &model_user, record_get(st->recs[k][i],
			    "user_id"));
		}
	}
	for (i = 0; i < st->nrecs[K_REFERENT]; i++) {
		const char *n = record_get(st->recs[K_REFERENT][i], "name");
		add_name(st, st->recs[K_REFERENT][i]->id, text_sanitize(
		    n != NULL ? n : "?", false));
	}
	load_flags(s, st);
	build_rows(st);

	memset(&in, 0, sizeof in);
	in.file = st->file;
	in.referents = st->recs[K_REFERENT];
	in.nreferents = st->nrecs[K_REFERENT];
	in.projects = st->recs[K_PROJECT];
	in.nprojects = st->nrecs[K_PROJECT];
	in.measures = st->recs[K_MEASURE];
	in.nmeasures = st->nrecs[K_MEASURE];
	in.rights = st->recs[K_RIGHT];
	in.nrights = st->nrecs[K_RIGHT];
	in.involvements = st->recs[K_INVOLVEMENT];
	in.ninvolvements = st->nrecs[K_INVOLVEMENT];
	in.name_of = file_name_of;
	in.ctx = st;
	ui_timeline_build(&st->tl, &in);
	return (0);
}

static int
file_init(struct screen *sc, void *arg, char **cause)
{
	struct file_state	*st = sc->state;

	if (arg == NULL) {
		set_cause(cause, "%s", _("no file to open"));
		return (-1);
	}
	st->person_id = xstrdup(arg);
	st->tab = TAB_SUMMARY;
	return (0);
}

static void
file_free(struct screen *sc)
{
	struct file_state	*st = sc->state;

	free_data(st);
	free(st->person_id);
}

static char *
file_caption(struct screen *sc)
{
	struct file_state	*st = sc->state;
	char			*t, *s;

	if (st->person == NULL)
		return (NULL);
	t = record_title(st->person);
	s = text_sanitize(t, false);
	free(t);
	return (s);
}

/* Actions ---------------------------------------------------------------- */

/* The record selected on the current tab, if any. */
static struct record *
selected(struct file_state *st)
{
	struct list_view	*l = &st->lists[st->tab];

	if (st->tab == TAB_SUMMARY || st->tab == TAB_TIMELINE ||
	    st->nrows[st->tab] == 0)
		return (NULL);
	return (st->rows[st->tab][l->sel].r);
}

static struct record *
find_record(struct file_state *st, const struct entity *e, const char *id)
{
	size_t	i;
	int	k;

	for (k = 0; k < K_COUNT; k++) {
		if (file_kind_entity[k] != e)
			continue;
		for (i = 0; i < st->nrecs[k]; i++)
			if (strcmp(st->recs[k][i]->id, id) == 0)
				return (st->recs[k][i]);
	}
	return (NULL);
}

/* Opens the form for a new record of e with the person and presets. */
static void
open_form(struct file_state *st, const struct entity *e, const char *id,
    const char *const *presets)
{
	struct ui_form_arg	fa;

	memset(&fa, 0, sizeof fa);
	fa.entity = e;
	fa.id = id;
	fa.person_id = e == &model_person ? NULL : st->person_id;
	fa.presets = presets;
	ui_push(&ui_form_ops, &fa);
}

static void
new_record(struct file_state *st, const struct entity *e, const char *role)
{
	char		 today[11];
	const char	*presets[5] = { NULL, NULL, NULL, NULL, NULL };
	size_t		 n = 0;

	date_format_iso(date_today(), today);
	if (e == &model_event)
		presets[n++] = "date";
	else if (e == &model_referral)
		presets[n++] = "sent_on";
	else if (e != &model_right && e != &model_project)
		presets[n++] = "start_date";
	if (n > 0)
		presets[n++] = today;
	if (role != NULL) {
		presets[n++] = "role";
		presets[n++] = role;
	}
	open_form(st, e, NULL, presets);
}

/* Asks which kind of record to add when a tab holds several. */
static enum ui_result
act_new(struct file_state *st)
{
	const struct entity	*choices[K_COUNT];
	const char		*labels[K_COUNT];
	size_t			 n = 0;
	int			 k, pick;

	for (k = 0; k < 2; k++)
		if (file_tabs[st->tab].kinds[k] >= 0)
			choices[n++] = file_kind_entity[file_tabs[st->tab].kinds[k]];
	if (n == 0)
		for (k = 0; k < K_COUNT; k++)
			if (st->tab == TAB_SUMMARY || k != K_EVENT)
				if (st->tab == TAB_SUMMARY || k != K_REFERRAL)
					choices[n++] = file_kind_entity[k];
	if (n == 1) {
		new_record(st, choices[0], NULL);
		return (UR_HANDLED);
	}
	for (k = 0; k < (int)n; k++)
		labels[k] = _(choices[k]->label);
	pick = ui_pick(_("Add to this file"), labels, n, 0);
	if (pick >= 0)
		new_record(st, choices[pick], NULL);
	return (UR_HANDLED);
}

static enum ui_result
act_edit(struct file_state *st)
{
	const struct entity	*e;
	const char		*id;
	struct record		*r;

	if (st->tab == TAB_SUMMARY) {
		open_form(st, &model_person, st->person_id, NULL);
		return (UR_HANDLED);
	}
	if (st->tab == TAB_TIMELINE) {
		if (ui_timeline_selected(&st->tl, &e, &id))
			open_form(st, e, id, NULL);
		else if (st->tl.n > 0)
			/* The row of the gaps: name a coordinator. */
			new_record(st, &model_referent, "coordinator");
		return (UR_HANDLED);
	}
	if ((r = selected(st)) == NULL) {
		ui_error("%s", _("nothing selected: n adds a record"));
		return (UR_HANDLED);
	}
	open_form(st, r->e, r->id, NULL);
	return (UR_HANDLED);
}

/* Picks a value of an enumeration field (except one), or NULL. */
static const char *
pick_enum(const struct entity *e, const char *field, const char *except,
    const char *title)
{
	const struct field	*f = model_field(e, field);
	const char		*labels[32], *values[32];
	size_t			 n = 0, i;
	int			 k;

	if (f == NULL || f->values == NULL)
		return (NULL);
	for (i = 0; f->values[i].value != NULL && n < nitems(labels); i++) {
		if (except != NULL && strcmp(f->values[i].value, except) == 0)
			continue;
		values[n] = f->values[i].value;
		labels[n++] = _(f->values[i].label);
	}
	k = ui_pick(title, labels, n, 0);
	return (k < 0 ? NULL : values[k]);
}

/* Ends a record: its end field set to a date asked for (today by
 * default); a file also says why, a referral how it was answered. */
static enum ui_result
end_record(struct record *r)
{
	struct session	*s = ui_session();
	struct record	*changes;
	const char	*extra = NULL, *value;
	char		*title, *q, *answer, *cause = NULL, *why = NULL;
	char		 today[11], iso[11];
	date_t		 d, planned;
	int		 rc;

	if (r->e->end_field == NULL) {
		ui_error(_("a %s has no end: edit it instead"), _(r->e->label));
		return (UR_HANDLED);
	}
	title = record_title(r);
	q = xasprintf(_("End %s “%s”?"), _(r->e->label), title);
	free(title);
	if (!ui_confirm(q)) {
		free(q);
		ui_message("%s", _("Nothing changed."));
		return (UR_HANDLED);
	}
	free(q);
	/* A planned end already passed is the date the record ended. */
	d = date_today();
	if ((value = record_get(r, r->e->end_field)) != NULL &&
	    date_parse_iso(value, &planned, NULL) == 0 && planned < d)
		d = planned;
	date_format_user(d, today);
	answer = ui_prompt(_("End date:"), today, false);
	if (answer == NULL)
		return (UR_HANDLED);
	if (date_parse_user(answer, &d, &why) != 0) {
		ui_error("%s: %s", _("End date"), why);
		free(why);
		free(answer);
		return (UR_HANDLED);
	}
	free(answer);
	date_format_iso(d, iso);
	changes = record_new(r->e);
	record_set(changes, r->e->end_field, iso);
	if (r->e->end_reason != NULL) {
		extra = r->e->end_reason;
		/* "not recorded" is for the records of older versions. */
		value = pick_enum(r->e, extra, r->e == &model_file ? NULL :
		    "unknown", _("Why does it end?"));
		if (value != NULL && strcmp(value, "relayed") == 0 &&
		    model_field(r->e, "relayed_to") != NULL) {
			answer = ui_prompt(_("Relayed by (the service that "
			    "takes over):"), record_get(r, "relayed_to"),
			    false);
			if (answer == NULL) {
				record_free(changes);
				return (UR_HANDLED);
			}
			record_set(changes, "relayed_to", answer);
			free(answer);
		} else if (value != NULL &&
		    model_field(r->e, "relayed_to") != NULL)
			record_set(changes, "relayed_to", NULL);
	} else if (r->e == &model_referral) {
		extra = "status";
		value = pick_enum(r->e, extra, "sent", _("How was it "
		    "answered?"));
	} else
		value = "";
	if (value == NULL) {
		record_free(changes);
		return (UR_HANDLED);
	}
	if (extra != NULL)
		record_set(changes, extra, value);
	/* As "parcours project end" does: an ended project is closed. */
	if (r->e == &model_project)
		record_set(changes, "status", "closed");
	rc = model_update(s, changes, r->id, &cause);
	record_free(changes);
	if (rc != 0) {
		ui_error("%s", cause);
		free(cause);
		return (UR_HANDLED);
	}
	ui_message(_("Ended the %s."), _(r->e->label));
	return (UR_RELOAD);
}

static enum ui_result
act_end(struct file_state *st)
{
	const struct entity	*e;
	const char		*id;
	struct record		*r = NULL;

	if (st->tab == TAB_SUMMARY) {
		if (st->file == NULL)
			return (UR_HANDLED);
		if (record_get(st->file, "closed_on") != NULL) {
			ui_error("%s", _("the file is already closed"));
			return (UR_HANDLED);
		}
		return (end_record(st->file));
	}
	if (st->tab == TAB_TIMELINE) {
		if (ui_timeline_selected(&st->tl, &e, &id))
			r = find_record(st, e, id);
	} else
		r = selected(st);
	if (r == NULL) {
		ui_error("%s", _("nothing selected"));
		return (UR_HANDLED);
	}
	return (end_record(r));
}

/* Acknowledges the selected flag with a reason and an optional end. */
static enum ui_result
act_ack(struct file_state *st)
{
	if (st->tab != TAB_SUMMARY) {
		ui_error("%s", _("acknowledge flags from the Summary tab"));
		return (UR_HANDLED);
	}
	if (st->flags.n == 0) {
		ui_error("%s", _("no flag to acknowledge"));
		return (UR_HANDLED);
	}
	return (ui_ack_flag(&st->flags.flags[st->lists[TAB_SUMMARY].sel]) ?
	    UR_RELOAD : UR_HANDLED);
}

/* Enter on a flag: go to the record behind it. */
static void
goto_flag(struct file_state *st)
{
	const struct gap_flag	*f;
	size_t			 i, j;
	int			 t;

	if (st->flags.n == 0)
		return;
	f = &st->flags.flags[st->lists[TAB_SUMMARY].sel];
	for (i = 0; i < f->nrecords; i++) {
		for (t = TAB_PROJECTS; t < TAB_COUNT; t++) {
			for (j = 0; j < st->nrows[t]; j++) {
				if (st->rows[t][j].r == NULL ||
				    strcmp(st->rows[t][j].r->id,
				    f->records[i].id) != 0)
					continue;
				st->tab = t;
				st->lists[t].sel = j;
				return;
			}
		}
	}
	ui_message("%s", _("This flag is about the file as a whole."));
}

static enum ui_result
file_action(struct screen *sc, enum action a)
{
	struct file_state	*st = sc->state;
	int			 dir;

	switch (a) {
	case ACT_NEXT_TAB:
		st->tab = (st->tab + 1) % TAB_COUNT;
		return (UR_HANDLED);
	case ACT_PREV_TAB:
		st->tab = (st->tab + TAB_COUNT - 1) % TAB_COUNT;
		return (UR_HANDLED);
	case ACT_NEW:
		return (act_new(st));
	case ACT_EDIT:
		return (act_edit(st));
	case ACT_END_RECORD:
		return (act_end(st));
	case ACT_ACK:
		return (act_ack(st));
	case ACT_OPEN:
		if (st->tab == TAB_SUMMARY) {
			goto_flag(st);
			return (UR_HANDLED);
		}
		return (act_edit(st));
	default:
		break;
	}
	if (st->tab == TAB_TIMELINE)
		return (ui_timeline_action(&st->tl, a, file_body_height()));
	if (a == ACT_ZOOM || a == ACT_TODAY) {
		st->tab = TAB_TIMELINE;
		return (ui_timeline_action(&st->tl, a, file_body_height()));
	}
	if (list_action(&st->lists[st->tab], a, file_list_height(st))) {
		dir = a == ACT_UP || a == ACT_PAGE_UP || a == ACT_END ? -1 : 1;
		if (st->tab != TAB_SUMMARY)
			skip_headings(st, st->tab, dir);
		return (UR_HANDLED);
	}
	return (UR_NONE);
}

const struct screen_ops ui_file_ops = {
	"file", N_("Pathway file"), sizeof(struct file_state),
	file_actions, nitems(file_actions),
	file_init, file_free, file_load, file_draw, NULL, file_action,
	file_caption, NULL
};
