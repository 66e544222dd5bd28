// SPDX-License-Identifier: BSD-2-Clause
/*
 * libFuzzer harness for the configuration language, with -n -v
 * semantics: bytes -> parse_stream -> every statement encoded by
 * msg_build -> the encoded message through the printer -> freed.
 * Oracle beyond the sanitizers: a message msg_build accepts must pass
 * msg_index, since the kernel would apply the same checks.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "build.h"
#include "cmd.h"
#include "msgbuf.h"
#include "msgcheck.h"
#include "parse.h"
#include "print.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *sink;

static int
encode(struct cmd *cmd, void *arg)
{
	struct print_opts po = { .hex = true, .now = 1700000000 };
	struct ext_table tab;
	struct msgbuf mb;

	(void)arg;
	msgbuf_init(&mb);
	if (msg_build(cmd, 1, 0, &mb) == 0) {
		if (msg_index(mb.data, mb.len, &tab) != 0) {
			fprintf(sink, "built message fails msg_index: %s\n",
			    tab.why);
			abort();
		}
		rewind(sink);
		print_msg(sink, mb.data, mb.len, &po);
	}
	msgbuf_free(&mb);
	cmd_free(cmd);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct parse_opts po = { .name = "fuzz", .cb = encode };
	FILE *fp;

	/*
	 * Diagnostics come by the million: run with -close_fd_mask=2
	 * (make fuzz does), which closes stderr but keeps libFuzzer's and
	 * the sanitizers' reports (a freopen here would lose those), and
	 * buffer them, so that a statement's error is not three writes.
	 */
	if (sink == NULL) {
		if ((sink = fopen("/dev/null", "w")) == NULL)
			abort();
		setvbuf(stderr, NULL, _IOFBF, 1 << 16);
	}
	if (size == 0)
		return 0;
	if ((fp = fmemopen((void *)data, size, "r")) == NULL)
		abort();
	parse_stream(fp, &po);
	fclose(fp);
	return 0;
}
