// SPDX-License-Identifier: BSD-2-Clause
/*
 * Regression tests for what fuzzing found (tests/fuzz/): each input
 * is the smallest form of a crash or sanitizer report.  Most of them
 * fail only under `make check-asan`, where UBSan traps.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "msgtest.h"
#include "print.h"
#include "unit.h"

#define NOW	1700000000

/* an SA whose current lifetime was created at addtime */
static char *
dump_created(uint64_t addtime)
{
	struct print_opts po = { .now = NOW };
	struct tmsg m;
	char *text = NULL;
	size_t size;
	FILE *fp;
	void *buf;

	setenv("TZ", "UTC", 1);
	tzset();
	tm_start(&m, SADB_DUMP, SADB_SATYPE_ESP, 0, 1);
	tm_sa(&m, 0x1000, SADB_SASTATE_MATURE, 0, SADB_EALG_NULL);
	tm_lifetime(&m, SADB_EXT_LIFETIME_CURRENT, addtime, 0);
	tm_addr(&m, SADB_EXT_ADDRESS_SRC, "10.0.0.1", 0, 32, 0);
	tm_addr(&m, SADB_EXT_ADDRESS_DST, "10.0.0.2", 0, 32, 0);
	tm_end(&m);
	buf = tm_copy(&m, m.len);
	fp = open_memstream(&text, &size);
	print_dump(fp, buf, m.len, &po);
	fclose(fp);
	free(buf);
	return text;
}

/* fuzz_print: now - addtime overflowed for addtime > INT64_MAX */
TEST(print_created_beyond_int64)
{
	char *text = dump_created(0x8000000000000001ULL);

	CHECK(strstr(text, "\tcreated: ????????????????????\t") != NULL);
	CHECK(strstr(text, "\tdiff: 0(s)\t") != NULL);
	free(text);
}

/* the last second glibc can date: tm_year + 1900 overflowed int */
TEST(print_created_year_int_max)
{
	char *text = dump_created(67768036191676799ULL - 86400);

	CHECK(strstr(text, "\tcreated: ????????????????????\t") != NULL);
	free(text);
}

/* a time still in range keeps its date and its (negative) diff */
TEST(print_created_future)
{
	char *text = dump_created(NOW + 100);

	CHECK(strstr(text, "\tcreated: Nov 14 22:15:00 2023\t") != NULL);
	CHECK(strstr(text, "\tdiff: -100(s)\t") != NULL);
	free(text);
}

/* valgrind: strerror kept a malloc'd text for an unknown errno */
TEST(print_unknown_errno)
{
	struct print_opts po = { .now = NOW };
	struct tmsg m;
	char *text = NULL;
	size_t size;
	FILE *fp;
	void *buf;

	tm_start(&m, SADB_ADD, SADB_SATYPE_ESP, 1, 2);
	tm_end(&m)->sadb_msg_errno = 200;
	buf = tm_copy(&m, m.len);
	fp = open_memstream(&text, &size);
	print_msg(fp, buf, m.len, &po);
	fclose(fp);
	free(buf);
	CHECK(strstr(text, " errno=200(Unknown error 200) ") != NULL);
	free(text);
}
