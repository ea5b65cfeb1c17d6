-- Advances the identity of items: PostgreSQL's sequence is not undone by
-- a rollback, SQLite's sqlite_sequence is.
INSERT INTO items (name) VALUES ('added');
