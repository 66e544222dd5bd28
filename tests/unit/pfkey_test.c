// SPDX-License-Identifier: BSD-2-Clause
#include <sys/socket.h>

#include <linux/pfkeyv2.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "pfkey.h"
#include "unit.h"

/*
 * pfkey.c's reply matching and dump walking, with a datagram socketpair
 * standing in for the kernel: the "kernel" end has its replies (and the
 * noise a real PF_KEY socket sees) queued before the call, so the test
 * runs in one thread.
 */

#define OUR_PID		4321

struct fake {
	struct pfkey	 pk;
	int		 kernel;	/* the other end */
};

static int
fake_open(struct fake *f)
{
	int sv[2];

	memset(f, 0, sizeof(*f));
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == -1)
		return -1;
	f->pk.fd = sv[0];
	f->kernel = sv[1];
	f->pk.pid = OUR_PID;
	f->pk.seq = 100;
	f->pk.timeout_ms = 200;
	/* the replies are queued before the call: keep them */
	f->pk.drain = false;
	return 0;
}

static void
fake_close(struct fake *f)
{
	pfkey_close(&f->pk);
	close(f->kernel);
}

/* queue a message of LEN bytes (header + zeros) from the kernel end */
static void
fake_put(struct fake *f, uint8_t type, uint32_t seq, uint32_t pid,
    uint8_t err, size_t len)
{
	uint8_t buf[256];
	struct sadb_msg *msg = (void *)buf;

	memset(buf, 0, sizeof(buf));
	msg->sadb_msg_version = PF_KEY_V2;
	msg->sadb_msg_type = type;
	msg->sadb_msg_errno = err;
	msg->sadb_msg_len = (uint16_t)(len / 8);
	msg->sadb_msg_seq = seq;
	msg->sadb_msg_pid = pid;
	(void)write(f->kernel, buf, len);
}

/* a reply whose header claims 16 bytes in a 24-byte datagram */
static void
fake_put_bad(struct fake *f, uint8_t type, uint32_t seq)
{
	uint8_t buf[24];
	struct sadb_msg *msg = (void *)buf;

	memset(buf, 0, sizeof(buf));
	msg->sadb_msg_version = PF_KEY_V2;
	msg->sadb_msg_type = type;
	msg->sadb_msg_len = 2;
	msg->sadb_msg_seq = seq;
	msg->sadb_msg_pid = OUR_PID;
	(void)write(f->kernel, buf, sizeof(buf));
}

static void
fake_req(struct msgbuf *mb, uint8_t type, uint32_t seq)
{
	struct sadb_msg *msg;

	msgbuf_init(mb);
	msg = msgbuf_reserve(mb, sizeof(*msg));
	msg->sadb_msg_version = PF_KEY_V2;
	msg->sadb_msg_type = type;
	msg->sadb_msg_len = 2;
	msg->sadb_msg_seq = seq;
	msg->sadb_msg_pid = OUR_PID;
}

/* what is still queued for us after the call */
static int
fake_left(struct fake *f)
{
	uint8_t buf[256];
	int n = 0;

	while (recv(f->pk.fd, buf, sizeof(buf), MSG_DONTWAIT) > 0)
		n++;
	return n;
}

TEST(pfkey_next_seq_skips_zero)
{
	struct pfkey pk = { .seq = UINT32_MAX };

	CHECK(pfkey_next_seq(&pk) == 1);
	CHECK(pfkey_next_seq(&pk) == 2);
}

TEST(pfkey_request_skips_what_is_not_ours)
{
	struct fake f;
	struct msgbuf req, reply;
	const struct sadb_msg *msg;

	if (fake_open(&f) != 0) {
		CHECK(!"socketpair");
		return;
	}
	fake_req(&req, SADB_ADD, 7);
	fake_put(&f, SADB_ADD, 7, 999, 0, 16);		/* other process */
	fake_put(&f, SADB_FLUSH, 7, OUR_PID, 0, 16);	/* other type */
	fake_put(&f, SADB_ADD, 6, OUR_PID, 0, 16);	/* stale copy */
	fake_put_bad(&f, SADB_ADD, 7);
	fake_put(&f, SADB_ADD, 7, OUR_PID, 0, 48);	/* the reply */
	fake_put(&f, SADB_ADD, 8, OUR_PID, 0, 16);	/* next one's */
	msgbuf_init(&reply);
	CHECK(pfkey_request(&f.pk, &req, &reply) == 0);
	msg = (const void *)reply.data;
	CHECK(reply.len == 48 && msg->sadb_msg_seq == 7);
	CHECK(msg->sadb_msg_len == 6);
	CHECK(fake_left(&f) == 1);
	msgbuf_free(&req);
	msgbuf_free(&reply);
	fake_close(&f);
}

TEST(pfkey_request_error_and_timeout)
{
	struct fake f;
	struct msgbuf req, reply;

	if (fake_open(&f) != 0) {
		CHECK(!"socketpair");
		return;
	}
	fake_req(&req, SADB_X_SPDADD, 9);
	fake_put(&f, SADB_X_SPDADD, 9, OUR_PID, EEXIST, 16);
	msgbuf_init(&reply);
	CHECK(pfkey_request(&f.pk, &req, &reply) == 0);
	CHECK(((const struct sadb_msg *)(const void *)reply.data)->
	    sadb_msg_errno == EEXIST);

	/* noise only: the deadline holds however much arrives */
	f.pk.timeout_ms = 50;
	fake_put(&f, SADB_X_SPDADD, 9, 1, 0, 16);
	CHECK(pfkey_request(&f.pk, &req, &reply) == -ETIMEDOUT);
	msgbuf_free(&req);
	msgbuf_free(&reply);
	fake_close(&f);
}

/*
 * What is queued before a request is sent cannot be its reply: with
 * drain on (as pfkey_open sets it) even a perfect match is read away,
 * so a queue that other processes filled leaves room for the reply.
 */
TEST(pfkey_request_drains_the_queue_first)
{
	struct fake f;
	struct msgbuf req, reply;
	uint8_t buf[64];

	if (fake_open(&f) != 0) {
		CHECK(!"socketpair");
		return;
	}
	fake_req(&req, SADB_ADD, 7);
	fake_put(&f, SADB_ADD, 7, 999, 0, 16);		/* other process */
	fake_put(&f, SADB_ADD, 7, OUR_PID, 0, 48);	/* stale */
	f.pk.drain = true;
	f.pk.timeout_ms = 50;
	msgbuf_init(&reply);
	CHECK(pfkey_request(&f.pk, &req, &reply) == -ETIMEDOUT);
	CHECK(fake_left(&f) == 0);
	CHECK(recv(f.kernel, buf, sizeof(buf), MSG_DONTWAIT) == 16);

	/* without drain the stale copy would have been taken */
	f.pk.drain = false;
	fake_put(&f, SADB_ADD, 7, OUR_PID, 0, 48);
	CHECK(pfkey_request(&f.pk, &req, &reply) == 0);
	msgbuf_free(&req);
	msgbuf_free(&reply);
	fake_close(&f);
}

struct seen {
	int		 n;
	int		 stop_at;
	uint32_t	 seq[8];
};

static int
count_entry(const struct sadb_msg *msg, size_t len, void *arg)
{
	struct seen *s = arg;

	(void)len;
	if (s->n < 8)
		s->seq[s->n] = msg->sadb_msg_seq;
	s->n++;
	return s->stop_at != 0 && s->n >= s->stop_at;
}

TEST(pfkey_dump_streams_until_seq_zero)
{
	struct fake f;
	struct msgbuf req;
	struct seen s = { 0 };

	if (fake_open(&f) != 0) {
		CHECK(!"socketpair");
		return;
	}
	fake_req(&req, SADB_DUMP, 50);
	fake_put(&f, SADB_DUMP, 1, OUR_PID, 0, 32);
	fake_put(&f, SADB_ADD, 2, 77, 0, 16);		/* someone's add */
	fake_put(&f, SADB_DUMP, 2, OUR_PID, 0, 32);
	fake_put(&f, SADB_DUMP, 3, 77, 0, 32);		/* another dump */
	fake_put(&f, SADB_DUMP, 0, OUR_PID, 0, 32);
	fake_put(&f, SADB_FLUSH, 51, OUR_PID, 0, 16);	/* after the end */
	CHECK(pfkey_dump_req(&f.pk, &req, count_entry, &s) == 0);
	CHECK(s.n == 3);
	CHECK(s.seq[0] == 1 && s.seq[1] == 2 && s.seq[2] == 0);
	CHECK(fake_left(&f) == 1);
	msgbuf_free(&req);
	fake_close(&f);
}

TEST(pfkey_dump_gap_is_enobufs)
{
	struct fake f;
	struct msgbuf req;
	struct seen s = { 0 };

	if (fake_open(&f) != 0) {
		CHECK(!"socketpair");
		return;
	}
	fake_req(&req, SADB_X_SPDDUMP, 50);
	fake_put(&f, SADB_X_SPDDUMP, 1, OUR_PID, 0, 32);
	fake_put(&f, SADB_X_SPDDUMP, 3, OUR_PID, 0, 32);	/* 2 lost */
	fake_put(&f, SADB_X_SPDDUMP, 0, OUR_PID, 0, 32);
	CHECK(pfkey_dump_req(&f.pk, &req, count_entry, &s) == -ENOBUFS);
	CHECK(s.n == 3);
	msgbuf_free(&req);
	fake_close(&f);
}

TEST(pfkey_dump_empty_busy_and_cut)
{
	struct fake f;
	struct msgbuf req, closing;
	struct seen s = { 0 };

	if (fake_open(&f) != 0) {
		CHECK(!"socketpair");
		return;
	}
	fake_req(&req, SADB_DUMP, 60);
	fake_put(&f, SADB_DUMP, 60, OUR_PID, ENOENT, 16);	/* empty */
	msgbuf_init(&closing);
	f.pk.closing = &closing;
	CHECK(pfkey_dump_req(&f.pk, &req, count_entry, &s) == 0);
	CHECK(s.n == 0);
	/* the reply that said so is kept for -v */
	CHECK(closing.len == 16 &&
	    ((struct sadb_msg *)(void *)closing.data)->sadb_msg_errno ==
	    ENOENT);
	f.pk.closing = NULL;
	msgbuf_free(&closing);

	fake_put(&f, SADB_DUMP, 60, OUR_PID, EBUSY, 16);
	CHECK(pfkey_dump_req(&f.pk, &req, count_entry, &s) == -EBUSY);

	/* the kernel's walk failed: its errno rides on the last message */
	fake_put(&f, SADB_DUMP, 1, OUR_PID, 0, 32);
	fake_put(&f, SADB_DUMP, 0, OUR_PID, ENOMEM, 32);
	CHECK(pfkey_dump_req(&f.pk, &req, count_entry, &s) == -ENOMEM);
	CHECK(s.n == 2);

	/* no end in sight: a timeout, not a hang */
	f.pk.timeout_ms = 50;
	fake_put(&f, SADB_DUMP, 1, OUR_PID, 0, 32);
	CHECK(pfkey_dump_req(&f.pk, &req, count_entry, &s) == -ETIMEDOUT);
	msgbuf_free(&req);
	fake_close(&f);
}

/* a callback that stops still leaves the socket drained to the end */
TEST(pfkey_dump_stop_drains)
{
	struct fake f;
	struct msgbuf req;
	struct seen s = { .stop_at = 1 };

	if (fake_open(&f) != 0) {
		CHECK(!"socketpair");
		return;
	}
	fake_req(&req, SADB_DUMP, 70);
	fake_put(&f, SADB_DUMP, 1, OUR_PID, 0, 32);
	fake_put(&f, SADB_DUMP, 2, OUR_PID, 0, 32);
	fake_put(&f, SADB_DUMP, 0, OUR_PID, 0, 32);
	fake_put(&f, SADB_GET, 71, OUR_PID, 0, 16);
	CHECK(pfkey_dump_req(&f.pk, &req, count_entry, &s) == 0);
	CHECK(s.n == 1);
	CHECK(fake_left(&f) == 1);
	msgbuf_free(&req);
	fake_close(&f);
}
