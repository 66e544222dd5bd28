// SPDX-License-Identifier: BSD-2-Clause
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "msgtest.h"
#include "rawfile.h"
#include "unit.h"

static void
larval_sa(struct tmsg *m, uint32_t spi, uint32_t seq)
{
	tm_start(m, SADB_DUMP, SADB_SATYPE_AH, seq, 77);
	tm_sa(m, spi, SADB_SASTATE_LARVAL, 0, 0);
	tm_addr(m, SADB_EXT_ADDRESS_SRC, "10.0.0.1", 0, 32, 0);
	tm_addr(m, SADB_EXT_ADDRESS_DST, "10.0.0.2", 0, 32, 0);
	tm_sa2(m, IPSEC_MODE_TRANSPORT, 0);
	tm_end(m);
}

/* what rawfile_print wrote to stderr in the last run_file */
static char	errs[1024];

/* the file's bytes, then what rawfile_print made of them */
static char *
run_file(const void *bytes, size_t len, int *rc)
{
	struct print_opts po = { .now = 1 };
	char path[] = "/tmp/setkey-rawfile-XXXXXX", *text = NULL;
	size_t size;
	ssize_t got;
	FILE *fp, *err = tmpfile();
	int fd = mkstemp(path), saved = dup(2);

	if (fd < 0 || write(fd, bytes, len) != (ssize_t)len || err == NULL ||
	    saved < 0)
		abort();
	close(fd);
	fp = open_memstream(&text, &size);
	fflush(stderr);
	dup2(fileno(err), 2);
	*rc = rawfile_print(fp, path, &po, false);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	fclose(fp);
	unlink(path);
	got = pread(fileno(err), errs, sizeof(errs) - 1, 0);
	errs[got > 0 ? got : 0] = '\0';
	fclose(err);
	return text;
}

static const char larval_text[] =
    "10.0.0.1 10.0.0.2 \n"
    "\tah mode=transport spi=%u(0x%08x) reqid=0(0x00000000)\n"
    "\tseq=0x00000000 replay=0 flags=0x00000000 state=larval \n"
    "\tsadb_seq=%u pid=77 refcnt=0\n";

TEST(rawfile_two_messages)
{
	struct tmsg m;
	uint8_t file[512];
	char want[512], *text;
	size_t n;
	int rc;

	larval_sa(&m, 10001, 1);
	memcpy(file, m.w, m.len);
	n = m.len;
	larval_sa(&m, 10000, 0);
	memcpy(file + n, m.w, m.len);
	n += m.len;
	text = run_file(file, n, &rc);
	CHECK(rc == 0);
	snprintf(want, sizeof(want), larval_text, 10001, 10001, 1);
	n = strlen(want);
	snprintf(want + n, sizeof(want) - n, larval_text, 10000, 10000, 0);
	CHECK_STR(text, want);
	free(text);
}

/* a corrupt message in the middle does not stop the walk; a cut one ends it */
TEST(rawfile_corrupt_and_cut)
{
	struct tmsg m;
	uint8_t file[512];
	struct sadb_address *src;
	char *text;
	size_t n;
	int rc;

	larval_sa(&m, 1000, 2);
	src = (void *)((uint8_t *)m.w + 32);
	src->sadb_address_prefixlen = 99;
	memcpy(file, m.w, m.len);
	n = m.len;
	larval_sa(&m, 2000, 1);
	memcpy(file + n, m.w, m.len);
	n += m.len;
	larval_sa(&m, 3000, 0);
	memcpy(file + n, m.w, m.len - 12);
	n += m.len - 12;
	text = run_file(file, n, &rc);
	CHECK(rc == 1);
	CHECK(strstr(text, "\t! incomplete entry: no address_src extension\n"
	    "\t! malformed message: prefix length longer than the address "
	    "(32 of 96 bytes sound)\n10.0.0.1 10.0.0.2 \n"
	    "\tah mode=transport spi=2000(") == text);
	CHECK(strstr(text, "spi=3000(0x00000bb8)") != NULL);
	CHECK(strstr(text, "\t! malformed message: message cut short "
	    "(80 of 84 bytes sound)\n") != NULL);
	/* the file and the offset of each bad message, on stderr */
	CHECK(strstr(errs, ": message at byte 0: prefix length longer than "
	    "the address (32 of 96 bytes sound)\n") != NULL);
	CHECK(strstr(errs, ": message at byte 192: message cut short (80 "
	    "of 84 bytes sound)\n") != NULL);
	free(text);

	text = run_file(file, 7, &rc);
	CHECK(rc == 1);
	CHECK_STR(text, "\t! malformed message: shorter than a message "
	    "header (0 of 7 bytes sound)\n");
	CHECK(strstr(errs, "/tmp/setkey-rawfile-") == errs + 15);
	free(text);
}
