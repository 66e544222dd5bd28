// SPDX-License-Identifier: BSD-2-Clause
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "diag.h"
#include "monitor.h"
#include "parse.h"
#include "rawfile.h"
#include "run.h"
#include "secret.h"

#define SETKEY_VERSION	"0.1"

enum mode {
	MODE_NONE,
	MODE_FILE,		/* -f */
	MODE_CMDLINE,		/* -c */
	MODE_DUMP,		/* -D */
	MODE_FLUSH,		/* -F */
	MODE_MONITOR,		/* -x */
	MODE_RAW,		/* setkey file ... */
};

struct opts {
	enum mode	 mode;
	const char	*file;
	bool		 policy;	/* -P */
	bool		 loop;		/* -l: with -D, short listing */
	int		 xcount;	/* -x, -xx */
	struct run_opts	 run;
};

static void
usage(void)
{
	fputs("usage: setkey [-knrv] -c\n"
	    "       setkey [-knrv] -f file\n"
	    "       setkey [-aPpv] -D\n"
	    "       setkey [-av] -D -l\n"
	    "       setkey [-Pv] -F\n"
	    "       setkey [-Hh] -x | -xx\n"
	    "       setkey [-apv] file ...\n"
	    "       setkey -V\n"
	    "       setkey -?\n", stderr);
	exit(1);
}

/* a usage error is one line; -? asks for the whole synopsis */
static void
bad_option(int ch)
{
	if (ch == '?')
		usage();
	if (ch == '-') {
		fputs("setkey: setkey has no long options (setkey -? lists "
		    "them)\n", stderr);
		exit(1);
	}
	fprintf(stderr, "setkey: unknown option -%c (setkey -? lists them)\n",
	    ch);
	exit(1);
}

static void
set_mode(struct opts *o, enum mode mode)
{
	if (o->mode != MODE_NONE && o->mode != mode) {
		fputs("setkey: -c, -f, -D, -F, -x and files exclude each "
		    "other\n", stderr);
		exit(1);
	}
	o->mode = mode;
}

/*
 * The flags each mode takes besides its own, as the SYNOPSIS has them,
 * plus -h and -H wherever -v goes: they dump what -v shows.
 */
static const char *const mode_flags[] = {
	[MODE_FILE] = "knrvhH",
	[MODE_CMDLINE] = "knrvhH",
	[MODE_DUMP] = "aPpvlhH",
	[MODE_FLUSH] = "PvhH",
	[MODE_MONITOR] = "Hh",
	[MODE_RAW] = "apvhH",
};

static const char *const mode_names[] = {
	[MODE_FILE] = "-f", [MODE_CMDLINE] = "-c", [MODE_DUMP] = "-D",
	[MODE_FLUSH] = "-F", [MODE_MONITOR] = "-x", [MODE_RAW] = "a file",
};

/* a flag that means nothing in this mode is a mistake: say so */
static void
check_flags(const struct opts *o, const char *seen)
{
	for (; *seen != '\0'; seen++) {
		if (strchr(mode_flags[o->mode], *seen) != NULL)
			continue;
		fprintf(stderr, "setkey: -%c does not go with %s (setkey -? "
		    "lists what does)\n", *seen, mode_names[o->mode]);
		exit(1);
	}
}

static void
parse_args(int argc, char **argv, struct opts *o)
{
	char seen[32] = "";
	size_t nseen = 0;
	int ch;

	/* getopt would call --help an unknown option '-' */
	if (argc > 1 && strncmp(argv[1], "--", 2) == 0 && argv[1][2] != '\0') {
		fprintf(stderr, "setkey: unknown option %s; setkey has no long "
		    "options (setkey -? lists them)\n", argv[1]);
		exit(1);
	}
	opterr = 0;
	while ((ch = getopt(argc, argv, ":acDFf:hHklnPprvVx")) != -1) {
		if (strchr("ahHklnPprv", ch) != NULL &&
		    strchr(seen, ch) == NULL && nseen + 1 < sizeof(seen))
			seen[nseen++] = (char)ch;
		switch (ch) {
		case 'a':
			o->run.print.all = true;
			break;
		case 'c':
			set_mode(o, MODE_CMDLINE);
			break;
		case 'D':
			set_mode(o, MODE_DUMP);
			break;
		case 'F':
			set_mode(o, MODE_FLUSH);
			break;
		case 'f':
			set_mode(o, MODE_FILE);
			o->file = optarg;
			break;
		case 'h':
		case 'H':
			o->run.print.hex = true;
			break;
		case 'k':
			o->run.kernel_mode = true;
			break;
		case 'l':
			o->loop = true;
			break;
		case 'n':
			o->run.dryrun = true;
			break;
		case 'P':
			o->policy = true;
			break;
		case 'p':
			o->run.print.ports = true;
			break;
		case 'r':
			o->run.kernel_mode = false;
			break;
		case 'v':
			o->run.verbose++;
			break;
		case 'V':
			printf("setkey %s\n", SETKEY_VERSION);
			exit(0);
		case 'x':
			set_mode(o, MODE_MONITOR);
			o->run.print.rawtime = o->xcount++ > 0;
			break;
		case ':':
			fprintf(stderr, "setkey: -%c needs an argument\n",
			    optopt);
			exit(1);
		default:
			bad_option(optopt);
		}
	}
	if (optind < argc)
		set_mode(o, MODE_RAW);
	if (o->mode == MODE_NONE)
		usage();
	check_flags(o, seen);
	if (o->loop && (o->mode != MODE_DUMP || o->policy)) {
		fputs("setkey: -l goes with -D, and lists SAs only (no -P)\n",
		    stderr);
		exit(1);
	}
}

/* -f: keep every statement; nothing runs unless all of them parsed */
static int
collect(struct cmd *cmd, void *arg)
{
	cmd_list_append(arg, cmd);
	return 0;
}

/*
 * stdio's buffer holds the bytes of the input, keys included, and glibc
 * frees its own unwiped: the one input of a run reads through ours,
 * wiped when the input is closed.  A terminal stays line-buffered, so
 * that stdout is still flushed before each read.
 */
static char	inbuf[1 << 16];

static void
input_buffer(FILE *fp)
{
	int mode = isatty(fileno(fp)) ? _IOLBF : _IOFBF;

	setvbuf(fp, inbuf, mode, sizeof(inbuf));
}

static FILE *
open_input(const char *path, const char **name)
{
	FILE *fp;

	if (strcmp(path, "-") == 0) {
		*name = "(stdin)";
		input_buffer(stdin);
		return stdin;
	}
	*name = path;
	if ((fp = fopen(path, "r")) == NULL)
		diag_error(NULL, "%s: %s", path, strerror(errno));
	else
		input_buffer(fp);
	return fp;
}

static void
close_input(FILE *fp, const char *name, unsigned int errors, bool dryrun)
{
	if (fp != stdin)
		fclose(fp);
	explicit_bzero(inbuf, sizeof(inbuf));
	/* with -n nothing is ever applied: no need to say so */
	if (errors > 0)
		diag_error(NULL, "%s: %u error%s%s", name, errors,
		    errors == 1 ? "" : "s", dryrun ? "" :
		    "; nothing was applied");
}

/* -c and -n: each statement runs as soon as its ';' is read */
static int
run_now(struct cmd *cmd, void *arg)
{
	run_cmd(arg, cmd);
	cmd_free(cmd);
	return 0;
}

/*
 * -n -f: nothing reaches a kernel, so each statement is checked (and
 * shown, with -v) as soon as it is parsed, and memory stays flat however
 * long the file is.
 */
static int
check_file(struct runner *r, const struct run_opts *ro, const char *path)
{
	struct parse_opts po = { .cb = run_now, .arg = r };
	unsigned int errors;
	FILE *fp;

	if ((fp = open_input(path, &po.name)) == NULL)
		return 1;
	if (run_init(r, ro) != 0) {
		close_input(fp, po.name, 0, true);
		return 1;
	}
	errors = parse_stream(fp, &po);
	close_input(fp, po.name, errors, true);
	run_fini(r);
	return errors > 0 || r->failures > 0;
}

/* parse first, open PF_KEY after: a bad file never needs a kernel */
static int
run_file(struct runner *r, const struct run_opts *ro, const char *path)
{
	struct parse_opts po = { .cb = collect };
	struct cmd_list list;
	struct cmd *cmd, *next;
	unsigned int errors;
	FILE *fp;

	if (ro->dryrun)
		return check_file(r, ro, path);
	if ((fp = open_input(path, &po.name)) == NULL)
		return 1;
	cmd_list_init(&list);
	po.arg = &list;
	errors = parse_stream(fp, &po);
	if (errors == 0 && fp != stdin)
		secret_check_file(fp, po.name, &list);
	close_input(fp, po.name, errors, false);
	if (errors > 0 || run_init(r, ro) != 0) {
		cmd_list_free(&list);
		return 1;
	}

	/* each statement's keys go (wiped) as soon as it has run */
	for (cmd = list.head; cmd != NULL; cmd = next) {
		next = cmd->next;
		run_cmd(r, cmd);
		cmd_free(cmd);
	}
	run_fini(r);
	return r->failures > 0;
}

static int
run_cmdline(struct runner *r, const struct run_opts *ro)
{
	struct parse_opts po = {
		.name = "(stdin)",
		.interactive = true,
		.cb = run_now,
		.arg = r,
	};
	unsigned int errors;

	if (run_init(r, ro) != 0)
		return 1;
	input_buffer(stdin);
	errors = parse_stream(stdin, &po);
	explicit_bzero(inbuf, sizeof(inbuf));
	run_fini(r);
	return errors > 0 || r->failures > 0;
}

/* -D, -DP, -F, -FP are the dump and flush statements without a file */
static int
run_single(struct runner *r, const struct opts *o)
{
	struct cmd cmd;

	if (run_init(r, &o->run) != 0)
		return 1;
	memset(&cmd, 0, sizeof(cmd));
	if (o->mode == MODE_DUMP)
		cmd.kind = o->policy ? CMD_SPDDUMP : CMD_DUMP;
	else
		cmd.kind = o->policy ? CMD_SPDFLUSH : CMD_FLUSH;
	run_cmd(r, &cmd);
	run_fini(r);
	return r->failures > 0;
}

static int
run_rawfiles(char **paths, int n, const struct opts *o)
{
	int i, status = 0;

	for (i = 0; i < n; i++)
		status |= rawfile_print(stdout, paths[i], &o->run.print,
		    o->run.verbose > 0);
	return status;
}

int
main(int argc, char **argv)
{
	struct opts o;
	struct runner r;
	int status, err;

	memset(&o, 0, sizeof(o));
	parse_args(argc, argv, &o);
	o.run.print.now = time(NULL);

	switch (o.mode) {
	case MODE_FILE:
		status = run_file(&r, &o.run, o.file);
		break;
	case MODE_CMDLINE:
		status = run_cmdline(&r, &o.run);
		break;
	case MODE_MONITOR:
		status = monitor_run(&o.run.print);
		break;
	case MODE_DUMP:
		if (o.loop)
			status = monitor_loop(&o.run.print, o.run.verbose > 0);
		else
			status = run_single(&r, &o);
		break;
	case MODE_RAW:
		status = run_rawfiles(argv + optind, argc - optind, &o);
		break;
	default:
		status = run_single(&r, &o);
		break;
	}
	err = fflush(stdout) != 0 ? errno : 0;
	if (err != 0 || ferror(stdout)) {
		diag_error(NULL, "standard output: %s",
		    err != 0 ? strerror(err) : "write error");
		status = 1;
	}
	return status;
}
