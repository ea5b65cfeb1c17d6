SELECT 'a;b', "c;d", $$e;f$$ -- g;h
/* i;j */ FROM t;
-- dbbench: expect-error
INSERT INTO t VALUES ($1);