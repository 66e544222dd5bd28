/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_UNIT_H
#define SETKEY_UNIT_H

/*
 * A minimal test harness: TEST(name) defines a test that registers
 * itself; CHECK(cond) records a failure and goes on.  main.c runs them
 * all and prints "N passed, M failed".
 */

#include <stdio.h>
#include <string.h>

typedef void	(*unit_fn)(void);

void	unit_register(const char *name, unit_fn fn);
void	unit_fail(const char *file, int line, const char *what);

#define TEST(name)							\
	static void test_##name(void);					\
	__attribute__((constructor)) static void reg_##name(void)	\
	{								\
		unit_register(#name, test_##name);			\
	}								\
	static void test_##name(void)

#define CHECK(cond)							\
	do {								\
		if (!(cond))						\
			unit_fail(__FILE__, __LINE__, #cond);		\
	} while (0)

#define CHECK_STR(got, want)						\
	do {								\
		if (strcmp((got), (want)) != 0) {			\
			unit_fail(__FILE__, __LINE__, #got);		\
			fprintf(stderr, "  got:  [%s]\n  want: [%s]\n",	\
			    (got), (want));				\
		}							\
	} while (0)

#endif
