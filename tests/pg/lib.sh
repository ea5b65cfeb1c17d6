# shellcheck shell=sh
# lib.sh - helpers for the PostgreSQL tests of dbbench
#
# Source this from a test script that runs under tests/pg/with_cluster.sh,
# which uses it too to start the server.  The functions read the DBBENCH_PG_*
# variables that with_cluster.sh exports.  They return non-zero on failure and
# leave the shell options alone.
#
#   pg_psql SQL [DB]   run SQL as postgres over the socket, in database DB
#                      (default postgres); print tuples only, unaligned
#   pg_leftovers       print what dbbench left behind, one a line: databases
#                      named dbbench_* (other than the fixtures dbbench_pw_db
#                      and dbbench_nocreate_db) as NAME, and schemas named
#                      dbbench_* in every database that allows connections as
#                      DB.SCHEMA; nothing when clean
#   pg_stop_server     stop the server at once (pg_ctl -m immediate)
#   pg_start_server    start it again on the same port and data folder
#   pg_psql_path       print the psql to use (the server's, else the PATH's)
#   pg_as_server_user CMD [ARGS...]
#                      run CMD as the user that owns the server (root can't)

# pg_need_cluster: fail loudly when not run under with_cluster.sh.
pg_need_cluster() {
	if [ -z "${DBBENCH_PG_DATA:-}" ] || [ -z "${DBBENCH_PG_PORT:-}" ]; then
		echo "lib.sh: DBBENCH_PG_* not set: run this under tests/pg/with_cluster.sh" >&2
		return 1
	fi
}

pg_as_server_user() {
	if [ -n "${DBBENCH_PG_RUNAS:-}" ]; then
		# From / so that the server user never starts in a folder it can't read.
		(cd / && runuser -u "$DBBENCH_PG_RUNAS" -- "$@")
	else
		"$@"
	fi
}

pg_psql_path() {
	if [ -x "${DBBENCH_PG_BINDIR:-}/psql" ]; then
		printf '%s\n' "$DBBENCH_PG_BINDIR/psql"
	else
		printf '%s\n' psql
	fi
}

pg_psql() {
	pg_need_cluster || return
	"$(pg_psql_path)" -X -q -v ON_ERROR_STOP=1 -A -t \
		-h "$DBBENCH_PG_SOCKET_DIR" -p "$DBBENCH_PG_PORT" -U postgres \
		-d "${2:-postgres}" -c "$1"
}

pg_leftovers() {
	pg_need_cluster || return
	pg_psql "SELECT datname FROM pg_database
		WHERE datname LIKE 'dbbench\\_%'
		  AND datname NOT IN ('dbbench_pw_db', 'dbbench_nocreate_db')
		ORDER BY 1" || return
	_pg_dbs=$(pg_psql "SELECT datname FROM pg_database
		WHERE datallowconn ORDER BY 1") || return
	while IFS= read -r _pg_db; do
		[ -n "$_pg_db" ] || continue
		pg_psql "SELECT current_database() || '.' || nspname
			FROM pg_namespace WHERE nspname LIKE 'dbbench\\_%'
			ORDER BY 1" "$_pg_db" || return
	done <<EOF
$_pg_dbs
EOF
}

# pg_server_options: the postgres options (pg_ctl -o); the paths in them
# hold no blanks or quotes (with_cluster.sh makes sure of it).
pg_server_options() {
	printf '%s' "-c listen_addresses=127.0.0.1 -c port=$DBBENCH_PG_PORT" \
		" -c unix_socket_directories=$DBBENCH_PG_SOCKET_DIR" \
		" -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
		" -c max_connections=40 -c shared_buffers=32MB"
}

pg_start_server() {
	pg_need_cluster || return
	pg_as_server_user "$DBBENCH_PG_BINDIR/pg_ctl" -D "$DBBENCH_PG_DATA" \
		-l "$DBBENCH_PG_LOG" -w -t 30 -o "$(pg_server_options)" start >/dev/null
}

pg_stop_server() {
	pg_need_cluster || return
	pg_as_server_user "$DBBENCH_PG_BINDIR/pg_ctl" -D "$DBBENCH_PG_DATA" \
		-m immediate -w -t 30 stop >/dev/null
}
