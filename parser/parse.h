/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_PARSE_H
#define SETKEY_PARSE_H

/*
 * The configuration language (parser/token.l, parser/parse.y) into
 * struct cmd.  Each complete, valid statement is handed to the
 * callback, which takes ownership; a bad statement is reported through
 * diag.c and skipped to the next ';'.
 */

#include <stdbool.h>
#include <stdio.h>

#include "cmd.h"

/* nonzero from the callback stops the parse */
typedef int	(*parse_cb)(struct cmd *cmd, void *arg);

struct parse_opts {
	const char	*name;		/* for locations; "(stdin)" */
	bool		 interactive;	/* -c: read and hand over per line */
	parse_cb	 cb;
	void		*arg;
};

/* returns the number of errors reported */
unsigned int	parse_stream(FILE *fp, const struct parse_opts *po);

#endif
