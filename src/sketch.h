/*
 * sketch.h - percentiles of every test in bounded memory
 *
 * A log-bucketed histogram of durations (as DDSketch): a value v >= 1 ns
 * is counted in bucket i = ceil(log(v) / log(g)), g = (1 + a) / (1 - a),
 * and read back as 2 g^i / (g + 1), within a relative error a of v
 * (SKETCH_ALPHA); values below 1 ns count as 0.  Two sketches of the same
 * a merge by adding their counts, so the processes of a run add up to the
 * sketch of all their tests, in a few thousand buckets however many tests
 * ran.  A quantile is read as stats_quantile_sorted() reads a sorted
 * array, with every order statistic replaced by its bucket's value, so it
 * is within a of the exact figure.
 */
#ifndef DBBENCH_SKETCH_H
#define DBBENCH_SKETCH_H

#include <stddef.h>
#include <stdint.h>

#define SKETCH_ALPHA 0.002 /* relative error of every value read back */

struct sketch {
	uint64_t n;	   /* values counted */
	uint64_t zeros;	   /* of them below 1 ns */
	int64_t min, max;  /* exact */
	int32_t first;	   /* bucket index of counts[0] */
	size_t len;	   /* buckets held from first on */
	uint64_t *counts;  /* owned */
};

void sketch_add(struct sketch *s, int64_t v);
void sketch_add_count(struct sketch *s, int32_t bucket, uint64_t count);
void sketch_merge(struct sketch *into, const struct sketch *from);
double sketch_quantile(const struct sketch *s, double q);
void sketch_fini(struct sketch *s);

#endif
