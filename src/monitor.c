// SPDX-License-Identifier: BSD-2-Clause
#include <sys/time.h>
#include <linux/pfkeyv2.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "monitor.h"
#include "pfkey.h"

/* how soon a signal is noticed; -l lists once a second */
#define MONITOR_TICK_MS	250
#define LOOP_PERIOD_S	1

/* set from the handler, read by the loop: the one mutable global */
static volatile sig_atomic_t monitor_stop;

static void
monitor_on_signal(int sig)
{
	(void)sig;
	monitor_stop = 1;
}

/* pfkey_recv retries on EINTR, so the loop polls this flag instead */
static void
monitor_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = monitor_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

static void
monitor_show(const struct msgbuf *mb, const struct print_opts *po)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	print_timestamp(stdout, &tv, po->rawtime);
	print_msg(stdout, mb->data, mb->len, po);
	fflush(stdout);
}

/*
 * A full queue means the kernel drops what comes next and tells no
 * one.  Say so once, before the messages still queued (any gap comes
 * after them), and look again only once the queue has run dry.
 * Returns true when it reported.
 */
static bool
monitor_check_queue(const struct pfkey *pk, bool *full)
{
	if (*full || pfkey_queue_full(pk) != 1)
		return false;
	*full = true;
	fflush(stdout);
	diag_error(NULL, "PF_KEY receive queue full: the kernel may have "
	    "dropped messages");
	return true;
}

int
monitor_run(const struct print_opts *po)
{
	struct pfkey pk;
	struct msgbuf mb;
	bool full = false, lost = false;
	int err;

	if (pfkey_connect(&pk) != 0)
		return 1;
	monitor_signals();
	pfkey_grow_rcvbuf(&pk);
	if ((err = pfkey_promisc(&pk, 1)) != 0) {
		diag_error(NULL, "SADB_X_PROMISC: %s", strerror(-err));
		pfkey_close(&pk);
		return 1;
	}

	/*
	 * The queue is looked at before every read, the first after a
	 * wait included: once over its limit it stays there until we read,
	 * so no loss goes unseen.
	 */
	msgbuf_init(&mb);
	while (!monitor_stop) {
		if (monitor_check_queue(&pk, &full))
			lost = true;
		err = pfkey_recv(&pk, &mb, 0);
		if (err == -ETIMEDOUT) {
			full = false;
			err = pfkey_wait(&pk, MONITOR_TICK_MS);
		} else if (err == 0 || err == -EBADMSG) {
			monitor_show(&mb, po);
			err = 0;
		}
		if (err != 0 && err != -ETIMEDOUT)
			break;
		err = 0;
	}
	msgbuf_free(&mb);
	pfkey_close(&pk);
	if (err != 0) {
		diag_error(NULL, "PF_KEY: %s", strerror(-err));
		return 1;
	}
	return lost;
}

struct loop_ctx {
	struct print_opts	 po;
	bool			 verbose;
	unsigned long		 count;
};

static int
loop_entry(const struct sadb_msg *msg, size_t len, void *arg)
{
	struct loop_ctx *lc = arg;

	lc->count++;
	if (lc->verbose)
		print_msg(stdout, msg, len, &lc->po);
	print_short(stdout, msg, len, &lc->po);
	return 0;
}

/* a signal cuts the sleep short: nanosleep is not restarted */
static void
loop_sleep(void)
{
	struct timespec ts = { LOOP_PERIOD_S, 0 };

	while (!monitor_stop && nanosleep(&ts, &ts) != 0 && errno == EINTR)
		continue;
}

/*
 * -D -l: the SAD as one short line per SA, once a second, until SIGINT
 * or SIGTERM.  The header comes once, as the classic tool printed it;
 * an empty SAD prints "No SAD entries." each round.
 */
int
monitor_loop(const struct print_opts *po, bool verbose)
{
	struct loop_ctx lc = { .po = *po, .verbose = verbose };
	struct pfkey pk;
	int err;

	if (pfkey_connect(&pk) != 0)
		return 1;
	monitor_signals();
	print_short_header(stdout);
	while (!monitor_stop) {
		lc.count = 0;
		lc.po.now = time(NULL);
		err = pfkey_dump(&pk, SADB_DUMP, SADB_SATYPE_UNSPEC,
		    loop_entry, &lc);
		if (err != 0)
			break;
		if (lc.count == 0)
			puts("No SAD entries.");
		fflush(stdout);
		err = 0;
		loop_sleep();
	}
	pfkey_close(&pk);
	if (err != 0) {
		diag_error(NULL, "SADB_DUMP: %s", strerror(-err));
		return 1;
	}
	return 0;
}
