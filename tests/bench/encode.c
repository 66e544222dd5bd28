// SPDX-License-Identifier: BSD-2-Clause
/*
 * Encodes a configuration into the PF_KEY messages setkey would send,
 * back to back, for the floor to replay:
 *   encode <CONFIG >MESSAGES
 * It uses the project's own parser and encoder (parse_stream,
 * msg_build), so the floor sends byte for byte what setkey sends.  Only
 * statements that are one message each (add, spdadd out, ...) belong in
 * the input: RFC mode's fwd copy of an inbound policy is not made here.
 */
#include <stdio.h>
#include <stdlib.h>

#include "build.h"
#include "cmd.h"
#include "msgbuf.h"
#include "parse.h"

struct encode {
	struct msgbuf	 mb;
	uint32_t	 seq;
	int		 failed;
};

static int
encode_one(struct cmd *cmd, void *arg)
{
	struct encode *e = arg;

	msgbuf_reset(&e->mb);
	if (msg_build(cmd, ++e->seq, 0, &e->mb) != 0 ||
	    fwrite(e->mb.data, e->mb.len, 1, stdout) != 1)
		e->failed = 1;
	cmd_free(cmd);
	return e->failed;
}

int
main(void)
{
	struct encode e = { .seq = 0 };
	struct parse_opts po = {
		.name = "(stdin)",
		.cb = encode_one,
		.arg = &e,
	};
	unsigned int errors;

	msgbuf_init(&e.mb);
	errors = parse_stream(stdin, &po);
	msgbuf_free(&e.mb);
	if (errors > 0 || e.failed || fflush(stdout) != 0) {
		fprintf(stderr, "encode: failed at statement %u\n", e.seq);
		return 1;
	}
	return 0;
}
