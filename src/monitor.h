/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_MONITOR_H
#define SETKEY_MONITOR_H

/*
 * -x: every message on the PF_KEY socket, other processes' included
 * (SADB_X_PROMISC), each with a timestamp line, printed until SIGINT or
 * SIGTERM.
 */

#include "print.h"

int	monitor_run(const struct print_opts *po);

#endif
