/*
 * "export" and "import": the whole content (or one person's file) as the
 * JSON document of jsonio.c.  An export is encrypted by default, in an
 * envelope keyed from an export passphrase of its own (asked on the
 * terminal, or read from --export-passphrase-file/-fd: the global
 * passphrase options already serve to unlock the database); clear JSON
 * only with --plaintext, to a file (0600, written atomically) or to
 * standard output.  Import recognises an encrypted export by its magic
 * and otherwise reads clear JSON.  No clear copy ever goes to a temporary
 * file: encryption and decryption happen in memory, and the clear buffers
 * are wiped after use.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <openssl/crypto.h>

#include "access.h"
#include "audit.h"
#include "cmd.h"
#include "envelope.h"
#include "jsonio.h"
#include "keyring.h"
#include "model.h"
#include "store.h"
#include "xmalloc.h"

/* The largest document import reads. */
#define IMPORT_MAX	((size_t)4 << 30)

/* Options shared by export and import. */
struct io_opts {
	const char		*output;
	const char		*input;
	const char		*person;
	const char		*pass_file;
	int			 pass_fd;
	bool			 plaintext;
	bool			 kdf_given;
	struct kdf_params	 kdf;
};

/* Parses the options of export (export true) or import. */
static int
io_parse(bool export, int argc, char **argv, struct io_opts *o, bool *help)
{
	const struct cmd	*c = cmd_current();
	const char		*a, *v;
	int			 i;

	memset(o, 0, sizeof *o);
	o->pass_fd = -1;
	*help = false;
	for (i = 1; i < argc; i++) {
		a = argv[i];
		v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			*help = true;
			return (0);
		}
		if (strcmp(a, "--") == 0 && !export && i + 1 < argc &&
		    o->input == NULL) {
			o->input = argv[++i];
			continue;
		}
		if (a[0] != '-' || strcmp(a, "-") == 0) {
			if (export || o->input != NULL)
				return (cmd_usage_error(c, _("unexpected "
				    "argument \"%s\""), a));
			o->input = a;
			continue;
		}
		if (export && strcmp(a, "--plaintext") == 0) {
			o->plaintext = true;
			continue;
		}
		if ((export && (strcmp(a, "--output") == 0 ||
		    strcmp(a, "-o") == 0 || strcmp(a, "--person") == 0 ||
		    strcmp(a, "--kdf-cost") == 0)) ||
		    strcmp(a, "--export-passphrase-file") == 0 ||
		    strcmp(a, "--export-passphrase-fd") == 0) {
			if (v == NULL)
				return (cmd_usage_error(c, _("option %s needs "
				    "a value"), a));
			i++;
		} else
			return (cmd_usage_error(c, _("unknown option \"%s\""),
			    a));
		if (strcmp(a, "--output") == 0 || strcmp(a, "-o") == 0)
			o->output = v;
		else if (strcmp(a, "--person") == 0)
			o->person = v;
		else if (strcmp(a, "--export-passphrase-file") == 0)
			o->pass_file = v;
		else if (strcmp(a, "--export-passphrase-fd") == 0) {
			if (cmd_parse_fd(a, v, &o->pass_fd) != 0)
				return (EXIT_USAGE);
		} else if (strcmp(a, "--kdf-cost") == 0) {
			if (cmd_parse_kdf_cost(a, v, &o->kdf) != 0)
				return (EXIT_USAGE);
			o->kdf_given = true;
		}
	}
	if (o->pass_file != NULL && o->pass_fd >= 0)
		return (cmd_usage_error(c, _("--export-passphrase-file and "
		    "--export-passphrase-fd cannot be used together")));
	if (export && o->plaintext && (o->pass_file != NULL ||
	    o->pass_fd >= 0 || o->kdf_given))
		return (cmd_usage_error(c, _("--plaintext writes clear JSON: "
		    "it takes no export passphrase")));
	if (export && !o->plaintext && o->output == NULL)
		return (cmd_usage_error(c, _("an encrypted export goes to a "
		    "file: give --output FILE (or --plaintext for clear JSON "
		    "on standard output)")));
	if (!export && o->input == NULL)
		return (cmd_usage_error(c, _("which file? give the export to "
		    "read (\"-\" for standard input)")));
	return (0);
}

/* Reads the export passphrase the options name, else on the terminal. */
static int
io_passphrase(const struct io_opts *o, bool confirm, struct secret *out,
    char **cause)
{
	if (o->pass_file != NULL)
		return (secret_read_file(o->pass_file,
		    _("export passphrase file"), out, cause));
	if (o->pass_fd >= 0)
		return (secret_read_fd(o->pass_fd, out, cause));
	if (secret_read_tty(_("Passphrase of the export file: "), confirm,
	    out, cause) != 0) {
		set_cause(cause, _("an export passphrase is needed: run on a "
		    "terminal, or give --export-passphrase-file FILE or "
		    "--export-passphrase-fd N"));
		return (-1);
	}
	return (0);
}

/* Collects the users and partners a person's records refer to. */
static void
collect_refs(const struct entity *e, json_t *o, json_t *users,
    json_t *partners)
{
	const char	*v;
	size_t		 i;

	for (i = 0; i < e->nfields; i++) {
		if (e->fields[i].type != FT_REF)
			continue;
		v = json_string_value(json_object_get(o, e->fields[i].name));
		if (v == NULL)
			continue;
		if (strcmp(e->fields[i].ref, "user") == 0)
			json_object_set_new(users, v, json_true());
		else if (strcmp(e->fields[i].ref, "partner") == 0)
			json_object_set_new(partners, v, json_true());
	}
}

/* The records of a small top-level entity (users, partners) whose ids
 * are keys of ids, as a JSON array. */
static int
referenced(struct session *s, const struct entity *e, json_t *ids,
    json_t **out, char **cause)
{
	struct record	**rs;
	size_t		  n, i;

	if (model_list(s, e, NULL, &rs, &n, cause) != 0)
		return (-1);
	*out = json_array();
	for (i = 0; i < n; i++)
		if (json_object_get(ids, rs[i]->id) != NULL)
			json_array_append_new(*out, jsonio_from_record(rs[i]));
	records_free(rs, n);
	return (0);
}

/*
 * Builds the document of one person: the person's object, and of the
 * users and partners only those the file refers to, so that it can be
 * read on its own (right of access) or imported elsewhere.
 */
static int
person_document(struct session *s, const char *id, json_t **out,
    char **cause)
{
	const struct entity *const	*e;
	json_t				*doc, *p, *users, *partners, *arr, *o;
	char				*now;
	size_t				 i;
	int				 rc = -1;

	*out = NULL;
	if (jsonio_person_file(s, id, &p, cause) != 0)
		return (-1);
	users = json_object();
	partners = json_object();
	if (json_is_object(json_object_get(p, "file")))
		collect_refs(&model_file, json_object_get(p, "file"), users,
		    partners);
	for (e = model_entities; *e != NULL; e++) {
		arr = json_object_get(p, (*e)->plural);
		json_array_foreach(arr, i, o)
			collect_refs(*e, o, users, partners);
	}
	doc = json_object();
	now = store_now();
	json_object_set_new(doc, "format", json_string(JSONIO_FORMAT));
	json_object_set_new(doc, "version", json_integer(JSONIO_VERSION));
	json_object_set_new(doc, "exported_at", json_string(now));
	free(now);
	if (referenced(s, &model_user, users, &arr, cause) != 0)
		goto out;
	json_object_set_new(doc, "users", arr);
	if (referenced(s, &model_partner, partners, &arr, cause) != 0)
		goto out;
	json_object_set_new(doc, "partners", arr);
	arr = json_array();
	json_array_append(arr, p);
	json_object_set_new(doc, "persons", arr);
	*out = json_incref(doc);
	rc = 0;
out:
	json_decref(doc);
	json_decref(p);
	json_decref(users);
	json_decref(partners);
	return (rc);
}

/* Wipes and frees a buffer that held clear data. */
static void
wipe_free(void *p, size_t len)
{
	if (p != NULL) {
		OPENSSL_cleanse(p, len);
		free(p);
	}
}

static int
export_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct io_opts	 o;
	struct session	*s = NULL;
	struct secret	 pass = { NULL, 0 };
	json_t		*doc = NULL;
	struct buf	 doc_text;
	const char	*how;
	char		*text = NULL, *cause = NULL, *person_id = NULL, *scope;
	unsigned char	*sealed = NULL;
	size_t		 len = 0, sealed_len = 0, n;
	bool		 help;
	int		 rc;

	buf_init(&doc_text);
	if ((rc = io_parse(true, argc, argv, &o, &help)) != 0)
		return (rc);
	if (help) {
		cmd_print_help(cmd_current(), _("Writes the whole content "
		    "(users without secrets, partners, persons with their\n"
		    "pathway files), or with --person one person's file, as "
		    "the JSON document\ndescribed in parcours(1): encrypted "
		    "(AES-256-GCM, key from scrypt) unless\n--plaintext is "
		    "given.\n\n"
		    "Options:\n"
		    "  --output FILE, -o FILE   where to write (created 0600, "
		    "replaced atomically)\n"
		    "  --plaintext              clear JSON (to FILE, else "
		    "standard output)\n"
		    "  --person ID              only this person's file (and "
		    "the users and partners\n"
		    "                           it refers to): for the "
		    "person's right of access\n"
		    "  --export-passphrase-file FILE, --export-passphrase-fd "
		    "N\n"
		    "                           the passphrase that encrypts "
		    "the export (else asked\n"
		    "                           twice on the terminal)\n"
		    "  --kdf-cost LOG2N         scrypt cost (14 to 22, default "
		    "17)\n"));
		return (EXIT_OK);
	}
	if ((rc = cmd_open(ctx, &s)) != 0)
		return (rc);
	/* The export passphrase first: no clear document waits for it. */
	if (!o.plaintext) {
		if (io_passphrase(&o, true, &pass, &cause) != 0) {
			rc = EXIT_AUTH;
			goto out;
		}
		if (secret_check_new(&pass, &cause) != 0) {
			rc = EXIT_USAGE;
			goto out;
		}
	}
	rc = EXIT_DATA;
	if (o.person != NULL) {
		if (person_document(s, o.person, &doc, &cause) != 0)
			goto out;
		person_id = xstrdup(json_string_value(json_object_get(
		    json_array_get(json_object_get(doc, "persons"), 0),
		    "id")));
		if ((text = json_dumps(doc, JSON_INDENT(2))) == NULL) {
			cause = xstrdup(_("cannot write the document (out of "
			    "memory)"));
			rc = EXIT_INTERNAL;
			goto out;
		}
		buf_puts(&doc_text, text);
		wipe_free(text, strlen(text));
		text = NULL;
	} else if (jsonio_export_text(s, &doc_text, &cause) != 0)
		goto out;
	buf_puts(&doc_text, "\n");
	text = doc_text.data;
	len = doc_text.len;

	if (!o.plaintext) {
		if (envelope_seal((unsigned char *)text, len, &pass,
		    o.kdf_given ? &o.kdf : NULL, &sealed, &sealed_len,
		    &cause) != 0)
			goto out;
		if (secure_write_file(o.output, sealed, sealed_len,
		    &cause) != 0)
			goto out;
	} else if (o.output != NULL && strcmp(o.output, "-") != 0) {
		if (secure_write_file(o.output, text, len, &cause) != 0)
			goto out;
	} else {
		n = fwrite(text, 1, len, stdout);
		if (n != len || fflush(stdout) != 0) {
			cause = xstrdup(_("cannot write to standard output"));
			goto out;
		}
	}
	how = o.plaintext ? "plaintext" : "encrypted";
	if (person_id != NULL)
		rc = audit_log(s, "export", "person", person_id, person_id,
		    how, &cause);
	else {
		/* Anyone but an administrator exported what they may read. */
		scope = xasprintf("%s;scope=%s", how, access_everything(s) ?
		    "all" : "readable");
		rc = audit_log(s, "export", "database", NULL, NULL, scope,
		    &cause);
		free(scope);
	}
	if (rc != 0) {
		rc = EXIT_STORE;
		goto out;
	}
	if (!o.plaintext)
		fprintf(stderr, _("Encrypted export written to %s.\n"),
		    o.output);
	else if (o.output != NULL && strcmp(o.output, "-") != 0)
		fprintf(stderr, _("Clear (unencrypted) export written to %s: "
		    "keep it safe and delete it when done.\n"), o.output);
	rc = EXIT_OK;
out:
	if (cause != NULL)
		rc = cmd_fail(rc, cause);
	json_decref(doc);
	if (doc_text.data != NULL)
		OPENSSL_cleanse(doc_text.data, doc_text.len);
	buf_free(&doc_text);
	free(sealed);
	free(person_id);
	secret_free(&pass);
	session_close(s);
	return (rc);
}

/* Prints the users who have no key slot yet (imported ones). */
static void
print_users_without_slot(struct session *s)
{
	struct model_filter	  f = { 0 };
	struct record		**rs = NULL;
	size_t			  n = 0, i, shown = 0;

	if (s->kr == NULL)
		return;
	f.where = "disabled = 0";
	if (model_list(s, &model_user, &f, &rs, &n, NULL) != 0)
		return;
	for (i = 0; i < n; i++) {
		const char *login = record_get(rs[i], "login");

		if (login == NULL || keyring_has_slot(s->kr, login))
			continue;
		if (shown++ == 0)
			printf(_("These users have no passphrase for this "
			    "database yet:"));
		printf(" %s", login);
	}
	if (shown > 0)
		printf(_("\nAn administrator gives each one with \"parcours "
		    "user passwd LOGIN\".\n"));
	records_free(rs, n);
}

static int
import_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct io_opts	 o;
	struct session	*s = NULL;
	struct secret	 pass = { NULL, 0 };
	json_error_t	 jerr;
	json_t		*doc = NULL;
	unsigned char	*data = NULL, *plain = NULL;
	const char	*path;
	char		*cause = NULL;
	size_t		 len = 0, plain_len = 0, count;
	bool		 help;
	int		 rc;

	if ((rc = io_parse(false, argc, argv, &o, &help)) != 0)
		return (rc);
	if (help) {
		cmd_print_help(cmd_current(), _("Reads a document written by "
		    "\"parcours export\" (encrypted or clear JSON)\nand adds "
		    "its content to the database, all or nothing: every "
		    "record is\nvalidated and an error names its place in the "
		    "document. Identifiers and\ntimestamps are kept; one "
		    "already in the database is an error. A user whose\n"
		    "login exists here already is not imported: the records "
		    "naming them are\nattached to the existing user. Imported "
		    "users have no passphrase yet.\nOnly an administrator can "
		    "import.\n\n"
		    "Options:\n"
		    "  --export-passphrase-file FILE, --export-passphrase-fd "
		    "N\n"
		    "                  the passphrase of an encrypted export "
		    "(else asked on\n"
		    "                  the terminal)\n"));
		return (EXIT_OK);
	}
	path = strcmp(o.input, "-") == 0 ? "/dev/stdin" : o.input;
	if ((rc = cmd_open(ctx, &s)) != 0)
		return (rc);
	rc = EXIT_DATA;
	if (access_admin(s, N_("import"), &cause) != 0)
		goto out;
	if (secure_read_file(path, IMPORT_MAX, &data, &len, &cause) != 0)
		goto out;
	if (envelope_is(data, len)) {
		if (io_passphrase(&o, false, &pass, &cause) != 0) {
			rc = EXIT_AUTH;
			goto out;
		}
		rc = envelope_open(data, len, &pass, &plain, &plain_len,
		    &cause);
		if (rc != 0) {
			rc = rc == ENVELOPE_EAUTH ? EXIT_AUTH : EXIT_DATA;
			goto out;
		}
		rc = EXIT_DATA;
	} else {
		plain = data;
		plain_len = len;
		data = NULL;
	}
	doc = json_loadb((const char *)plain, plain_len,
	    JSON_REJECT_DUPLICATES, &jerr);
	if (doc == NULL && json_error_code(&jerr) == json_error_invalid_utf8) {
		cause = xasprintf(_("%s: line %d, column %d: not valid UTF-8 "
		    "text (%s)"), o.input, jerr.line, jerr.column, jerr.text);
		goto out;
	}
	if (doc == NULL) {
		cause = xasprintf(_("%s: not a valid JSON document: line %d, "
		    "column %d: %s"), o.input, jerr.line, jerr.column,
		    jerr.text);
		goto out;
	}
	wipe_free(plain, plain_len);
	plain = NULL;
	if (jsonio_import(s, doc, &count, &cause) != 0)
		goto out;
	printf(_("Imported %zu records from %s.\n"), count, o.input);
	print_users_without_slot(s);
	rc = EXIT_OK;
out:
	if (cause != NULL)
		rc = cmd_fail(rc, cause);
	json_decref(doc);
	wipe_free(plain, plain_len);
	wipe_free(data, len);
	secret_free(&pass);
	session_close(s);
	return (rc);
}

const struct cmd cmd_io_table[] = {
	{ "export", N_("[--output FILE] [--plaintext] [--person ID] "
	  "[--export-passphrase-file FILE | --export-passphrase-fd N] "
	  "[--kdf-cost LOG2N]"),
	  N_("export the content, encrypted unless --plaintext"),
	  export_exec },
	{ "import", N_("[--export-passphrase-file FILE | "
	  "--export-passphrase-fd N] FILE"),
	  N_("import an export (all or nothing, fully validated)"),
	  import_exec },
	{ NULL, NULL, NULL, NULL }
};
