/*
 * sampling.c - per-test samples bounded by a cap (see sampling.h)
 *
 * Drawing down: with A tests stood for by the a samples kept and B by the
 * b just added, and a + b over the cap k, the kept part gets
 * round(k A / (A + B)) of the k places (no more than a, and leaving no
 * more than b to the new part), and each part chooses its share uniformly
 * without replacement by selection sampling (Knuth's Algorithm S), which
 * keeps the order.  A uniform sample of each part in proportion to its
 * size is a stratified sample of the whole, so percentiles, histograms
 * and the drift bins read from it estimate those of every test.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "rng.h"
#include "sampling.h"
#include "xmalloc.h"

/* Shrink a vector's allocation to what it holds. */
static void
shrink(struct sample_vec *v)
{
	if (v->n == 0) {
		free(v->v);
		v->v = NULL;
		v->cap = 0;
	} else if (v->cap > v->n) {
		v->v = xreallocarray(v->v, v->n, sizeof *v->v);
		v->cap = v->n;
	}
}

/* Mark want of the n places from first on as kept, at random, in order. */
static void
select_uniform(unsigned char *keep, size_t first, size_t n, size_t want,
    struct rng *r)
{
	size_t i;

	for (i = 0; i < n && want > 0; i++)
		if (rng_below(r, n - i) < want) {
			keep[first + i] = 1;
			want--;
		}
}

/* Recount each process's share of the samples after some were dropped. */
static void
recount_groups(struct sample_vec *groups, const unsigned char *keep,
    size_t total)
{
	size_t g, i, pos = 0, kept;
	int64_t sum = 0;

	for (g = 0; g < groups->n; g++)
		sum += groups->v[g];
	if (groups->n == 0 || sum != (int64_t)total)
		return; /* no record, or not of these samples */
	for (g = 0; g < groups->n; g++) {
		kept = 0;
		for (i = 0; i < (size_t)groups->v[g]; i++)
			kept += keep[pos + i];
		pos += (size_t)groups->v[g];
		groups->v[g] = (int64_t)kept;
	}
}

/*
 * Draw the aligned vectors vecs (those holding total samples; empty ones
 * are left alone) down to cap, the first old_kept standing for old_of
 * tests and the rest for new_of.
 */
static void
draw_down(struct sample_vec *const *vecs, size_t n_vecs, size_t total,
    size_t old_kept, size_t old_of, size_t new_of, size_t cap,
    struct sample_vec *groups, struct rng *r)
{
	unsigned char *keep;
	size_t k_old, new_kept = total - old_kept, i, j, m;
	double share;

	if (cap == 0 || total <= cap)
		return;
	share = old_of + new_of > 0
	    ? (double)old_of / (double)(old_of + new_of)
	    : (double)old_kept / (double)total;
	k_old = (size_t)llround((double)cap * share);
	if (k_old > old_kept)
		k_old = old_kept;
	if (cap - k_old > new_kept)
		k_old = cap - new_kept;
	keep = xcalloc(total, 1);
	select_uniform(keep, 0, old_kept, k_old, r);
	select_uniform(keep, old_kept, new_kept, cap - k_old, r);
	for (j = 0; j < n_vecs; j++) {
		if (vecs[j]->n != total)
			continue;
		for (i = 0, m = 0; i < total; i++)
			if (keep[i])
				vecs[j]->v[m++] = vecs[j]->v[i];
		vecs[j]->n = m;
		shrink(vecs[j]);
	}
	if (groups != NULL)
		recount_groups(groups, keep, total);
	free(keep);
}

void
sampling_before(const struct cell *c, struct sample_share *old)
{
	old->tests_kept = c->samples[SERIES_PER_TEST].n;
	old->tests_of = c->tests_timed;
	old->connects_kept = c->connect.n;
	old->connects_of = c->connects_timed;
}

static const int per_test_series[] = { SERIES_TEST_SETUP, SERIES_BODY,
	SERIES_TEST_TEARDOWN, SERIES_OVERHEAD, SERIES_PER_TEST };

/* Count the per-test samples from index from on in the cell's sketches. */
void
sampling_sketch_samples(struct cell *c, size_t from)
{
	const struct sample_vec *v;
	size_t i, k;

	for (k = 0; k < 5; k++) {
		v = &c->samples[per_test_series[k]];
		for (i = from; i < v->n; i++)
			sketch_add(&c->sketch[per_test_series[k]], v->v[i]);
	}
}

/* 1 when the cell holds a sample of what it timed, not all of it. */
int
sampling_is_sample(const struct cell *c)
{
	return c->tests_timed > c->samples[SERIES_PER_TEST].n ||
	    c->connects_timed > c->connect.n;
}

/*
 * Samples were appended to c, which held old before: every new one that
 * was timed here (from NULL), or the share of another process's cell
 * from.  Count what they stand for, add them to the sketches, and draw the
 * cell down to cap (0: keep every sample).
 */
void
sampling_bound(struct cell *c, const struct sample_share *old,
    const struct cell *from, size_t cap)
{
	size_t new_tests_of, new_connects_of, k;

	struct sample_vec *per_test[] = { &c->samples[SERIES_TEST_SETUP],
		&c->samples[SERIES_BODY], &c->samples[SERIES_TEST_TEARDOWN],
		&c->samples[SERIES_OVERHEAD], &c->samples[SERIES_PER_TEST],
		&c->test_index };
	struct sample_vec *connect[] = { &c->connect };
	struct rng r;
	int drawn;

	if (from == NULL) {
		new_tests_of = c->samples[SERIES_PER_TEST].n - old->tests_kept;
		new_connects_of = c->connect.n - old->connects_kept;
		sampling_sketch_samples(c, old->tests_kept);
	} else {
		new_tests_of = from->tests_timed;
		new_connects_of = from->connects_timed;
		for (k = 0; k < 5; k++)
			sketch_merge(&c->sketch[per_test_series[k]],
			    &from->sketch[per_test_series[k]]);
	}
	c->tests_timed = old->tests_of + new_tests_of;
	c->connects_timed = old->connects_of + new_connects_of;
	/* a different draw every time, the same for the same run */
	r.state = (uint64_t)c->tests_timed * UINT64_C(0x9e3779b97f4a7c15) ^
	    (uint64_t)c->rounds;
	drawn = cap > 0 && (c->samples[SERIES_PER_TEST].n > cap ||
	    c->connect.n > cap);
	draw_down(per_test, sizeof per_test / sizeof per_test[0],
	    c->samples[SERIES_PER_TEST].n, old->tests_kept, old->tests_of,
	    new_tests_of, cap, &c->rep_tests, &r);
	draw_down(connect, 1, c->connect.n, old->connects_kept,
	    old->connects_of, new_connects_of, cap, &c->rep_connects, &r);
#ifdef __GLIBC__
	/* hand the round's freed buffers back, or the heap keeps the
	 * largest round's worth resident however little is kept; only
	 * past the cap, so that a run under it keeps a warm heap */
	if (drawn)
		malloc_trim(0);
#else
	(void)drawn;
#endif
}

/*
 * Replay n_vecs aligned series of a saved cell (whole, every sample kept)
 * into vecs, step samples at a time, process by process as groups counts
 * them (none: one process), drawing down to cap after every step.
 */
static void
replay(struct sample_vec *const *vecs, struct sample_vec *const *whole,
    size_t n_vecs, struct sample_vec *groups, size_t step, size_t cap,
    struct rng *r)
{
	struct sample_vec counts = *groups;
	size_t n = whole[0]->n, g, n_groups, at = 0, end, group_end, j, k;
	size_t kept, of = 0;

	memset(groups, 0, sizeof *groups);
	n_groups = counts.n > 0 ? counts.n : 1;
	for (g = 0; g < n_groups; g++) {
		group_end = counts.n > 0 ? at + (size_t)counts.v[g] : n;
		if (counts.n > 0)
			sample_vec_push(groups, 0);
		for (; at < group_end; at = end) {
			end = at + step < group_end ? at + step : group_end;
			kept = vecs[0]->n;
			for (j = 0; j < n_vecs; j++)
				if (whole[j]->n == n)
					for (k = at; k < end; k++)
						sample_vec_push(vecs[j],
						    whole[j]->v[k]);
			if (counts.n > 0)
				groups->v[groups->n - 1] += (int64_t)(end - at);
			draw_down(vecs, n_vecs, vecs[0]->n, kept, of,
			    end - at, cap, counts.n > 0 ? groups : NULL, r);
			of += end - at;
		}
	}
	sample_vec_fini(&counts);
}

/*
 * Draw a saved run's cells down to cap as a run would have, round by
 * round (--tests samples at a time, in measurement order, process by
 * process): to see what a cap changes in the figures of a run that kept
 * every sample.  Cells that are a sample already are left as they are.
 */
void
sampling_apply_cap(struct run_result *res, size_t cap)
{
	struct sample_vec saved[SERIES_COUNT + 2];
	struct sample_vec *vecs[6], *whole[6];
	static const int per_test[] = { SERIES_TEST_SETUP, SERIES_BODY,
		SERIES_TEST_TEARDOWN, SERIES_OVERHEAD, SERIES_PER_TEST };
	struct cell *c;
	struct rng r;
	size_t i, j, step;

	step = res->config.tests > 0 ? res->config.tests : 1;
	r.state = UINT64_C(0x5eed);
	for (i = 0; i < res->n_cells; i++) {
		c = &res->cells[i];
		if (c->tests_timed != c->samples[SERIES_PER_TEST].n ||
		    c->connects_timed != c->connect.n)
			continue;
		for (j = 0; j < 5; j++) {
			saved[j] = c->samples[per_test[j]];
			vecs[j] = &c->samples[per_test[j]];
		}
		saved[5] = c->test_index;
		vecs[5] = &c->test_index;
		saved[6] = c->connect;
		for (j = 0; j < 7; j++) {
			if (j < 6)
				whole[j] = &saved[j];
			memset(j < 6 ? vecs[j] : &c->connect, 0,
			    sizeof(struct sample_vec));
		}
		replay(vecs, whole, 6, &c->rep_tests, step, cap, &r);
		vecs[0] = &c->connect;
		whole[0] = &saved[6];
		replay(vecs, whole, 1, &c->rep_connects, step, cap, &r);
		for (j = 0; j < 7; j++)
			sample_vec_fini(&saved[j]);
	}
	res->config.sample_cap = cap;
}
