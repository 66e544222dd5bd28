// SPDX-License-Identifier: BSD-2-Clause
#include <linux/pfkeyv2.h>

#include <stdio.h>
#include <string.h>

#include "alg.h"

#define KEYS(...)	.flags = ALG_KEYLIST, .bits = { __VA_ARGS__ }
#define AEAD(...)	.flags = ALG_KEYLIST | ALG_AEAD, .bits = { __VA_ARGS__ }
#define RANGE(lo, hi)	.minbits = (lo), .maxbits = (hi)

/* KAME flags carried by the old des forms: 4-byte IV, derived IV */
#define SA_IV4B		0x0010
#define SA_DERIV	0x0020

/*
 * The first entry for an id is the name the printer uses; later ones
 * are aliases the parser also accepts.
 */
static const struct alg algs[] = {
	{ ALG_ENC, "des-cbc", SADB_EALG_DESCBC, KEYS(64) },
	{ ALG_ENC, "3des-cbc", SADB_EALG_3DESCBC, KEYS(192) },
	{ ALG_ENC, "null", SADB_EALG_NULL, RANGE(0, 2048) },
	{ ALG_ENC, "simple", SADB_EALG_NULL,
	    .flags = ALG_OBSOLETE, RANGE(0, 2048) },
	{ ALG_ENC, "blowfish-cbc", SADB_X_EALG_BLOWFISHCBC, RANGE(40, 448) },
	{ ALG_ENC, "cast128-cbc", SADB_X_EALG_CASTCBC, RANGE(40, 128) },
	{ ALG_ENC, "aes-cbc", SADB_X_EALG_AESCBC, KEYS(128, 192, 256) },
	{ ALG_ENC, "rijndael-cbc", SADB_X_EALG_AESCBC, KEYS(128, 192, 256) },
	{ ALG_ENC, "aes-ctr", SADB_X_EALG_AESCTR, KEYS(160, 224, 288) },
	{ ALG_ENC, "aes-gcm-8", SADB_X_EALG_AES_GCM_ICV8, AEAD(160, 224, 288) },
	{ ALG_ENC, "aes-gcm-12", SADB_X_EALG_AES_GCM_ICV12,
	    AEAD(160, 224, 288) },
	{ ALG_ENC, "aes-gcm-16", SADB_X_EALG_AES_GCM_ICV16,
	    AEAD(160, 224, 288) },
	{ ALG_ENC, "camellia-cbc", SADB_X_EALG_CAMELLIACBC,
	    KEYS(128, 192, 256) },
	{ ALG_ENC, "aes-gmac", SADB_X_EALG_NULL_AES_GMAC,
	    AEAD(160, 224, 288) },
	{ ALG_ENC, "serpent-cbc", SADB_X_EALG_SERPENTCBC, RANGE(128, 256) },
	{ ALG_ENC, "twofish-cbc", SADB_X_EALG_TWOFISHCBC, RANGE(128, 256) },
	{ ALG_ENC, "des-deriv", SADB_EALG_DESCBC,
	    .flags = ALG_KEYLIST | ALG_NOLINUX, .bits = { 64 },
	    .saflags = SA_DERIV },
	{ ALG_ENC, "des-32iv", SADB_EALG_DESCBC,
	    .flags = ALG_KEYLIST | ALG_NOLINUX, .bits = { 64 },
	    .saflags = SA_IV4B },
	{ ALG_ENC, "3des-deriv", SADB_EALG_3DESCBC,
	    .flags = ALG_KEYLIST | ALG_NOLINUX, .bits = { 192 },
	    .saflags = SA_DERIV },

	{ ALG_AUTH, "hmac-md5", SADB_AALG_MD5HMAC, KEYS(128) },
	{ ALG_AUTH, "hmac-sha1", SADB_AALG_SHA1HMAC, KEYS(160) },
	{ ALG_AUTH, "hmac-sha256", SADB_X_AALG_SHA2_256HMAC, KEYS(256) },
	{ ALG_AUTH, "hmac-sha2-256", SADB_X_AALG_SHA2_256HMAC, KEYS(256) },
	{ ALG_AUTH, "hmac-sha384", SADB_X_AALG_SHA2_384HMAC, KEYS(384) },
	{ ALG_AUTH, "hmac-sha2-384", SADB_X_AALG_SHA2_384HMAC, KEYS(384) },
	{ ALG_AUTH, "hmac-sha512", SADB_X_AALG_SHA2_512HMAC, KEYS(512) },
	{ ALG_AUTH, "hmac-sha2-512", SADB_X_AALG_SHA2_512HMAC, KEYS(512) },
	{ ALG_AUTH, "hmac-ripemd160", SADB_X_AALG_RIPEMD160HMAC, KEYS(160) },
	{ ALG_AUTH, "aes-xcbc-mac", SADB_X_AALG_AES_XCBC_MAC, KEYS(128) },
	{ ALG_AUTH, "null", SADB_X_AALG_NULL, RANGE(0, 2048) },
	{ ALG_AUTH, "keyed-md5", 249,
	    .flags = ALG_NOLINUX, RANGE(0, 2048) },
	{ ALG_AUTH, "keyed-sha1", 250,
	    .flags = ALG_NOLINUX, RANGE(0, 2048) },
	{ ALG_AUTH, "tcp-md5", 0, .flags = ALG_NOLINUX, RANGE(8, 640) },

	{ ALG_COMP, "oui", SADB_X_CALG_OUI, .flags = ALG_NOKEY },
	{ ALG_COMP, "deflate", SADB_X_CALG_DEFLATE, .flags = ALG_NOKEY },
	{ ALG_COMP, "lzs", SADB_X_CALG_LZS, .flags = ALG_NOKEY },
};

#define NALGS	(sizeof(algs) / sizeof(algs[0]))

const struct alg *
alg_next(const struct alg *prev)
{
	if (prev == NULL)
		return &algs[0];
	if (prev + 1 >= &algs[NALGS])
		return NULL;
	return prev + 1;
}

const struct alg *
alg_by_name(enum alg_kind kind, const char *name)
{
	const struct alg *a;

	for (a = algs; a < &algs[NALGS]; a++)
		if (a->kind == kind && strcmp(a->name, name) == 0)
			return a;
	return NULL;
}

/* tcp-md5 has no Linux id, so id 0 never names it */
const struct alg *
alg_by_id(enum alg_kind kind, uint8_t id)
{
	const struct alg *a;

	for (a = algs; a < &algs[NALGS]; a++)
		if (a->kind == kind && a->id == id &&
		    !(a->flags & ALG_NOLINUX) && a->saflags == 0)
			return a;
	return NULL;
}

static size_t
edit_distance(const char *a, const char *b)
{
	size_t row[64], la = strlen(a), lb = strlen(b), i, j;

	if (la >= 64 || lb >= 64)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0], up;

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			up = row[j];
			row[j] = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[lb];
}

/* for "did you mean": the closest name within two edits */
const struct alg *
alg_nearest(enum alg_kind kind, const char *name)
{
	const struct alg *a, *best = NULL;
	size_t d, bestd = 3;

	for (a = algs; a < &algs[NALGS]; a++) {
		if (a->kind != kind)
			continue;
		d = edit_distance(name, a->name);
		if (d < bestd) {
			bestd = d;
			best = a;
		}
	}
	return best;
}

bool
alg_key_ok(const struct alg *alg, size_t bits)
{
	size_t i;

	if (alg->flags & ALG_NOKEY)
		return bits == 0;
	if (!(alg->flags & ALG_KEYLIST))
		return bits >= alg->minbits && bits <= alg->maxbits;
	for (i = 0; i < 4 && alg->bits[i] != 0; i++)
		if (alg->bits[i] == bits)
			return true;
	return false;
}

/* "160, 224 or 288 bits", "40 to 448 bits": for error messages */
int
alg_key_text(const struct alg *alg, char *buf, size_t size)
{
	size_t i, n;

	if (!(alg->flags & ALG_KEYLIST))
		return snprintf(buf, size, "%u to %u bits",
		    alg->minbits, alg->maxbits);
	for (n = 0; n < 4 && alg->bits[n] != 0; n++)
		;
	if (n == 1)
		return snprintf(buf, size, "%u bits", alg->bits[0]);
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		size_t used = strlen(buf);
		const char *sep = i == 0 ? "" : i + 1 == n ? " or " : ", ";

		snprintf(buf + used, size - used, "%s%u", sep, alg->bits[i]);
	}
	n = strlen(buf);
	snprintf(buf + n, size - n, " bits");
	return (int)strlen(buf);
}
