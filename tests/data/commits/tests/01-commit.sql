-- Commits its own transaction.
BEGIN;
UPDATE counters SET value = value + 1 WHERE id = 1;
COMMIT;
