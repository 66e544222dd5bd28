/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_CHECK_H
#define SETKEY_CHECK_H

/*
 * Validation before any kernel: each grammar action hands its values
 * and their locations here; a bad value is reported where it was
 * written and marks the statement bad, a good one goes into
 * pc->st.cmd.  check_stmt() does the checks that need the whole
 * statement (keys against algorithms, ports against the protocol).
 */

#include <stdint.h>

#include "addr.h"
#include "alg.h"
#include "cmd.h"
#include "parsectx.h"

/* a small value with the place it was written */
struct numloc {
	int		 v;
	struct srcloc	 loc;
};

/* a word or number as written, and where */
struct arg {
	char		*text;
	struct srcloc	 loc;
};

/* a key (NULL when left out) and where it is or would be */
struct keyarg {
	struct key	*key;
	struct srcloc	 loc;
};

/* one tunnel endpoint word with its [port] */
struct endarg {
	char		*text;
	struct srcloc	 loc;
	struct numloc	 port;
};

/*
 * sadb_sa_flags bits of the KAME API that <linux/pfkeyv2.h> leaves
 * out (Linux has no such flags); what the classic tool sends.
 */
#define SA_FLAG_OLD		0x0001	/* esp-old, ah-old */
#define SA_FLAG_CYCSEQ		0x0040	/* cyclic sequence numbers */
#define SA_FLAG_RAWCPI		0x0080	/* ipcomp -R */
#define SA_FLAG_PRAND		0x0100	/* random-pad */
#define SA_FLAG_PZERO		0x0200	/* zero-pad */
#define SA_FLAG_PMASK		0x0300

void		 check_family(struct parse_ctx *pc, const char *opt,
		    const struct srcloc *loc);
struct addrlist	*check_addr(struct parse_ctx *pc, char *text,
		    const struct srcloc *loc, const struct numloc *plen,
		    const struct numloc *port);
void		 check_prefix(struct parse_ctx *pc, const char *text,
		    const struct srcloc *loc, struct numloc *out);
void		 check_port(struct parse_ctx *pc, const char *text,
		    const struct srcloc *loc, struct numloc *out);
void		 check_addrs(struct parse_ctx *pc, struct addrlist *src,
		    struct addrlist *dst);

void		 check_proto(struct parse_ctx *pc, int proto,
		    const struct srcloc *loc);
void		 check_satype(struct parse_ctx *pc, int proto,
		    const struct srcloc *loc);
void		 check_spi(struct parse_ctx *pc, const char *text,
		    const struct srcloc *loc);
void		 check_mode(struct parse_ctx *pc, int mode,
		    const struct srcloc *loc);
void		 check_replay(struct parse_ctx *pc, const char *text,
		    const struct srcloc *opt, const struct srcloc *loc);
void		 check_reqid(struct parse_ctx *pc, const char *text,
		    const struct srcloc *opt, const struct srcloc *loc);
void		 check_flag(struct parse_ctx *pc, const char *text,
		    const struct srcloc *opt, const struct srcloc *loc);
void		 check_life(struct parse_ctx *pc, enum sa_opt which,
		    const char *text, const struct srcloc *opt,
		    const struct srcloc *loc);
void		 check_ctx(struct parse_ctx *pc, const struct srcloc *opt,
		    struct arg *doi, struct arg *alg, char *str);
struct key	*check_key_text(struct parse_ctx *pc, char *text,
		    const struct srcloc *loc);
struct key	*check_key_hex(struct parse_ctx *pc, char *text,
		    const struct srcloc *loc);
void		 check_key_free(struct key *key);
void		 check_alg(struct parse_ctx *pc, enum alg_kind kind,
		    const struct srcloc *opt, struct arg *name,
		    struct keyarg *key);
void		 check_rawcpi(struct parse_ctx *pc, const struct srcloc *loc);

void		 check_upper(struct parse_ctx *pc, const char *text,
		    const struct srcloc *loc);
void		 check_misc(struct parse_ctx *pc, const char *a,
		    const char *b, const struct srcloc *loc,
		    const struct srcloc *bloc);
void		 check_dir(struct parse_ctx *pc, int dir,
		    const struct srcloc *loc);
void		 check_prio(struct parse_ctx *pc, uint32_t base, int sign,
		    const char *text, const struct srcloc *loc);
void		 check_action(struct parse_ctx *pc, int type,
		    const struct srcloc *loc);
void		 check_req(struct parse_ctx *pc, int proto,
		    const struct srcloc *loc);
void		 check_req_mode(struct parse_ctx *pc, int mode);
void		 check_ends(struct parse_ctx *pc, struct endarg *left,
		    struct endarg *right);
void		 check_level(struct parse_ctx *pc, const char *text,
		    const struct srcloc *loc);
void		 check_req_end(struct parse_ctx *pc, const struct srcloc *loc,
		    const struct srcloc *modeloc);
void		 check_tagged(struct parse_ctx *pc, char *tag,
		    const struct srcloc *loc);

void		 check_stmt(struct parse_ctx *pc);

#endif
