// SPDX-License-Identifier: BSD-2-Clause
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "diag.h"
#include "parse.h"
#include "run.h"

#define SETKEY_VERSION	"0.1"

enum mode {
	MODE_NONE,
	MODE_FILE,		/* -f */
	MODE_CMDLINE,		/* -c */
	MODE_DUMP,		/* -D */
	MODE_FLUSH,		/* -F */
};

struct opts {
	enum mode	 mode;
	const char	*file;
	bool		 policy;	/* -P */
	struct run_opts	 run;
};

static void
usage(void)
{
	fputs("usage: setkey [-knrv] -c\n"
	    "       setkey [-knrv] -f file\n"
	    "       setkey [-aknPprv] -D\n"
	    "       setkey [-knPrv] -F\n"
	    "       setkey -V\n", stderr);
	exit(1);
}

static void
set_mode(struct opts *o, enum mode mode)
{
	if (o->mode != MODE_NONE && o->mode != mode) {
		fputs("setkey: -c, -f, -D and -F exclude each other\n",
		    stderr);
		exit(1);
	}
	o->mode = mode;
}

static void
parse_args(int argc, char **argv, struct opts *o)
{
	int ch;

	while ((ch = getopt(argc, argv, "acDFf:hHknPprvV")) != -1) {
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
		default:
			usage();
		}
	}
	if (optind != argc || o->mode == MODE_NONE)
		usage();
}

/* -f: keep every statement; nothing runs unless all of them parsed */
static int
collect(struct cmd *cmd, void *arg)
{
	cmd_list_append(arg, cmd);
	return 0;
}

static int
run_file(struct runner *r, const char *path)
{
	struct parse_opts po = { .cb = collect };
	struct cmd_list list;
	struct cmd *cmd;
	unsigned int errors;
	FILE *fp;

	if (strcmp(path, "-") == 0) {
		fp = stdin;
		po.name = "(stdin)";
	} else if ((fp = fopen(path, "r")) == NULL) {
		diag_error(NULL, "%s: %s", path, strerror(errno));
		return 1;
	} else {
		po.name = path;
	}

	cmd_list_init(&list);
	po.arg = &list;
	errors = parse_stream(fp, &po);
	if (fp != stdin)
		fclose(fp);
	if (errors > 0) {
		diag_error(NULL, "%s: %u error%s; nothing was applied",
		    po.name, errors, errors == 1 ? "" : "s");
		cmd_list_free(&list);
		return 1;
	}

	for (cmd = list.head; cmd != NULL; cmd = cmd->next)
		run_cmd(r, cmd);
	cmd_list_free(&list);
	return r->failures > 0;
}

/* -c: each statement runs as soon as its ';' is read */
static int
run_now(struct cmd *cmd, void *arg)
{
	run_cmd(arg, cmd);
	cmd_free(cmd);
	return 0;
}

static int
run_cmdline(struct runner *r)
{
	struct parse_opts po = {
		.name = "(stdin)",
		.interactive = true,
		.cb = run_now,
		.arg = r,
	};
	unsigned int errors;

	errors = parse_stream(stdin, &po);
	return errors > 0 || r->failures > 0;
}

/* -D, -DP, -F, -FP are the dump and flush statements without a file */
static int
run_single(struct runner *r, const struct opts *o)
{
	struct cmd cmd;

	memset(&cmd, 0, sizeof(cmd));
	if (o->mode == MODE_DUMP)
		cmd.kind = o->policy ? CMD_SPDDUMP : CMD_DUMP;
	else
		cmd.kind = o->policy ? CMD_SPDFLUSH : CMD_FLUSH;
	run_cmd(r, &cmd);
	return r->failures > 0;
}

int
main(int argc, char **argv)
{
	struct opts o;
	struct runner r;
	int status;

	memset(&o, 0, sizeof(o));
	parse_args(argc, argv, &o);
	o.run.print.now = time(NULL);

	if (run_init(&r, &o.run) != 0)
		return 1;
	switch (o.mode) {
	case MODE_FILE:
		status = run_file(&r, o.file);
		break;
	case MODE_CMDLINE:
		status = run_cmdline(&r);
		break;
	default:
		status = run_single(&r, &o);
		break;
	}
	run_fini(&r);
	if (fflush(stdout) != 0 || ferror(stdout))
		status = 1;
	return status;
}
