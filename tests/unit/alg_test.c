// SPDX-License-Identifier: BSD-2-Clause
#include <linux/pfkeyv2.h>

#include "alg.h"
#include "unit.h"

TEST(alg_names_and_ids)
{
	const struct alg *a;

	a = alg_by_name(ALG_ENC, "rijndael-cbc");
	CHECK(a != NULL && a->id == SADB_X_EALG_AESCBC);
	a = alg_by_id(ALG_ENC, SADB_X_EALG_AESCBC);
	CHECK(a != NULL);
	if (a != NULL)
		CHECK_STR(a->name, "aes-cbc");
	a = alg_by_id(ALG_ENC, SADB_EALG_DESCBC);
	CHECK(a != NULL && a->saflags == 0);
	CHECK(alg_by_name(ALG_AUTH, "aes-cbc") == NULL);
	CHECK(alg_by_id(ALG_AUTH, 0) == NULL);
}

TEST(alg_key_lengths)
{
	const struct alg *ctr = alg_by_name(ALG_ENC, "aes-ctr");
	const struct alg *bf = alg_by_name(ALG_ENC, "blowfish-cbc");
	char text[64];

	CHECK(ctr != NULL && bf != NULL);
	if (ctr == NULL || bf == NULL)
		return;
	CHECK(alg_key_ok(ctr, 160) && alg_key_ok(ctr, 288));
	CHECK(!alg_key_ok(ctr, 128));
	CHECK(alg_key_ok(bf, 40) && alg_key_ok(bf, 448));
	CHECK(!alg_key_ok(bf, 32) && !alg_key_ok(bf, 456));
	alg_key_text(ctr, text, sizeof(text));
	CHECK_STR(text, "160, 224 or 288 bits");
	alg_key_text(bf, text, sizeof(text));
	CHECK_STR(text, "40 to 448 bits");
	alg_key_text(alg_by_name(ALG_ENC, "des-cbc"), text, sizeof(text));
	CHECK_STR(text, "64 bits");
}

TEST(alg_nearest_name)
{
	const struct alg *a = alg_nearest(ALG_ENC, "aes-cbcc");

	CHECK(a != NULL);
	if (a != NULL)
		CHECK_STR(a->name, "aes-cbc");
	CHECK(alg_nearest(ALG_ENC, "no-such-alg") == NULL);
}
