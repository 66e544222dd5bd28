// SPDX-License-Identifier: BSD-2-Clause
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "secret.h"
#include "unit.h"

/* one SA with an authentication key of n bytes */
static void
one_sa(struct cmd_list *list, size_t n)
{
	struct cmd *cmd = calloc(1, sizeof(*cmd));

	cmd_list_init(list);
	if (cmd == NULL)
		abort();
	cmd->kind = CMD_ADD;
	cmd->sa.akey.set = true;
	cmd->sa.akey.len = n;
	if (n > 0 && (cmd->sa.akey.bytes = calloc(1, n)) == NULL)
		abort();
	cmd_list_append(list, cmd);
}

/* secret_check_file on a temporary file of that mode */
static int
check_mode(mode_t mode, size_t keylen)
{
	char path[] = "/tmp/setkey-secret-XXXXXX";
	struct cmd_list list;
	FILE *fp, *saved;
	int fd, rc;

	if ((fd = mkstemp(path)) == -1 || fchmod(fd, mode) != 0)
		abort();
	fp = fdopen(fd, "r");
	one_sa(&list, keylen);
	/* the warning itself is not what is tested here */
	saved = stderr;
	stderr = fopen("/dev/null", "w");
	rc = secret_check_file(fp, path, &list);
	fclose(stderr);
	stderr = saved;
	fclose(fp);
	unlink(path);
	cmd_list_free(&list);
	return rc;
}

TEST(secret_warns_when_others_may_read)
{
	CHECK(check_mode(0644, 20) == 1);
	CHECK(check_mode(0640, 20) == 1);
	CHECK(check_mode(0604, 20) == 1);
	CHECK(check_mode(0602, 20) == 1);
}

TEST(secret_quiet_when_private_or_keyless)
{
	CHECK(check_mode(0600, 20) == 0);
	CHECK(check_mode(0400, 20) == 0);
	CHECK(check_mode(0644, 0) == 0);
}

TEST(secret_quiet_for_a_pipe)
{
	struct cmd_list list;
	FILE *fp = popen("true", "r");

	CHECK(fp != NULL);
	one_sa(&list, 20);
	CHECK(secret_check_file(fp, "pipe", &list) == 0);
	pclose(fp);
	cmd_list_free(&list);
}

#define KEY_LIKE(w)	secret_key_like((w), strlen(w))

TEST(secret_key_like_words)
{
	CHECK(KEY_LIKE("\"secret\""));
	CHECK(KEY_LIKE("0x12"));
	CHECK(KEY_LIKE("0X0x12g"));
	CHECK(KEY_LIKE("a1e6fd5b"));
	CHECK(KEY_LIKE("504f4c1fa1e6fd5bbf067bdc79af8f0d"));
	/* algorithm names and short words stay readable */
	CHECK(!KEY_LIKE("aes-cbc"));
	CHECK(!KEY_LIKE("3des-cbc"));
	CHECK(!KEY_LIKE("deadbee"));
	CHECK(!KEY_LIKE("hmac-sha256"));
	CHECK(!KEY_LIKE(""));
}
