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
    "PostgreSQL server: yours only, by name and owner.\n"
    "\n"
    "options:\n"
    "      --dsn DSN           PostgreSQL server: keyword=value pairs or a\n"
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
 * cleanup: drop what killed runs left on the PostgreSQL server of --dsn
 * (or the PG* variables): see the backend's cleanup op for what matches.
 */
static int
cleanup_command(const struct config *cfg, struct db_error *err)
{
	const struct backend_ops *pg;
	struct backend_target target;
	struct strbuf out;
	int rc;

	pg = backend_find("postgres");
	if (pg == NULL || pg->cleanup == NULL)
		return db_error_set(err, DB_ENOTSUP,
		    "cleanup: this dbbench was built without PostgreSQL");
	memset(&target, 0, sizeof target);
	target.dsn = cfg->dsn;
	strbuf_init(&out);
	rc = pg->cleanup(&target, &out, err);
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
