// SPDX-License-Identifier: BSD-2-Clause
#include <sys/socket.h>

#include <linux/ipsec.h>
#include <linux/pfkeyv2.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>

#include "ext.h"

/* RFC 2367: lengths count 64-bit words */
#define PFKEY_UNIT	8

/*
 * The one place bytes become 64-bit units.  Every caller passes a length
 * it reserved through msgbuf_reserve, so it is already a multiple of 8;
 * the rounding is for safety only.
 */
static uint16_t
ext_units(size_t bytes)
{
	return (uint16_t)((bytes + PFKEY_UNIT - 1) / PFKEY_UNIT);
}

/* reserve header + body, zeroed and padded, and fill the common header */
static void *
ext_reserve(struct msgbuf *mb, uint16_t type, size_t len)
{
	struct sadb_ext *ext;
	size_t start = mb->len;

	ext = msgbuf_reserve(mb, len);
	ext->sadb_ext_len = ext_units(mb->len - start);
	ext->sadb_ext_type = type;
	return ext;
}

void
ext_put_msg(struct msgbuf *mb, uint8_t type, uint8_t satype, uint32_t seq,
    uint32_t pid)
{
	struct sadb_msg *msg;

	msgbuf_reset(mb);
	msg = msgbuf_reserve(mb, sizeof(*msg));
	msg->sadb_msg_version = PF_KEY_V2;
	msg->sadb_msg_type = type;
	msg->sadb_msg_satype = satype;
	msg->sadb_msg_seq = seq;
	msg->sadb_msg_pid = pid;
}

/* the buffer may have moved while growing: find the header again */
struct sadb_msg *
ext_msg(const struct msgbuf *mb)
{
	return (struct sadb_msg *)(void *)mb->data;
}

/* -EMSGSIZE when the message outgrows sadb_msg_len's 16 bits */
int
ext_finish(struct msgbuf *mb)
{
	if (mb->len / PFKEY_UNIT > UINT16_MAX)
		return -EMSGSIZE;
	ext_msg(mb)->sadb_msg_len = ext_units(mb->len);
	return 0;
}

/* RFC 2367 2.3.1; the SPI travels in network order */
void
ext_put_sa(struct msgbuf *mb, const struct sa_spec *sa)
{
	struct sadb_sa *ext;

	ext = ext_reserve(mb, SADB_EXT_SA, sizeof(*ext));
	ext->sadb_sa_spi = htonl(sa->spi);
	ext->sadb_sa_replay = sa->replay;
	ext->sadb_sa_state = SADB_SASTATE_MATURE;
	ext->sadb_sa_auth = sa->aalg;
	ext->sadb_sa_encrypt = sa->ealg;
	ext->sadb_sa_flags = sa->flags;
}

static size_t
ext_sockaddr_len(int family)
{
	switch (family) {
	case AF_INET:
		return sizeof(struct sockaddr_in);
	case AF_INET6:
		return sizeof(struct sockaddr_in6);
	}
	return 0;
}

static int
ext_full_plen(int family)
{
	return family == AF_INET ? 32 : 128;
}

/* 0 for [any] and for no [port]; Linux reads the port from the sockaddr */
static uint16_t
ext_port(const struct addr *a)
{
	return a->port > 0 ? htons((uint16_t)a->port) : 0;
}

/* copy the sockaddr of A with PORT (network order) into P */
static void
ext_sockaddr(uint8_t *p, const struct addr *a, uint16_t port)
{
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;

	if (a->ss.ss_family == AF_INET) {
		memcpy(&sin, &a->ss, sizeof(sin));
		sin.sin_port = port;
		memcpy(p, &sin, sizeof(sin));
	} else {
		memcpy(&sin6, &a->ss, sizeof(sin6));
		sin6.sin6_port = port;
		memcpy(p, &sin6, sizeof(sin6));
	}
}

/*
 * RFC 2367 2.3.3.  An SA's address is a host: full prefix, no port (Linux
 * keeps NAT-T ports in their own extensions).  A selector carries the
 * written prefix, port and upper-layer protocol; Linux requires the
 * length to be exactly header + sockaddr, rounded to 8.
 */
int
ext_put_address(struct msgbuf *mb, uint16_t type, const struct addr *a,
    uint8_t proto, bool selector)
{
	struct sadb_address *ext;
	size_t salen = ext_sockaddr_len(a->ss.ss_family);
	int full = ext_full_plen(a->ss.ss_family);
	int plen = full;

	if (salen == 0)
		return -EINVAL;
	if (selector && a->prefixlen != ADDR_PLEN_FULL)
		plen = a->prefixlen;
	if (plen < 0 || plen > full)
		return -EINVAL;

	ext = ext_reserve(mb, type, sizeof(*ext) + salen);
	ext->sadb_address_proto = proto;
	ext->sadb_address_prefixlen = (uint8_t)plen;
	ext_sockaddr((uint8_t *)(ext + 1), a, selector ? ext_port(a) : 0);
	return 0;
}

/*
 * RFC 2367 2.3.4.  An empty key is still sent (0 bits): Linux refuses an
 * ESP SA without an encryption key extension, even for null.
 */
int
ext_put_key(struct msgbuf *mb, uint16_t type, const struct key *key)
{
	struct sadb_key *ext;
	size_t len = key->set ? key->len : 0;

	if (len > UINT16_MAX / 8)
		return -EINVAL;
	ext = ext_reserve(mb, type, sizeof(*ext) + len);
	ext->sadb_key_bits = (uint16_t)(len * 8);
	if (len > 0)
		memcpy(ext + 1, key->bytes, len);
	return 0;
}

/* RFC 2367 2.3.2; 0 means no limit */
void
ext_put_lifetime(struct msgbuf *mb, uint16_t type, uint64_t addtime,
    uint64_t bytes)
{
	struct sadb_lifetime *ext;

	ext = ext_reserve(mb, type, sizeof(*ext));
	ext->sadb_lifetime_addtime = addtime;
	ext->sadb_lifetime_bytes = bytes;
}

void
ext_put_x_sa2(struct msgbuf *mb, uint8_t mode, uint32_t reqid)
{
	struct sadb_x_sa2 *ext;

	ext = ext_reserve(mb, SADB_X_EXT_SA2, sizeof(*ext));
	ext->sadb_x_sa2_mode = mode;
	ext->sadb_x_sa2_reqid = reqid;
}

/* bytes one request takes: header, then both tunnel endpoints; 0 if bad */
static size_t
ext_req_len(const struct sp_req *req)
{
	size_t salen = 0;

	if (req->tunnel_addrs) {
		salen = ext_sockaddr_len(req->tsrc.ss.ss_family);
		if (salen == 0 || req->tsrc.ss.ss_family !=
		    req->tdst.ss.ss_family)
			return 0;
	}
	return (sizeof(struct sadb_x_ipsecrequest) + 2 * salen +
	    PFKEY_UNIT - 1) & ~(size_t)(PFKEY_UNIT - 1);
}

/*
 * The request length is in bytes, unlike every other PF_KEY length (it
 * is KAME's extension, and Linux reads it so).  The two endpoints follow
 * it back to back, each a whole sockaddr.
 */
static void
ext_put_req(uint8_t *p, const struct sp_req *req, size_t len)
{
	struct sadb_x_ipsecrequest rq;
	size_t salen;

	memset(&rq, 0, sizeof(rq));
	rq.sadb_x_ipsecrequest_len = (uint16_t)len;
	rq.sadb_x_ipsecrequest_proto = req->proto;
	rq.sadb_x_ipsecrequest_mode = req->mode;
	rq.sadb_x_ipsecrequest_level = req->level;
	rq.sadb_x_ipsecrequest_reqid = req->reqid;
	memcpy(p, &rq, sizeof(rq));
	if (!req->tunnel_addrs)
		return;
	salen = ext_sockaddr_len(req->tsrc.ss.ss_family);
	p += sizeof(rq);
	ext_sockaddr(p, &req->tsrc, ext_port(&req->tsrc));
	ext_sockaddr(p + salen, &req->tdst, ext_port(&req->tdst));
}

/* KAME's policy extension: type, direction, priority, then requests */
int
ext_put_x_policy(struct msgbuf *mb, const struct sp_spec *sp)
{
	struct sadb_x_policy *ext;
	size_t i, len, total = sizeof(*ext);
	uint8_t *p;

	for (i = 0; i < sp->nreq; i++) {
		if ((len = ext_req_len(&sp->reqs[i])) == 0)
			return -EINVAL;
		total += len;
	}
	if (total / PFKEY_UNIT > UINT16_MAX)
		return -EINVAL;

	ext = ext_reserve(mb, SADB_X_EXT_POLICY, total);
	ext->sadb_x_policy_type = sp->type;
	ext->sadb_x_policy_dir = sp->dir;
	ext->sadb_x_policy_priority = sp->priority;
	p = (uint8_t *)(ext + 1);
	for (i = 0; i < sp->nreq; i++) {
		len = ext_req_len(&sp->reqs[i]);
		ext_put_req(p, &sp->reqs[i], len);
		p += len;
	}
	return 0;
}

/* host order: Linux's af_key compares them as numbers */
void
ext_put_spirange(struct msgbuf *mb, uint32_t min, uint32_t max)
{
	struct sadb_spirange *ext;

	ext = ext_reserve(mb, SADB_EXT_SPIRANGE, sizeof(*ext));
	ext->sadb_spirange_min = min;
	ext->sadb_spirange_max = max;
}

void
ext_put_nat_t_type(struct msgbuf *mb, uint8_t type)
{
	struct sadb_x_nat_t_type *ext;

	ext = ext_reserve(mb, SADB_X_EXT_NAT_T_TYPE, sizeof(*ext));
	ext->sadb_x_nat_t_type_type = type;
}

/* PORT in host order; the wire wants network order */
void
ext_put_nat_t_port(struct msgbuf *mb, uint16_t type, uint16_t port)
{
	struct sadb_x_nat_t_port *ext;

	ext = ext_reserve(mb, type, sizeof(*ext));
	ext->sadb_x_nat_t_port_port = htons(port);
}

/*
 * The context string goes with a terminating NUL, counted in ctx_len, as
 * the LSMs and racoon expect.  Linux checks that the extension length is
 * exactly header + ctx_len rounded up.
 */
int
ext_put_sec_ctx(struct msgbuf *mb, const struct sec_ctx *ctx)
{
	struct sadb_x_sec_ctx *ext;
	size_t len = ctx->len + 1;

	if (len > UINT16_MAX)
		return -EINVAL;
	ext = ext_reserve(mb, SADB_X_EXT_SEC_CTX, sizeof(*ext) + len);
	ext->sadb_x_ctx_alg = ctx->alg;
	ext->sadb_x_ctx_doi = ctx->doi;
	ext->sadb_x_ctx_len = (uint16_t)len;
	if (ctx->len > 0)
		memcpy(ext + 1, ctx->str, ctx->len);
	return 0;
}
