/*
 * A private temporary directory for a group of unit tests: made by
 * tmpdir_setup (pass it to cmocka_run_group_tests), emptied and removed by
 * tmpdir_teardown.
 */
#ifndef PARCOURS_TESTS_TMPDIR_H
#define PARCOURS_TESTS_TMPDIR_H

/* The directory, while the group runs. */
extern char *tmpdir;

/* Makes $TMPDIR/parcours-test.XXXXXX (or under /tmp). */
int tmpdir_setup(void **state);
/* Removes the files in it, then the directory. */
int tmpdir_teardown(void **state);
/* A path in the directory; the caller frees it. */
char *tpath(const char *name);

#endif
