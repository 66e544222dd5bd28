// SPDX-License-Identifier: BSD-2-Clause
#include <sys/time.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "monitor.h"
#include "pfkey.h"

#define MONITOR_TICK_MS	250		/* how soon a signal is noticed */

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

int
monitor_run(const struct print_opts *po)
{
	struct pfkey pk;
	struct msgbuf mb;
	int err;

	if ((err = pfkey_open(&pk)) != 0) {
		diag_error(NULL, "cannot open a PF_KEY socket: %s",
		    strerror(-err));
		return 1;
	}
	monitor_signals();
	if ((err = pfkey_promisc(&pk, 1)) != 0) {
		diag_error(NULL, "SADB_X_PROMISC: %s", strerror(-err));
		pfkey_close(&pk);
		return 1;
	}

	msgbuf_init(&mb);
	while (!monitor_stop) {
		err = pfkey_recv(&pk, &mb, MONITOR_TICK_MS);
		if (err == 0 || err == -EBADMSG)
			monitor_show(&mb, po);
		else if (err != -ETIMEDOUT)
			break;
		err = 0;
	}
	msgbuf_free(&mb);
	pfkey_close(&pk);
	if (err != 0) {
		diag_error(NULL, "PF_KEY: %s", strerror(-err));
		return 1;
	}
	return 0;
}
