/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef SETKEY_PARSECTX_H
#define SETKEY_PARSECTX_H

/*
 * The state shared by the scanner (parser/token.l), the grammar
 * (parser/parse.y) and the checks (check.c): one per parse_stream()
 * call, so nothing about a parse lives at file scope.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "addr.h"
#include "alg.h"
#include "cmd.h"
#include "parse.h"

/* the SA protocol as written: it decides satype, flags and checks */
enum sa_proto {
	PROTO_NONE,
	PROTO_ESP,
	PROTO_ESP_OLD,
	PROTO_AH,
	PROTO_AH_OLD,
	PROTO_IPCOMP,
	PROTO_ESP_UDP,
	PROTO_TCP,
};

/* options seen in one statement, to refuse a second -E and the like */
enum sa_opt {
	OPT_M, OPT_R, OPT_U, OPT_PAD, OPT_CYC, OPT_LH, OPT_LS, OPT_BH,
	OPT_BS, OPT_CTX, OPT_E, OPT_A, OPT_C, OPT_RAW,
	OPT_MAX
};

/* one source line as read, for the caret under an error */
struct srcline {
	char		*text;
	size_t		 len;
};

/* a token as the scanner returned it, for "expected ';' after ..." */
struct lextok {
	int		 tok;
	char		 text[48];	/* truncated; never a key */
	bool		 secret;	/* where a key goes: text not kept */
	size_t		 len;		/* of the whole token */
	struct srcloc	 loc;		/* first byte */
	struct srcloc	 end;		/* last byte */
};

/* what a statement collected besides its struct cmd */
struct stmt {
	struct cmd		*cmd;
	bool			 bad;	/* an error was reported */
	int			 family;	/* -4/-6, else AF_UNSPEC */
	bool			 numeric;	/* -n: no names */
	struct addrlist		*src, *dst;
	enum sa_proto		 proto;
	struct srcloc		 proto_loc, spi_loc, upper_loc, misc_loc;
	bool			 spi_set;
	bool			 has_misc;	/* icmp type,code or gre key */
	uint32_t		 misc_a, misc_b;
	bool			 misc_pair;	/* written as a,b */
	const struct alg	*ealg, *aalg, *calg;
	struct srcloc		 opt_loc[OPT_MAX];
	bool			 seen[OPT_MAX];
	struct srcloc		 ekey_loc, akey_loc, dir_loc, action_loc;
	bool			 has_action;
	bool			 ends_written;	/* in the last request */
	bool			 tagged;
};

struct parse_ctx {
	const struct parse_opts	*po;
	FILE			*fp;
	void			*scanner;	/* yyscan_t */
	unsigned int		 errors;
	bool			 stop;		/* the callback said so */

	/* source lines still needed for diagnostics */
	struct srcline		*lines;
	size_t			 nlines, cap;
	unsigned int		 first_line;	/* number of lines[0] */
	size_t			 pending;	/* of the last line, given */

	/* the scanner's position: next byte */
	unsigned int		 line, col;
	struct lextok		 prev, cur;
	/* lex_secret: 1 after -E/-A/-C, 2 from its name to an option */
	int			 key_pos;

	struct srcloc		 key_end;	/* last byte of the last key */
	struct stmt		 st;
};

/* parsectx.c */
void	pc_init(struct parse_ctx *pc, FILE *fp, const struct parse_opts *po);
void	pc_fini(struct parse_ctx *pc);
size_t	pc_read(struct parse_ctx *pc, char *buf, size_t size);
void	pc_error(struct parse_ctx *pc, const struct srcloc *loc,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void	pc_warn(struct parse_ctx *pc, const struct srcloc *loc,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
struct cmd	*pc_begin(struct parse_ctx *pc, enum cmd_kind kind,
		    const struct srcloc *loc);
void	pc_discard(struct parse_ctx *pc);
void	pc_emit(struct parse_ctx *pc);

#endif
