// SPDX-License-Identifier: BSD-2-Clause
#include <string.h>

#include "msgcheck.h"
#include "msgtest.h"
#include "offer.h"
#include "unit.h"

/* a SUPPORTED extension listing the N ids, as af_key lays one out */
static void
tm_supported(struct tmsg *m, uint16_t type, const uint8_t *ids, size_t n)
{
	size_t len = sizeof(struct sadb_supported) + n * sizeof(struct sadb_alg);
	struct sadb_supported *s = tm_put(m, len);
	struct sadb_alg *a = (void *)(s + 1);
	size_t i;

	s->sadb_supported_len = (uint16_t)(len / 8);
	s->sadb_supported_exttype = type;
	for (i = 0; i < n; i++)
		a[i].sadb_alg_id = ids[i];
}

/* the reply to SADB_REGISTER for esp, indexed into TAB */
static void
register_reply(struct tmsg *m, struct ext_table *tab)
{
	static const uint8_t auth[] = { SADB_AALG_SHA1HMAC, 200 };
	static const uint8_t enc[] = { SADB_EALG_NULL, SADB_X_EALG_AESCBC };

	tm_start(m, SADB_REGISTER, SADB_SATYPE_ESP, 1, 1);
	tm_supported(m, SADB_EXT_SUPPORTED_AUTH, auth, 2);
	tm_supported(m, SADB_EXT_SUPPORTED_ENCRYPT, enc, 2);
	tm_end(m);
	if (msg_index(m->w, m->len, tab) != 0)
		abort();
}

TEST(offer_has_reads_both_lists)
{
	struct ext_table tab;
	struct tmsg m;

	register_reply(&m, &tab);
	CHECK(offer_has(&tab, ALG_ENC, SADB_X_EALG_AESCBC) == 1);
	CHECK(offer_has(&tab, ALG_ENC, SADB_X_EALG_SERPENTCBC) == 0);
	CHECK(offer_has(&tab, ALG_AUTH, SADB_AALG_SHA1HMAC) == 1);
	/* the lists are per kind: aes-cbc's id is not an authenticator */
	CHECK(offer_has(&tab, ALG_AUTH, SADB_X_EALG_AESCBC) == 0);
}

TEST(offer_names_by_name_or_number)
{
	struct ext_table tab;
	struct tmsg m;
	char buf[64];

	register_reply(&m, &tab);
	offer_names(&tab, ALG_ENC, buf, sizeof(buf));
	CHECK(strcmp(buf, "null, aes-cbc") == 0);
	/* an id setkey has no name for is shown as its number */
	offer_names(&tab, ALG_AUTH, buf, sizeof(buf));
	CHECK(strcmp(buf, "hmac-sha1, 200") == 0);
}

TEST(offer_names_truncates_safely)
{
	struct ext_table tab;
	struct tmsg m;
	char buf[8];

	register_reply(&m, &tab);
	CHECK(offer_names(&tab, ALG_ENC, buf, sizeof(buf)) == 7);
	CHECK(strcmp(buf, "null, a") == 0);
}

TEST(offer_no_list_without_the_extension)
{
	struct ext_table tab;
	struct tmsg m;
	char buf[16] = "x";

	tm_start(&m, SADB_REGISTER, SADB_SATYPE_ESP, 1, 1);
	tm_end(&m);
	CHECK(msg_index(m.w, m.len, &tab) == 0);
	CHECK(offer_has(&tab, ALG_ENC, SADB_X_EALG_AESCBC) == 0);
	CHECK(offer_names(&tab, ALG_ENC, buf, sizeof(buf)) == 0);
	CHECK(buf[0] == '\0');
}
