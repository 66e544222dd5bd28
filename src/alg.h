/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_ALG_H
#define SETKEY_ALG_H

/*
 * The one table of algorithm names, Linux ids and legal key lengths,
 * shared by the parser (name to id, key check) and the printer (id to
 * name).  Facts from ../shared/spec/LANGUAGE.md and <linux/pfkeyv2.h>.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum alg_kind {
	ALG_ENC,			/* -E */
	ALG_AUTH,			/* -A */
	ALG_COMP,			/* -C */
};

#define ALG_AEAD	0x01		/* takes no -A */
#define ALG_OBSOLETE	0x02		/* warn when used */
#define ALG_NOLINUX	0x04		/* Linux has no such algorithm */
#define ALG_KEYLIST	0x08		/* bits[] lists the legal sizes */
#define ALG_NOKEY	0x10		/* no key at all (IPComp) */

struct alg {
	enum alg_kind	 kind;
	const char	*name;		/* printed name */
	uint8_t		 id;		/* sadb_sa_encrypt / _auth */
	uint32_t	 flags;		/* ALG_* above, plus sa flags */
	uint16_t	 minbits, maxbits;	/* without ALG_KEYLIST */
	uint16_t	 bits[4];	/* with ALG_KEYLIST, 0-terminated */
	uint32_t	 saflags;	/* sadb_sa_flags it implies */
};

const struct alg	*alg_by_name(enum alg_kind kind, const char *name);
const struct alg	*alg_by_id(enum alg_kind kind, uint8_t id);
const struct alg	*alg_nearest(enum alg_kind kind, const char *name);
bool			 alg_key_ok(const struct alg *alg, size_t bits);
int			 alg_key_text(const struct alg *alg, char *buf,
			    size_t size);
const struct alg	*alg_next(const struct alg *prev);

#endif
