// SPDX-License-Identifier: BSD-2-Clause
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include "msgbuf.h"

#define ALIGN8(n)	(((n) + 7) & ~(size_t)7)

void
msgbuf_init(struct msgbuf *mb)
{
	mb->data = NULL;
	mb->len = 0;
	mb->cap = 0;
}

/* empty it but keep the storage; wiped, since it may have held keys */
void
msgbuf_reset(struct msgbuf *mb)
{
	if (mb->data != NULL)
		explicit_bzero(mb->data, mb->len);
	mb->len = 0;
}

void
msgbuf_free(struct msgbuf *mb)
{
	if (mb->data != NULL)
		explicit_bzero(mb->data, mb->cap);
	free(mb->data);
	msgbuf_init(mb);
}

/* realloc would leave a copy of the keys behind: move them by hand */
static void
msgbuf_grow(struct msgbuf *mb, size_t need)
{
	size_t cap = mb->cap ? mb->cap : 512;
	uint8_t *data;

	while (cap < need) {
		if (cap > SIZE_MAX / 2)
			errx(1, "message too large");
		cap *= 2;
	}
	if ((data = malloc(cap)) == NULL)
		err(1, "malloc");
	if (mb->data != NULL) {
		memcpy(data, mb->data, mb->len);
		explicit_bzero(mb->data, mb->cap);
		free(mb->data);
	}
	mb->data = data;
	mb->cap = cap;
}

void *
msgbuf_reserve(struct msgbuf *mb, size_t len)
{
	size_t padded = ALIGN8(len);
	uint8_t *p;

	if (padded < len || mb->len > SIZE_MAX - padded)
		errx(1, "message too large");
	if (mb->len + padded > mb->cap)
		msgbuf_grow(mb, mb->len + padded);
	p = mb->data + mb->len;
	memset(p, 0, padded);
	mb->len += padded;
	return p;
}

/* storage for CAP bytes from the start, for recv(); len is untouched */
void *
msgbuf_room(struct msgbuf *mb, size_t cap)
{
	if (cap > mb->cap)
		msgbuf_grow(mb, cap);
	return mb->data;
}
