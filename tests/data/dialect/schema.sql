-- A table both backends accept.
CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
