/*
 * The temporary directory of a group of unit tests (tmpdir.h).
 */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tmpdir.h"
#include "xmalloc.h"

char	*tmpdir;

int
tmpdir_setup(void **state)
{
	const char	*base = getenv("TMPDIR");

	(void)state;
	if (base == NULL || *base == '\0')
		base = "/tmp";
	tmpdir = xasprintf("%s/parcours-test.XXXXXX", base);
	if (mkdtemp(tmpdir) == NULL)
		return (-1);
	return (0);
}

int
tmpdir_teardown(void **state)
{
	struct dirent	*de;
	DIR		*d;
	char		*p;

	(void)state;
	if ((d = opendir(tmpdir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			p = xasprintf("%s/%s", tmpdir, de->d_name);
			unlink(p);
			free(p);
		}
		closedir(d);
	}
	rmdir(tmpdir);
	free(tmpdir);
	tmpdir = NULL;
	return (0);
}

char *
tpath(const char *name)
{
	return (xasprintf("%s/%s", tmpdir, name));
}
