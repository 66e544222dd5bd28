/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_PRINT_H
#define SETKEY_PRINT_H

/*
 * The one printer.  print_dump() writes a dump entry in the layout of
 * ../shared/spec/OUTPUT.md (-D for SA messages, -DP for policy
 * messages); print_msg() writes any message decoded, for -v and -x.
 * Both check the message with msg_index() first and never read past
 * len.
 *
 * print_dump() returns 0 when it printed the entry, 1 when it skipped
 * a dead SA (no -a), -1 when the message is malformed or lacks what an
 * entry needs: what is sound is printed, then a line
 * "\t! malformed message: WHY (N of M bytes sound)" or
 * "\t! incomplete entry: no EXT extension".  "No SAD entries." and
 * "No SPD entries." are the caller's (it knows the dump was empty).
 *
 * print_msg() layout, one message:
 *   hex lines "%08x: xx xx ..." (16 bytes a line) when po->hex;
 *   "SADB_ADD: version=2 type=3 errno=0 satype=esp len=N reserved=N
 *   seq=N pid=N" (errno=N(text) when set);
 *   one line per extension, in message order: "\tNAME: FIELDS", where
 *   NAME is the RFC 2367 / pfkeyv2.h name in lower case without the
 *   SADB_[X_]EXT_ prefix (sa, address_src, key_auth, x_policy, ...)
 *   and FIELDS reuse the -D / -DP wording (spi=N(0xN), mode=, reqid=,
 *   state=, "E: alg  hex", "out prio def ipsec" and one "\t\t" line
 *   per request, addresses as the -DP selector);
 *   for a malformed message, the flag line above and the unsound rest
 *   as "\text type=T len=L: N bytes" plus hex lines;
 *   then an empty line.
 * The timestamp line of -x comes first and is the caller's:
 * print_timestamp() writes it.
 *
 * print_short() writes the one-line form of an SA for -l, after the
 * header print_short_header() writes (OUTPUT.md "-l"): MMSS of
 * po->now, satype, state letter, SPI, age/hard add-time, "src -> dst".
 * It returns as print_dump() does.
 */

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

struct sadb_msg;
struct timeval;

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
int	print_short(FILE *fp, const void *buf, size_t len,
	    const struct print_opts *po);
void	print_short_header(FILE *fp);
void	print_timestamp(FILE *fp, const struct timeval *tv, bool raw);

#endif
