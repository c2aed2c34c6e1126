/*
 * Benchmark of the full-screen interface (make bench): drives the real
 * binary in a pseudo-terminal with scripted keys and timestamps, on the
 * demo database of N persons (100,000 by default, built with "parcours
 * demo" when missing; the same file bench-gaps uses).  A step's time runs
 * from the moment its key is written to the last byte of the screen
 * update it causes (output quiet for a few tens of milliseconds), so it
 * includes everything the user waits for: the work, the drawing and the
 * terminal output.  It prints:
 *   - the key derivation alone (scrypt with the parameters of the user's
 *     key slot, read from the key file) and unlock → caseload drawn on a
 *     10-person database (KDF and fixed costs), then on the big one, and
 *     the difference beyond the KDF;
 *   - each keystroke of a filter typed after '/';
 *   - opening a file (its screen with its flags) and the flags screen;
 *   - the peak and final resident memory (VmHWM, VmRSS).
 * Figures, not a test: it exits 0 unless the binary cannot be driven.
 */
#include "config.h"

#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

#define DEMO_PASS "demo-parcours-2026"
#define QUIET_MS 60
/* Seconds to wait for a screen: unlocking and the flags of a whole
 * scope can be slow on 100,000 files; a keystroke should not be. */
#define SLOW_TIMEOUT 900.0
#define STEP_TIMEOUT 60.0

struct term {
	pid_t	 pid;
	int	 fd;
	char	*out;		/* everything read since the last mark */
	size_t	 len, size;
};

/* The parcours being driven, killed if the benchmark gives up. */
static pid_t	child = -1;
/* Every demo user's passphrase. */
static const char *pass = DEMO_PASS;

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

static void
die(const char *what)
{
	fprintf(stderr, "bench-tui: %s\n", what);
	if (child > 0)
		kill(child, SIGKILL);
	exit(1);
}

/* Reads what is there within ms milliseconds; returns bytes read (0 on
 * timeout, -1 at the end). */
static ssize_t
term_read(struct term *t, int ms)
{
	struct pollfd	pfd = { t->fd, POLLIN, 0 };
	char		buf[65536];
	ssize_t		n;

	if (poll(&pfd, 1, ms) <= 0)
		return (0);
	n = read(t->fd, buf, sizeof buf);
	if (n <= 0)
		return (n < 0 && errno == EINTR ? 0 : -1);
	if (t->len + (size_t)n + 1 > t->size) {
		t->size = (t->len + (size_t)n + 1) * 2;
		if ((t->out = realloc(t->out, t->size)) == NULL)
			die("out of memory");
	}
	memcpy(t->out + t->len, buf, (size_t)n);
	t->len += (size_t)n;
	t->out[t->len] = '\0';
	return (n);
}

/* Forgets what was read. */
static void
term_mark(struct term *t)
{
	t->len = 0;
	if (t->out != NULL)
		t->out[0] = '\0';
}

/* Whether the output since the mark holds text (NULs do not occur). */
static bool
term_has(const struct term *t, const char *text)
{
	return (t->out != NULL && strstr(t->out, text) != NULL);
}

/*
 * Waits until marker (NULL: any output) has appeared since the mark and
 * the output has then been quiet for QUIET_MS; returns the time of the
 * last byte, or a negative number on timeout or end of output.
 */
static double
term_settle(struct term *t, const char *marker, double timeout)
{
	double	start = now(), last = -1;
	ssize_t	n;

	for (;;) {
		n = term_read(t, QUIET_MS);
		if (n < 0)
			return (-1);
		if (n > 0) {
			last = now();
			continue;
		}
		if (last > 0 && (marker == NULL || term_has(t, marker)))
			return (last);
		if (now() - start > timeout)
			return (-1);
	}
}

static void
term_send(struct term *t, const char *keys)
{
	size_t	len = strlen(keys);

	if (write(t->fd, keys, len) != (ssize_t)len)
		die("cannot write to the terminal");
}

/* Sends keys, then returns the seconds until the screen settled. */
static double
step_within(struct term *t, const char *keys, const char *marker,
    double timeout)
{
	double	t0, t1;

	term_settle(t, NULL, 0.2);
	term_mark(t);
	t0 = now();
	term_send(t, keys);
	t1 = term_settle(t, marker, timeout);
	if (t1 < 0) {
		fprintf(stderr, "bench-tui: the screen did not settle (waiting "
		    "for \"%s\")\n", marker != NULL ? marker : "output");
		return (-1);
	}
	return (t1 - t0);
}

static double
step(struct term *t, const char *keys, const char *marker)
{
	return (step_within(t, keys, marker, STEP_TIMEOUT));
}

static struct term
term_start(const char *parcours, const char *db, const char *user)
{
	struct winsize	ws = { 40, 120, 0, 0 };
	struct term	t = { 0, -1, NULL, 0, 0 };

	t.pid = forkpty(&t.fd, NULL, NULL, &ws);
	if (t.pid < 0)
		die("forkpty failed");
	child = t.pid;
	if (t.pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		unsetenv("NO_COLOR");
		execl(parcours, parcours, "--db", db, "--user", user,
		    (char *)NULL);
		_exit(127);
	}
	if (term_settle(&t, "Passphrase", 30) < 0)
		die("the unlock screen did not appear");
	return (t);
}

/* VmHWM and VmRSS of the process, in kB. */
static void
memory(pid_t pid, long *hwm, long *rss)
{
	char	 path[64], line[256];
	FILE	*f;

	*hwm = *rss = -1;
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		if (strncmp(line, "VmHWM:", 6) == 0)
			*hwm = strtol(line + 6, NULL, 10);
		else if (strncmp(line, "VmRSS:", 6) == 0)
			*rss = strtol(line + 6, NULL, 10);
	}
	fclose(f);
}

static void
term_quit(struct term *t)
{
	int	status;

	term_send(t, "\033[21~");		/* F10 */
	while (term_read(t, 200) > 0)
		;
	kill(t->pid, SIGKILL);		/* if F10 was not enough */
	waitpid(t->pid, &status, 0);
	child = -1;
	close(t->fd);
	free(t->out);
}

/* Unlock → caseload drawn, in seconds. */
static double
unlock(struct term *t, const char *passphrase)
{
	char	*keys;
	double	 d;

	if (asprintf(&keys, "%s\r", passphrase) < 0)
		die("out of memory");
	d = step_within(t, keys, "Caseload", SLOW_TIMEOUT);
	free(keys);
	return (d);
}

/* "123.4 ms", or "timed out" for a step that never settled. */
static const char *
ms(double seconds)
{
	static char	buf[4][32];
	static int	which;
	char		*b = buf[which++ % 4];

	if (seconds < 0)
		snprintf(b, sizeof buf[0], "%s", "timed out");
	else
		snprintf(b, sizeof buf[0], "%.1f ms", seconds * 1e3);
	return (b);
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

/* The scrypt parameters of a user's key slot in DB.keys. */
struct kdf {
	uint64_t	n, r, p;
};

static struct kdf
slot_kdf(const char *db, const char *login)
{
	struct kdf	 k = { 0, 0, 0 };
	json_t		*keys, *slot;
	char		*path;
	size_t		 i;

	if (asprintf(&path, "%s.keys", db) < 0)
		die("out of memory");
	if ((keys = json_load_file(path, 0, NULL)) == NULL)
		die("cannot read the key file");
	json_array_foreach(json_object_get(keys, "slots"), i, slot) {
		if (strcmp(json_string_value(json_object_get(slot, "login")) !=
		    NULL ? json_string_value(json_object_get(slot, "login")) :
		    "", login) != 0)
			continue;
		k.n = (uint64_t)json_integer_value(json_object_get(slot, "n"));
		k.r = (uint64_t)json_integer_value(json_object_get(slot, "r"));
		k.p = (uint64_t)json_integer_value(json_object_get(slot, "p"));
	}
	json_decref(keys);
	free(path);
	if (k.n == 0)
		die("the user has no key slot");
	return (k);
}

/* The time of one scrypt with those parameters. */
static double
kdf_time(struct kdf k)
{
	unsigned char	 key[32];
	double		 t0 = now();

	if (EVP_PBE_scrypt(pass, strlen(pass),
	    (const unsigned char *)"0123456789abcdef", 16, k.n, k.r, k.p,
	    (uint64_t)1 << 30, key, sizeof key) != 1)
		die("scrypt failed");
	return (now() - t0);
}

/* Builds a demo database unless it exists. */
static void
make_db(const char *parcours, const char *db, unsigned long persons)
{
	struct stat	 sb;
	char		*cmd;
	int		 rc;

	if (stat(db, &sb) == 0)
		return;
	fprintf(stderr, "bench-tui: building %s (%lu persons)…\n", db,
	    persons);
	if (asprintf(&cmd, "'%s' --db '%s' demo --persons %lu < /dev/null "
	    "> /dev/null", parcours, db, persons) < 0)
		die("out of memory");
	rc = system(cmd);
	free(cmd);
	if (rc != 0)
		die("parcours demo failed");
}

int
main(int argc, char **argv)
{
	const char	*parcours = getenv("PARCOURS"), *user = "amoreau";
	const char	*query = "martin", *tmp = getenv("TMPDIR");
	char		*db = NULL, *small = NULL, keys[2];
	unsigned long	 persons = 100000;
	double		 kdf, t_small, t_big, t, ks[64], open_file, flags;
	long		 hwm, rss;
	size_t		 i, nk;
	int		 c;
	bool		 same;
	struct kdf	 big_kdf, small_kdf;
	struct term	 term;

	setvbuf(stdout, NULL, _IOLBF, 0);	/* figures as they come */
	for (c = 1; c < argc; c++) {
		if (strcmp(argv[c], "--db") == 0 && c + 1 < argc)
			db = argv[++c];
		else if (strcmp(argv[c], "--persons") == 0 && c + 1 < argc)
			persons = strtoul(argv[++c], NULL, 10);
		else if (strcmp(argv[c], "--user") == 0 && c + 1 < argc)
			user = argv[++c];
		else if (strcmp(argv[c], "--query") == 0 && c + 1 < argc)
			query = argv[++c];
		else if (strcmp(argv[c], "--parcours") == 0 && c + 1 < argc)
			parcours = argv[++c];
		else if (strcmp(argv[c], "--passphrase") == 0 && c + 1 < argc)
			pass = argv[++c];
		else {
			fprintf(stderr, "usage: bench-tui [--parcours PATH] "
			    "[--db PATH] [--persons N] [--user LOGIN] "
			    "[--query TEXT] [--passphrase TEXT]\n");
			return (2);
		}
	}
	if (parcours == NULL)
		parcours = "src/parcours";
	if (tmp == NULL)
		tmp = "/tmp";
	if (db == NULL && asprintf(&db, "%s/parcours-bench-%lu.db", tmp,
	    persons) < 0)
		die("out of memory");
	if (asprintf(&small, "%s/parcours-bench-10.db", tmp) < 0)
		die("out of memory");
	make_db(parcours, db, persons);
	make_db(parcours, small, 10);

	big_kdf = slot_kdf(db, user);
	small_kdf = slot_kdf(small, "amoreau");
	kdf = kdf_time(big_kdf);
	/* The small database says what an unlock costs besides the data
	 * only if its key slot costs the same. */
	same = memcmp(&big_kdf, &small_kdf, sizeof big_kdf) == 0;
	t_small = 0;
	if (same) {
		term = term_start(parcours, small, "amoreau");
		t_small = unlock(&term, DEMO_PASS);
		term_quit(&term);
	}

	term = term_start(parcours, db, user);
	t_big = unlock(&term, pass);
	if (t_small < 0 || t_big < 0)
		die("cannot unlock");
	printf("TUI on %s as %s (%lu persons)\n", db, user, persons);
	printf("  key derivation alone (scrypt N %-7llu r %llu) %5.1f ms\n",
	    (unsigned long long)big_kdf.n, (unsigned long long)big_kdf.r,
	    kdf * 1e3);
	if (same)
		printf("  unlock → caseload drawn, 10 persons      %8.1f ms\n",
		    t_small * 1e3);
	printf("  unlock → caseload drawn, %lu persons %8.1f ms\n", persons,
	    t_big * 1e3);
	printf("    beyond the key derivation              %8.1f ms\n",
	    (t_big - kdf) * 1e3);
	if (same)
		printf("    beyond the 10-person unlock            %8.1f ms\n",
		    (t_big - t_small) * 1e3);
	memory(term.pid, &hwm, &rss);
	printf("  resident memory with the caseload drawn  %8.1f MB "
	    "(peak so far %.1f MB)\n", (double)rss / 1024, (double)hwm / 1024);

	/* Each keystroke of the filter. */
	step(&term, "/", NULL);
	nk = strlen(query) < nitems(ks) ? strlen(query) : nitems(ks);
	for (i = 0; i < nk; i++) {
		keys[0] = query[i];
		keys[1] = '\0';
		ks[i] = step(&term, keys, NULL);
		printf("  filter keystroke %zu ('%c')               %11s\n",
		    i + 1, query[i], ms(ks[i]));
	}
	t = 0;
	for (i = 0; i < nk; i++)
		t += ks[i];
	qsort(ks, nk, sizeof *ks, cmp_double);
	printf("  filter keystroke: mean %.1f ms, median %.1f ms, max "
	    "%.1f ms\n", t / (double)nk * 1e3, ks[nk / 2] * 1e3,
	    ks[nk - 1] * 1e3);
	step(&term, "\r", NULL);		/* keep the filter */

	open_file = step(&term, "\r", NULL);	/* the first file shown */
	if (open_file < 0)
		printf("  (no file matches \"%s\": give --query a name of "
		    "the caseload)\n", query);
	printf("  opening a file with its flags            %11s\n",
	    ms(open_file));
	memory(term.pid, &hwm, &rss);
	printf("  resident memory with the file open       %8.1f MB "
	    "(peak so far %.1f MB)\n", (double)rss / 1024, (double)hwm / 1024);
	step(&term, "\033", NULL);
	step(&term, "\033", NULL);		/* drop the filter */
	flags = step_within(&term, "\033[17~", "Flags", SLOW_TIMEOUT);
	printf("  the flags screen (F6)                    %11s\n",
	    ms(flags));
	memory(term.pid, &hwm, &rss);
	printf("  peak resident memory (VmHWM)             %8.1f MB\n",
	    (double)hwm / 1024);
	printf("  resident memory at the end (VmRSS)       %8.1f MB\n",
	    (double)rss / 1024);
	term_quit(&term);
	free(small);
	return (0);
}
