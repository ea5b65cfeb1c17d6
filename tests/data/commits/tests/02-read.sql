-- Clean: reads only.
SELECT value FROM counters WHERE id = 1;
