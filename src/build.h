/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_BUILD_H
#define SETKEY_BUILD_H

/*
 * Turns one struct cmd into one PF_KEY message (sadb_msg plus
 * extensions, ../shared/spec/LANGUAGE.md gives each wire form).
 * Commands that take several messages on Linux are sequenced by run.c.
 */

#include <stdint.h>

#include "cmd.h"
#include "msgbuf.h"

int	msg_build(const struct cmd *cmd, uint32_t seq, uint32_t pid,
	    struct msgbuf *mb);

#endif
