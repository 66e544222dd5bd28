/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_SECRET_H
#define SETKEY_SECRET_H

/*
 * Keys at rest.  Like ssh with a private key file, a configuration
 * file that holds keys and that group or others may open gets a
 * warning (it is still used).  Only regular files are checked: a pipe
 * or a terminal has no mode worth the name.
 */

#include <stdbool.h>
#include <stdio.h>

#include "cmd.h"

/*
 * A word that may be key bytes: quoted, 0x-prefixed, or eight hex
 * digits or more.  Such words are never quoted in a message.
 */
bool	secret_key_like(const char *w, size_t n);
/* explicit_bzero, then free: for anything that held key bytes */
void	secret_free(void *p, size_t len);
bool	secret_has_key(const struct cmd_list *list);
int	secret_check_file(FILE *fp, const char *name,
	    const struct cmd_list *list);

#endif
