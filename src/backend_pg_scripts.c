/*
 * backend_pg_scripts.c - SQL scripts written from a scratch schema's tables
 *
 * For the truncate and delete strategies, the script that empties every
 * table of the connection's schema, children first, and restarts its
 * sequences; for --seed-scale, the script that multiplies the seed's rows
 * with fresh keys; and a count of every table's rows.  The tables and
 * their foreign keys are read from the catalogs.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "backend_pg_int.h"
#include "xmalloc.h"

/*
 * The tables of the connection's schema (oid, name; by name) and their
 * order children first, from the foreign keys within the schema.  On
 * success the caller frees *order and PQclear()s *tables.
 */
static int
schema_tables(struct pg_conn *conn, PGresult **tables, size_t **order,
    struct db_error *err)
{
	PGresult *fks;
	struct table_edge *edges = NULL;
	size_t i, j, n, n_edges = 0;

	*tables = PQexec(conn->pg,
	    "SELECT c.oid, c.relname FROM pg_class c WHERE c.relnamespace = "
	    "current_schema()::regnamespace AND c.relkind IN ('r', 'p') "
	    "ORDER BY c.relname");
	fks = PQexec(conn->pg,
	    "SELECT conrelid, confrelid FROM pg_constraint WHERE contype = "
	    "'f' AND connamespace = current_schema()::regnamespace");
	if (PQresultStatus(*tables) != PGRES_TUPLES_OK ||
	    PQresultStatus(fks) != PGRES_TUPLES_OK) {
		PQclear(*tables);
		PQclear(fks);
		*tables = NULL;
		return pg_result_error(conn, NULL, err);
	}
	n = (size_t)PQntuples(*tables);
	for (i = 0; i < (size_t)PQntuples(fks); i++) {
		size_t child = n, parent = n;

		for (j = 0; j < n; j++) {
			if (strcmp(PQgetvalue(*tables, (int)j, 0),
				PQgetvalue(fks, (int)i, 0)) == 0)
				child = j;
			if (strcmp(PQgetvalue(*tables, (int)j, 0),
				PQgetvalue(fks, (int)i, 1)) == 0)
				parent = j;
		}
		if (child == n || parent == n)
			continue;
		edges = xreallocarray(edges, n_edges + 1, sizeof *edges);
		edges[n_edges].child = child;
		edges[n_edges++].parent = parent;
	}
	*order = xcalloc(n, sizeof **order);
	backend_delete_order(n, edges, n_edges, *order);
	free(edges);
	PQclear(fks);
	return DB_OK;
}

/*
 * Every table of the connection's schema, children first, and its
 * sequences.  Truncate: one TRUNCATE ... RESTART IDENTITY CASCADE.
 * Delete: a DELETE per table and an ALTER SEQUENCE ... RESTART per
 * sequence, one script, so one round trip.
 */
int
pg_reset_sql(struct backend_conn *bconn, int truncate, struct strbuf *out,
    struct db_error *err)
{
	struct pg_conn *conn = (struct pg_conn *)bconn;
	PGresult *tables, *seqs;
	size_t i, n, *order;
	char *quoted;
	int rc;

	rc = schema_tables(conn, &tables, &order, err);
	if (rc != DB_OK)
		return rc;
	seqs = PQexec(conn->pg,
	    "SELECT relname FROM pg_class WHERE relnamespace = "
	    "current_schema()::regnamespace AND relkind = 'S' ORDER BY 1");
	if (PQresultStatus(seqs) != PGRES_TUPLES_OK) {
		rc = pg_result_error(conn, seqs, err);
		goto out;
	}
	n = (size_t)PQntuples(tables);
	if (truncate && n > 0) {
		strbuf_adds(out, "TRUNCATE ");
		for (i = 0; i < n; i++) {
			quoted = pg_quote_ident(PQgetvalue(tables, (int)order[i],
			    1));
			strbuf_addf(out, "%s%s", i > 0 ? ", " : "", quoted);
			free(quoted);
		}
		strbuf_adds(out, " RESTART IDENTITY CASCADE;");
	} else if (!truncate) {
		for (i = 0; i < n; i++) {
			quoted = pg_quote_ident(PQgetvalue(tables, (int)order[i],
			    1));
			strbuf_addf(out, "DELETE FROM %s; ", quoted);
			free(quoted);
		}
		for (i = 0; i < (size_t)PQntuples(seqs); i++) {
			quoted = pg_quote_ident(PQgetvalue(seqs, (int)i, 0));
			strbuf_addf(out, "ALTER SEQUENCE %s RESTART; ", quoted);
			free(quoted);
		}
	}
out:
	free(order);
	PQclear(tables);
	PQclear(seqs);
	return rc;
}

/*
 * The columns of table oid for scale_sql(): identity, serial and generated
 * columns are left to the server; of every unique key without such a
 * column, one column (a text one if there is one) is made distinct.
 */
static int
pg_scale_table(struct pg_conn *conn, const char *oid, const char *name,
    unsigned factor, struct strbuf *out, struct db_error *err)
{
	PGresult *cols, *keys;
	struct scale_column *sc;
	char *sql;
	size_t i, n, pick;
	int k, rc = DB_OK;

	sql = xasprintf("SELECT a.attname, (a.attidentity <> '' OR "
			"a.attgenerated <> '' OR coalesce(pg_get_expr(d.adbin, "
			"d.adrelid) LIKE 'nextval(%%', false)), "
			"t.typcategory = 'S' FROM pg_attribute a JOIN pg_type t "
			"ON t.oid = a.atttypid LEFT JOIN pg_attrdef d ON "
			"d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE "
			"a.attrelid = %s AND a.attnum > 0 AND NOT "
			"a.attisdropped ORDER BY a.attnum",
	    oid);
	cols = PQexec(conn->pg, sql);
	free(sql);
	sql = xasprintf("SELECT i.indexrelid, a.attname FROM pg_index i "
			"JOIN pg_attribute a ON a.attrelid = i.indrelid AND "
			"a.attnum = ANY (i.indkey) WHERE i.indrelid = %s AND "
			"i.indisunique ORDER BY i.indexrelid, a.attnum",
	    oid);
	keys = PQexec(conn->pg, sql);
	free(sql);
	if (PQresultStatus(cols) != PGRES_TUPLES_OK ||
	    PQresultStatus(keys) != PGRES_TUPLES_OK) {
		rc = pg_result_error(conn, NULL, err);
		goto out;
	}
	n = (size_t)PQntuples(cols);
	sc = xcalloc(n, sizeof *sc);
	for (i = 0; i < n; i++) {
		sc[i].name = PQgetvalue(cols, (int)i, 0);
		sc[i].skip = PQgetvalue(cols, (int)i, 1)[0] == 't';
		sc[i].is_text = PQgetvalue(cols, (int)i, 2)[0] == 't';
	}
	for (k = 0; k < PQntuples(keys);) {
		const char *index = PQgetvalue(keys, k, 0);
		int generated = 0;

		pick = n;
		for (; k < PQntuples(keys) &&
		     strcmp(PQgetvalue(keys, k, 0), index) == 0;
		     k++)
			for (i = 0; i < n; i++) {
				if (strcmp(sc[i].name, PQgetvalue(keys, k, 1)) !=
				    0)
					continue;
				generated |= sc[i].skip;
				if (pick == n ||
				    (sc[i].is_text && !sc[pick].is_text))
					pick = i;
			}
		if (!generated && pick < n)
			sc[pick].distinct = 1;
	}
	backend_scale_insert(out, name, sc, n, factor);
	free(sc);
out:
	PQclear(cols);
	PQclear(keys);
	return rc;
}

int
pg_scale_sql(struct backend_conn *bconn, unsigned factor, struct strbuf *out,
    struct db_error *err)
{
	struct pg_conn *conn = (struct pg_conn *)bconn;
	PGresult *tables;
	size_t i, *order;
	int rc;

	rc = schema_tables(conn, &tables, &order, err);
	if (rc != DB_OK)
		return rc;
	/* parents first: the reverse of the order to empty them in */
	for (i = (size_t)PQntuples(tables); rc == DB_OK && i > 0; i--)
		rc = pg_scale_table(conn, PQgetvalue(tables, (int)order[i - 1], 0),
		    PQgetvalue(tables, (int)order[i - 1], 1), factor, out,
		    err);
	free(order);
	PQclear(tables);
	return rc;
}

int
pg_count_rows(struct backend_conn *bconn, long long *rows,
    struct db_error *err)
{
	struct pg_conn *conn = (struct pg_conn *)bconn;
	PGresult *tables;
	char *quoted, *sql, *v;
	size_t *order;
	int i, rc;

	*rows = 0;
	rc = schema_tables(conn, &tables, &order, err);
	if (rc != DB_OK)
		return rc;
	for (i = 0; rc == DB_OK && i < PQntuples(tables); i++) {
		quoted = pg_quote_ident(PQgetvalue(tables, i, 1));
		sql = xasprintf("SELECT count(*) FROM %s", quoted);
		v = pg_value(conn->pg, sql);
		if (v != NULL)
			*rows += atoll(v);
		else
			rc = pg_result_error(conn, NULL, err);
		free(v);
		free(sql);
		free(quoted);
	}
	free(order);
	PQclear(tables);
	return rc;
}
