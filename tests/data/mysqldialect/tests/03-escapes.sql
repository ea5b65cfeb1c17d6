-- Each statement below is one statement, and matches the seed's rows,
-- only when its quotes and comments are read as MySQL reads them.
INSERT INTO checks (ok) SELECT count(*) FROM `products` WHERE `name` = 'Bob\'s "best"; tea';
INSERT INTO checks (ok) SELECT count(*) FROM `products` WHERE `name` = "back\\slash # not a comment";
# "--1" is no comment: 0 - -1 = 1
INSERT INTO checks (ok) SELECT 0 --1;
UPDATE `products` SET `name` = 'it\'s; renamed' WHERE `id` = 2; # a comment; after it
INSERT INTO checks (ok) SELECT count(*) FROM `products` WHERE `name` = "it's; renamed";
