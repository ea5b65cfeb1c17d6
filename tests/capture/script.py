"""A program with no test runner, for dbbench capture's tests: tests named
by marker statements and by DBBENCH_TEST, two tests with the same body, a
forked child and threads, each on plain sqlite3."""
import os
import sqlite3
import sys
import threading

path = sys.argv[1]
db = sqlite3.connect(path, isolation_level=None)
db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
db.execute("INSERT INTO t (id, v) VALUES (1, 'a')")

for name in ("one", "two"):
    db.execute(f"SELECT 'dbbench:test {name}'")
    db.execute("SELECT v FROM t WHERE id = ?", (1,))

db.execute("SELECT 'dbbench:test three'")
db.execute("UPDATE t SET v = ? WHERE id = 1", ("it's",))
db.execute("SELECT 'dbbench:test empty'")

if os.fork() == 0:
    db.execute("SELECT 'dbbench:test forked'")
    db.execute("SELECT count(*) FROM t")
    os._exit(0)
os.wait()


def worker(n):
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    for i in range(50):
        conn.execute("SELECT ? + ?", (n, i))
    conn.close()


os.environ["DBBENCH_TEST"] = "threads"
threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
for th in threads:
    th.start()
for th in threads:
    th.join()
db.close()
