/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_RAWFILE_H
#define SETKEY_RAWFILE_H

/*
 * `setkey FILE...`: a file of raw PF_KEY messages, back to back as a
 * dump returns them, printed as -D / -DP print each (with verbose, the
 * -v decoding first).  "-" is standard input.  A cut or corrupt
 * message is printed as far as it is sound, flagged in the output and
 * reported through diag.c; a message whose length cannot be trusted
 * ends the walk.  Returns 0, or 1 when the file could not be read or
 * any message was bad.
 */

#include <stdbool.h>
#include <stdio.h>

#include "print.h"

int	rawfile_print(FILE *out, const char *path,
	    const struct print_opts *po, bool verbose);

#endif
