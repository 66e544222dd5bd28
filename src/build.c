// SPDX-License-Identifier: BSD-2-Clause
#include <linux/ipsec.h>
#include <linux/pfkeyv2.h>

#include <errno.h>
#include <stdint.h>

#include "build.h"
#include "ext.h"

static const uint8_t msg_types[] = {
	[CMD_ADD] = SADB_ADD,
	[CMD_UPDATE] = SADB_UPDATE,
	[CMD_GET] = SADB_GET,
	[CMD_DELETE] = SADB_DELETE,
	[CMD_DELETEALL] = SADB_DUMP,	/* run.c deletes what it lists */
	[CMD_GETSPI] = SADB_GETSPI,
	[CMD_FLUSH] = SADB_FLUSH,
	[CMD_DUMP] = SADB_DUMP,
	[CMD_SPDADD] = SADB_X_SPDADD,
	[CMD_SPDUPDATE] = SADB_X_SPDUPDATE,
	[CMD_SPDDELETE] = SADB_X_SPDDELETE,
	[CMD_SPDFLUSH] = SADB_X_SPDFLUSH,
	[CMD_SPDDUMP] = SADB_X_SPDDUMP,
};

/* src then dst of an SA: hosts, any upper-layer protocol */
static int
build_sa_addrs(const struct cmd *cmd, struct msgbuf *mb)
{
	if (ext_put_address(mb, SADB_EXT_ADDRESS_SRC, &cmd->src,
	    IPSEC_ULPROTO_ANY, false) != 0)
		return -EINVAL;
	return ext_put_address(mb, SADB_EXT_ADDRESS_DST, &cmd->dst,
	    IPSEC_ULPROTO_ANY, false);
}

/* Linux takes hard and soft together or not at all (EINVAL) */
static void
build_lifetimes(const struct sa_spec *sa, struct msgbuf *mb)
{
	if (sa->hard_addtime == 0 && sa->soft_addtime == 0 &&
	    sa->hard_bytes == 0 && sa->soft_bytes == 0)
		return;
	ext_put_lifetime(mb, SADB_EXT_LIFETIME_HARD, sa->hard_addtime,
	    sa->hard_bytes);
	ext_put_lifetime(mb, SADB_EXT_LIFETIME_SOFT, sa->soft_addtime,
	    sa->soft_bytes);
}

/*
 * Linux refuses an ESP SA without an encryption key extension and an AH
 * SA without an authentication key extension, even when the algorithm
 * (null) takes no key; IPComp has no keys.
 */
static int
build_keys(const struct sa_spec *sa, struct msgbuf *mb)
{
	if (sa->satype == SADB_X_SATYPE_IPCOMP)
		return 0;
	if (sa->aalg != SADB_AALG_NONE || sa->satype == SADB_SATYPE_AH) {
		if (ext_put_key(mb, SADB_EXT_KEY_AUTH, &sa->akey) != 0)
			return -EINVAL;
	}
	if (sa->satype == SADB_SATYPE_ESP)
		return ext_put_key(mb, SADB_EXT_KEY_ENCRYPT, &sa->ekey);
	return 0;
}

/* esp-udp: UDP encapsulation, ports from [port], 4500 when absent */
static void
build_natt(const struct cmd *cmd, struct msgbuf *mb)
{
	int sport = cmd->src.port, dport = cmd->dst.port;

	if (!cmd->sa.natt)
		return;
	if (sport == ADDR_PORT_NONE)
		sport = EXT_NATT_PORT;
	if (dport == ADDR_PORT_NONE)
		dport = EXT_NATT_PORT;
	ext_put_nat_t_type(mb, EXT_NATT_ESPINUDP);
	ext_put_nat_t_port(mb, SADB_X_EXT_NAT_T_SPORT, (uint16_t)sport);
	ext_put_nat_t_port(mb, SADB_X_EXT_NAT_T_DPORT, (uint16_t)dport);
}

/* SADB_ADD and SADB_UPDATE: the whole SA */
static int
build_sa(const struct cmd *cmd, struct msgbuf *mb)
{
	const struct sa_spec *sa = &cmd->sa;

	ext_put_sa(mb, sa);
	build_lifetimes(sa, mb);
	if (build_sa_addrs(cmd, mb) != 0 || build_keys(sa, mb) != 0)
		return -EINVAL;
	ext_put_x_sa2(mb, sa->mode, sa->reqid);
	build_natt(cmd, mb);
	if (sa->ctx.set)
		return ext_put_sec_ctx(mb, &sa->ctx);
	return 0;
}

/* SADB_GET and SADB_DELETE: SPI, src, dst (RFC 2367 3.1.4, 3.1.5) */
static int
build_sa_id(const struct cmd *cmd, struct msgbuf *mb)
{
	ext_put_sa(mb, &cmd->sa);
	return build_sa_addrs(cmd, mb);
}

/* a fixed SPI is asked for as a range of one */
static int
build_getspi(const struct cmd *cmd, struct msgbuf *mb)
{
	ext_put_x_sa2(mb, cmd->sa.mode, cmd->sa.reqid);
	if (build_sa_addrs(cmd, mb) != 0)
		return -EINVAL;
	if (cmd->sa.spi != 0)
		ext_put_spirange(mb, cmd->sa.spi, cmd->sa.spi);
	return 0;
}

/* SPD messages: the selector, then the policy */
static int
build_sp(const struct cmd *cmd, struct msgbuf *mb)
{
	const struct sp_spec *sp = &cmd->sp;

	/* BSD pf tags: Linux has nothing to carry them */
	if (sp->tag != NULL)
		return -EOPNOTSUPP;
	if (ext_put_address(mb, SADB_EXT_ADDRESS_SRC, &cmd->src, sp->upper,
	    true) != 0 ||
	    ext_put_address(mb, SADB_EXT_ADDRESS_DST, &cmd->dst, sp->upper,
	    true) != 0)
		return -EINVAL;
	if (ext_put_x_policy(mb, sp) != 0)
		return -EINVAL;
	if (sp->ctx.set)
		return ext_put_sec_ctx(mb, &sp->ctx);
	return 0;
}

static uint8_t
build_satype(const struct cmd *cmd)
{
	switch (cmd->kind) {
	case CMD_FLUSH:
	case CMD_DUMP:
		return cmd->satype;
	case CMD_DELETEALL:
		return cmd->sa.satype ? cmd->sa.satype : cmd->satype;
	case CMD_SPDADD:
	case CMD_SPDUPDATE:
	case CMD_SPDDELETE:
	case CMD_SPDFLUSH:
	case CMD_SPDDUMP:
		return SADB_SATYPE_UNSPEC;
	default:
		return cmd->sa.satype;
	}
}

static int
build_body(const struct cmd *cmd, struct msgbuf *mb)
{
	switch (cmd->kind) {
	case CMD_ADD:
	case CMD_UPDATE:
		return build_sa(cmd, mb);
	case CMD_GET:
	case CMD_DELETE:
		return build_sa_id(cmd, mb);
	case CMD_GETSPI:
		return build_getspi(cmd, mb);
	case CMD_SPDADD:
	case CMD_SPDUPDATE:
	case CMD_SPDDELETE:
		return build_sp(cmd, mb);
	default:
		return 0;	/* flush, dump: the header says it all */
	}
}

/* 0, or -EINVAL / -EOPNOTSUPP / -EMSGSIZE when cmd cannot be encoded */
int
msg_build(const struct cmd *cmd, uint32_t seq, uint32_t pid,
    struct msgbuf *mb)
{
	int err;

	if ((size_t)cmd->kind >= sizeof(msg_types) / sizeof(msg_types[0]))
		return -EINVAL;
	ext_put_msg(mb, msg_types[cmd->kind], build_satype(cmd), seq, pid);
	if ((err = build_body(cmd, mb)) != 0) {
		msgbuf_reset(mb);
		return err;
	}
	return ext_finish(mb);
}
