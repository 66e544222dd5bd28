// SPDX-License-Identifier: BSD-2-Clause
/*
 * Writes the kernel's raw reply to one dump request on standard
 * output, message after message, for the host tests of `setkey FILE`
 * (tests/parse/raw/).  Deliberately independent of setkey's own
 * PF_KEY code, so a capture does not inherit its bugs.
 *   capture sa|sp >FILE		(in the test VM, as root)
 */
#include <sys/socket.h>
#include <linux/pfkeyv2.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int
capture(int fd, uint8_t type)
{
	struct sadb_msg req, *msg;
	uint64_t buf[65536 / 8];
	ssize_t n;

	memset(&req, 0, sizeof(req));
	req.sadb_msg_version = PF_KEY_V2;
	req.sadb_msg_type = type;
	req.sadb_msg_len = sizeof(req) / 8;
	req.sadb_msg_seq = 1;
	req.sadb_msg_pid = (uint32_t)getpid();
	if (send(fd, &req, sizeof(req), 0) != (ssize_t)sizeof(req))
		return -1;
	msg = (struct sadb_msg *)buf;
	do {
		if ((n = recv(fd, buf, sizeof(buf), 0)) < (ssize_t)sizeof(*msg))
			return -1;
		/* other processes' broadcasts are not ours */
		if (msg->sadb_msg_pid != req.sadb_msg_pid ||
		    msg->sadb_msg_type != type)
			continue;
		if (msg->sadb_msg_errno != 0)
			return -1;
		if (fwrite(buf, 1, (size_t)n, stdout) != (size_t)n)
			return -1;
	} while (msg->sadb_msg_seq != 0);
	return 0;
}

int
main(int argc, char **argv)
{
	int fd;
	uint8_t type;

	if (argc != 2 || (strcmp(argv[1], "sa") != 0 &&
	    strcmp(argv[1], "sp") != 0)) {
		fputs("usage: capture sa|sp\n", stderr);
		return 2;
	}
	type = argv[1][1] == 'a' ? SADB_DUMP : SADB_X_SPDDUMP;
	if ((fd = socket(PF_KEY, SOCK_RAW, PF_KEY_V2)) == -1) {
		perror("capture: socket");
		return 1;
	}
	if (capture(fd, type) != 0) {
		perror("capture");
		return 1;
	}
	return fflush(stdout) != 0;
}
