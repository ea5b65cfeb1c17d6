-- The autoinc workload's schema on MySQL (see schema.sql).
CREATE TABLE items (
    id    integer      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name  varchar(64)  NOT NULL
) ENGINE = InnoDB;

CREATE TABLE events (
    id    integer      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    what  varchar(64)  NOT NULL
) ENGINE = InnoDB;
