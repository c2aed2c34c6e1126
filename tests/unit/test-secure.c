/*
 * Unit tests of secret input and careful file writing: what is stripped
 * from a passphrase file and what is refused, reading from a descriptor
 * without taking more than one line, the rules for a new passphrase, and
 * files replaced atomically, created 0600, and left alone when writing
 * fails.  The terminal prompt needs a terminal and is not tested here.
 */

#include "config.h"

#include <sys/resource.h>
#include <sys/stat.h>
#ifdef HAVE_SYS_PRCTL_H
#include <sys/prctl.h>
#endif

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "secure.h"
#include "xmalloc.h"

#include "tmpdir.h"

/* Reads a passphrase file as the command line does. */
#define read_pw(path, s, cause) \
	secret_read_file((path), "passphrase file", (s), (cause))

static void
write_bytes(const char *path, const void *data, size_t len)
{
	FILE	*f;

	assert_non_null(f = fopen(path, "w"));
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static void
assert_contains(const char *s, const char *part)
{
	assert_non_null(s);
	if (strstr(s, part) == NULL)
		fail_msg("\"%s\" does not contain \"%s\"", s, part);
}

/* The number of entries in the test directory. */
static int
count_files(void)
{
	struct dirent	*de;
	DIR		*d;
	int		 n = 0;

	assert_non_null(d = opendir(tmpdir));
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	}
	closedir(d);
	return (n);
}

static void
test_read_file_strips_line_end(void **state)
{
	static const struct {
		const char	*content;
		const char	*expect;
	} cases[] = {
		{ "secret\n", "secret" },
		{ "secret", "secret" },
		{ "  secret  \n", "  secret  " },
		{ "\tsecret\t\n", "\tsecret\t" },
		{ "secret\r\n", "secret" },
		{ "secret\r\r\n", "secret\r" },
		{ "secret\r", "secret\r" },
		{ "secret\n\n", "secret" },
		{ "first line\nsecond line\n", "first line" },
		{ "pâté épicé\n", "pâté épicé" },
	};
	struct secret	 s;
	char		*path = tpath("pass"), *cause = NULL;
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		write_bytes(path, cases[i].content, strlen(cases[i].content));
		if (read_pw(path, &s, &cause) != 0)
			fail_msg("case %zu: %s", i, cause);
		assert_string_equal(s.data, cases[i].expect);
		assert_int_equal(s.len, strlen(cases[i].expect));
		secret_free(&s);
		assert_null(s.data);
	}
	assert_null(cause);
	free(path);
}

static void
test_read_file_empty(void **state)
{
	static const char	*contents[] = {
		"", "\n", "\r\n", "\nsecret\n"
	};
	struct secret		 s;
	char			*path = tpath("empty"), *cause = NULL, *expect;
	size_t			 i;

	(void)state;
	expect = xasprintf("passphrase file \"%s\": empty", path);
	for (i = 0; i < nitems(contents); i++) {
		write_bytes(path, contents[i], strlen(contents[i]));
		assert_int_equal(read_pw(path, &s, &cause), -1);
		assert_null(s.data);
		assert_string_equal(cause, expect);
	}
	free(expect);
	free(cause);
	free(path);
}

static void
test_read_file_too_long(void **state)
{
	struct secret	 s;
	char		*path = tpath("long"), *cause = NULL, *expect;
	char		 buf[PASSPHRASE_MAX + 4000];

	(void)state;
	memset(buf, 'a', sizeof buf);

	/* Exactly the maximum, with each line end. */
	write_bytes(path, buf, PASSPHRASE_MAX);
	assert_int_equal(read_pw(path, &s, &cause), 0);
	assert_int_equal(s.len, PASSPHRASE_MAX);
	secret_free(&s);
	memcpy(buf + PASSPHRASE_MAX, "\r\n", 2);
	write_bytes(path, buf, PASSPHRASE_MAX + 2);
	assert_int_equal(read_pw(path, &s, &cause), 0);
	assert_int_equal(s.len, PASSPHRASE_MAX);
	secret_free(&s);

	/* One more is refused, not cut. */
	expect = xasprintf("passphrase file \"%s\": too long (more than %d "
	    "bytes)", path, PASSPHRASE_MAX);
	memset(buf, 'a', sizeof buf);
	buf[PASSPHRASE_MAX + 1] = '\n';
	write_bytes(path, buf, PASSPHRASE_MAX + 2);
	assert_int_equal(read_pw(path, &s, &cause), -1);
	assert_string_equal(cause, expect);
	buf[PASSPHRASE_MAX] = '\r';
	buf[PASSPHRASE_MAX + 1] = 'a';
	write_bytes(path, buf, PASSPHRASE_MAX + 1);
	assert_int_equal(read_pw(path, &s, &cause), -1);
	assert_string_equal(cause, expect);
	write_bytes(path, buf, sizeof buf);
	assert_int_equal(read_pw(path, &s, &cause), -1);
	assert_string_equal(cause, expect);
	assert_null(s.data);

	free(expect);
	free(cause);
	free(path);
}

static void
test_read_file_errors(void **state)
{
	struct secret	 s;
	char		*path = tpath("nul"), *missing = tpath("missing");
	char		*cause = NULL;

	(void)state;
	write_bytes(path, "ab\0cd\n", 6);
	assert_int_equal(read_pw(path, &s, &cause), -1);
	assert_contains(cause, "contains a NUL byte");
	assert_contains(cause, path);

	assert_int_equal(read_pw(missing, &s, &cause), -1);
	assert_contains(cause, missing);
	assert_contains(cause, strerror(ENOENT));

	assert_int_equal(read_pw(tmpdir, &s, &cause), -1);
	assert_contains(cause, tmpdir);
	free(cause);
	free(missing);
	free(path);
}

/* A descriptor gives one line a call, and is left open. */
static void
test_read_fd(void **state)
{
	static const char	 input[] = "one\r\ntwo\nthree";
	struct secret		 s;
	char			*cause = NULL;
	int			 fds[2];

	(void)state;
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], input, sizeof input - 1),
	    sizeof input - 1);
	close(fds[1]);
	assert_int_equal(secret_read_fd(fds[0], &s, &cause), 0);
	assert_string_equal(s.data, "one");
	secret_free(&s);
	assert_int_equal(secret_read_fd(fds[0], &s, &cause), 0);
	assert_string_equal(s.data, "two");
	secret_free(&s);
	assert_int_equal(secret_read_fd(fds[0], &s, &cause), 0);
	assert_string_equal(s.data, "three");
	secret_free(&s);
	assert_int_equal(secret_read_fd(fds[0], &s, &cause), -1);
	assert_contains(cause, "descriptor");
	assert_contains(cause, "empty");
	assert_int_not_equal(fcntl(fds[0], F_GETFD), -1);
	close(fds[0]);
	free(cause);
}

static void
test_check_new(void **state)
{
	static const struct {
		const char	*pass;
		int		 ok;
	} cases[] = {
		{ "short", 0 },
		{ "elevenchars", 0 },
		{ "twelve chars", 1 },
		{ "ééééééééééé", 0 },	/* 11 characters, 22 bytes */
		{ "éééééééééééé", 1 },
		{ "张伟张伟张伟张伟张伟张伟", 1 },
		{ "\xff\xfe invalid utf-8 text", 0 },
		{ "\xc3\xa9\xc3 truncated sequence", 0 },
	};
	struct secret	 s;
	char		*cause = NULL;
	size_t		 i;

	(void)state;
	for (i = 0; i < nitems(cases); i++) {
		s.data = xstrdup(cases[i].pass);
		s.len = strlen(s.data);
		assert_int_equal(secret_check_new(&s, &cause),
		    cases[i].ok ? 0 : -1);
		secret_free(&s);
	}
	s.data = xstrdup("short");
	s.len = strlen(s.data);
	assert_int_equal(secret_check_new(&s, &cause), -1);
	assert_string_equal(cause, "the passphrase is too short: at least 12 "
	    "characters are needed");
	secret_free(&s);
	s.data = xstrdup("\xff\xfe invalid utf-8 text");
	s.len = strlen(s.data);
	assert_int_equal(secret_check_new(&s, &cause), -1);
	assert_contains(cause, "UTF-8");
	secret_free(&s);
	free(cause);
}

static void
test_write_file_mode(void **state)
{
	struct stat	 st;
	char		*path = tpath("mode"), *cause = NULL;
	mode_t		 old;

	(void)state;
	old = umask(0);
	assert_int_equal(secure_write_file(path, "data", 4, &cause), 0);
	umask(old);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(st.st_size, 4);

	/* An existing file with a wider mode is replaced by a 0600 one. */
	assert_int_equal(chmod(path, 0644), 0);
	assert_int_equal(secure_write_file(path, "", 0, &cause), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(st.st_size, 0);
	assert_null(cause);
	free(path);
}

static void
test_write_file_replaces(void **state)
{
	unsigned char	*data;
	size_t		 len;
	char		 buf[16];
	char		*path = tpath("replace"), *cause = NULL;
	int		 fd, before;

	(void)state;
	before = count_files();
	assert_int_equal(secure_write_file(path, "old", 3, &cause), 0);
	assert_int_equal(count_files(), before + 1);
	assert_int_not_equal(fd = open(path, O_RDONLY), -1);

	assert_int_equal(secure_write_file(path, "new contents", 12, &cause),
	    0);
	assert_int_equal(secure_read_file(path, 100, &data, &len, &cause), 0);
	assert_int_equal(len, 12);
	assert_string_equal((char *)data, "new contents");
	free(data);

	/* The old file was replaced, not rewritten in place. */
	assert_int_equal(read(fd, buf, sizeof buf), 3);
	assert_memory_equal(buf, "old", 3);
	close(fd);
	assert_int_equal(count_files(), before + 1);
	assert_null(cause);
	free(path);
}

static void
test_write_file_missing_dir(void **state)
{
	struct stat	 st;
	char		*path = tpath("nowhere/file.keys"), *cause = NULL;
	char		*expect;

	(void)state;
	assert_int_equal(secure_write_file(path, "data", 4, &cause), -1);
	expect = xasprintf("cannot write \"%s\": %s", path, strerror(ENOENT));
	assert_string_equal(cause, expect);
	assert_int_equal(stat(path, &st), -1);
	free(expect);
	free(cause);
	free(path);
}

/*
 * A write that fails halfway (here the file size limit, standing in for a
 * full disk) leaves the old file whole and no temporary behind.
 */
static void
test_write_file_failure_keeps_old(void **state)
{
	struct rlimit	 saved, small;
	unsigned char	*data;
	size_t		 len;
	char		*path = tpath("full"), *cause = NULL, *big, *expect;
	int		 before;

	(void)state;
	assert_int_equal(secure_write_file(path, "old", 3, &cause), 0);
	before = count_files();

	big = xmalloc(100000);
	memset(big, 'x', 100000);
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
	small = saved;
	small.rlim_cur = 4096;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	assert_int_equal(secure_write_file(path, big, 100000, &cause), -1);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
	signal(SIGXFSZ, SIG_DFL);

	expect = xasprintf("cannot write \"%s\": %s", path, strerror(EFBIG));
	assert_string_equal(cause, expect);
	assert_int_equal(count_files(), before);
	assert_int_equal(secure_read_file(path, 100, &data, &len, &cause), 0);
	assert_int_equal(len, 3);
	assert_memory_equal(data, "old", 3);
	free(data);
	free(expect);
	free(big);
	free(cause);
	free(path);
}

static void
test_read_file_limit(void **state)
{
	unsigned char	*data;
	char		*path = tpath("limit"), *cause = NULL, buf[10000];
	size_t		 len;

	(void)state;
	memset(buf, 'z', sizeof buf);
	write_bytes(path, buf, sizeof buf);
	assert_int_equal(secure_read_file(path, sizeof buf, &data, &len,
	    &cause), 0);
	assert_int_equal(len, sizeof buf);
	assert_int_equal(data[len], '\0');
	free(data);
	assert_int_equal(secure_read_file(path, sizeof buf - 1, &data, &len,
	    &cause), -1);
	assert_null(data);
	assert_contains(cause, path);
	assert_contains(cause, "too large");

	write_bytes(path, "", 0);
	assert_int_equal(secure_read_file(path, 10, &data, &len, &cause), 0);
	assert_int_equal(len, 0);
	assert_string_equal((char *)data, "");
	free(data);
	free(cause);
	free(path);
}

/* Last: it changes the process for good. */
static void
test_secure_init(void **state)
{
	struct rlimit	 rl;
	mode_t		 mask;

	(void)state;
	secure_init();
	assert_int_equal(getrlimit(RLIMIT_CORE, &rl), 0);
	assert_int_equal(rl.rlim_cur, 0);
	mask = umask(077);
	assert_int_equal(mask, 077);
#ifdef HAVE_SYS_PRCTL_H
	assert_int_equal(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
#endif
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_file_strips_line_end),
		cmocka_unit_test(test_read_file_empty),
		cmocka_unit_test(test_read_file_too_long),
		cmocka_unit_test(test_read_file_errors),
		cmocka_unit_test(test_read_fd),
		cmocka_unit_test(test_check_new),
		cmocka_unit_test(test_write_file_mode),
		cmocka_unit_test(test_write_file_replaces),
		cmocka_unit_test(test_write_file_missing_dir),
		cmocka_unit_test(test_write_file_failure_keeps_old),
		cmocka_unit_test(test_read_file_limit),
		cmocka_unit_test(test_secure_init),
	};

	return (cmocka_run_group_tests(tests, tmpdir_setup, tmpdir_teardown));
}
