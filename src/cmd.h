/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_CMD_H
#define SETKEY_CMD_H

/*
 * What the grammar produces: one struct cmd per statement (per address
 * pair, when a name resolved to several addresses).  Nothing here knows
 * about the wire; build.c turns a cmd into sadb_msg + extensions.
 */

#include <sys/socket.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct srcloc {
	const char	*file;		/* "(stdin)" for standard input */
	unsigned int	 line;		/* 1-based */
	unsigned int	 col;		/* 1-based, in bytes */
};

#define ADDR_PORT_NONE	(-1)		/* no [port] written */
#define ADDR_PLEN_FULL	(-1)		/* no /prefixlen written */

struct addr {
	struct sockaddr_storage	 ss;	/* AF_INET or AF_INET6, port 0 */
	int			 prefixlen;	/* or ADDR_PLEN_FULL */
	int			 port;	/* 0 = [any], or ADDR_PORT_NONE */
	struct srcloc		 loc;
};

struct key {
	uint8_t		*bytes;		/* wiped by cmd_free */
	size_t		 len;		/* in bytes */
	bool		 set;		/* given, possibly empty */
};

struct sec_ctx {
	uint8_t		 doi;
	uint8_t		 alg;
	char		*str;
	size_t		 len;		/* bytes in str, without a NUL */
	bool		 set;
};

struct sa_spec {
	uint8_t		 satype;	/* SADB_SATYPE_ESP, _AH, _X_IPCOMP */
	bool		 natt;		/* esp-udp: ESP in UDP */
	uint32_t	 spi;
	uint8_t		 mode;		/* IPSEC_MODE_* */
	uint32_t	 reqid;
	uint8_t		 replay;
	uint32_t	 flags;		/* sadb_sa_flags */
	uint8_t		 ealg;		/* encrypt, or IPComp's calg */
	uint8_t		 aalg;
	struct key	 ekey;
	struct key	 akey;
	uint64_t	 hard_addtime, soft_addtime;
	uint64_t	 hard_bytes, soft_bytes;
	struct sec_ctx	 ctx;
};

struct sp_req {
	uint16_t	 proto;		/* IPPROTO_ESP, _AH, _COMP */
	uint8_t		 mode;		/* IPSEC_MODE_TRANSPORT, _TUNNEL */
	uint8_t		 level;		/* IPSEC_LEVEL_* */
	uint32_t	 reqid;		/* unique:N */
	bool		 tunnel_addrs;	/* src-dst written */
	struct addr	 tsrc, tdst;
};

struct sp_spec {
	uint8_t		 upper;		/* IPPROTO_*, 255 = any */
	uint8_t		 dir;		/* IPSEC_DIR_* */
	uint16_t	 type;		/* IPSEC_POLICY_* */
	uint32_t	 priority;	/* as sent; 0x80000000 = def */
	struct sp_req	*reqs;
	size_t		 nreq;
	size_t		 reqcap;	/* room in reqs */
	struct sec_ctx	 ctx;
	char		*tag;		/* spdadd tagged: refused on Linux */
};

enum cmd_kind {
	CMD_ADD,
	CMD_UPDATE,
	CMD_GET,
	CMD_DELETE,
	CMD_DELETEALL,
	CMD_GETSPI,
	CMD_FLUSH,
	CMD_DUMP,
	CMD_SPDADD,
	CMD_SPDUPDATE,
	CMD_SPDDELETE,
	CMD_SPDFLUSH,
	CMD_SPDDUMP,
};

/*
 * For icmp/icmp6 the selector ports carry type (src) and code (dst); for
 * gre the key, high 16 bits in src, low in dst: that is how Linux's
 * af_key keeps them, so the parser stores them there directly.
 */
struct cmd {
	enum cmd_kind	 kind;
	struct srcloc	 loc;		/* the verb */
	uint8_t		 satype;	/* flush/dump proto; UNSPEC = all */
	struct addr	 src, dst;
	struct sa_spec	 sa;
	struct sp_spec	 sp;
	struct cmd	*next;
};

struct cmd_list {
	struct cmd	*head;
	struct cmd	**tail;
};

const char	*cmd_verb(enum cmd_kind kind);
void		 cmd_list_init(struct cmd_list *list);
void		 cmd_list_append(struct cmd_list *list, struct cmd *cmd);
void		 cmd_list_free(struct cmd_list *list);
void		 cmd_free(struct cmd *cmd);

#endif
