-- A workload for the MySQL state checks: 02 advances an AUTO_INCREMENT
-- counter without committing (a leak wherever counters are not
-- transactional), 03 commits a row into a table with one (a leak wherever
-- the test runs inside a transaction the strategy rolls back).  01 and 04
-- never leak.  This is the SQLite schema; schema.mysql.sql is MySQL's.
CREATE TABLE items (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    name  TEXT    NOT NULL
);

CREATE TABLE events (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    what  TEXT    NOT NULL
);
