-- The smallest workload: a table and a read, so that a test's fixture
-- overhead under rollback is BEGIN + ROLLBACK and nothing else.
CREATE TABLE t (x INTEGER);
