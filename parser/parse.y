/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The configuration language (../shared/spec/LANGUAGE.md) into struct
 * cmd.  Actions only hand values to check.c, which validates them at
 * their location and fills the statement in pc->st; a complete,
 * error-free statement goes to the caller at its ';' (pc_emit).
 * XXX: about 26 reductions a statement; with the scanner and a string
 * per word, parsing is what keeps -f from the floor (tests/bench).
 */
%define api.pure full
%define parse.error custom
%define parse.lac full
%locations
%lex-param { void *scanner }
%parse-param { void *scanner } { struct parse_ctx *pc }

%code requires {
#include "parsectx.h"
#include "check.h"
}

%code {
#include <sys/socket.h>

#include <linux/ipsec.h>

#include <ctype.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "secret.h"

int	yylex(YYSTYPE *val, YYLTYPE *loc, void *scanner);
static void	yyerror(YYLTYPE *loc, void *scanner, struct parse_ctx *pc,
		    const char *msg);

/* the algorithm options, with an absent key located after the name */
static void
alg(struct parse_ctx *pc, enum alg_kind kind, const struct srcloc *opt,
    char *name, const struct srcloc *loc, struct keyarg *key)
{
	struct arg a = { name, *loc };
	struct keyarg none = { NULL, *loc };

	check_alg(pc, kind, opt, &a, key != NULL ? key : &none);
}

static void
misc(struct parse_ctx *pc, char *a, char *b, const struct srcloc *loc,
    const struct srcloc *bloc)
{
	check_misc(pc, a, b, loc, bloc);
	free(a);
	free(b);
}

/* a statement keyword: the parser has recovered from any error */
#define BEGIN(kind, l)	do {						\
		yyerrok;						\
		pc_begin(pc, (kind), AT(l));				\
	} while (0)

/* a location as check.c takes it; lives until the end of the action */
#define AT(l)	(&(struct srcloc){ pc->po->name,			\
		    (unsigned int)(l).first_line,			\
		    (unsigned int)(l).first_column })
}

%union {
	char			*str;
	struct addrlist		*alist;
	struct keyarg		 ka;
	struct numloc		 nl;
	int			 num;
	uint32_t		 u32;
}

%token <str>	WORD "word" DASHWORD "'-address'" NUMBER "number"
%token <str>	HEX "hex number" NEGNUM "negative number"
%token <str>	QSTRING "quoted string" BADOPT "option" BADCHAR "character"
%token		BADQUOTE "unterminated string" NOMEM "out of memory"
%token		BOM "byte order mark"

%token	K_ADD "add" K_GET "get" K_DELETE "delete" K_DELETEALL "deleteall"
%token	K_FLUSH "flush" K_DUMP "dump" K_GETSPI "getspi" K_UPDATE "update"
%token	K_SPDADD "spdadd" K_SPDUPDATE "spdupdate" K_SPDDELETE "spddelete"
%token	K_SPDFLUSH "spdflush" K_SPDDUMP "spddump" K_EXIT "exit"
%token	K_TAGGED "tagged"
%token	K_ESP "esp" K_ESP_OLD "esp-old" K_AH "ah" K_AH_OLD "ah-old"
%token	K_IPCOMP "ipcomp" K_ESP_UDP "esp-udp" K_TCP "tcp"
%token	K_ANY "any" K_TRANSPORT "transport" K_TUNNEL "tunnel"
%token	K_IN "in" K_OUT "out" K_FWD "fwd"
%token	K_DISCARD "discard" K_NONE "none" K_IPSEC "ipsec"
%token	K_PRIO "prio" K_LOW "low" K_DEF "def" K_HIGH "high"
%token	O_N "-n" O_M "-m" O_R "-r" O_U "-u" O_F "-f" O_LH "-lh" O_LS "-ls"
%token	O_BH "-bh" O_BS "-bs" O_CTX "-ctx" O_E "-E" O_A "-A" O_C "-C"
%token	O_RAW "-R" O_P "-P"

%type <str>	num dashword
%type <alist>	addr
%type <nl>	prefix port
%type <ka>	key
%type <num>	sa_proto mode
%type <u32>	prio_base

/* a token dropped in error recovery may be a key: wipe it */
%destructor { secret_free($$, $$ != NULL ? strlen($$) : 0); } <str>
%destructor { addrlist_free($$); } <alist>
%destructor { check_key_free($$.key); } <ka>

%%

input	: %empty
	| input stmt
	;

/*
 * After an error the parser resumes at the next ';' or at the next
 * statement keyword (a forgotten ';' then costs only one statement);
 * a statement keyword resets the error state so that the statement's
 * own first tokens are checked again.
 */
stmt	: ';'			{ yyerrok; }
	| body ';'		{ pc_emit(pc); if (pc->stop) YYACCEPT; }
	| K_EXIT		{ YYACCEPT; }
	| error			{ pc_discard(pc); }
	;

body	: sa_verb addropts addr addr sa_proto_st spi sa_opts {
		check_addrs(pc, $3, $4);
	}
	| deleteall addropts addr addr sa_proto_st {
		check_addrs(pc, $3, $4);
	}
	| flush_verb
	| flush_verb sa_proto	{ check_satype(pc, $2, AT(@2)); }
	| K_SPDFLUSH		{ BEGIN(CMD_SPDFLUSH, @1); }
	| K_SPDDUMP		{ BEGIN(CMD_SPDDUMP, @1); }
	| spd_verb addropts addr addr upper upper_misc ctx_opt policy {
		check_addrs(pc, $3, $4);
	}
	| spd_verb K_TAGGED QSTRING policy {
		check_tagged(pc, $3, AT(@2));
	}
	;

sa_verb	: K_ADD			{ BEGIN(CMD_ADD, @1); }
	| K_UPDATE		{ BEGIN(CMD_UPDATE, @1); }
	| K_GET			{ BEGIN(CMD_GET, @1); }
	| K_DELETE		{ BEGIN(CMD_DELETE, @1); }
	| K_GETSPI		{ BEGIN(CMD_GETSPI, @1); }
	;

deleteall
	: K_DELETEALL		{ BEGIN(CMD_DELETEALL, @1); }
	;

flush_verb
	: K_FLUSH		{ BEGIN(CMD_FLUSH, @1); }
	| K_DUMP		{ BEGIN(CMD_DUMP, @1); }
	;

spd_verb
	: K_SPDADD		{ BEGIN(CMD_SPDADD, @1); }
	| K_SPDUPDATE		{ BEGIN(CMD_SPDUPDATE, @1); }
	| K_SPDDELETE		{ BEGIN(CMD_SPDDELETE, @1); }
	;

addropts
	: %empty
	| addropts NEGNUM	{ check_family(pc, $2, AT(@2)); free($2); }
	| addropts O_N		{ pc->st.numeric = true; }
	;

addr	: WORD prefix port	{ $$ = check_addr(pc, $1, AT(@1), &$2, &$3); }
	;

prefix	: %empty		{ $$.v = ADDR_PLEN_FULL; $$.loc = *AT(@$); }
	| '/' num		{ check_prefix(pc, $2, AT(@2), &$$); free($2); }
	;

port	: %empty		{ $$.v = ADDR_PORT_NONE; $$.loc = *AT(@$); }
	| '[' num ']'		{ check_port(pc, $2, AT(@2), &$$); free($2); }
	| '[' K_ANY ']'		{ $$.v = 0; $$.loc = *AT(@2); }
	;

num	: NUMBER
	| HEX
	;

sa_proto
	: K_ESP			{ $$ = PROTO_ESP; }
	| K_ESP_OLD		{ $$ = PROTO_ESP_OLD; }
	| K_AH			{ $$ = PROTO_AH; }
	| K_AH_OLD		{ $$ = PROTO_AH_OLD; }
	| K_IPCOMP		{ $$ = PROTO_IPCOMP; }
	| K_ESP_UDP		{ $$ = PROTO_ESP_UDP; }
	| K_TCP			{ $$ = PROTO_TCP; }
	;

sa_proto_st
	: sa_proto		{ check_proto(pc, $1, AT(@1)); }
	;

spi	: num			{ check_spi(pc, $1, AT(@1)); free($1); }
	;

sa_opts	: %empty
	| sa_opts sa_opt
	;

sa_opt	: O_M mode		{ check_mode(pc, $2, AT(@1)); }
	| O_R num {
		check_replay(pc, $2, AT(@1), AT(@2));
		free($2);
	}
	| O_U num {
		check_reqid(pc, $2, AT(@1), AT(@2));
		free($2);
	}
	| O_F WORD {
		check_flag(pc, $2, AT(@1), AT(@2));
		free($2);
	}
	| O_LH num {
		check_life(pc, OPT_LH, $2, AT(@1), AT(@2));
		free($2);
	}
	| O_LS num {
		check_life(pc, OPT_LS, $2, AT(@1), AT(@2));
		free($2);
	}
	| O_BH num {
		check_life(pc, OPT_BH, $2, AT(@1), AT(@2));
		free($2);
	}
	| O_BS num {
		check_life(pc, OPT_BS, $2, AT(@1), AT(@2));
		free($2);
	}
	| ctx
	| O_E WORD key		{ alg(pc, ALG_ENC, AT(@1), $2, AT(@2), &$3); }
	| O_A WORD key		{ alg(pc, ALG_AUTH, AT(@1), $2, AT(@2), &$3); }
	| O_C WORD		{ alg(pc, ALG_COMP, AT(@1), $2, AT(@2), NULL); }
	| O_RAW			{ check_rawcpi(pc, AT(@1)); }
	;

mode	: K_TRANSPORT		{ $$ = IPSEC_MODE_TRANSPORT; }
	| K_TUNNEL		{ $$ = IPSEC_MODE_TUNNEL; }
	| K_ANY			{ $$ = IPSEC_MODE_ANY; }
	;

key	: %empty		{ $$.key = NULL; $$.loc = *AT(@$); }
	| QSTRING		{
		$$.key = check_key_text(pc, $1, AT(@1));
		$$.loc = *AT(@1);
	}
	| HEX			{
		$$.key = check_key_hex(pc, $1, AT(@1));
		$$.loc = *AT(@1);
	}
	;

ctx	: O_CTX num num QSTRING	{
		struct arg doi = { $2, *AT(@2) }, alg = { $3, *AT(@3) };

		check_ctx(pc, AT(@1), &doi, &alg, $4);
	}
	;

ctx_opt	: %empty
	| ctx
	;

upper	: K_ANY			{ check_upper(pc, "any", AT(@1)); }
	| num			{ check_upper(pc, $1, AT(@1)); free($1); }
	| WORD			{ check_upper(pc, $1, AT(@1)); free($1); }
	| K_TCP			{ check_upper(pc, "tcp", AT(@1)); }
	| K_ESP			{ check_upper(pc, "esp", AT(@1)); }
	| K_AH			{ check_upper(pc, "ah", AT(@1)); }
	| K_IPCOMP		{ check_upper(pc, "ipcomp", AT(@1)); }
	;

upper_misc
	: %empty
	| num			{ misc(pc, $1, NULL, AT(@1), NULL); }
	| WORD			{ misc(pc, $1, NULL, AT(@1), NULL); }
	| num ',' num		{
		check_misc(pc, $1, $3, AT(@1), AT(@3));
		free($1);
		free($3);
	}
	;

policy	: O_P dir prio action
	;

dir	: K_IN			{ check_dir(pc, IPSEC_DIR_INBOUND, AT(@1)); }
	| K_OUT			{ check_dir(pc, IPSEC_DIR_OUTBOUND, AT(@1)); }
	| K_FWD			{ check_dir(pc, IPSEC_DIR_FWD, AT(@1)); }
	;

prio	: %empty
	| K_PRIO prio_spec
	;

prio_spec
	: num {
		check_prio(pc, 0, '+', $1, AT(@1));
		free($1);
	}
	| '+' num {
		check_prio(pc, 0, '+', $2, AT(@2));
		free($2);
	}
	| '-' num {
		check_prio(pc, 0, '-', $2, AT(@2));
		free($2);
	}
	| NEGNUM		{
		check_prio(pc, 0, '-', $1 + 1, AT(@1));
		free($1);
	}
	| prio_base		{ check_prio(pc, $1, '+', NULL, AT(@1)); }
	| prio_base '+' num {
		check_prio(pc, $1, '+', $3, AT(@3));
		free($3);
	}
	| prio_base '-' num {
		check_prio(pc, $1, '-', $3, AT(@3));
		free($3);
	}
	| prio_base NEGNUM	{
		check_prio(pc, $1, '-', $2 + 1, AT(@2));
		free($2);
	}
	;

prio_base
	: K_LOW			{ $$ = 0xc0000000u; }
	| K_DEF			{ $$ = 0x80000000u; }
	| K_HIGH		{ $$ = 0x40000000u; }
	;

action	: %empty
	| K_DISCARD {
		check_action(pc, IPSEC_POLICY_DISCARD, AT(@1));
	}
	| K_NONE		{ check_action(pc, IPSEC_POLICY_NONE, AT(@1)); }
	| ipsec reqs
	;

ipsec	: K_IPSEC {
		check_action(pc, IPSEC_POLICY_IPSEC, AT(@1));
	}
	;

reqs	: %empty
	| reqs req
	;

req	: req_proto '/' req_mode req_tail {
		check_req_end(pc, AT(@1), AT(@3));
	}
	;

req_proto
	: K_ESP			{ check_req(pc, IPPROTO_ESP, AT(@1)); }
	| K_AH			{ check_req(pc, IPPROTO_AH, AT(@1)); }
	| K_IPCOMP		{ check_req(pc, IPPROTO_COMP, AT(@1)); }
	;

req_mode
	: K_TRANSPORT		{ check_req_mode(pc, IPSEC_MODE_TRANSPORT); }
	| K_TUNNEL		{ check_req_mode(pc, IPSEC_MODE_TUNNEL); }
	;

req_tail
	: %empty
	| '/' ends
	| '/' ends '/' level
	;

ends	: %empty
	| WORD port		{
		struct endarg l = { $1, *AT(@1), $2 };

		check_ends(pc, &l, NULL);
	}
	| WORD port dashword port {
		struct endarg l = { $1, *AT(@1), $2 }, r = { $3, *AT(@3), $4 };

		check_ends(pc, &l, &r);
	}
	;

/* "-gw" looks like an option to the scanner */
dashword: DASHWORD
	| BADOPT
	;

level	: %empty
	| WORD			{ check_level(pc, $1, AT(@1)); free($1); }
	;

%%

static void
yyerror(YYLTYPE *loc, void *scanner, struct parse_ctx *pc, const char *msg)
{
	(void)scanner;
	pc_error(pc, AT(*loc), "%s", msg);
}

/* what a token is, for "unexpected ..."; keys are never shown */
static void
tok_describe(const struct lextok *t, char *buf, size_t size)
{
	static const char stars[] = "****************";
	size_t n = t->len < sizeof(stars) - 1 ? t->len : sizeof(stars) - 1;

	/* as long as the word, so that it can be found in the line */
	if (t->secret) {
		snprintf(buf, size, "'%.*s' (hidden: a key goes here)",
		    (int)n, stars);
		return;
	}
	switch (t->tok) {
	case YYEOF:
		snprintf(buf, size, "end of input");
		break;
	case QSTRING:
		snprintf(buf, size, "quoted string");
		break;
	case HEX:
		snprintf(buf, size, "hex number");
		break;
	default:
		snprintf(buf, size, "'%s'", t->text);
		break;
	}
}

/* the groups of tokens that read better as one phrase */
struct expect {
	bool	 verb, opt, dir, prio, action, mode, reqmode, saproto;
	bool	 upper, key, seen[YYNTOKENS];
	int	 prev;
};

static const char *
sym_phrase(const struct expect *e, yysymbol_kind_t k)
{
	if (e->prio && (k == YYSYMBOL_NUMBER || k == YYSYMBOL_HEX ||
	    k == YYSYMBOL_NEGNUM || strcmp(yysymbol_name(k), "'+'") == 0 ||
	    strcmp(yysymbol_name(k), "'-'") == 0))
		return "a priority (low, def, high or a number)";
	switch (k) {
	case YYSYMBOL_NEGNUM:
		return "an option";
	case YYSYMBOL_DASHWORD:
	case YYSYMBOL_BADOPT:
		return "'-' and the other endpoint";
	case YYSYMBOL_WORD:
		if (e->prev == O_E || e->prev == O_A || e->prev == O_C)
			return "an algorithm name";
		if (e->prev == O_F)
			return "zero-pad, random-pad, seq-pad or nocyclic-seq";
		if (e->upper)
			return "an upper-layer protocol (any, a number or a "
			    "name)";
		if (e->prev == '/')
			return "tunnel endpoints or a level";
		return "an address";
	case YYSYMBOL_NUMBER:
	case YYSYMBOL_HEX:
		if (e->prev >= K_ESP && e->prev <= K_TCP && !e->upper)
			return "an SPI";
		if (e->key)
			return "a key (\"text\" or 0x hex digits)";
		if (e->upper)
			return "an upper-layer protocol (any, a number or a "
			    "name)";
		return "a number";
	case YYSYMBOL_QSTRING:
		return e->key ? "a key (\"text\" or 0x hex digits)" :
		    "a quoted string";
	case YYSYMBOL_K_ANY:
		return e->upper ? "an upper-layer protocol (any, a number or "
		    "a name)" : e->mode ? "transport, tunnel or any" : "any";
	default:
		break;
	}
	if (e->verb && k >= YYSYMBOL_K_ADD && k <= YYSYMBOL_K_SPDDUMP)
		return "a statement (add, spdadd, flush...)";
	if (k >= YYSYMBOL_O_N && k <= YYSYMBOL_O_P)
		return "an option";
	if (e->dir && k >= YYSYMBOL_K_IN && k <= YYSYMBOL_K_FWD)
		return "in, out or fwd";
	if (e->action && k >= YYSYMBOL_K_DISCARD && k <= YYSYMBOL_K_IPSEC)
		return "discard, none or ipsec";
	if (e->prio && k >= YYSYMBOL_K_LOW && k <= YYSYMBOL_K_HIGH)
		return "a priority (low, def, high or a number)";
	if (e->saproto && k >= YYSYMBOL_K_ESP && k <= YYSYMBOL_K_TCP)
		return "a protocol (esp, ah, ipcomp...)";
	if (e->upper && k >= YYSYMBOL_K_ESP && k <= YYSYMBOL_K_TCP)
		return "an upper-layer protocol (any, a number or a name)";
	if ((e->mode || e->reqmode) && (k == YYSYMBOL_K_TRANSPORT ||
	    k == YYSYMBOL_K_TUNNEL))
		return e->mode ? "transport, tunnel or any" :
		    "transport or tunnel";
	return NULL;
}

static void
expect_classify(struct expect *e, const yysymbol_kind_t *exp, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (exp[i] >= 0 && exp[i] < YYNTOKENS)
			e->seen[exp[i]] = true;
	e->verb = e->seen[YYSYMBOL_K_ADD];
	e->dir = e->seen[YYSYMBOL_K_IN];
	e->prio = e->seen[YYSYMBOL_K_LOW];
	e->action = e->seen[YYSYMBOL_K_DISCARD];
	e->saproto = e->seen[YYSYMBOL_K_ESP_UDP];
	e->upper = e->seen[YYSYMBOL_K_ANY] && e->seen[YYSYMBOL_NUMBER] &&
	    e->seen[YYSYMBOL_K_TCP];
	e->mode = e->seen[YYSYMBOL_K_TRANSPORT] && e->seen[YYSYMBOL_K_ANY];
	e->reqmode = e->seen[YYSYMBOL_K_TRANSPORT] && !e->mode;
	e->key = e->seen[YYSYMBOL_QSTRING] && e->seen[YYSYMBOL_HEX];
}

/* "a, b or c" from the expected tokens, each phrase once */
static void
expect_text(struct parse_ctx *pc, const yysymbol_kind_t *exp, int n,
    char *buf, size_t size)
{
	struct expect e;
	const char *ph[16], *p;
	char quoted[16][32];
	int i, j, np = 0;
	size_t used, len;

	memset(&e, 0, sizeof(e));
	e.prev = pc->prev.tok;
	expect_classify(&e, exp, n);
	/* after the upper-layer protocol: a gre key is rare, -P is not */
	if (e.seen[YYSYMBOL_O_P]) {
		snprintf(buf, size, "-P and the policy");
		return;
	}
	for (i = 0; i < n && np < 16; i++) {
		/* the end and -c's exit are always possible: no news */
		if (exp[i] == YYSYMBOL_YYEOF || exp[i] == YYSYMBOL_K_EXIT)
			continue;
		p = sym_phrase(&e, exp[i]);
		if (p == NULL) {
			/* bison quotes aliases: "add" becomes 'add' */
			p = yysymbol_name(exp[i]);
			len = strlen(p);
			if (len >= 2 && (p[0] == '"' || p[0] == '\''))
				snprintf(quoted[np], sizeof(quoted[np]),
				    "'%.*s'", (int)(len - 2), p + 1);
			else
				snprintf(quoted[np], sizeof(quoted[np]),
				    "'%s'", p);
			p = quoted[np];
		}
		for (j = 0; j < np && strcmp(ph[j], p) != 0; j++)
			;
		if (j == np)
			ph[np++] = p;
	}
	buf[0] = '\0';
	for (i = 0; i < np; i++) {
		used = strlen(buf);
		snprintf(buf + used, size - used, "%s%s", i == 0 ? "" :
		    i + 1 == np ? " or " : ", ", ph[i]);
	}
}

/* lexical errors come as tokens of their own */
static bool
lex_error(struct parse_ctx *pc, int tok, const struct srcloc *at)
{
	const char *t = pc->cur.text;

	switch (tok) {
	case BADCHAR:
		if (t[0] == '\\')
			pc_error(pc, at, "'\\' is not a line continuation: a "
			    "statement runs over lines until its ';'");
		else if (isprint((unsigned char)t[0]))
			pc_error(pc, at, "stray '%s' in the input", t);
		else
			pc_error(pc, at, "stray byte 0x%02x in the input",
			    (unsigned char)t[0]);
		return true;
	case BOM:
		if (at->line == 1 && at->col == 1)
			pc_error(pc, at, "a UTF-8 byte order mark starts the "
			    "file; save it without one");
		else
			pc_error(pc, at, "stray U+FEFF (a byte order mark) in "
			    "the input");
		return true;
	case BADQUOTE:
		pc_error(pc, at, "missing closing '\"' on this line");
		return true;
	case BADOPT:
		pc_error(pc, at, "unknown option '%s'", t);
		return true;
	case NOMEM:
		pc_error(pc, at, "out of memory");
		return true;
	default:
		return false;
	}
}

static bool
is_verb(int tok)
{
	return (tok >= K_ADD && tok <= K_SPDDUMP) || tok == YYEOF;
}

/* a forgotten ';' is reported just after the token before it */
static void
missing_semicolon(struct parse_ctx *pc)
{
	struct srcloc at = pc->prev.end;
	char what[64];

	at.col++;
	if (pc->prev.end.line == pc->key_end.line &&
	    pc->prev.end.col == pc->key_end.col)
		snprintf(what, sizeof(what), "the key");
	else
		tok_describe(&pc->prev, what, sizeof(what));
	pc_error(pc, &at, "expected ';' after %s", what);
}

static int
yyreport_syntax_error(const yypcontext_t *yyctx, void *scanner,
    struct parse_ctx *pc)
{
	yysymbol_kind_t exp[YYNTOKENS];
	const YYLTYPE *l = yypcontext_location(yyctx);
	int n, tok = pc->cur.tok;
	char what[64], expected[512];
	bool semi = false;

	(void)scanner;
	if (lex_error(pc, tok, AT(*l)))
		return 0;
	n = yypcontext_expected_tokens(yyctx, exp, YYNTOKENS);
	for (int i = 0; i < n; i++)
		semi |= strcmp(yysymbol_name(exp[i]), "';'") == 0;
	if (semi && is_verb(tok) && pc->prev.tok != 0) {
		missing_semicolon(pc);
		return 0;
	}
	tok_describe(&pc->cur, what, sizeof(what));
	if (n > 0 && exp[0] != YYSYMBOL_YYEMPTY) {
		for (int i = 0; i < n; i++)
			if (exp[i] == YYSYMBOL_K_ADD && tok == WORD) {
				pc_error(pc, AT(*l), "unknown statement %s",
				    what);
				return 0;
			}
		expect_text(pc, exp, n, expected, sizeof(expected));
		pc_error(pc, AT(*l), "unexpected %s; expected %s", what,
		    expected);
	} else {
		pc_error(pc, AT(*l), "unexpected %s", what);
	}
	return 0;
}

int	yylex_init_extra(struct parse_ctx *pc, void **scanner);
int	yylex_destroy(void *scanner);

unsigned int
parse_stream(FILE *fp, const struct parse_opts *po)
{
	struct parse_ctx pc;
	void *scanner;

	pc_init(&pc, fp, po);
	if (yylex_init_extra(&pc, &scanner) != 0) {
		pc_error(&pc, NULL, "out of memory");
		return pc.errors;
	}
	pc.scanner = scanner;
	yyparse(scanner, &pc);
	yylex_destroy(scanner);
	pc_fini(&pc);
	return pc.errors;
}
