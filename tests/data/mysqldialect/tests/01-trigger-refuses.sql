-- The trigger refuses a quantity of 0: without it (a schema split in the
-- wrong places would not have it) the insert would succeed and the test
-- would fail.
# A '#' comment; with a quote ' in it
-- dbbench: expect-error
INSERT INTO `order_lines` (`product_id`, `qty`) VALUES (1, 0);
