-- Clean: reads only.
SELECT count(*) FROM items;
SELECT name FROM items WHERE id = 1;
