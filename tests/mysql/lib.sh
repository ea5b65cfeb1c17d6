# shellcheck shell=sh
# lib.sh - helpers for the MySQL tests of dbbench
#
# Source this from a test script that runs under tests/mysql/with_server.sh;
# the functions read the DBBENCH_MYSQL_* variables it exports.
#
#   my_sql SQL          run SQL as root over the socket; print rows
#                       tab-separated, no column names
#   my_leftovers        print the dbbench_* databases on the server, one a
#                       line; nothing when clean

my_sql() {
	"$DBBENCH_MYSQL_CLIENT" --no-defaults -S "$DBBENCH_MYSQL_SOCKET" -u root \
		-N -B -e "$1"
}

my_leftovers() {
	my_sql "SELECT schema_name FROM information_schema.schemata
		WHERE schema_name LIKE 'dbbench\\_%' ORDER BY 1"
}
