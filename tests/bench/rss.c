// SPDX-License-Identifier: BSD-2-Clause
/*
 * Runs a command and reports its wall time and peak RSS:
 *   rss [-o FILE] COMMAND [ARG]...
 * prints "rss: SECONDS KIB STATUS" on stderr (wall seconds, ru_maxrss
 * of the child from wait4, its exit status); -o sends the command's
 * stdout to FILE (/dev/null, or a file to measure writing).
 */
#include <sys/resource.h>
#include <sys/wait.h>

#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double
rss_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
rss_child(char **argv, const char *out)
{
	int fd;

	if (out != NULL) {
		if ((fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644)) == -1)
			err(127, "%s", out);
		if (dup2(fd, STDOUT_FILENO) == -1)
			err(127, "dup2");
		close(fd);
	}
	execvp(argv[0], argv);
	err(127, "%s", argv[0]);
}

int
main(int argc, char **argv)
{
	const char *out = NULL;
	struct rusage ru;
	double t0, t1;
	pid_t pid;
	int status;

	if (argc > 2 && strcmp(argv[1], "-o") == 0) {
		out = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: rss [-o FILE] COMMAND [ARG]...\n");
		return 2;
	}
	t0 = rss_now();
	if ((pid = fork()) == -1)
		err(1, "fork");
	if (pid == 0)
		rss_child(argv + 1, out);
	if (wait4(pid, &status, 0, &ru) == -1)
		err(1, "wait4");
	t1 = rss_now();
	fprintf(stderr, "rss: %.6f %ld %d\n", t1 - t0, ru.ru_maxrss,
	    WIFEXITED(status) ? WEXITSTATUS(status) :
	    128 + WTERMSIG(status));
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
