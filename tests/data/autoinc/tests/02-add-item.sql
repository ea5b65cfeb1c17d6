-- Advances the AUTO_INCREMENT counter of items: a rollback removes the
-- row, not the counter's step.
INSERT INTO items (name) VALUES ('added');
