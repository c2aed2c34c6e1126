/*
 * The form screen: creates or edits a record of any entity, built from
 * the entity's descriptor (model.h) — one row per field with its label,
 * required fields marked with "*", the owning person hidden and preset.
 * Text is edited in place with a small line editor; dates are typed in
 * the user's format (dd/mm/yyyy in French) or ISO and kept as ISO;
 * enumerations and references (partners, users, referents…) are chosen
 * with the searchable picker over rows read in load(); booleans toggle.
 * Saving goes through model_insert() or model_update(), so the model's
 * validation is the only one: its message is shown under the field it
 * names and on the status line.  Leaving with unsaved changes asks first.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "date.h"
#include "model.h"
#include "session.h"
#include "text.h"
#include "ui-screens.h"
#include "widget-edit.h"
#include "xmalloc.h"

struct form_field {
	const struct field	*f;
	char			*value;		/* as stored: ISO dates */
	char			*orig;
	char			*raw;		/* a date that did not parse */
	char			*error;		/* inline message */
	bool			 readonly;	/* FF_FIXED when editing */
};

/* The rows of a referenced entity that a picker offers. */
struct form_refs {
	const char	*entity;
	char		**ids;
	char		**labels;
	size_t		  n;
};

struct form_state {
	const struct entity	*e;
	char			*id;		/* NULL: a new record */
	char			*person_id;
	char			**presets;	/* name, value, … */
	size_t			 npresets;
	char			*who;		/* the person's name */
	struct form_field	*fields;
	size_t			 nf;		/* rows: nf fields + Save */
	size_t			 sel;
	size_t			 top;
	bool			 loaded;
	struct form_refs	 refs[4];
	size_t			 nrefs;
	bool			 editing;
	struct line_edit	 ed;
};

static const enum action form_actions[] = { ACT_SAVE, ACT_OPEN, ACT_BACK,
    ACT_UP, ACT_DOWN, ACT_NEXT_TAB, ACT_PREV_TAB };

static bool
same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == b);
	return (strcmp(a, b) == 0);
}

static void
set_str(char **p, const char *v)
{
	free(*p);
	*p = v != NULL ? xstrdup(v) : NULL;
}

static int
form_init(struct screen *sc, void *arg, char **cause)
{
	struct form_state		*st = sc->state;
	const struct ui_form_arg	*a = arg;
	const struct field		*f;
	size_t				 i;

	if (a == NULL || a->entity == NULL) {
		set_cause(cause, "%s", _("nothing to edit"));
		return (-1);
	}
	st->e = a->entity;
	st->id = a->id != NULL ? xstrdup(a->id) : NULL;
	st->person_id = a->person_id != NULL ? xstrdup(a->person_id) : NULL;
	for (i = 0; a->presets != NULL && a->presets[i] != NULL &&
	    a->presets[i + 1] != NULL; i += 2) {
		st->presets = xreallocarray(st->presets, st->npresets + 2,
		    sizeof *st->presets);
		st->presets[st->npresets++] = xstrdup(a->presets[i]);
		st->presets[st->npresets++] = xstrdup(a->presets[i + 1]);
	}
	st->fields = xcalloc(st->e->nfields, sizeof *st->fields);
	for (i = 0; i < st->e->nfields; i++) {
		f = &st->e->fields[i];
		if (f->flags & FF_PARENT)
			continue;
		st->fields[st->nf].f = f;
		st->fields[st->nf].readonly = st->id != NULL &&
		    (f->flags & FF_FIXED);
		st->nf++;
	}
	return (0);
}

static void
refs_free(struct form_state *st)
{
	size_t	i, j;

	for (i = 0; i < st->nrefs; i++) {
		for (j = 0; j < st->refs[i].n; j++) {
			free(st->refs[i].ids[j]);
			free(st->refs[i].labels[j]);
		}
		free(st->refs[i].ids);
		free(st->refs[i].labels);
	}
	st->nrefs = 0;
}

static void
form_free(struct screen *sc)
{
	struct form_state	*st = sc->state;
	size_t			 i;

	refs_free(st);
	for (i = 0; i < st->nf; i++) {
		free(st->fields[i].value);
		free(st->fields[i].orig);
		free(st->fields[i].raw);
		free(st->fields[i].error);
	}
	free(st->fields);
	for (i = 0; i < st->npresets; i++)
		free(st->presets[i]);
	free(st->presets);
	free(st->id);
	free(st->person_id);
	free(st->who);
}

/* The label of a row of a referenced entity, as the picker shows it. */
static char *
ref_label(const struct record *r)
{
	const char	*a, *b;
	char		 when[11], *title, *s;
	date_t		 d;

	if (r->e == &model_user) {
		a = record_get(r, "display_name");
		b = record_get(r, "login");
		return (xasprintf("%s (%s)", a != NULL ? a : "?",
		    b != NULL ? b : "?"));
	}
	if (r->e == &model_referent) {
		a = record_get(r, "name");
		b = record_get(r, "start_date");
		when[0] = '\0';
		if (b != NULL && date_parse_iso(b, &d, NULL) == 0)
			date_format_user(d, when);
		return (xasprintf("%s — %s %s", a != NULL ? a : "?",
		    model_enum_label(model_field(r->e, "role"),
		    record_get(r, "role")), when));
	}
	if (r->e == &model_partner) {
		a = record_get(r, "name");
		b = record_get(r, "territory");
		return (b != NULL ? xasprintf("%s — %s", a, b) : xstrdup(a));
	}
	title = record_title(r);
	s = text_sanitize(title, false);
	free(title);
	return (s);
}

/* Reads the rows a reference field may point to. */
static int
load_refs(struct session *s, struct form_state *st, const char *entity,
    char **cause)
{
	const struct entity	 *e = model_entity(entity);
	struct model_filter	  mf = { 0 };
	struct form_refs	 *fr;
	struct record		**rs;
	size_t			  i, n;

	for (i = 0; i < st->nrefs; i++)
		if (strcmp(st->refs[i].entity, entity) == 0)
			return (0);
	if (e == NULL || st->nrefs == nitems(st->refs))
		return (0);
	if (e == &model_user) {
		mf.where = "disabled = 0";
		mf.order = "display_name";
	} else if (e == &model_partner)
		mf.order = "name";
	else if (e == &model_person)
		mf.order = "last_name, first_name";
	else {
		mf.person_id = st->person_id;
		mf.order = "start_date";
	}
	if (model_list(s, e, &mf, &rs, &n, cause) != 0)
		return (-1);
	fr = &st->refs[st->nrefs++];
	fr->entity = e->name;
	fr->n = 0;
	fr->ids = xcalloc(n > 0 ? n : 1, sizeof *fr->ids);
	fr->labels = xcalloc(n > 0 ? n : 1, sizeof *fr->labels);
	for (i = 0; i < n; i++) {
		/* A record cannot refer to itself (successor). */
		if (st->id != NULL && strcmp(rs[i]->id, st->id) == 0)
			continue;
		fr->ids[fr->n] = xstrdup(rs[i]->id);
		fr->labels[fr->n] = ref_label(rs[i]);
		fr->n++;
	}
	records_free(rs, n);
	return (0);
}

static struct form_refs *
refs_of(struct form_state *st, const char *entity)
{
	size_t	i;

	for (i = 0; i < st->nrefs; i++)
		if (strcmp(st->refs[i].entity, entity) == 0)
			return (&st->refs[i]);
	return (NULL);
}

/* Fills the values once: from the record, or from the presets and the
 * defaults of a new one.  Later loads keep what the person typed. */
static int
load_values(struct session *s, struct form_state *st, char **cause)
{
	struct record	*r = NULL;
	size_t		 i;

	if (st->id != NULL) {
		if (model_get(s, st->e, st->id, &r, cause) != 0)
			return (-1);
		if (st->person_id == NULL && record_person(r) != NULL &&
		    st->e != &model_person)
			st->person_id = xstrdup(record_person(r));
	} else {
		r = record_new(st->e);
		for (i = 0; i < st->npresets; i += 2)
			record_set(r, st->presets[i], st->presets[i + 1]);
		record_fill_defaults(r);
	}
	for (i = 0; i < st->nf; i++) {
		set_str(&st->fields[i].value, record_get(r,
		    st->fields[i].f->name));
		/* Presets and defaults are not changes of the person's. */
		set_str(&st->fields[i].orig, st->fields[i].value);
	}
	record_free(r);
	return (0);
}

static int
form_load(struct screen *sc, char **cause)
{
	struct form_state	*st = sc->state;
	struct session		*s = ui_session();
	struct record		*p = NULL;
	size_t			 i;

	if (!st->loaded) {
		if (load_values(s, st, cause) != 0)
			return (-1);
		if (st->person_id != NULL && st->e != &model_person &&
		    model_get(s, &model_person, st->person_id, &p, NULL) == 0) {
			char *t = record_title(p);
			st->who = text_sanitize(t, false);
			free(t);
			record_free(p);
		}
		st->loaded = true;
	}
	refs_free(st);
	for (i = 0; i < st->nf; i++) {
		if (st->fields[i].f->type == FT_REF &&
		    load_refs(s, st, st->fields[i].f->ref, cause) != 0)
			return (-1);
	}
	return (0);
}

/* How a value reads on screen (caller frees). */
static char *
display_value(struct form_state *st, const struct form_field *ff)
{
	const struct field	*f = ff->f;
	struct form_refs	*fr;
	char			 buf[11], *s, *p;
	date_t			 d;
	size_t			 i;

	if (ff->raw != NULL)
		return (xstrdup(ff->raw));
	if (ff->value == NULL)
		return (NULL);
	switch (f->type) {
	case FT_DATE:
		if (date_parse_iso(ff->value, &d, NULL) != 0)
			return (xstrdup(ff->value));
		date_format_user(d, buf);
		return (xstrdup(buf));
	case FT_ENUM:
		return (xstrdup(model_enum_label(f, ff->value)));
	case FT_BOOL:
		return (xstrdup(strcmp(ff->value, "1") == 0 ? _("yes") :
		    _("no")));
	case FT_REF:
		if ((fr = refs_of(st, f->ref)) != NULL)
			for (i = 0; i < fr->n; i++)
				if (strcmp(fr->ids[i], ff->value) == 0)
					return (xstrdup(fr->labels[i]));
		return (xstrdup(ff->value));
	default:
		/* Several lines read as one, with a mark at each break. */
		s = text_sanitize(ff->value, true);
		for (p = s; *p != '\0'; p++)
			if (*p == '\n' || *p == '\t')
				*p = ' ';
		return (s);
	}
}

static bool
form_dirty(struct form_state *st)
{
	size_t	i;

	if (st->editing)
		return (true);
	for (i = 0; i < st->nf; i++)
		if (!same(st->fields[i].value, st->fields[i].orig) ||
		    st->fields[i].raw != NULL)
			return (true);
	return (false);
}

/* Lines a row takes: one, and one more for its error. */
static int
row_lines(struct form_state *st, size_t row)
{
	return (row < st->nf && st->fields[row].error != NULL ? 2 : 1);
}

static void
keep_visible(struct form_state *st, int height)
{
	int	lines;
	size_t	i;

	if (st->sel < st->top)
		st->top = st->sel;
	for (;;) {
		lines = 0;
		for (i = st->top; i <= st->sel; i++)
			lines += row_lines(st, i);
		if (lines <= height || st->top == st->sel)
			break;
		st->top++;
	}
}

static int
label_width(struct form_state *st)
{
	int	w, max = 10;
	size_t	i;

	for (i = 0; i < st->nf; i++) {
		w = text_width(_(st->fields[i].f->label)) + 2;
		if (w > max)
			max = w;
	}
	return (max > COLS / 3 ? COLS / 3 : max);
}

static void
form_draw(struct screen *sc, WINDOW *w, int top, int height)
{
	struct form_state	*st = sc->state;
	struct form_field	*ff;
	char			*label, *val, *save;
	int			 lw, vx, vw, y, body;
	size_t			 i;
	bool			 sel;

	lw = label_width(st);
	vx = 2 + lw + 1;
	vw = COLS - vx - 1;
	body = height - 2;
	if (body < 1)
		body = 1;
	keep_visible(st, body);
	y = top;
	for (i = st->top; i <= st->nf && y < top + body; i++) {
		sel = i == st->sel;
		if (i == st->nf) {
			save = xasprintf("[ %s ]", _("Save"));
			ui_put(w, y, vx, text_width(save), save, sel ?
			    UC_SELECTED : UC_HEADER);
			free(save);
			y++;
			continue;
		}
		ff = &st->fields[i];
		label = xasprintf("%s%s", _(ff->f->label),
		    (ff->f->flags & FF_REQUIRED) ? " *" : "");
		ui_put(w, y, 1, lw + 1, label, sel ? UC_SELECTED :
		    ff->readonly ? UC_DIM : UC_NORMAL);
		free(label);
		if (sel && st->editing)
			edit_draw(&st->ed, w, y, vx, vw);
		else {
			val = display_value(st, ff);
			if (val == NULL)
				ui_put(w, y, vx, vw, "—", UC_DIM);
			else
				ui_put(w, y, vx, vw, val, ff->readonly ?
				    UC_DIM : ff->raw != NULL ? UC_HIGH :
				    sel ? UC_INPUT : UC_NORMAL);
			free(val);
		}
		y++;
		if (ff->error != NULL && y < top + body) {
			ui_put(w, y, vx, vw, ff->error, UC_HIGH);
			y++;
		}
	}
	ui_put(w, top + height - 1, 1, COLS - 2, st->editing ?
	    _("Typing: Enter or ↑↓ to keep · Esc to undo · Ctrl-U clears") :
	    _("Type to replace · Enter: edit or choose · F2 or Ctrl-S: save · "
	    "Esc: back · * required"), UC_DIM);
}

static char *
form_caption(struct screen *sc)
{
	struct form_state	*st = sc->state;
	char			*what;

	what = st->id == NULL ? xasprintf(_("new %s"), _(st->e->label)) :
	    xasprintf(_("edit %s"), _(st->e->label));
	if (st->who != NULL) {
		char *t = xasprintf("%s · %s", what, st->who);
		free(what);
		what = t;
	}
	return (what);
}

/* Starts the line editor on the selected field with its current text. */
static void
edit_start(struct form_state *st)
{
	struct form_field	*ff = &st->fields[st->sel];
	char			 buf[11];
	date_t			 d;

	if (ff->raw != NULL)
		edit_set(&st->ed, ff->raw);
	else if (ff->value != NULL && ff->f->type == FT_DATE &&
	    date_parse_iso(ff->value, &d, NULL) == 0) {
		date_format_user(d, buf);
		edit_set(&st->ed, buf);
	} else
		edit_set(&st->ed, ff->value);
	st->editing = true;
}

/* Trims spaces at both ends (in place); returns s. */
static char *
trim(char *s)
{
	char	*p = s, *e;

	while (*p == ' ')
		p++;
	memmove(s, p, strlen(p) + 1);
	e = s + strlen(s);
	while (e > s && e[-1] == ' ')
		*--e = '\0';
	return (s);
}

/* Ends the line editor, keeping the text as the field's value. */
static void
edit_commit(struct form_state *st)
{
	struct form_field	*ff = &st->fields[st->sel];
	char			*text, *why = NULL, iso[11];
	date_t			 d;

	if (!st->editing)
		return;
	st->editing = false;
	text = trim(edit_text(&st->ed));
	free(ff->raw);
	ff->raw = NULL;
	free(ff->error);
	ff->error = NULL;
	if (*text == '\0') {
		set_str(&ff->value, NULL);
	} else if (ff->f->type == FT_DATE) {
		if (date_parse_user(text, &d, &why) == 0) {
			date_format_iso(d, iso);
			set_str(&ff->value, iso);
		} else {
			ff->raw = xstrdup(text);
			ff->error = why;
			why = NULL;
			ui_error("%s: %s", _(ff->f->label), ff->error);
		}
	} else
		set_str(&ff->value, text);
	free(why);
	free(text);
}

static void
form_move(struct form_state *st, int delta)
{
	if (delta < 0 && st->sel > 0)
		st->sel--;
	else if (delta > 0 && st->sel < st->nf)
		st->sel++;
}

/* Chooses an enumeration value or a referenced row with the picker;
 * returns whether one was chosen. */
static bool
pick_value(struct form_state *st)
{
	struct form_field	*ff = &st->fields[st->sel];
	const struct field	*f = ff->f;
	const struct enum_value	*ev;
	struct form_refs	*fr = NULL;
	const char		**labels;
	const char		*none = _("(none)");
	char			*title;
	size_t			 n = 0, i, initial = 0, off;
	int			 k;

	off = (f->flags & FF_REQUIRED) ? 0 : 1;
	if (f->type == FT_ENUM) {
		for (ev = f->values; ev->value != NULL; ev++)
			n++;
	} else {
		if ((fr = refs_of(st, f->ref)) == NULL)
			return (false);
		n = fr->n;
	}
	labels = xcalloc(n + off + 1, sizeof *labels);
	if (off)
		labels[0] = none;
	for (i = 0; i < n; i++) {
		const char *id = f->type == FT_ENUM ? f->values[i].value :
		    fr->ids[i];

		labels[i + off] = f->type == FT_ENUM ?
		    _(f->values[i].label) : fr->labels[i];
		if (ff->value != NULL && strcmp(ff->value, id) == 0)
			initial = i + off;
	}
	if (n + off == 0) {
		ui_error(_("%s: nothing to choose from yet"), _(f->label));
		free(labels);
		return (false);
	}
	title = xasprintf(_("Choose: %s"), _(f->label));
	k = ui_pick(title, labels, n + off, initial);
	free(title);
	free(labels);
	if (k < 0)
		return (false);
	free(ff->error);
	ff->error = NULL;
	if (off && k == 0)
		set_str(&ff->value, NULL);
	else
		set_str(&ff->value, f->type == FT_ENUM ?
		    f->values[k - off].value : fr->ids[k - off]);
	return (true);
}

/* Acts on the selected row: edit, choose, toggle. */
static enum ui_result
form_open(struct form_state *st)
{
	struct form_field	*ff;

	if (st->sel >= st->nf)
		return (UR_NONE);
	ff = &st->fields[st->sel];
	if (ff->readonly) {
		ui_error(_("%s cannot be changed"), _(ff->f->label));
		return (UR_HANDLED);
	}
	switch (ff->f->type) {
	case FT_ENUM:
	case FT_REF:
		if (pick_value(st))
			form_move(st, 1);
		break;
	case FT_BOOL:
		set_str(&ff->value, ff->value != NULL &&
		    strcmp(ff->value, "1") == 0 ? "0" : "1");
		break;
	default:
		edit_start(st);
		break;
	}
	return (UR_HANDLED);
}

/* Shows a model message under the field it names ("end_date: …"). */
static void
show_error(struct form_state *st, const char *cause)
{
	size_t	i, n = strcspn(cause, ":");
	const char *rest = cause + n;

	if (cause[n] == ':' && strspn(cause, "abcdefghijklmnopqrstuvwxyz"
	    "0123456789_") == n) {
		while (*++rest == ' ')
			;
		for (i = 0; i < st->nf; i++) {
			if (strlen(st->fields[i].f->name) != n ||
			    strncmp(st->fields[i].f->name, cause, n) != 0)
				continue;
			set_str(&st->fields[i].error, rest);
			st->sel = i;
			ui_error("%s: %s", _(st->fields[i].f->label), rest);
			return;
		}
	}
	ui_error("%s", cause);
}

static enum ui_result
form_save(struct form_state *st)
{
	struct session	*s = ui_session();
	struct record	*r;
	char		*cause = NULL;
	size_t		 i, changes = 0;
	int		 rc;

	edit_commit(st);
	for (i = 0; i < st->nf; i++) {
		if (st->fields[i].raw != NULL) {
			st->sel = i;
			ui_error("%s: %s", _(st->fields[i].f->label),
			    st->fields[i].error != NULL ? st->fields[i].error :
			    _("not a date"));
			return (UR_HANDLED);
		}
		free(st->fields[i].error);
		st->fields[i].error = NULL;
	}
	r = record_new(st->e);
	if (st->id == NULL) {
		for (i = 0; i < st->e->nfields; i++)
			if ((st->e->fields[i].flags & FF_PARENT) &&
			    st->person_id != NULL)
				record_set(r, st->e->fields[i].name,
				    st->person_id);
		for (i = 0; i < st->nf; i++)
			if (st->fields[i].value != NULL)
				record_set(r, st->fields[i].f->name,
				    st->fields[i].value);
		rc = model_insert(s, r, 0, NULL, &cause);
	} else {
		for (i = 0; i < st->nf; i++) {
			if (st->fields[i].readonly || same(st->fields[i].value,
			    st->fields[i].orig))
				continue;
			record_set(r, st->fields[i].f->name,
			    st->fields[i].value);
			changes++;
		}
		rc = changes == 0 ? 0 : model_update(s, r, st->id, &cause);
	}
	record_free(r);
	if (rc != 0) {
		show_error(st, cause != NULL ? cause : _("cannot save"));
		free(cause);
		return (UR_HANDLED);
	}
	if (st->id != NULL && changes == 0)
		ui_message("%s", _("Nothing changed."));
	else {
		ui_message(_("Saved the %s."), _(st->e->label));
		ui_reload_all();
	}
	return (UR_CLOSE);
}


/* The keys while a field is being typed. */
static enum ui_result
form_edit_key(struct form_state *st, wint_t ch, bool fn)
{
	switch (edit_key(&st->ed, ch, fn)) {
	case EDIT_GOING:
		return (UR_HANDLED);
	case EDIT_DONE:
		edit_commit(st);
		form_move(st, 1);
		return (UR_HANDLED);
	case EDIT_CANCEL:
		st->editing = false;
		return (UR_HANDLED);
	case EDIT_PASS:
		break;
	}
	/* Other keys (arrows, F-keys, Ctrl-S) keep the text and go on. */
	edit_commit(st);
	if (action_for_key(ch, fn) == ACT_SAVE)
		return (form_save(st));
	return (UR_NONE);
}

static enum ui_result
form_key(struct screen *sc, wint_t ch, bool fn)
{
	struct form_state	*st = sc->state;
	struct form_field	*ff;

	if (st->editing)
		return (form_edit_key(st, ch, fn));
	if (fn || st->sel >= st->nf)
		return (UR_NONE);
	ff = &st->fields[st->sel];
	if (ff->readonly)
		return (UR_NONE);
	/* Space toggles a yes/no field. */
	if (ff->f->type == FT_BOOL && ch == ' ')
		return (form_open(st));
	/* Typing on a text, date or number field replaces its value, as
	 * in a spreadsheet; Enter edits the value in place. */
	if ((ff->f->type == FT_TEXT || ff->f->type == FT_LONGTEXT ||
	    ff->f->type == FT_DATE || ff->f->type == FT_INT) &&
	    iswprint(ch) && ch != ' ') {
		edit_set(&st->ed, NULL);
		st->editing = true;
		return (form_edit_key(st, ch, false));
	}
	return (UR_NONE);
}

/* Leaving with unsaved changes asks first, whatever key leaves. */
static bool
form_can_leave(struct screen *sc)
{
	struct form_state	*st = sc->state;

	return (!form_dirty(st) || ui_confirm(_("Discard your changes?")));
}

static enum ui_result
form_action(struct screen *sc, enum action a)
{
	struct form_state	*st = sc->state;

	switch (a) {
	case ACT_UP:
	case ACT_PREV_TAB:
		form_move(st, -1);
		return (UR_HANDLED);
	case ACT_DOWN:
	case ACT_NEXT_TAB:
		form_move(st, 1);
		return (UR_HANDLED);
	case ACT_PAGE_UP:
	case ACT_HOME:
		st->sel = 0;
		return (UR_HANDLED);
	case ACT_PAGE_DOWN:
	case ACT_END:
		st->sel = st->nf;
		return (UR_HANDLED);
	case ACT_OPEN:
	case ACT_EDIT:
		if (st->sel == st->nf)
			return (form_save(st));
		return (form_open(st));
	case ACT_SAVE:
		return (form_save(st));
	case ACT_BACK:
		if (!form_can_leave(sc))
			return (UR_HANDLED);
		ui_message("%s", "");
		return (UR_CLOSE);
	default:
		return (UR_NONE);
	}
}

const struct screen_ops ui_form_ops = {
	"form", N_("Form"), sizeof(struct form_state),
	form_actions, nitems(form_actions),
	form_init, form_free, form_load, form_draw, form_key, form_action,
	form_caption, form_can_leave
};
