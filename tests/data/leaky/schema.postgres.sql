-- The leaky workload's schema on PostgreSQL (see schema.sql).
CREATE TABLE items (
    id    serial PRIMARY KEY,
    name  text   NOT NULL
);

CREATE TABLE settings (
    key    text PRIMARY KEY,
    value  text NOT NULL
);
