/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_PFKEY_H
#define SETKEY_PFKEY_H

/*
 * The PF_KEY v2 socket (RFC 2367): open, send, and read replies that
 * are ours (matched on type, seq and pid; broadcast copies and other
 * processes' traffic skipped).  Functions return 0 or a negative errno.
 */

#include <sys/types.h>

#include <stdbool.h>
#include <stdint.h>

#include "msgbuf.h"

/* how long a request waits for its reply, a dump for its next message */
#define PFKEY_TIMEOUT_MS	10000

struct sadb_msg;

struct pfkey {
	int		 fd;
	uint32_t	 pid;		/* what the kernel puts in replies */
	uint32_t	 seq;		/* last one used */
	int		 timeout_ms;	/* per reply */
	bool		 drain;		/* empty the queue before a request */
	struct msgbuf	*closing;	/* if set: a dump's error reply */
};

/* called once per message of a dump; nonzero stops the walk */
typedef int	(*pfkey_walk_fn)(const struct sadb_msg *msg, size_t len,
		    void *arg);

int		 pfkey_open(struct pfkey *pk);
int		 pfkey_connect(struct pfkey *pk);
void		 pfkey_close(struct pfkey *pk);
uint32_t	 pfkey_next_seq(struct pfkey *pk);
int		 pfkey_send(struct pfkey *pk, const struct msgbuf *mb);
int		 pfkey_wait(const struct pfkey *pk, int timeout_ms);
int		 pfkey_recv(struct pfkey *pk, struct msgbuf *mb,
		    int timeout_ms);
int		 pfkey_request(struct pfkey *pk, const struct msgbuf *req,
		    struct msgbuf *reply);
int		 pfkey_dump(struct pfkey *pk, uint8_t type, uint8_t satype,
		    pfkey_walk_fn fn, void *arg);
int		 pfkey_dump_req(struct pfkey *pk, const struct msgbuf *req,
		    pfkey_walk_fn fn, void *arg);
int		 pfkey_promisc(struct pfkey *pk, int on);

/* a larger receive queue; pfkey_queue_full: 1 full, 0 not, -errno */
void		 pfkey_grow_rcvbuf(struct pfkey *pk);
int		 pfkey_queue_full(const struct pfkey *pk);

#endif
