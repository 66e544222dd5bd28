// SPDX-License-Identifier: BSD-2-Clause
#include <sys/socket.h>

#include <linux/ipsec.h>
#include <linux/pfkeyv2.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <inttypes.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "secret.h"

#define PRIO_DEF	0x80000000u

static const char *const opt_names[OPT_MAX] = {
	[OPT_M] = "-m", [OPT_R] = "-r", [OPT_U] = "-u",
	[OPT_PAD] = "-f (padding)", [OPT_CYC] = "-f nocyclic-seq",
	[OPT_LH] = "-lh", [OPT_LS] = "-ls", [OPT_BH] = "-bh",
	[OPT_BS] = "-bs", [OPT_CTX] = "-ctx", [OPT_E] = "-E",
	[OPT_A] = "-A", [OPT_C] = "-C", [OPT_RAW] = "-R",
};

/* decimal or 0x hex, no sign; -1 when it does not fit in 64 bits */
static int
num_parse(const char *text, uint64_t *out)
{
	int base = 10, d;
	uint64_t v = 0;

	if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
		base = 16;
		text += 2;
	}
	if (*text == '\0')
		return -1;
	for (; *text != '\0'; text++) {
		if (!isxdigit((unsigned char)*text))
			return -1;
		d = isdigit((unsigned char)*text) ? *text - '0' :
		    tolower((unsigned char)*text) - 'a' + 10;
		if (d >= base || v > (UINT64_MAX - (uint64_t)d) / base)
			return -1;
		v = v * base + (uint64_t)d;
	}
	*out = v;
	return 0;
}

/* a number of at most max, or an error naming what it is for */
static int
num_get(struct parse_ctx *pc, const char *text, const struct srcloc *loc,
    uint64_t max, const char *what, uint64_t *out)
{
	if (num_parse(text, out) == 0 && *out <= max)
		return 0;
	pc_error(pc, loc, "%s %s is out of range (0 to %" PRIu64 ")", what,
	    text, max);
	return -1;
}

static bool
is_sa_kind(enum cmd_kind kind)
{
	return kind <= CMD_GETSPI;
}

/* false when the option is repeated or means nothing for the verb */
static bool
opt_take(struct parse_ctx *pc, enum sa_opt opt, const struct srcloc *loc)
{
	struct stmt *st = &pc->st;
	enum cmd_kind kind;

	if (st->cmd == NULL)
		return false;
	kind = st->cmd->kind;
	if (kind != CMD_ADD && kind != CMD_UPDATE && kind != CMD_GETSPI) {
		if (is_sa_kind(kind))
			pc_error(pc, loc, "%s takes no options",
			    cmd_verb(kind));
		return false;
	}
	if (kind == CMD_GETSPI && (opt == OPT_E || opt == OPT_A ||
	    opt == OPT_C || opt == OPT_RAW)) {
		pc_error(pc, loc, "getspi takes no algorithms or keys; "
		    "give them to the update that follows");
		return false;
	}
	if (st->seen[opt]) {
		pc_error(pc, loc, "%s given twice", opt_names[opt]);
		return false;
	}
	st->seen[opt] = true;
	st->opt_loc[opt] = *loc;
	return true;
}

void
check_family(struct parse_ctx *pc, const char *opt, const struct srcloc *loc)
{
	int family;

	if (strcmp(opt, "-4") == 0) {
		family = AF_INET;
	} else if (strcmp(opt, "-6") == 0) {
		family = AF_INET6;
	} else {
		pc_error(pc, loc, "unknown option '%s'", opt);
		return;
	}
	if (pc->st.family != AF_UNSPEC && pc->st.family != family) {
		pc_error(pc, loc, "-4 and -6 exclude each other");
		return;
	}
	pc->st.family = family;
}

void
check_prefix(struct parse_ctx *pc, const char *text,
    const struct srcloc *loc, struct numloc *out)
{
	uint64_t v;

	out->v = ADDR_PLEN_FULL;
	out->loc = *loc;
	if (num_get(pc, text, loc, 128, "prefix length", &v) == 0)
		out->v = (int)v;
}

void
check_port(struct parse_ctx *pc, const char *text, const struct srcloc *loc,
    struct numloc *out)
{
	uint64_t v;

	out->v = ADDR_PORT_NONE;
	out->loc = *loc;
	if (num_get(pc, text, loc, 65535, "port", &v) == 0)
		out->v = (int)v;
}

/* takes text; an address that fails is reported and left empty */
struct addrlist *
check_addr(struct parse_ctx *pc, char *text, const struct srcloc *loc,
    const struct numloc *plen, const struct numloc *port)
{
	struct addrlist *al;
	char err[256];
	size_t i;
	int max;

	al = calloc(1, sizeof(*al));
	if (al == NULL) {
		free(text);
		pc_error(pc, loc, "out of memory");
		return NULL;
	}
	al->text = text;
	al->loc = *loc;
	al->plen = plen->v;
	al->plen_loc = plen->loc;
	al->port = port->v;
	al->port_loc = port->loc;
	if (addr_resolve(al, pc->st.family, pc->st.numeric, err,
	    sizeof(err)) == -1) {
		pc_error(pc, loc, "%s", err);
		return al;
	}
	for (i = 0; i < al->n && al->plen != ADDR_PLEN_FULL; i++) {
		max = addr_maxplen(addr_family(&al->v[i]));
		if (al->plen > max) {
			pc_error(pc, &al->plen_loc, "prefix length %d is too "
			    "long for %s address '%s' (at most %d)", al->plen,
			    addr_family_name(addr_family(&al->v[i])),
			    al->text, max);
			break;
		}
	}
	return al;
}

static void
check_sa_addr(struct parse_ctx *pc, const struct addrlist *al)
{
	if (al->plen != ADDR_PLEN_FULL)
		pc_error(pc, &al->plen_loc, "an SA address takes no "
		    "/prefixlen");
	if (al->port != ADDR_PORT_NONE && pc->st.proto != PROTO_ESP_UDP)
		pc_error(pc, &al->port_loc, "a port means nothing here: "
		    "only esp-udp SAs take [port] (NAT-T)");
}

void
check_addrs(struct parse_ctx *pc, struct addrlist *src, struct addrlist *dst)
{
	pc->st.src = src;
	pc->st.dst = dst;
	if (pc->st.cmd == NULL || src == NULL || dst == NULL)
		return;
	if (is_sa_kind(pc->st.cmd->kind) ||
	    pc->st.cmd->kind == CMD_DELETEALL) {
		check_sa_addr(pc, src);
		check_sa_addr(pc, dst);
	}
}

static uint8_t
proto_satype(int proto)
{
	switch (proto) {
	case PROTO_AH:
	case PROTO_AH_OLD:
		return SADB_SATYPE_AH;
	case PROTO_IPCOMP:
		return SADB_X_SATYPE_IPCOMP;
	default:
		return SADB_SATYPE_ESP;
	}
}

void
check_satype(struct parse_ctx *pc, int proto, const struct srcloc *loc)
{
	pc->st.proto = proto;
	pc->st.proto_loc = *loc;
	if (proto == PROTO_TCP) {
		pc_error(pc, loc, "TCP-MD5 SAs are not supported on Linux");
		return;
	}
	if (pc->st.cmd != NULL)
		pc->st.cmd->satype = proto_satype(proto);
}

void
check_proto(struct parse_ctx *pc, int proto, const struct srcloc *loc)
{
	struct cmd *cmd = pc->st.cmd;

	check_satype(pc, proto, loc);
	if (cmd == NULL)
		return;
	cmd->sa.satype = cmd->satype;
	if (proto == PROTO_ESP_OLD || proto == PROTO_AH_OLD)
		cmd->sa.flags |= SA_FLAG_OLD;
	if (proto == PROTO_ESP_UDP)
		cmd->sa.natt = true;
}

/*
 * RFC 4303 2.1 reserves SPIs 1 to 255, and 0 means "no SA"; for getspi
 * 0 asks the kernel to pick.
 */
void
check_spi(struct parse_ctx *pc, const char *text, const struct srcloc *loc)
{
	struct cmd *cmd = pc->st.cmd;
	uint64_t v;

	if (cmd == NULL)
		return;
	pc->st.spi_loc = *loc;
	if (num_parse(text, &v) == -1 || v > UINT32_MAX) {
		pc_error(pc, loc, "SPI %s does not fit in 32 bits", text);
		return;
	}
	if (cmd->kind == CMD_GETSPI && v == 0) {
		pc->st.spi_set = true;
		return;
	}
	if (v <= 255) {
		if (cmd->kind == CMD_GETSPI)
			pc_error(pc, loc, "SPI %s is reserved (1 to 255 are); "
			    "0 lets the kernel pick one", text);
		else
			pc_error(pc, loc, "SPI %s is reserved (SAs take 256 "
			    "and up)", text);
		return;
	}
	cmd->sa.spi = (uint32_t)v;
	pc->st.spi_set = true;
}

void
check_mode(struct parse_ctx *pc, int mode, const struct srcloc *loc)
{
	if (opt_take(pc, OPT_M, loc))
		pc->st.cmd->sa.mode = (uint8_t)mode;
}

void
check_replay(struct parse_ctx *pc, const char *text,
    const struct srcloc *opt, const struct srcloc *loc)
{
	uint64_t v;

	if (opt_take(pc, OPT_R, opt) &&
	    num_get(pc, text, loc, 255, "replay window", &v) == 0)
		pc->st.cmd->sa.replay = (uint8_t)v;
}

void
check_reqid(struct parse_ctx *pc, const char *text,
    const struct srcloc *opt, const struct srcloc *loc)
{
	uint64_t v;

	if (opt_take(pc, OPT_U, opt) &&
	    num_get(pc, text, loc, UINT32_MAX, "reqid", &v) == 0)
		pc->st.cmd->sa.reqid = (uint32_t)v;
}

/* LANGUAGE.md: zero-pad 0x200, random-pad 0x100, seq-pad 0 */
void
check_flag(struct parse_ctx *pc, const char *text,
    const struct srcloc *opt, const struct srcloc *loc)
{
	static const struct {
		const char	*name;
		uint32_t	 pad;
	} pads[] = {
		{ "zero-pad", SA_FLAG_PZERO },
		{ "random-pad", SA_FLAG_PRAND },
		{ "seq-pad", 0 },
	};
	size_t i;

	if (strcmp(text, "nocyclic-seq") == 0) {
		if (opt_take(pc, OPT_CYC, opt))
			pc->st.cmd->sa.flags &= ~(uint32_t)SA_FLAG_CYCSEQ;
		return;
	}
	for (i = 0; i < sizeof(pads) / sizeof(pads[0]); i++) {
		if (strcmp(text, pads[i].name) != 0)
			continue;
		if (opt_take(pc, OPT_PAD, opt)) {
			pc->st.cmd->sa.flags &= ~(uint32_t)SA_FLAG_PMASK;
			pc->st.cmd->sa.flags |= pads[i].pad;
		}
		return;
	}
	pc_error(pc, loc, "unknown -f flag '%s'; expected zero-pad, "
	    "random-pad, seq-pad or nocyclic-seq", text);
}

void
check_life(struct parse_ctx *pc, enum sa_opt which, const char *text,
    const struct srcloc *opt, const struct srcloc *loc)
{
	struct sa_spec *sa;
	uint64_t v;

	if (!opt_take(pc, which, opt) ||
	    num_get(pc, text, loc, UINT64_MAX, "lifetime", &v) == -1)
		return;
	sa = &pc->st.cmd->sa;
	if (which == OPT_LH)
		sa->hard_addtime = v;
	else if (which == OPT_LS)
		sa->soft_addtime = v;
	else if (which == OPT_BH)
		sa->hard_bytes = v;
	else
		sa->soft_bytes = v;
}

/* takes the texts and str */
void
check_ctx(struct parse_ctx *pc, const struct srcloc *opt, struct arg *doi,
    struct arg *alg, char *str)
{
	struct sec_ctx *ctx;
	uint64_t d, a;
	bool ok = pc->st.cmd != NULL;

	if (ok && is_sa_kind(pc->st.cmd->kind))
		ok = opt_take(pc, OPT_CTX, opt);
	if (ok && num_get(pc, doi->text, &doi->loc, 255, "-ctx DOI", &d))
		ok = false;
	if (ok && num_get(pc, alg->text, &alg->loc, 255, "-ctx algorithm",
	    &a))
		ok = false;
	free(doi->text);
	free(alg->text);
	if (!ok) {
		free(str);
		return;
	}
	ctx = is_sa_kind(pc->st.cmd->kind) ? &pc->st.cmd->sa.ctx :
	    &pc->st.cmd->sp.ctx;
	ctx->doi = (uint8_t)d;
	ctx->alg = (uint8_t)a;
	ctx->str = str;
	ctx->len = strlen(str);
	ctx->set = true;
}

/* for "expected ';' after the key": the key token just read */
static void
key_mark(struct parse_ctx *pc, const struct srcloc *loc)
{
	if (pc->cur.loc.line == loc->line && pc->cur.loc.col == loc->col)
		pc->key_end = pc->cur.end;
	else if (pc->prev.loc.line == loc->line &&
	    pc->prev.loc.col == loc->col)
		pc->key_end = pc->prev.end;
}

/* "text": the bytes between the quotes, no escapes; takes text */
struct key *
check_key_text(struct parse_ctx *pc, char *text, const struct srcloc *loc)
{
	struct key *key;

	key_mark(pc, loc);
	key = calloc(1, sizeof(*key));
	if (key == NULL) {
		explicit_bzero(text, strlen(text));
		free(text);
		pc_error(pc, loc, "out of memory");
		return NULL;
	}
	key->len = strlen(text);
	key->bytes = (uint8_t *)text;
	key->set = true;
	return key;
}

static int
hexval(char c)
{
	return isdigit((unsigned char)c) ? c - '0' :
	    tolower((unsigned char)c) - 'a' + 10;
}

/* 0x and hex digits; an odd count gives a leading half byte; takes text */
struct key *
check_key_hex(struct parse_ctx *pc, char *text, const struct srcloc *loc)
{
	struct key *key;
	const char *p = text + 2;
	size_t n = strlen(p), i = 0, j = 0;

	key_mark(pc, loc);
	key = calloc(1, sizeof(*key));
	if (key != NULL && (key->bytes = malloc((n + 1) / 2)) == NULL) {
		free(key);
		key = NULL;
	}
	if (key == NULL) {
		explicit_bzero(text, strlen(text));
		free(text);
		pc_error(pc, loc, "out of memory");
		return NULL;
	}
	if (n % 2 == 1)
		key->bytes[j++] = (uint8_t)hexval(p[i++]);
	for (; i < n; i += 2)
		key->bytes[j++] = (uint8_t)(hexval(p[i]) << 4 |
		    hexval(p[i + 1]));
	key->len = j;
	key->set = true;
	explicit_bzero(text, strlen(text));
	free(text);
	return key;
}

void
check_key_free(struct key *key)
{
	if (key == NULL)
		return;
	if (key->bytes != NULL)
		explicit_bzero(key->bytes, key->len);
	free(key->bytes);
	free(key);
}

static const char *
alg_kind_name(enum alg_kind kind)
{
	return kind == ALG_ENC ? "encryption" : kind == ALG_AUTH ?
	    "authentication" : "compression";
}

static const char *
alg_kind_opt(enum alg_kind kind)
{
	return kind == ALG_ENC ? "-E" : kind == ALG_AUTH ? "-A" : "-C";
}

static const struct alg *
alg_lookup(struct parse_ctx *pc, enum alg_kind kind, const char *name,
    const struct srcloc *loc)
{
	const struct alg *a;
	enum alg_kind k;

	a = alg_by_name(kind, name);
	if (a != NULL)
		return a;
	if (secret_key_like(name, strlen(name))) {
		pc_error(pc, loc, "expected an algorithm name here, not what "
		    "looks like a key (not shown)");
		return NULL;
	}
	for (k = ALG_ENC; k <= ALG_COMP; k++) {
		if (k != kind && alg_by_name(k, name) != NULL) {
			pc_error(pc, loc, "'%s' is an %s algorithm: give it "
			    "with %s", name, alg_kind_name(k),
			    alg_kind_opt(k));
			return NULL;
		}
	}
	a = alg_nearest(kind, name);
	if (a != NULL)
		pc_error(pc, loc, "unknown algorithm '%s'; did you mean "
		    "'%s'?", name, a->name);
	else
		pc_error(pc, loc, "unknown %s algorithm '%s'",
		    alg_kind_name(kind), name);
	return NULL;
}

/* what the bits beyond the cipher key are for */
static const char *
alg_key_note(const struct alg *a)
{
	if (a->id == SADB_X_EALG_AESCTR)
		return " (key plus 32-bit nonce)";
	if (a->flags & ALG_AEAD)
		return " (key plus 32-bit salt)";
	return "";
}

static bool
alg_key_check(struct parse_ctx *pc, const struct alg *a,
    const struct key *key, const struct srcloc *loc,
    const struct srcloc *keyloc)
{
	char text[64];
	size_t bits = key != NULL ? key->len * 8 : 0;

	/* Linux's null cipher (ecb(cipher_null)) takes a key of 0 bytes */
	if (a->kind == ALG_ENC && a->id == SADB_EALG_NULL && bits != 0) {
		pc_error(pc, keyloc, "null encryption takes no key on Linux; "
		    "got %zu bits", bits);
		return false;
	}
	if (alg_key_ok(a, bits))
		return true;
	alg_key_text(a, text, sizeof(text));
	if (key == NULL)
		pc_error(pc, loc, "%s needs a key of %s%s after its name",
		    a->name, text, alg_key_note(a));
	else
		pc_error(pc, keyloc, "%s takes %s%s; got %zu", a->name, text,
		    alg_key_note(a), bits);
	return false;
}

static void
alg_store(struct parse_ctx *pc, const struct alg *a, struct key *key,
    const struct srcloc *keyloc)
{
	struct sa_spec *sa = &pc->st.cmd->sa;
	struct key *to = a->kind == ALG_ENC ? &sa->ekey : &sa->akey;

	if (a->kind == ALG_ENC) {
		pc->st.ealg = a;
		sa->ealg = a->id;
		pc->st.ekey_loc = *keyloc;
	} else if (a->kind == ALG_AUTH) {
		pc->st.aalg = a;
		sa->aalg = a->id;
		pc->st.akey_loc = *keyloc;
	} else {
		pc->st.calg = a;
		sa->ealg = a->id;
		return;
	}
	sa->flags |= a->saflags;
	/* a null algorithm still sends its (empty) key: Linux wants it */
	to->set = true;
	if (key != NULL) {
		to->bytes = key->bytes;
		to->len = key->len;
		key->bytes = NULL;
	}
}

/* takes name->text and key->key */
void
check_alg(struct parse_ctx *pc, enum alg_kind kind, const struct srcloc *opt,
    struct arg *name, struct keyarg *key)
{
	static const enum sa_opt opts[] = { OPT_E, OPT_A, OPT_C };
	const struct alg *a;

	if (!opt_take(pc, opts[kind], opt))
		goto out;
	a = alg_lookup(pc, kind, name->text, &name->loc);
	if (a == NULL)
		goto out;
	if (a->flags & ALG_NOLINUX) {
		if (pc->st.proto != PROTO_TCP)
			pc_error(pc, &name->loc, "%s is not available on Linux",
			    a->name);
		goto out;
	}
	if (a->flags & ALG_OBSOLETE)
		pc_warn(pc, &name->loc, "'%s' is obsolete; write '%s'",
		    a->name, alg_by_id(kind, a->id)->name);
	if (kind == ALG_ENC)
		pc->st.ealg = a;
	if (!alg_key_check(pc, a, key->key, &name->loc, &key->loc))
		goto out;
	alg_store(pc, a, key->key, &key->loc);
out:
	free(name->text);
	check_key_free(key->key);
}

void
check_rawcpi(struct parse_ctx *pc, const struct srcloc *loc)
{
	if (opt_take(pc, OPT_RAW, loc))
		pc->st.cmd->sa.flags |= SA_FLAG_RAWCPI;
}

/*
 * Names people write that /etc/protocols may lack or spell otherwise,
 * then a few common ones in case the file itself is missing.
 */
static const struct {
	const char	*name;
	uint8_t		 proto;
} uppers[] = {
	{ "any", IPSEC_ULPROTO_ANY },
	{ "icmp6", IPPROTO_ICMPV6 },
	{ "ip4", IPPROTO_IPIP },
	{ "ipv4", IPPROTO_IPIP },
	{ "ipip", IPPROTO_IPIP },
	{ "ipencap", IPPROTO_IPIP },
	{ "gre", IPPROTO_GRE },
}, upper_fallback[] = {
	{ "icmp", IPPROTO_ICMP },
	{ "tcp", IPPROTO_TCP },
	{ "udp", IPPROTO_UDP },
	{ "esp", IPPROTO_ESP },
	{ "ah", IPPROTO_AH },
	{ "ipcomp", IPPROTO_COMP },
	{ "sctp", IPPROTO_SCTP },
	{ "ipv6-icmp", IPPROTO_ICMPV6 },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static int
upper_by_name(const char *name)
{
	struct protoent *pe;
	size_t i;

	for (i = 0; i < NELEM(uppers); i++)
		if (strcmp(name, uppers[i].name) == 0)
			return uppers[i].proto;
	pe = getprotobyname(name);
	if (pe != NULL && pe->p_proto >= 0 && pe->p_proto <= 255)
		return pe->p_proto;
	for (i = 0; i < NELEM(upper_fallback); i++)
		if (strcmp(name, upper_fallback[i].name) == 0)
			return upper_fallback[i].proto;
	return -1;
}

void
check_upper(struct parse_ctx *pc, const char *text, const struct srcloc *loc)
{
	uint64_t v;
	int proto;

	pc->st.upper_loc = *loc;
	if (isdigit((unsigned char)text[0])) {
		if (num_get(pc, text, loc, 255, "protocol number", &v) == -1)
			return;
		proto = (int)v;
	} else if ((proto = upper_by_name(text)) == -1) {
		pc_error(pc, loc, "unknown upper-layer protocol '%s' (not in "
		    "/etc/protocols)", text);
		return;
	}
	if (pc->st.cmd != NULL)
		pc->st.cmd->sp.upper = (uint8_t)proto;
}

static bool
upper_is_icmp(int upper)
{
	return upper == IPPROTO_ICMP || upper == IPPROTO_ICMPV6;
}

/* icmp type,code or a gre key after the upper-layer protocol */
void
check_misc(struct parse_ctx *pc, const char *a, const char *b,
    const struct srcloc *loc, const struct srcloc *bloc)
{
	struct stmt *st = &pc->st;
	struct in_addr in;
	uint64_t x, y;
	int upper;

	if (st->cmd == NULL)
		return;
	upper = st->cmd->sp.upper;
	st->misc_loc = *loc;
	if (upper_is_icmp(upper)) {
		if (b == NULL) {
			pc_error(pc, loc, "icmp needs type,code here (the code "
			    "is required)");
			return;
		}
		if (num_get(pc, a, loc, 255, "icmp type", &x) == -1 ||
		    num_get(pc, b, bloc, 255, "icmp code", &y) == -1)
			return;
	} else if (upper == IPPROTO_GRE && b == NULL) {
		if (inet_pton(AF_INET, a, &in) == 1) {
			x = ntohl(in.s_addr);
		} else if (!isdigit((unsigned char)a[0]) ||
		    strchr(a, '.') != NULL) {
			pc_error(pc, loc, "gre key '%s' is neither a number "
			    "nor a dotted quad", a);
			return;
		} else if (num_get(pc, a, loc, UINT32_MAX, "gre key",
		    &x) == -1) {
			return;
		}
		y = x & 0xffff;
		x >>= 16;
	} else {
		pc_error(pc, loc, "only icmp type,code or a gre key may follow "
		    "the upper-layer protocol");
		return;
	}
	st->has_misc = true;
	st->misc_a = (uint32_t)x;
	st->misc_b = (uint32_t)y;
}

void
check_dir(struct parse_ctx *pc, int dir, const struct srcloc *loc)
{
	pc->st.dir_loc = *loc;
	if (pc->st.cmd != NULL)
		pc->st.cmd->sp.dir = (uint8_t)dir;
}

/*
 * LANGUAGE.md: lower is matched first.  prio N = def - N, prio -N =
 * def + N; BASE + N = BASE - N (N <= 0x40000000), BASE - N = BASE + N
 * (N <= 0x3fffffff).
 */
void
check_prio(struct parse_ctx *pc, uint32_t base, int sign, const char *text,
    const struct srcloc *loc)
{
	uint64_t n = 0, max;

	if (base == 0)
		max = sign == '+' ? PRIO_DEF : PRIO_DEF - 1;
	else
		max = sign == '+' ? 0x40000000u : 0x3fffffffu;
	if (text != NULL && (num_parse(text, &n) == -1 || n > max)) {
		pc_error(pc, loc, "priority offset %s%s is out of range (at "
		    "most %#" PRIx64 ")", sign == '-' ? "-" : "", text, max);
		return;
	}
	if (base == 0)
		base = PRIO_DEF;
	if (pc->st.cmd != NULL)
		pc->st.cmd->sp.priority = sign == '+' ? base - (uint32_t)n :
		    base + (uint32_t)n;
}

void
check_action(struct parse_ctx *pc, int type, const struct srcloc *loc)
{
	pc->st.has_action = true;
	pc->st.action_loc = *loc;
	if (pc->st.cmd != NULL)
		pc->st.cmd->sp.type = (uint16_t)type;
}

static struct sp_req *
req_last(struct parse_ctx *pc)
{
	struct cmd *cmd = pc->st.cmd;

	if (cmd == NULL || cmd->sp.nreq == 0)
		return NULL;
	return &cmd->sp.reqs[cmd->sp.nreq - 1];
}

/*
 * Doubling, not one more each time: a bundle may hold thousands of
 * requests, and where realloc copies every time (valgrind's does)
 * growing by one is quadratic.
 */
static int
req_grow(struct sp_spec *sp)
{
	size_t cap = sp->reqcap ? sp->reqcap * 2 : 1;
	struct sp_req *v;

	if (sp->nreq < sp->reqcap)
		return 0;
	if ((v = reallocarray(sp->reqs, cap, sizeof(*v))) == NULL)
		return -1;
	sp->reqs = v;
	sp->reqcap = cap;
	return 0;
}

void
check_req(struct parse_ctx *pc, int proto, const struct srcloc *loc)
{
	struct cmd *cmd = pc->st.cmd;
	struct sp_req *v;

	pc->st.ends_written = false;
	if (cmd == NULL)
		return;
	if (req_grow(&cmd->sp) != 0) {
		pc_error(pc, loc, "out of memory");
		return;
	}
	v = &cmd->sp.reqs[cmd->sp.nreq++];
	memset(v, 0, sizeof(*v));
	v->proto = (uint16_t)proto;
	v->level = IPSEC_LEVEL_DEFAULT;
	v->tsrc.prefixlen = v->tdst.prefixlen = ADDR_PLEN_FULL;
	v->tsrc.port = v->tdst.port = ADDR_PORT_NONE;
	v->tsrc.loc = v->tdst.loc = *loc;
}

void
check_req_mode(struct parse_ctx *pc, int mode)
{
	struct sp_req *r = req_last(pc);

	if (r != NULL)
		r->mode = (uint8_t)mode;
}

static bool
is_level_word(const char *text)
{
	return strcmp(text, "default") == 0 || strcmp(text, "use") == 0 ||
	    strcmp(text, "require") == 0 || strncmp(text, "unique", 6) == 0;
}

static bool
end_set(struct parse_ctx *pc, struct addr *a, const char *text,
    const struct srcloc *loc, int port)
{
	char err[256];

	if (addr_check_v4(text, err, sizeof(err)) == -1) {
		pc_error(pc, loc, "%s", err);
		return false;
	}
	if (addr_numeric(text, AF_UNSPEC, &a->ss) == -1) {
		pc_error(pc, loc, "tunnel endpoint '%s' is not a numeric "
		    "address (host names are not allowed here)", text);
		return false;
	}
	a->loc = *loc;
	a->port = port;
	return true;
}

/* src-dst: "A-B", "A-B[port]", "A[port]-B[port]"; takes the texts */
void
check_ends(struct parse_ctx *pc, struct endarg *l, struct endarg *r)
{
	struct sp_req *req = req_last(pc);
	struct srcloc rloc = r != NULL ? r->loc : l->loc;
	char *left = NULL, *right = NULL;
	int lport = r != NULL ? l->port.v : ADDR_PORT_NONE;
	int rport = r != NULL ? r->port.v : l->port.v;

	pc->st.ends_written = true;
	if (r != NULL && strchr(l->text, '-') == NULL) {
		left = strdup(l->text);
		right = strdup(r->text + 1);
		rloc.col++;
	} else if (r != NULL || addr_split_pair(l->text, &left, &right)) {
		if (r == NULL && is_level_word(l->text))
			pc_error(pc, &l->loc, "'%s' is a level, which comes "
			    "after the endpoints: write proto/mode//%s",
			    l->text, l->text);
		else
			pc_error(pc, &l->loc, "tunnel endpoints must be two "
			    "numeric addresses written src-dst, not '%s%s'",
			    l->text, r != NULL ? r->text : "");
		goto out;
	} else {
		rloc.col += (unsigned int)strlen(left) + 1;
	}
	if (req == NULL || left == NULL || right == NULL)
		goto out;
	if (!end_set(pc, &req->tsrc, left, &l->loc, lport) ||
	    !end_set(pc, &req->tdst, right, &rloc, rport))
		goto out;
	if (req->tsrc.ss.ss_family != req->tdst.ss.ss_family)
		pc_error(pc, &rloc, "tunnel endpoints '%s' (%s) and '%s' "
		    "(%s) differ in address family", left,
		    addr_family_name(req->tsrc.ss.ss_family), right,
		    addr_family_name(req->tdst.ss.ss_family));
	req->tunnel_addrs = true;
out:
	free(left);
	free(right);
	free(l->text);
	if (r != NULL)
		free(r->text);
}

/* default, use, require, unique or unique:N with N in 1..32767 */
void
check_level(struct parse_ctx *pc, const char *text, const struct srcloc *loc)
{
	static const char *const names[] = {
		[IPSEC_LEVEL_DEFAULT] = "default", [IPSEC_LEVEL_USE] = "use",
		[IPSEC_LEVEL_REQUIRE] = "require",
		[IPSEC_LEVEL_UNIQUE] = "unique",
	};
	struct sp_req *r = req_last(pc);
	uint64_t n;
	size_t i;

	for (i = 0; i < NELEM(names); i++) {
		if (strcmp(text, names[i]) == 0) {
			if (r != NULL)
				r->level = (uint8_t)i;
			return;
		}
	}
	if (strncmp(text, "unique:", 7) != 0) {
		pc_error(pc, loc, "unknown level '%s'; expected default, use, "
		    "require, unique or unique:N", text);
		return;
	}
	if (num_parse(text + 7, &n) == -1 || n < 1 || n > 32767) {
		pc_error(pc, loc, "unique:%s is out of range (unique:1 to "
		    "unique:32767)", text + 7);
		return;
	}
	if (r != NULL) {
		r->level = IPSEC_LEVEL_UNIQUE;
		r->reqid = (uint32_t)n;
	}
}

void
check_req_end(struct parse_ctx *pc, const struct srcloc *loc,
    const struct srcloc *modeloc)
{
	struct sp_req *r = req_last(pc);

	(void)loc;
	if (r == NULL)
		return;
	if (r->mode == IPSEC_MODE_TUNNEL && !pc->st.ends_written)
		pc_error(pc, modeloc, "tunnel mode needs its endpoints: "
		    "proto/tunnel/SRC-DST/level");
	if (r->mode == IPSEC_MODE_TRANSPORT && r->tunnel_addrs)
		pc_error(pc, &r->tsrc.loc, "transport mode takes no "
		    "endpoints: write proto/transport//level");
}

void
check_tagged(struct parse_ctx *pc, char *tag, const struct srcloc *loc)
{
	free(tag);
	pc_error(pc, loc, "tagged policies (pf tags) do not exist on Linux");
}

/* -E, -A and -C against the protocol, once the statement is complete */
static void
check_sa_algs(struct parse_ctx *pc)
{
	struct stmt *st = &pc->st;
	bool esp = st->proto == PROTO_ESP || st->proto == PROTO_ESP_OLD ||
	    st->proto == PROTO_ESP_UDP;
	bool ah = st->proto == PROTO_AH || st->proto == PROTO_AH_OLD;
	const char *p = st->proto == PROTO_IPCOMP ? "ipcomp" : esp ? "esp" :
	    "ah";

	if (st->proto == PROTO_TCP || st->proto == PROTO_NONE)
		return;
	if (esp && !st->seen[OPT_E])
		pc_error(pc, &st->proto_loc, "an esp SA needs -E (-E null for "
		    "none)");
	if (ah && !st->seen[OPT_A])
		pc_error(pc, &st->proto_loc, "an ah SA needs -A");
	if (st->proto == PROTO_IPCOMP && !st->seen[OPT_C])
		pc_error(pc, &st->proto_loc, "an ipcomp SA needs -C");
	if (!esp && st->seen[OPT_E])
		pc_error(pc, &st->opt_loc[OPT_E], "-E is for esp, not %s", p);
	if (st->proto == PROTO_IPCOMP && st->seen[OPT_A])
		pc_error(pc, &st->opt_loc[OPT_A], "-A is for esp and ah, not "
		    "ipcomp");
	if (st->proto != PROTO_IPCOMP && st->seen[OPT_C])
		pc_error(pc, &st->opt_loc[OPT_C], "-C is for ipcomp, not %s",
		    p);
	if (st->proto != PROTO_IPCOMP && st->seen[OPT_RAW])
		pc_error(pc, &st->opt_loc[OPT_RAW], "-R is for ipcomp, not %s",
		    p);
	if (st->ealg != NULL && (st->ealg->flags & ALG_AEAD) &&
	    st->seen[OPT_A])
		pc_error(pc, &st->opt_loc[OPT_A], "%s authenticates by "
		    "itself: drop -A", st->ealg->name);
	if (st->seen[OPT_RAW] && st->spi_set && st->cmd->sa.spi > 0xffff)
		pc_error(pc, &st->spi_loc, "with -R the SPI is the on-wire "
		    "CPI, which has 16 bits");
}

static bool
upper_has_ports(int upper)
{
	return upper == IPPROTO_TCP || upper == IPPROTO_UDP ||
	    upper == IPPROTO_DCCP || upper == IPPROTO_SCTP ||
	    upper == IPPROTO_UDPLITE || upper == IPSEC_ULPROTO_ANY;
}

static void
misc_apply(struct addrlist *al, int port)
{
	size_t i;

	for (i = 0; i < al->n; i++)
		al->v[i].port = port;
}

/* selector ports against the upper-layer protocol */
static void
check_sp_ports(struct parse_ctx *pc)
{
	struct stmt *st = &pc->st;
	struct addrlist *al[2] = { st->src, st->dst };
	int upper = st->cmd->sp.upper;
	size_t i;

	for (i = 0; i < 2; i++) {
		if (al[i] == NULL || al[i]->port == ADDR_PORT_NONE ||
		    al[i]->port == 0)
			continue;
		if (upper_is_icmp(upper) || upper == IPPROTO_GRE)
			pc_error(pc, &al[i]->port_loc, "a port means nothing "
			    "for %s: its type,code or key follows the "
			    "protocol", upper == IPPROTO_GRE ? "gre" :
			    "icmp");
		else if (!upper_has_ports(upper))
			pc_error(pc, &al[i]->port_loc, "a port means nothing "
			    "for protocol %d", upper);
	}
	if (st->has_misc && st->src != NULL && st->dst != NULL) {
		misc_apply(st->src, (int)st->misc_a);
		misc_apply(st->dst, (int)st->misc_b);
	}
}

static void
check_sp(struct parse_ctx *pc)
{
	struct stmt *st = &pc->st;

	if (st->tagged)
		return;
	if (!st->has_action && st->cmd->kind != CMD_SPDDELETE)
		pc_error(pc, &st->dir_loc, "expected discard, none or ipsec "
		    "after the direction");
	/*
	 * The classic grammar takes ipsec without requests; Linux then
	 * installs a policy with no templates, which checks nothing.
	 * spddelete needs no requests: it names a policy.
	 */
	if (st->has_action && st->cmd->sp.type == IPSEC_POLICY_IPSEC &&
	    st->cmd->sp.nreq == 0 && st->cmd->kind != CMD_SPDDELETE)
		pc_warn(pc, &st->action_loc, "an ipsec policy with no "
		    "requests protects nothing: the kernel lets this traffic "
		    "pass in the clear");
	check_sp_ports(pc);
}

void
check_stmt(struct parse_ctx *pc)
{
	switch (pc->st.cmd->kind) {
	case CMD_ADD:
	case CMD_UPDATE:
		check_sa_algs(pc);
		break;
	case CMD_SPDADD:
	case CMD_SPDUPDATE:
	case CMD_SPDDELETE:
		check_sp(pc);
		break;
	default:
		break;
	}
}
