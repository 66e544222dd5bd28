/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_MONITOR_H
#define SETKEY_MONITOR_H

/*
 * -x: every message on the PF_KEY socket, other processes' included
 * (SADB_X_PROMISC), each with a timestamp line, printed until SIGINT or
 * SIGTERM.  monitor_loop() is -D -l: a short listing of the SAD every
 * second (print_short), until the same signals.  Both return 0 when a
 * signal ended them, 1 on an error (reported).
 */

#include <stdbool.h>

#include "print.h"

int	monitor_run(const struct print_opts *po);
int	monitor_loop(const struct print_opts *po, bool verbose);

#endif
