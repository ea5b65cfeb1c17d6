/*
 * validate.c - running the isolation scenarios under each strategy
 *
 * A scenario runs as a suite of two tests under a strategy, through the
 * strategy's own phases, on a database of its own:
 *
 *   session setup     the strategy builds the scenario's schema and seed
 *   test 1            test setup, the test-1 steps, test teardown
 *   test 2            test setup, the test-2 steps, test teardown
 *   session teardown
 *
 * The steps run in order, and the first one that does not do what it does
 * in production decides the verdict:
 *
 *   SCN_RUN fails                  error: the strategy cannot run that code
 *   SCN_REJECT succeeds            false pass
 *   SCN_OBSERVE, SCN_NOTIFIED      the step's own verdict (a leak when
 *   see another value              test 2 observes, a false pass or an
 *                                  error when test 1 does)
 *
 * Once decided, the remaining steps and test 2 are skipped; the teardowns
 * still run.  When every step behaved, the verdict is isolated.  A test
 * setup or teardown that fails decides nothing by itself (what the next test
 * observes does) but is added to the detail; a test with no connection
 * after its setup is an error.
 *
 * A peer is opened by the first step of a test that uses it and closed
 * after that test's last step, before its teardown.  A SQLite scenario may
 * ask for a database other than the run's target: a new file in the temp
 * folder ($TMPDIR or /tmp; two connections to :memory: never share a
 * database), or a named shared-cache memory database.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"
#include "validate.h"
#include "xmalloc.h"

#define EXCERPT_MAX 60	/* bytes of a statement quoted in a detail */
#define MESSAGE_MAX 160 /* bytes of an error message quoted in a detail */

/* One scenario being run under one strategy. */
struct scn_run {
	const struct strategy_ops *st;
	struct strategy_ctx ctx;
	struct backend_conn *peer; /* open during a test that uses one */
	enum verdict verdict;
	int decided;		   /* a step decided the verdict */
	struct strbuf detail;	   /* the deciding step, or the last seen */
	struct strbuf notes;	   /* the first failed setup or teardown */
	unsigned more_notes;	   /* failed setups and teardowns after it */
};

/* Append `sql`, cut to EXCERPT_MAX bytes on a UTF-8 boundary. */
static void
add_excerpt(struct strbuf *sb, const char *sql)
{
	size_t len = strlen(sql);

	strbuf_addc(sb, '`');
	if (len <= EXCERPT_MAX) {
		strbuf_adds(sb, sql);
	} else {
		len = EXCERPT_MAX;
		while (len > 0 && ((unsigned char)sql[len] & 0xc0) == 0x80)
			len--;
		strbuf_add(sb, sql, len);
		strbuf_adds(sb, "...");
	}
	strbuf_addc(sb, '`');
}

/* Append an error message, cut to MESSAGE_MAX bytes. */
static void
add_message(struct strbuf *sb, const char *msg)
{
	size_t len = strlen(msg);

	if (len <= MESSAGE_MAX) {
		strbuf_adds(sb, msg);
		return;
	}
	len = MESSAGE_MAX;
	while (len > 0 && ((unsigned char)msg[len] & 0xc0) == 0x80)
		len--;
	strbuf_add(sb, msg, len);
	strbuf_adds(sb, "...");
}

static void
decide(struct scn_run *r, enum verdict v)
{
	r->verdict = v;
	r->decided = 1;
	strbuf_reset(&r->detail);
}

/* Record a failed setup or teardown for the detail: the first in full. */
static void
note(struct scn_run *r, const char *what, const struct db_error *err)
{
	if (r->notes.len > 0) {
		r->more_notes++;
		return;
	}
	strbuf_addf(&r->notes, "; %s failed: ", what);
	add_message(&r->notes, err->msg);
}

static void
close_peer(struct scn_run *r)
{
	backend_disconnect(r->peer, NULL);
	r->peer = NULL;
}

static void
wait_ms(unsigned ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	for (;;)
		if (nanosleep(&ts, &ts) == 0 || errno != EINTR)
			break;
}

/*
 * The connection a step runs on, opening the peer on first use.  Returns
 * NULL after deciding the verdict when there is none.
 */
static struct backend_conn *
step_conn(struct scn_run *r, const struct scn_step *step)
{
	struct db_error err;

	if (r->ctx.conn == NULL) {
		decide(r, VERDICT_ERROR);
		strbuf_adds(&r->detail, "no connection to run the test on");
		return NULL;
	}
	if (step->on == SCN_TEST)
		return r->ctx.conn;
	if (r->peer == NULL &&
	    r->ctx.conn->ops->connect_peer(r->ctx.conn, &r->peer, &err) !=
		DB_OK) {
		decide(r, VERDICT_ERROR);
		strbuf_adds(&r->detail, "a second connection failed: ");
		add_message(&r->detail, err.msg);
		return NULL;
	}
	return r->peer;
}

/* Compare an observed value with production's and say what was seen. */
static void
judge(struct scn_run *r, const struct scn_step *step, const char *got)
{
	if (strcmp(got, step->want) != 0) {
		decide(r, step->bad);
		strbuf_addf(&r->detail, "%s: %s, expected %s", step->what,
		    got[0] != '\0' ? got : "none",
		    step->want[0] != '\0' ? step->want : "none");
		return;
	}
	strbuf_reset(&r->detail);
	strbuf_addf(&r->detail, "%s: %s", step->what,
	    got[0] != '\0' ? got : "none");
}

/* Run one step; see the top of the file for what decides. */
static void
run_step(struct scn_run *r, const struct scn_step *step)
{
	struct backend_conn *conn;
	struct db_error err;
	struct strbuf value;
	const char *where;
	unsigned count;
	char buf[32];
	int rc;

	if (step->action == SCN_WAIT) {
		wait_ms(step->wait_ms);
		return;
	}
	conn = step_conn(r, step);
	if (conn == NULL)
		return;
	if ((step->flags & SCN_IF_IDLE) && conn->ops->in_transaction(conn))
		return;
	where = step->on == SCN_PEER ? " on a second connection" : "";
	strbuf_init(&value);
	switch (step->action) {
	case SCN_RUN:
	case SCN_REJECT:
		rc = backend_exec(conn, step->sql, &err);
		if (rc != DB_OK && step->action == SCN_RUN) {
			decide(r, VERDICT_ERROR);
			add_excerpt(&r->detail, step->sql);
			strbuf_addf(&r->detail, " failed%s: ", where);
			add_message(&r->detail, err.msg);
		} else if (rc == DB_OK && step->action == SCN_REJECT) {
			decide(r, VERDICT_FALSE_PASS);
			add_excerpt(&r->detail, step->sql);
			strbuf_addf(&r->detail, " succeeded%s; %s", where,
			    step->what);
		} else if (rc != DB_OK) {
			strbuf_reset(&r->detail);
			add_excerpt(&r->detail, step->sql);
			strbuf_addf(&r->detail, " failed as in production: ");
			add_message(&r->detail, err.msg);
		}
		break;
	case SCN_OBSERVE:
		rc = backend_query(conn, step->sql, &value, &err);
		if (rc != DB_OK) {
			decide(r, VERDICT_ERROR);
			add_excerpt(&r->detail, step->sql);
			strbuf_addf(&r->detail, " failed%s: ", where);
			add_message(&r->detail, err.msg);
			break;
		}
		judge(r, step, value.buf);
		break;
	case SCN_NOTIFIED:
		rc = conn->ops->notifications(conn, &count, &err);
		if (rc != DB_OK) {
			decide(r, VERDICT_ERROR);
			strbuf_addf(&r->detail, "notifications%s: ", where);
			add_message(&r->detail, err.msg);
			break;
		}
		snprintf(buf, sizeof buf, "%u", count);
		judge(r, step, buf);
		break;
	case SCN_END:
	case SCN_WAIT:
		break;
	}
	strbuf_fini(&value);
}

/*
 * One test: setup, the steps until one decides, the peer closed, teardown.
 * first: test 1 (notes say "test setup"), else test 2 ("the next test's").
 */
static void
run_test(struct scn_run *r, const struct scn_step *steps, int first)
{
	const struct scn_step *step;
	struct db_error err;

	if (r->st->test_setup(&r->ctx, &err) != DB_OK) {
		if (r->ctx.conn == NULL) {
			decide(r, VERDICT_ERROR);
			strbuf_adds(&r->detail, "test setup failed: ");
			add_message(&r->detail, err.msg);
		} else {
			note(r, first ? "test setup" : "the next test's setup",
			    &err);
		}
	}
	for (step = steps; !r->decided && step->action != SCN_END; step++)
		run_step(r, step);
	close_peer(r);
	if (r->st->test_teardown(&r->ctx, &err) != DB_OK)
		note(r, first ? "test teardown" : "the next test's teardown",
		    &err);
}

/* Why a scenario cannot run here, or NULL when it can. */
static const char *
not_applicable(const struct scenario *sc, const struct scn_variant *var,
    const struct backend_ops *backend, const struct backend_target *target,
    const struct strategy_ops *st)
{
	const struct scn_step *lists[2], *step;
	size_t i;

	if (var == NULL)
		return sc->na != NULL ? sc->na
				      : "not written for this backend";
	if (!st->supports(backend, target))
		return "the strategy is not available here";
	lists[0] = var->test1;
	lists[1] = var->test2;
	for (i = 0; i < 2; i++)
		for (step = lists[i]; step != NULL && step->action != SCN_END;
		     step++) {
			if (step->on == SCN_PEER &&
			    backend->connect_peer == NULL)
				return "needs a second connection, which this "
				       "backend cannot open";
			if (step->action == SCN_NOTIFIED &&
			    backend->notifications == NULL)
				return "needs notifications, which this "
				       "backend does not have";
		}
	return NULL;
}

/*
 * Run sc under st on backend and target (an open target: PostgreSQL's
 * open_target() has run).  Returns the verdict and appends one line of
 * what was observed to detail.
 */
enum verdict
validate_scenario(const struct scenario *sc,
    const struct backend_ops *backend, const struct backend_target *target,
    const struct strategy_ops *st, struct strbuf *detail)
{
	const struct scn_variant *var;
	struct backend_target t;
	struct workload wl;
	struct scn_run r;
	struct db_error err;
	const char *why;
	int own_target = 0;
	enum verdict v;

	var = scenario_variant(sc, backend->name);
	why = not_applicable(sc, var, backend, target, st);
	if (why != NULL) {
		strbuf_adds(detail, why);
		if (var != NULL && backend->why_unsupported != NULL &&
		    !st->supports(backend, target) &&
		    (why = backend->why_unsupported(target, st->name)) != NULL)
			strbuf_addf(detail, " (%s)", why);
		return VERDICT_NA;
	}
	if (workload_from_text(sc->id, backend->name, backend->dialect,
		var->schema, var->seed, &wl, &err) != DB_OK) {
		strbuf_adds(detail, err.msg);
		return VERDICT_ERROR;
	}
	t = *target;
	if (var->db != SCN_DB_TARGET && backend->scenario_target != NULL) {
		if (backend->scenario_target(target, var->db, sc->id, &t,
			&err) != DB_OK) {
			strbuf_adds(detail, err.msg);
			workload_fini(&wl);
			return VERDICT_ERROR;
		}
		own_target = 1;
	}
	t.n_stmts = wl.n_stmts;

	memset(&r, 0, sizeof r);
	r.st = st;
	r.ctx.backend = backend;
	r.ctx.target = &t;
	r.ctx.wl = &wl;
	strbuf_init(&r.detail);
	strbuf_init(&r.notes);
	if (st->session_setup(&r.ctx, &err) != DB_OK) {
		decide(&r, VERDICT_ERROR);
		strbuf_adds(&r.detail, "session setup failed: ");
		add_message(&r.detail, err.msg);
	} else {
		run_test(&r, var->test1, 1);
		if (!r.decided && var->test2 != NULL)
			run_test(&r, var->test2, 0);
	}
	st->session_teardown(&r.ctx, &err);

	v = r.decided ? r.verdict : VERDICT_ISOLATED;
	if (r.detail.len == 0)
		strbuf_adds(&r.detail, "every statement ran as in production");
	strbuf_adds(detail, r.detail.buf);
	strbuf_adds(detail, r.notes.buf);
	if (r.more_notes > 0)
		strbuf_addf(detail, " (and %u later setup or teardown "
				    "failure%s)",
		    r.more_notes, r.more_notes == 1 ? "" : "s");
	strbuf_fini(&r.detail);
	strbuf_fini(&r.notes);
	workload_fini(&wl);
	if (own_target)
		backend_close_target(backend, &t);
	return v;
}

/*
 * Every scenario under every strategy of the plan, on each backend, added
 * to res in that order; every scenario is described in res once.  Stops
 * with DB_EINTR when a stop is requested.
 */
int
validate_all(const struct run_plan *plan, struct run_result *res,
    struct db_error *err)
{
	const struct scenario *const *all;
	const struct plan_backend *pb;
	struct strbuf detail;
	enum verdict v;
	size_t b, i, s, n;
	char line[160];

	all = scenario_all(&n);
	strbuf_init(&detail);
	for (b = 0; b < plan->n_backends; b++) {
		pb = &plan->backends[b];
		for (i = 0; i < n; i++) {
			if (runner_stop_requested) {
				strbuf_fini(&detail);
				return db_error_set(err, DB_EINTR,
				    "interrupted");
			}
			if (plan->progress) {
				snprintf(line, sizeof line,
				    "dbbench: validating %s: %s (%zu of %zu)",
				    pb->ops->name, all[i]->id, i + 1, n);
				progress_draw(line);
			}
			result_add_scenario(res, all[i]->id, all[i]->title,
			    all[i]->mitigation);
			for (s = 0; s < plan->n_strategies; s++) {
				strbuf_reset(&detail);
				v = validate_scenario(all[i], pb->ops,
				    &pb->targets[0], plan->strategies[s], &detail);
				result_add_validation(res, pb->ops->name,
				    plan->strategies[s]->name, all[i]->id, v,
				    detail.buf);
			}
		}
	}
	if (plan->progress)
		progress_clear();
	strbuf_fini(&detail);
	return DB_OK;
}
