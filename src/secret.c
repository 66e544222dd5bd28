// SPDX-License-Identifier: BSD-2-Clause
#include <sys/stat.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "secret.h"

bool
secret_key_like(const char *w, size_t n)
{
	size_t i;

	if (n > 0 && w[0] == '"')
		return true;
	if (n > 1 && w[0] == '0' && (w[1] == 'x' || w[1] == 'X'))
		return true;
	for (i = 0; i < n && isxdigit((unsigned char)w[i]); i++)
		;
	return n >= 8 && i == n;
}

void
secret_free(void *p, size_t len)
{
	if (p != NULL)
		explicit_bzero(p, len);
	free(p);
}

/* an empty key (null algorithms) is no secret */
bool
secret_has_key(const struct cmd_list *list)
{
	const struct cmd *cmd;

	for (cmd = list->head; cmd != NULL; cmd = cmd->next)
		if (cmd->sa.ekey.len > 0 || cmd->sa.akey.len > 0)
			return true;
	return false;
}

/*
 * 1 when it warned.  fstat on the open file, not stat on the name: the
 * mode of what was read, even if the name was replaced meanwhile.
 */
int
secret_check_file(FILE *fp, const char *name, const struct cmd_list *list)
{
	struct stat st;

	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode) ||
	    (st.st_mode & 077) == 0 || !secret_has_key(list))
		return 0;
	diag_warn(NULL, "%s holds keys, but its mode %04o lets group or "
	    "others open it; chmod go-rwx %s", name,
	    (unsigned int)(st.st_mode & 07777), name);
	return 1;
}
