// SPDX-License-Identifier: BSD-2-Clause
#include <sys/socket.h>

#include <linux/ipsec.h>
#include <linux/pfkeyv2.h>

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diag.h"
#include "parsectx.h"
#include "secret.h"

void
pc_init(struct parse_ctx *pc, FILE *fp, const struct parse_opts *po)
{
	memset(pc, 0, sizeof(*pc));
	pc->po = po;
	pc->fp = fp;
	pc->line = pc->col = 1;
	pc->first_line = 1;
}

/* source lines may hold keys: wipe them */
static void
pc_forget(struct parse_ctx *pc, unsigned int before)
{
	size_t n = 0;

	while (n < pc->nlines && pc->first_line + n < before) {
		explicit_bzero(pc->lines[n].text, pc->lines[n].len);
		free(pc->lines[n].text);
		n++;
	}
	if (n == 0)
		return;
	memmove(pc->lines, pc->lines + n,
	    (pc->nlines - n) * sizeof(*pc->lines));
	pc->nlines -= n;
	pc->first_line += n;
}

void
pc_fini(struct parse_ctx *pc)
{
	pc_discard(pc);
	pc_forget(pc, pc->first_line + pc->nlines);
	free(pc->lines);
	pc->lines = NULL;
}

static int
pc_keep_line(struct parse_ctx *pc, char *text, size_t len)
{
	struct srcline *v;

	if (pc->nlines == pc->cap) {
		pc->cap = pc->cap ? pc->cap * 2 : 16;
		v = realloc(pc->lines, pc->cap * sizeof(*v));
		if (v == NULL)
			return -1;
		pc->lines = v;
	}
	pc->lines[pc->nlines].text = text;
	pc->lines[pc->nlines].len = len;
	pc->nlines++;
	pc->pending = 0;
	return 0;
}

/*
 * getline(3), but what it outgrows is wiped, not left to realloc: a
 * line may hold a key.  -1 at the end or on a read error, -2 when out
 * of memory.  XXX: a getc per byte is a twelfth of setkey -n's time.
 */
static ssize_t
pc_getline(FILE *fp, char **textp)
{
	char *text = NULL, *p;
	size_t len = 0, cap = 0;
	int c;

	while ((c = getc_unlocked(fp)) != EOF) {
		if (len + 1 >= cap) {
			cap = cap ? cap * 2 : 256;
			if ((p = malloc(cap)) == NULL) {
				secret_free(text, len);
				return -2;
			}
			if (len > 0)
				memcpy(p, text, len);
			secret_free(text, len);
			text = p;
		}
		text[len++] = (char)c;
		if (c == '\n')
			break;
	}
	if (len == 0)
		return -1;
	text[len] = '\0';
	*textp = text;
	return (ssize_t)len;
}

/*
 * The scanner's input: one line per call (or the rest of a line longer
 * than the scanner's buffer), so that with -c a statement is handed
 * over as soon as its line is read, and every line is kept for carets.
 */
size_t
pc_read(struct parse_ctx *pc, char *buf, size_t size)
{
	struct srcline *last;
	char *text = NULL;
	size_t n;
	ssize_t len;

	last = pc->nlines ? &pc->lines[pc->nlines - 1] : NULL;
	if (last == NULL || pc->pending == last->len) {
		len = pc_getline(pc->fp, &text);
		if (len == -1 && ferror(pc->fp)) {
			diag_error(NULL, "%s: %s", pc->po->name,
			    strerror(errno));
			pc->errors++;
		}
		if (len < 0 || pc_keep_line(pc, text, (size_t)len) == -1) {
			if (len != -1) {
				diag_error(NULL, "%s: out of memory",
				    pc->po->name);
				pc->errors++;
			}
			secret_free(text, len > 0 ? (size_t)len : 0);
			return 0;
		}
		last = &pc->lines[pc->nlines - 1];
	}
	n = last->len - pc->pending;
	if (n > size)
		n = size;
	memcpy(buf, last->text + pc->pending, n);
	pc->pending += n;
	return n;
}

static size_t
word_end(const char *s, size_t i, size_t len)
{
	if (s[i] == '"') {
		for (i++; i < len && s[i] != '"' && s[i] != '\n'; i++)
			;
		return i < len && s[i] == '"' ? i + 1 : i;
	}
	while (i < len && !isspace((unsigned char)s[i]) && s[i] != ';')
		i++;
	return i;
}

/* stars over a word, keeping quotes and 0x so the caret lines up */
static void
word_mask(char *w, size_t n)
{
	size_t i = 0;

	if (n >= 2 && w[0] == '"')
		for (i = 1; i < n && w[i] != '"'; i++)
			w[i] = '*';
	else if (n > 2 && w[0] == '0' && (w[1] == 'x' || w[1] == 'X'))
		memset(w + 2, '*', n - 2);
	else
		memset(w, '*', n);
}

static bool
word_is_verb(const char *w, size_t n)
{
	static const char *const verbs[] = { "add", "get", "delete",
	    "deleteall", "flush", "dump", "getspi", "update", "spdadd",
	    "spdupdate", "spddelete", "spdflush", "spddump" };
	size_t i;

	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (strlen(verbs[i]) == n && memcmp(w, verbs[i], n) == 0)
			return true;
	return false;
}

/*
 * The echoed line hides keys as the scanner does (lex_secret): after
 * -E, -A or -C NAME, every word up to the next option, ';' or verb,
 * and a key-like word in the name's place; the same length, so that
 * the caret still lines up.  AFTER is the state at the start of the
 * line (1: after the option, 2: after the name), as a key may sit on a
 * line of its own; the state at its end is returned.  After '#' the
 * rest of a line is a comment and changes nothing.
 */
static int
mask_keys(char *s, size_t len, int after)
{
	size_t i = 0, end, n;

	while (i < len && s[i] != '#') {
		if (isspace((unsigned char)s[i])) {
			i++;
			continue;
		}
		end = word_end(s, i, len);
		n = end - i;
		if (n == 0) {
			after = 0;
			i++;
			continue;
		}
		if (s[i] == '-')
			after = n == 2 && (s[i + 1] == 'E' || s[i + 1] == 'A' ||
			    s[i + 1] == 'C') ? 1 : 0;
		else if (word_is_verb(s + i, n))
			after = 0;
		else if (n == 1 && !isalnum((unsigned char)s[i]))
			;	/* a stray byte: its message names it anyway */
		else if (after == 2 ||
		    (after == 1 && secret_key_like(s + i, n)))
			word_mask(s + i, n);
		if (after == 1 && s[i] != '-')
			after = 2;
		i = end;
	}
	return after;
}

/* mask_keys' state at the start of kept line N: from the first kept */
static int
mask_state(const struct parse_ctx *pc, size_t n)
{
	const struct srcline *l;
	char *copy;
	int after = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		l = &pc->lines[i];
		if ((copy = malloc(l->len + 1)) == NULL)
			return 2;	/* unsure: mask the first word */
		memcpy(copy, l->text, l->len);
		after = mask_keys(copy, l->len, after);
		secret_free(copy, l->len);
	}
	return after;
}

static void
pc_show(struct parse_ctx *pc, const struct srcloc *loc)
{
	const struct srcline *l;
	char *copy;

	if (loc == NULL || loc->line < pc->first_line ||
	    loc->line - pc->first_line >= pc->nlines)
		return;
	l = &pc->lines[loc->line - pc->first_line];
	copy = malloc(l->len + 1);
	if (copy == NULL)
		return;
	memcpy(copy, l->text, l->len);
	mask_keys(copy, l->len, mask_state(pc, loc->line - pc->first_line));
	diag_source(copy, l->len, loc->col);
	secret_free(copy, l->len);
}

/* the message, then the line it points into */
static void
pc_report(struct parse_ctx *pc, const struct srcloc *loc, bool error,
    const char *fmt, va_list ap)
{
	char msg[512];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (error)
		diag_error(loc, "%s", msg);
	else
		diag_warn(loc, "%s", msg);
	pc_show(pc, loc);
}

void
pc_error(struct parse_ctx *pc, const struct srcloc *loc, const char *fmt,
    ...)
{
	va_list ap;

	va_start(ap, fmt);
	pc_report(pc, loc, true, fmt, ap);
	va_end(ap);
	pc->errors++;
	pc->st.bad = true;
}

void
pc_warn(struct parse_ctx *pc, const struct srcloc *loc, const char *fmt,
    ...)
{
	va_list ap;

	va_start(ap, fmt);
	pc_report(pc, loc, false, fmt, ap);
	va_end(ap);
}

static void
addr_default(struct addr *a)
{
	a->prefixlen = ADDR_PLEN_FULL;
	a->port = ADDR_PORT_NONE;
}

/*
 * Defaults of what a statement leaves out.  SA_FLAG_CYCSEQ: the classic
 * tool sends it unless -f nocyclic-seq (LANGUAGE.md); Linux's af_key
 * neither needs it nor reports it back, which is why the golden dumps
 * show flags=0x00000000 for plain adds.
 */
struct cmd *
pc_begin(struct parse_ctx *pc, enum cmd_kind kind, const struct srcloc *loc)
{
	struct cmd *cmd;

	pc_discard(pc);
	cmd = calloc(1, sizeof(*cmd));
	if (cmd == NULL) {
		pc_error(pc, loc, "out of memory");
		return NULL;
	}
	cmd->kind = kind;
	cmd->loc = *loc;
	cmd->satype = SADB_SATYPE_UNSPEC;
	addr_default(&cmd->src);
	addr_default(&cmd->dst);
	cmd->sa.mode = IPSEC_MODE_ANY;
	if (kind == CMD_ADD || kind == CMD_UPDATE || kind == CMD_GETSPI)
		cmd->sa.flags = SA_FLAG_CYCSEQ;
	cmd->sp.upper = IPSEC_ULPROTO_ANY;
	cmd->sp.priority = 0x80000000u;
	/* "-P dir" alone (spddelete): the kernel ignores the type */
	cmd->sp.type = IPSEC_POLICY_DISCARD;
	pc->st.cmd = cmd;
	pc->st.family = AF_UNSPEC;
	return cmd;
}

/* ends the statement, emitted or not; keeps the lines still needed */
void
pc_discard(struct parse_ctx *pc)
{
	cmd_free(pc->st.cmd);
	addrlist_free(pc->st.src);
	addrlist_free(pc->st.dst);
	memset(&pc->st, 0, sizeof(pc->st));
	pc_forget(pc, pc->cur.loc.line);
}

static int
key_dup(struct key *to, const struct key *from)
{
	to->bytes = NULL;
	if (from->len == 0)
		return 0;
	to->bytes = malloc(from->len);
	if (to->bytes == NULL)
		return -1;
	memcpy(to->bytes, from->bytes, from->len);
	return 0;
}

static int
str_dup(char **to, const char *from, size_t len)
{
	*to = NULL;
	if (from == NULL)
		return 0;
	*to = malloc(len + 1);
	if (*to == NULL)
		return -1;
	memcpy(*to, from, len + 1);
	return 0;
}

/* a deep copy, since every cmd handed over is freed on its own */
static struct cmd *
cmd_dup(const struct cmd *from)
{
	struct cmd *cmd;
	size_t n = from->sp.nreq * sizeof(*from->sp.reqs);
	int rc = 0;

	cmd = malloc(sizeof(*cmd));
	if (cmd == NULL)
		return NULL;
	*cmd = *from;
	cmd->next = NULL;
	rc |= key_dup(&cmd->sa.ekey, &from->sa.ekey);
	rc |= key_dup(&cmd->sa.akey, &from->sa.akey);
	rc |= str_dup(&cmd->sa.ctx.str, from->sa.ctx.str, from->sa.ctx.len);
	rc |= str_dup(&cmd->sp.ctx.str, from->sp.ctx.str, from->sp.ctx.len);
	rc |= str_dup(&cmd->sp.tag, from->sp.tag,
	    from->sp.tag ? strlen(from->sp.tag) : 0);
	cmd->sp.reqs = NULL;
	cmd->sp.reqcap = from->sp.nreq;
	if (n != 0 && (cmd->sp.reqs = malloc(n)) != NULL)
		memcpy(cmd->sp.reqs, from->sp.reqs, n);
	else if (n != 0)
		rc = -1;
	if (rc != 0) {
		cmd_free(cmd);
		return NULL;
	}
	return cmd;
}

/*
 * LAST: the statement's own cmd goes to the caller, which saves a deep
 * copy per statement in the common case of one address pair.
 */
static void
pc_hand(struct parse_ctx *pc, const struct addr *src, const struct addr *dst,
    bool last)
{
	struct cmd *cmd;

	if (pc->stop)
		return;
	if (last) {
		cmd = pc->st.cmd;
		pc->st.cmd = NULL;
		cmd->next = NULL;
	} else if ((cmd = cmd_dup(pc->st.cmd)) == NULL) {
		pc_error(pc, &pc->st.cmd->loc, "out of memory");
		return;
	}
	if (src != NULL) {
		cmd->src = *src;
		cmd->dst = *dst;
	}
	if (pc->po->cb(cmd, pc->po->arg) != 0)
		pc->stop = true;
}

/* every src x dst pair of one family, in the order written */
static void
pc_pairs(struct parse_ctx *pc)
{
	const struct addrlist *s = pc->st.src, *d = pc->st.dst;
	size_t i, j, n = 0;

	for (i = 0; i < s->n; i++)
		for (j = 0; j < d->n; j++)
			if (addr_family(&s->v[i]) == addr_family(&d->v[j]))
				n++;
	if (n == 0 && !s->named && !d->named) {
		pc_error(pc, &d->loc, "the source '%s' is %s but the "
		    "destination '%s' is %s", s->text,
		    addr_family_name(addr_family(&s->v[0])), d->text,
		    addr_family_name(addr_family(&d->v[0])));
		return;
	}
	if (n == 0) {
		pc_error(pc, &d->loc, "'%s' and '%s' have no address family "
		    "in common", s->text, d->text);
		return;
	}
	for (i = 0; i < s->n; i++)
		for (j = 0; j < d->n; j++)
			if (addr_family(&s->v[i]) == addr_family(&d->v[j]))
				pc_hand(pc, &s->v[i], &d->v[j], --n == 0);
}

/* at a statement's ';' */
void
pc_emit(struct parse_ctx *pc)
{
	struct stmt *st = &pc->st;

	if (st->cmd != NULL)
		check_stmt(pc);
	if (st->cmd != NULL && !st->bad) {
		if (st->src == NULL || st->dst == NULL)
			pc_hand(pc, NULL, NULL, true);
		else if (st->src->n > 0 && st->dst->n > 0)
			pc_pairs(pc);
	}
	pc_discard(pc);
}
