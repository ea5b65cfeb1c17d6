/*
 * backend.c - the table of compiled-in backends and their shared helpers
 *
 * Adding a backend is one driver file and one line in backends[] below.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "xmalloc.h"

static const struct backend_ops *const backends[] = {
	&backend_sqlite_ops,
#ifdef HAVE_LIBPQ
	&backend_pg_ops,
#endif
};

/* The statements behind enum builtin_stmt, valid on SQLite and PostgreSQL. */
static const char *const builtin_text[BUILTIN_COUNT] = {
	[BUILTIN_BEGIN] = "BEGIN",
	[BUILTIN_COMMIT] = "COMMIT",
	[BUILTIN_ROLLBACK] = "ROLLBACK",
	[BUILTIN_SAVEPOINT] = "SAVEPOINT dbbench_test",
	[BUILTIN_ROLLBACK_TO] = "ROLLBACK TO SAVEPOINT dbbench_test",
	[BUILTIN_RELEASE] = "RELEASE SAVEPOINT dbbench_test",
	[BUILTIN_EXPECT_SAVEPOINT] = "SAVEPOINT dbbench_expect",
	[BUILTIN_EXPECT_ROLLBACK_TO] = "ROLLBACK TO SAVEPOINT dbbench_expect",
	[BUILTIN_EXPECT_RELEASE] = "RELEASE SAVEPOINT dbbench_expect",
};

/* The backend called name, or NULL when none is compiled in. */
const struct backend_ops *
backend_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof backends / sizeof backends[0]; i++)
		if (strcmp(backends[i]->name, name) == 0)
			return backends[i];
	return NULL;
}

/* Every compiled-in backend, in the order they are listed to users. */
const struct backend_ops *const *
backend_all(size_t *n)
{
	*n = sizeof backends / sizeof backends[0];
	return backends;
}

const char *
builtin_sql(enum builtin_stmt stmt)
{
	return builtin_text[stmt];
}

void
backend_info_add(struct backend_info *info, const char *name,
    const char *value)
{
	struct backend_setting *s;

	info->settings = xreallocarray(info->settings, info->n_settings + 1,
	    sizeof *info->settings);
	s = &info->settings[info->n_settings++];
	s->name = xstrdup(name);
	s->value = xstrdup(value);
}

void
backend_info_fini(struct backend_info *info)
{
	size_t i;

	for (i = 0; i < info->n_settings; i++) {
		free(info->settings[i].name);
		free(info->settings[i].value);
	}
	free(info->settings);
	free(info->version);
	memset(info, 0, sizeof *info);
}
