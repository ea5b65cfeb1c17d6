-- Runs on both backends.
SELECT id, body FROM notes WHERE id = 1;
UPDATE notes SET body = 'changed' WHERE id = 2;
