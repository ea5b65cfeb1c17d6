/*
 * paths.c - finding the fixtures folder at run time
 *
 * In order: $DBBENCH_FIXTURES; "fixtures" next to the running binary (a
 * build tree, where ./dbbench sits at the top); the installed data folder
 * chosen at configure time.  The first that is a folder wins; if none is,
 * the installed one is returned so that messages name where it should be.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"
#include "xmalloc.h"

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* "fixtures" in the folder holding /proc/self/exe, or NULL. */
static char *
next_to_binary(void)
{
	char exe[PATH_MAX], *slash, *dir;
	ssize_t n;

	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	dir = xasprintf("%s/fixtures", exe);
	if (is_dir(dir))
		return dir;
	free(dir);
	return NULL;
}

/* The fixtures folder; the caller frees it. */
char *
paths_fixtures_dir(void)
{
	const char *env;
	char *dir;

	env = getenv("DBBENCH_FIXTURES");
	if (env != NULL && env[0] != '\0')
		return xstrdup(env);
	dir = next_to_binary();
	if (dir != NULL)
		return dir;
	return xstrdup(DBBENCH_FIXTURES_DIR);
}
