-- A table every test writes to and scans: under rollback on PostgreSQL the
-- rolled-back rows stay behind as dead versions until VACUUM.
CREATE TABLE events (id INTEGER PRIMARY KEY, kind INTEGER NOT NULL);
