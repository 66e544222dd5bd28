// SPDX-License-Identifier: BSD-2-Clause
#include <sys/socket.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"

/*
 * inet_pton, not getaddrinfo's AI_NUMERICHOST: glibc would also take
 * inet_aton's "10.1" and "0x0a.0.0.1", which a policy should not.
 */
int
addr_numeric(const char *text, int family, struct sockaddr_storage *ss)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
	struct addrinfo hints, *res;

	memset(ss, 0, sizeof(*ss));
	if (family != AF_INET6 && inet_pton(AF_INET, text, &sin->sin_addr)) {
		sin->sin_family = AF_INET;
		return 0;
	}
	if (family != AF_INET &&
	    inet_pton(AF_INET6, text, &sin6->sin6_addr)) {
		sin6->sin6_family = AF_INET6;
		return 0;
	}
	if (family == AF_INET || strchr(text, '%') == NULL)
		return -1;

	/* fe80::1%eth0: only getaddrinfo knows the scope names */
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_INET6;
	hints.ai_flags = AI_NUMERICHOST;
	if (getaddrinfo(text, NULL, &hints, &res) != 0)
		return -1;
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	freeaddrinfo(res);
	return 0;
}

/* a number of two or more digits that starts with 0 */
static bool
has_leading_zero(const char *text)
{
	const char *p;

	for (p = text; *p != '\0'; p++)
		if ((p == text || p[-1] == '.') && p[0] == '0' &&
		    isdigit((unsigned char)p[1]))
			return true;
	return false;
}

/*
 * Digits and dots are an IPv4 address or a mistake, never a host
 * name: getaddrinfo reads what inet_pton refused with inet_aton, where
 * "10.1" is 10.0.0.1 and "010" is octal 8, and asks DNS about the
 * rest ("1.2.3.256").  inet_aton's hex ("0x0a.0.0.1") is refused too.
 * -1 with the reason in err for such text; 0 for anything else.
 */
int
addr_check_v4(const char *text, char *err, size_t errlen)
{
	struct in_addr in;

	if (text[0] == '\0' || inet_pton(AF_INET, text, &in) == 1)
		return 0;
	if (text[strspn(text, "0123456789.")] != '\0') {
		if (inet_aton(text, &in) == 0)
			return 0;
		snprintf(err, errlen, "'%s' is not an IPv4 address: hex "
		    "numbers are not allowed (four decimal numbers, 0-255)",
		    text);
	} else if (has_leading_zero(text)) {
		snprintf(err, errlen, "'%s' is not an IPv4 address: leading "
		    "zeros would be read as octal", text);
	} else {
		snprintf(err, errlen, "'%s' is not a full IPv4 address (four "
		    "numbers, 0-255)", text);
	}
	return -1;
}

static int
addr_add(struct addrlist *al, const struct sockaddr *sa, socklen_t len)
{
	struct addr *v;
	size_t i;

	for (i = 0; i < al->n; i++)
		if (memcmp(&al->v[i].ss, sa, len) == 0)
			return 0;
	v = realloc(al->v, (al->n + 1) * sizeof(*v));
	if (v == NULL)
		return -1;
	al->v = v;
	v = &al->v[al->n++];
	memset(v, 0, sizeof(*v));
	memcpy(&v->ss, sa, len);
	v->prefixlen = al->plen;
	v->port = al->port;
	v->loc = al->loc;
	return 0;
}

static int
addr_lookup(struct addrlist *al, int family, char *err, size_t errlen)
{
	struct addrinfo hints, *res, *ai;
	int rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = family;
	hints.ai_socktype = SOCK_DGRAM;
	rc = getaddrinfo(al->text, NULL, &hints, &res);
	if (rc != 0) {
		/* the resolver's reason varies with the network: keep it out */
		snprintf(err, errlen, "cannot resolve host name '%s'",
		    al->text);
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		if (ai->ai_family != AF_INET && ai->ai_family != AF_INET6)
			continue;
		if (addr_add(al, ai->ai_addr, ai->ai_addrlen) == -1) {
			freeaddrinfo(res);
			snprintf(err, errlen, "out of memory");
			return -1;
		}
	}
	freeaddrinfo(res);
	if (al->n == 0) {
		snprintf(err, errlen, "'%s' has no %s address", al->text,
		    addr_family_name(family));
		return -1;
	}
	al->named = true;
	return 0;
}

/* text with ':' or '%' that addr_numeric refused: say what is wrong */
static void
addr_why_not_v6(const char *text, char *err, size_t errlen)
{
	const char *pct = strchr(text, '%');
	struct in6_addr in6;
	char head[INET6_ADDRSTRLEN];
	size_t n = pct != NULL ? (size_t)(pct - text) : 0;

	if (strchr(text, ':') == NULL) {
		snprintf(err, errlen, "'%s' is not an address: a %%scope "
		    "goes only after an IPv6 address", text);
		return;
	}
	if (pct != NULL && n < sizeof(head)) {
		memcpy(head, text, n);
		head[n] = '\0';
		if (inet_pton(AF_INET6, head, &in6) == 1) {
			snprintf(err, errlen, "'%s': no interface '%s' for "
			    "the scope", text, pct + 1);
			return;
		}
	}
	snprintf(err, errlen, "'%s' is not an IPv6 address", text);
}

/* fills al->v from al->text; family is AF_UNSPEC unless -4/-6 */
int
addr_resolve(struct addrlist *al, int family, bool numeric, char *err,
    size_t errlen)
{
	struct sockaddr_storage ss;
	int af;

	if (addr_numeric(al->text, AF_UNSPEC, &ss) == 0) {
		af = ss.ss_family;
		if (family != AF_UNSPEC && af != family) {
			snprintf(err, errlen, "'%s' is an %s address, but %s "
			    "asks for %s", al->text, addr_family_name(af),
			    family == AF_INET ? "-4" : "-6",
			    addr_family_name(family));
			return -1;
		}
		if (addr_add(al, (struct sockaddr *)&ss, af == AF_INET ?
		    sizeof(struct sockaddr_in) :
		    sizeof(struct sockaddr_in6)) == -1) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		return 0;
	}
	if (addr_check_v4(al->text, err, errlen) == -1)
		return -1;
	/* no host name holds ':' or '%': this is a mistyped address */
	if (strpbrk(al->text, ":%") != NULL) {
		addr_why_not_v6(al->text, err, errlen);
		return -1;
	}
	if (numeric) {
		snprintf(err, errlen, "'%s' is not a numeric address "
		    "(-n forbids host names)", al->text);
		return -1;
	}
	return addr_lookup(al, family, err, errlen);
}

void
addrlist_free(struct addrlist *al)
{
	if (al == NULL)
		return;
	free(al->v);
	free(al->text);
	free(al);
}

int
addr_family(const struct addr *a)
{
	return a->ss.ss_family;
}

const char *
addr_family_name(int family)
{
	switch (family) {
	case AF_INET:
		return "IPv4";
	case AF_INET6:
		return "IPv6";
	default:
		return "IPv4 or IPv6";
	}
}

int
addr_maxplen(int family)
{
	return family == AF_INET ? 32 : 128;
}

/* "A-B" into A and B; -1 unless there is exactly one '-' */
int
addr_split_pair(const char *text, char **left, char **right)
{
	const char *dash = strchr(text, '-');

	*left = *right = NULL;
	if (dash == NULL || strchr(dash + 1, '-') != NULL)
		return -1;
	*left = strndup(text, (size_t)(dash - text));
	*right = strdup(dash + 1);
	if (*left == NULL || *right == NULL) {
		free(*left);
		free(*right);
		*left = *right = NULL;
		return -1;
	}
	return 0;
}
