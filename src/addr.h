/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_ADDR_H
#define SETKEY_ADDR_H

/*
 * Address text as the configuration writes it: numeric IPv4/IPv6 or a
 * name resolved with getaddrinfo(3), with an optional /prefixlen and
 * [port].  Text of digits and dots is never a name.  Errors come back
 * as text for the caller to locate.
 */

#include <stdbool.h>
#include <stddef.h>

#include "cmd.h"

/* every address one written name stands for, with its decorations */
struct addrlist {
	struct addr	*v;
	size_t		 n;
	char		*text;		/* as written */
	bool		 named;		/* resolved, not numeric */
	struct srcloc	 loc;
	int		 plen;		/* or ADDR_PLEN_FULL */
	struct srcloc	 plen_loc;
	int		 port;		/* or ADDR_PORT_NONE; 0 = [any] */
	struct srcloc	 port_loc;
};

int		 addr_numeric(const char *text, int family,
		    struct sockaddr_storage *ss);
int		 addr_check_v4(const char *text, char *err, size_t errlen);
int		 addr_resolve(struct addrlist *al, int family, bool numeric,
		    char *err, size_t errlen);
void		 addrlist_free(struct addrlist *al);
int		 addr_family(const struct addr *a);
const char	*addr_family_name(int family);
int		 addr_maxplen(int family);
int		 addr_split_pair(const char *text, char **left, char **right);

#endif
