// SPDX-License-Identifier: BSD-2-Clause
/*
 * A resolver that never leaves the process, linked into the fuzzers and
 * the seed generator in place of the C library's: fuzzed input is full
 * of words that parse as host names, and each would otherwise become a
 * DNS query.  Numeric addresses resolve as usual; a few fixed names
 * stand for hosts with one or several addresses, so that the parser's
 * named-host paths (every src x dst pair) are still reached.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char	*name;
	const char	*addrs[3];
} fake_hosts[] = {
	{ "localhost",	{ "127.0.0.1", "::1", NULL } },
	{ "fuzz4",	{ "192.0.2.1", NULL, NULL } },
	{ "fuzz6",	{ "2001:db8::1", NULL, NULL } },
	{ "fuzz46",	{ "192.0.2.2", "192.0.2.3", "2001:db8::2" } },
};

static struct addrinfo *
fake_ai(int family, const void *addr, uint32_t scope)
{
	struct addrinfo *ai;
	struct sockaddr_in *sin;
	struct sockaddr_in6 *sin6;

	ai = calloc(1, sizeof(*ai) + sizeof(struct sockaddr_in6));
	if (ai == NULL)
		return NULL;
	ai->ai_family = family;
	ai->ai_socktype = SOCK_DGRAM;
	ai->ai_addr = (struct sockaddr *)(ai + 1);
	if (family == AF_INET) {
		sin = (struct sockaddr_in *)ai->ai_addr;
		sin->sin_family = AF_INET;
		memcpy(&sin->sin_addr, addr, sizeof(sin->sin_addr));
		ai->ai_addrlen = sizeof(*sin);
	} else {
		sin6 = (struct sockaddr_in6 *)ai->ai_addr;
		sin6->sin6_family = AF_INET6;
		memcpy(&sin6->sin6_addr, addr, sizeof(sin6->sin6_addr));
		sin6->sin6_scope_id = scope;
		ai->ai_addrlen = sizeof(*sin6);
	}
	return ai;
}

/* appends text's address when its family is wanted; -1 on no memory */
static int
fake_add(struct addrinfo ***tail, const char *text, int want,
    uint32_t scope)
{
	unsigned char buf[sizeof(struct in6_addr)];
	int family;

	if (inet_pton(AF_INET, text, buf) == 1)
		family = AF_INET;
	else if (inet_pton(AF_INET6, text, buf) == 1)
		family = AF_INET6;
	else
		return 0;
	if (want != AF_UNSPEC && want != family)
		return 0;
	if ((**tail = fake_ai(family, buf, scope)) == NULL)
		return -1;
	*tail = &(**tail)->ai_next;
	return 0;
}

/* fe80::1%3: only numeric scopes, and "lo" as 1 */
static int
fake_scoped(struct addrinfo ***tail, const char *node, int want)
{
	char addr[INET6_ADDRSTRLEN];
	const char *pct = strchr(node, '%');
	size_t n = (size_t)(pct - node);
	uint32_t scope;

	if (n >= sizeof(addr) || want == AF_INET)
		return 0;
	memcpy(addr, node, n);
	addr[n] = '\0';
	if (strcmp(pct + 1, "lo") == 0)
		scope = 1;
	else if (pct[1] >= '0' && pct[1] <= '9' &&
	    strspn(pct + 1, "0123456789") == strlen(pct + 1))
		scope = (uint32_t)strtoul(pct + 1, NULL, 10);
	else
		return 0;
	return fake_add(tail, addr, AF_INET6, scope);
}

void
freeaddrinfo(struct addrinfo *ai)
{
	struct addrinfo *next;

	for (; ai != NULL; ai = next) {
		next = ai->ai_next;
		free(ai);
	}
}

int
getaddrinfo(const char *node, const char *service,
    const struct addrinfo *hints, struct addrinfo **res)
{
	struct addrinfo *head = NULL, **tail = &head;
	int want = hints != NULL ? hints->ai_family : AF_UNSPEC;
	int numeric = hints != NULL && (hints->ai_flags & AI_NUMERICHOST);
	size_t i, j;

	(void)service;
	*res = NULL;
	if (node == NULL)
		return EAI_NONAME;
	if (strchr(node, '%') != NULL) {
		if (fake_scoped(&tail, node, want) != 0)
			return EAI_MEMORY;
	} else if (fake_add(&tail, node, want, 0) != 0) {
		return EAI_MEMORY;
	}
	for (i = 0; !numeric && head == NULL &&
	    i < sizeof(fake_hosts) / sizeof(fake_hosts[0]); i++) {
		if (strcmp(node, fake_hosts[i].name) != 0)
			continue;
		for (j = 0; j < 3 && fake_hosts[i].addrs[j] != NULL; j++)
			if (fake_add(&tail, fake_hosts[i].addrs[j], want,
			    0) != 0) {
				freeaddrinfo(head);
				return EAI_MEMORY;
			}
	}
	if (head == NULL)
		return EAI_NONAME;
	*res = head;
	return 0;
}
