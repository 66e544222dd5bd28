/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_MSGBUF_H
#define SETKEY_MSGBUF_H

/*
 * A growing byte buffer for one PF_KEY message.  Every reservation is
 * rounded up to 8 bytes (RFC 2367 lengths count 64-bit words) and
 * zero-filled.  The storage is wiped before it is freed or moved: it
 * holds keys.
 */

#include <stddef.h>
#include <stdint.h>

struct msgbuf {
	uint8_t		*data;		/* 8-byte aligned (malloc) */
	size_t		 len;
	size_t		 cap;
};

void	 msgbuf_init(struct msgbuf *mb);
void	 msgbuf_reset(struct msgbuf *mb);
void	 msgbuf_free(struct msgbuf *mb);
void	*msgbuf_reserve(struct msgbuf *mb, size_t len);
void	*msgbuf_room(struct msgbuf *mb, size_t cap);

#endif
