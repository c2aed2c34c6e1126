/*
 * The screens of the full-screen interface, one ui-*.c each, and the
 * few calls between them and the engine (ui.c).
 */
#ifndef PARCOURS_UI_SCREENS_H
#define PARCOURS_UI_SCREENS_H

#include "ui.h"

struct session;
struct session_opts;
struct entity;
struct record;

extern const struct screen_ops ui_unlock_ops;	/* arg: NULL */
extern const struct screen_ops ui_caseload_ops;	/* arg: NULL, or a worker
						   id (char *) to drill down */
extern const struct screen_ops ui_file_ops;	/* arg: person id (char *) */
extern const struct screen_ops ui_form_ops;	/* arg: struct ui_form_arg */
extern const struct screen_ops ui_flags_ops;	/* arg: NULL */
extern const struct screen_ops ui_partners_ops;	/* arg: NULL */
extern const struct screen_ops ui_team_ops;	/* arg: NULL */
extern const struct screen_ops ui_help_ops;	/* arg: the screen below */

/* What the form screen edits: a new record of entity (with person_id
 * preset when not NULL) or the existing record with that id. */
struct ui_form_arg {
	const struct entity	*entity;
	const char		*id;		/* NULL: a new record */
	const char		*person_id;	/* preset parent, or NULL */
	/* Preset values for a new record ("role" = "coordinator" …), as
	 * name/value pairs ending with NULL; may be NULL. */
	const char *const	*presets;
};

/*
 * Hands the file of person_id over to another worker (ui-team.c): picks
 * the worker, asks for confirmation, runs handover_file() and says what
 * happened on the status line.  name is the person's name for the
 * questions.  Returns true if the file changed hands (screens must
 * reload).
 */
bool ui_reassign(const char *person_id, const char *name);
/* Asks for a reason and an end and acknowledges the flag (ui-flags.c);
 * true once it is recorded. */
struct gap_flag;
bool ui_ack_flag(const struct gap_flag *);

/* Called by the unlock screen once a session is open. */
void ui_unlocked(struct session *);
/* The options the interface was started with (database, user…). */
const struct session_opts *ui_session_opts(void);

#endif
