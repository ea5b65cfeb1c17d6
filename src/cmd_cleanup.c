/*
 * cmd_cleanup.c - the cleanup command: drop the scratch databases and
 * schemas that killed runs left on a PostgreSQL server
 */
#include "config.h"

#include <string.h>

#include "backend.h"
#include "cli.h"
#include "command.h"
#include "output.h"
#include "strbuf.h"

static const char cleanup_help[] =
    "usage: dbbench cleanup [--dsn DSN] [options]\n"
    "\n"
    "Drops the scratch databases and schemas that killed runs left on a\n"
    "PostgreSQL server (every backend that keeps scratch objects on a\n"
    "server): yours only, by name and owner.\n"
    "\n"
    "options:\n"
    "      --dsn DSN           a server, once per backend; its form says "
    "which:\n"
    "                          PostgreSQL takes keyword=value pairs or a\n"
    "                          postgresql:// URI (default: the PG* "
    "environment\n"
    "                          variables, as psql uses them)\n"
    "  -o, --output FILE       write what was dropped to FILE, atomically\n"
    "                          (default: stdout)\n"
    "  -q, --quiet             no progress line on stderr\n"
    "  -h, --help              show this help\n"
    "\n"
    "exit status: 0 success, 1 the server failed, 2 usage error.\n";

/*
 * cleanup: drop what killed runs left behind, on every compiled-in backend
 * that can (the PostgreSQL server of --dsn or the PG* variables): see
 * each backend's cleanup op for what matches.
 */
static int
cleanup_command(const struct config *cfg, struct db_error *err)
{
	const struct backend_ops *const *all;
	struct backend_target target;
	struct strbuf out;
	size_t i, n, done = 0;
	int rc = DB_OK;

	all = backend_all(&n);
	strbuf_init(&out);
	for (i = 0; rc == DB_OK && i < n; i++) {
		if (all[i]->cleanup == NULL)
			continue;
		memset(&target, 0, sizeof target);
		rc = backend_set_options(all[i], &target, cfg->backend_options,
		    cfg->n_backend_options, err);
		if (rc == DB_OK)
			rc = all[i]->cleanup(&target, &out, err);
		backend_close_target(all[i], &target);
		done++;
	}
	if (rc == DB_OK && done == 0)
		rc = db_error_set(err, DB_ENOTSUP,
		    "cleanup: no backend of this dbbench leaves anything to "
		    "clean up");
	if (rc == DB_OK)
		rc = output_write(cfg->output, out.buf, out.len, err);
	strbuf_fini(&out);
	return rc;
}

const struct command_entry cmd_cleanup_entry = {
	.name = "cleanup",
	.usage = "cleanup [--dsn DSN] [options]",
	.help = cleanup_help,
	.options = "dsn,output,quiet",
	.exec = cleanup_command,
};
