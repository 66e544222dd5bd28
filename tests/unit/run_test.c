// SPDX-License-Identifier: BSD-2-Clause
#include <sys/socket.h>

#include <linux/ipsec.h>
#include <linux/pfkeyv2.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "run.h"
#include "unit.h"

/*
 * run.c's sequencing (RFC mode's fwd copy, kernel mode, deleteall,
 * refusals) against a socketpair: the replies are queued first, and
 * what run.c sent is read back from the "kernel" end.
 */

#define RUN_PID		777

struct bench {
	struct run_opts	 opts;
	struct runner	 r;
	int		 kernel;
	int		 saved_stderr;
};

static int
bench_open(struct bench *b, bool kernel_mode)
{
	int sv[2];

	memset(b, 0, sizeof(*b));
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == -1)
		return -1;
	b->opts.kernel_mode = kernel_mode;
	b->r.opts = &b->opts;
	b->r.pk.fd = sv[0];
	b->r.pk.pid = RUN_PID;
	b->r.pk.seq = 100;
	b->r.pk.timeout_ms = 200;
	b->r.pk.drain = false;		/* replies are queued first */
	b->r.open = true;
	msgbuf_init(&b->r.req);
	msgbuf_init(&b->r.reply);
	b->kernel = sv[1];
	return 0;
}

static void
bench_close(struct bench *b)
{
	run_fini(&b->r);
	close(b->kernel);
}

/* refusals are reported on stderr: keep the test output clean */
static void
quiet(struct bench *b, bool on)
{
	int null;

	fflush(stderr);
	if (on) {
		b->saved_stderr = dup(2);
		null = open("/dev/null", O_WRONLY);
		dup2(null, 2);
		close(null);
	} else {
		dup2(b->saved_stderr, 2);
		close(b->saved_stderr);
	}
}

static void
reply(struct bench *b, uint8_t type, uint32_t seq, uint8_t err)
{
	struct sadb_msg msg;

	memset(&msg, 0, sizeof(msg));
	msg.sadb_msg_version = PF_KEY_V2;
	msg.sadb_msg_type = type;
	msg.sadb_msg_errno = err;
	msg.sadb_msg_len = 2;
	msg.sadb_msg_seq = seq;
	msg.sadb_msg_pid = RUN_PID;
	(void)write(b->kernel, &msg, sizeof(msg));
}

/* the next message run.c sent, or 0 bytes */
static ssize_t
sent(struct bench *b, uint8_t *buf, size_t len)
{
	ssize_t n = recv(b->kernel, buf, len, MSG_DONTWAIT);

	return n < 0 ? 0 : n;
}

static const void *
find(const uint8_t *buf, size_t len, uint16_t type)
{
	size_t off = sizeof(struct sadb_msg);

	while (off + sizeof(struct sadb_ext) <= len) {
		const struct sadb_ext *ext = (const void *)(buf + off);

		if (ext->sadb_ext_len == 0)
			return NULL;
		if (ext->sadb_ext_type == type)
			return ext;
		off += ext->sadb_ext_len * 8;
	}
	return NULL;
}

static void
set_v4(struct addr *a, const char *text)
{
	struct sockaddr_in *sin = (void *)&a->ss;

	memset(a, 0, sizeof(*a));
	a->prefixlen = ADDR_PLEN_FULL;
	a->port = ADDR_PORT_NONE;
	sin->sin_family = AF_INET;
	inet_pton(AF_INET, text, &sin->sin_addr);
}

static struct cmd *
policy_in(enum cmd_kind kind)
{
	struct cmd *cmd = calloc(1, sizeof(*cmd));

	cmd->kind = kind;
	cmd->loc.file = "t.conf";
	cmd->loc.line = 3;
	cmd->loc.col = 1;
	set_v4(&cmd->src, "10.0.1.0");
	set_v4(&cmd->dst, "10.0.2.0");
	cmd->sp.upper = IPSEC_ULPROTO_ANY;
	cmd->sp.dir = IPSEC_DIR_INBOUND;
	cmd->sp.type = IPSEC_POLICY_IPSEC;
	cmd->sp.priority = 0x80000000;
	cmd->sp.nreq = 1;
	cmd->sp.reqs = calloc(1, sizeof(*cmd->sp.reqs));
	cmd->sp.reqs[0].proto = IPPROTO_ESP;
	cmd->sp.reqs[0].mode = IPSEC_MODE_TRANSPORT;
	cmd->sp.reqs[0].level = IPSEC_LEVEL_UNIQUE;
	cmd->sp.reqs[0].reqid = 42;
	return cmd;
}

TEST(run_rfc_mode_adds_fwd_copy)
{
	struct bench b;
	struct cmd *cmd = policy_in(CMD_SPDADD);
	uint8_t buf[512];
	const struct sadb_x_policy *p;
	const struct sadb_x_ipsecrequest *rq;
	ssize_t n;

	if (bench_open(&b, false) != 0) {
		CHECK(!"socketpair");
		return;
	}
	reply(&b, SADB_X_SPDADD, 101, 0);
	reply(&b, SADB_X_SPDADD, 102, 0);
	CHECK(run_cmd(&b.r, cmd) == 0);
	CHECK(b.r.failures == 0);

	n = sent(&b, buf, sizeof(buf));
	p = find(buf, (size_t)n, SADB_X_EXT_POLICY);
	CHECK(p != NULL && p->sadb_x_policy_dir == IPSEC_DIR_INBOUND);
	rq = p != NULL ? (const void *)(p + 1) : NULL;
	CHECK(rq != NULL && rq->sadb_x_ipsecrequest_level ==
	    IPSEC_LEVEL_UNIQUE && rq->sadb_x_ipsecrequest_reqid == 42);

	n = sent(&b, buf, sizeof(buf));
	CHECK(n > 0 && ((struct sadb_msg *)(void *)buf)->sadb_msg_seq == 102);
	p = find(buf, (size_t)n, SADB_X_EXT_POLICY);
	CHECK(p != NULL && p->sadb_x_policy_dir == IPSEC_DIR_FWD);
	rq = p != NULL ? (const void *)(p + 1) : NULL;
	CHECK(rq != NULL && rq->sadb_x_ipsecrequest_level ==
	    IPSEC_LEVEL_REQUIRE && rq->sadb_x_ipsecrequest_reqid == 0);
	CHECK(sent(&b, buf, sizeof(buf)) == 0);
	/* the statement itself is untouched */
	CHECK(cmd->sp.reqs[0].level == IPSEC_LEVEL_UNIQUE);
	cmd_free(cmd);
	bench_close(&b);
}

TEST(run_kernel_mode_sends_as_written)
{
	struct bench b;
	struct cmd *cmd = policy_in(CMD_SPDDELETE);
	uint8_t buf[512];

	if (bench_open(&b, true) != 0) {
		CHECK(!"socketpair");
		return;
	}
	reply(&b, SADB_X_SPDDELETE, 101, 0);
	CHECK(run_cmd(&b.r, cmd) == 0);
	CHECK(sent(&b, buf, sizeof(buf)) > 0);
	CHECK(sent(&b, buf, sizeof(buf)) == 0);

	/* RFC mode, but not inbound: no copy either */
	b.opts.kernel_mode = false;
	cmd->sp.dir = IPSEC_DIR_OUTBOUND;
	reply(&b, SADB_X_SPDDELETE, 102, 0);
	CHECK(run_cmd(&b.r, cmd) == 0);
	CHECK(sent(&b, buf, sizeof(buf)) > 0);
	CHECK(sent(&b, buf, sizeof(buf)) == 0);
	cmd_free(cmd);
	bench_close(&b);
}

/* a refusal is counted, the run goes on, the fwd copy is not sent */
TEST(run_refusal_counted)
{
	struct bench b;
	struct cmd *cmd = policy_in(CMD_SPDADD);
	uint8_t buf[512];

	if (bench_open(&b, false) != 0) {
		CHECK(!"socketpair");
		return;
	}
	reply(&b, SADB_X_SPDADD, 101, EEXIST);
	quiet(&b, true);
	CHECK(run_cmd(&b.r, cmd) == -1);
	quiet(&b, false);
	CHECK(b.r.failures == 1);
	CHECK(sent(&b, buf, sizeof(buf)) > 0);
	CHECK(sent(&b, buf, sizeof(buf)) == 0);

	/* no reply at all: a timeout, counted too */
	quiet(&b, true);
	CHECK(run_cmd(&b.r, cmd) == -1);
	quiet(&b, false);
	CHECK(b.r.failures == 2);
	cmd_free(cmd);
	bench_close(&b);
}

/* stderr into a file until quiet(b, false); NULL if none */
static FILE *
capture(struct bench *b)
{
	FILE *fp = tmpfile();

	fflush(stderr);
	b->saved_stderr = dup(2);
	if (fp != NULL)
		dup2(fileno(fp), 2);
	return fp;
}

/*
 * A kernel that never answers: a bounded wait, then one line naming
 * the statement, and a warning that the change may have been made.
 */
TEST(run_timeout_names_statement)
{
	struct bench b;
	struct cmd *cmd = policy_in(CMD_SPDADD);
	char line[256] = "";
	FILE *err;

	if (bench_open(&b, true) != 0) {
		CHECK(!"socketpair");
		return;
	}
	b.r.pk.timeout_ms = 50;
	err = capture(&b);
	CHECK(run_cmd(&b.r, cmd) == -1);
	quiet(&b, false);
	CHECK(b.r.failures == 1);
	CHECK(err != NULL && fseek(err, 0, SEEK_SET) == 0 &&
	    fgets(line, sizeof(line), err) != NULL);
	CHECK_STR(line, "setkey: t.conf:3:1: spdadd: Connection timed out "
	    "(no reply from the kernel in 10 s: it may or may not have "
	    "made the change)\n");
	if (err != NULL)
		fclose(err);
	cmd_free(cmd);
	bench_close(&b);
}

/* one SA of the dump, as af_key would send it */
static void
dump_entry(struct bench *b, const char *src, const char *dst,
    uint32_t spi, uint32_t seq)
{
	struct cmd cmd;
	struct msgbuf mb;
	struct sadb_msg *msg;

	memset(&cmd, 0, sizeof(cmd));
	cmd.kind = CMD_ADD;
	set_v4(&cmd.src, src);
	set_v4(&cmd.dst, dst);
	cmd.sa.satype = SADB_SATYPE_AH;
	cmd.sa.aalg = SADB_X_AALG_NULL;
	cmd.sa.spi = spi;
	msgbuf_init(&mb);
	if (msg_build(&cmd, seq, RUN_PID, &mb) == 0) {
		msg = (void *)mb.data;
		msg->sadb_msg_type = SADB_DUMP;
		(void)write(b->kernel, mb.data, mb.len);
	}
	msgbuf_free(&mb);
}

TEST(run_deleteall_deletes_matching)
{
	struct bench b;
	struct cmd *cmd = calloc(1, sizeof(*cmd));
	uint8_t buf[512];
	const struct sadb_sa *sa;
	ssize_t n;

	if (bench_open(&b, false) != 0) {
		CHECK(!"socketpair");
		return;
	}
	cmd->kind = CMD_DELETEALL;
	cmd->sa.satype = SADB_SATYPE_AH;
	set_v4(&cmd->src, "10.0.0.1");
	set_v4(&cmd->dst, "10.0.0.2");
	dump_entry(&b, "10.0.0.1", "10.0.0.2", 0x1001, 1);
	dump_entry(&b, "10.0.0.1", "10.0.0.3", 0x1002, 2);
	dump_entry(&b, "10.0.0.2", "10.0.0.1", 0x1003, 3);
	dump_entry(&b, "10.0.0.1", "10.0.0.2", 0x1004, 0);
	reply(&b, SADB_DELETE, 102, 0);
	reply(&b, SADB_DELETE, 103, 0);
	CHECK(run_cmd(&b.r, cmd) == 0);
	CHECK(b.r.failures == 0);

	n = sent(&b, buf, sizeof(buf));
	CHECK(n == 16 && ((struct sadb_msg *)(void *)buf)->sadb_msg_type ==
	    SADB_DUMP);
	CHECK(((struct sadb_msg *)(void *)buf)->sadb_msg_satype ==
	    SADB_SATYPE_AH);
	n = sent(&b, buf, sizeof(buf));
	sa = find(buf, (size_t)n, SADB_EXT_SA);
	CHECK(((struct sadb_msg *)(void *)buf)->sadb_msg_type == SADB_DELETE);
	CHECK(sa != NULL && sa->sadb_sa_spi == htonl(0x1001));
	n = sent(&b, buf, sizeof(buf));
	sa = find(buf, (size_t)n, SADB_EXT_SA);
	CHECK(sa != NULL && sa->sadb_sa_spi == htonl(0x1004));
	CHECK(sent(&b, buf, sizeof(buf)) == 0);
	cmd_free(cmd);
	bench_close(&b);
}

/* -n: the message is built, nothing is sent, no socket needed */
TEST(run_dryrun_sends_nothing)
{
	struct run_opts opts = { .dryrun = true };
	struct runner r;
	struct cmd *cmd = policy_in(CMD_SPDADD);

	CHECK(run_init(&r, &opts) == 0);
	CHECK(!r.open && r.pk.fd == -1);
	CHECK(run_cmd(&r, cmd) == 0);
	CHECK(r.failures == 0);
	/* built (tests/parse/nv shows the fwd copy), then wiped */
	CHECK(r.req.len == 0 && r.reply.len == 0);
	CHECK(r.req.data != NULL && r.req.cap >= 16);
	for (size_t i = 0; r.req.data != NULL && i < 16; i++)
		CHECK(r.req.data[i] == 0);
	run_fini(&r);
	cmd_free(cmd);
}
