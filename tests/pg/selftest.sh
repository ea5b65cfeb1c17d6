#!/bin/sh
# selftest.sh - checks the throwaway cluster of with_cluster.sh and lib.sh
#
# Run as: sh tests/pg/with_cluster.sh sh tests/pg/selftest.sh
# Checks the logins (socket, TCP with and without the right password), the
# rights of the test roles, pg_leftovers, and pg_stop_server/pg_start_server.
set -eu
if [ -z "${DBBENCH_PG_DSN:-}" ]; then
	exec sh "$(dirname "$0")/with_cluster.sh" sh "$0" "$@"
fi

# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

PSQL=$(pg_psql_path)

fail() {
	echo "FAIL: selftest: $*" >&2
	exit 1
}

# expect_eq WHAT GOT WANT
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

# as_role ROLE DB SQL: run SQL as ROLE over the socket (trusted).
as_role() {
	"$PSQL" -X -q -v ON_ERROR_STOP=1 -A -t -h "$DBBENCH_PG_SOCKET_DIR" \
		-p "$DBBENCH_PG_PORT" -U "$1" -d "$2" -c "$3"
}

# tcp ROLE DB PASSWORD SQL: run SQL as ROLE over TCP, giving PASSWORD to
# this psql only; -w: never prompt.
tcp() {
	PGPASSWORD=$3 "$PSQL" -X -q -w -v ON_ERROR_STOP=1 -A -t -h 127.0.0.1 \
		-p "$DBBENCH_PG_PORT" -U "$1" -d "$2" -c "$4"
}

# expect_error WHAT PATTERN CMD...: CMD fails with PATTERN on stderr.
expect_error() {
	what=$1
	pattern=$2
	shift 2
	if err=$("$@" 2>&1); then
		fail "$what: succeeded"
	fi
	case $err in
	*"$pattern"*) ;;
	*) fail "$what: error '$err' lacks '$pattern'" ;;
	esac
}

check_socket_login() {
	expect_eq "socket login" "$(pg_psql 'SELECT current_user, inet_server_addr() IS NULL')" "postgres|t"
	expect_eq "PG* variables" "$("$PSQL" -X -A -t -c 'SELECT current_user, current_database()')" "postgres|postgres"
	expect_eq "DBBENCH_PG_DSN" "$("$PSQL" -X -A -t -d "$DBBENCH_PG_DSN" -c 'SELECT 1')" 1
	[ -z "${PGPASSWORD:-}" ] || fail "PGPASSWORD leaked into the test"
}

check_tcp_login() {
	expect_eq "TCP login with password" \
		"$(tcp dbbench_pw dbbench_pw_db "$DBBENCH_PG_PASSWORD" 'SELECT current_user, host(inet_server_addr())')" \
		"dbbench_pw|127.0.0.1"
	expect_error "TCP login with a wrong password" "password authentication failed" \
		tcp dbbench_pw dbbench_pw_db wrong-password 'SELECT 1'
	expect_error "TCP login without password" "no password supplied" \
		"$PSQL" -X -w -h 127.0.0.1 -p "$DBBENCH_PG_PORT" -U dbbench_pw -d dbbench_pw_db -c 'SELECT 1'
	tcp dbbench_pw dbbench_pw_db "$DBBENCH_PG_PASSWORD" 'CREATE DATABASE selftest_pw_can_create' ||
		fail "dbbench_pw could not CREATE DATABASE"
	pg_psql 'DROP DATABASE selftest_pw_can_create'
}

check_nocreate_role() {
	expect_error "dbbench_nocreate CREATE DATABASE" "permission denied to create database" \
		as_role dbbench_nocreate dbbench_nocreate_db 'CREATE DATABASE selftest_nope'
	as_role dbbench_nocreate dbbench_nocreate_db 'CREATE SCHEMA dbbench_selftest_s' ||
		fail "dbbench_nocreate could not CREATE SCHEMA in dbbench_nocreate_db"
	expect_eq "pg_leftovers with a schema" "$(pg_leftovers)" "dbbench_nocreate_db.dbbench_selftest_s"
	as_role dbbench_nocreate dbbench_nocreate_db 'DROP SCHEMA dbbench_selftest_s'
}

check_leftovers() {
	expect_eq "pg_leftovers when clean" "$(pg_leftovers)" ""
	pg_psql 'CREATE DATABASE dbbench_123_0'
	expect_eq "pg_leftovers with a database" "$(pg_leftovers)" "dbbench_123_0"
	pg_psql 'DROP DATABASE dbbench_123_0'
	expect_eq "pg_leftovers after the drop" "$(pg_leftovers)" ""
}

check_restart() {
	pg_stop_server || fail "pg_stop_server failed"
	if pg_psql 'SELECT 1' >/dev/null 2>&1; then
		fail "server still answers after pg_stop_server"
	fi
	pg_start_server || fail "pg_start_server failed"
	expect_eq "after pg_start_server" "$(pg_psql 'SELECT 1')" 1
}

check_socket_login
check_tcp_login
check_nocreate_role
check_leftovers
check_restart
echo "PASS: selftest"
