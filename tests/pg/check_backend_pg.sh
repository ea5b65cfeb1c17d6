#!/bin/sh
# check_backend_pg.sh - run the PostgreSQL driver's Check tests in a
# throwaway cluster (see with_cluster.sh for skip and failure rules)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
unit=${CHECK_BACKEND_PG:-$(pwd)/tests/unit/check_backend_pg}
exec sh "$here/with_cluster.sh" "$unit"
