-- A workload two of whose tests leak state into the next test, for the
-- state checks: 02 advances an identity (a leak where sequences are not
-- transactional) and 03 commits (a leak wherever the test runs inside a
-- transaction the strategy rolls back).  01 and 04 never leak.
CREATE TABLE items (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    name  TEXT    NOT NULL
);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
