INSERT INTO counters (id, value) VALUES (1, 0);
