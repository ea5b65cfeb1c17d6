-- the trigger is there: the new item has its audit row
INSERT INTO items (price, qty) VALUES (10, 2);
INSERT INTO checks (ok)
    SELECT count(*) FROM audit WHERE item_id = (SELECT max(id) FROM items);
