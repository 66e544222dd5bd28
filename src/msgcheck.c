// SPDX-License-Identifier: BSD-2-Clause
#include <sys/socket.h>
#include <linux/pfkeyv2.h>

#include <netinet/in.h>
#include <stdint.h>
#include <string.h>

#include "msgcheck.h"

/*
 * Each known extension type has a minimum size and, where its body has
 * lengths or addresses of its own, a check that they fit.  A check
 * returns NULL or what is wrong; it may read only ext[0..len).
 */
typedef const char	*(*ext_check_fn)(const uint8_t *ext, size_t len);

struct ext_rule {
	size_t		 minlen;
	ext_check_fn	 check;
};

#define U64	sizeof(uint64_t)

static const char overrun[] = "extension runs past the end of the message";
static const char cut_header[] = "extension header cut short";

/* the length of a sockaddr of a family PF_KEY carries, or 0 */
size_t
msg_sockaddr_len(const void *p, size_t avail)
{
	sa_family_t family;
	size_t need;

	if (avail < sizeof(family))
		return 0;
	memcpy(&family, p, sizeof(family));
	if (family == AF_INET)
		need = sizeof(struct sockaddr_in);
	else if (family == AF_INET6)
		need = sizeof(struct sockaddr_in6);
	else
		return 0;
	return need <= avail ? need : 0;
}

static const char *
check_address(const uint8_t *ext, size_t len)
{
	const struct sadb_address *a = (const void *)ext;
	size_t salen;
	sa_family_t family;

	salen = msg_sockaddr_len(ext + sizeof(*a), len - sizeof(*a));
	if (salen == 0)
		return "address of unknown family or cut short";
	memcpy(&family, ext + sizeof(*a), sizeof(family));
	if (a->sadb_address_prefixlen > (family == AF_INET ? 32 : 128))
		return "prefix length longer than the address";
	return NULL;
}

static const char *
check_key(const uint8_t *ext, size_t len)
{
	const struct sadb_key *k = (const void *)ext;

	if (sizeof(*k) + (k->sadb_key_bits + 7u) / 8 > len)
		return "key bits exceed the extension";
	return NULL;
}

static const char *
check_sens(const uint8_t *ext, size_t len)
{
	const struct sadb_sens *s = (const void *)ext;
	size_t maps = (size_t)s->sadb_sens_sens_len + s->sadb_sens_integ_len;

	if (sizeof(*s) + maps * U64 > len)
		return "sensitivity bitmaps exceed the extension";
	return NULL;
}

static const char *
check_sec_ctx(const uint8_t *ext, size_t len)
{
	const struct sadb_x_sec_ctx *c = (const void *)ext;

	if (sizeof(*c) + c->sadb_x_ctx_len > len)
		return "security context exceeds the extension";
	return NULL;
}

/* two sockaddrs back to back, as tunnel endpoints are carried */
static size_t
sockaddr_pair_len(const uint8_t *p, size_t avail)
{
	size_t a, b;

	if ((a = msg_sockaddr_len(p, avail)) == 0)
		return 0;
	if ((b = msg_sockaddr_len(p + a, avail - a)) == 0)
		return 0;
	return a + b;
}

static const char *
check_kmaddress(const uint8_t *ext, size_t len)
{
	size_t hdr = sizeof(struct sadb_x_kmaddress);

	if (sockaddr_pair_len(ext + hdr, len - hdr) == 0)
		return "kmaddress without two addresses";
	return NULL;
}

/*
 * The requests of an IPsec policy (a KAME extension, not RFC 2367):
 * each carries its own length in bytes; a tunnel request is followed by
 * its two endpoints.  A length under the request header would loop.
 */
static const char *
check_policy(const uint8_t *ext, size_t len)
{
	const struct sadb_x_ipsecrequest *rq;
	size_t off = sizeof(struct sadb_x_policy), rqlen;

	while (off < len) {
		if (len - off < sizeof(*rq))
			return "policy request cut short";
		rq = (const void *)(ext + off);
		rqlen = rq->sadb_x_ipsecrequest_len;
		if (rqlen < sizeof(*rq))
			return "policy request shorter than its header";
		if (rqlen > len - off)
			return "policy request runs past the extension";
		if (rqlen > sizeof(*rq) && sockaddr_pair_len(ext + off +
		    sizeof(*rq), rqlen - sizeof(*rq)) == 0)
			return "policy request without two endpoints";
		off += rqlen;
	}
	return NULL;
}

static const struct ext_rule rules[SADB_EXT_MAX + 1] = {
	[SADB_EXT_SA] = { sizeof(struct sadb_sa), NULL },
	[SADB_EXT_LIFETIME_CURRENT] = { sizeof(struct sadb_lifetime), NULL },
	[SADB_EXT_LIFETIME_HARD] = { sizeof(struct sadb_lifetime), NULL },
	[SADB_EXT_LIFETIME_SOFT] = { sizeof(struct sadb_lifetime), NULL },
	[SADB_EXT_ADDRESS_SRC] = { sizeof(struct sadb_address),
	    check_address },
	[SADB_EXT_ADDRESS_DST] = { sizeof(struct sadb_address),
	    check_address },
	[SADB_EXT_ADDRESS_PROXY] = { sizeof(struct sadb_address),
	    check_address },
	[SADB_EXT_KEY_AUTH] = { sizeof(struct sadb_key), check_key },
	[SADB_EXT_KEY_ENCRYPT] = { sizeof(struct sadb_key), check_key },
	[SADB_EXT_IDENTITY_SRC] = { sizeof(struct sadb_ident), NULL },
	[SADB_EXT_IDENTITY_DST] = { sizeof(struct sadb_ident), NULL },
	[SADB_EXT_SENSITIVITY] = { sizeof(struct sadb_sens), check_sens },
	[SADB_EXT_PROPOSAL] = { sizeof(struct sadb_prop), NULL },
	[SADB_EXT_SUPPORTED_AUTH] = { sizeof(struct sadb_supported), NULL },
	[SADB_EXT_SUPPORTED_ENCRYPT] = { sizeof(struct sadb_supported),
	    NULL },
	[SADB_EXT_SPIRANGE] = { sizeof(struct sadb_spirange), NULL },
	[SADB_X_EXT_KMPRIVATE] = { sizeof(struct sadb_x_kmprivate), NULL },
	[SADB_X_EXT_POLICY] = { sizeof(struct sadb_x_policy), check_policy },
	[SADB_X_EXT_SA2] = { sizeof(struct sadb_x_sa2), NULL },
	[SADB_X_EXT_NAT_T_TYPE] = { sizeof(struct sadb_x_nat_t_type), NULL },
	[SADB_X_EXT_NAT_T_SPORT] = { sizeof(struct sadb_x_nat_t_port),
	    NULL },
	[SADB_X_EXT_NAT_T_DPORT] = { sizeof(struct sadb_x_nat_t_port),
	    NULL },
	[SADB_X_EXT_NAT_T_OA] = { sizeof(struct sadb_address),
	    check_address },
	[SADB_X_EXT_SEC_CTX] = { sizeof(struct sadb_x_sec_ctx),
	    check_sec_ctx },
	[SADB_X_EXT_KMADDRESS] = { sizeof(struct sadb_x_kmaddress),
	    check_kmaddress },
	[SADB_X_EXT_FILTER] = { sizeof(struct sadb_x_filter), NULL },
};

static int
index_fail(struct ext_table *tab, size_t sound, const char *why)
{
	tab->sound = sound;
	tab->why = why;
	return -1;
}

/* one extension at off, end being where the message stops */
static const char *
index_ext(struct ext_table *tab, const uint8_t *p, size_t off, size_t end,
    size_t *next)
{
	const struct sadb_ext *ext = (const void *)(p + off);
	const char *why;
	size_t len;
	uint16_t type;

	if (end - off < U64)
		return cut_header;
	len = (size_t)ext->sadb_ext_len * U64;
	type = ext->sadb_ext_type;
	if (len == 0)
		return "extension of length zero";
	if (len > end - off)
		return overrun;
	if (type == SADB_EXT_RESERVED)
		return "extension of reserved type 0";
	/*
	 * A type newer than our headers (Linux added SADB_X_EXT_FILTER in
	 * 2014) is not an error: it is left out of the table, and
	 * print_msg shows it as type, length and hex.
	 */
	if (type > SADB_EXT_MAX) {
		*next = off + len;
		return NULL;
	}
	if (len < rules[type].minlen)
		return "extension shorter than its type requires";
	if (rules[type].check != NULL &&
	    (why = rules[type].check(p + off, len)) != NULL)
		return why;
	if (tab->ext[type] != NULL)
		return "duplicate extension";
	tab->ext[type] = ext;
	*next = off + len;
	return NULL;
}

/*
 * RFC 2367 section 2.3: extensions follow the header, each a multiple
 * of 64 bits long, at most one of each type.  Indexing stops at the
 * first problem, so everything before tab->sound was checked and
 * everything in tab->ext lies inside it.
 */
int
msg_index(const void *buf, size_t len, struct ext_table *tab)
{
	const struct sadb_msg *msg = buf;
	const uint8_t *p = buf;
	const char *why;
	size_t off, end, next, msglen;

	memset(tab, 0, sizeof(*tab));
	if (len < sizeof(*msg))
		return index_fail(tab, 0, "shorter than a message header");
	if (msg->sadb_msg_version != PF_KEY_V2)
		return index_fail(tab, sizeof(*msg), "not PF_KEY version 2");
	msglen = (size_t)msg->sadb_msg_len * U64;
	if (msglen < sizeof(*msg))
		return index_fail(tab, sizeof(*msg),
		    "message length shorter than its header");

	end = msglen < len ? msglen : len;
	for (off = sizeof(*msg); off < end; off = next)
		if ((why = index_ext(tab, p, off, end, &next)) != NULL) {
			if ((why == overrun || why == cut_header) &&
			    msglen > len)
				why = "message cut short";
			return index_fail(tab, off, why);
		}

	if (msglen > len)
		return index_fail(tab, len, "message cut short");
	if (msglen < len)
		return index_fail(tab, msglen, "bytes after the message");
	tab->sound = len;
	return 0;
}
