/*
 * statecheck.c - digests of database dumps, and the state-check pass
 *
 * A dump (backend.h, snapshot) is a header line per table or sequence
 * ("table users", "sequence users_id_seq") followed by its rows, one a
 * line, each starting with a tab.  statecheck_digest() keeps, per header, a
 * digest of the rows and their count, so that a large database costs two
 * small arrays to compare rather than two copies of its content.  See
 * statecheck.h for the rule that names a test.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "body.h"
#include "progress.h"
#include "statecheck.h"
#include "strategy.h"
#include "xmalloc.h"

#define FNV_OFFSET 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL
#define DETAIL_ITEMS 4 /* changes named in a detail; the rest are counted */

static uint64_t
fnv1a(uint64_t h, const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)p[i];
		h *= FNV_PRIME;
	}
	return h;
}

/* A row without its leading tab and without the quotes around values. */
static char *
row_value(const char *row, size_t len)
{
	struct strbuf sb;
	size_t i;

	strbuf_init(&sb);
	for (i = 0; i < len; i++)
		if (row[i] != '\'' && row[i] != '\t')
			strbuf_addc(&sb, row[i]);
	return strbuf_detach(&sb);
}

/* Reduce a dump to its sections' digests; free with statecheck_digest_fini. */
void
statecheck_digest(const char *dump, struct state_digest *out)
{
	struct state_section *sec = NULL;
	const char *line, *end;
	size_t len;

	memset(out, 0, sizeof *out);
	for (line = dump; *line != '\0'; line = *end != '\0' ? end + 1 : end) {
		end = strchr(line, '\n');
		if (end == NULL)
			end = line + strlen(line);
		len = (size_t)(end - line);
		if (line[0] != '\t') {
			out->sections = xreallocarray(out->sections,
			    out->n + 1, sizeof *out->sections);
			sec = &out->sections[out->n++];
			sec->name = xstrndup(line, len);
			sec->digest = FNV_OFFSET;
			sec->rows = 0;
			sec->value = NULL;
			continue;
		}
		if (sec == NULL)
			continue; /* rows before any header: not a dump */
		sec->digest = fnv1a(sec->digest, line, len + 1);
		if (sec->rows++ == 0)
			sec->value = row_value(line, len);
	}
}

void
statecheck_digest_fini(struct state_digest *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->sections[i].name);
		free(d->sections[i].value);
	}
	free(d->sections);
	memset(d, 0, sizeof *d);
}

static const struct state_section *
find_section(const struct state_digest *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->sections[i].name, name) == 0)
			return &d->sections[i];
	return NULL;
}

/*
 * The value nextval() returns next, from a sequence's dump row
 * "last_value|is_called" (PostgreSQL); -1 when the row is not that.
 */
static long long
next_value(const char *row)
{
	long long last;
	char *end;

	if (row == NULL)
		return -1;
	last = strtoll(row, &end, 10);
	if (end == row || *end != '|')
		return -1;
	if (strcmp(end + 1, "t") == 0)
		return last + 1;
	return strcmp(end + 1, "f") == 0 ? last : -1;
}

/*
 * Describe how the section called name changed: a is it before, b after;
 * a NULL: it is new; b NULL: it is gone.
 */
static void
describe_change(struct strbuf *sb, const char *name,
    const struct state_section *a, const struct state_section *b)
{
	int sequence = strncmp(name, "sequence ", 9) == 0;

	strbuf_addf(sb, "%s: ", name);
	if (a == NULL && b != NULL)
		strbuf_addf(sb, "new, %zu row%s", b->rows,
		    b->rows == 1 ? "" : "s");
	else if (a == NULL || b == NULL)
		strbuf_adds(sb, "gone");
	else if (sequence && next_value(a->value) >= 0 &&
	    next_value(b->value) >= 0)
		strbuf_addf(sb, "next value %lld, was %lld",
		    next_value(b->value), next_value(a->value));
	else if (sequence)
		strbuf_addf(sb, "%s, was %s",
		    b->value != NULL ? b->value : "empty",
		    a->value != NULL ? a->value : "empty");
	else if (a->rows != b->rows)
		strbuf_addf(sb, "%zu row%s, was %zu", b->rows,
		    b->rows == 1 ? "" : "s", a->rows);
	else
		strbuf_addf(sb, "rows changed (%zu)", b->rows);
}

/*
 * 1 when after differs from before, appending to detail each table or
 * sequence that changed, new or gone ("table users: 28 rows, was 27;
 * sequence users_id_seq: next value 29, was 28"); 0 when they are the
 * same.
 */
int
statecheck_diff(const struct state_digest *before,
    const struct state_digest *after, struct strbuf *detail)
{
	const struct state_section *a, *b;
	size_t i, changes = 0;

	for (i = 0; i < after->n; i++) {
		b = &after->sections[i];
		a = find_section(before, b->name);
		if (a != NULL && a->digest == b->digest && a->rows == b->rows)
			continue;
		if (changes < DETAIL_ITEMS) {
			if (changes > 0)
				strbuf_adds(detail, "; ");
			describe_change(detail, b->name, a, b);
		}
		changes++;
	}
	for (i = 0; i < before->n; i++) {
		a = &before->sections[i];
		if (find_section(after, a->name) != NULL)
			continue;
		if (changes < DETAIL_ITEMS) {
			if (changes > 0)
				strbuf_adds(detail, "; ");
			describe_change(detail, a->name, a, NULL);
		}
		changes++;
	}
	if (changes > DETAIL_ITEMS)
		strbuf_addf(detail, "; and %zu more", changes - DETAIL_ITEMS);
	return changes > 0;
}

/* Dump ctx's database into a digest; 0 on failure (none to compare). */
static int
take_digest(struct strategy_ctx *ctx, struct state_digest *d)
{
	struct db_error err;
	struct strbuf dump;
	int rc;

	memset(d, 0, sizeof *d);
	if (ctx->conn == NULL)
		return 0;
	strbuf_init(&dump);
	rc = ctx->conn->ops->snapshot(ctx->conn, &dump, &err);
	if (rc == DB_OK)
		statecheck_digest(dump.buf, d);
	strbuf_fini(&dump);
	return rc == DB_OK;
}

/* Add one check; error is why the test failed under st, or NULL. */
static void
add_check(struct run_result *res, const struct plan_backend *pb,
    const struct strategy_ops *st, const char *test, int leaked,
    const char *detail, const char *error)
{
	if (error != NULL)
		result_add_failed_state_check(res, pb->ops->name, st->name,
		    test, leaked, detail, error);
	else
		result_add_state_check(res, pb->ops->name, st->name, test,
		    leaked, detail);
}

/*
 * Run each test body of pb's workload once under st, in name order, and
 * add a state check per test to res (see statecheck.h).  A test whose
 * setup or body failed under st is checked as failed, with the
 * error; one whose successor could not be dumped is otherwise left out,
 * with a note.
 */
static int
statecheck_one(const struct plan_backend *pb, const struct strategy_ops *st,
    struct run_result *res, struct db_error *err)
{
	const struct workload *wl = pb->wl;
	struct state_digest prev, cur;
	struct strategy_ctx ctx;
	struct strbuf detail, failure;
	struct db_error e;
	size_t i;
	int have_prev = 0, have_cur, rc, status = DB_OK, leaked;
	int failed = 0;

	memset(&ctx, 0, sizeof ctx);
	ctx.backend = pb->ops;
	ctx.target = &pb->targets[0];
	ctx.wl = wl;
	if (st->session_setup(&ctx, &e) != DB_OK) {
		result_add_note(res, "%s %s: state checks not run: session "
				     "setup failed: %s",
		    pb->ops->name, st->name, e.msg);
		st->session_teardown(&ctx, &e);
		return DB_OK;
	}
	memset(&prev, 0, sizeof prev);
	strbuf_init(&detail);
	strbuf_init(&failure);
	for (i = 0; i <= wl->n_tests; i++) {
		if (runner_stop_requested) {
			status = db_error_set(err, DB_EINTR, "interrupted");
			break;
		}
		rc = st->test_setup(&ctx, &e);
		have_cur = take_digest(&ctx, &cur);
		if (i > 0 && have_prev && have_cur) {
			strbuf_reset(&detail);
			leaked = statecheck_diff(&prev, &cur, &detail);
			add_check(res, pb, st, wl->tests[i - 1].path, leaked,
			    detail.buf, failed ? failure.buf : NULL);
		} else if (i > 0 && failed) {
			add_check(res, pb, st, wl->tests[i - 1].path, 0, "",
			    failure.buf);
		} else if (i > 0) {
			result_add_note(res, "%s %s: %s not state-checked: "
					     "the database could not be dumped",
			    pb->ops->name, st->name, wl->tests[i - 1].path);
		}
		statecheck_digest_fini(&prev);
		prev = cur;
		have_prev = have_cur;
		failed = 0;
		strbuf_reset(&failure);
		if (i < wl->n_tests && rc != DB_OK) {
			failed = 1;
			strbuf_addf(&failure, "test setup failed: %s", e.msg);
		} else if (i < wl->n_tests &&
		    body_run(ctx.conn, &wl->tests[i], NULL, &e) != DB_OK) {
			failed = 1;
			strbuf_adds(&failure, e.msg);
		}
		st->test_teardown(&ctx, &e); /* a leak shows in the next dump */
	}
	statecheck_digest_fini(&prev);
	strbuf_fini(&detail);
	strbuf_fini(&failure);
	st->session_teardown(&ctx, &e);
	return status;
}

/* The state checks of every backend and strategy of the plan. */
int
statecheck_all(const struct run_plan *plan, struct run_result *res,
    struct db_error *err)
{
	const struct plan_backend *pb;
	const struct strategy_ops *st;
	char line[160];
	size_t b, s;
	int rc;

	for (b = 0; b < plan->n_backends; b++)
		for (s = 0; s < plan->n_strategies; s++) {
			pb = &plan->backends[b];
			st = plan->strategies[s];
			if (!st->supports(pb->ops, &pb->targets[0]))
				continue;
			if (plan->progress) {
				snprintf(line, sizeof line,
				    "dbbench: state checks: %s %s",
				    pb->ops->name, st->name);
				progress_draw(line);
			}
			rc = statecheck_one(pb, st, res, err);
			if (rc != DB_OK)
				return rc;
		}
	if (plan->progress)
		progress_clear();
	return DB_OK;
}
