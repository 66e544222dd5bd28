// SPDX-License-Identifier: BSD-2-Clause
#include <sys/socket.h>

#include <linux/pfkeyv2.h>
#include <linux/sock_diag.h>

#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "ext.h"
#include "pfkey.h"

/* Linux doubles it: room for thousands of messages */
#define PFKEY_RCVBUF		(4 * 1024 * 1024)

struct pfkey_match {
	uint8_t		 type;
	uint32_t	 seq;
	uint32_t	 pid;
};

static int64_t
pfkey_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * The first sequence number comes from the clock: af_key's GETSPI reuses
 * a larval SA whose sequence number equals the request's, and one left
 * by an earlier run must not be picked up by chance.
 */
int
pfkey_open(struct pfkey *pk)
{
	struct timespec ts;

	pk->fd = socket(PF_KEY, SOCK_RAW | SOCK_CLOEXEC, PF_KEY_V2);
	if (pk->fd == -1)
		return -errno;
	clock_gettime(CLOCK_REALTIME, &ts);
	pk->pid = (uint32_t)getpid();
	pk->seq = (uint32_t)ts.tv_sec << 8;
	pk->timeout_ms = PFKEY_TIMEOUT_MS;
	pk->drain = true;
	pk->closing = NULL;
	return 0;
}

/* pfkey_open, or one line that says why not and what to do */
int
pfkey_connect(struct pfkey *pk)
{
	int err = pfkey_open(pk);

	if (err == -EAFNOSUPPORT || err == -EPROTONOSUPPORT)
		diag_error(NULL, "this kernel has no PF_KEY (AF_KEY) support: "
		    "load af_key");
	else if (err != 0)
		diag_error(NULL, "cannot open a PF_KEY socket: %s%s",
		    strerror(-err), err == -EPERM || err == -EACCES ?
		    " (setkey needs root or CAP_NET_ADMIN)" : "");
	return err;
}

void
pfkey_close(struct pfkey *pk)
{
	if (pk->fd != -1)
		close(pk->fd);
	pk->fd = -1;
}

/* 0 ends a dump in af_key's replies, so never use it */
uint32_t
pfkey_next_seq(struct pfkey *pk)
{
	if (++pk->seq == 0)
		pk->seq = 1;
	return pk->seq;
}

/*
 * Read away what is queued.  af_key drops a message meant for a socket
 * whose queue is full and tells neither side (pfkey_broadcast_one), and
 * every socket gets a copy of every process's SA and policy changes:
 * what piled up while we were idle, in a -c session say, would leave
 * no room for our own reply.  Only the header of each is copied.
 */
static void
pfkey_drain(struct pfkey *pk)
{
	struct sadb_msg hdr;
	ssize_t n;

	do
		n = recv(pk->fd, &hdr, sizeof(hdr), MSG_DONTWAIT | MSG_TRUNC);
	while (n >= 0 || errno == EINTR);
}

/*
 * af_key handles the message inside send() and queues its reply before
 * send() returns; a header it cannot parse makes send() itself fail.
 * XXX: no bound on send() itself: the kernel may wait for a lock.
 */
int
pfkey_send(struct pfkey *pk, const struct msgbuf *mb)
{
	ssize_t n;

	if (pk->drain)
		pfkey_drain(pk);
	do
		n = send(pk->fd, mb->data, mb->len, 0);
	while (n == -1 && errno == EINTR);
	if (n == -1)
		return -errno;
	if ((size_t)n != mb->len)
		return -EMSGSIZE;
	return 0;
}

/* until a message is queued; TIMEOUT_MS < 0 waits for ever */
int
pfkey_wait(const struct pfkey *pk, int timeout_ms)
{
	struct pollfd pfd = { .fd = pk->fd, .events = POLLIN };
	int n;

	do
		n = poll(&pfd, 1, timeout_ms);
	while (n == -1 && errno == EINTR);
	if (n == -1)
		return -errno;
	if (n == 0)
		return -ETIMEDOUT;
	return 0;
}

/* the largest message sadb_msg_len (16 bits, in 8-byte units) allows */
#define PFKEY_MSG_MAX	(8 * 65535)

/*
 * One whole message into MB.  The buffer holds the largest message
 * there can be, so one non-blocking recv() reads it whole and poll()
 * runs only when nothing is queued: two system calls a reply, where
 * peeking at the size first took four.  A message whose header
 * disagrees with its size is consumed and reported as -EBADMSG.
 */
int
pfkey_recv(struct pfkey *pk, struct msgbuf *mb, int timeout_ms)
{
	const struct sadb_msg *msg;
	void *p;
	ssize_t n;
	int err;

	msgbuf_reset(mb);
	p = msgbuf_room(mb, PFKEY_MSG_MAX);
	for (;;) {
		n = recv(pk->fd, p, PFKEY_MSG_MAX, MSG_DONTWAIT | MSG_TRUNC);
		if (n >= 0)
			break;
		if (errno == EINTR)
			continue;
		if (errno != EAGAIN && errno != EWOULDBLOCK)
			return -errno;
		if ((err = pfkey_wait(pk, timeout_ms)) != 0)
			return err;
	}

	if ((size_t)n > PFKEY_MSG_MAX) {
		mb->len = PFKEY_MSG_MAX;
		return -EBADMSG;
	}
	mb->len = (size_t)n;
	msg = p;
	if ((size_t)n < sizeof(*msg) ||
	    (size_t)msg->sadb_msg_len * 8 != (size_t)n)
		return -EBADMSG;
	return 0;
}

static bool
pfkey_matches(const struct msgbuf *mb, const struct pfkey_match *m)
{
	const struct sadb_msg *msg = (const void *)mb->data;

	return msg->sadb_msg_type == m->type && msg->sadb_msg_seq == m->seq &&
	    msg->sadb_msg_pid == m->pid;
}

/*
 * Read until the reply to M arrives.  A PF_KEY socket also sees every
 * process's SA and policy changes and, after a flush, a second copy of
 * our own reply: anything that does not match is skipped.  The deadline
 * holds for the whole wait, however much else arrives.
 */
static int
pfkey_wait_reply(struct pfkey *pk, const struct pfkey_match *m,
    struct msgbuf *reply)
{
	int64_t deadline = pfkey_now_ms() + pk->timeout_ms, left;
	int err;

	for (;;) {
		if ((left = deadline - pfkey_now_ms()) <= 0)
			return -ETIMEDOUT;
		err = pfkey_recv(pk, reply, (int)left);
		if (err == -EBADMSG)
			continue;
		if (err != 0)
			return err;
		if (pfkey_matches(reply, m))
			return 0;
	}
}

/*
 * Send REQ (seq and pid already in it) and wait for its reply.  0 means
 * a reply is in REPLY; the kernel's verdict is its sadb_msg_errno.
 */
int
pfkey_request(struct pfkey *pk, const struct msgbuf *req,
    struct msgbuf *reply)
{
	const struct sadb_msg *msg = (const void *)req->data;
	struct pfkey_match m;
	int err;

	m.type = msg->sadb_msg_type;
	m.seq = msg->sadb_msg_seq;
	m.pid = msg->sadb_msg_pid;
	if ((err = pfkey_send(pk, req)) != 0)
		return err;
	return pfkey_wait_reply(pk, &m, reply);
}

/*
 * af_key pauses a dump when our receive queue is two thirds full and
 * goes on once we have read it down to a third, so for a dump a large
 * buffer only saves wake-ups.  Broadcasts are not paused: for -x it is
 * the room for a burst.  Without CAP_NET_ADMIN SO_RCVBUFFORCE fails and
 * rmem_max caps the size.
 */
void
pfkey_grow_rcvbuf(struct pfkey *pk)
{
	int size = PFKEY_RCVBUF;

	if (setsockopt(pk->fd, SOL_SOCKET, SO_RCVBUFFORCE, &size,
	    sizeof(size)) == -1)
		(void)setsockopt(pk->fd, SOL_SOCKET, SO_RCVBUF, &size,
		    sizeof(size));
}

/*
 * af_key queues a message only while the bytes queued do not exceed
 * the receive buffer; past it, what comes is dropped unseen.  This is
 * the one sign of a loss Linux gives (SO_MEMINFO, since 4.12): a queue
 * over its limit.
 */
int
pfkey_queue_full(const struct pfkey *pk)
{
	uint32_t mem[SK_MEMINFO_VARS];
	socklen_t len = sizeof(mem);

	if (getsockopt(pk->fd, SOL_SOCKET, SO_MEMINFO, mem, &len) == -1)
		return -errno;
	if (len < (SK_MEMINFO_RCVBUF + 1) * sizeof(mem[0]))
		return -EPROTO;
	return mem[SK_MEMINFO_RMEM_ALLOC] > mem[SK_MEMINFO_RCVBUF];
}

struct pfkey_walk {
	pfkey_walk_fn	 fn;
	void		*arg;
	unsigned long	 count;		/* dump messages received */
	bool		 stopped;	/* fn said stop: drain the rest */
	bool		 gap;		/* a sequence number was skipped */
	int		 kerr;		/* errno the kernel put in the last */
};

/*
 * af_key numbers dump messages 1, 2, 3... and sets the last one to 0; a
 * number out of turn means a message was lost (the queue overflowed).
 * Returns 1 when the dump is complete.
 */
static int
pfkey_walk_one(struct pfkey_walk *w, const struct msgbuf *mb)
{
	const struct sadb_msg *msg = (const void *)mb->data;

	w->count++;
	if (msg->sadb_msg_seq != 0 && msg->sadb_msg_seq != w->count)
		w->gap = true;
	if (!w->stopped && w->fn(msg, mb->len, w->arg) != 0)
		w->stopped = true;
	if (msg->sadb_msg_errno != 0)
		w->kerr = msg->sadb_msg_errno;
	return msg->sadb_msg_seq == 0;
}

/* dump entries carry their own numbers, not the request's seq */
static bool
pfkey_matches_dump(const struct msgbuf *mb, const struct pfkey_match *m)
{
	const struct sadb_msg *msg = (const void *)mb->data;

	return msg->sadb_msg_type == m->type && msg->sadb_msg_pid == m->pid;
}

static bool
pfkey_is_error_reply(const struct msgbuf *mb, const struct pfkey_match *m)
{
	const struct sadb_msg *msg = (const void *)mb->data;

	return msg->sadb_msg_errno != 0 && msg->sadb_msg_seq == m->seq &&
	    mb->len == sizeof(*msg);
}

static int
pfkey_walk_result(const struct pfkey_walk *w)
{
	if (w->gap)
		return -ENOBUFS;
	return -w->kerr;
}

/*
 * Stream a dump: REQ is an SADB_DUMP or SADB_X_SPDDUMP message; FN sees
 * each entry as it arrives, one buffer reused, so memory stays flat.
 * An empty table is af_key's ENOENT, returned as 0 with FN never called.
 * A lost message is -ENOBUFS, never a silently short listing.
 */
int
pfkey_dump_req(struct pfkey *pk, const struct msgbuf *req,
    pfkey_walk_fn fn, void *arg)
{
	const struct sadb_msg *hdr = (const void *)req->data;
	struct pfkey_match m = { hdr->sadb_msg_type, hdr->sadb_msg_seq,
	    hdr->sadb_msg_pid };
	struct pfkey_walk w = { .fn = fn, .arg = arg };
	struct msgbuf mb;
	int err;

	pfkey_grow_rcvbuf(pk);
	if ((err = pfkey_send(pk, req)) != 0)
		return err;
	msgbuf_init(&mb);
	for (;;) {
		err = pfkey_recv(pk, &mb, pk->timeout_ms);
		if (err == -EBADMSG)
			continue;
		if (err != 0)
			break;
		if (!pfkey_matches_dump(&mb, &m))
			continue;
		if (pfkey_is_error_reply(&mb, &m)) {
			err = ((struct sadb_msg *)(void *)mb.data)->
			    sadb_msg_errno;
			err = err == ENOENT ? 0 : -err;
			/* for -v: the reply that said the table is empty */
			if (pk->closing != NULL) {
				msgbuf_reset(pk->closing);
				memcpy(msgbuf_reserve(pk->closing, mb.len),
				    mb.data, mb.len);
			}
			break;
		}
		if (pfkey_walk_one(&w, &mb)) {
			err = pfkey_walk_result(&w);
			break;
		}
	}
	msgbuf_free(&mb);
	return err;
}

/* a header-only request: flush, dump, promisc */
static void
pfkey_header(struct pfkey *pk, struct msgbuf *mb, uint8_t type,
    uint8_t satype)
{
	msgbuf_init(mb);
	ext_put_msg(mb, type, satype, pfkey_next_seq(pk), pk->pid);
	(void)ext_finish(mb);
}

int
pfkey_dump(struct pfkey *pk, uint8_t type, uint8_t satype,
    pfkey_walk_fn fn, void *arg)
{
	struct msgbuf req;
	int err;

	pfkey_header(pk, &req, type, satype);
	err = pfkey_dump_req(pk, &req, fn, arg);
	msgbuf_free(&req);
	return err;
}

/* SADB_X_PROMISC: satype 1 turns on a copy of every process's traffic */
int
pfkey_promisc(struct pfkey *pk, int on)
{
	struct msgbuf req, reply;
	int err;

	pfkey_header(pk, &req, SADB_X_PROMISC, on ? 1 : 0);
	msgbuf_init(&reply);
	err = pfkey_request(pk, &req, &reply);
	if (err == 0 && ((struct sadb_msg *)(void *)reply.data)->
	    sadb_msg_errno != 0)
		err = -((struct sadb_msg *)(void *)reply.data)->sadb_msg_errno;
	msgbuf_free(&reply);
	msgbuf_free(&req);
	return err;
}
