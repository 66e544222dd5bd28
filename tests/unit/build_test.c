// SPDX-License-Identifier: BSD-2-Clause
#include <sys/socket.h>

#include <linux/ipsec.h>
#include <linux/pfkeyv2.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "unit.h"

/*
 * msg_build() on hand-made commands, checked byte by byte against RFC
 * 2367 and what Linux's af_key requires (exact address lengths, hard
 * and soft lifetimes together, key extensions for ESP and AH).
 */

static void
set_addr(struct addr *a, const char *text)
{
	memset(a, 0, sizeof(*a));
	a->prefixlen = ADDR_PLEN_FULL;
	a->port = ADDR_PORT_NONE;
	if (strchr(text, ':') != NULL) {
		struct sockaddr_in6 *sin6 = (void *)&a->ss;

		sin6->sin6_family = AF_INET6;
		inet_pton(AF_INET6, text, &sin6->sin6_addr);
	} else {
		struct sockaddr_in *sin = (void *)&a->ss;

		sin->sin_family = AF_INET;
		inet_pton(AF_INET, text, &sin->sin_addr);
	}
}

static void
set_key(struct key *k, const char *bytes, size_t len)
{
	k->bytes = malloc(len ? len : 1);
	memcpy(k->bytes, bytes, len);
	k->len = len;
	k->set = true;
}

static struct cmd *
new_cmd(enum cmd_kind kind, const char *src, const char *dst)
{
	struct cmd *cmd = calloc(1, sizeof(*cmd));

	cmd->kind = kind;
	set_addr(&cmd->src, src);
	set_addr(&cmd->dst, dst);
	cmd->sp.priority = 0x80000000;
	return cmd;
}

/*
 * Walks the extensions: every length nonzero, the sum equal to the
 * header's, each type at most once.  Returns the number of extensions,
 * or -1 if the chain is broken.
 */
static int
walk(const struct msgbuf *mb)
{
	const struct sadb_msg *msg = (const void *)mb->data;
	size_t off = sizeof(*msg);
	unsigned int seen[SADB_EXT_MAX + 1] = { 0 };
	int n = 0;

	if (mb->len % 8 != 0 || msg->sadb_msg_len * 8 != mb->len)
		return -1;
	while (off < mb->len) {
		const struct sadb_ext *ext = (const void *)(mb->data + off);

		if (ext->sadb_ext_len == 0 ||
		    off + ext->sadb_ext_len * 8 > mb->len ||
		    ext->sadb_ext_type > SADB_EXT_MAX ||
		    seen[ext->sadb_ext_type]++ != 0)
			return -1;
		off += ext->sadb_ext_len * 8;
		n++;
	}
	return n;
}

static const void *
find(const struct msgbuf *mb, uint16_t type)
{
	size_t off = sizeof(struct sadb_msg);

	while (off < mb->len) {
		const struct sadb_ext *ext = (const void *)(mb->data + off);

		if (ext->sadb_ext_len == 0)
			return NULL;
		if (ext->sadb_ext_type == type)
			return ext;
		off += ext->sadb_ext_len * 8;
	}
	return NULL;
}

static const struct sadb_msg *
hdr(const struct msgbuf *mb)
{
	return (const void *)mb->data;
}

static bool
all_zero(const void *p, size_t len)
{
	const uint8_t *b = p;

	while (len-- > 0)
		if (*b++ != 0)
			return false;
	return true;
}

static void
check_sa_addr(const struct msgbuf *mb, uint16_t type, const char *want)
{
	const struct sadb_address *a = find(mb, type);
	const struct sockaddr_in *sin;
	struct in_addr in;

	CHECK(a != NULL);
	if (a == NULL)
		return;
	sin = (const void *)(a + 1);
	inet_pton(AF_INET, want, &in);
	CHECK(a->sadb_address_len == 3);
	CHECK(a->sadb_address_proto == IPSEC_ULPROTO_ANY);
	CHECK(a->sadb_address_prefixlen == 32);
	CHECK(a->sadb_address_reserved == 0);
	CHECK(sin->sin_family == AF_INET);
	CHECK(sin->sin_port == 0);
	CHECK(sin->sin_addr.s_addr == in.s_addr);
}

TEST(build_add_esp_v4)
{
	struct cmd *cmd = new_cmd(CMD_ADD, "10.0.0.1", "10.0.0.2");
	const struct sadb_sa *sa;
	const struct sadb_key *ak, *ek;
	const struct sadb_x_sa2 *sa2;
	struct msgbuf mb;

	cmd->sa.satype = SADB_SATYPE_ESP;
	cmd->sa.spi = 0x1234;
	cmd->sa.mode = IPSEC_MODE_TUNNEL;
	cmd->sa.reqid = 5;
	cmd->sa.replay = 4;
	cmd->sa.flags = 0x40;
	cmd->sa.ealg = SADB_X_EALG_AESCBC;
	cmd->sa.aalg = SADB_AALG_SHA1HMAC;
	set_key(&cmd->sa.ekey, "0123456789abcdef", 16);
	set_key(&cmd->sa.akey, "ABCDEFGHIJKLMNOPQRST", 20);
	msgbuf_init(&mb);
	CHECK(msg_build(cmd, 77, 4242, &mb) == 0);

	CHECK(hdr(&mb)->sadb_msg_version == PF_KEY_V2);
	CHECK(hdr(&mb)->sadb_msg_type == SADB_ADD);
	CHECK(hdr(&mb)->sadb_msg_satype == SADB_SATYPE_ESP);
	CHECK(hdr(&mb)->sadb_msg_errno == 0);
	CHECK(hdr(&mb)->sadb_msg_reserved == 0);
	CHECK(hdr(&mb)->sadb_msg_seq == 77);
	CHECK(hdr(&mb)->sadb_msg_pid == 4242);
	/* hdr 16 + sa 16 + 2 addr 48 + akey 32 + ekey 24 + sa2 16 */
	CHECK(mb.len == 152);
	CHECK(walk(&mb) == 6);

	sa = find(&mb, SADB_EXT_SA);
	CHECK(sa != NULL && sa->sadb_sa_len == 2);
	CHECK(sa != NULL && sa->sadb_sa_spi == htonl(0x1234));
	CHECK(sa != NULL && sa->sadb_sa_replay == 4);
	CHECK(sa != NULL && sa->sadb_sa_auth == SADB_AALG_SHA1HMAC);
	CHECK(sa != NULL && sa->sadb_sa_encrypt == SADB_X_EALG_AESCBC);
	CHECK(sa != NULL && sa->sadb_sa_flags == 0x40);
	check_sa_addr(&mb, SADB_EXT_ADDRESS_SRC, "10.0.0.1");
	check_sa_addr(&mb, SADB_EXT_ADDRESS_DST, "10.0.0.2");

	ak = find(&mb, SADB_EXT_KEY_AUTH);
	CHECK(ak != NULL && ak->sadb_key_len == 4 && ak->sadb_key_bits == 160);
	CHECK(ak != NULL && memcmp(ak + 1, "ABCDEFGHIJKLMNOPQRST", 20) == 0);
	CHECK(ak != NULL && all_zero((const uint8_t *)(ak + 1) + 20, 4));
	ek = find(&mb, SADB_EXT_KEY_ENCRYPT);
	CHECK(ek != NULL && ek->sadb_key_len == 3 && ek->sadb_key_bits == 128);
	CHECK(ek != NULL && memcmp(ek + 1, "0123456789abcdef", 16) == 0);

	sa2 = find(&mb, SADB_X_EXT_SA2);
	CHECK(sa2 != NULL && sa2->sadb_x_sa2_len == 2);
	CHECK(sa2 != NULL && sa2->sadb_x_sa2_mode == IPSEC_MODE_TUNNEL);
	CHECK(sa2 != NULL && sa2->sadb_x_sa2_reqid == 5);
	CHECK(find(&mb, SADB_EXT_LIFETIME_HARD) == NULL);
	CHECK(find(&mb, SADB_X_EXT_NAT_T_TYPE) == NULL);
	msgbuf_free(&mb);
	cmd_free(cmd);
}

/* Linux wants an encryption key extension even for null, 0 bits */
TEST(build_add_esp_null_has_empty_key)
{
	struct cmd *cmd = new_cmd(CMD_ADD, "10.0.0.1", "10.0.0.2");
	const struct sadb_key *ek;
	struct msgbuf mb;

	cmd->sa.satype = SADB_SATYPE_ESP;
	cmd->sa.spi = 0x100;
	cmd->sa.ealg = SADB_EALG_NULL;
	msgbuf_init(&mb);
	CHECK(msg_build(cmd, 1, 1, &mb) == 0);
	CHECK(walk(&mb) == 5);
	ek = find(&mb, SADB_EXT_KEY_ENCRYPT);
	CHECK(ek != NULL && ek->sadb_key_len == 1 && ek->sadb_key_bits == 0);
	CHECK(find(&mb, SADB_EXT_KEY_AUTH) == NULL);
	msgbuf_free(&mb);
	cmd_free(cmd);
}

/* an odd key length: padded with zeros to 8, bits exact */
TEST(build_add_ah_odd_key_and_lifetimes)
{
	struct cmd *cmd = new_cmd(CMD_ADD, "10.0.0.1", "10.0.0.2");
	const struct sadb_key *ak;
	const struct sadb_lifetime *h, *s;
	struct msgbuf mb;

	cmd->sa.satype = SADB_SATYPE_AH;
	cmd->sa.spi = 0x200;
	cmd->sa.aalg = SADB_AALG_MD5HMAC;
	set_key(&cmd->sa.akey, "\x01\x02\x03\x04\x05", 5);
	cmd->sa.hard_addtime = 100;	/* -lh only: soft goes too */
	msgbuf_init(&mb);
	CHECK(msg_build(cmd, 1, 1, &mb) == 0);
	CHECK(hdr(&mb)->sadb_msg_satype == SADB_SATYPE_AH);
	CHECK(walk(&mb) == 7);
	ak = find(&mb, SADB_EXT_KEY_AUTH);
	CHECK(ak != NULL && ak->sadb_key_len == 2 && ak->sadb_key_bits == 40);
	CHECK(ak != NULL && memcmp(ak + 1, "\x01\x02\x03\x04\x05", 5) == 0);
	CHECK(ak != NULL && all_zero((const uint8_t *)(ak + 1) + 5, 3));
	CHECK(find(&mb, SADB_EXT_KEY_ENCRYPT) == NULL);
	h = find(&mb, SADB_EXT_LIFETIME_HARD);
	s = find(&mb, SADB_EXT_LIFETIME_SOFT);
	CHECK(h != NULL && h->sadb_lifetime_len == 4);
	CHECK(h != NULL && h->sadb_lifetime_addtime == 100);
	CHECK(h != NULL && h->sadb_lifetime_bytes == 0);
	CHECK(s != NULL && s->sadb_lifetime_addtime == 0);
	CHECK(s != NULL && s->sadb_lifetime_allocations == 0);
	msgbuf_free(&mb);
	cmd_free(cmd);
}

TEST(build_add_v6_address_length)
{
	struct cmd *cmd = new_cmd(CMD_ADD, "2001:db8::1", "2001:db8::2");
	const struct sadb_address *a;
	const struct sockaddr_in6 *sin6;
	struct in6_addr want;
	struct msgbuf mb;

	cmd->sa.satype = SADB_X_SATYPE_IPCOMP;
	cmd->sa.spi = 0x3000;
	cmd->sa.ealg = SADB_X_CALG_DEFLATE;
	msgbuf_init(&mb);
	CHECK(msg_build(cmd, 1, 1, &mb) == 0);
	CHECK(walk(&mb) == 4);	/* IPComp: SA, src, dst, SA2; no keys */
	a = find(&mb, SADB_EXT_ADDRESS_DST);
	CHECK(a != NULL && a->sadb_address_len == 5);	/* 8 + 28 -> 40 */
	CHECK(a != NULL && a->sadb_address_prefixlen == 128);
	inet_pton(AF_INET6, "2001:db8::2", &want);
	sin6 = a != NULL ? (const void *)(a + 1) : NULL;
	CHECK(sin6 != NULL && sin6->sin6_family == AF_INET6);
	CHECK(sin6 != NULL && memcmp(&sin6->sin6_addr, &want,
	    sizeof(want)) == 0);
	CHECK(a != NULL && all_zero((const uint8_t *)(a + 1) + 28, 4));
	CHECK(find(&mb, SADB_EXT_KEY_ENCRYPT) == NULL);
	msgbuf_free(&mb);
	cmd_free(cmd);
}

TEST(build_add_esp_udp_ports)
{
	struct cmd *cmd = new_cmd(CMD_ADD, "10.0.0.1", "10.0.0.2");
	const struct sadb_x_nat_t_type *t;
	const struct sadb_x_nat_t_port *sp, *dp;
	struct msgbuf mb;

	cmd->sa.satype = SADB_SATYPE_ESP;
	cmd->sa.natt = true;
	cmd->sa.spi = 0x300;
	cmd->sa.ealg = SADB_EALG_NULL;
	cmd->src.port = 4501;
	msgbuf_init(&mb);
	CHECK(msg_build(cmd, 1, 1, &mb) == 0);
	CHECK(hdr(&mb)->sadb_msg_satype == SADB_SATYPE_ESP);
	CHECK(walk(&mb) == 8);
	t = find(&mb, SADB_X_EXT_NAT_T_TYPE);
	sp = find(&mb, SADB_X_EXT_NAT_T_SPORT);
	dp = find(&mb, SADB_X_EXT_NAT_T_DPORT);
	CHECK(t != NULL && t->sadb_x_nat_t_type_len == 1);
	CHECK(t != NULL && t->sadb_x_nat_t_type_type == 2);
	CHECK(sp != NULL && sp->sadb_x_nat_t_port_port == htons(4501));
	CHECK(dp != NULL && dp->sadb_x_nat_t_port_port == htons(4500));
	/* the SA's addresses stay hosts without ports */
	check_sa_addr(&mb, SADB_EXT_ADDRESS_SRC, "10.0.0.1");
	msgbuf_free(&mb);
	cmd_free(cmd);
}

TEST(build_add_sec_ctx)
{
	struct cmd *cmd = new_cmd(CMD_ADD, "10.0.0.1", "10.0.0.2");
	const struct sadb_x_sec_ctx *c;
	struct msgbuf mb;

	cmd->sa.satype = SADB_SATYPE_AH;
	cmd->sa.aalg = SADB_X_AALG_NULL;
	cmd->sa.spi = 0x400;
	cmd->sa.ctx.set = true;
	cmd->sa.ctx.doi = 1;
	cmd->sa.ctx.alg = 2;
	cmd->sa.ctx.str = strdup("system_u:r:x_t:s0");	/* 17 bytes */
	cmd->sa.ctx.len = 17;
	msgbuf_init(&mb);
	CHECK(msg_build(cmd, 1, 1, &mb) == 0);
	CHECK(walk(&mb) == 6);
	c = find(&mb, SADB_X_EXT_SEC_CTX);
	CHECK(c != NULL && c->sadb_x_sec_len == 4);	/* 8 + 18 -> 32 */
	CHECK(c != NULL && c->sadb_x_ctx_len == 18);
	CHECK(c != NULL && c->sadb_x_ctx_doi == 1 && c->sadb_x_ctx_alg == 2);
	CHECK(c != NULL && memcmp(c + 1, "system_u:r:x_t:s0", 18) == 0);
	msgbuf_free(&mb);
	cmd_free(cmd);
}

TEST(build_getspi_range)
{
	struct cmd *cmd = new_cmd(CMD_GETSPI, "10.0.0.1", "10.0.0.2");
	const struct sadb_spirange *r;
	struct msgbuf mb;

	cmd->sa.satype = SADB_SATYPE_ESP;
	cmd->sa.spi = 10000;
	cmd->sa.reqid = 9;
	msgbuf_init(&mb);
	CHECK(msg_build(cmd, 1, 1, &mb) == 0);
	CHECK(hdr(&mb)->sadb_msg_type == SADB_GETSPI);
	CHECK(walk(&mb) == 4);
	r = find(&mb, SADB_EXT_SPIRANGE);
	CHECK(r != NULL && r->sadb_spirange_len == 2);
	CHECK(r != NULL && r->sadb_spirange_min == 10000);
	CHECK(r != NULL && r->sadb_spirange_max == 10000);
	CHECK(find(&mb, SADB_EXT_SA) == NULL);

	cmd->sa.spi = 0;		/* kernel picks: no range */
	CHECK(msg_build(cmd, 2, 1, &mb) == 0);
	CHECK(walk(&mb) == 3);
	CHECK(find(&mb, SADB_EXT_SPIRANGE) == NULL);
	CHECK(((const struct sadb_x_sa2 *)find(&mb, SADB_X_EXT_SA2))->
	    sadb_x_sa2_reqid == 9);
	msgbuf_free(&mb);
	cmd_free(cmd);
}

TEST(build_get_delete)
{
	struct cmd *cmd = new_cmd(CMD_DELETE, "10.0.0.1", "10.0.0.2");
	struct msgbuf mb;

	cmd->sa.satype = SADB_SATYPE_AH;
	cmd->sa.spi = 0xdeadbeef;
	msgbuf_init(&mb);
	CHECK(msg_build(cmd, 1, 1, &mb) == 0);
	CHECK(hdr(&mb)->sadb_msg_type == SADB_DELETE);
	CHECK(walk(&mb) == 3);
	CHECK(mb.len == 16 + 16 + 48);
	CHECK(((const struct sadb_sa *)find(&mb, SADB_EXT_SA))->
	    sadb_sa_spi == htonl(0xdeadbeef));
	cmd->kind = CMD_GET;
	CHECK(msg_build(cmd, 1, 1, &mb) == 0);
	CHECK(hdr(&mb)->sadb_msg_type == SADB_GET);
	CHECK(walk(&mb) == 3);
	msgbuf_free(&mb);
	cmd_free(cmd);
}

TEST(build_header_only)
{
	struct cmd *cmd = new_cmd(CMD_FLUSH, "10.0.0.1", "10.0.0.2");
	static const struct {
		enum cmd_kind	kind;
		uint8_t		type, satype;
	} want[] = {
		{ CMD_FLUSH, SADB_FLUSH, SADB_SATYPE_ESP },
		{ CMD_DUMP, SADB_DUMP, SADB_SATYPE_ESP },
		{ CMD_SPDFLUSH, SADB_X_SPDFLUSH, 0 },
		{ CMD_SPDDUMP, SADB_X_SPDDUMP, 0 },
		{ CMD_DELETEALL, SADB_DUMP, SADB_SATYPE_AH },
	};
	struct msgbuf mb;
	size_t i;

	msgbuf_init(&mb);
	cmd->satype = SADB_SATYPE_ESP;
	cmd->sa.satype = 0;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		cmd->kind = want[i].kind;
		if (cmd->kind == CMD_DELETEALL)
			cmd->sa.satype = SADB_SATYPE_AH;
		CHECK(msg_build(cmd, 5, 6, &mb) == 0);
		CHECK(mb.len == 16 && hdr(&mb)->sadb_msg_len == 2);
		CHECK(hdr(&mb)->sadb_msg_type == want[i].type);
		CHECK(hdr(&mb)->sadb_msg_satype == want[i].satype);
	}
	msgbuf_free(&mb);
	cmd_free(cmd);
}

static void
set_tunnel_req(struct sp_req *r, const char *s, const char *d)
{
	memset(r, 0, sizeof(*r));
	r->proto = IPPROTO_ESP;
	r->mode = IPSEC_MODE_TUNNEL;
	r->level = IPSEC_LEVEL_UNIQUE;
	r->reqid = 7;
	r->tunnel_addrs = true;
	set_addr(&r->tsrc, s);
	set_addr(&r->tdst, d);
}

TEST(build_spdadd_tunnel_v4)
{
	struct cmd *cmd = new_cmd(CMD_SPDADD, "10.1.0.0", "10.2.0.0");
	const struct sadb_x_policy *p;
	const struct sadb_x_ipsecrequest *rq;
	const struct sadb_address *a;
	const struct sockaddr_in *sin;
	struct msgbuf mb;

	cmd->src.prefixlen = 16;
	cmd->dst.prefixlen = 24;
	cmd->dst.port = 80;
	cmd->src.port = 0;		/* [any] */
	cmd->sp.upper = IPPROTO_TCP;
	cmd->sp.dir = IPSEC_DIR_OUTBOUND;
	cmd->sp.type = IPSEC_POLICY_IPSEC;
	cmd->sp.priority = 0x80000000u - 10;
	cmd->sp.nreq = 1;
	cmd->sp.reqs = calloc(1, sizeof(*cmd->sp.reqs));
	set_tunnel_req(&cmd->sp.reqs[0], "192.0.2.1", "192.0.2.2");
	msgbuf_init(&mb);
	CHECK(msg_build(cmd, 1, 1, &mb) == 0);
	CHECK(hdr(&mb)->sadb_msg_type == SADB_X_SPDADD);
	CHECK(hdr(&mb)->sadb_msg_satype == 0);
	CHECK(walk(&mb) == 3);

	a = find(&mb, SADB_EXT_ADDRESS_SRC);
	CHECK(a != NULL && a->sadb_address_prefixlen == 16);
	CHECK(a != NULL && a->sadb_address_proto == IPPROTO_TCP);
	sin = a != NULL ? (const void *)(a + 1) : NULL;
	CHECK(sin != NULL && sin->sin_port == 0);
	a = find(&mb, SADB_EXT_ADDRESS_DST);
	CHECK(a != NULL && a->sadb_address_prefixlen == 24);
	sin = a != NULL ? (const void *)(a + 1) : NULL;
	CHECK(sin != NULL && sin->sin_port == htons(80));

	p = find(&mb, SADB_X_EXT_POLICY);
	CHECK(p != NULL && p->sadb_x_policy_len == 8);	/* 16 + 48 */
	CHECK(p != NULL && p->sadb_x_policy_type == IPSEC_POLICY_IPSEC);
	CHECK(p != NULL && p->sadb_x_policy_dir == IPSEC_DIR_OUTBOUND);
	CHECK(p != NULL && p->sadb_x_policy_id == 0);
	CHECK(p != NULL && p->sadb_x_policy_priority == 0x80000000u - 10);
	rq = p != NULL ? (const void *)(p + 1) : NULL;
	CHECK(rq != NULL && rq->sadb_x_ipsecrequest_len == 48);	/* bytes */
	CHECK(rq != NULL && rq->sadb_x_ipsecrequest_proto == IPPROTO_ESP);
	CHECK(rq != NULL && rq->sadb_x_ipsecrequest_mode ==
	    IPSEC_MODE_TUNNEL);
	CHECK(rq != NULL && rq->sadb_x_ipsecrequest_level ==
	    IPSEC_LEVEL_UNIQUE);
	CHECK(rq != NULL && rq->sadb_x_ipsecrequest_reqid == 7);
	sin = rq != NULL ? (const void *)(rq + 1) : NULL;
	CHECK(sin != NULL && sin[0].sin_family == AF_INET);
	CHECK(sin != NULL && sin[0].sin_addr.s_addr == htonl(0xc0000201));
	CHECK(sin != NULL && sin[1].sin_family == AF_INET);
	CHECK(sin != NULL && sin[1].sin_addr.s_addr == htonl(0xc0000202));
	msgbuf_free(&mb);
	cmd_free(cmd);
}

/* two requests, the second a v6 tunnel: lengths add up, no padding gap */
TEST(build_spdadd_bundle_v6)
{
	struct cmd *cmd = new_cmd(CMD_SPDUPDATE, "2001:db8:1::",
	    "2001:db8:2::");
	const struct sadb_x_policy *p;
	const struct sadb_x_ipsecrequest *rq;
	const struct sockaddr_in6 *sin6;
	struct msgbuf mb;

	cmd->src.prefixlen = 48;
	cmd->dst.prefixlen = ADDR_PLEN_FULL;
	cmd->sp.upper = IPSEC_ULPROTO_ANY;
	cmd->sp.dir = IPSEC_DIR_INBOUND;
	cmd->sp.type = IPSEC_POLICY_IPSEC;
	cmd->sp.nreq = 2;
	cmd->sp.reqs = calloc(2, sizeof(*cmd->sp.reqs));
	cmd->sp.reqs[0].proto = IPPROTO_AH;
	cmd->sp.reqs[0].mode = IPSEC_MODE_TRANSPORT;
	cmd->sp.reqs[0].level = IPSEC_LEVEL_REQUIRE;
	set_tunnel_req(&cmd->sp.reqs[1], "2001:db8::a", "2001:db8::b");
	msgbuf_init(&mb);
	CHECK(msg_build(cmd, 1, 1, &mb) == 0);
	CHECK(hdr(&mb)->sadb_msg_type == SADB_X_SPDUPDATE);
	CHECK(walk(&mb) == 3);
	CHECK(((const struct sadb_address *)find(&mb,
	    SADB_EXT_ADDRESS_DST))->sadb_address_prefixlen == 128);
	CHECK(((const struct sadb_address *)find(&mb,
	    SADB_EXT_ADDRESS_SRC))->sadb_address_proto == 255);
	p = find(&mb, SADB_X_EXT_POLICY);
	CHECK(p != NULL && p->sadb_x_policy_len == (16 + 16 + 72) / 8);
	CHECK(p != NULL && p->sadb_x_policy_priority == 0x80000000u);
	rq = p != NULL ? (const void *)(p + 1) : NULL;
	CHECK(rq != NULL && rq->sadb_x_ipsecrequest_len == 16);
	CHECK(rq != NULL && rq->sadb_x_ipsecrequest_proto == IPPROTO_AH);
	rq = rq != NULL ? (const void *)((const uint8_t *)rq + 16) : NULL;
	CHECK(rq != NULL && rq->sadb_x_ipsecrequest_len == 72);
	sin6 = rq != NULL ? (const void *)(rq + 1) : NULL;
	CHECK(sin6 != NULL && sin6[0].sin6_family == AF_INET6 &&
	    sin6[1].sin6_family == AF_INET6);
	CHECK(sin6 != NULL && sin6[1].sin6_addr.s6_addr[15] == 0xb);
	msgbuf_free(&mb);
	cmd_free(cmd);
}

/* icmp type/code and gre keys ride in the selector ports */
TEST(build_spd_icmp_ports)
{
	struct cmd *cmd = new_cmd(CMD_SPDDELETE, "10.0.0.1", "10.0.0.2");
	const struct sadb_address *a;
	struct msgbuf mb;

	cmd->sp.upper = IPPROTO_ICMP;
	cmd->sp.dir = IPSEC_DIR_INBOUND;
	cmd->sp.type = IPSEC_POLICY_DISCARD;
	cmd->src.port = 8;
	cmd->dst.port = 3;
	msgbuf_init(&mb);
	CHECK(msg_build(cmd, 1, 1, &mb) == 0);
	CHECK(hdr(&mb)->sadb_msg_type == SADB_X_SPDDELETE);
	a = find(&mb, SADB_EXT_ADDRESS_SRC);
	CHECK(a != NULL && ((const struct sockaddr_in *)(const void *)
	    (a + 1))->sin_port == htons(8));
	a = find(&mb, SADB_EXT_ADDRESS_DST);
	CHECK(a != NULL && ((const struct sockaddr_in *)(const void *)
	    (a + 1))->sin_port == htons(3));
	CHECK(a != NULL && a->sadb_address_proto == IPPROTO_ICMP);
	CHECK(((const struct sadb_x_policy *)find(&mb, SADB_X_EXT_POLICY))->
	    sadb_x_policy_len == 2);
	msgbuf_free(&mb);
	cmd_free(cmd);
}

TEST(build_refusals)
{
	struct cmd *cmd = new_cmd(CMD_SPDADD, "10.0.0.1", "10.0.0.2");
	struct msgbuf mb;

	msgbuf_init(&mb);
	cmd->sp.dir = IPSEC_DIR_OUTBOUND;
	cmd->src.prefixlen = 33;
	CHECK(msg_build(cmd, 1, 1, &mb) == -EINVAL);
	CHECK(mb.len == 0);
	cmd->src.prefixlen = 32;
	CHECK(msg_build(cmd, 1, 1, &mb) == 0);
	cmd->sp.tag = strdup("pf-tag");
	CHECK(msg_build(cmd, 1, 1, &mb) == -EOPNOTSUPP);
	free(cmd->sp.tag);
	cmd->sp.tag = NULL;

	/* tunnel endpoints of two families */
	cmd->sp.type = IPSEC_POLICY_IPSEC;
	cmd->sp.nreq = 1;
	cmd->sp.reqs = calloc(1, sizeof(*cmd->sp.reqs));
	set_tunnel_req(&cmd->sp.reqs[0], "192.0.2.1", "2001:db8::1");
	CHECK(msg_build(cmd, 1, 1, &mb) == -EINVAL);
	msgbuf_free(&mb);
	cmd_free(cmd);
}
