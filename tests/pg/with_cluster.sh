#!/bin/sh
# with_cluster.sh - run a command against a throwaway PostgreSQL cluster
#
# Usage: tests/pg/with_cluster.sh CMD [ARGS...]
#
# For the PostgreSQL tests of dbbench.  Creates a private cluster in a temp
# folder (on tmpfs when it can), starts it on a free loopback port with its
# socket in that folder, adds the test roles and databases, runs CMD with
# the variables below pointing at it, then stops the server and deletes the
# folder -- also when CMD fails or on INT, TERM or HUP -- and exits with
# CMD's status.
#
# CMD gets: PGHOST (the socket folder), PGPORT, PGUSER=postgres,
# PGDATABASE=postgres, PGPASSFILE (a missing file, so no ~/.pgpass leaks in;
# every other inherited PG* variable is unset), and DBBENCH_PG_SOCKET_DIR,
# DBBENCH_PG_PORT, DBBENCH_PG_BINDIR, DBBENCH_PG_DATA, DBBENCH_PG_LOG (the
# server log), DBBENCH_PG_PASSWORD, DBBENCH_PG_RUNAS (the user running the
# server; empty unless we are root) and DBBENCH_PG_DSN.  Tests source
# tests/pg/lib.sh for helpers.
#
# Roles: postgres (superuser, no password); dbbench_pw (LOGIN CREATEDB, owns
# dbbench_pw_db) and dbbench_nocreate (LOGIN NOCREATEDB, owns
# dbbench_nocreate_db), both with password $DBBENCH_PG_PASSWORD.  The socket
# trusts everyone; TCP on 127.0.0.1 wants the password (scram-sha-256).
#
# Exit status: CMD's; 77 (skip) when no server binaries are found, or 1 then
# if DBBENCH_REQUIRE_PG=1; 99 when the cluster can't be set up; 2 on usage
# error; 128+N on signal N.
# DBBENCH_PG_BINDIR_OVERRIDE=DIR looks for the server binaries in DIR only.
set -eu

# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

PASSWORD='Sekr3t-pw-XYZZY'
tmp=''
DBBENCH_PG_BINDIR=''
DBBENCH_PG_RUNAS=''
DBBENCH_PG_DATA=''
DBBENCH_PG_SOCKET_DIR=''
DBBENCH_PG_LOG=''
DBBENCH_PG_PORT=''

usage() {
	echo "usage: $0 CMD [ARGS...]" >&2
	exit 2
}

# die MESSAGE: the cluster could not be set up (automake's hard error).
die() {
	echo "ERROR: with_cluster.sh: $*" >&2
	exit 99
}

clear_pg_env() {
	for v in $(env | sed -n 's/^\(PG[A-Za-z0-9_]*\)=.*/\1/p'); do
		unset "$v"
	done
}

has_server_bins() {
	[ -x "$1/initdb" ] && [ -x "$1/pg_ctl" ] && [ -x "$1/postgres" ]
}

# find_bindir: print the folder of the server binaries, or nothing.
find_bindir() {
	if [ -n "${DBBENCH_PG_BINDIR_OVERRIDE:-}" ]; then
		if has_server_bins "$DBBENCH_PG_BINDIR_OVERRIDE"; then
			printf '%s\n' "$DBBENCH_PG_BINDIR_OVERRIDE"
		fi
		return 0
	fi
	dir=$(pg_config --bindir 2>/dev/null) || dir=''
	if [ -n "$dir" ] && has_server_bins "$dir"; then
		printf '%s\n' "$dir"
		return 0
	fi
	find_highest_libdir
}

# find_highest_libdir: the newest /usr/lib/postgresql/VERSION/bin with a server.
find_highest_libdir() {
	best=''
	best_rank=-1
	for dir in /usr/lib/postgresql/*/bin; do
		has_server_bins "$dir" || continue
		version=${dir%/bin}
		version=${version##*/}
		major=${version%%.*}
		minor=${version#"$major"}
		minor=${minor#.}
		case $major$minor in '' | *[!0-9]*) continue ;; esac
		rank=$((major * 1000 + ${minor:-0}))
		if [ "$rank" -gt "$best_rank" ]; then
			best=$dir
			best_rank=$rank
		fi
	done
	if [ -n "$best" ]; then
		printf '%s\n' "$best"
	fi
}

no_server() {
	if [ "${DBBENCH_REQUIRE_PG:-}" = 1 ]; then
		echo "FAIL: DBBENCH_REQUIRE_PG=1 but no PostgreSQL server binaries found" >&2
		exit 1
	fi
	echo "SKIP: no PostgreSQL server binaries found (install postgresql)" >&2
	exit 77
}

# pick_runas: PostgreSQL won't run as root, so root hands it to another user.
pick_runas() {
	[ "$(id -u)" -eq 0 ] || return 0
	if id postgres >/dev/null 2>&1; then
		DBBENCH_PG_RUNAS=postgres
	else
		DBBENCH_PG_RUNAS=nobody
	fi
	command -v runuser >/dev/null 2>&1 ||
		die "running as root, but runuser is missing to run the server as $DBBENCH_PG_RUNAS"
}

# base_usable DIR: DIR can hold the temp folder: writable, reachable by the
# server user, a path safe in pg_ctl -o and short enough that the socket path
# (DIR/dbbench-pg.XXXXXX/.s.PGSQL.NNNNN) fits in 107 bytes.
base_usable() {
	if [ ! -d "$1" ] || [ ! -w "$1" ]; then
		return 1
	fi
	case $1 in
	/*) ;;
	*) return 1 ;;
	esac
	case $1 in *[!A-Za-z0-9/._+-]*) return 1 ;; esac
	[ "${#1}" -le 74 ] || return 1
	[ -z "$DBBENCH_PG_RUNAS" ] || pg_as_server_user test -x "$1"
}

pick_base() {
	for base in /dev/shm "${TMPDIR:-/tmp}" /tmp; do
		if base_usable "$base"; then
			printf '%s\n' "$base"
			return 0
		fi
	done
	return 1
}

make_tmp() {
	base=$(pick_base) || die "no usable temp folder (tried /dev/shm, \$TMPDIR, /tmp)"
	tmp=$(mktemp -d "$base/dbbench-pg.XXXXXX") || die "mktemp -d failed in $base"
	chmod 755 "$tmp"
	if [ -n "$DBBENCH_PG_RUNAS" ]; then
		chown "$DBBENCH_PG_RUNAS" "$tmp"
	fi
	DBBENCH_PG_SOCKET_DIR=$tmp
	DBBENCH_PG_DATA=$tmp/data
	DBBENCH_PG_LOG=$tmp/server.log
}

init_cluster() {
	pg_as_server_user "$DBBENCH_PG_BINDIR/initdb" -D "$DBBENCH_PG_DATA" \
		--no-sync -A trust --auth-local=trust --auth-host=scram-sha-256 \
		-U postgres -E UTF8 --locale=C >"$tmp/initdb.log" 2>&1 || {
		cat "$tmp/initdb.log" >&2
		die "initdb failed"
	}
}

# random_port: a pseudo-random port in 20000-59999.
random_port() {
	n=$(od -An -N2 -tu2 /dev/urandom 2>/dev/null | tr -d ' \n') || n=''
	case $n in '' | *[!0-9]*) n=$(($$ * 7919 + $(date +%S) * 104729)) ;; esac
	echo $((20000 + n % 40000))
}

port_taken() {
	grep -Eq 'could not bind|Address already in use' "$DBBENCH_PG_LOG" 2>/dev/null
}

# start_server: start on a random port; when it is taken, try another.
start_server() {
	attempt=1
	while :; do
		DBBENCH_PG_PORT=$(random_port)
		rm -f "$DBBENCH_PG_LOG"
		if pg_start_server 2>"$tmp/pg_ctl.err"; then
			return 0
		fi
		if ! port_taken; then
			cat "$tmp/pg_ctl.err" "$DBBENCH_PG_LOG" >&2 2>/dev/null || true
			die "the server did not start"
		fi
		[ "$attempt" -lt 10 ] || die "no free port after 10 tries"
		attempt=$((attempt + 1))
	done
}

create_fixtures() {
	for role in dbbench_pw dbbench_nocreate; do
		case $role in
		dbbench_pw) attrs='LOGIN CREATEDB' ;;
		*) attrs='LOGIN NOCREATEDB' ;;
		esac
		if ! pg_psql "CREATE ROLE $role $attrs PASSWORD '$PASSWORD'" ||
			! pg_psql "CREATE DATABASE ${role}_db OWNER $role"; then
			die "could not create role $role and database ${role}_db"
		fi
	done
}

export_env() {
	export PGHOST="$DBBENCH_PG_SOCKET_DIR" PGPORT="$DBBENCH_PG_PORT"
	export PGUSER=postgres PGDATABASE=postgres PGPASSFILE="$tmp/no-pgpass"
	export DBBENCH_PG_PASSWORD="$PASSWORD"
	export DBBENCH_PG_SOCKET_DIR DBBENCH_PG_PORT DBBENCH_PG_BINDIR
	export DBBENCH_PG_DATA DBBENCH_PG_LOG DBBENCH_PG_RUNAS
	export DBBENCH_PG_DSN="host=$DBBENCH_PG_SOCKET_DIR port=$DBBENCH_PG_PORT user=postgres dbname=postgres"
}

# kill_postmaster, cleanup and on_exit run from the EXIT trap, which the
# linter does not follow (SC2317).
#
# kill_postmaster: last resort when pg_ctl stop fails.
# shellcheck disable=SC2317
kill_postmaster() {
	pid=$(head -n 1 "$DBBENCH_PG_DATA/postmaster.pid" 2>/dev/null) || return 0
	case $pid in '' | *[!0-9]*) return 0 ;; esac
	kill -KILL "$pid" 2>/dev/null || true
}

# shellcheck disable=SC2317
cleanup() {
	[ -n "$tmp" ] || return 0
	if [ -f "$DBBENCH_PG_DATA/postmaster.pid" ]; then
		pg_stop_server 2>/dev/null || kill_postmaster
	fi
	rm -rf "$tmp"
	tmp=''
}

# shellcheck disable=SC2317
on_exit() {
	status=$?
	trap '' INT TERM HUP
	trap - EXIT
	cleanup || true
	exit "$status"
}

main() {
	[ "$#" -gt 0 ] || usage
	clear_pg_env
	DBBENCH_PG_BINDIR=$(find_bindir)
	[ -n "$DBBENCH_PG_BINDIR" ] || no_server
	pick_runas
	trap on_exit EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
	make_tmp
	init_cluster
	start_server
	create_fixtures
	export_env
	status=0
	"$@" || status=$?
	exit "$status"
}

main "$@"
