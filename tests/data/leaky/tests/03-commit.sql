-- Commits: the row escapes a transaction the strategy meant to roll back.
-- (In autocommit mode SQLite refuses the COMMIT; the row is reset anyway.)
INSERT INTO settings (key, value) VALUES ('mode', 'committed');
COMMIT;
