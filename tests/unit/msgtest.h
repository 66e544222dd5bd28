/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_MSGTEST_H
#define SETKEY_MSGTEST_H

/*
 * Hand-built PF_KEY messages for the decoder and printer tests, laid
 * out the way Linux's af_key writes its replies.  Independent of
 * ext.c on purpose: the printer is tested against bytes written here.
 */

#include <sys/socket.h>
#include <linux/ipsec.h>
#include <linux/pfkeyv2.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tmsg {
	uint64_t	 w[512];		/* 8-byte aligned */
	size_t		 len;
};

static inline void *
tm_put(struct tmsg *m, size_t len)
{
	uint8_t *p = (uint8_t *)m->w + m->len;

	len = (len + 7) & ~(size_t)7;
	if (m->len + len > sizeof(m->w))
		abort();
	memset(p, 0, len);
	m->len += len;
	return p;
}

static inline void
tm_start(struct tmsg *m, uint8_t type, uint8_t satype, uint32_t seq,
    uint32_t pid)
{
	struct sadb_msg *h;

	m->len = 0;
	h = tm_put(m, sizeof(*h));
	h->sadb_msg_version = PF_KEY_V2;
	h->sadb_msg_type = type;
	h->sadb_msg_satype = satype;
	h->sadb_msg_seq = seq;
	h->sadb_msg_pid = pid;
}

static inline struct sadb_msg *
tm_end(struct tmsg *m)
{
	struct sadb_msg *h = (void *)m->w;

	h->sadb_msg_len = (uint16_t)(m->len / 8);
	return h;
}

static inline void
tm_sa(struct tmsg *m, uint32_t spi, uint8_t state, uint8_t aalg,
    uint8_t ealg)
{
	struct sadb_sa *sa = tm_put(m, sizeof(*sa));

	sa->sadb_sa_len = sizeof(*sa) / 8;
	sa->sadb_sa_exttype = SADB_EXT_SA;
	sa->sadb_sa_spi = htonl(spi);
	sa->sadb_sa_state = state;
	sa->sadb_sa_auth = aalg;
	sa->sadb_sa_encrypt = ealg;
}

static inline void
tm_lifetime(struct tmsg *m, uint16_t type, uint64_t addtime,
    uint64_t usetime)
{
	struct sadb_lifetime *lt = tm_put(m, sizeof(*lt));

	lt->sadb_lifetime_len = sizeof(*lt) / 8;
	lt->sadb_lifetime_exttype = type;
	lt->sadb_lifetime_addtime = addtime;
	lt->sadb_lifetime_usetime = usetime;
}

/* a sockaddr at p for "text" (either family), port in host order */
static inline size_t
tm_sockaddr(void *p, const char *text, uint16_t port)
{
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;

	memset(&sin, 0, sizeof(sin));
	memset(&sin6, 0, sizeof(sin6));
	if (inet_pton(AF_INET, text, &sin.sin_addr) == 1) {
		sin.sin_family = AF_INET;
		sin.sin_port = htons(port);
		memcpy(p, &sin, sizeof(sin));
		return sizeof(sin);
	}
	if (inet_pton(AF_INET6, text, &sin6.sin6_addr) != 1)
		abort();
	sin6.sin6_family = AF_INET6;
	sin6.sin6_port = htons(port);
	memcpy(p, &sin6, sizeof(sin6));
	return sizeof(sin6);
}

static inline void
tm_addr(struct tmsg *m, uint16_t type, const char *text, uint16_t port,
    uint8_t plen, uint8_t proto)
{
	uint8_t tmp[sizeof(struct sockaddr_in6)];
	size_t salen = tm_sockaddr(tmp, text, port);
	struct sadb_address *a = tm_put(m, sizeof(*a) + salen);

	a->sadb_address_len = (uint16_t)((sizeof(*a) + salen + 7) / 8);
	a->sadb_address_exttype = type;
	a->sadb_address_proto = proto;
	a->sadb_address_prefixlen = plen;
	memcpy(a + 1, tmp, salen);
}

static inline void
tm_key(struct tmsg *m, uint16_t type, const void *key, size_t n)
{
	struct sadb_key *k = tm_put(m, sizeof(*k) + n);

	k->sadb_key_len = (uint16_t)((sizeof(*k) + n + 7) / 8);
	k->sadb_key_exttype = type;
	k->sadb_key_bits = (uint16_t)(n * 8);
	memcpy(k + 1, key, n);
}

static inline void
tm_sa2(struct tmsg *m, uint8_t mode, uint32_t reqid)
{
	struct sadb_x_sa2 *sa2 = tm_put(m, sizeof(*sa2));

	sa2->sadb_x_sa2_len = sizeof(*sa2) / 8;
	sa2->sadb_x_sa2_exttype = SADB_X_EXT_SA2;
	sa2->sadb_x_sa2_mode = mode;
	sa2->sadb_x_sa2_reqid = reqid;
}

static inline void
tm_natt(struct tmsg *m, uint16_t sport, uint16_t dport)
{
	struct sadb_x_nat_t_type *nt = tm_put(m, sizeof(*nt));
	struct sadb_x_nat_t_port *np;

	nt->sadb_x_nat_t_type_len = 1;
	nt->sadb_x_nat_t_type_exttype = SADB_X_EXT_NAT_T_TYPE;
	nt->sadb_x_nat_t_type_type = 2;
	np = tm_put(m, sizeof(*np));
	np->sadb_x_nat_t_port_len = 1;
	np->sadb_x_nat_t_port_exttype = SADB_X_EXT_NAT_T_SPORT;
	np->sadb_x_nat_t_port_port = htons(sport);
	np = tm_put(m, sizeof(*np));
	np->sadb_x_nat_t_port_len = 1;
	np->sadb_x_nat_t_port_exttype = SADB_X_EXT_NAT_T_DPORT;
	np->sadb_x_nat_t_port_port = htons(dport);
}

/* start an X_POLICY; tm_req appends requests, tm_policy_end closes it */
static inline size_t
tm_policy(struct tmsg *m, uint8_t dir, uint16_t type, uint32_t id,
    uint32_t prio)
{
	size_t at = m->len;
	struct sadb_x_policy *xp = tm_put(m, sizeof(*xp));

	xp->sadb_x_policy_exttype = SADB_X_EXT_POLICY;
	xp->sadb_x_policy_dir = dir;
	xp->sadb_x_policy_type = type;
	xp->sadb_x_policy_id = id;
	xp->sadb_x_policy_priority = prio;
	return at;
}

static inline void
tm_req(struct tmsg *m, uint16_t proto, uint8_t mode, uint8_t level,
    uint32_t reqid, const char *src, const char *dst, uint16_t port)
{
	uint8_t tmp[2 * sizeof(struct sockaddr_in6)];
	size_t salen = 0;
	struct sadb_x_ipsecrequest *rq;

	if (src != NULL) {
		salen = tm_sockaddr(tmp, src, port);
		salen += tm_sockaddr(tmp + salen, dst, port);
	}
	rq = tm_put(m, sizeof(*rq) + salen);
	rq->sadb_x_ipsecrequest_len = (uint16_t)((sizeof(*rq) + salen + 7) &
	    ~(size_t)7);
	rq->sadb_x_ipsecrequest_proto = proto;
	rq->sadb_x_ipsecrequest_mode = mode;
	rq->sadb_x_ipsecrequest_level = level;
	rq->sadb_x_ipsecrequest_reqid = reqid;
	memcpy(rq + 1, tmp, salen);
}

static inline void
tm_policy_end(struct tmsg *m, size_t at)
{
	struct sadb_x_policy *xp = (void *)((uint8_t *)m->w + at);

	xp->sadb_x_policy_len = (uint16_t)((m->len - at) / 8);
}

/* an exact-size heap copy, so a read past the end trips ASan */
static inline void *
tm_copy(const struct tmsg *m, size_t len)
{
	void *p = malloc(len ? len : 1);

	if (p == NULL)
		abort();
	memcpy(p, m->w, len);
	return p;
}

#endif
