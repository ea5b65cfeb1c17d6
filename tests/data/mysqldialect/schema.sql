-- A workload in MySQL's own dialect, for the MySQL tests of the statement
-- splitter (tests/mysql/dialect_mysql.sh): backslash-escaped quotes, '#'
-- comments, executable comments and a trigger written between DELIMITER
-- commands, as mysqldump writes them.  Its files are read by MySQL's rules
-- and run on MySQL only; schema.mysql.sql is the schema they run against.
-- This file holds the same tables for SQLite, because every workload
-- folder has a schema.sql.
CREATE TABLE products (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    name   TEXT    NOT NULL,
    price  INTEGER NOT NULL
);

CREATE TABLE order_lines (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    product_id  INTEGER NOT NULL REFERENCES products (id),
    qty         INTEGER NOT NULL,
    total       INTEGER NOT NULL DEFAULT 0,
    note        TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE checks (ok INTEGER NOT NULL CHECK (ok = 1));
