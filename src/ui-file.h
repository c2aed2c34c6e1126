/*
 * What the pathway file screen's two halves share: ui-file.c loads the
 * file and answers the actions, ui-file-draw.c draws it from memory.
 * Private to those two files.
 */
#ifndef PARCOURS_UI_FILE_H
#define PARCOURS_UI_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "gaps.h"
#include "ui-timeline.h"
#include "widget-list.h"

struct record;
struct entity;
struct screen;

enum file_tab {
	TAB_SUMMARY,
	TAB_TIMELINE,
	TAB_PROJECTS,
	TAB_REFERENTS,
	TAB_PARTNERS,
	TAB_RIGHTS,
	TAB_JOURNAL,
	TAB_REFERRALS,
	TAB_COUNT
};

/* The record kinds of a file, in the order they are loaded. */
enum file_kind {
	K_REFERENT,
	K_PROJECT,
	K_MEASURE,
	K_RIGHT,
	K_INVOLVEMENT,
	K_EVENT,
	K_REFERRAL,
	K_COUNT
};

extern const struct entity *const file_kind_entity[K_COUNT];

struct file_tab_info {
	const char	*label;		/* N_() */
	int		 kinds[2];	/* enum file_kind, -1: none */
	const char	*headings[2];	/* N_(), when two kinds */
};
extern const struct file_tab_info file_tabs[TAB_COUNT];

/* A line of a list tab: a record, or a heading (r == NULL). */
struct file_row {
	int		 kind;
	struct record	*r;
	const char	*heading;
};

struct name_entry {
	char	*id;
	char	*name;
};

struct file_state {
	char			 *person_id;
	bool			  audited;
	int			  tab;
	struct record		 *person;
	struct record		 *file;
	struct record		**recs[K_COUNT];
	size_t			  nrecs[K_COUNT];
	struct name_entry	 *names;	/* partners, users, referents */
	size_t			  nnames;
	struct gap_result	  flags;
	char			 *flags_error;
	struct file_row		 *rows[TAB_COUNT];
	size_t			  nrows[TAB_COUNT];
	struct list_view	  lists[TAB_COUNT];
	size_t			  summary_top;	/* first line shown */
	struct ui_timeline	  tl;
};

/* The name of a partner, user or referent of the file (borrowed), or
 * NULL; ctx is the struct file_state. */
const char *file_name_of(void *ctx, const char *id);
/* Draws the file screen (the screen's draw operation). */
void file_draw(struct screen *, WINDOW *, int top, int height);
/* Rows of the list of a list tab at the current terminal size. */
int file_list_height(const struct file_state *);
/* Rows of the tab's body under the header and the tab row. */
int file_body_height(void);

#endif
