// SPDX-License-Identifier: BSD-2-Clause
#include <stdlib.h>
#include <time.h>

#include "msgtest.h"
#include "print.h"
#include "unit.h"

/*
 * The -l line (OUTPUT.md "-l"): MMSS, satype in 3, state letter, SPI
 * in 8 hex digits, age/hard in 3 each ("big" from 1000), src -> dst.
 */

/* Dec  4 13:20:00 2024 UTC */
#define T0	1733318400ULL

static void
utc(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
}

static char *
shortline(const struct tmsg *m, size_t len, const struct print_opts *po,
    int *rc)
{
	char *text = NULL;
	size_t size;
	FILE *fp = open_memstream(&text, &size);
	void *buf = tm_copy(m, len);

	*rc = print_short(fp, buf, len, po);
	fclose(fp);
	free(buf);
	return text;
}

/* an SA as af_key dumps it, lifetimes optional */
static void
short_sa(struct tmsg *m, uint8_t satype, uint32_t spi, uint8_t state,
    uint64_t hard, bool lifetimes)
{
	tm_start(m, SADB_DUMP, satype, 0, 77);
	tm_sa(m, spi, state, 0, 0);
	if (lifetimes) {
		tm_lifetime(m, SADB_EXT_LIFETIME_HARD, hard, 0);
		tm_lifetime(m, SADB_EXT_LIFETIME_SOFT, 0, 0);
		tm_lifetime(m, SADB_EXT_LIFETIME_CURRENT, T0, 0);
	}
	tm_addr(m, SADB_EXT_ADDRESS_SRC, "192.0.2.1", 0, 32, 0);
	tm_addr(m, SADB_EXT_ADDRESS_DST, "192.0.2.2", 0, 32, 0);
	tm_end(m);
}

TEST(short_header)
{
	char *text = NULL;
	size_t size;
	FILE *fp = open_memstream(&text, &size);

	print_short_header(fp);
	fclose(fp);
	CHECK_STR(text, "time p   s spi      ltime   src -> dst\n");
	free(text);
}

TEST(short_esp_mature)
{
	struct print_opts po = { .now = (time_t)T0 + 65 };
	struct tmsg m;
	char *text;
	int rc;

	utc();
	short_sa(&m, SADB_SATYPE_ESP, 0x1001, SADB_SASTATE_MATURE, 0, true);
	text = shortline(&m, m.len, &po, &rc);
	CHECK(rc == 0);
	CHECK_STR(text, "2105 esp M 00001001  65/0   192.0.2.1 -> 192.0.2.2\n");
	free(text);
}

/* age right-aligned, hard left-aligned, both "big" from 1000 */
TEST(short_big_and_widths)
{
	struct print_opts po = { .now = (time_t)T0 + 999 };
	struct tmsg m;
	char *text;
	int rc;

	utc();
	short_sa(&m, SADB_SATYPE_AH, 0xdeadbeef, SADB_SASTATE_DYING, 1000,
	    true);
	text = shortline(&m, m.len, &po, &rc);
	CHECK_STR(text, "3639 ah  D deadbeef 999/big 192.0.2.1 -> 192.0.2.2\n");
	free(text);

	po.now = (time_t)T0 + 1000;
	short_sa(&m, SADB_SATYPE_AH, 1, SADB_SASTATE_LARVAL, 7, true);
	text = shortline(&m, m.len, &po, &rc);
	CHECK_STR(text, "3640 ah  L 00000001 big/7   192.0.2.1 -> 192.0.2.2\n");
	free(text);
}

TEST(short_no_lifetimes)
{
	struct print_opts po = { .now = (time_t)T0 };
	struct tmsg m;
	char *text;
	int rc;

	utc();
	short_sa(&m, SADB_X_SATYPE_IPCOMP, 0x3001, SADB_SASTATE_MATURE, 0,
	    false);
	text = shortline(&m, m.len, &po, &rc);
	CHECK(rc == 0);
	CHECK_STR(text,
	    "2000 ipcomp M 00003001 ???" "/??? 192.0.2.1 -> 192.0.2.2\n");
	free(text);
}

/* dead SAs only with -a, as -D */
TEST(short_dead)
{
	struct print_opts po = { .now = (time_t)T0 };
	struct tmsg m;
	char *text;
	int rc;

	utc();
	short_sa(&m, SADB_SATYPE_ESP, 0x1001, SADB_SASTATE_DEAD, 0, true);
	text = shortline(&m, m.len, &po, &rc);
	CHECK(rc == 1);
	CHECK_STR(text, "");
	free(text);
	po.all = true;
	text = shortline(&m, m.len, &po, &rc);
	CHECK(rc == 0);
	CHECK_STR(text, "2000 esp d 00001001   0/0   192.0.2.1 -> 192.0.2.2\n");
	free(text);
}

/* NAT-T SAs show their encapsulation ports */
TEST(short_natt_ports)
{
	struct print_opts po = { .now = (time_t)T0 };
	struct tmsg m;
	char *text;
	int rc;

	utc();
	tm_start(&m, SADB_DUMP, SADB_SATYPE_ESP, 0, 77);
	tm_sa(&m, 0x1002, SADB_SASTATE_MATURE, 0, 0);
	tm_addr(&m, SADB_EXT_ADDRESS_SRC, "2001:db8::1", 0, 128, 0);
	tm_addr(&m, SADB_EXT_ADDRESS_DST, "2001:db8::2", 0, 128, 0);
	tm_natt(&m, 4500, 4501);
	tm_end(&m);
	text = shortline(&m, m.len, &po, &rc);
	CHECK_STR(text, "2000 esp M 00001002 ???" "/??? 2001:db8::1[4500] -> "
	    "2001:db8::2[4501]\n");
	free(text);
}

/* cut short: what is sound is flagged, nothing is read past the end */
TEST(short_truncated)
{
	struct print_opts po = { .now = (time_t)T0 };
	struct tmsg m;
	char *text;
	int rc;

	utc();
	short_sa(&m, SADB_SATYPE_ESP, 0x1001, SADB_SASTATE_MATURE, 0, true);
	text = shortline(&m, m.len - 8, &po, &rc);
	CHECK(rc == -1);
	CHECK(strstr(text, "\t! ") != NULL);
	free(text);
	text = shortline(&m, 4, &po, &rc);
	CHECK(rc == -1);
	CHECK(strncmp(text, "\t! malformed message: ", 22) == 0);
	free(text);
}
