-- Clean: its change is undone by every strategy.
UPDATE items SET name = 'renamed' WHERE id = 1;
SELECT name FROM items WHERE id = 1;
