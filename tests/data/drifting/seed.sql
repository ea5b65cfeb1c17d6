INSERT INTO events (id, kind) VALUES (1, 1), (2, 2), (3, 3);
