/*
 * cmd_list.c - the list command: the backends, strategies, workloads and
 * isolation scenarios this dbbench knows
 */
#include "config.h"

#include <stdlib.h>

#include "backend.h"
#include "cli.h"
#include "command.h"
#include "output.h"
#include "paths.h"
#include "scenario.h"
#include "strategy.h"
#include "strbuf.h"
#include "workload.h"

static const char list_help[] =
    "usage: dbbench list [options]\n"
    "\n"
    "Lists the backends, the strategies, the workloads (in "
    "DBBENCH_FIXTURES or\n"
    "the installed fixtures) and the isolation scenarios.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE       write the list to FILE, atomically "
    "(default: stdout)\n"
    "  -h, --help              show this help\n";

/* The backends a scenario has variants for: "postgres,sqlite". */
static void
scenario_backends(const struct scenario *sc, struct strbuf *where)
{
	const struct scn_variant *v;

	strbuf_reset(where);
	for (v = sc->variants; v->backend != NULL; v++)
		strbuf_addf(where, "%s%s", where->len > 0 ? "," : "",
		    v->backend);
}

/*
 * "  PG-SEQ        postgres,sqlite   nextval() is never ...", the backend
 * column as wide as its longest entry.
 */
static void
list_scenarios(struct strbuf *out)
{
	const struct scenario *const *all;
	struct strbuf where;
	size_t i, n, width = 0;

	all = scenario_all(&n);
	strbuf_adds(out, "scenarios (dbbench validate):\n");
	strbuf_init(&where);
	for (i = 0; i < n; i++) {
		scenario_backends(all[i], &where);
		if (where.len > width)
			width = where.len;
	}
	for (i = 0; i < n; i++) {
		scenario_backends(all[i], &where);
		strbuf_addf(out, "  %-13s %-*s %s\n", all[i]->id, (int)width,
		    where.buf, all[i]->title);
	}
	strbuf_fini(&where);
}

static int
list_command(const struct config *cfg, struct db_error *err)
{
	const struct backend_ops *const *backends;
	const struct strategy_ops *const *strategies;
	struct strbuf out;
	char *fixtures, **names = NULL;
	size_t i, n, n_names = 0;
	int rc;

	strbuf_init(&out);
	backends = backend_all(&n);
	strbuf_adds(&out, "backends:\n");
	for (i = 0; i < n; i++)
		strbuf_addf(&out, "  %s\n", backends[i]->name);
	strategies = strategy_all(&n);
	strbuf_adds(&out, "strategies:\n");
	for (i = 0; i < n; i++)
		strbuf_addf(&out, "  %-10s %s\n", strategies[i]->name,
		    strategies[i]->summary);
	fixtures = paths_fixtures_dir();
	rc = workload_list(fixtures, &names, &n_names, err);
	if (rc == DB_OK) {
		strbuf_addf(&out, "workloads (in %s):\n", fixtures);
		for (i = 0; i < n_names; i++)
			strbuf_addf(&out, "  %s\n", names[i]);
		list_scenarios(&out);
		rc = output_write(cfg->output, out.buf, out.len, err);
	}
	for (i = 0; i < n_names; i++)
		free(names[i]);
	free(names);
	free(fixtures);
	strbuf_fini(&out);
	return rc;
}

const struct command_entry cmd_list_entry = {
	.name = "list",
	.usage = "list [options]",
	.help = list_help,
	.exec = list_command,
};
