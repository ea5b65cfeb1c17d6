-- one item of total 150, and the audit row its trigger writes
INSERT INTO items (price, qty) VALUES (50, 3);
