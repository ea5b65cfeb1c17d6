-- A MySQL workload for the template strategy's copy: a generated column,
-- a trigger, views (one on the other) and a function, each of which a
-- test relies on.  A copy that left one out fails that test; one that
-- created the trigger before copying the rows would double the audit row.
CREATE TABLE items (
    id     integer  NOT NULL AUTO_INCREMENT PRIMARY KEY,
    price  integer  NOT NULL,
    qty    integer  NOT NULL,
    total  integer  AS (price * qty) STORED
) ENGINE = InnoDB;

CREATE TABLE audit (
    id       integer  NOT NULL AUTO_INCREMENT PRIMARY KEY,
    item_id  integer  NOT NULL
) ENGINE = InnoDB;

-- a test's INSERT checks a count through this: only 1 is accepted
CREATE TABLE checks (
    ok  integer  NOT NULL,
    CONSTRAINT only_one CHECK (ok = 1)
) ENGINE = InnoDB;

CREATE TRIGGER items_audit AFTER INSERT ON items FOR EACH ROW
    INSERT INTO audit (item_id) VALUES (NEW.id);

CREATE VIEW dear AS SELECT id, total FROM items WHERE total > 100;

CREATE VIEW dear_count AS SELECT count(*) AS n FROM dear;

CREATE FUNCTION twice(x integer) RETURNS integer DETERMINISTIC
    RETURN x * 2;
