// SPDX-License-Identifier: BSD-2-Clause
/*
 * libFuzzer harness for the decoder and printer: the `setkey FILE` and
 * -x paths.  The first byte picks the print options, the rest is a
 * file of raw PF_KEY messages, walked the way rawfile.c walks one:
 * each message (by its header length, or the rest when that cannot be
 * trusted) through msg_index, print_msg, print_dump and print_short
 * (-l).  The bytes are
 * copied to a buffer of exactly their size, so that any read past the
 * end is an ASan report.
 */
#include <linux/pfkeyv2.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msgcheck.h"
#include "print.h"

#define OPT_PORTS	0x01
#define OPT_ALL		0x02
#define OPT_HEX		0x04
#define OPT_RAWTIME	0x08
#define OPT_VERBOSE	0x10

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *sink;

/* how far the message at off reaches; the rest when its length lies */
static size_t
msg_span(const uint8_t *buf, size_t rest)
{
	const struct sadb_msg *msg = (const void *)buf;

	if (rest >= sizeof(*msg) && msg->sadb_msg_len >= 2 &&
	    (size_t)msg->sadb_msg_len * 8 <= rest)
		return (size_t)msg->sadb_msg_len * 8;
	return rest;
}

static void
walk(const uint8_t *buf, size_t len, const struct print_opts *po,
    int verbose)
{
	struct ext_table tab;
	size_t off, n;

	for (off = 0; off < len; off += n) {
		n = msg_span(buf + off, len - off);
		rewind(sink);
		if (verbose)
			print_msg(sink, buf + off, n, po);
		print_dump(sink, buf + off, n, po);
		print_short(sink, buf + off, n, po);
		if (msg_index(buf + off, n, &tab) != 0 && tab.sound > n)
			abort();
		if (n == len - off && tab.why != NULL)
			break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct print_opts po = { .now = 1700000000 };
	uint8_t *buf;

	if (sink == NULL && (sink = fopen("/dev/null", "w")) == NULL)
		abort();
	if (size < 2)
		return 0;
	po.ports = data[0] & OPT_PORTS;
	po.all = data[0] & OPT_ALL;
	po.hex = data[0] & OPT_HEX;
	po.rawtime = data[0] & OPT_RAWTIME;
	if ((buf = malloc(size - 1)) == NULL)
		abort();
	memcpy(buf, data + 1, size - 1);
	walk(buf, size - 1, &po, data[0] & OPT_VERBOSE);
	free(buf);
	return 0;
}
