// SPDX-License-Identifier: BSD-2-Clause
/*
 * The floor setkey is measured against: PF_KEY traffic and nothing
 * else.
 *   floor MESSAGES     replays pre-encoded messages (from encode) and
 *                      reads each reply
 *   floor -d sa|sp     asks for a dump (SADB_DUMP, SADB_X_SPDDUMP) and
 *                      reads it to its end, printing nothing per entry
 * Each message gets this process's pid and a fresh seq; a reply is the
 * next message on the socket with the same type and seq.  Prints the
 * number of messages and of refusals; exits 1 if any was refused, so a
 * run that measured errors is not taken for one that measured work.
 */
#include <sys/socket.h>
#include <sys/stat.h>

#include <linux/pfkeyv2.h>

#include <err.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FLOOR_RBUF	65536
/* what setkey asks for before a dump (src/pfkey.c), for a fair race */
#define FLOOR_DUMP_RCVBUF	(4 * 1024 * 1024)

static uint8_t *
floor_load(const char *path, size_t *len)
{
	struct stat st;
	uint8_t *buf;
	size_t off;
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY)) == -1 || fstat(fd, &st) == -1)
		err(1, "%s", path);
	/* uint64_t: the messages are read in place, 8-byte aligned */
	if ((buf = malloc((size_t)st.st_size + 8)) == NULL)
		err(1, "malloc");
	for (off = 0; off < (size_t)st.st_size; off += (size_t)n)
		if ((n = read(fd, buf + off, (size_t)st.st_size - off)) <= 0)
			err(1, "%s: read", path);
	close(fd);
	*len = off;
	return buf;
}

/* the reply to HDR: skip anything else the socket sees */
static int
floor_reply(int fd, const struct sadb_msg *hdr, uint64_t *rbuf)
{
	const struct sadb_msg *r = (const void *)rbuf;
	ssize_t n;

	for (;;) {
		if ((n = recv(fd, rbuf, FLOOR_RBUF, 0)) == -1)
			err(1, "recv");
		if ((size_t)n >= sizeof(*r) &&
		    r->sadb_msg_type == hdr->sadb_msg_type &&
		    r->sadb_msg_seq == hdr->sadb_msg_seq &&
		    r->sadb_msg_pid == hdr->sadb_msg_pid)
			return r->sadb_msg_errno;
	}
}

/* the dump's messages up to the last (seq 0); an empty table is ENOENT */
static int
floor_dump(int fd, uint8_t type, uint64_t *rbuf)
{
	const struct sadb_msg *r = (const void *)rbuf;
	struct sadb_msg req = {
		.sadb_msg_version = PF_KEY_V2,
		.sadb_msg_type = type,
		.sadb_msg_len = sizeof(req) / 8,
		.sadb_msg_seq = 1,
		.sadb_msg_pid = (uint32_t)getpid(),
	};
	int size = FLOOR_DUMP_RCVBUF;
	unsigned long n = 0;
	ssize_t got;

	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size,
	    sizeof(size)) == -1)
		(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size,
		    sizeof(size));
	if (send(fd, &req, sizeof(req), 0) != (ssize_t)sizeof(req))
		err(1, "send");
	for (;;) {
		if ((got = recv(fd, rbuf, FLOOR_RBUF, 0)) == -1)
			err(1, "recv");
		if ((size_t)got < sizeof(*r) || r->sadb_msg_type != type ||
		    r->sadb_msg_pid != req.sadb_msg_pid)
			continue;
		if (r->sadb_msg_errno != 0)
			break;
		n++;
		if (r->sadb_msg_seq == 0)
			break;
	}
	printf("floor: %lu entries, errno %d\n", n, r->sadb_msg_errno);
	return r->sadb_msg_errno != 0;
}

static int
floor_socket(void)
{
	int fd;

	if ((fd = socket(PF_KEY, SOCK_RAW | SOCK_CLOEXEC, PF_KEY_V2)) == -1)
		err(1, "socket(PF_KEY)");
	return fd;
}

int
main(int argc, char **argv)
{
	static uint64_t rbuf[FLOOR_RBUF / 8];
	unsigned long sent = 0, refused = 0;
	struct sadb_msg *hdr;
	uint8_t *buf;
	size_t len, off, mlen;
	uint32_t pid = (uint32_t)getpid();
	int fd;

	if (argc == 3 && strcmp(argv[1], "-d") == 0 &&
	    (strcmp(argv[2], "sa") == 0 || strcmp(argv[2], "sp") == 0))
		return floor_dump(floor_socket(), argv[2][1] == 'a' ?
		    SADB_DUMP : SADB_X_SPDDUMP, rbuf);
	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, "usage: floor MESSAGES | floor -d sa|sp\n");
		return 2;
	}
	buf = floor_load(argv[1], &len);
	fd = floor_socket();
	for (off = 0; off + sizeof(*hdr) <= len; off += mlen) {
		hdr = (void *)(buf + off);
		mlen = (size_t)hdr->sadb_msg_len * 8;
		if (mlen < sizeof(*hdr) || mlen > len - off)
			errx(1, "%s: bad message at byte %zu", argv[1], off);
		hdr->sadb_msg_pid = pid;
		hdr->sadb_msg_seq = (uint32_t)++sent;
		if (send(fd, hdr, mlen, 0) != (ssize_t)mlen)
			err(1, "send");
		if (floor_reply(fd, hdr, rbuf) != 0)
			refused++;
	}
	close(fd);
	printf("floor: %lu sent, %lu refused\n", sent, refused);
	return refused > 0;
}
