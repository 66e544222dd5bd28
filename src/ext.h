/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_EXT_H
#define SETKEY_EXT_H

/*
 * One encoder per PF_KEY v2 extension (RFC 2367 section 2.3 and the
 * Linux additions in <linux/pfkeyv2.h>).  Each appends one extension
 * to a message started with ext_put_msg(); ext_finish() writes the
 * message length.  All lengths in 64-bit units are computed in ext.c
 * and nowhere else.  Encoders return 0 or -EINVAL (a value the wire
 * form cannot carry); the message is then unusable.
 */

#include <stdbool.h>
#include <stdint.h>

#include "cmd.h"
#include "msgbuf.h"

struct sadb_msg;

/* UDP_ENCAP_ESPINUDP of <linux/udp.h>: ESP in UDP, RFC 3948 */
#define EXT_NATT_ESPINUDP	2
#define EXT_NATT_PORT		4500

void	ext_put_msg(struct msgbuf *mb, uint8_t type, uint8_t satype,
	    uint32_t seq, uint32_t pid);
int	ext_finish(struct msgbuf *mb);
struct sadb_msg	*ext_msg(const struct msgbuf *mb);

void	ext_put_sa(struct msgbuf *mb, const struct sa_spec *sa);
int	ext_put_address(struct msgbuf *mb, uint16_t type,
	    const struct addr *a, uint8_t proto, bool selector);
int	ext_put_key(struct msgbuf *mb, uint16_t type, const struct key *key);
void	ext_put_lifetime(struct msgbuf *mb, uint16_t type, uint64_t addtime,
	    uint64_t bytes);
void	ext_put_x_sa2(struct msgbuf *mb, uint8_t mode, uint32_t reqid);
int	ext_put_x_policy(struct msgbuf *mb, const struct sp_spec *sp);
void	ext_put_spirange(struct msgbuf *mb, uint32_t min, uint32_t max);
void	ext_put_nat_t_type(struct msgbuf *mb, uint8_t type);
void	ext_put_nat_t_port(struct msgbuf *mb, uint16_t type, uint16_t port);
int	ext_put_sec_ctx(struct msgbuf *mb, const struct sec_ctx *ctx);

#endif
