-- Commits: the row escapes a transaction the strategy meant to roll back.
BEGIN;
INSERT INTO events (what) VALUES ('committed');
COMMIT;
