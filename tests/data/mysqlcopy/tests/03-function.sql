-- the function is there
INSERT INTO checks (ok) SELECT twice(1) - 1;
