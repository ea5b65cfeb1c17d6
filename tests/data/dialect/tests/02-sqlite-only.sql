-- SQLite's date functions do not exist on PostgreSQL.
SELECT count(*) FROM notes;
SELECT datetime('now');
