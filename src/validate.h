/*
 * validate.h - the isolation scenarios, run under each strategy
 *
 * validate_scenario() runs one scenario (scenario.h) as a two-test suite
 * under one strategy on one backend and says what it showed, with one line
 * of what was observed.  validate_all() does it for every scenario,
 * strategy and backend of a plan and adds the verdicts to a result.
 * Nothing is timed; the strategies' phases run as they do when measured.
 */
#ifndef DBBENCH_VALIDATE_H
#define DBBENCH_VALIDATE_H

#include "backend.h"
#include "error.h"
#include "result.h"
#include "runner.h"
#include "scenario.h"
#include "strategy.h"
#include "strbuf.h"

enum verdict validate_scenario(const struct scenario *sc,
    const struct backend_ops *backend, const struct backend_target *target,
    const struct strategy_ops *st, struct strbuf *detail);
int validate_all(const struct run_plan *plan, struct run_result *res,
    struct db_error *err);

#endif
