// SPDX-License-Identifier: BSD-2-Clause
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "secret.h"

static const char *const verbs[] = {
	[CMD_ADD] = "add",
	[CMD_UPDATE] = "update",
	[CMD_GET] = "get",
	[CMD_DELETE] = "delete",
	[CMD_DELETEALL] = "deleteall",
	[CMD_GETSPI] = "getspi",
	[CMD_FLUSH] = "flush",
	[CMD_DUMP] = "dump",
	[CMD_SPDADD] = "spdadd",
	[CMD_SPDUPDATE] = "spdupdate",
	[CMD_SPDDELETE] = "spddelete",
	[CMD_SPDFLUSH] = "spdflush",
	[CMD_SPDDUMP] = "spddump",
};

const char *
cmd_verb(enum cmd_kind kind)
{
	if ((size_t)kind >= sizeof(verbs) / sizeof(verbs[0]))
		return "?";
	return verbs[kind];
}

void
cmd_list_init(struct cmd_list *list)
{
	list->head = NULL;
	list->tail = &list->head;
}

void
cmd_list_append(struct cmd_list *list, struct cmd *cmd)
{
	cmd->next = NULL;
	*list->tail = cmd;
	list->tail = &cmd->next;
}

void
cmd_list_free(struct cmd_list *list)
{
	struct cmd *cmd, *next;

	for (cmd = list->head; cmd != NULL; cmd = next) {
		next = cmd->next;
		cmd_free(cmd);
	}
	cmd_list_init(list);
}

static void
key_free(struct key *key)
{
	secret_free(key->bytes, key->len);
	memset(key, 0, sizeof(*key));
}

void
cmd_free(struct cmd *cmd)
{
	if (cmd == NULL)
		return;
	key_free(&cmd->sa.ekey);
	key_free(&cmd->sa.akey);
	free(cmd->sa.ctx.str);
	free(cmd->sp.ctx.str);
	free(cmd->sp.reqs);
	free(cmd->sp.tag);
	free(cmd);
}
