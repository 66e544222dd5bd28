/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_RUN_H
#define SETKEY_RUN_H

/*
 * Executes commands against the kernel: builds each message, sends it,
 * checks the reply, reports a refusal with the statement's location.
 */

#include <stdbool.h>

#include "cmd.h"
#include "pfkey.h"
#include "print.h"

struct run_opts {
	bool		 dryrun;	/* -n: build, print with -v, send nothing */
	int		 verbose;	/* -v: print every message */
	bool		 kernel_mode;	/* -k; else RFC mode (-r) */
	struct print_opts print;
};

struct runner {
	const struct run_opts	*opts;
	struct pfkey		 pk;
	bool			 open;
	unsigned int		 failures;
};

int	run_init(struct runner *r, const struct run_opts *opts);
int	run_cmd(struct runner *r, const struct cmd *cmd);
void	run_fini(struct runner *r);

#endif
