// SPDX-License-Identifier: BSD-2-Clause
#include <linux/pfkeyv2.h>

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "msgcheck.h"
#include "rawfile.h"
#include "secret.h"

#define RAW_CHUNK	65536
#define U64		sizeof(uint64_t)

struct rawbuf {
	uint8_t		*data;
	size_t		 len;
	size_t		 cap;
};

static int
rawbuf_grow(struct rawbuf *rb)
{
	uint8_t *p;
	size_t cap = rb->cap + RAW_CHUNK;

	if ((p = malloc(cap)) == NULL)
		return -1;
	if (rb->len > 0)
		memcpy(p, rb->data, rb->len);
	secret_free(rb->data, rb->cap);
	rb->data = p;
	rb->cap = cap;
	return 0;
}

static int
rawbuf_read(struct rawbuf *rb, FILE *in)
{
	size_t n;

	for (;;) {
		if (rb->len == rb->cap && rawbuf_grow(rb) != 0)
			return -1;
		n = fread(rb->data + rb->len, 1, rb->cap - rb->len, in);
		rb->len += n;
		if (n == 0)
			return ferror(in) ? -1 : 0;
	}
}

/*
 * One message at off; returns how far to step, 0 when the length in
 * its header cannot be trusted and the rest of the file is unusable.
 */
static size_t
rawfile_one(FILE *out, const char *name, const struct rawbuf *rb,
    size_t off, const struct print_opts *po, bool verbose, int *bad)
{
	const struct sadb_msg *msg = (const void *)(rb->data + off);
	struct ext_table tab;
	size_t rest = rb->len - off, len = rest;

	if (rest >= sizeof(*msg) && msg->sadb_msg_len >= 2 &&
	    (size_t)msg->sadb_msg_len * U64 <= rest)
		len = (size_t)msg->sadb_msg_len * U64;
	if (verbose)
		print_msg(out, rb->data + off, len, po);
	print_dump(out, rb->data + off, len, po);
	if (msg_index(rb->data + off, len, &tab) != 0) {
		diag_error(NULL, "%s: message at byte %zu: %s (%zu of %zu "
		    "bytes sound)", name, off, tab.why, tab.sound, len);
		*bad = 1;
	}
	return len == rest && tab.why != NULL ? 0 : len;
}

/*
 * A message starts with version 2, a byte no text has: a file of
 * text was most likely meant for -f.
 */
static bool
rawfile_is_text(const struct rawbuf *rb)
{
	size_t i, n = rb->len < 64 ? rb->len : 64;

	if (n == 0 || rb->data[0] == PF_KEY_V2)
		return false;
	for (i = 0; i < n; i++)
		if (!isprint(rb->data[i]) && !isspace(rb->data[i]))
			return false;
	return true;
}

int
rawfile_print(FILE *out, const char *path, const struct print_opts *po,
    bool verbose)
{
	struct rawbuf rb = { NULL, 0, 0 };
	const char *name = path;
	FILE *in = stdin;
	size_t off, step;
	int bad = 0;

	if (strcmp(path, "-") == 0)
		name = "(stdin)";
	else if ((in = fopen(path, "rb")) == NULL) {
		diag_error(NULL, "%s: %s", path, strerror(errno));
		return 1;
	}
	if (rawbuf_read(&rb, in) != 0) {
		diag_error(NULL, "%s: %s", name, strerror(errno));
		rb.len = 0;
		bad = 1;
	}
	if (in != stdin)
		fclose(in);
	if (rawfile_is_text(&rb)) {
		diag_error(NULL, "%s: text, not raw PF_KEY messages; to load "
		    "a configuration file, use setkey -f %s", name, path);
		rb.len = 0;
		bad = 1;
	}
	for (off = 0; off < rb.len; off += step) {
		step = rawfile_one(out, name, &rb, off, po, verbose, &bad);
		if (step == 0)
			break;
	}
	secret_free(rb.data, rb.cap);
	return bad;
}
