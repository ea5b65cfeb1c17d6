#!/bin/sh
# check_backend_contract.sh - run the backend contract suite over every
# compiled-in backend, the PostgreSQL one in a throwaway cluster and the
# MySQL one on a throwaway MariaDB server (see with_cluster.sh and
# tests/mysql/with_server.sh for skip and failure rules).  Without a
# server's binaries the suite still runs over the other backends, naming
# the one it skips, unless DBBENCH_REQUIRE_PG=1 or DBBENCH_REQUIRE_MYSQL=1.
#
# Usage: check_backend_contract.sh [--with-mysql CMD...]; the --with-mysql
# form is how the script runs CMD inside the MariaDB server, or without it
# when none is installed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
if [ "${1-}" = --with-mysql ]; then
	shift
	sh "$here/../mysql/with_server.sh" "$@"
	status=$?
	if [ "$status" -eq 77 ]; then
		"$@"
		status=$?
	fi
	exit "$status"
fi
unit=${CHECK_BACKEND_CONTRACT:-$(pwd)/tests/unit/check_backend_contract}
sh "$here/with_cluster.sh" sh "$here/check_backend_contract.sh" \
	--with-mysql "$unit"
status=$?
if [ "$status" -eq 77 ]; then
	sh "$here/check_backend_contract.sh" --with-mysql "$unit"
	status=$?
fi
exit "$status"
