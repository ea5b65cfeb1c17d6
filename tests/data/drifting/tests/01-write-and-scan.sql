-- Writes 50 rows, touches them all, and counts by a full scan.
INSERT INTO events (id, kind)
WITH RECURSIVE c(n) AS (SELECT 4 UNION ALL SELECT n + 1 FROM c WHERE n < 53)
SELECT n, n % 7 FROM c;
UPDATE events SET kind = kind + 1 WHERE id > 3;
SELECT count(*) FROM events WHERE kind > 2;
