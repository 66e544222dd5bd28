// SPDX-License-Identifier: BSD-2-Clause
#include <stdlib.h>

#include "msgcheck.h"
#include "msgtest.h"
#include "print.h"
#include "unit.h"

static void *
tm_ext(struct tmsg *m, uint16_t type, size_t len)
{
	struct sadb_ext *ext = tm_put(m, len);

	ext->sadb_ext_len = (uint16_t)((len + 7) / 8);
	ext->sadb_ext_type = type;
	return ext;
}

static void
sa_msg(struct tmsg *m)
{
	tm_start(m, SADB_ADD, SADB_SATYPE_ESP, 1, 0);
	tm_sa(m, 0x1000, SADB_SASTATE_MATURE, SADB_AALG_SHA1HMAC,
	    SADB_X_EALG_AESCBC);
	tm_addr(m, SADB_EXT_ADDRESS_SRC, "192.0.2.1", 0, 32, 255);
	tm_addr(m, SADB_EXT_ADDRESS_DST, "2001:db8::1", 0, 128, 255);
	tm_key(m, SADB_EXT_KEY_ENCRYPT, "0123456789abcdef", 16);
	tm_sa2(m, IPSEC_MODE_TUNNEL, 5);
	tm_end(m);
}

/* one of every extension type pfkeyv2.h knows, in one message */
static void
every_ext(struct tmsg *m)
{
	struct sadb_sens *sens;
	struct sadb_x_sec_ctx *ctx;
	struct sadb_x_filter *f;
	uint8_t *p;
	size_t at;

	tm_start(m, SADB_ACQUIRE, SADB_SATYPE_ESP, 9, 99);
	tm_sa(m, 0x2000, SADB_SASTATE_LARVAL, 0, 0);
	tm_lifetime(m, SADB_EXT_LIFETIME_CURRENT, 1, 2);
	tm_lifetime(m, SADB_EXT_LIFETIME_HARD, 3, 4);
	tm_lifetime(m, SADB_EXT_LIFETIME_SOFT, 5, 6);
	tm_addr(m, SADB_EXT_ADDRESS_SRC, "10.0.0.1", 500, 32, 17);
	tm_addr(m, SADB_EXT_ADDRESS_DST, "10.0.0.2", 500, 32, 17);
	tm_addr(m, SADB_EXT_ADDRESS_PROXY, "fe80::1", 0, 64, 0);
	tm_key(m, SADB_EXT_KEY_AUTH, "k", 1);
	tm_key(m, SADB_EXT_KEY_ENCRYPT, "key", 3);
	p = tm_ext(m, SADB_EXT_IDENTITY_SRC, 24);
	memcpy(p + 16, "a@b", 3);
	tm_ext(m, SADB_EXT_IDENTITY_DST, 16);
	sens = tm_ext(m, SADB_EXT_SENSITIVITY, 24);
	sens->sadb_sens_sens_len = 1;
	tm_ext(m, SADB_EXT_PROPOSAL, 8 + sizeof(struct sadb_comb));
	p = tm_ext(m, SADB_EXT_SUPPORTED_AUTH, 16);
	p[8] = SADB_AALG_SHA1HMAC;
	p = tm_ext(m, SADB_EXT_SUPPORTED_ENCRYPT, 16);
	p[8] = SADB_X_EALG_AESCBC;
	tm_ext(m, SADB_EXT_SPIRANGE, 16);
	tm_ext(m, SADB_X_EXT_KMPRIVATE, 16);
	at = tm_policy(m, IPSEC_DIR_OUTBOUND, IPSEC_POLICY_IPSEC, 1, 0);
	tm_req(m, IPPROTO_ESP, IPSEC_MODE_TUNNEL, IPSEC_LEVEL_UNIQUE, 9,
	    "192.0.2.1", "192.0.2.2", 0);
	tm_req(m, IPPROTO_AH, IPSEC_MODE_TRANSPORT, 0, 0, NULL, NULL, 0);
	tm_policy_end(m, at);
	tm_sa2(m, IPSEC_MODE_TRANSPORT, 1);
	tm_natt(m, 4500, 4500);
	tm_addr(m, SADB_X_EXT_NAT_T_OA, "10.9.9.9", 0, 32, 0);
	ctx = tm_ext(m, SADB_X_EXT_SEC_CTX, 16);
	ctx->sadb_x_ctx_len = 5;
	memcpy(ctx + 1, "ctx\n\"", 5);
	p = tm_ext(m, SADB_X_EXT_KMADDRESS, 8 + 2 * 28);
	tm_sockaddr(p + 8, "2001:db8::a", 0);
	tm_sockaddr(p + 8 + 28, "2001:db8::b", 0);
	f = tm_ext(m, SADB_X_EXT_FILTER, sizeof(*f));
	f->sadb_x_filter_family = AF_INET;
	f->sadb_x_filter_splen = 8;
	tm_end(m);
}

static int
index_of(const struct tmsg *m, size_t len, struct ext_table *tab)
{
	void *buf = tm_copy(m, len);
	int rc = msg_index(buf, len, tab);

	/* tab points into buf: only its offsets survive the free */
	memset(tab->ext, 0, sizeof(tab->ext));
	free(buf);
	return rc;
}

TEST(msgcheck_sound_messages)
{
	struct tmsg m;
	struct ext_table tab;
	int rc;

	sa_msg(&m);
	rc = msg_index(m.w, m.len, &tab);
	CHECK(rc == 0);
	CHECK(tab.why == NULL && tab.sound == m.len);
	CHECK(tab.ext[SADB_EXT_SA] != NULL && tab.ext[SADB_X_EXT_SA2]);
	CHECK(tab.ext[SADB_EXT_KEY_AUTH] == NULL && tab.ext[0] == NULL);
	every_ext(&m);
	rc = msg_index(m.w, m.len, &tab);
	CHECK(rc == 0);
	if (tab.why != NULL)
		fprintf(stderr, "  why: %s at %zu\n", tab.why, tab.sound);
	for (rc = 1; rc <= SADB_EXT_MAX; rc++)
		CHECK(tab.ext[rc] != NULL);
}

/* each lie, and where the checker says soundness ends */
TEST(msgcheck_header_lies)
{
	struct tmsg m;
	struct ext_table tab;
	struct sadb_msg *h;

	sa_msg(&m);
	CHECK(index_of(&m, 15, &tab) == -1 && tab.sound == 0);
	h = (void *)m.w;
	h->sadb_msg_version = 1;
	CHECK(index_of(&m, m.len, &tab) == -1 && tab.sound == 16);
	CHECK_STR(tab.why, "not PF_KEY version 2");
	sa_msg(&m);
	h->sadb_msg_len = 1;
	CHECK(index_of(&m, m.len, &tab) == -1 && tab.sound == 16);
	sa_msg(&m);
	h->sadb_msg_len++;
	CHECK(index_of(&m, m.len, &tab) == -1 && tab.sound == m.len);
	CHECK_STR(tab.why, "message cut short");
	sa_msg(&m);
	h->sadb_msg_len--;
	CHECK(index_of(&m, m.len, &tab) == -1 && tab.sound == m.len - 16);
	CHECK_STR(tab.why, "extension runs past the end of the message");
	sa_msg(&m);
	tm_put(&m, 8);
	CHECK(index_of(&m, m.len, &tab) == -1 && tab.sound == m.len - 8);
	CHECK_STR(tab.why, "bytes after the message");
	sa_msg(&m);
	CHECK(index_of(&m, m.len - 8, &tab) == -1);
	CHECK_STR(tab.why, "message cut short");
	CHECK(tab.sound == m.len - 16);
}

TEST(msgcheck_extension_lies)
{
	struct tmsg m;
	struct ext_table tab;
	struct sadb_ext *sa;
	struct sadb_address *src;

	sa_msg(&m);
	sa = (void *)((uint8_t *)m.w + 16);
	src = (void *)((uint8_t *)m.w + 32);
	sa->sadb_ext_len = 0;
	CHECK(index_of(&m, m.len, &tab) == -1 && tab.sound == 16);
	CHECK_STR(tab.why, "extension of length zero");
	sa->sadb_ext_len = 200;
	CHECK(index_of(&m, m.len, &tab) == -1 && tab.sound == 16);
	CHECK_STR(tab.why, "extension runs past the end of the message");
	sa->sadb_ext_len = 1;
	CHECK(index_of(&m, m.len, &tab) == -1);
	CHECK_STR(tab.why, "extension shorter than its type requires");
	sa_msg(&m);
	sa->sadb_ext_type = 0;
	CHECK(index_of(&m, m.len, &tab) == -1);
	CHECK_STR(tab.why, "extension of reserved type 0");
	/* a type newer than the headers is skipped, not indexed */
	sa->sadb_ext_type = SADB_EXT_MAX + 1;
	CHECK(index_of(&m, m.len, &tab) == 0 && tab.sound == m.len);
	CHECK(tab.why == NULL);
	sa->sadb_ext_type = SADB_X_EXT_SA2;
	CHECK(index_of(&m, m.len, &tab) == -1);
	CHECK_STR(tab.why, "duplicate extension");
	CHECK(tab.sound == m.len - 16);

	sa_msg(&m);
	((struct sockaddr *)(void *)(src + 1))->sa_family = AF_UNIX;
	CHECK(index_of(&m, m.len, &tab) == -1 && tab.sound == 32);
	CHECK_STR(tab.why, "address of unknown family or cut short");
	sa_msg(&m);
	src->sadb_address_prefixlen = 33;
	CHECK(index_of(&m, m.len, &tab) == -1 && tab.sound == 32);
}

/* an AF_INET6 sockaddr needs 28 bytes; 16 of them is a lie */
TEST(msgcheck_short_sockaddr)
{
	struct tmsg m;
	struct ext_table tab;
	struct sadb_address *a;

	tm_start(&m, SADB_ADD, SADB_SATYPE_ESP, 1, 0);
	a = tm_ext(&m, SADB_EXT_ADDRESS_SRC, 24);
	((struct sockaddr *)(void *)(a + 1))->sa_family = AF_INET6;
	tm_end(&m);
	CHECK(index_of(&m, m.len, &tab) == -1 && tab.sound == 16);
	CHECK_STR(tab.why, "address of unknown family or cut short");
}

TEST(msgcheck_key_and_ctx_lengths)
{
	struct tmsg m;
	struct ext_table tab;
	struct sadb_key *k;
	struct sadb_x_sec_ctx *c;

	tm_start(&m, SADB_ADD, SADB_SATYPE_ESP, 1, 0);
	k = tm_ext(&m, SADB_EXT_KEY_ENCRYPT, 16);
	k->sadb_key_bits = 64;
	tm_end(&m);
	CHECK(index_of(&m, m.len, &tab) == 0);
	k->sadb_key_bits = 65;
	CHECK(index_of(&m, m.len, &tab) == -1);
	CHECK_STR(tab.why, "key bits exceed the extension");

	tm_start(&m, SADB_ADD, SADB_SATYPE_ESP, 1, 0);
	c = tm_ext(&m, SADB_X_EXT_SEC_CTX, 16);
	c->sadb_x_ctx_len = 9;
	tm_end(&m);
	CHECK(index_of(&m, m.len, &tab) == -1);
	CHECK_STR(tab.why, "security context exceeds the extension");
}

/* the nested requests: short, overlong, and endpoints that lie */
TEST(msgcheck_policy_requests)
{
	struct tmsg m;
	struct ext_table tab;
	struct sadb_x_ipsecrequest *rq;
	size_t at;

	tm_start(&m, SADB_X_SPDADD, 0, 1, 0);
	at = tm_policy(&m, IPSEC_DIR_OUTBOUND, IPSEC_POLICY_IPSEC, 0, 0);
	tm_req(&m, IPPROTO_ESP, IPSEC_MODE_TUNNEL, IPSEC_LEVEL_REQUIRE, 0,
	    "10.0.0.1", "10.0.0.2", 0);
	tm_policy_end(&m, at);
	tm_end(&m);
	CHECK(index_of(&m, m.len, &tab) == 0);
	rq = (void *)((uint8_t *)m.w + at + 16);

	rq->sadb_x_ipsecrequest_len = 0;
	CHECK(index_of(&m, m.len, &tab) == -1 && tab.sound == 16);
	CHECK_STR(tab.why, "policy request shorter than its header");
	rq->sadb_x_ipsecrequest_len = 56;
	CHECK(index_of(&m, m.len, &tab) == -1);
	CHECK_STR(tab.why, "policy request runs past the extension");
	rq->sadb_x_ipsecrequest_len = 32;
	CHECK(index_of(&m, m.len, &tab) == -1);
	CHECK_STR(tab.why, "policy request without two endpoints");
	rq->sadb_x_ipsecrequest_len = 48;
	((struct sockaddr *)(void *)(rq + 1))->sa_family = AF_INET6;
	CHECK(index_of(&m, m.len, &tab) == -1);
	CHECK_STR(tab.why, "policy request without two endpoints");
}

/*
 * Every prefix and many one-byte corruptions of two full messages go
 * through the checker and both printers; run under ASan (see
 * tests/unit/README or the report) a read past the end is fatal.
 */
static void
torture_one(const uint8_t *bytes, size_t len, FILE *sink)
{
	struct print_opts po = { .all = true, .hex = true, .ports = true };
	struct ext_table tab;
	uint8_t *buf = malloc(len ? len : 1);
	size_t i, end;
	int rc;

	memcpy(buf, bytes, len);
	rc = msg_index(buf, len, &tab);
	CHECK(tab.sound <= len);
	CHECK(rc == 0 ? tab.why == NULL && tab.sound == len : tab.why != 0);
	for (i = 1; i <= SADB_EXT_MAX; i++) {
		if (tab.ext[i] == NULL)
			continue;
		end = (size_t)((const uint8_t *)tab.ext[i] - buf) +
		    tab.ext[i]->sadb_ext_len * 8u;
		CHECK(end <= tab.sound);
	}
	print_msg(sink, buf, len, &po);
	print_dump(sink, buf, len, &po);
	free(buf);
}

static void
torture(const struct tmsg *m, FILE *sink)
{
	static const uint8_t values[] = { 0x00, 0x01, 0x07, 0x80, 0xff };
	uint8_t copy[sizeof(m->w)];
	size_t len, i, v;

	for (len = 0; len <= m->len; len++)
		torture_one((const uint8_t *)m->w, len, sink);
	for (i = 0; i < m->len; i++) {
		for (v = 0; v < sizeof(values); v++) {
			memcpy(copy, m->w, m->len);
			copy[i] = values[v];
			torture_one(copy, m->len, sink);
		}
	}
}

TEST(msgcheck_torture)
{
	struct tmsg m;
	FILE *sink = fopen("/dev/null", "w");

	CHECK(sink != NULL);
	if (sink == NULL)
		return;
	sa_msg(&m);
	torture(&m, sink);
	every_ext(&m);
	torture(&m, sink);
	fclose(sink);
}

/* the kitchen-sink message decodes with every extension named */
TEST(msgcheck_every_ext_printed)
{
	static const char *const names[] = {
		"sa", "lifetime_current", "lifetime_hard", "lifetime_soft",
		"address_src", "address_dst", "address_proxy", "key_auth",
		"key_encrypt", "identity_src", "identity_dst", "sensitivity",
		"proposal", "supported_auth", "supported_encrypt", "spirange",
		"x_kmprivate", "x_policy", "x_sa2", "x_nat_t_type",
		"x_nat_t_sport", "x_nat_t_dport", "x_nat_t_oa", "x_sec_ctx",
		"x_kmaddress", "x_filter",
	};
	struct print_opts po = { .now = 0 };
	struct tmsg m;
	char *text = NULL, want[64];
	size_t size, i;
	FILE *fp;

	every_ext(&m);
	fp = open_memstream(&text, &size);
	print_msg(fp, m.w, m.len, &po);
	fclose(fp);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(want, sizeof(want), "\n\t%s: ", names[i]);
		CHECK(strstr(text, want) != NULL);
	}
	CHECK(strstr(text, "malformed") == NULL);
	CHECK(strstr(text, "\tx_sec_ctx: doi=0 alg=0 len=5 \"ctx\\012\\\"\"\n")
	    != NULL);
	CHECK(strstr(text, "\tx_kmaddress: 2001:db8::a-2001:db8::b\n") != NULL);
	CHECK(strstr(text, "\t\tesp/tunnel/192.0.2.1-192.0.2.2/unique:9\n"
	    "\t\tah/transport//default\n") != NULL);
	CHECK(strstr(text, "\taddress_src: 10.0.0.1[500] prefixlen=32 "
	    "proto=udp\n") != NULL);
	free(text);
}

/* a type newer than the headers: skipped, the rest still indexed */
TEST(msgcheck_newer_type_skipped)
{
	struct tmsg m;
	struct ext_table tab;
	struct sadb_ext *sa;
	void *buf;

	sa_msg(&m);
	sa = (void *)((uint8_t *)m.w + 16);
	sa->sadb_ext_type = SADB_EXT_MAX + 1;
	buf = tm_copy(&m, m.len);
	CHECK(msg_index(buf, m.len, &tab) == 0);
	CHECK(tab.ext[SADB_EXT_SA] == NULL);
	CHECK(tab.ext[SADB_X_EXT_SA2] != NULL);
	CHECK(tab.ext[SADB_EXT_ADDRESS_DST] != NULL);
	free(buf);
}
