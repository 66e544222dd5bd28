// SPDX-License-Identifier: BSD-2-Clause
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"

static void
diag_v(const struct srcloc *loc, const char *what, const char *fmt,
    va_list ap)
{
	fputs("setkey: ", stderr);
	if (loc != NULL && loc->file != NULL)
		fprintf(stderr, "%s:%u:%u: ", loc->file, loc->line, loc->col);
	fprintf(stderr, "%s: ", what);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
diag_error(const struct srcloc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_v(loc, "error", fmt, ap);
	va_end(ap);
}

void
diag_warn(const struct srcloc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_v(loc, "warning", fmt, ap);
	va_end(ap);
}

/*
 * The line as read, then a caret under COL.  Tabs are copied into the
 * caret line so that it lines up however the terminal expands them.
 */
void
diag_source(const char *line, size_t len, unsigned int col)
{
	size_t i;

	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		len--;
	fprintf(stderr, " %.*s\n ", (int)len, line);
	for (i = 0; i + 1 < col && i < len; i++)
		fputc(line[i] == '\t' ? '\t' : ' ', stderr);
	fputs("^\n", stderr);
}

/* setkey: FILE:LINE:COL: spdadd: File exists (hint) */
void
diag_kernel(const struct srcloc *loc, const char *verb, int err,
    const char *hint)
{
	fputs("setkey: ", stderr);
	if (loc != NULL && loc->file != NULL)
		fprintf(stderr, "%s:%u:%u: ", loc->file, loc->line, loc->col);
	fprintf(stderr, "%s: %s", verb, strerror(err));
	if (hint != NULL)
		fprintf(stderr, " (%s)", hint);
	fputc('\n', stderr);
}
