-- the generated column holds the seed's total, and the seed's one audit
-- row was copied once, not written again by the trigger
INSERT INTO checks (ok) SELECT count(*) FROM items WHERE total = 150;
INSERT INTO checks (ok) SELECT count(*) FROM audit;
