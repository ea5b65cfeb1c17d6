/*
 * cell_share.c - which cells one process of a run measures, and for how
 * long (see cell_share.h)
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cell_share.h"
#include "xmalloc.h"

/* Read a whole number from *p up to stop; 0 on anything else. */
static int
read_count(const char **p, char stop, unsigned *out)
{
	unsigned long v;
	char *end;

	if (**p < '0' || **p > '9')
		return 0;
	errno = 0;
	v = strtoul(*p, &end, 10);
	if (errno != 0 || *end != stop || v == 0 || v > 1000000)
		return 0;
	*out = (unsigned)v;
	*p = end + 1;
	return 1;
}

/* Copy the name at *p up to stop (not empty, no separator in it). */
static char *
read_name(const char **p, char stop)
{
	size_t len = strcspn(*p, "/=,");

	if (len == 0 || (*p)[len] != stop)
		return NULL;
	*p += len + 1;
	return xstrndup(*p - len - 1, len);
}

/* One BACKEND/STRATEGY/WORKERS/SCALE=SECONDS entry at *p. */
static int
read_entry(const char **p, struct cell_share *s)
{
	char *end;

	memset(s, 0, sizeof *s);
	if ((s->backend = read_name(p, '/')) == NULL ||
	    (s->strategy = read_name(p, '/')) == NULL ||
	    !read_count(p, '/', &s->workers) ||
	    !read_count(p, '=', &s->seed_scale))
		return 0;
	errno = 0;
	s->seconds = strtod(*p, &end);
	if (errno != 0 || end == *p || (*end != ',' && *end != '\0') ||
	    (*end == ',' && end[1] == '\0') || !isfinite(s->seconds) ||
	    s->seconds < 0.0)
		return 0;
	*p = *end == ',' ? end + 1 : end;
	return 1;
}

int
cell_shares_parse(const char *opt, const char *text,
    struct cell_shares *out, struct db_error *err)
{
	const char *p = text;
	struct cell_share s;

	cell_shares_fini(out);
	while (*p != '\0') {
		if (!read_entry(&p, &s)) {
			free(s.backend);
			free(s.strategy);
			cell_shares_fini(out);
			return db_error_set(err, DB_EUSAGE,
			    "%s: not a list of BACKEND/STRATEGY/WORKERS/"
			    "SCALE=SECONDS: %s", opt, text);
		}
		out->v = xreallocarray(out->v, out->n + 1, sizeof *out->v);
		out->v[out->n++] = s;
	}
	if (out->n == 0)
		return db_error_set(err, DB_EUSAGE, "%s: no cell given", opt);
	return DB_OK;
}

void
cell_shares_add(struct strbuf *sb, const char *backend, const char *strategy,
    unsigned workers, unsigned seed_scale, double seconds)
{
	if (sb->len > 0)
		strbuf_addc(sb, ',');
	strbuf_addf(sb, "%s/%s/%u/%u=%.3f", backend, strategy, workers,
	    seed_scale, seconds);
}

const struct cell_share *
cell_shares_find(const struct cell_shares *shares, const char *backend,
    const char *strategy, unsigned workers, unsigned seed_scale)
{
	size_t i;

	for (i = 0; i < shares->n; i++)
		if (strcmp(shares->v[i].backend, backend) == 0 &&
		    strcmp(shares->v[i].strategy, strategy) == 0 &&
		    shares->v[i].workers == workers &&
		    shares->v[i].seed_scale == seed_scale)
			return &shares->v[i];
	return NULL;
}

void
cell_shares_fini(struct cell_shares *shares)
{
	size_t i;

	for (i = 0; i < shares->n; i++) {
		free(shares->v[i].backend);
		free(shares->v[i].strategy);
	}
	free(shares->v);
	shares->v = NULL;
	shares->n = 0;
}
