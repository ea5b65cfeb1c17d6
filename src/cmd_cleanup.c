/*
 * cmd_cleanup.c - the cleanup command: drop the scratch databases and
 * schemas that killed runs left on a server
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
    "server: yours only, by name (and on PostgreSQL by owner).  With --dsn,\n"
    "on the servers the DSNs name; without, on the PostgreSQL server of the\n"
    "PG* variables.\n"
    "\n"
    "options:\n"
    "      --dsn DSN           a server, once per backend; its form says "
    "which:\n"
    "                          PostgreSQL takes keyword=value pairs or a\n"
    "                          postgresql:// URI (default: the PG* "
    "environment\n"
    "                          variables, as psql uses them); MySQL takes\n"
    "                          mysql://USER:PASSWORD@HOST:PORT/DB?"
    "socket=PATH\n"
    "  -o, --output FILE       write what was dropped to FILE, atomically\n"
    "                          (default: stdout)\n"
    "  -q, --quiet             no progress line on stderr\n"
    "  -h, --help              show this help\n"
    "\n"
    "exit status: 0 success, 1 the server failed, 2 usage error.\n";

/*
 * Whether cleanup visits backend ops: with --dsn, the backends the DSNs
 * are for; without, the first backend that can clean up (its default
 * server: PostgreSQL's PG* variables).
 */
static int
cleans(const struct config *cfg, const struct backend_ops *ops, size_t done)
{
	size_t i;
	int any_dsn = 0;

	if (ops->cleanup == NULL)
		return 0;
	for (i = 0; i < cfg->n_backend_options; i++) {
		if (strcmp(cfg->backend_options[i].name, "dsn") != 0)
			continue;
		any_dsn = 1;
		if (backend_takes_option(ops, "dsn",
			cfg->backend_options[i].value))
			return 1;
	}
	return !any_dsn && done == 0;
}

/*
 * cleanup: drop what killed runs left behind, on the servers cleans()
 * picks: see each backend's cleanup op for what matches.
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
		if (!cleans(cfg, all[i], done))
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
