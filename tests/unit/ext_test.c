// SPDX-License-Identifier: BSD-2-Clause
#include <sys/socket.h>

#include <linux/ipsec.h>
#include <linux/pfkeyv2.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "ext.h"
#include "unit.h"

/* the encoders one by one: offsets, lengths in units, padding */

TEST(ext_header_and_finish)
{
	struct msgbuf mb;
	const struct sadb_msg *msg;

	msgbuf_init(&mb);
	ext_put_msg(&mb, SADB_FLUSH, SADB_SATYPE_AH, 0x01020304, 99);
	CHECK(mb.len == 16);
	CHECK(ext_finish(&mb) == 0);
	msg = ext_msg(&mb);
	CHECK(msg->sadb_msg_version == 2 && msg->sadb_msg_type == SADB_FLUSH);
	CHECK(msg->sadb_msg_satype == SADB_SATYPE_AH);
	CHECK(msg->sadb_msg_len == 2 && msg->sadb_msg_reserved == 0);
	CHECK(msg->sadb_msg_seq == 0x01020304 && msg->sadb_msg_pid == 99);

	/* a second message in the same buffer starts afresh */
	ext_put_msg(&mb, SADB_DUMP, 0, 1, 1);
	ext_put_x_sa2(&mb, IPSEC_MODE_TRANSPORT, 3);
	CHECK(ext_finish(&mb) == 0);
	CHECK(mb.len == 32 && ext_msg(&mb)->sadb_msg_len == 4);
	msgbuf_free(&mb);
}

TEST(ext_key_lengths)
{
	static const struct {
		size_t	bytes;
		uint16_t units;
	} cases[] = { { 0, 1 }, { 1, 2 }, { 8, 2 }, { 9, 3 }, { 32, 5 },
	    { 36, 6 }, { 64, 9 } };
	uint8_t raw[64];
	struct key k;
	struct msgbuf mb;
	const struct sadb_key *ext;
	size_t i;

	memset(raw, 0xa5, sizeof(raw));
	msgbuf_init(&mb);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		k.bytes = raw;
		k.len = cases[i].bytes;
		k.set = true;
		ext_put_msg(&mb, SADB_ADD, SADB_SATYPE_ESP, 1, 1);
		CHECK(ext_put_key(&mb, SADB_EXT_KEY_ENCRYPT, &k) == 0);
		ext = (const void *)(mb.data + 16);
		CHECK(ext->sadb_key_len == cases[i].units);
		CHECK(ext->sadb_key_exttype == SADB_EXT_KEY_ENCRYPT);
		CHECK(ext->sadb_key_bits == cases[i].bytes * 8);
		CHECK(ext->sadb_key_reserved == 0);
		CHECK(mb.len == 16 + cases[i].units * 8u);
	}
	k.len = 8192;			/* 65536 bits: no room in 16 bits */
	CHECK(ext_put_key(&mb, SADB_EXT_KEY_AUTH, &k) == -EINVAL);
	msgbuf_free(&mb);
}

TEST(ext_unset_key_is_empty)
{
	struct key k = { .bytes = NULL, .len = 0, .set = false };
	struct msgbuf mb;
	const struct sadb_key *ext;

	msgbuf_init(&mb);
	ext_put_msg(&mb, SADB_ADD, SADB_SATYPE_ESP, 1, 1);
	CHECK(ext_put_key(&mb, SADB_EXT_KEY_ENCRYPT, &k) == 0);
	ext = (const void *)(mb.data + 16);
	CHECK(ext->sadb_key_len == 1 && ext->sadb_key_bits == 0);
	msgbuf_free(&mb);
}

TEST(ext_nat_t_and_spirange)
{
	struct msgbuf mb;
	const struct sadb_x_nat_t_port *port;
	const struct sadb_spirange *range;

	msgbuf_init(&mb);
	ext_put_msg(&mb, SADB_ADD, SADB_SATYPE_ESP, 1, 1);
	ext_put_nat_t_port(&mb, SADB_X_EXT_NAT_T_DPORT, 0x1194);
	ext_put_spirange(&mb, 0x100, 0x0fffffff);
	CHECK(ext_finish(&mb) == 0);
	CHECK(mb.len == 16 + 8 + 16);
	port = (const void *)(mb.data + 16);
	CHECK(port->sadb_x_nat_t_port_len == 1);
	CHECK(port->sadb_x_nat_t_port_exttype == SADB_X_EXT_NAT_T_DPORT);
	CHECK(mb.data[20] == 0x11 && mb.data[21] == 0x94);	/* wire order */
	range = (const void *)(mb.data + 24);
	CHECK(range->sadb_spirange_len == 2);
	CHECK(range->sadb_spirange_min == 0x100);
	CHECK(range->sadb_spirange_max == 0x0fffffff);
	msgbuf_free(&mb);
}

TEST(ext_address_family_checked)
{
	struct addr a;
	struct msgbuf mb;

	memset(&a, 0, sizeof(a));
	a.prefixlen = ADDR_PLEN_FULL;
	a.port = ADDR_PORT_NONE;
	a.ss.ss_family = AF_UNIX;
	msgbuf_init(&mb);
	ext_put_msg(&mb, SADB_ADD, SADB_SATYPE_ESP, 1, 1);
	CHECK(ext_put_address(&mb, SADB_EXT_ADDRESS_SRC, &a, 255, false) ==
	    -EINVAL);
	a.ss.ss_family = AF_INET6;
	a.prefixlen = 129;
	CHECK(ext_put_address(&mb, SADB_EXT_ADDRESS_SRC, &a, 255, true) ==
	    -EINVAL);
	/* not a selector: the written prefix does not matter */
	CHECK(ext_put_address(&mb, SADB_EXT_ADDRESS_SRC, &a, 255, false) ==
	    0);
	CHECK(mb.data[16 + 5] == 128);
	msgbuf_free(&mb);
}

/* sadb_msg_len is 16 bits of 8-byte units: 512 KiB at most */
TEST(ext_message_too_large)
{
	struct msgbuf mb;
	struct sec_ctx ctx;
	int i;

	ctx.doi = ctx.alg = 1;
	ctx.len = 60000;
	ctx.str = calloc(1, ctx.len);
	ctx.set = true;
	msgbuf_init(&mb);
	ext_put_msg(&mb, SADB_X_SPDADD, 0, 1, 1);
	for (i = 0; i < 8; i++)
		CHECK(ext_put_sec_ctx(&mb, &ctx) == 0);
	CHECK(ext_finish(&mb) == 0);
	CHECK(ext_put_sec_ctx(&mb, &ctx) == 0);
	CHECK(ext_finish(&mb) == -EMSGSIZE);
	ctx.len = 65535;		/* + NUL: over 16 bits */
	CHECK(ext_put_sec_ctx(&mb, &ctx) == -EINVAL);
	free(ctx.str);
	msgbuf_free(&mb);
}
