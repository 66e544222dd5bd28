// SPDX-License-Identifier: BSD-2-Clause
#include <sys/socket.h>

#include <linux/ipsec.h>
#include <linux/pfkeyv2.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "build.h"
#include "diag.h"
#include "ext.h"
#include "msgcheck.h"
#include "offer.h"
#include "run.h"

#define RUN_VERB_MAX	64

_Static_assert(PFKEY_TIMEOUT_MS == 10000, "run_hint says 10 s");

int
run_init(struct runner *r, const struct run_opts *opts)
{
	memset(r, 0, sizeof(*r));
	r->opts = opts;
	r->pk.fd = -1;
	msgbuf_init(&r->req);
	msgbuf_init(&r->reply);
	if (opts->dryrun)
		return 0;

	if (pfkey_connect(&r->pk) != 0)
		return -1;
	r->open = true;
	/* an empty dump's reply, for -v (run_dump) */
	r->pk.closing = &r->reply;
	return 0;
}

void
run_fini(struct runner *r)
{
	if (r->open)
		pfkey_close(&r->pk);
	r->open = false;
	msgbuf_free(&r->req);
	msgbuf_free(&r->reply);
}

/* -v: every message sent and received, through the one printer */
static void
run_show(const struct runner *r, const struct msgbuf *mb)
{
	if (r->opts->verbose > 0)
		print_msg(stdout, mb->data, mb->len, &r->opts->print);
}

static bool
run_is_aead(uint8_t ealg)
{
	switch (ealg) {
	case SADB_X_EALG_AES_CCM_ICV8:
	case SADB_X_EALG_AES_CCM_ICV12:
	case SADB_X_EALG_AES_CCM_ICV16:
	case SADB_X_EALG_AES_GCM_ICV8:
	case SADB_X_EALG_AES_GCM_ICV12:
	case SADB_X_EALG_AES_GCM_ICV16:
	case SADB_X_EALG_NULL_AES_GMAC:
		return true;
	}
	return false;
}

/* an outbound policy with a tunnel template at level use */
static bool
run_is_out_tunnel_use(const struct cmd *cmd)
{
	size_t i;

	if (cmd->sp.dir != IPSEC_DIR_OUTBOUND)
		return false;
	for (i = 0; i < cmd->sp.nreq; i++)
		if (cmd->sp.reqs[i].mode == IPSEC_MODE_TUNNEL &&
		    cmd->sp.reqs[i].level == IPSEC_LEVEL_USE)
			return true;
	return false;
}

static const char *
run_sa_hint(const struct cmd *cmd, int err)
{
	bool esp = cmd->sa.satype == SADB_SATYPE_ESP;

	if (err == EEXIST && cmd->kind == CMD_ADD)
		return "an SA with this SPI and destination exists";
	if (err == ENOSYS && esp && run_is_aead(cmd->sa.ealg))
		return "PF_KEY on Linux cannot install AEAD SAs; "
		    "use XFRM netlink";
	/* where SADB_REGISTER could tell, offer.c named the algorithm */
	if (err == ENOSYS)
		return "the kernel does not offer this algorithm";
	if (err == ENOENT && esp)
		return "a crypto module this SA needs is not loaded";
	if (err == ESRCH && cmd->kind == CMD_UPDATE)
		return "no such SA; update needs one, e.g. from getspi "
		    "in the same run";
	if (err == ESRCH)
		return "no such SA";
	return NULL;
}

static const char *
run_sp_hint(const struct runner *r, const struct cmd *cmd, int err)
{
	/* likely the copy that an earlier in policy brought along */
	if (err == EEXIST && cmd->kind == CMD_SPDADD &&
	    cmd->sp.dir == IPSEC_DIR_FWD && !r->opts->kernel_mode)
		return "a policy with this selector and direction exists; "
		    "in RFC mode each in policy adds a fwd copy, and -k "
		    "sends policies as written";
	if (err == EEXIST && cmd->kind == CMD_SPDADD)
		return "a policy with this selector and direction exists";
	if (err == EINVAL && run_is_out_tunnel_use(cmd))
		return "Linux refuses optional (use) tunnel templates in "
		    "outbound policies";
	if (err == ENOENT && cmd->kind == CMD_SPDDELETE)
		return "no such policy";
	return NULL;
}

/* a one-line hint where the cause of a refusal is known */
static const char *
run_hint(const struct runner *r, const struct cmd *cmd, int err)
{
	if (err == ETIMEDOUT && (cmd->kind == CMD_DUMP ||
	    cmd->kind == CMD_SPDDUMP || cmd->kind == CMD_GET))
		return "no reply from the kernel in 10 s";
	if (err == ETIMEDOUT)
		return "no reply from the kernel in 10 s: it may or may not "
		    "have made the change";
	if (err == ENOBUFS && (cmd->kind == CMD_DUMP ||
	    cmd->kind == CMD_SPDDUMP || cmd->kind == CMD_DELETEALL))
		return "dump messages were lost: the listing is incomplete";
	switch (cmd->kind) {
	case CMD_ADD:
	case CMD_UPDATE:
	case CMD_GET:
	case CMD_DELETE:
	case CMD_GETSPI:
		return run_sa_hint(cmd, err);
	case CMD_SPDADD:
	case CMD_SPDUPDATE:
	case CMD_SPDDELETE:
		return run_sp_hint(r, cmd, err);
	default:
		return NULL;
	}
}

static int
run_fail(struct runner *r, const struct cmd *cmd, const char *verb, int err)
{
	char offer[OFFER_HINT_MAX];
	const char *hint = run_hint(r, cmd, err);

	if (offer_hint(cmd, err, offer, sizeof(offer)))
		hint = offer;
	fflush(stdout);
	diag_kernel(&cmd->loc, verb, err, hint);
	r->failures++;
	return -1;
}

/* build the message for CMD into r->req and show it; -1 if it cannot be */
static int
run_build(struct runner *r, const struct cmd *cmd, const char *verb)
{
	int err;

	err = msg_build(cmd, pfkey_next_seq(&r->pk), r->pk.pid, &r->req);
	if (err == -EOPNOTSUPP) {
		diag_error(&cmd->loc, "%s: tagged policies (BSD pf tags) "
		    "do not exist on Linux", verb);
		r->failures++;
		return -1;
	}
	if (err != 0) {
		diag_error(&cmd->loc, "%s: cannot encode this statement: %s",
		    verb, strerror(-err));
		r->failures++;
		return -1;
	}
	run_show(r, &r->req);
	return 0;
}

/* one request, one reply; the reply stays in r->reply */
static int
run_send(struct runner *r, const struct cmd *cmd, const char *verb)
{
	const struct sadb_msg *reply;
	int err;

	if (run_build(r, cmd, verb) != 0)
		return -1;
	if (r->opts->dryrun)
		return 0;
	if ((err = pfkey_request(&r->pk, &r->req, &r->reply)) != 0)
		return run_fail(r, cmd, verb, -err);
	run_show(r, &r->reply);
	reply = (const void *)r->reply.data;
	if (reply->sadb_msg_errno != 0)
		return run_fail(r, cmd, verb, reply->sadb_msg_errno);
	return 0;
}

static bool
run_same_host(const struct sadb_address *ext, const struct addr *a)
{
	const struct sockaddr *sa = (const void *)(ext + 1);
	const struct sockaddr_in *x4, *a4;
	const struct sockaddr_in6 *x6, *a6;

	if (sa->sa_family != a->ss.ss_family)
		return false;
	if (sa->sa_family == AF_INET) {
		x4 = (const void *)sa;
		a4 = (const void *)&a->ss;
		return x4->sin_addr.s_addr == a4->sin_addr.s_addr;
	}
	x6 = (const void *)sa;
	a6 = (const void *)&a->ss;
	return memcmp(&x6->sin6_addr, &a6->sin6_addr,
	    sizeof(x6->sin6_addr)) == 0;
}

/* Linux finds an SA by SPI, destination and protocol: not by source */
static bool
run_other_source(const struct ext_table *tab, const struct cmd *cmd)
{
	return !run_same_host((const void *)tab->ext[SADB_EXT_ADDRESS_SRC],
	    &cmd->src);
}

/* get and getspi: the SA the kernel returned, as -D shows it */
static int
run_send_print(struct runner *r, const struct cmd *cmd)
{
	struct print_opts po = r->opts->print;
	struct ext_table tab;

	if (run_send(r, cmd, cmd_verb(cmd->kind)) != 0)
		return -1;
	if (r->opts->dryrun)
		return 0;
	/* a -c session may be hours old: its start is no "current" */
	po.now = time(NULL);
	print_dump(stdout, r->reply.data, r->reply.len, &po);
	if (cmd->kind == CMD_GET &&
	    msg_index(r->reply.data, r->reply.len, &tab) == 0 &&
	    tab.ext[SADB_EXT_ADDRESS_SRC] != NULL &&
	    run_other_source(&tab, cmd)) {
		fflush(stdout);
		diag_warn(&cmd->loc, "get: the SA shown has another source "
		    "than the one given (Linux finds SAs by SPI and "
		    "destination)");
	}
	return 0;
}

/*
 * RFC mode: a policy for inbound traffic also guards what is forwarded,
 * so the same policy goes in again with direction fwd.  A unique level
 * there would claim the SA of the in policy: the copy uses require,
 * reqid 0.
 */
static int
run_fwd_copy(struct runner *r, const struct cmd *cmd)
{
	char verb[RUN_VERB_MAX];
	struct cmd fwd = *cmd;
	struct sp_req *reqs = NULL;
	size_t i;
	int rc;

	if (cmd->sp.nreq > 0 &&
	    (reqs = calloc(cmd->sp.nreq, sizeof(*reqs))) == NULL) {
		diag_error(&cmd->loc, "%s", strerror(errno));
		r->failures++;
		return -1;
	}
	for (i = 0; i < cmd->sp.nreq; i++) {
		reqs[i] = cmd->sp.reqs[i];
		if (reqs[i].level == IPSEC_LEVEL_UNIQUE) {
			reqs[i].level = IPSEC_LEVEL_REQUIRE;
			reqs[i].reqid = 0;
		}
	}
	fwd.sp.dir = IPSEC_DIR_FWD;
	fwd.sp.reqs = reqs;
	snprintf(verb, sizeof(verb), "%s (fwd copy)", cmd_verb(cmd->kind));
	rc = run_send(r, &fwd, verb);
	free(reqs);
	return rc;
}

static int
run_policy(struct runner *r, const struct cmd *cmd)
{
	if (run_send(r, cmd, cmd_verb(cmd->kind)) != 0)
		return -1;
	if (r->opts->kernel_mode || cmd->sp.dir != IPSEC_DIR_INBOUND)
		return 0;
	return run_fwd_copy(r, cmd);
}

struct run_dump {
	const struct runner	*r;
	struct print_opts	 po;
	unsigned long		 count;
};

static int
run_dump_entry(const struct sadb_msg *msg, size_t len, void *arg)
{
	struct run_dump *d = arg;

	d->count++;
	if (d->r->opts->verbose > 0)
		print_msg(stdout, msg, len, &d->po);
	print_dump(stdout, msg, len, &d->po);
	return 0;
}

/* dump and spddump: streamed, one entry printed as it arrives */
static int
run_dump(struct runner *r, const struct cmd *cmd)
{
	struct run_dump d = { .r = r, .po = r->opts->print };
	int err;

	if (run_build(r, cmd, cmd_verb(cmd->kind)) != 0)
		return -1;
	if (r->opts->dryrun)
		return 0;
	d.po.now = time(NULL);
	err = pfkey_dump_req(&r->pk, &r->req, run_dump_entry, &d);
	if (err != 0)
		return run_fail(r, cmd, cmd_verb(cmd->kind), -err);
	if (d.count == 0 && r->reply.len > 0)
		run_show(r, &r->reply);
	if (d.count == 0)
		puts(cmd->kind == CMD_DUMP ? "No SAD entries." :
		    "No SPD entries.");
	return 0;
}

/* the SPIs of the SAs deleteall found */
struct run_doomed {
	const struct runner	*r;
	const struct cmd	*cmd;
	uint32_t		*spi;
	size_t			 n, cap;
	bool			 nomem;
};

static void
run_doom(struct run_doomed *d, uint32_t spi)
{
	uint32_t *grown;
	size_t cap;

	if (d->n == d->cap) {
		cap = d->cap ? d->cap * 2 : 64;
		if ((grown = realloc(d->spi, cap * sizeof(*grown))) == NULL) {
			d->nomem = true;
			return;
		}
		d->spi = grown;
		d->cap = cap;
	}
	d->spi[d->n++] = spi;
}

static int
run_deleteall_entry(const struct sadb_msg *msg, size_t len, void *arg)
{
	struct run_doomed *d = arg;
	const struct sadb_address *src, *dst;
	const struct sadb_sa *sa;
	struct ext_table tab;

	if (d->r->opts->verbose > 0)
		print_msg(stdout, msg, len, &d->r->opts->print);
	if (msg_index(msg, len, &tab) != 0)
		return 0;
	sa = (const void *)tab.ext[SADB_EXT_SA];
	src = (const void *)tab.ext[SADB_EXT_ADDRESS_SRC];
	dst = (const void *)tab.ext[SADB_EXT_ADDRESS_DST];
	if (sa == NULL || src == NULL || dst == NULL)
		return 0;
	if (run_same_host(src, &d->cmd->src) &&
	    run_same_host(dst, &d->cmd->dst))
		run_doom(d, ntohl(sa->sadb_sa_spi));
	return 0;
}

/* SADB_DELETE for each SA found; the first refusal does not stop it */
static int
run_delete_doomed(struct runner *r, const struct cmd *cmd,
    const struct run_doomed *d)
{
	struct cmd del = *cmd;
	size_t i;
	int rc = 0;

	del.kind = CMD_DELETE;
	memset(&del.sa, 0, sizeof(del.sa));
	del.sa.satype = cmd->sa.satype ? cmd->sa.satype : cmd->satype;
	for (i = 0; i < d->n; i++) {
		del.sa.spi = d->spi[i];
		if (run_send(r, &del, cmd_verb(cmd->kind)) != 0)
			rc = -1;
	}
	return rc;
}

/*
 * Linux has no wildcard delete: list the SAs of that protocol, then
 * delete each whose source and destination are the ones given.  The
 * SPIs are collected first; deleting while the dump runs would mix
 * replies into it.
 */
static int
run_deleteall(struct runner *r, const struct cmd *cmd)
{
	struct run_doomed d = { .r = r, .cmd = cmd };
	int err, rc;

	if (run_build(r, cmd, cmd_verb(cmd->kind)) != 0)
		return -1;
	if (r->opts->dryrun)
		return 0;
	err = pfkey_dump_req(&r->pk, &r->req, run_deleteall_entry, &d);
	if (err == 0 && d.nomem)
		err = -ENOMEM;
	if (err != 0) {
		free(d.spi);
		return run_fail(r, cmd, cmd_verb(cmd->kind), -err);
	}
	rc = run_delete_doomed(r, cmd, &d);
	free(d.spi);
	return rc;
}

/*
 * SADB_GET for the SA that CMD names, shown with -v like any message.
 * True when the kernel has it: TAB then indexes r->reply.
 */
static bool
run_lookup(struct runner *r, const struct cmd *cmd, struct ext_table *tab)
{
	struct cmd get = *cmd;

	get.kind = CMD_GET;
	if (msg_build(&get, pfkey_next_seq(&r->pk), r->pk.pid, &r->req) != 0)
		return false;
	run_show(r, &r->req);
	if (pfkey_request(&r->pk, &r->req, &r->reply) != 0)
		return false;
	run_show(r, &r->reply);
	return msg_index(r->reply.data, r->reply.len, tab) == 0 &&
	    ext_msg(&r->reply)->sadb_msg_errno == 0 &&
	    tab->ext[SADB_EXT_SA] != NULL &&
	    tab->ext[SADB_EXT_ADDRESS_SRC] != NULL;
}

/*
 * Linux's update replaces a larval SA (from getspi) whole, but takes
 * only the lifetimes of a mature or dying one, and answers success all
 * the same.  Ask for the SA first, so that keys and algorithms left as
 * they were are not a silent surprise.
 */
static int
run_update(struct runner *r, const struct cmd *cmd)
{
	const struct sadb_sa *sa;
	struct ext_table tab;
	bool kept = false;

	if (!r->opts->dryrun && run_lookup(r, cmd, &tab)) {
		sa = (const void *)tab.ext[SADB_EXT_SA];
		kept = sa->sadb_sa_state != SADB_SASTATE_LARVAL;
	}
	if (run_send(r, cmd, cmd_verb(cmd->kind)) != 0)
		return -1;
	if (kept)
		diag_warn(&cmd->loc, "update: the SA is not larval, so Linux "
		    "changed only its lifetimes; its algorithms and keys "
		    "stay (delete and add it to change them)");
	return 0;
}

/*
 * A source address the SA does not have would not stop Linux from
 * deleting it: a typo there must not delete another SA.
 */
static int
run_delete(struct runner *r, const struct cmd *cmd)
{
	struct ext_table tab;

	if (!r->opts->dryrun && run_lookup(r, cmd, &tab) &&
	    run_other_source(&tab, cmd)) {
		fflush(stdout);
		diag_error(&cmd->loc, "delete: the SA with this SPI and "
		    "destination has another source; Linux would delete it "
		    "all the same, so it was left alone");
		r->failures++;
		return -1;
	}
	return run_send(r, cmd, cmd_verb(cmd->kind));
}

static int
run_one(struct runner *r, const struct cmd *cmd)
{
	switch (cmd->kind) {
	case CMD_DUMP:
	case CMD_SPDDUMP:
		return run_dump(r, cmd);
	case CMD_DELETEALL:
		return run_deleteall(r, cmd);
	case CMD_GET:
	case CMD_GETSPI:
		return run_send_print(r, cmd);
	case CMD_UPDATE:
		return run_update(r, cmd);
	case CMD_DELETE:
		return run_delete(r, cmd);
	case CMD_SPDADD:
	case CMD_SPDUPDATE:
	case CMD_SPDDELETE:
		return run_policy(r, cmd);
	default:
		return run_send(r, cmd, cmd_verb(cmd->kind));
	}
}

int
run_cmd(struct runner *r, const struct cmd *cmd)
{
	int rc = run_one(r, cmd);

	/* the request carried keys, and af_key echoes them in its reply */
	msgbuf_reset(&r->req);
	msgbuf_reset(&r->reply);
	return rc;
}
