/*
 * sketch.c - percentiles of every test in bounded memory (see sketch.h)
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sketch.h"
#include "xmalloc.h"

static double
log_gamma(void)
{
	return log((1.0 + SKETCH_ALPHA) / (1.0 - SKETCH_ALPHA));
}

/* The value bucket i stands for: within SKETCH_ALPHA of all it holds. */
static double
bucket_value(int32_t i)
{
	double g = (1.0 + SKETCH_ALPHA) / (1.0 - SKETCH_ALPHA);

	return 2.0 * exp((double)i * log_gamma()) / (g + 1.0);
}

/* Make room for bucket i. */
static void
reach(struct sketch *s, int32_t i)
{
	size_t grow;

	if (s->len == 0) {
		s->counts = xcalloc(1, sizeof *s->counts);
		s->first = i;
		s->len = 1;
		return;
	}
	if (i < s->first) {
		grow = (size_t)(s->first - i);
		s->counts = xreallocarray(s->counts, s->len + grow,
		    sizeof *s->counts);
		memmove(s->counts + grow, s->counts,
		    s->len * sizeof *s->counts);
		memset(s->counts, 0, grow * sizeof *s->counts);
		s->first = i;
		s->len += grow;
	} else if ((size_t)(i - s->first) >= s->len) {
		grow = (size_t)(i - s->first) + 1 - s->len;
		s->counts = xreallocarray(s->counts, s->len + grow,
		    sizeof *s->counts);
		memset(s->counts + s->len, 0, grow * sizeof *s->counts);
		s->len += grow;
	}
}

static void
note_extremes(struct sketch *s, int64_t min, int64_t max)
{
	if (s->n == 0 || min < s->min)
		s->min = min;
	if (s->n == 0 || max > s->max)
		s->max = max;
}

void
sketch_add(struct sketch *s, int64_t v)
{
	int32_t i;

	note_extremes(s, v, v);
	s->n++;
	if (v < 1) {
		s->zeros++;
		return;
	}
	i = (int32_t)ceil(log((double)v) / log_gamma() - 1e-9);
	reach(s, i);
	s->counts[i - s->first]++;
}

/* Count count values in bucket (a saved sketch read back); n and the
 * extremes are the caller's to set. */
void
sketch_add_count(struct sketch *s, int32_t bucket, uint64_t count)
{
	if (count == 0)
		return;
	reach(s, bucket);
	s->counts[bucket - s->first] += count;
}

void
sketch_merge(struct sketch *into, const struct sketch *from)
{
	size_t k;

	if (from->n == 0)
		return;
	note_extremes(into, from->min, from->max);
	into->n += from->n;
	into->zeros += from->zeros;
	for (k = 0; k < from->len; k++)
		sketch_add_count(into, from->first + (int32_t)k,
		    from->counts[k]);
}

/* The value of the rank-th smallest (0-based) as its bucket gives it,
 * never outside the exact extremes. */
static double
order_statistic(const struct sketch *s, uint64_t rank)
{
	uint64_t seen = s->zeros;
	double v;
	size_t k;

	if (rank == 0)
		return (double)s->min;
	if (rank >= s->n - 1)
		return (double)s->max;
	if (rank < seen)
		return 0.0;
	for (k = 0; k < s->len; k++) {
		seen += s->counts[k];
		if (rank < seen) {
			v = bucket_value(s->first + (int32_t)k);
			if (v < (double)s->min)
				v = (double)s->min;
			if (v > (double)s->max)
				v = (double)s->max;
			return v;
		}
	}
	return (double)s->max;
}

/* Type-7 quantile, as stats_quantile_sorted(); 0 when empty. */
double
sketch_quantile(const struct sketch *s, double q)
{
	double h, lo, hi;
	uint64_t j;

	if (s->n == 0)
		return 0.0;
	if (!(q > 0.0))
		q = 0.0;
	if (q > 1.0)
		q = 1.0;
	h = (double)(s->n - 1) * q;
	j = (uint64_t)h;
	lo = order_statistic(s, j);
	if (j >= s->n - 1)
		return lo;
	hi = order_statistic(s, j + 1);
	return lo + (h - (double)j) * (hi - lo);
}

void
sketch_fini(struct sketch *s)
{
	free(s->counts);
	memset(s, 0, sizeof *s);
}
