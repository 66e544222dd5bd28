// SPDX-License-Identifier: BSD-2-Clause
#include <stdio.h>
#include <stdlib.h>

#include "unit.h"

#define MAXTESTS	512

static struct {
	const char	*name;
	unit_fn		 fn;
} tests[MAXTESTS];
static int ntests;
static int failed_checks;

void
unit_register(const char *name, unit_fn fn)
{
	if (ntests == MAXTESTS) {
		fprintf(stderr, "unit: more than %d tests\n", MAXTESTS);
		exit(2);
	}
	tests[ntests].name = name;
	tests[ntests].fn = fn;
	ntests++;
}

void
unit_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
	failed_checks++;
}

int
main(void)
{
	int i, passed = 0, failed = 0, before;

	for (i = 0; i < ntests; i++) {
		before = failed_checks;
		tests[i].fn();
		if (failed_checks == before) {
			passed++;
		} else {
			failed++;
			fprintf(stderr, "FAIL %s\n", tests[i].name);
		}
	}
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed != 0;
}
