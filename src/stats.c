/*
 * stats.c - summary statistics of a sample of durations
 *
 * stats_summarize() runs on up to about a million samples several times per
 * run, so it makes one allocation of 2n doubles, sorts the samples with an
 * LSD radix sort on the bit patterns of the doubles (O(n), and the passes
 * whose byte is the same in every key are skipped, which for durations is
 * usually the sign, exponent and low mantissa bytes), and then reads every
 * figure off the sorted array: quantiles are O(1), the MAD is a partial merge
 * of the two runs of deviations on either side of the median (no second
 * sort), and the outlier count walks in from both ends.  The samples are
 * int64_t nanoseconds; converting them to double is exact below 2^53 ns
 * (104 days) and monotonic beyond, so the order is never wrong.
 *
 * All quantiles are Hyndman-Fan type 7 (numpy's and R's default): linear
 * interpolation between the order statistics around h = (n - 1) q.
 *
 * stats_mann_whitney_p() and stats_linear_fit() are the two-sample and the
 * regression tools built on the same conventions.  Nothing here prints or
 * fails; degenerate input gives documented neutral results.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "xmalloc.h"

#define STATS_RADIX_BITS   8
#define STATS_RADIX_SIZE   (1 << STATS_RADIX_BITS)
#define STATS_RADIX_PASSES (64 / STATS_RADIX_BITS)

/* Standard normal quantile for a two-sided 95% interval. */
#define STATS_Z95 1.96

/* Tukey's fence multiplier. */
#define STATS_TUKEY_K 1.5

/*
 * Map a double to an unsigned key that sorts in the same order: flip every
 * bit of a negative number, only the sign bit of a non-negative one (the
 * usual IEEE 754 total-order trick).  No NaN reaches here.
 */
static uint64_t
stats_key(double v)
{
	uint64_t u;

	memcpy(&u, &v, sizeof u);
	if (u >> 63)
		return ~u;
	return u | (UINT64_C(1) << 63);
}

/*
 * Sort the n >= 1 doubles in a into ascending order, using tmp (n doubles)
 * as the other half of the ping-pong.  Returns whichever of a and tmp holds
 * the result.  LSD radix sort, one byte per pass; a pass is skipped when all
 * keys share that byte, since it would only copy.
 */
static double *
stats_radix_sort(double *a, double *tmp, size_t n)
{
	size_t count[STATS_RADIX_PASSES][STATS_RADIX_SIZE];
	size_t i, sum, c;
	double *src, *dst, *swap;
	uint64_t key;
	unsigned int pass, shift, digit, first;

	memset(count, 0, sizeof count);
	for (i = 0; i < n; i++) {
		key = stats_key(a[i]);
		for (pass = 0; pass < STATS_RADIX_PASSES; pass++) {
			digit = (key >> (pass * STATS_RADIX_BITS)) &
			        (STATS_RADIX_SIZE - 1);
			count[pass][digit]++;
		}
	}

	src = a;
	dst = tmp;
	for (pass = 0; pass < STATS_RADIX_PASSES; pass++) {
		shift = pass * STATS_RADIX_BITS;
		first = (stats_key(src[0]) >> shift) & (STATS_RADIX_SIZE - 1);
		if (count[pass][first] == n)
			continue;

		/* Exclusive prefix sums: where each bucket starts in dst. */
		sum = 0;
		for (digit = 0; digit < STATS_RADIX_SIZE; digit++) {
			c = count[pass][digit];
			count[pass][digit] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++) {
			digit = (stats_key(src[i]) >> shift) &
			        (STATS_RADIX_SIZE - 1);
			dst[count[pass][digit]++] = src[i];
		}
		swap = src;
		src = dst;
		dst = swap;
	}
	return src;
}

/* Linear interpolation a + t (b - a), the step of every type-7 quantile. */
static double
stats_lerp(double a, double b, double t)
{
	return a + t * (b - a);
}

/*
 * Type-7 quantile of an ascending array (Hyndman & Fan 1996, definition 7):
 * h = (n - 1) q, j = floor(h), Q(q) = x[j] + (h - j) (x[j + 1] - x[j]),
 * 0-based.  q is clamped to [0, 1] (NaN counts as 0); n == 0 gives 0.
 */
double
stats_quantile_sorted(const double *sorted, size_t n, double q)
{
	double h;
	size_t j;

	if (n == 0)
		return 0.0;
	if (!(q > 0.0))
		q = 0.0;
	if (q > 1.0)
		q = 1.0;
	h = (double)(n - 1) * q;
	j = (size_t)h; /* h >= 0: truncation is floor */
	if (j >= n - 1)
		return sorted[n - 1];
	return stats_lerp(sorted[j], sorted[j + 1], h - (double)j);
}

/*
 * Mean and sample standard deviation of x[0..n), n >= 1.  The mean is a
 * Kahan-Babuska (Neumaier) compensated sum divided by n; the variance is the
 * corrected two-pass algorithm (Chan, Golub & LeVeque 1983):
 * s^2 = (sum d^2 - (sum d)^2 / n) / (n - 1) with d = x - mean, where the
 * second term cancels the rounding error left in the mean.  stddev is 0 for
 * n < 2.
 */
static void
stats_moments(const double *x, size_t n, double *mean, double *stddev)
{
	double sum, comp, t, m, d, sd, sd2, var;
	size_t i;

	sum = comp = 0.0;
	for (i = 0; i < n; i++) {
		t = sum + x[i];
		if (fabs(sum) >= fabs(x[i]))
			comp += (sum - t) + x[i];
		else
			comp += (x[i] - t) + sum;
		sum = t;
	}
	m = (sum + comp) / (double)n;
	*mean = m;
	*stddev = 0.0;
	if (n < 2)
		return;

	sd = sd2 = 0.0;
	for (i = 0; i < n; i++) {
		d = x[i] - m;
		sd += d;
		sd2 += d * d;
	}
	var = (sd2 - sd * sd / (double)n) / (double)(n - 1);
	if (var > 0.0)
		*stddev = sqrt(var);
}

/*
 * Unscaled median absolute deviation of an ascending array x[0..n), n >= 1,
 * whose type-7 median is med: the type-7 median of |x[i] - med|.
 *
 * Split x at the first element >= med.  Going left from the split the
 * deviations med - x[i] ascend, going right x[i] - med ascend, so merging the
 * two runs yields the deviations in order; only the ranks the median needs
 * (j = floor((n - 1) / 2) and j + 1) are merged, in O(n) and no memory.
 */
static double
stats_mad_sorted(const double *x, size_t n, double med)
{
	size_t left, right, lo, hi, mid, j, rank;
	double h, d, dj, dj1;

	/* Binary search: left = number of elements < med. */
	lo = 0;
	hi = n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (x[mid] < med)
			lo = mid + 1;
		else
			hi = mid;
	}
	left = right = lo;

	h = (double)(n - 1) * 0.5;
	j = (size_t)h; /* floor, h >= 0 */
	dj = dj1 = 0.0;
	for (rank = 0; rank <= j + 1 && rank < n; rank++) {
		if (left > 0 &&
		    (right == n || med - x[left - 1] <= x[right] - med)) {
			d = med - x[left - 1];
			left--;
		} else {
			d = x[right] - med;
			right++;
		}
		if (rank == j)
			dj = d;
		else if (rank == j + 1)
			dj1 = d;
	}
	if (j + 1 >= n)
		return dj;
	return stats_lerp(dj, dj1, h - (double)j);
}

/*
 * Number of elements of the ascending array x[0..n) outside Tukey's fences
 * [Q1 - 1.5 IQR, Q3 + 1.5 IQR], IQR = Q3 - Q1, Q1 and Q3 type-7 quantiles.
 * Values on a fence are not outliers.  Walks in from both ends, so the cost
 * is the number of outliers.
 */
static size_t
stats_count_outliers(const double *x, size_t n)
{
	double q1, q3, iqr, fence_lo, fence_hi;
	size_t lo, hi;

	q1 = stats_quantile_sorted(x, n, 0.25);
	q3 = stats_quantile_sorted(x, n, 0.75);
	iqr = q3 - q1;
	fence_lo = q1 - STATS_TUKEY_K * iqr;
	fence_hi = q3 + STATS_TUKEY_K * iqr;

	lo = 0;
	while (lo < n && x[lo] < fence_lo)
		lo++;
	hi = n;
	while (hi > lo && x[hi - 1] > fence_hi)
		hi--;
	return lo + (n - hi);
}

/*
 * Fill out with the summary of samples[0..n).  n == 0 leaves every field
 * zero; n == 1 makes every location figure the one sample and every spread
 * figure zero.  The median confidence interval is the pair of order
 * statistics chosen by stats_median_ci_ranks().
 */
void
stats_summarize(const int64_t *samples, size_t n, struct stats *out)
{
	double *buf, *x;
	size_t i, lo, hi;

	memset(out, 0, sizeof *out);
	if (n == 0)
		return;

	buf = xreallocarray(NULL, n, 2 * sizeof *buf);
	for (i = 0; i < n; i++)
		buf[i] = (double)samples[i];
	x = stats_radix_sort(buf, buf + n, n);

	out->n = n;
	out->min = x[0];
	out->max = x[n - 1];
	out->median = stats_quantile_sorted(x, n, 0.5);
	out->p95 = stats_quantile_sorted(x, n, 0.95);
	out->p99 = stats_quantile_sorted(x, n, 0.99);
	stats_moments(x, n, &out->mean, &out->stddev);
	out->mad = stats_mad_sorted(x, n, out->median);
	stats_median_ci_ranks(n, &lo, &hi);
	out->ci95_low = x[lo];
	out->ci95_high = x[hi];
	out->outliers = stats_count_outliers(x, n);

	free(buf);
}

/*
 * 0-based indices into the sorted sample of the 95% confidence interval of
 * the median, by order statistics: the number of samples below the median is
 * binomial(n, 1/2), approximated by a normal with mean n/2 and standard
 * deviation sqrt(n)/2, giving the 1-based ranks
 *	lo = floor(n/2 - 1.96 sqrt(n)/2),  hi = ceil(1 + n/2 + 1.96 sqrt(n)/2)
 * clamped to [1, n].  The floor, ceil and the 1 make it conservative: the
 * exact binomial coverage, P(lo <= B <= hi - 1) for B ~ binomial(n, 1/2),
 * is at least 95% for every 6 <= n <= 5000 (checked exactly) and tends to
 * 95% as n grows.
 *
 * Small n is only clamped.  For n <= 10 the interval is [min, max], and for
 * n <= 5 even that covers only 1 - 2^(1 - n) (50% at n = 2, 93.75% at
 * n = 5): no pair of order statistics reaches 95%, so the widest one is
 * reported and the caller should not read it as a 95% interval.  n == 0
 * gives 0 and 0.
 */
void
stats_median_ci_ranks(size_t n, size_t *lo, size_t *hi)
{
	double half, r_lo, r_hi;

	if (n == 0) {
		*lo = *hi = 0;
		return;
	}
	half = STATS_Z95 * sqrt((double)n) / 2.0;
	r_lo = floor((double)n / 2.0 - half);
	r_hi = ceil(1.0 + (double)n / 2.0 + half);
	if (r_lo < 1.0)
		r_lo = 1.0;
	if (r_hi > (double)n)
		r_hi = (double)n;
	*lo = (size_t)r_lo - 1;
	*hi = (size_t)r_hi - 1;
}

/*
 * Relative half-width of the median's confidence interval,
 * max(median - ci95_low, ci95_high - median) / |median|: the adaptive
 * stopping rule's "CI within X%" test.  0 when the median is 0.
 */
double
stats_ci_halfwidth_rel(const struct stats *s)
{
	double below, above;

	if (s->median == 0.0)
		return 0.0;
	below = s->median - s->ci95_low;
	above = s->ci95_high - s->median;
	if (below > above)
		return below / fabs(s->median);
	return above / fabs(s->median);
}

/*
 * Whether s has a confidence interval at all: one sample (one round, one
 * session) gives ci95_low == ci95_high == the sample, which is no interval,
 * and a report must say there is none rather than print it.
 */
int
stats_has_ci(const struct stats *s)
{
	return s->n >= 2;
}

/*
 * The two-sided 95% point of Student's t with df degrees of freedom
 * (P(|T| <= t) = 0.95): a table to three decimals for df 1 to 30, then
 * 1.96 + 2.4 / df, within 0.003 of the true value from df 31 on.  df 0
 * gives infinity: no spread can be estimated from one group.
 */
double
stats_t95(unsigned df)
{
	static const double table[] = {
		12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
		2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
		2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
		2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
	};

	if (df == 0)
		return INFINITY;
	if (df <= sizeof table / sizeof table[0])
		return table[df - 1];
	return 1.96 + 2.4 / df;
}

/*
 * samples[] came in n_groups runs of counts[g] samples each, one run per
 * process (a group of 0 samples is skipped).  Rounds measured in one
 * process share its address-space layout, page placement and start-up
 * state, so their spread says nothing about the next process: the order
 * statistic interval of stats_summarize() can be much narrower than the
 * difference between two runs.  Here the groups' medians m_1 .. m_k stand
 * in for independent replicates, and the interval is widened to at least
 *	median +- t95(k - 1) * sqrt(pi / 2) * sd(m) / sqrt(k):
 * the standard error of the median of k normal values, sqrt(pi / 2)
 * sigma / sqrt(k), with sigma the spread between the processes.  The
 * spread is the plain standard deviation on purpose: a process the machine
 * disturbed as a whole is what the next run may meet too, and a robust
 * scale (MAD, IQR) reads a cost that comes in two levels, a level per
 * process, as no spread at all while the pooled median jumps between the
 * levels from run to run.
 *
 * The order-statistic interval is kept where it is wider, and a sample
 * with nothing below 0 (durations) gets no bound below 0.  Returns k, the
 * groups with samples; with k < 2 s is left as it was.  The counts must
 * add up to s->n.
 */
size_t
stats_widen_ci_by_groups(struct stats *s, const int64_t *samples,
    const int64_t *counts, size_t n_groups)
{
	struct stats gs;
	double *medians, mean = 0.0, var = 0.0, half;
	size_t g, k = 0, off = 0;

	medians = xreallocarray(NULL, n_groups > 0 ? n_groups : 1,
	    sizeof *medians);
	for (g = 0; g < n_groups; g++) {
		if (counts[g] <= 0)
			continue;
		stats_summarize(samples + off, (size_t)counts[g], &gs);
		off += (size_t)counts[g];
		medians[k++] = gs.median;
	}
	if (k >= 2) {
		for (g = 0; g < k; g++)
			mean += medians[g];
		mean /= (double)k;
		for (g = 0; g < k; g++)
			var += (medians[g] - mean) * (medians[g] - mean);
		var /= (double)(k - 1);
		half = stats_t95((unsigned)(k - 1)) * sqrt(M_PI / 2.0) *
		    sqrt(var / (double)k);
		if (s->median - half < s->ci95_low)
			s->ci95_low = s->median - half;
		if (s->ci95_low < 0.0 && s->min >= 0.0)
			s->ci95_low = 0.0; /* durations: none below 0 */
		if (s->median + half > s->ci95_high)
			s->ci95_high = s->median + half;
	}
	free(medians);
	return k;
}

static int
stats_cmp_int64(const void *pa, const void *pb)
{
	int64_t a, b;

	memcpy(&a, pa, sizeof a);
	memcpy(&b, pb, sizeof b);
	return (a > b) - (a < b);
}

/*
 * Two-sided p-value of the Mann-Whitney U test (Wilcoxon rank-sum) that a
 * and b come from the same distribution, by the normal approximation with
 * tie and continuity corrections (as scipy's mannwhitneyu(method=
 * "asymptotic")):
 *	U1 = R1 - na (na + 1) / 2,  R1 = sum of the midranks of a in a + b
 *	mu = na nb / 2
 *	sigma^2 = na nb / 12 ((N + 1) - sum(t^3 - t) / (N (N - 1)))
 *	z = (|U1 - mu| - 1/2) / sigma,  p = 2 (1 - Phi(z)) = erfc(z / sqrt 2)
 * with N = na + nb and t the size of each group of tied values.  p is
 * capped at 1; it is 1 when either sample is empty or every value is tied
 * (sigma = 0).
 */
double
stats_mann_whitney_p(const int64_t *a, size_t na, const int64_t *b, size_t nb)
{
	int64_t *sa, *sb, v;
	size_t i, j, ta, tb;
	double t, pos, r1, ties, n, u1, mu, var, z, p;

	if (na == 0 || nb == 0)
		return 1.0;

	sa = xreallocarray(NULL, na + nb, sizeof *sa);
	sb = sa + na;
	memcpy(sa, a, na * sizeof *sa);
	memcpy(sb, b, nb * sizeof *sb);
	qsort(sa, na, sizeof *sa, stats_cmp_int64);
	qsort(sb, nb, sizeof *sb, stats_cmp_int64);

	/*
	 * Merge the two sorted samples one group of equal values at a time;
	 * a group of t values occupying ranks pos + 1 .. pos + t all get the
	 * midrank pos + (t + 1) / 2.
	 */
	i = j = 0;
	pos = r1 = ties = 0.0;
	while (i < na || j < nb) {
		if (j == nb || (i < na && sa[i] <= sb[j]))
			v = sa[i];
		else
			v = sb[j];
		ta = tb = 0;
		while (i < na && sa[i] == v) {
			ta++;
			i++;
		}
		while (j < nb && sb[j] == v) {
			tb++;
			j++;
		}
		t = (double)(ta + tb);
		r1 += (double)ta * (pos + (t + 1.0) / 2.0);
		ties += t * t * t - t;
		pos += t;
	}
	free(sa);

	n = (double)na + (double)nb;
	u1 = r1 - (double)na * ((double)na + 1.0) / 2.0;
	mu = (double)na * (double)nb / 2.0;
	var = (double)na * (double)nb / 12.0 *
	      ((n + 1.0) - ties / (n * (n - 1.0)));
	if (!(var > 0.0))
		return 1.0;
	z = (fabs(u1 - mu) - 0.5) / sqrt(var);
	if (z <= 0.0)
		return 1.0;
	p = erfc(z / sqrt(2.0));
	if (p > 1.0)
		return 1.0;
	return p;
}

/*
 * Ordinary least squares line y = slope x + intercept through the n points
 * (x[i], y[i]); returns the coefficient of determination R^2.  With the
 * centred sums Sxx = sum (x - mx)^2, Sxy = sum (x - mx)(y - my) and
 * Syy = sum (y - my)^2:
 *	slope = Sxy / Sxx,  intercept = my - slope mx
 *	R^2 = Sxy^2 / (Sxx Syy)
 * (for OLS with an intercept this equals 1 - SSres / SStot).
 *
 * Degenerate input: n == 0 gives 0, 0 and R^2 = 0; when every x is equal
 * (including n == 1) no slope exists, so slope = 0, intercept = my and
 * R^2 = 0; when every y is equal but x varies the horizontal line passes
 * through every point, so R^2 = 1.  slope and intercept may be NULL.
 */
double
stats_linear_fit(const double *x, const double *y, size_t n, double *slope,
    double *intercept)
{
	double mx, my, dx, dy, sxx, sxy, syy, b, r2;
	size_t i;

	mx = my = 0.0;
	for (i = 0; i < n; i++) {
		mx += x[i];
		my += y[i];
	}
	if (n > 0) {
		mx /= (double)n;
		my /= (double)n;
	}

	sxx = sxy = syy = 0.0;
	for (i = 0; i < n; i++) {
		dx = x[i] - mx;
		dy = y[i] - my;
		sxx += dx * dx;
		sxy += dx * dy;
		syy += dy * dy;
	}

	b = 0.0;
	r2 = 0.0;
	if (sxx > 0.0) {
		b = sxy / sxx;
		if (syy > 0.0)
			r2 = sxy * sxy / (sxx * syy);
		else
			r2 = 1.0;
		if (r2 > 1.0)
			r2 = 1.0;
	}
	if (slope != NULL)
		*slope = b;
	if (intercept != NULL)
		*intercept = my - b * mx;
	return r2;
}
