/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_RUN_H
#define SETKEY_RUN_H

/*
 * Executes commands against the kernel: builds each message, sends it,
 * checks the reply, reports a refusal with the statement's location.
 */

#include <stdbool.h>

#include "cmd.h"
#include "msgbuf.h"
#include "pfkey.h"
#include "print.h"

struct run_opts {
	bool		 dryrun;	/* -n: build, -v prints, no send */
	int		 verbose;	/* -v: print every message */
	bool		 kernel_mode;	/* -k; else RFC mode (-r) */
	struct print_opts print;
};

struct runner {
	const struct run_opts	*opts;
	struct pfkey		 pk;
	bool			 open;
	unsigned int		 failures;
	struct msgbuf		 req;		/* reused for every message */
	struct msgbuf		 reply;
};

/*
 * run_init opens the socket (not with dryrun); on failure it has printed
 * one line and returns -1: exit 1.  run_cmd returns 0, or -1 when a
 * message was refused or could not be sent (reported, and counted in
 * failures); the caller goes on with the next command either way.
 */
int	run_init(struct runner *r, const struct run_opts *opts);
int	run_cmd(struct runner *r, const struct cmd *cmd);
void	run_fini(struct runner *r);

#endif
