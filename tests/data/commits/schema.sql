-- A workload whose first test sends its own transaction control, as a
-- test captured under a fixture that gives each test its own connection
-- does: under rollback and savepoint on SQLite its BEGIN fails ("cannot
-- start a transaction within a transaction"), and the state checks must
-- say so rather than count it clean.
CREATE TABLE counters (
    id     INTEGER PRIMARY KEY,
    value  INTEGER NOT NULL
);
