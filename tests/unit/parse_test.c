// SPDX-License-Identifier: BSD-2-Clause
#include <sys/socket.h>

#include <linux/ipsec.h>
#include <linux/pfkeyv2.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "parse.h"
#include "unit.h"

/*
 * parse_stream() on in-memory input: what each statement becomes.  The
 * diagnostics of inputs meant to fail go to /dev/null; their text is
 * checked by the golden files in tests/parse/.
 */

struct got {
	struct cmd_list	 list;
	size_t		 n;
	int		 stop_after;	/* 0: never stop */
};

static int
collect(struct cmd *cmd, void *arg)
{
	struct got *g = arg;

	cmd_list_append(&g->list, cmd);
	g->n++;
	return g->stop_after != 0 && (int)g->n >= g->stop_after;
}

static unsigned int
parse_text(struct got *g, const char *text, bool interactive, bool quiet)
{
	struct parse_opts po = { "t.conf", interactive, collect, g };
	unsigned int errors;
	FILE *fp;
	int saved = -1, null;

	cmd_list_init(&g->list);
	g->n = 0;
	fp = fmemopen((void *)text, strlen(text), "r");
	if (fp == NULL)
		return 999;
	if (quiet) {
		fflush(stderr);
		saved = dup(2);
		null = open("/dev/null", O_WRONLY);
		dup2(null, 2);
		close(null);
	}
	errors = parse_stream(fp, &po);
	if (quiet) {
		fflush(stderr);
		dup2(saved, 2);
		close(saved);
	}
	fclose(fp);
	return errors;
}

static struct cmd *
nth(struct got *g, size_t i)
{
	struct cmd *c = g->list.head;

	while (c != NULL && i-- > 0)
		c = c->next;
	return c;
}

static unsigned int
errors_of(const char *text)
{
	struct got g;
	unsigned int n;

	g.stop_after = 0;
	n = parse_text(&g, text, false, true);
	cmd_list_free(&g.list);
	return n;
}

static bool
is_v4(const struct addr *a, const char *text)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)&a->ss;
	struct in_addr want;

	return a->ss.ss_family == AF_INET && inet_pton(AF_INET, text, &want) &&
	    sin->sin_addr.s_addr == want.s_addr;
}

static bool
is_v6(const struct addr *a, const char *text)
{
	const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)&a->ss;
	struct in6_addr want;

	return a->ss.ss_family == AF_INET6 &&
	    inet_pton(AF_INET6, text, &want) &&
	    memcmp(&s6->sin6_addr, &want, sizeof(want)) == 0;
}

TEST(parse_transport_add_and_policy)
{
	struct got g = { .stop_after = 0 };
	struct cmd *c;

	CHECK(parse_text(&g, "spdflush;\nflush;\n"
	    "add 192.168.10.1 192.168.10.2 esp 0x1000\n"
	    "\t-m transport\n\t-E des-cbc \"srfs6993\"\n"
	    "\t-A hmac-sha1 \"twwg3888jlpm7672xov7\" ;\n"
	    "spdadd 192.168.10.2 192.168.10.1 any -P out ipsec\n"
	    "        esp/transport//require ;\n", false, false) == 0);
	CHECK(g.n == 4);
	c = nth(&g, 0);
	CHECK(c != NULL && c->kind == CMD_SPDFLUSH);
	c = nth(&g, 1);
	CHECK(c != NULL && c->kind == CMD_FLUSH &&
	    c->satype == SADB_SATYPE_UNSPEC);
	c = nth(&g, 2);
	if (c != NULL) {
		CHECK(c->kind == CMD_ADD && c->loc.line == 3 &&
		    c->loc.col == 1);
		CHECK(c->sa.satype == SADB_SATYPE_ESP && c->sa.spi == 0x1000);
		CHECK(c->sa.mode == IPSEC_MODE_TRANSPORT);
		CHECK(c->sa.ealg == SADB_EALG_DESCBC &&
		    c->sa.aalg == SADB_AALG_SHA1HMAC);
		CHECK(c->sa.ekey.set && c->sa.ekey.len == 8 &&
		    memcmp(c->sa.ekey.bytes, "srfs6993", 8) == 0);
		CHECK(c->sa.akey.set && c->sa.akey.len == 20);
		CHECK(is_v4(&c->src, "192.168.10.1"));
		CHECK(is_v4(&c->dst, "192.168.10.2"));
		CHECK(c->src.prefixlen == ADDR_PLEN_FULL &&
		    c->src.port == ADDR_PORT_NONE);
		CHECK(c->sa.replay == 0 && c->sa.reqid == 0);
		CHECK(c->sa.flags == SA_FLAG_CYCSEQ);
	}
	c = nth(&g, 3);
	if (c != NULL) {
		CHECK(c->kind == CMD_SPDADD && c->sp.dir == IPSEC_DIR_OUTBOUND);
		CHECK(c->sp.type == IPSEC_POLICY_IPSEC);
		CHECK(c->sp.upper == IPSEC_ULPROTO_ANY);
		CHECK(c->sp.priority == 0x80000000u);
		CHECK(c->sp.nreq == 1 && c->sp.reqs[0].proto == IPPROTO_ESP &&
		    c->sp.reqs[0].mode == IPSEC_MODE_TRANSPORT &&
		    c->sp.reqs[0].level == IPSEC_LEVEL_REQUIRE &&
		    !c->sp.reqs[0].tunnel_addrs);
	}
	cmd_list_free(&g.list);
}

TEST(parse_sa_defaults_and_extensions)
{
	struct got g = { .stop_after = 0 };
	struct cmd *c;

	CHECK(parse_text(&g, "add 10.0.0.1 10.0.0.2 ah 4096 -A hmac-md5 "
	    "0x0123456789abcdef0123456789abcdef;\n"
	    "add 10.0.0.1 10.0.0.2 esp 4097 -m tunnel -r 32 -u 7 "
	    "-f random-pad -f nocyclic-seq -lh 100 -ls 80 -bh 9000 "
	    "-bs 8000 -E aes-ctr 0xabc0123456789abcdef0123456789abcdef0123 "
	    ";\n", false, false) == 0);
	CHECK(g.n == 2);
	c = nth(&g, 0);
	if (c != NULL) {
		CHECK(c->sa.satype == SADB_SATYPE_AH);
		CHECK(c->sa.mode == IPSEC_MODE_ANY);
		CHECK(c->sa.akey.len == 16 && c->sa.akey.bytes[0] == 0x01 &&
		    c->sa.akey.bytes[15] == 0xef);
		CHECK(!c->sa.ekey.set && c->sa.ealg == 0);
	}
	c = nth(&g, 1);
	if (c != NULL) {
		CHECK(c->sa.mode == IPSEC_MODE_TUNNEL);
		CHECK(c->sa.replay == 32 && c->sa.reqid == 7);
		/* random-pad, and nocyclic-seq cleared the default 0x40 */
		CHECK(c->sa.flags == SA_FLAG_PRAND);
		CHECK(c->sa.hard_addtime == 100 && c->sa.soft_addtime == 80);
		CHECK(c->sa.hard_bytes == 9000 && c->sa.soft_bytes == 8000);
		/* 39 hex digits: a leading half byte, 20 bytes in all */
		CHECK(c->sa.ekey.len == 20 && c->sa.ekey.bytes[0] == 0x0a &&
		    c->sa.ekey.bytes[1] == 0xbc);
	}
	cmd_list_free(&g.list);
}

TEST(parse_null_ipcomp_natt)
{
	struct got g = { .stop_after = 0 };
	struct cmd *c;

	CHECK(parse_text(&g, "add ::1 ::1 esp 10001 -E null;\n"
	    "add ::1 ::1 ipcomp 30001 -C deflate -R;\n"
	    "add 192.0.2.1[4501] 192.0.2.2 esp-udp 0x400 -f zero-pad "
	    "-E aes-gcm-16 \"01234567890123456789\";\n"
	    "add ::1 ::1 esp-old 10003 -E null -A null;\n", false,
	    false) == 0);
	CHECK(g.n == 4);
	c = nth(&g, 0);
	if (c != NULL) {
		CHECK(is_v6(&c->src, "::1"));
		/* Linux wants the empty key extension of null */
		CHECK(c->sa.ealg == SADB_EALG_NULL && c->sa.ekey.set &&
		    c->sa.ekey.len == 0);
	}
	c = nth(&g, 1);
	if (c != NULL) {
		CHECK(c->sa.satype == SADB_X_SATYPE_IPCOMP &&
		    c->satype == SADB_X_SATYPE_IPCOMP);
		CHECK(c->sa.ealg == SADB_X_CALG_DEFLATE);
		CHECK(c->sa.flags == (SA_FLAG_CYCSEQ | SA_FLAG_RAWCPI));
		CHECK(!c->sa.ekey.set);
	}
	c = nth(&g, 2);
	if (c != NULL) {
		CHECK(c->sa.satype == SADB_SATYPE_ESP && c->sa.natt);
		CHECK(c->src.port == 4501 && c->dst.port == ADDR_PORT_NONE);
		CHECK(c->sa.ealg == SADB_X_EALG_AES_GCM_ICV16 &&
		    c->sa.aalg == 0 && !c->sa.akey.set);
		CHECK(c->sa.flags == (SA_FLAG_CYCSEQ | SA_FLAG_PZERO));
	}
	c = nth(&g, 3);
	if (c != NULL)
		CHECK(c->sa.flags == (SA_FLAG_CYCSEQ | SA_FLAG_OLD) &&
		    c->sa.aalg == SADB_X_AALG_NULL && c->sa.akey.set);
	cmd_list_free(&g.list);
}

static uint32_t
prio_of(const char *spec)
{
	struct got g = { .stop_after = 0 };
	char text[256];
	uint32_t p = 1;

	snprintf(text, sizeof(text), "spdadd 10.0.0.1 10.0.0.2 any -P out "
	    "%s none;", spec);
	if (parse_text(&g, text, false, true) == 0 && g.n == 1)
		p = g.list.head->sp.priority;
	cmd_list_free(&g.list);
	return p;
}

TEST(parse_priorities)
{
	CHECK(prio_of("") == 0x80000000u);
	CHECK(prio_of("prio 10") == 0x80000000u - 10);
	CHECK(prio_of("priority -10") == 0x80000000u + 10);
	CHECK(prio_of("prio - 10") == 0x80000000u + 10);
	CHECK(prio_of("prio low") == 0xc0000000u);
	CHECK(prio_of("prio def") == 0x80000000u);
	CHECK(prio_of("prio high") == 0x40000000u);
	CHECK(prio_of("prio high + 5") == 0x40000000u - 5);
	CHECK(prio_of("prio low - 5") == 0xc0000000u + 5);
	CHECK(prio_of("prio low -5") == 0xc0000000u + 5);
	CHECK(prio_of("prio -0x10") == 0x80000000u + 16);
	CHECK(prio_of("prio low -0x10") == 0xc0000000u + 16);
	CHECK(prio_of("prio def + 0x40000000") == 0x40000000u);
	CHECK(prio_of("prio def - 0x3fffffff") == 0xbfffffffu);
	/* out of range: no command, so the sentinel 1 */
	CHECK(prio_of("prio def + 0x40000001") == 1);
	CHECK(prio_of("prio def - 0x40000000") == 1);
}

TEST(parse_policy_forms)
{
	struct got g = { .stop_after = 0 };
	struct cmd *c;
	struct sp_req *r;

	CHECK(parse_text(&g, "spdadd fec0::1/64[any] fec0::2[110] tcp "
	    "-P in ipsec\n\tesp/tunnel/fec0::1-fec0::2/unique:77\n"
	    "\tah/transport//use\n"
	    "\tesp/tunnel/192.0.2.1[4500]-192.0.2.2[4501]\n"
	    "\tipcomp/transport;\n"
	    "spdadd ::/0 ::/0 icmp6 135,0 -P fwd discard;\n"
	    "spdadd 0.0.0.0/0 0.0.0.0/0 gre 1.2.3.4 -P out none;\n"
	    "spddelete 10.0.0.0/8 10.0.0.0/8 any -P out;\n", false,
	    false) == 0);
	CHECK(g.n == 4);
	c = nth(&g, 0);
	if (c != NULL && c->sp.nreq == 4) {
		CHECK(c->src.prefixlen == 64 && c->src.port == 0);
		CHECK(c->dst.prefixlen == ADDR_PLEN_FULL && c->dst.port == 110);
		CHECK(c->sp.upper == IPPROTO_TCP);
		r = &c->sp.reqs[0];
		CHECK(r->mode == IPSEC_MODE_TUNNEL && r->tunnel_addrs);
		CHECK(r->level == IPSEC_LEVEL_UNIQUE && r->reqid == 77);
		CHECK(is_v6(&r->tsrc, "fec0::1") && is_v6(&r->tdst, "fec0::2"));
		r = &c->sp.reqs[1];
		CHECK(r->proto == IPPROTO_AH && r->level == IPSEC_LEVEL_USE);
		r = &c->sp.reqs[2];
		CHECK(r->tsrc.port == 4500 && r->tdst.port == 4501);
		CHECK(is_v4(&r->tdst, "192.0.2.2"));
		r = &c->sp.reqs[3];
		CHECK(r->proto == IPPROTO_COMP &&
		    r->level == IPSEC_LEVEL_DEFAULT);
	} else {
		CHECK(!"four requests");
	}
	c = nth(&g, 1);
	if (c != NULL) {
		CHECK(c->sp.upper == IPPROTO_ICMPV6 &&
		    c->sp.dir == IPSEC_DIR_FWD);
		CHECK(c->src.port == 135 && c->dst.port == 0);
		CHECK(c->sp.type == IPSEC_POLICY_DISCARD && c->sp.nreq == 0);
	}
	c = nth(&g, 2);
	if (c != NULL)
		CHECK(c->sp.upper == IPPROTO_GRE && c->src.port == 0x0102 &&
		    c->dst.port == 0x0304 && c->sp.type == IPSEC_POLICY_NONE);
	c = nth(&g, 3);
	if (c != NULL)
		CHECK(c->kind == CMD_SPDDELETE && c->src.prefixlen == 8);
	cmd_list_free(&g.list);
}

/* the requests array grows by doubling: each one kept, in order */
TEST(parse_bundle_grows)
{
	struct got g = { .stop_after = 0 };
	char text[1024];
	struct cmd *c;
	size_t i, len;

	len = (size_t)snprintf(text, sizeof(text), "spdadd 10.0.0.0/8 "
	    "10.1.0.0/16 any -P out ipsec");
	for (i = 1; i <= 17; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
		    " %s/transport//unique:%zu", i % 2 ? "esp" : "ah", i);
	snprintf(text + len, sizeof(text) - len, ";");
	CHECK(parse_text(&g, text, false, false) == 0);
	c = nth(&g, 0);
	CHECK(g.n == 1 && c != NULL && c->sp.nreq == 17);
	for (i = 0; c != NULL && i < c->sp.nreq; i++) {
		CHECK(c->sp.reqs[i].reqid == i + 1);
		CHECK(c->sp.reqs[i].proto ==
		    (i % 2 ? IPPROTO_AH : IPPROTO_ESP));
	}
	cmd_list_free(&g.list);
}

TEST(parse_ctx_and_upper_names)
{
	struct got g = { .stop_after = 0 };
	struct cmd *c;

	CHECK(parse_text(&g, "spdadd 127.0.0.1 127.0.0.1[5300] tcp\n"
	    "\t-ctx 1 2 \"system_u:object_r:ipsec_spd_t:s0\"\n"
	    "\t-P out ipsec esp/transport//require;\n"
	    "spdadd 10.0.0.1 10.0.0.2 ipv4 -P out none;\n"
	    "spdadd 10.0.0.1 10.0.0.2 ipip -P out none;\n"
	    "spdadd 10.0.0.1 10.0.0.2 17 -P out none;\n"
	    "spdadd 10.0.0.1 10.0.0.2 any -P out none;\n", false,
	    false) == 0);
	CHECK(g.n == 5);
	c = nth(&g, 0);
	if (c != NULL)
		CHECK(c->sp.ctx.set && c->sp.ctx.doi == 1 &&
		    c->sp.ctx.alg == 2 && c->sp.ctx.len == 32 &&
		    strcmp(c->sp.ctx.str, "system_u:object_r:ipsec_spd_t:s0")
		    == 0);
	CHECK(nth(&g, 1) && nth(&g, 1)->sp.upper == 4);
	CHECK(nth(&g, 2) && nth(&g, 2)->sp.upper == 4);
	CHECK(nth(&g, 3) && nth(&g, 3)->sp.upper == 17);
	CHECK(nth(&g, 4) && nth(&g, 4)->sp.upper == 255);
	cmd_list_free(&g.list);
}

TEST(parse_layout)
{
	struct got g = { .stop_after = 0 };
	struct cmd *c;

	/* #! line, CRLF, tabs, two per line, comments, no final newline */
	CHECK(parse_text(&g, "#!/usr/sbin/setkey -f\r\n"
	    "flush; # \"quoted\"; in a comment\r\n"
	    "\tspdflush;dump ah ;  spddump\r\n;get 10.0.0.1 10.0.0.2\n"
	    "esp 0x1000;deleteall 10.0.0.1 10.0.0.2 ah-old;"
	    "getspi 10.0.0.1 10.0.0.2 esp 0;"
	    "update 10.0.0.1 10.0.0.2 esp 300 -E null;"
	    "delete 10.0.0.1 10.0.0.2 esp 300", false, true) == 1);
	CHECK(g.n == 8);
	c = nth(&g, 1);
	CHECK(c != NULL && c->loc.line == 3 && c->loc.col == 2);
	c = nth(&g, 2);
	CHECK(c != NULL && c->kind == CMD_DUMP && c->satype == SADB_SATYPE_AH &&
	    c->loc.col == 11);
	c = nth(&g, 3);
	CHECK(c != NULL && c->kind == CMD_SPDDUMP);
	c = nth(&g, 4);
	CHECK(c != NULL && c->kind == CMD_GET && c->loc.line == 4 &&
	    c->loc.col == 2 && c->sa.spi == 0x1000);
	c = nth(&g, 5);
	CHECK(c != NULL && c->kind == CMD_DELETEALL &&
	    c->satype == SADB_SATYPE_AH);
	c = nth(&g, 6);
	CHECK(c != NULL && c->kind == CMD_GETSPI && c->sa.spi == 0);
	c = nth(&g, 7);
	CHECK(c != NULL && c->kind == CMD_UPDATE && c->sa.spi == 300);
	cmd_list_free(&g.list);
}

TEST(parse_interactive_exit_and_stop)
{
	struct got g = { .stop_after = 0 };

	CHECK(parse_text(&g, "flush;\nquit\nflush;\n", true, false) == 0);
	CHECK(g.n == 1);
	cmd_list_free(&g.list);
	/* outside -c, exit is no statement */
	CHECK(parse_text(&g, "flush;\nexit;\nflush;\n", false, true) == 1);
	CHECK(g.n == 2);
	cmd_list_free(&g.list);
	g.stop_after = 1;
	CHECK(parse_text(&g, "flush; spdflush; dump;", false, false) == 0);
	CHECK(g.n == 1);
	cmd_list_free(&g.list);
}

/* a name with several addresses: every src x dst pair of one family */
TEST(parse_names_pairs)
{
	struct got g = { .stop_after = 0 };
	struct addrinfo hints, *res, *ai;
	size_t v4 = 0, v6 = 0;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_DGRAM;
	if (getaddrinfo("localhost", NULL, &hints, &res) == 0) {
		for (ai = res; ai != NULL; ai = ai->ai_next)
			ai->ai_family == AF_INET ? v4++ : v6++;
		freeaddrinfo(res);
	}
	CHECK(v4 + v6 > 0);
	CHECK(parse_text(&g, "spdadd localhost localhost any -P out none;",
	    false, false) == 0);
	CHECK(g.n == v4 * v4 + v6 * v6);
	cmd_list_free(&g.list);
	CHECK(parse_text(&g, "spdadd -4 localhost 127.0.0.1 any -P out none;",
	    false, false) == 0);
	CHECK(g.n == v4);
	cmd_list_free(&g.list);
	CHECK(errors_of("spdadd -n localhost 127.0.0.1 any -P out none;")
	    == 1);
	CHECK(errors_of("spdadd -6 127.0.0.1 ::1 any -P out none;") == 1);
}

TEST(parse_errors_counted)
{
	/* one error each, at the token (tests/parse/ checks the text) */
	CHECK(errors_of("add 10.0.0.1 10.0.0.2 esp 0x100 -E aes-cbcc "
	    "\"0123456789abcdef\";") == 1);
	CHECK(errors_of("add 10.0.0.1 10.0.0.2 esp 0x100 -E aes-ctr "
	    "0xdf16922de7b03c5416150a7a321080cf;") == 1);
	CHECK(errors_of("add 10.0.0.1 10.0.0.2 esp 255 -E null;") == 1);
	CHECK(errors_of("add 10.0.0.1 10.0.0.2 esp 0x100000000 -E null;")
	    == 1);
	CHECK(errors_of("add 10.0.0.1 10.0.0.2 tcp 0x1000 -A tcp-md5 "
	    "\"x\";") == 1);
	CHECK(errors_of("spdadd 10.0.0.1 ::1 any -P out none;") == 1);
	CHECK(errors_of("spdadd tagged \"t\" -P out none;") == 1);
	/* recovery: each bad statement reported, the good one kept */
	CHECK(errors_of("flush\nspdflush;\nbogus;\nadd ;\ndump;") == 3);
	CHECK(errors_of("getspi 10.0.0.1 10.0.0.2 esp 1;") == 1);
	CHECK(errors_of("getspi 10.0.0.1 10.0.0.2 esp 0;") == 0);
}
