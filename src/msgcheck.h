/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_MSGCHECK_H
#define SETKEY_MSGCHECK_H

/*
 * Checks a received (or to-be-sent) PF_KEY message before anything
 * reads it: header length against the buffer, every extension's
 * length, type and duplicates, and the minimum size of the known
 * extension types.  Fills a table the caller owns.
 */

#include <linux/pfkeyv2.h>

#include <stddef.h>

struct ext_table {
	const struct sadb_ext	*ext[SADB_EXT_MAX + 1];
	size_t			 sound;	/* bytes checked and usable */
	const char		*why;	/* NULL, or what is wrong */
};

int	msg_index(const void *buf, size_t len, struct ext_table *tab);

#endif
