// SPDX-License-Identifier: BSD-2-Clause
#include <sys/socket.h>
#include <sys/time.h>
#include <linux/ipsec.h>
#include <linux/pfkeyv2.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "alg.h"
#include "msgcheck.h"
#include "print.h"

/*
 * The one printer.  The -D and -DP layouts are the ones scripts parse
 * (../shared/spec/OUTPUT.md, checked against ../shared/spec/golden/):
 * every blank and tab in the formats below is part of that contract.
 * Everything here reads a message only through msg_index(), so no
 * field is read before its extension's length was checked.
 */

#define DATE_LEN	20		/* "Jan  2 03:04:05 2024" */
#define HOST_LEN	NI_MAXHOST
#define ADDR_LEN	(NI_MAXHOST + 16)	/* host, /plen and [port] */
#define U64		sizeof(uint64_t)

#define EXT(tab, type, T)	((const T *)(const void *)(tab)->ext[type])

/* a sockaddr copied out of a message, so it is aligned */
struct endpoint {
	struct sockaddr_storage	 ss;
	socklen_t		 len;
	uint16_t		 port;		/* host order */
};

/* what the printer of one extension may consult */
struct ext_ctx {
	const struct sadb_msg	*msg;
	const struct ext_table	*tab;
	const struct print_opts	*po;
};

typedef void	(*ext_print_fn)(FILE *fp, const uint8_t *ext, size_t len,
		    const struct ext_ctx *ctx);

struct ext_printer {
	uint16_t	 type;
	const char	*name;
	ext_print_fn	 print;
};

static const struct ext_printer	*printer_for(uint16_t type);

static const char *const msg_types[] = {
	"SADB_RESERVED", "SADB_GETSPI", "SADB_UPDATE", "SADB_ADD",
	"SADB_DELETE", "SADB_GET", "SADB_ACQUIRE", "SADB_REGISTER",
	"SADB_EXPIRE", "SADB_FLUSH", "SADB_DUMP", "SADB_X_PROMISC",
	"SADB_X_PCHANGE", "SADB_X_SPDUPDATE", "SADB_X_SPDADD",
	"SADB_X_SPDDELETE", "SADB_X_SPDGET", "SADB_X_SPDACQUIRE",
	"SADB_X_SPDDUMP", "SADB_X_SPDFLUSH", "SADB_X_SPDSETIDX",
	"SADB_X_SPDEXPIRE", "SADB_X_SPDDELETE2", "SADB_X_NAT_T_NEW_MAPPING",
	"SADB_X_MIGRATE",
};

static const char *const satypes[] = {
	[SADB_SATYPE_UNSPEC] = "unspec", [SADB_SATYPE_AH] = "ah",
	[SADB_SATYPE_ESP] = "esp", [SADB_SATYPE_RSVP] = "rsvp",
	[SADB_SATYPE_OSPFV2] = "ospfv2", [SADB_SATYPE_RIPV2] = "ripv2",
	[SADB_SATYPE_MIP] = "mip", [SADB_X_SATYPE_IPCOMP] = "ipcomp",
};

static const char *const modes[] = {
	[IPSEC_MODE_ANY] = "any", [IPSEC_MODE_TRANSPORT] = "transport",
	[IPSEC_MODE_TUNNEL] = "tunnel", [IPSEC_MODE_BEET] = "beet",
};

static const char *const states[] = {
	[SADB_SASTATE_LARVAL] = "larval", [SADB_SASTATE_MATURE] = "mature",
	[SADB_SASTATE_DYING] = "dying", [SADB_SASTATE_DEAD] = "dead",
};

/* 4 to 6: Linux's per-socket policies (xfrm dir + XFRM_POLICY_MAX + 1) */
static const char *const dirs[] = {
	"any", "in", "out", "fwd", "in(socket)", "out(socket)", "fwd(socket)",
};

static const char *const policy_types[] = {
	[IPSEC_POLICY_DISCARD] = "discard", [IPSEC_POLICY_NONE] = "none",
	[IPSEC_POLICY_IPSEC] = "ipsec", [IPSEC_POLICY_ENTRUST] = "entrust",
	[IPSEC_POLICY_BYPASS] = "bypass",
};

static const char *const levels[] = {
	[IPSEC_LEVEL_DEFAULT] = "default", [IPSEC_LEVEL_USE] = "use",
	[IPSEC_LEVEL_REQUIRE] = "require", [IPSEC_LEVEL_UNIQUE] = "unique",
};

static const char *const months[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

#define NAME(tab, v)	name_of((tab), sizeof(tab) / sizeof((tab)[0]), (v))

static const char *
name_of(const char *const *names, size_t n, unsigned int v)
{
	return v < n ? names[v] : NULL;
}

/* a name from a table, or the number when there is none */
static void
print_name(FILE *fp, const char *name, unsigned int v)
{
	if (name != NULL)
		fputs(name, fp);
	else
		fprintf(fp, "%u", v);
}

static const char *
alg_name(enum alg_kind kind, uint8_t id)
{
	const struct alg *a;

	if (id == 0)
		return "none";
	a = alg_by_id(kind, id);
	return a != NULL ? a->name : NULL;
}

static const char *
ipsec_proto_name(unsigned int proto)
{
	switch (proto) {
	case IPPROTO_ESP:
		return "esp";
	case IPPROTO_AH:
		return "ah";
	case IPPROTO_COMP:
		return "ipcomp";
	}
	return NULL;
}

/*
 * The upper-layer protocol as /etc/protocols names it.  255 is "any" on
 * Linux; it prints as the number, whatever the local file says.
 */
static void
print_upper(FILE *fp, unsigned int proto)
{
	struct protoent *pe = NULL;

	if (proto != IPSEC_ULPROTO_ANY)
		pe = getprotobynumber((int)proto);
	print_name(fp, pe != NULL ? pe->p_name : NULL, proto);
}

/* the 20 characters of ctime(3) after the weekday; blanks for 0 */
static void
fmt_date(uint64_t t, char *buf)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (t == 0) {
		memset(buf, ' ', DATE_LEN);
	} else if (t > INT64_MAX || localtime_r(&tt, &tm) == NULL ||
	    tm.tm_year > 9999 - 1900 || tm.tm_year < -1900) {
		memset(buf, '?', DATE_LEN);
	} else {
		snprintf(buf, DATE_LEN + 1, "%s %2d %02d:%02d:%02d %04d",
		    months[tm.tm_mon], tm.tm_mday, tm.tm_hour, tm.tm_min,
		    tm.tm_sec, tm.tm_year + 1900);
	}
	buf[DATE_LEN] = '\0';
}

static size_t
endpoint_get(const uint8_t *p, size_t avail, struct endpoint *ep)
{
	size_t len = msg_sockaddr_len(p, avail);

	memset(ep, 0, sizeof(*ep));
	if (len == 0)
		return 0;
	memcpy(&ep->ss, p, len);
	ep->len = (socklen_t)len;
	if (ep->ss.ss_family == AF_INET)
		ep->port = ntohs(((struct sockaddr_in *)&ep->ss)->sin_port);
	else
		ep->port = ntohs(((struct sockaddr_in6 *)&ep->ss)->sin6_port);
	return len;
}

/* the sockaddr after a sadb_address; msg_index checked it is there */
static void
endpoint_of(const struct sadb_address *a, struct endpoint *ep)
{
	size_t avail = (size_t)a->sadb_address_len * U64 - sizeof(*a);

	endpoint_get((const uint8_t *)(a + 1), avail, ep);
}

/*
 * Dotted quad by hand: inet_ntop formats each byte with sprintf, and
 * this runs twice per entry of a dump.
 */
static void
host_inet(const struct sockaddr_in *sin, char *buf, size_t size)
{
	const uint8_t *b = (const uint8_t *)&sin->sin_addr;
	char text[16], *q = text;
	int i;

	for (i = 0; i < 4; i++) {
		if (b[i] >= 100)
			*q++ = (char)('0' + b[i] / 100);
		if (b[i] >= 10)
			*q++ = (char)('0' + b[i] / 10 % 10);
		*q++ = (char)('0' + b[i] % 10);
		*q++ = i < 3 ? '.' : '\0';
	}
	snprintf(buf, size, "%s", text);
}

static void
endpoint_host(const struct endpoint *ep, char *buf, size_t size)
{
	if (ep->len >= sizeof(struct sockaddr_in) &&
	    ep->ss.ss_family == AF_INET)
		host_inet((const struct sockaddr_in *)&ep->ss, buf, size);
	else if (ep->len == 0 || getnameinfo((const struct sockaddr *)&ep->ss,
	    ep->len, buf, size, NULL, 0, NI_NUMERICHOST) != 0)
		snprintf(buf, size, "?");
}

static unsigned int
endpoint_maxplen(const struct endpoint *ep)
{
	return ep->ss.ss_family == AF_INET6 ? 128 : 32;
}

/* icmp type/code, mh type and gre key live where the ports would */
static bool
proto_has_ports(unsigned int proto)
{
	return proto != IPPROTO_ICMP && proto != IPPROTO_ICMPV6 &&
	    proto != IPPROTO_MH && proto != IPPROTO_GRE;
}

/* a selector address: host, /plen unless full, [port] if it has one */
static void
fmt_selector(const struct sadb_address *a, unsigned int proto, char *buf,
    size_t size)
{
	struct endpoint ep;
	char host[HOST_LEN], plen[8] = "", port[10] = "";

	endpoint_of(a, &ep);
	endpoint_host(&ep, host, sizeof(host));
	if (a->sadb_address_prefixlen != endpoint_maxplen(&ep))
		snprintf(plen, sizeof(plen), "/%u", a->sadb_address_prefixlen);
	if (proto_has_ports(proto) && ep.port == 0)
		snprintf(port, sizeof(port), "[any]");
	else if (proto_has_ports(proto))
		snprintf(port, sizeof(port), "[%u]", ep.port);
	snprintf(buf, size, "%s%s%s", host, plen, port);
}

/* key bytes: a blank before each 4-byte group, a newline every 32 */
static void
print_key_hex(FILE *fp, const struct sadb_key *k)
{
	static const char digits[] = "0123456789abcdef";
	const uint8_t *p = (const uint8_t *)(k + 1);
	size_t i, n = (k->sadb_key_bits + 7u) / 8;

	/* not fprintf per byte: that was half the time of -D */
	for (i = 0; i < n; i++) {
		if (i != 0 && i % 32 == 0)
			fputc('\n', fp);
		if (i % 4 == 0)
			fputc(' ', fp);
		fputc(digits[p[i] >> 4], fp);
		fputc(digits[p[i] & 0xf], fp);
	}
}

/* offset, then up to 16 bytes a line, as -h shows a message */
static void
print_hex_lines(FILE *fp, const uint8_t *p, size_t len, size_t base)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (i % 16 == 0)
			fprintf(fp, "%08zx:", base + i);
		fprintf(fp, " %02x", p[i]);
		if (i % 16 == 15 || i + 1 == len)
			fputc('\n', fp);
	}
}

/* bytes that may not be text, between quotes, escaped where needed */
static void
print_quoted(FILE *fp, const uint8_t *p, size_t len)
{
	size_t i;

	fputc('"', fp);
	for (i = 0; i < len && p[i] != '\0'; i++) {
		if (p[i] == '"' || p[i] == '\\')
			fprintf(fp, "\\%c", p[i]);
		else if (p[i] >= 0x20 && p[i] < 0x7f)
			fputc(p[i], fp);
		else
			fprintf(fp, "\\%03o", p[i]);
	}
	fputc('"', fp);
}

static void
print_flag(FILE *fp, const struct ext_table *tab, size_t len)
{
	fprintf(fp, "\t! malformed message: %s (%zu of %zu bytes sound)\n",
	    tab->why, tab->sound, len);
}

/* ---- -D: one SA ---- */

static bool
sa_natt(const struct ext_table *tab)
{
	const struct sadb_x_nat_t_type *nt;

	nt = EXT(tab, SADB_X_EXT_NAT_T_TYPE, struct sadb_x_nat_t_type);
	return nt != NULL && nt->sadb_x_nat_t_type_type != 0;
}

/*
 * "SRC DST " with a [port] after each address under -p, and always for
 * NAT-T, where the port is the encapsulation's.  (ipsec-tools printed
 * both the address's port and the NAT-T one under -p; one is enough.)
 */
static void
sa_addr(FILE *fp, const struct ext_table *tab, uint16_t type,
    uint16_t porttype, const struct print_opts *po)
{
	const struct sadb_x_nat_t_port *np;
	struct endpoint ep;
	char host[HOST_LEN];

	endpoint_of(EXT(tab, type, struct sadb_address), &ep);
	endpoint_host(&ep, host, sizeof(host));
	np = EXT(tab, porttype, struct sadb_x_nat_t_port);
	if (sa_natt(tab) && np != NULL)
		fprintf(fp, "%s[%u] ", host, ntohs(np->sadb_x_nat_t_port_port));
	else if (po->ports)
		fprintf(fp, "%s[%u] ", host, ep.port);
	else
		fprintf(fp, "%s ", host);
}

static void
sa_type_line(FILE *fp, const struct sadb_msg *msg,
    const struct ext_table *tab)
{
	const struct sadb_sa *sa = EXT(tab, SADB_EXT_SA, struct sadb_sa);
	const struct sadb_x_sa2 *sa2;
	uint32_t spi = ntohl(sa->sadb_sa_spi), reqid = 0;
	uint8_t mode = IPSEC_MODE_ANY;

	if ((sa2 = EXT(tab, SADB_X_EXT_SA2, struct sadb_x_sa2)) != NULL) {
		mode = sa2->sadb_x_sa2_mode;
		reqid = sa2->sadb_x_sa2_reqid;
	}
	fputc('\t', fp);
	if (sa_natt(tab) && msg->sadb_msg_satype == SADB_SATYPE_ESP) {
		fputs("esp-udp", fp);
	} else {
		if (sa_natt(tab))
			fputs("natt+", fp);
		print_name(fp, NAME(satypes, msg->sadb_msg_satype),
		    msg->sadb_msg_satype);
	}
	fputs(" mode=", fp);
	print_name(fp, NAME(modes, mode), mode);
	fprintf(fp, " spi=%u(0x%08x) reqid=%u(0x%08x)\n", spi, spi, reqid,
	    reqid);
}

static void
sa_nat_oa(FILE *fp, const struct ext_table *tab)
{
	const struct sadb_address *oa;
	struct endpoint ep;
	char host[HOST_LEN];

	oa = EXT(tab, SADB_X_EXT_NAT_T_OA, struct sadb_address);
	if (!sa_natt(tab) || oa == NULL)
		return;
	endpoint_of(oa, &ep);
	endpoint_host(&ep, host, sizeof(host));
	fprintf(fp, "\tNAT OA=%s\n", host);
}

static void
sa_key_line(FILE *fp, const char *label, const char *name, uint8_t id,
    const struct sadb_key *k)
{
	fprintf(fp, "\t%s: ", label);
	print_name(fp, name, id);
	fputc(' ', fp);
	print_key_hex(fp, k);
	fputc('\n', fp);
}

/* IPComp's C: line has no newline: the seq= line continues it */
static void
sa_keys(FILE *fp, const struct sadb_msg *msg, const struct ext_table *tab)
{
	const struct sadb_sa *sa = EXT(tab, SADB_EXT_SA, struct sadb_sa);
	const struct sadb_key *ek, *ak;
	uint8_t ealg = sa->sadb_sa_encrypt, aalg = sa->sadb_sa_auth;

	ek = EXT(tab, SADB_EXT_KEY_ENCRYPT, struct sadb_key);
	ak = EXT(tab, SADB_EXT_KEY_AUTH, struct sadb_key);
	if (msg->sadb_msg_satype == SADB_X_SATYPE_IPCOMP) {
		fputs("\tC: ", fp);
		print_name(fp, alg_name(ALG_COMP, ealg), ealg);
		fputc(' ', fp);
	} else if (msg->sadb_msg_satype == SADB_SATYPE_ESP && ek != NULL) {
		sa_key_line(fp, "E", alg_name(ALG_ENC, ealg), ealg, ek);
	}
	if (ak != NULL)
		sa_key_line(fp, "A", alg_name(ALG_AUTH, aalg), aalg, ak);
}

static void
sa_state_line(FILE *fp, const struct ext_table *tab)
{
	const struct sadb_sa *sa = EXT(tab, SADB_EXT_SA, struct sadb_sa);
	const struct sadb_x_sa2 *sa2;
	uint32_t seq = 0;

	if ((sa2 = EXT(tab, SADB_X_EXT_SA2, struct sadb_x_sa2)) != NULL)
		seq = sa2->sadb_x_sa2_sequence;
	fprintf(fp, "\tseq=0x%08x replay=%u flags=0x%08x state=", seq,
	    sa->sadb_sa_replay, sa->sadb_sa_flags);
	print_name(fp, NAME(states, sa->sadb_sa_state), sa->sadb_sa_state);
	fputs(" \n", fp);
}

/* hard and soft default to zero when the kernel sent none */
static const struct sadb_lifetime *
lifetime_or_zero(const struct ext_table *tab, uint16_t type)
{
	static const struct sadb_lifetime zero;
	const struct sadb_lifetime *lt;

	lt = EXT(tab, type, struct sadb_lifetime);
	return lt != NULL ? lt : &zero;
}

static void
sa_lifetimes(FILE *fp, const struct ext_table *tab, time_t now)
{
	const struct sadb_lifetime *c, *h, *s;
	char created[DATE_LEN + 1], cur[DATE_LEN + 1], last[DATE_LEN + 1];
	long long diff;

	if ((c = EXT(tab, SADB_EXT_LIFETIME_CURRENT,
	    struct sadb_lifetime)) == NULL)
		return;
	h = lifetime_or_zero(tab, SADB_EXT_LIFETIME_HARD);
	s = lifetime_or_zero(tab, SADB_EXT_LIFETIME_SOFT);
	fmt_date(c->sadb_lifetime_addtime, created);
	fmt_date((uint64_t)now, cur);
	fmt_date(c->sadb_lifetime_usetime, last);
	/* beyond INT64_MAX the kernel's time is no date (fmt_date: ?) */
	diff = c->sadb_lifetime_addtime == 0 ||
	    c->sadb_lifetime_addtime > INT64_MAX ? 0 :
	    (long long)now - (long long)c->sadb_lifetime_addtime;

	fprintf(fp, "\tcreated: %s\tcurrent: %s\n", created, cur);
	fprintf(fp, "\tdiff: %lld(s)\thard: %llu(s)\tsoft: %llu(s)\n", diff,
	    (unsigned long long)h->sadb_lifetime_addtime,
	    (unsigned long long)s->sadb_lifetime_addtime);
	fprintf(fp, "\tlast: %s\thard: %llu(s)\tsoft: %llu(s)\n", last,
	    (unsigned long long)h->sadb_lifetime_usetime,
	    (unsigned long long)s->sadb_lifetime_usetime);
	fprintf(fp, "\tcurrent: %llu(bytes)\thard: %llu(bytes)"
	    "\tsoft: %llu(bytes)\n",
	    (unsigned long long)c->sadb_lifetime_bytes,
	    (unsigned long long)h->sadb_lifetime_bytes,
	    (unsigned long long)s->sadb_lifetime_bytes);
	fprintf(fp, "\tallocated: %u\thard: %u\tsoft: %u\n",
	    c->sadb_lifetime_allocations, h->sadb_lifetime_allocations,
	    s->sadb_lifetime_allocations);
}

static void
print_sec_ctx(FILE *fp, const struct ext_table *tab)
{
	const struct sadb_x_sec_ctx *sc;

	sc = EXT(tab, SADB_X_EXT_SEC_CTX, struct sadb_x_sec_ctx);
	if (sc == NULL)
		return;
	fprintf(fp, "\tsecurity context doi: %u\n", sc->sadb_x_ctx_doi);
	fprintf(fp, "\tsecurity context algorithm: %u\n", sc->sadb_x_ctx_alg);
	fprintf(fp, "\tsecurity context length: %u\n", sc->sadb_x_ctx_len);
	fputs("\tsecurity context: ", fp);
	print_quoted(fp, (const uint8_t *)(sc + 1), sc->sadb_x_ctx_len);
	fputc('\n', fp);
}

/*
 * refcnt is sadb_msg_reserved: KAME kernels put the SA's reference
 * count there.  Linux's af_key leaves it 0 for SAs and sets it to the
 * policy's refcount for policies, so -D shows refcnt=0 and -DP the
 * kernel's count (2 for an idle policy).
 */
static void
print_sa(FILE *fp, const struct sadb_msg *msg, const struct ext_table *tab,
    const struct print_opts *po)
{
	sa_addr(fp, tab, SADB_EXT_ADDRESS_SRC, SADB_X_EXT_NAT_T_SPORT, po);
	sa_addr(fp, tab, SADB_EXT_ADDRESS_DST, SADB_X_EXT_NAT_T_DPORT, po);
	fputc('\n', fp);
	sa_type_line(fp, msg, tab);
	sa_nat_oa(fp, tab);
	sa_keys(fp, msg, tab);
	sa_state_line(fp, tab);
	sa_lifetimes(fp, tab, po->now);
	print_sec_ctx(fp, tab);
	fprintf(fp, "\tsadb_seq=%u pid=%u refcnt=%u\n", msg->sadb_msg_seq,
	    msg->sadb_msg_pid, msg->sadb_msg_reserved);
}

/* ---- -DP: one policy ---- */

/* " 136,0" for icmp type/code and mh, " KEY" for gre, when set */
static void
sp_upper_args(FILE *fp, unsigned int proto, uint16_t sport, uint16_t dport)
{
	if (sport == 0 && dport == 0)
		return;
	if (proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6 ||
	    proto == IPPROTO_MH)
		fprintf(fp, " %u,%u", sport, dport);
	else if (proto == IPPROTO_GRE)
		fprintf(fp, " %lu", ((unsigned long)sport << 16) + dport);
}

static void
sp_selector(FILE *fp, const struct ext_table *tab)
{
	const struct sadb_address *s, *d;
	struct endpoint sep, dep;
	char stext[ADDR_LEN], dtext[ADDR_LEN];
	unsigned int proto;

	s = EXT(tab, SADB_EXT_ADDRESS_SRC, struct sadb_address);
	d = EXT(tab, SADB_EXT_ADDRESS_DST, struct sadb_address);
	if (s == NULL || d == NULL) {
		fputs("(no selector, probably per-socket policy) \n", fp);
		return;
	}
	proto = s->sadb_address_proto;
	fmt_selector(s, proto, stext, sizeof(stext));
	fmt_selector(d, proto, dtext, sizeof(dtext));
	fprintf(fp, "%s %s ", stext, dtext);
	print_upper(fp, proto);
	if (d->sadb_address_proto != proto)
		fprintf(fp, " (destination protocol %u)",
		    d->sadb_address_proto);
	endpoint_of(s, &sep);
	endpoint_of(d, &dep);
	sp_upper_args(fp, proto, sep.port, dep.port);
	fputc('\n', fp);
}

/*
 * Priority bands as ipsec-tools prints them: the nearest of high (0x4),
 * def (0x8) and low (0xc << 28), with the split at 0x6 and 0xa << 28;
 * "+ N" is N below the base (matched earlier), "- N" N above.
 */
static void
sp_priority(FILE *fp, uint32_t prio)
{
	uint32_t base;
	const char *band;

	if (prio == 0)
		return;
	if (prio < 0x60000000u) {
		base = 0x40000000u;
		band = "high";
	} else if (prio < 0xa0000000u) {
		base = 0x80000000u;
		band = "def";
	} else {
		base = 0xc0000000u;
		band = "low";
	}
	fprintf(fp, " prio %s", band);
	if (prio < base)
		fprintf(fp, " + %u", base - prio);
	else if (prio > base)
		fprintf(fp, " - %u", prio - base);
}

/* "out prio def ipsec", the -DP line after the selector */
static void
sp_policy_head(FILE *fp, const struct sadb_x_policy *xp)
{
	print_name(fp, NAME(dirs, xp->sadb_x_policy_dir),
	    xp->sadb_x_policy_dir);
	sp_priority(fp, xp->sadb_x_policy_priority);
	fputc(' ', fp);
	print_name(fp, NAME(policy_types, xp->sadb_x_policy_type),
	    xp->sadb_x_policy_type);
}

static void
sp_endpoint_text(const struct endpoint *ep, bool ports, char *buf,
    size_t size)
{
	char host[HOST_LEN];

	endpoint_host(ep, host, sizeof(host));
	if (ports)
		snprintf(buf, size, "%s[%u]", host, ep->port);
	else
		snprintf(buf, size, "%s", host);
}

/* "src-dst" of a tunnel request, with ports under -p or for NAT-T */
static void
sp_request_addrs(FILE *fp, const uint8_t *p, size_t avail, bool withports)
{
	struct endpoint a, b;
	char at[ADDR_LEN], bt[ADDR_LEN];
	size_t alen;

	if ((alen = endpoint_get(p, avail, &a)) == 0 ||
	    endpoint_get(p + alen, avail - alen, &b) == 0)
		return;
	withports = withports || a.port != 0 || b.port != 0;
	sp_endpoint_text(&a, withports, at, sizeof(at));
	sp_endpoint_text(&b, withports, bt, sizeof(bt));
	fprintf(fp, "%s-%s", at, bt);
}

/* "esp/tunnel/A-B/unique:5"; ':' for reqids one can write, else '#' */
static void
sp_request(FILE *fp, const uint8_t *p, const struct print_opts *po)
{
	const struct sadb_x_ipsecrequest *rq = (const void *)p;
	uint32_t reqid = rq->sadb_x_ipsecrequest_reqid;

	print_name(fp, ipsec_proto_name(rq->sadb_x_ipsecrequest_proto),
	    rq->sadb_x_ipsecrequest_proto);
	fputc('/', fp);
	print_name(fp, NAME(modes, rq->sadb_x_ipsecrequest_mode),
	    rq->sadb_x_ipsecrequest_mode);
	fputc('/', fp);
	sp_request_addrs(fp, p + sizeof(*rq),
	    rq->sadb_x_ipsecrequest_len - sizeof(*rq), po->ports);
	fputc('/', fp);
	print_name(fp, NAME(levels, rq->sadb_x_ipsecrequest_level),
	    rq->sadb_x_ipsecrequest_level);
	if (reqid != 0)
		fprintf(fp, "%c%u", reqid > IPSEC_MANUAL_REQID_MAX ? '#' : ':',
		    reqid);
}

/* each request on its own line, indent first; msg_index checked them */
static void
sp_requests(FILE *fp, const struct sadb_x_policy *xp, const char *indent,
    const struct print_opts *po)
{
	const uint8_t *p = (const uint8_t *)xp;
	const struct sadb_x_ipsecrequest *rq;
	size_t off = sizeof(*xp), len = (size_t)xp->sadb_x_policy_len * U64;

	if (xp->sadb_x_policy_type != IPSEC_POLICY_IPSEC)
		return;
	for (; off < len; off += rq->sadb_x_ipsecrequest_len) {
		rq = (const void *)(p + off);
		fputs(indent, fp);
		sp_request(fp, p + off, po);
		fputc('\n', fp);
	}
}

static void
sp_lifetimes(FILE *fp, const struct ext_table *tab)
{
	const struct sadb_lifetime *c, *h;
	char created[DATE_LEN + 1], used[DATE_LEN + 1];

	c = EXT(tab, SADB_EXT_LIFETIME_CURRENT, struct sadb_lifetime);
	h = EXT(tab, SADB_EXT_LIFETIME_HARD, struct sadb_lifetime);
	if (c != NULL) {
		fmt_date(c->sadb_lifetime_addtime, created);
		fmt_date(c->sadb_lifetime_usetime, used);
		fprintf(fp, "\tcreated: %s  lastused: %s\n", created, used);
	}
	if (h != NULL)
		fprintf(fp, "\tlifetime: %llu(s) validtime: %llu(s)\n",
		    (unsigned long long)h->sadb_lifetime_addtime,
		    (unsigned long long)h->sadb_lifetime_usetime);
}

/*
 * Linux numbers a per-socket policy with index % 8 = 3 + direction
 * (xfrm_policy.c); its selector is meaningless, so none is shown.
 */
static void
print_sp(FILE *fp, const struct sadb_msg *msg, const struct ext_table *tab,
    const struct print_opts *po)
{
	const struct sadb_x_policy *xp;

	xp = EXT(tab, SADB_X_EXT_POLICY, struct sadb_x_policy);
	if (xp->sadb_x_policy_id % 8 >= 3)
		fputs("(per-socket policy) \n", fp);
	else
		sp_selector(fp, tab);
	fputc('\t', fp);
	sp_policy_head(fp, xp);
	fputc('\n', fp);
	sp_requests(fp, xp, "\t", po);
	sp_lifetimes(fp, tab);
	print_sec_ctx(fp, tab);
	fprintf(fp, "\tspid=%u seq=%u pid=%u\n", xp->sadb_x_policy_id,
	    msg->sadb_msg_seq, msg->sadb_msg_pid);
	fprintf(fp, "\trefcnt=%u\n", msg->sadb_msg_reserved);
}

static bool
is_policy_msg(const struct sadb_msg *msg, const struct ext_table *tab)
{
	switch (msg->sadb_msg_type) {
	case SADB_X_SPDUPDATE:
	case SADB_X_SPDADD:
	case SADB_X_SPDDELETE:
	case SADB_X_SPDGET:
	case SADB_X_SPDACQUIRE:
	case SADB_X_SPDDUMP:
	case SADB_X_SPDSETIDX:
	case SADB_X_SPDEXPIRE:
	case SADB_X_SPDDELETE2:
		return true;
	}
	return tab->ext[SADB_EXT_SA] == NULL &&
	    tab->ext[SADB_X_EXT_POLICY] != NULL;
}

/* the extension an entry cannot be printed without, or 0 */
static uint16_t
dump_missing(bool policy, const struct ext_table *tab)
{
	static const uint16_t sa_needs[] = {
		SADB_EXT_SA, SADB_EXT_ADDRESS_SRC, SADB_EXT_ADDRESS_DST,
	};
	size_t i;

	if (policy)
		return tab->ext[SADB_X_EXT_POLICY] ? 0 : SADB_X_EXT_POLICY;
	for (i = 0; i < sizeof(sa_needs) / sizeof(sa_needs[0]); i++)
		if (tab->ext[sa_needs[i]] == NULL)
			return sa_needs[i];
	return 0;
}

static bool
sa_is_dead(const struct ext_table *tab)
{
	const struct sadb_sa *sa = EXT(tab, SADB_EXT_SA, struct sadb_sa);

	return sa->sadb_sa_state == SADB_SASTATE_DEAD;
}

int
print_dump(FILE *fp, const void *buf, size_t len,
    const struct print_opts *po)
{
	const struct sadb_msg *msg = buf;
	struct ext_table tab;
	uint16_t missing;
	bool policy;
	int rc;

	rc = msg_index(buf, len, &tab);
	if (len < sizeof(*msg)) {
		print_flag(fp, &tab, len);
		return -1;
	}
	policy = is_policy_msg(msg, &tab);
	if ((missing = dump_missing(policy, &tab)) != 0) {
		fprintf(fp, "\t! incomplete entry: no %s extension\n",
		    printer_for(missing)->name);
		if (tab.why != NULL)
			print_flag(fp, &tab, len);
		return -1;
	}
	if (!policy && !po->all && sa_is_dead(&tab))
		return rc != 0 ? -1 : 1;
	if (policy)
		print_sp(fp, msg, &tab, po);
	else
		print_sa(fp, msg, &tab, po);
	if (rc != 0)
		print_flag(fp, &tab, len);
	return rc != 0 ? -1 : 0;
}

/* ---- -l: one line per SA ---- */

/* the state letters of the short listing, by sadb_sa_state */
static const char *const state_letters[] = {
	[SADB_SASTATE_LARVAL] = "L", [SADB_SASTATE_MATURE] = "M",
	[SADB_SASTATE_DYING] = "D", [SADB_SASTATE_DEAD] = "d",
};

void
print_short_header(FILE *fp)
{
	fputs("time p   s spi      ltime   src -> dst\n", fp);
}

/* seconds in 3 columns, "big" from 1000 on */
static void
short_secs(FILE *fp, uint64_t secs, bool left)
{
	if (secs >= 1000)
		fputs("big", fp);
	else
		fprintf(fp, left ? "%-3u" : "%3u", (unsigned int)secs);
}

/* " age/hard", or " ???/???" when the kernel sent no lifetimes */
static void
short_ltime(FILE *fp, const struct ext_table *tab, time_t now)
{
	const struct sadb_lifetime *c, *h;
	uint64_t add, age = 0;

	c = EXT(tab, SADB_EXT_LIFETIME_CURRENT, struct sadb_lifetime);
	h = EXT(tab, SADB_EXT_LIFETIME_HARD, struct sadb_lifetime);
	if (c == NULL || h == NULL ||
	    tab->ext[SADB_EXT_LIFETIME_SOFT] == NULL) {
		/* two calls: "??/" in one literal is a C11 trigraph */
		fputs(" ???", fp);
		fputs("/???", fp);
		return;
	}
	add = c->sadb_lifetime_addtime;
	if (add != 0 && now >= 0 && add <= (uint64_t)now)
		age = (uint64_t)now - add;
	fputc(' ', fp);
	short_secs(fp, age, false);
	fputc('/', fp);
	short_secs(fp, h->sadb_lifetime_addtime, true);
}

/* "[proto ]host[port]": the port when there is one, NAT-T's first */
static void
short_addr(FILE *fp, const struct ext_table *tab, uint16_t type,
    uint16_t porttype)
{
	const struct sadb_address *a = EXT(tab, type, struct sadb_address);
	const struct sadb_x_nat_t_port *np;
	struct endpoint ep;
	char host[HOST_LEN];
	unsigned int port;

	if (a->sadb_address_proto != 0) {
		print_upper(fp, a->sadb_address_proto);
		fputc(' ', fp);
	}
	endpoint_of(a, &ep);
	endpoint_host(&ep, host, sizeof(host));
	np = EXT(tab, porttype, struct sadb_x_nat_t_port);
	port = sa_natt(tab) && np != NULL ?
	    ntohs(np->sadb_x_nat_t_port_port) : ep.port;
	if (port != 0)
		fprintf(fp, "%s[%u]", host, port);
	else
		fputs(host, fp);
}

static void
short_line(FILE *fp, const struct sadb_msg *msg,
    const struct ext_table *tab, const struct print_opts *po)
{
	const struct sadb_sa *sa = EXT(tab, SADB_EXT_SA, struct sadb_sa);
	const char *satype = NAME(satypes, msg->sadb_msg_satype);
	struct tm tm;

	if (localtime_r(&po->now, &tm) != NULL)
		fprintf(fp, "%02d%02d ", tm.tm_min, tm.tm_sec);
	else
		fputs("???? ", fp);
	if (satype != NULL)
		fprintf(fp, "%-3s ", satype);
	else
		fprintf(fp, "%-3u ", msg->sadb_msg_satype);
	print_name(fp, NAME(state_letters, sa->sadb_sa_state),
	    sa->sadb_sa_state);
	fprintf(fp, " %08x", ntohl(sa->sadb_sa_spi));
	short_ltime(fp, tab, po->now);
	fputc(' ', fp);
	short_addr(fp, tab, SADB_EXT_ADDRESS_SRC, SADB_X_EXT_NAT_T_SPORT);
	fputs(" -> ", fp);
	short_addr(fp, tab, SADB_EXT_ADDRESS_DST, SADB_X_EXT_NAT_T_DPORT);
	fputc('\n', fp);
}

int
print_short(FILE *fp, const void *buf, size_t len,
    const struct print_opts *po)
{
	const struct sadb_msg *msg = buf;
	struct ext_table tab;
	uint16_t missing;
	int rc;

	rc = msg_index(buf, len, &tab);
	if (len < sizeof(*msg)) {
		print_flag(fp, &tab, len);
		return -1;
	}
	if ((missing = dump_missing(false, &tab)) != 0) {
		fprintf(fp, "\t! incomplete entry: no %s extension\n",
		    printer_for(missing)->name);
		if (tab.why != NULL)
			print_flag(fp, &tab, len);
		return -1;
	}
	if (!po->all && sa_is_dead(&tab))
		return rc != 0 ? -1 : 1;
	short_line(fp, msg, &tab, po);
	if (rc != 0)
		print_flag(fp, &tab, len);
	return rc != 0 ? -1 : 0;
}

/* ---- -v / -x: any message, decoded extension by extension ---- */

static void
x_sa(FILE *fp, const uint8_t *ext, size_t len, const struct ext_ctx *ctx)
{
	const struct sadb_sa *sa = (const void *)ext;
	uint32_t spi = ntohl(sa->sadb_sa_spi);
	enum alg_kind ekind = ALG_ENC;

	(void)len;
	if (ctx->msg->sadb_msg_satype == SADB_X_SATYPE_IPCOMP)
		ekind = ALG_COMP;
	fprintf(fp, "spi=%u(0x%08x) replay=%u flags=0x%08x state=", spi, spi,
	    sa->sadb_sa_replay, sa->sadb_sa_flags);
	print_name(fp, NAME(states, sa->sadb_sa_state), sa->sadb_sa_state);
	fputs(" auth=", fp);
	print_name(fp, alg_name(ALG_AUTH, sa->sadb_sa_auth),
	    sa->sadb_sa_auth);
	fputs(" encrypt=", fp);
	print_name(fp, alg_name(ekind, sa->sadb_sa_encrypt),
	    sa->sadb_sa_encrypt);
	fputc('\n', fp);
}

static void
x_lifetime(FILE *fp, const uint8_t *ext, size_t len,
    const struct ext_ctx *ctx)
{
	const struct sadb_lifetime *lt = (const void *)ext;
	char add[DATE_LEN + 1], use[DATE_LEN + 1];

	(void)len;
	(void)ctx;
	fprintf(fp, "allocations=%u bytes=%llu ", lt->sadb_lifetime_allocations,
	    (unsigned long long)lt->sadb_lifetime_bytes);
	if (lt->sadb_lifetime_exttype != SADB_EXT_LIFETIME_CURRENT) {
		fprintf(fp, "addtime=%llu(s) usetime=%llu(s)\n",
		    (unsigned long long)lt->sadb_lifetime_addtime,
		    (unsigned long long)lt->sadb_lifetime_usetime);
		return;
	}
	fmt_date(lt->sadb_lifetime_addtime, add);
	fmt_date(lt->sadb_lifetime_usetime, use);
	fprintf(fp, "created: %s last: %s\n", add, use);
}

/* the port always shows here, whatever the protocol */
static void
x_address(FILE *fp, const uint8_t *ext, size_t len,
    const struct ext_ctx *ctx)
{
	const struct sadb_address *a = (const void *)ext;
	char text[ADDR_LEN];

	(void)len;
	(void)ctx;
	fmt_selector(a, 0, text, sizeof(text));
	fprintf(fp, "%s prefixlen=%u proto=", text, a->sadb_address_prefixlen);
	print_upper(fp, a->sadb_address_proto);
	fputc('\n', fp);
}

static void
x_key(FILE *fp, const uint8_t *ext, size_t len, const struct ext_ctx *ctx)
{
	const struct sadb_key *k = (const void *)ext;
	const struct sadb_sa *sa;
	const char *label = "A", *name = NULL;
	uint8_t id = 0;

	(void)len;
	sa = EXT(ctx->tab, SADB_EXT_SA, struct sadb_sa);
	if (k->sadb_key_exttype == SADB_EXT_KEY_ENCRYPT) {
		label = "E";
		id = sa != NULL ? sa->sadb_sa_encrypt : 0;
		name = sa != NULL ? alg_name(ALG_ENC, id) : "?";
	} else {
		id = sa != NULL ? sa->sadb_sa_auth : 0;
		name = sa != NULL ? alg_name(ALG_AUTH, id) : "?";
	}
	fprintf(fp, "bits=%u %s: ", k->sadb_key_bits, label);
	print_name(fp, name, id);
	fputc(' ', fp);
	print_key_hex(fp, k);
	fputc('\n', fp);
}

static void
x_ident(FILE *fp, const uint8_t *ext, size_t len, const struct ext_ctx *ctx)
{
	const struct sadb_ident *id = (const void *)ext;

	(void)ctx;
	fprintf(fp, "type=%u id=%llu ", id->sadb_ident_type,
	    (unsigned long long)id->sadb_ident_id);
	print_quoted(fp, ext + sizeof(*id), len - sizeof(*id));
	fputc('\n', fp);
}

static void
x_sens(FILE *fp, const uint8_t *ext, size_t len, const struct ext_ctx *ctx)
{
	const struct sadb_sens *s = (const void *)ext;

	(void)len;
	(void)ctx;
	fprintf(fp, "dpd=%u sens_level=%u sens_len=%u integ_level=%u "
	    "integ_len=%u\n", s->sadb_sens_dpd, s->sadb_sens_sens_level,
	    s->sadb_sens_sens_len, s->sadb_sens_integ_level,
	    s->sadb_sens_integ_len);
}

static void
x_comb(FILE *fp, const struct sadb_comb *c)
{
	fputs("\t\tauth=", fp);
	print_name(fp, alg_name(ALG_AUTH, c->sadb_comb_auth),
	    c->sadb_comb_auth);
	fprintf(fp, "(%u-%u bits) encrypt=", c->sadb_comb_auth_minbits,
	    c->sadb_comb_auth_maxbits);
	print_name(fp, alg_name(ALG_ENC, c->sadb_comb_encrypt),
	    c->sadb_comb_encrypt);
	fprintf(fp, "(%u-%u bits) flags=0x%04x\n",
	    c->sadb_comb_encrypt_minbits, c->sadb_comb_encrypt_maxbits,
	    c->sadb_comb_flags);
	fprintf(fp, "\t\t    soft: allocations=%u bytes=%llu addtime=%llu(s)"
	    " usetime=%llu(s)\n", c->sadb_comb_soft_allocations,
	    (unsigned long long)c->sadb_comb_soft_bytes,
	    (unsigned long long)c->sadb_comb_soft_addtime,
	    (unsigned long long)c->sadb_comb_soft_usetime);
	fprintf(fp, "\t\t    hard: allocations=%u bytes=%llu addtime=%llu(s)"
	    " usetime=%llu(s)\n", c->sadb_comb_hard_allocations,
	    (unsigned long long)c->sadb_comb_hard_bytes,
	    (unsigned long long)c->sadb_comb_hard_addtime,
	    (unsigned long long)c->sadb_comb_hard_usetime);
}

static void
x_prop(FILE *fp, const uint8_t *ext, size_t len, const struct ext_ctx *ctx)
{
	const struct sadb_prop *pr = (const void *)ext;
	size_t off;

	(void)ctx;
	fprintf(fp, "replay=%u\n", pr->sadb_prop_replay);
	for (off = sizeof(*pr); off + sizeof(struct sadb_comb) <= len;
	    off += sizeof(struct sadb_comb))
		x_comb(fp, (const void *)(ext + off));
}

static void
x_supported(FILE *fp, const uint8_t *ext, size_t len,
    const struct ext_ctx *ctx)
{
	const struct sadb_alg *a;
	enum alg_kind kind = ALG_AUTH;
	size_t off;

	(void)ctx;
	if (((const struct sadb_ext *)(const void *)ext)->sadb_ext_type ==
	    SADB_EXT_SUPPORTED_ENCRYPT)
		kind = ALG_ENC;
	fputc('\n', fp);
	for (off = sizeof(struct sadb_supported);
	    off + sizeof(*a) <= len; off += sizeof(*a)) {
		a = (const void *)(ext + off);
		fputs("\t\t", fp);
		print_name(fp, alg_name(kind, a->sadb_alg_id), a->sadb_alg_id);
		fprintf(fp, "(%u) ivlen=%u bits=%u-%u\n", a->sadb_alg_id,
		    a->sadb_alg_ivlen, a->sadb_alg_minbits,
		    a->sadb_alg_maxbits);
	}
}

static void
x_spirange(FILE *fp, const uint8_t *ext, size_t len,
    const struct ext_ctx *ctx)
{
	const struct sadb_spirange *r = (const void *)ext;

	(void)len;
	(void)ctx;
	fprintf(fp, "min=%u(0x%08x) max=%u(0x%08x)\n", r->sadb_spirange_min,
	    r->sadb_spirange_min, r->sadb_spirange_max, r->sadb_spirange_max);
}

static void
x_hex(FILE *fp, const uint8_t *ext, size_t len, const struct ext_ctx *ctx)
{
	(void)ctx;
	fprintf(fp, "%zu bytes\n", len);
	print_hex_lines(fp, ext, len, 0);
}

static void
x_policy(FILE *fp, const uint8_t *ext, size_t len,
    const struct ext_ctx *ctx)
{
	const struct sadb_x_policy *xp = (const void *)ext;

	(void)len;
	sp_policy_head(fp, xp);
	fprintf(fp, " spid=%u priority=0x%08x\n", xp->sadb_x_policy_id,
	    xp->sadb_x_policy_priority);
	sp_requests(fp, xp, "\t\t", ctx->po);
}

static void
x_sa2(FILE *fp, const uint8_t *ext, size_t len, const struct ext_ctx *ctx)
{
	const struct sadb_x_sa2 *sa2 = (const void *)ext;

	(void)len;
	(void)ctx;
	fputs("mode=", fp);
	print_name(fp, NAME(modes, sa2->sadb_x_sa2_mode),
	    sa2->sadb_x_sa2_mode);
	fprintf(fp, " reqid=%u(0x%08x) seq=0x%08x\n", sa2->sadb_x_sa2_reqid,
	    sa2->sadb_x_sa2_reqid, sa2->sadb_x_sa2_sequence);
}

static void
x_nat_t_type(FILE *fp, const uint8_t *ext, size_t len,
    const struct ext_ctx *ctx)
{
	const struct sadb_x_nat_t_type *nt = (const void *)ext;

	(void)len;
	(void)ctx;
	fprintf(fp, "type=%u\n", nt->sadb_x_nat_t_type_type);
}

static void
x_nat_t_port(FILE *fp, const uint8_t *ext, size_t len,
    const struct ext_ctx *ctx)
{
	const struct sadb_x_nat_t_port *np = (const void *)ext;

	(void)len;
	(void)ctx;
	fprintf(fp, "port=%u\n", ntohs(np->sadb_x_nat_t_port_port));
}

static void
x_sec_ctx(FILE *fp, const uint8_t *ext, size_t len,
    const struct ext_ctx *ctx)
{
	const struct sadb_x_sec_ctx *sc = (const void *)ext;

	(void)len;
	(void)ctx;
	fprintf(fp, "doi=%u alg=%u len=%u ", sc->sadb_x_ctx_doi,
	    sc->sadb_x_ctx_alg, sc->sadb_x_ctx_len);
	print_quoted(fp, ext + sizeof(*sc), sc->sadb_x_ctx_len);
	fputc('\n', fp);
}

static void
x_kmaddress(FILE *fp, const uint8_t *ext, size_t len,
    const struct ext_ctx *ctx)
{
	size_t hdr = sizeof(struct sadb_x_kmaddress);

	sp_request_addrs(fp, ext + hdr, len - hdr, ctx->po->ports);
	fputc('\n', fp);
}

static void
x_filter_addr(FILE *fp, int family, const uint8_t *p, unsigned int plen)
{
	char host[INET6_ADDRSTRLEN];
	uint32_t w[4];

	memcpy(w, p, sizeof(w));
	if (inet_ntop(family, w, host, sizeof(host)) == NULL)
		snprintf(host, sizeof(host), "?");
	fprintf(fp, "%s/%u", host, plen);
}

static void
x_filter(FILE *fp, const uint8_t *ext, size_t len,
    const struct ext_ctx *ctx)
{
	const struct sadb_x_filter *f = (const void *)ext;

	(void)len;
	(void)ctx;
	fprintf(fp, "family=%u src=", f->sadb_x_filter_family);
	x_filter_addr(fp, f->sadb_x_filter_family,
	    ext + offsetof(struct sadb_x_filter, sadb_x_filter_saddr),
	    f->sadb_x_filter_splen);
	fputs(" dst=", fp);
	x_filter_addr(fp, f->sadb_x_filter_family,
	    ext + offsetof(struct sadb_x_filter, sadb_x_filter_daddr),
	    f->sadb_x_filter_dplen);
	fputc('\n', fp);
}

static const struct ext_printer printers[] = {
	{ SADB_EXT_SA, "sa", x_sa },
	{ SADB_EXT_LIFETIME_CURRENT, "lifetime_current", x_lifetime },
	{ SADB_EXT_LIFETIME_HARD, "lifetime_hard", x_lifetime },
	{ SADB_EXT_LIFETIME_SOFT, "lifetime_soft", x_lifetime },
	{ SADB_EXT_ADDRESS_SRC, "address_src", x_address },
	{ SADB_EXT_ADDRESS_DST, "address_dst", x_address },
	{ SADB_EXT_ADDRESS_PROXY, "address_proxy", x_address },
	{ SADB_EXT_KEY_AUTH, "key_auth", x_key },
	{ SADB_EXT_KEY_ENCRYPT, "key_encrypt", x_key },
	{ SADB_EXT_IDENTITY_SRC, "identity_src", x_ident },
	{ SADB_EXT_IDENTITY_DST, "identity_dst", x_ident },
	{ SADB_EXT_SENSITIVITY, "sensitivity", x_sens },
	{ SADB_EXT_PROPOSAL, "proposal", x_prop },
	{ SADB_EXT_SUPPORTED_AUTH, "supported_auth", x_supported },
	{ SADB_EXT_SUPPORTED_ENCRYPT, "supported_encrypt", x_supported },
	{ SADB_EXT_SPIRANGE, "spirange", x_spirange },
	{ SADB_X_EXT_KMPRIVATE, "x_kmprivate", x_hex },
	{ SADB_X_EXT_POLICY, "x_policy", x_policy },
	{ SADB_X_EXT_SA2, "x_sa2", x_sa2 },
	{ SADB_X_EXT_NAT_T_TYPE, "x_nat_t_type", x_nat_t_type },
	{ SADB_X_EXT_NAT_T_SPORT, "x_nat_t_sport", x_nat_t_port },
	{ SADB_X_EXT_NAT_T_DPORT, "x_nat_t_dport", x_nat_t_port },
	{ SADB_X_EXT_NAT_T_OA, "x_nat_t_oa", x_address },
	{ SADB_X_EXT_SEC_CTX, "x_sec_ctx", x_sec_ctx },
	{ SADB_X_EXT_KMADDRESS, "x_kmaddress", x_kmaddress },
	{ SADB_X_EXT_FILTER, "x_filter", x_filter },
};

static const struct ext_printer *
printer_for(uint16_t type)
{
	size_t i;

	for (i = 0; i < sizeof(printers) / sizeof(printers[0]); i++)
		if (printers[i].type == type)
			return &printers[i];
	return NULL;
}

static void
msg_header(FILE *fp, const struct sadb_msg *msg)
{
	char text[64];

	print_name(fp, NAME(msg_types, msg->sadb_msg_type),
	    msg->sadb_msg_type);
	fprintf(fp, ": version=%u type=%u errno=%u", msg->sadb_msg_version,
	    msg->sadb_msg_type, msg->sadb_msg_errno);
	/* GNU strerror_r: strerror mallocs the text of an unknown number */
	if (msg->sadb_msg_errno != 0)
		fprintf(fp, "(%s)", strerror_r(msg->sadb_msg_errno, text,
		    sizeof(text)));
	fputs(" satype=", fp);
	print_name(fp, NAME(satypes, msg->sadb_msg_satype),
	    msg->sadb_msg_satype);
	fprintf(fp, " len=%u reserved=%u seq=%u pid=%u\n", msg->sadb_msg_len,
	    msg->sadb_msg_reserved, msg->sadb_msg_seq, msg->sadb_msg_pid);
}

/* every extension msg_index passed, in the order they came */
static void
msg_exts(FILE *fp, const uint8_t *p, const struct ext_ctx *ctx)
{
	const struct sadb_ext *ext;
	const struct ext_printer *pr;
	size_t off, len;

	for (off = sizeof(struct sadb_msg); off < ctx->tab->sound;
	    off += len) {
		ext = (const void *)(p + off);
		len = (size_t)ext->sadb_ext_len * U64;
		pr = printer_for(ext->sadb_ext_type);
		if (pr == NULL) {
			fprintf(fp, "\text type=%u len=%u: ",
			    ext->sadb_ext_type, ext->sadb_ext_len);
			x_hex(fp, p + off, len, ctx);
			continue;
		}
		fprintf(fp, "\t%s: ", pr->name);
		pr->print(fp, p + off, len, ctx);
	}
}

/* what follows the sound part, as type + length + hex */
static void
msg_rest(FILE *fp, const uint8_t *p, size_t len, const struct ext_table *tab)
{
	const struct sadb_ext *ext = (const void *)(p + tab->sound);
	size_t rest = len - tab->sound;

	print_flag(fp, tab, len);
	if (rest == 0)
		return;
	if (tab->sound >= sizeof(struct sadb_msg) &&
	    rest >= sizeof(*ext))
		fprintf(fp, "\text type=%u len=%u: ", ext->sadb_ext_type,
		    ext->sadb_ext_len);
	else
		fputc('\t', fp);
	fprintf(fp, "%zu bytes\n", rest);
	print_hex_lines(fp, p + tab->sound, rest, tab->sound);
}

void
print_msg(FILE *fp, const void *buf, size_t len,
    const struct print_opts *po)
{
	struct ext_table tab;
	struct ext_ctx ctx = { .msg = buf, .tab = &tab, .po = po };

	if (po->hex)
		print_hex_lines(fp, buf, len, 0);
	msg_index(buf, len, &tab);
	if (len >= sizeof(struct sadb_msg))
		msg_header(fp, buf);
	if (tab.sound > sizeof(struct sadb_msg))
		msg_exts(fp, buf, &ctx);
	if (tab.why != NULL)
		msg_rest(fp, buf, len, &tab);
	fputc('\n', fp);
}

/* -x: "HH:MM:SS.uuuuuu" in local time; -xx: seconds since the epoch */
void
print_timestamp(FILE *fp, const struct timeval *tv, bool raw)
{
	struct tm tm;
	time_t t = tv->tv_sec;

	if (raw || localtime_r(&t, &tm) == NULL)
		fprintf(fp, "%lld.%06ld\n", (long long)tv->tv_sec,
		    (long)tv->tv_usec);
	else
		fprintf(fp, "%02d:%02d:%02d.%06ld\n", tm.tm_hour, tm.tm_min,
		    tm.tm_sec, (long)tv->tv_usec);
}
