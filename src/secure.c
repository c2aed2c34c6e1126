/*
 * Process hardening, secret input and careful file writing.  The process
 * never dumps core (a core file would hold the master key and decrypted
 * records) and creates files for its user alone.  Passphrases come from the
 * terminal with echo off, or from a file or an inherited descriptor for
 * scripts, never from argv or the environment; they are read one byte at
 * a time into a buffer that is wiped afterwards, so that nothing past the
 * first line is consumed and no stray copy is left behind.  Files that hold
 * anything derived from the data are replaced atomically: a reader sees
 * either the old file or the new one, never half of one, even after a
 * crash or a full disk.
 */

#include "config.h"

#include "secure.h"

#include <sys/types.h>
#include <sys/resource.h>
#include <sys/stat.h>
#ifdef HAVE_SYS_PRCTL_H
#include <sys/prctl.h>
#endif

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "text.h"
#include "xmalloc.h"

/* What reading one line of secret input came to. */
enum line_status {
	LINE_OK,
	LINE_EOF,	/* end of input before any byte */
	LINE_EMPTY,	/* an empty line */
	LINE_LONG,	/* more than PASSPHRASE_MAX bytes */
	LINE_NUL,	/* a NUL byte inside the line */
	LINE_ERROR,	/* read(2) failed: see the saved errno */
	LINE_SIGNAL	/* interrupted by a signal caught at the prompt */
};

/*
 * Signals caught while the terminal has echo off, so that it can be put
 * back before the signal takes its usual effect (as readpassphrase(3)
 * does).  The handler only records the signal.
 */
static const int		tty_signals[] = {
	SIGALRM, SIGHUP, SIGINT, SIGPIPE, SIGQUIT, SIGTERM, SIGTSTP, SIGTTIN,
	SIGTTOU
};
static volatile sig_atomic_t	tty_caught[nitems(tty_signals)];

/*
 * Turns core dumps off and makes every file created from now on private
 * to the user.  Called first thing in main(), before any secret exists.
 * Failures are ignored: they leave the process no worse than before.
 */
void
secure_init(void)
{
	struct rlimit	 rl;

	rl.rlim_cur = rl.rlim_max = 0;
	setrlimit(RLIMIT_CORE, &rl);
#ifdef HAVE_SYS_PRCTL_H
	/*
	 * RLIMIT_CORE does not stop a core piped to a handler (core_pattern
	 * "|…"), nor ptrace by another process of the same user: this does.
	 */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
	umask(077);
}

/* Wipes and frees the secret's memory; the structure may be reused. */
void
secret_free(struct secret *s)
{
	if (s == NULL)
		return;
	if (s->data != NULL) {
		OPENSSL_cleanse(s->data, s->len + 1);
		free(s->data);
	}
	s->data = NULL;
	s->len = 0;
}

static void
tty_catch(int signo)
{
	size_t	 i;

	for (i = 0; i < nitems(tty_signals); i++) {
		if (tty_signals[i] == signo)
			tty_caught[i] = 1;
	}
}

static bool
tty_interrupted(void)
{
	size_t	 i;

	for (i = 0; i < nitems(tty_signals); i++) {
		if (tty_caught[i])
			return (true);
	}
	return (false);
}

/*
 * Reads one line from fd into out, one byte at a time so that nothing past
 * the line is taken from a pipe or terminal shared with others.  The "\n"
 * (or "\r\n") that ends it is dropped, nothing else.  A line too long is
 * still read to its end so that the rest does not become the next input.
 * With at_prompt, a signal caught by tty_catch() ends the read.
 */
static enum line_status
read_line(int fd, bool at_prompt, struct secret *out, int *error)
{
	enum line_status	 status;
	char			*buf, c = 0;
	size_t			 size = PASSPHRASE_MAX + 1, len = 0;
	bool			 newline = false, overflow = false, nul = false;
	ssize_t			 n;

	out->data = NULL;
	out->len = 0;
	buf = xmalloc(size);
	for (;;) {
		n = read(fd, &c, 1);
		if (n == -1) {
			if (errno == EINTR) {
				if (at_prompt && tty_interrupted()) {
					status = LINE_SIGNAL;
					goto out;
				}
				continue;
			}
			*error = errno;
			status = LINE_ERROR;
			goto out;
		}
		if (n == 0)
			break;
		if (c == '\n') {
			newline = true;
			break;
		}
		if (c == '\0')
			nul = true;
		if (len == size)
			overflow = true;
		else
			buf[len++] = c;
	}

	if (len == 0 && !newline) {
		status = LINE_EOF;
		goto out;
	}
	if (newline && !overflow && len > 0 && buf[len - 1] == '\r')
		len--;
	if (overflow || len > PASSPHRASE_MAX)
		status = LINE_LONG;
	else if (len == 0)
		status = LINE_EMPTY;
	else if (nul)
		status = LINE_NUL;
	else {
		out->data = xmalloc(len + 1);
		memcpy(out->data, buf, len);
		out->data[len] = '\0';
		out->len = len;
		status = LINE_OK;
	}

out:
	OPENSSL_cleanse(buf, size);
	OPENSSL_cleanse(&c, sizeof c);
	free(buf);
	return (status);
}

/* Reads the first line of fd; name says where it comes from in causes. */
static int
read_named(int fd, const char *name, struct secret *out, char **cause)
{
	int	 error = 0;

	switch (read_line(fd, false, out, &error)) {
	case LINE_OK:
		return (0);
	case LINE_EOF:
	case LINE_EMPTY:
		set_cause(cause, _("%s: empty"), name);
		break;
	case LINE_LONG:
		set_cause(cause, _("%s: too long (more than %d bytes)"), name,
		    PASSPHRASE_MAX);
		break;
	case LINE_NUL:
		set_cause(cause, _("%s: contains a NUL byte"), name);
		break;
	case LINE_ERROR:
	case LINE_SIGNAL:
		set_cause(cause, "%s: %s", name, strerror(error));
		break;
	}
	return (-1);
}

/* Writes s to the terminal, ignoring errors: it is only the prompt. */
static void
tty_write(int fd, const char *s)
{
	size_t	 len = strlen(s);
	ssize_t	 n;

	while (len > 0) {
		n = write(fd, s, len);
		if (n == -1) {
			if (errno == EINTR && !tty_interrupted())
				continue;
			return;
		}
		s += n;
		len -= (size_t)n;
	}
}

/*
 * Prompts on the terminal fd and reads one line with echo off.  The
 * terminal settings and the signal dispositions are put back on every
 * path; a signal that arrived meanwhile is then delivered again, and after
 * a stop (^Z) the prompt starts over, as with readpassphrase(3).
 */
static int
tty_read(int fd, const char *prompt, struct secret *out, char **cause)
{
	struct termios		 saved, quiet;
	struct sigaction	 sa, old[nitems(tty_signals)];
	enum line_status	 status;
	bool			 stopped, restored, first = true;
	size_t			 i;
	int			 error = 0;

restart:
	/* After a stop, saved still holds the settings to go back to. */
	if (first && tcgetattr(fd, &saved) != 0) {
		set_cause(cause, _("cannot read the passphrase: %s"),
		    strerror(errno));
		return (-1);
	}
	first = false;
	for (i = 0; i < nitems(tty_signals); i++)
		tty_caught[i] = 0;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: read(2) must return */
	sa.sa_handler = tty_catch;
	for (i = 0; i < nitems(tty_signals); i++)
		sigaction(tty_signals[i], &sa, &old[i]);

	quiet = saved;
	quiet.c_lflag &= ~(ECHO|ECHOE|ECHOK|ECHONL);
	quiet.c_lflag |= ICANON;
	status = LINE_OK;
	while (tcsetattr(fd, TCSAFLUSH, &quiet) != 0) {
		if (errno == EINTR && tty_interrupted()) {
			status = LINE_SIGNAL;
			break;
		}
		if (errno != EINTR) {
			error = errno;
			status = LINE_ERROR;
			break;
		}
	}
	if (status == LINE_OK) {
		tty_write(fd, prompt);
		status = read_line(fd, true, out, &error);
		/* The newline typed was not echoed. */
		tty_write(fd, "\n");
	}

	/*
	 * Put the terminal back while a signal cannot yet kill the process
	 * with echo off.  In the background this raises SIGTTOU: then try
	 * again once the stop it causes is over.
	 */
	while (!(restored = tcsetattr(fd, TCSAFLUSH, &saved) == 0) &&
	    errno == EINTR && !tty_interrupted())
		continue;
	for (i = 0; i < nitems(tty_signals); i++)
		sigaction(tty_signals[i], &old[i], NULL);

	stopped = false;
	for (i = 0; i < nitems(tty_signals); i++) {
		if (!tty_caught[i])
			continue;
		kill(getpid(), tty_signals[i]);
		switch (tty_signals[i]) {
		case SIGTSTP:
		case SIGTTIN:
		case SIGTTOU:
			stopped = true;
			break;
		}
	}
	while (!restored && tcsetattr(fd, TCSAFLUSH, &saved) != 0 &&
	    errno == EINTR)
		continue;
	if (status == LINE_SIGNAL && stopped) {
		secret_free(out);
		goto restart;
	}

	switch (status) {
	case LINE_OK:
		return (0);
	case LINE_EOF:
		set_cause(cause, _("no passphrase given (end of input)"));
		break;
	case LINE_EMPTY:
		set_cause(cause, _("the passphrase is empty"));
		break;
	case LINE_LONG:
		set_cause(cause,
		    _("the passphrase is too long (more than %d bytes)"),
		    PASSPHRASE_MAX);
		break;
	case LINE_NUL:
		set_cause(cause, _("the passphrase contains a NUL byte"));
		break;
	case LINE_ERROR:
		set_cause(cause, _("cannot read the passphrase: %s"),
		    strerror(error));
		break;
	case LINE_SIGNAL:
		set_cause(cause, _("the passphrase prompt was interrupted"));
		break;
	}
	secret_free(out);
	return (-1);
}

/*
 * Prompts on the controlling terminal (not stdin, which may be a pipe)
 * with echo off, and reads one line into out.  With confirm, asks again
 * and fails if the two differ.  Returns 0, or -1 with *cause set and out
 * empty.  out is the caller's to release with secret_free().
 */
int
secret_read_tty(const char *prompt, bool confirm, struct secret *out,
    char **cause)
{
	struct secret	 again = { NULL, 0 };
	int		 fd, retval = -1;

	out->data = NULL;
	out->len = 0;
	fd = open("/dev/tty", O_RDWR|O_NOCTTY|O_CLOEXEC);
	if (fd == -1) {
		set_cause(cause,
		    _("cannot ask for the passphrase: no terminal (%s)"),
		    strerror(errno));
		return (-1);
	}

	if (tty_read(fd, prompt, out, cause) != 0)
		goto out;
	if (confirm) {
		if (tty_read(fd, _("Type it again: "), &again, cause) != 0)
			goto out;
		if (again.len != out->len ||
		    CRYPTO_memcmp(again.data, out->data, out->len) != 0) {
			set_cause(cause, _("the two passphrases differ"));
			goto out;
		}
	}
	retval = 0;

out:
	secret_free(&again);
	if (retval != 0)
		secret_free(out);
	close(fd);
	return (retval);
}

/*
 * Reads the first line of the file at path into out (see read_line() for
 * what is stripped).  Returns 0, or -1 with *cause naming the file as
 * what it is ("passphrase file").
 */
int
secret_read_file(const char *path, const char *what, struct secret *out,
    char **cause)
{
	char	*name;
	int	 fd, retval;

	/* TRANSLATORS: a kind of file, then its name ("passphrase file
	 * "pw.txt""). */
	name = xasprintf(_("%s \"%s\""), what, path);
	out->data = NULL;
	out->len = 0;
	fd = open(path, O_RDONLY|O_NOCTTY|O_CLOEXEC);
	if (fd == -1) {
		set_cause(cause, "%s: %s", name, strerror(errno));
		retval = -1;
	} else {
		retval = read_named(fd, name, out, cause);
		close(fd);
	}
	free(name);
	return (retval);
}

/*
 * Like secret_read_file() on an inherited descriptor, which is left open
 * and positioned just past the first line.
 */
int
secret_read_fd(int fd, struct secret *out, char **cause)
{
	char	*name;
	int	 retval;

	name = xasprintf(_("passphrase descriptor %d"), fd);
	retval = read_named(fd, name, out, cause);
	free(name);
	return (retval);
}

/*
 * Returns 0 if s may protect a new key slot: valid UTF-8 without NUL and
 * at least PASSPHRASE_MIN characters (code points, so "é" counts once).
 * Otherwise -1 with *cause saying what to change.
 */
int
secret_check_new(const struct secret *s, char **cause)
{
	if (memchr(s->data, '\0', s->len) != NULL ||
	    !text_valid_utf8(s->data, s->len)) {
		set_cause(cause, _("the passphrase is not valid UTF-8 text"));
		return (-1);
	}
	if (text_length(s->data) < PASSPHRASE_MIN) {
		set_cause(cause, _("the passphrase is too short: at least %d "
		    "characters are needed"), PASSPHRASE_MIN);
		return (-1);
	}
	return (0);
}

/*
 * Replaces path with the len bytes at data, atomically and durably: a
 * temporary file created 0600 next to path is written and synced, then
 * renamed over path, and the directory synced.  On failure path is left
 * as it was, the temporary is removed and -1 returned with *cause naming
 * path and the system error.
 */
int
secure_write_file(const char *path, const void *data, size_t len,
    char **cause)
{
	const char	*slash, *p = data;
	char		*dir, *tmp;
	bool		 created = false;
	ssize_t		 n;
	int		 fd = -1, dfd, retval = -1, error = 0;

	slash = strrchr(path, '/');
	if (slash == NULL)
		dir = xstrdup(".");
	else if (slash == path)
		dir = xstrdup("/");
	else
		dir = xstrndup(path, (size_t)(slash - path));
	/* Same directory, so that rename(2) replaces path atomically. */
	tmp = xasprintf("%s.XXXXXX", path);

	if ((fd = mkstemp(tmp)) == -1) {
		error = errno;
		goto out;
	}
	created = true;
	if (fcntl(fd, F_SETFD, FD_CLOEXEC) == -1 || fchmod(fd, 0600) == -1) {
		error = errno;
		goto out;
	}
	while (len > 0) {
		n = write(fd, p, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			error = n == 0 ? ENOSPC : errno;
			goto out;
		}
		p += n;
		len -= (size_t)n;
	}
	if (fsync(fd) != 0) {
		error = errno;
		goto out;
	}
	/* close(2) can report a delayed write error (NFS, quotas). */
	n = close(fd);
	fd = -1;
	if (n != 0 || rename(tmp, path) != 0) {
		error = errno;
		goto out;
	}
	created = false;

	/*
	 * Make the rename itself durable.  Past the rename the new file is in
	 * place whatever happens, so a directory that cannot be opened or
	 * synced only loses that guarantee: reporting a failure now would
	 * tell the caller that path is as it was, which it is not.
	 */
	if ((dfd = open(dir, O_RDONLY|O_DIRECTORY|O_CLOEXEC)) != -1) {
		(void)fsync(dfd);
		close(dfd);
	}
	retval = 0;

out:
	if (fd != -1)
		close(fd);
	if (created)
		unlink(tmp);
	if (retval != 0) {
		set_cause(cause, _("cannot write \"%s\": %s"), path,
		    strerror(error));
	}
	free(tmp);
	free(dir);
	return (retval);
}

/*
 * Reads the whole file at path into *out (the caller frees it) and its
 * size into *len.  More than max bytes is an error.  The data is returned
 * with a NUL after it (not counted in *len), so that text can be parsed in
 * place.  Returns 0, or -1 with *cause naming the file.
 */
int
secure_read_file(const char *path, size_t max, unsigned char **out,
    size_t *len, char **cause)
{
	struct stat	 st;
	unsigned char	*buf = NULL, *bigger;
	size_t		 size, used = 0;
	ssize_t		 n;
	int		 fd, retval = -1;

	*out = NULL;
	*len = 0;
	if ((fd = open(path, O_RDONLY|O_NOCTTY|O_CLOEXEC)) == -1) {
		set_cause(cause, _("cannot read \"%s\": %s"), path,
		    strerror(errno));
		return (-1);
	}
	if (fstat(fd, &st) != 0) {
		set_cause(cause, _("cannot read \"%s\": %s"), path,
		    strerror(errno));
		goto out;
	}

	/* Room for one byte more than max, to tell "too large" apart. */
	size = 4096;
	if (S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (uintmax_t)st.st_size < (uintmax_t)max)
		size = (size_t)st.st_size + 2;
	if (size > max + 2)
		size = max + 2;
	buf = xmalloc(size);
	for (;;) {
		if (used == size - 1) {
			if (used > max)
				break;
			bigger = xmalloc(size * 2 > max + 2 ? max + 2 :
			    size * 2);
			memcpy(bigger, buf, used);
			OPENSSL_cleanse(buf, size);
			free(buf);
			buf = bigger;
			size = size * 2 > max + 2 ? max + 2 : size * 2;
		}
		n = read(fd, buf + used, size - 1 - used);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			set_cause(cause, _("cannot read \"%s\": %s"), path,
			    strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	if (used > max) {
		set_cause(cause, _("\"%s\" is too large (more than %zu bytes)"),
		    path, max);
		goto out;
	}
	buf[used] = '\0';
	*out = buf;
	*len = used;
	buf = NULL;
	retval = 0;

out:
	if (buf != NULL) {
		OPENSSL_cleanse(buf, size);
		free(buf);
	}
	close(fd);
	return (retval);
}
