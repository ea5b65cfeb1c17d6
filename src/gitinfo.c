/*
 * gitinfo.c - the git commit and branch of the working folder
 *
 * Runs "git rev-parse --verify -q HEAD" and "git symbolic-ref -q --short
 * HEAD" with posix_spawnp, standard input and error on /dev/null, and keeps
 * the first line each prints when it exits 0.  git knows every layout
 * (worktrees, packed refs, submodules) that reading .git by hand would have
 * to follow.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gitinfo.h"
#include "strbuf.h"

extern char **environ;

/* The first line the command prints, when it exits 0; else NULL. */
static char *
first_line(char *const argv[])
{
	posix_spawn_file_actions_t fa;
	struct strbuf out;
	char buf[256];
	ssize_t got;
	pid_t pid;
	int fds[2], status = -1, rc;

	if (pipe(fds) != 0)
		return NULL;
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		return NULL;
	}
	strbuf_init(&out);
	for (;;) {
		got = read(fds[0], buf, sizeof buf);
		if (got > 0 && out.len < 4096)
			strbuf_add(&out, buf, (size_t)got);
		else if (got == 0 || (got < 0 && errno != EINTR))
			break;
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		continue;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || out.len == 0) {
		strbuf_fini(&out);
		return NULL;
	}
	out.buf[strcspn(out.buf, "\r\n")] = '\0';
	if (out.buf[0] == '\0') {
		strbuf_fini(&out);
		return NULL;
	}
	return strbuf_detach(&out);
}

void
gitinfo_read(char **commit, char **branch)
{
	char *rev[] = { "git", "rev-parse", "--verify", "-q", "HEAD", NULL };
	char *ref[] = { "git", "symbolic-ref", "-q", "--short", "HEAD",
		NULL };

	*branch = NULL;
	*commit = first_line(rev);
	if (*commit != NULL)
		*branch = first_line(ref);
}
