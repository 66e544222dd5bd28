// SPDX-License-Identifier: BSD-2-Clause
/*
 * Seeds for fuzz_print: seedgen OUTDIR FILE.conf...
 * Every statement of the given files, encoded by msg_build, plus a few
 * dump replies laid out the way af_key writes them (current lifetime,
 * dying state, NAT-T, tunnel policies).  Each seed is one option byte
 * (fuzz_print.c) followed by the message; one seed holds a whole dump.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/msgtest.h"
#include "build.h"
#include "cmd.h"
#include "msgbuf.h"
#include "parse.h"

#define T0	1700000000u

struct seeds {
	const char	*dir;
	unsigned int	 n;
	uint8_t		 opts;
};

static void
seed_write(struct seeds *s, const void *msg, size_t len)
{
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/seed-%04u", s->dir, s->n++);
	if ((fp = fopen(path, "wb")) == NULL) {
		fprintf(stderr, "seedgen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	fputc(s->opts, fp);
	fwrite(msg, 1, len, fp);
	if (fclose(fp) != 0)
		exit(1);
	/* cycle through the option bits, verbose on most seeds */
	s->opts = (uint8_t)((s->opts + 1) & 0x0f) | 0x10;
}

static int
encode(struct cmd *cmd, void *arg)
{
	struct msgbuf mb;

	msgbuf_init(&mb);
	if (msg_build(cmd, 7, 4242, &mb) == 0)
		seed_write(arg, mb.data, mb.len);
	msgbuf_free(&mb);
	cmd_free(cmd);
	return 0;
}

static void
sa_reply(struct tmsg *m, uint8_t state, int natt)
{
	static const uint8_t key[20] = "0123456789abcdefghij";

	tm_start(m, SADB_DUMP, SADB_SATYPE_ESP, 0, 4242);
	tm_sa(m, 0x1000, state, SADB_AALG_SHA1HMAC, SADB_EALG_3DESCBC);
	tm_lifetime(m, SADB_EXT_LIFETIME_HARD, 3600, 0);
	tm_lifetime(m, SADB_EXT_LIFETIME_SOFT, 3000, 0);
	tm_lifetime(m, SADB_EXT_LIFETIME_CURRENT, T0, T0 + 10);
	tm_addr(m, SADB_EXT_ADDRESS_SRC, "192.0.2.1", natt ? 4500 : 0, 32,
	    IPSEC_ULPROTO_ANY);
	tm_addr(m, SADB_EXT_ADDRESS_DST, "2001:db8::1", 0, 128,
	    IPSEC_ULPROTO_ANY);
	tm_key(m, SADB_EXT_KEY_AUTH, key, 20);
	tm_key(m, SADB_EXT_KEY_ENCRYPT, key, 16);
	tm_sa2(m, IPSEC_MODE_TUNNEL, 7);
	if (natt)
		tm_natt(m, 4500, 4500);
	tm_end(m);
}

static void
sp_reply(struct tmsg *m, uint8_t dir)
{
	size_t at;

	tm_start(m, SADB_X_SPDDUMP, SADB_SATYPE_UNSPEC, 0, 4242);
	tm_addr(m, SADB_EXT_ADDRESS_SRC, "10.0.0.0", 0, 24, IPPROTO_TCP);
	tm_addr(m, SADB_EXT_ADDRESS_DST, "10.1.0.0", 80, 16, IPPROTO_TCP);
	tm_lifetime(m, SADB_EXT_LIFETIME_HARD, 0, 0);
	tm_lifetime(m, SADB_EXT_LIFETIME_SOFT, 0, 0);
	tm_lifetime(m, SADB_EXT_LIFETIME_CURRENT, T0, 0);
	at = tm_policy(m, dir, IPSEC_POLICY_IPSEC, 8 * 100 + dir - 1,
	    0x80000000u);
	tm_req(m, IPPROTO_ESP, IPSEC_MODE_TUNNEL, IPSEC_LEVEL_UNIQUE, 9,
	    "192.0.2.1", "192.0.2.2", 0);
	tm_req(m, IPPROTO_AH, IPSEC_MODE_TRANSPORT, IPSEC_LEVEL_REQUIRE, 0,
	    NULL, NULL, 0);
	tm_policy_end(m, at);
	tm_end(m);
}

/* a dump: several replies back to back, as `setkey FILE` reads them */
static void
replies(struct seeds *s)
{
	static struct tmsg m[4];
	uint8_t all[sizeof(m)];
	size_t len = 0;
	int i;

	sa_reply(&m[0], SADB_SASTATE_MATURE, 0);
	sa_reply(&m[1], SADB_SASTATE_DYING, 1);
	sp_reply(&m[2], IPSEC_DIR_OUTBOUND);
	sp_reply(&m[3], IPSEC_DIR_FWD);
	for (i = 0; i < 4; i++) {
		seed_write(s, m[i].w, m[i].len);
		memcpy(all + len, m[i].w, m[i].len);
		len += m[i].len;
	}
	seed_write(s, all, len);
}

int
main(int argc, char **argv)
{
	struct seeds s = { NULL, 0, 0x10 };
	struct parse_opts po = { .cb = encode, .arg = &s };
	FILE *fp;
	int i;

	if (argc < 2) {
		fputs("usage: seedgen OUTDIR [FILE.conf ...]\n", stderr);
		return 2;
	}
	s.dir = argv[1];
	for (i = 2; i < argc; i++) {
		if ((fp = fopen(argv[i], "r")) == NULL)
			continue;
		po.name = argv[i];
		parse_stream(fp, &po);
		fclose(fp);
	}
	replies(&s);
	printf("seedgen: %u seeds in %s\n", s.n, s.dir);
	return 0;
}
