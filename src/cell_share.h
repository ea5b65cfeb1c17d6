/*
 * cell_share.h - which cells one process of a run measures, and for how
 * long
 *
 * In a run measured in several processes (replicate.h), the parent tells
 * each process after the first which cells are still open and how many
 * seconds of measuring each may have, as one argument:
 *
 *	BACKEND/STRATEGY/WORKERS/SCALE=SECONDS[,...]
 *
 * e.g. "postgres/template/1/1=1.840,sqlite/rollback/1/1=0.050".  The
 * process measures those cells only, each until it has had its seconds
 * (after one round at least).
 */
#ifndef DBBENCH_CELL_SHARE_H
#define DBBENCH_CELL_SHARE_H

#include <stddef.h>

#include "error.h"
#include "strbuf.h"

struct cell_share {
	char *backend;
	char *strategy;
	unsigned workers;
	unsigned seed_scale;
	double seconds;
};

struct cell_shares {
	struct cell_share *v;
	size_t n;
};

int cell_shares_parse(const char *opt, const char *text,
    struct cell_shares *out, struct db_error *err);
void cell_shares_add(struct strbuf *sb, const char *backend,
    const char *strategy, unsigned workers, unsigned seed_scale,
    double seconds);
const struct cell_share *cell_shares_find(const struct cell_shares *shares,
    const char *backend, const char *strategy, unsigned workers,
    unsigned seed_scale);
void cell_shares_fini(struct cell_shares *shares);

#endif
