// SPDX-License-Identifier: BSD-2-Clause
#include <linux/pfkeyv2.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ext.h"
#include "msgbuf.h"
#include "msgcheck.h"
#include "offer.h"
#include "pfkey.h"

static const struct sadb_ext *
offer_ext(const struct ext_table *tab, enum alg_kind kind)
{
	return tab->ext[kind == ALG_ENC ? SADB_EXT_SUPPORTED_ENCRYPT :
	    SADB_EXT_SUPPORTED_AUTH];
}

/* the sadb_alg entries after the sadb_supported header; their count */
static size_t
offer_algs(const struct ext_table *tab, enum alg_kind kind,
    const struct sadb_alg **algs)
{
	const struct sadb_ext *ext = offer_ext(tab, kind);
	size_t len;

	if (ext == NULL)
		return 0;
	len = (size_t)ext->sadb_ext_len * 8;
	*algs = (const void *)((const char *)ext +
	    sizeof(struct sadb_supported));
	return (len - sizeof(struct sadb_supported)) /
	    sizeof(struct sadb_alg);
}

int
offer_has(const struct ext_table *tab, enum alg_kind kind, uint8_t id)
{
	const struct sadb_alg *algs = NULL;
	size_t i, n = offer_algs(tab, kind, &algs);

	for (i = 0; i < n; i++)
		if (algs[i].sadb_alg_id == id)
			return 1;
	return 0;
}

size_t
offer_names(const struct ext_table *tab, enum alg_kind kind, char *buf,
    size_t size)
{
	const struct sadb_alg *algs = NULL;
	const struct alg *a;
	size_t i, n = offer_algs(tab, kind, &algs), used = 0;
	int w;

	if (size > 0)
		buf[0] = '\0';
	for (i = 0; i < n && used < size; i++) {
		a = alg_by_id(kind, algs[i].sadb_alg_id);
		if (a != NULL)
			w = snprintf(buf + used, size - used, "%s%s",
			    i ? ", " : "", a->name);
		else
			w = snprintf(buf + used, size - used, "%s%u",
			    i ? ", " : "", algs[i].sadb_alg_id);
		if (w < 0)
			break;
		used += (size_t)w;
	}
	return used < size ? used : size - 1;
}

/*
 * SADB_REGISTER on a socket of its own: a registered socket is sent
 * every SADB_ACQUIRE of that satype until it closes.  REPLY holds the
 * answer, TAB its index.
 */
static int
offer_ask(uint8_t satype, struct msgbuf *reply, struct ext_table *tab)
{
	struct pfkey pk;
	struct msgbuf req;
	int err;

	if ((err = pfkey_open(&pk)) != 0)
		return err;
	msgbuf_init(&req);
	ext_put_msg(&req, SADB_REGISTER, satype, pfkey_next_seq(&pk), pk.pid);
	if ((err = ext_finish(&req)) == 0)
		err = pfkey_request(&pk, &req, reply);
	if (err == 0 && ext_msg(reply)->sadb_msg_errno != 0)
		err = -ext_msg(reply)->sadb_msg_errno;
	if (err == 0 && msg_index(reply->data, reply->len, tab) != 0)
		err = -EBADMSG;
	msgbuf_free(&req);
	pfkey_close(&pk);
	return err;
}

/* "this kernel offers no serpent-cbc for esp (SADB_REGISTER lists ...)" */
static int
offer_missing(const struct ext_table *tab, const struct cmd *cmd,
    enum alg_kind kind, uint8_t id, char *buf, size_t size)
{
	char names[OFFER_HINT_MAX];
	const struct alg *a = alg_by_id(kind, id);

	if (a == NULL || offer_has(tab, kind, id))
		return 0;
	offer_names(tab, kind, names, sizeof(names));
	snprintf(buf, size, "this kernel offers no %s for %s; "
	    "it offers %s", a->name,
	    cmd->sa.satype == SADB_SATYPE_AH ? "ah" : "esp",
	    names[0] != '\0' ? names : "none");
	return 1;
}

int
offer_hint(const struct cmd *cmd, int err, char *buf, size_t size)
{
	const struct alg *e = NULL;
	struct ext_table tab;
	struct msgbuf reply;
	bool esp = cmd->sa.satype == SADB_SATYPE_ESP;
	int found = 0;

	/* ENOSYS: no such algorithm; ENOENT: its module went away */
	if (err != ENOSYS && err != ENOENT)
		return 0;
	if (cmd->kind != CMD_ADD && cmd->kind != CMD_UPDATE)
		return 0;
	if (!esp && cmd->sa.satype != SADB_SATYPE_AH)
		return 0;
	/* PF_KEY on Linux never offers AEAD: run.c says so instead */
	if (esp && (e = alg_by_id(ALG_ENC, cmd->sa.ealg)) != NULL &&
	    (e->flags & ALG_AEAD))
		return 0;

	msgbuf_init(&reply);
	if (offer_ask(cmd->sa.satype, &reply, &tab) == 0) {
		if (esp)
			found = offer_missing(&tab, cmd, ALG_ENC,
			    cmd->sa.ealg, buf, size);
		if (!found && cmd->sa.aalg != 0)
			found = offer_missing(&tab, cmd, ALG_AUTH,
			    cmd->sa.aalg, buf, size);
	}
	msgbuf_free(&reply);
	return found;
}
