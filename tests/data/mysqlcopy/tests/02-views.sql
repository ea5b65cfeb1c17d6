-- both views are there, the second on the first, over the copied rows
INSERT INTO checks (ok) SELECT n FROM dear_count;
