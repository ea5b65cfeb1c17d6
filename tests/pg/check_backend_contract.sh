#!/bin/sh
# check_backend_contract.sh - run the backend contract suite over every
# compiled-in backend, the PostgreSQL one in a throwaway cluster (see
# with_cluster.sh for skip and failure rules).  Without PostgreSQL server
# binaries the suite still runs over the backends that need no server,
# naming the one it skips, unless DBBENCH_REQUIRE_PG=1.
set -u
here=$(cd "$(dirname "$0")" && pwd)
unit=${CHECK_BACKEND_CONTRACT:-$(pwd)/tests/unit/check_backend_contract}
sh "$here/with_cluster.sh" "$unit"
status=$?
if [ "$status" -eq 77 ]; then
	"$unit"
	status=$?
fi
exit "$status"
