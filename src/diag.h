/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_DIAG_H
#define SETKEY_DIAG_H

/*
 * The only place diagnostics are written (stderr):
 *   setkey: FILE:LINE:COL: error: TEXT
 * followed, when the caller has it, by the source line and a caret
 * under column COL.  A NULL srcloc drops the location.
 */

#include "cmd.h"

void	diag_error(const struct srcloc *loc, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	diag_warn(const struct srcloc *loc, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	diag_source(const char *line, size_t len, unsigned int col);
void	diag_kernel(const struct srcloc *loc, const char *verb, int err,
	    const char *hint);

#endif
