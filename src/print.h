/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_PRINT_H
#define SETKEY_PRINT_H

/*
 * The one printer.  print_dump() writes a dump entry in the layout of
 * ../shared/spec/OUTPUT.md (-D for SA messages, -DP for policy
 * messages); print_msg() writes any message decoded, for -v and -x.
 */

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

struct sadb_msg;

struct print_opts {
	bool	 ports;		/* -p: [port] after every SA address */
	bool	 all;		/* -a: dead SAs too */
	bool	 hex;		/* -h / -H: hex dump in print_msg */
	bool	 rawtime;	/* -xx: epoch seconds in timestamps */
	time_t	 now;		/* for current: and diff: */
};

int	print_dump(FILE *fp, const void *buf, size_t len,
	    const struct print_opts *po);
void	print_msg(FILE *fp, const void *buf, size_t len,
	    const struct print_opts *po);

#endif
