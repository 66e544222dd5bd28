/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_OFFER_H
#define SETKEY_OFFER_H

/*
 * What the kernel offers, learnt from SADB_REGISTER (RFC 2367 section
 * 3.1.2): its reply lists the ciphers and authenticators the kernel
 * can use right now.  Linux probes its crypto API before it answers,
 * so an algorithm whose module is missing is left out.  Asked only
 * after the kernel refused an SA, to say which algorithm it lacks.
 */

#include <stddef.h>
#include <stdint.h>

#include "alg.h"
#include "cmd.h"

#define OFFER_HINT_MAX	512

struct ext_table;

/* 1 if the SUPPORTED extension of KIND in TAB lists ID, 0 if not */
int	offer_has(const struct ext_table *tab, enum alg_kind kind,
	    uint8_t id);
/* the names TAB lists for KIND, ", " between them; the length */
size_t	offer_names(const struct ext_table *tab, enum alg_kind kind,
	    char *buf, size_t size);
/*
 * After the kernel refused CMD (an add or update) with ERR: a hint
 * naming the algorithm the kernel lacks, written to BUF.  1 if it
 * wrote one, 0 if the kernel offers both or could not be asked.
 */
int	offer_hint(const struct cmd *cmd, int err, char *buf, size_t size);

#endif
