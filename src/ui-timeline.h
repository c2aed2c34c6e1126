/*
 * The timeline tab of the pathway file: months across the screen, one row
 * per referent, project, measure, right and partner involvement drawn as
 * a bar, today marked, the periods without a coordinator and the lapsed
 * rights in red, the coming deadlines marked.  The file screen loads the
 * records; ui_timeline_build() turns them into rows (no SQL), and
 * ui_timeline_draw() only draws them.  The arithmetic is timeline.c.
 */
#ifndef PARCOURS_UI_TIMELINE_H
#define PARCOURS_UI_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>

#include "timeline.h"
#include "ui.h"
#include "widget-list.h"

struct record;
struct entity;

/* What a row of the timeline shows. */
enum tl_row_kind {
	TLR_GAP,		/* the periods without a coordinator */
	TLR_REFERENT,
	TLR_PROJECT,
	TLR_MEASURE,
	TLR_RIGHT,
	TLR_INVOLVEMENT
};

/* A deadline on a row. */
struct tl_mark {
	date_t	day;
	bool	overdue;	/* passed and not met (review overdue) */
};

struct tl_row {
	enum tl_row_kind	 kind;
	char			*label;
	const struct entity	*entity;	/* NULL for the gap row */
	const char		*id;		/* borrowed from the record */
	date_t			 start;		/* DATE_NONE: no bar */
	date_t			 end;		/* DATE_NONE: running */
	bool			 ended;		/* over, drawn dimmed */
	bool			 pending;	/* requested, not granted */
	struct tl_period	*red;		/* gaps and lapses */
	size_t			 nred;
	struct tl_mark		 marks[4];
	size_t			 nmarks;
};

/* The records of a file the timeline is built from (borrowed). */
struct tl_input {
	const struct record	*file;		/* opened_on, closed_on */
	struct record *const	*referents;
	size_t			 nreferents;
	struct record *const	*projects;
	size_t			 nprojects;
	struct record *const	*measures;
	size_t			 nmeasures;
	struct record *const	*rights;
	size_t			 nrights;
	struct record *const	*involvements;
	size_t			 ninvolvements;
	/* The name of a referenced row (partner, user), or NULL. */
	const char		*(*name_of)(void *ctx, const char *id);
	void			*ctx;
};

struct ui_timeline {
	struct tl_scale		 scale;
	bool			 placed;	/* the window was set */
	struct tl_row		*rows;
	size_t			 n;
	struct list_view	 list;		/* selected row */
	date_t			 opened;	/* the file's opening */
	size_t			 ngaps;		/* days-periods without a
						   coordinator */
	size_t			 nlapsed;	/* rights lapsed */
};

/* Replaces the rows with those of in (the window is kept). */
void ui_timeline_build(struct ui_timeline *, const struct tl_input *in);
/* Frees the rows. */
void ui_timeline_clear(struct ui_timeline *);
/* Draws the timeline in the rectangle (top, 0)-(top+height, width). */
void ui_timeline_draw(struct ui_timeline *, WINDOW *, int top, int height,
    int width);
/* Scroll, zoom, today and row movement; UR_NONE if not one of them. */
enum ui_result ui_timeline_action(struct ui_timeline *, enum action,
    int height);
/* The selected row's record (entity and id), or false for none. */
bool ui_timeline_selected(const struct ui_timeline *,
    const struct entity **, const char **id);

#endif
