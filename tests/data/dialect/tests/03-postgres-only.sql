-- A PostgreSQL cast; SQLite has no :: operator.
SELECT '42'::integer;
