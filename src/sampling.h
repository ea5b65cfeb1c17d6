/*
 * sampling.h - per-test samples bounded by a cap, not by a run's length
 *
 * A cell keeps every per-test sample until it holds the cap (--sample-cap,
 * SAMPLE_CAP_DEFAULT); past it, a random sample of the cap, spread over
 * what was measured in proportion: each time samples are added (a round,
 * or another process's share), the kept ones and the new ones are drawn
 * down together, each part in proportion to the tests it stands for, at
 * random within the part and in measurement order.  The per-test series
 * and test_index are drawn together, so element i of each is still one
 * test; the connect series is drawn on its own the same way.  The counts
 * of what each process added (rep_tests, rep_connects) follow what was
 * kept.  Per-round figures (suite_overhead, wall) and session series are
 * small and kept whole, so the interval and compare see every round.
 */
#ifndef DBBENCH_SAMPLING_H
#define DBBENCH_SAMPLING_H

#include <stddef.h>
#include <stdint.h>

#include "result.h"

#define SAMPLE_CAP_DEFAULT 10000 /* per-test samples a cell keeps at most */
#define SAMPLE_CAP_MIN 1000	 /* the least --sample-cap other than 0 */

/* What a cell held before samples were appended: kept, and stood for. */
struct sample_share {
	size_t tests_kept, tests_of;
	size_t connects_kept, connects_of;
};

void sampling_before(const struct cell *c, struct sample_share *old);
void sampling_bound(struct cell *c, const struct sample_share *old,
    const struct cell *from, size_t cap);
void sampling_sketch_samples(struct cell *c, size_t from);
int sampling_is_sample(const struct cell *c);
void sampling_apply_cap(struct run_result *res, size_t cap);

#endif
