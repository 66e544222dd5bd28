// SPDX-License-Identifier: BSD-2-Clause
/*
 * Writes a configuration of N SAs and N policies for the benchmarks:
 *   gen N [sa|sp|all]
 * Entry i has its own address pair, 10.<i> to 10.<128 + i> (i in base
 * 256 over three bytes), and SPI 0x1000 + i.  Outbound policies only, so
 * that RFC mode sends no fwd copy: one statement, one message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GEN_MAX		(1UL << 23)	/* 10.0-127 and 10.128-255 */

static void
gen_addr(char *buf, size_t size, unsigned long i, unsigned int base)
{
	snprintf(buf, size, "10.%lu.%lu.%lu", base + (i >> 16),
	    (i >> 8) & 255, i & 255);
}

/*
 * The keys are fixed and public: benchmark data, never a real secret.
 * The cipher is the cheapest the kernel has (null, hmac-md5) so that the
 * kernel's own cost per SA, time and memory (about 2 KiB), is as small
 * as it gets and setkey's share shows.
 */
static void
gen_sa(unsigned long i, const char *src, const char *dst)
{
	printf("add %s %s esp 0x%lx -m transport -E null\n"
	    "\t-A hmac-md5 0x000102030405060708090a0b0c0d0e0f;\n",
	    src, dst, 0x1000 + i);
}

static void
gen_sp(const char *src, const char *dst)
{
	printf("spdadd %s %s any -P out ipsec esp/transport//require;\n",
	    src, dst);
}

int
main(int argc, char **argv)
{
	char src[32], dst[32];
	unsigned long n, i;
	char *end;
	int sa, sp;

	if (argc < 2 || argc > 3)
		goto usage;
	n = strtoul(argv[1], &end, 10);
	if (*end != '\0' || n > GEN_MAX)
		goto usage;
	sa = argc == 2 || strcmp(argv[2], "sa") == 0 ||
	    strcmp(argv[2], "all") == 0;
	sp = argc == 2 || strcmp(argv[2], "sp") == 0 ||
	    strcmp(argv[2], "all") == 0;
	if (!sa && !sp)
		goto usage;
	for (i = 0; sa && i < n; i++) {
		gen_addr(src, sizeof(src), i, 0);
		gen_addr(dst, sizeof(dst), i, 128);
		gen_sa(i, src, dst);
	}
	for (i = 0; sp && i < n; i++) {
		gen_addr(src, sizeof(src), i, 0);
		gen_addr(dst, sizeof(dst), i, 128);
		gen_sp(src, dst);
	}
	return fflush(stdout) != 0;
usage:
	fprintf(stderr, "usage: gen N [sa|sp|all]   (N <= %lu)\n", GEN_MAX);
	return 2;
}
