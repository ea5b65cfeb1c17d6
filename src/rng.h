/*
 * rng.h - a small seeded random number generator
 *
 * splitmix64: one 64-bit state, good enough to shuffle the order of cells
 * in a round, and the same sequence for the same --seed on every machine.
 */
#ifndef DBBENCH_RNG_H
#define DBBENCH_RNG_H

#include <stddef.h>
#include <stdint.h>

struct rng {
	uint64_t state;
};

static inline uint64_t
rng_next(struct rng *r)
{
	uint64_t z;

	r->state += UINT64_C(0x9e3779b97f4a7c15);
	z = r->state;
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* An integer in [0, bound), bound > 0; the modulo bias is below 2^-40 for
 * the small bounds used here. */
static inline size_t
rng_below(struct rng *r, size_t bound)
{
	return (size_t)(rng_next(r) % bound);
}

#endif
