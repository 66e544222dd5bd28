/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_MSGCHECK_H
#define SETKEY_MSGCHECK_H

/*
 * Checks a received (or to-be-sent) PF_KEY message before anything
 * reads it: header length against the buffer, every extension's
 * length, type and duplicates, and the minimum size of the known
 * extension types.  Fills a table the caller owns.
 *
 * msg_index() returns 0 when the whole buffer is one sound message.
 * Otherwise it returns -1, sets why (a constant string) and sound: the
 * bytes from the start that were checked (the offending extension, if
 * any, begins there).  Everything put in ext[] lies inside the sound
 * part and has passed its type's checks, addresses included (AF_INET
 * or AF_INET6, the whole sockaddr present).  ext[0] stays NULL.
 */

#include <linux/pfkeyv2.h>

#include <stddef.h>

struct ext_table {
	const struct sadb_ext	*ext[SADB_EXT_MAX + 1];
	size_t			 sound;	/* bytes checked and usable */
	const char		*why;	/* NULL, or what is wrong */
};

int	msg_index(const void *buf, size_t len, struct ext_table *tab);
size_t	msg_sockaddr_len(const void *sa, size_t avail);

#endif
