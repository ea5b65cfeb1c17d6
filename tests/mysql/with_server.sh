#!/bin/sh
# with_server.sh - run a command against a throwaway MariaDB (or MySQL) server
#
# Usage: tests/mysql/with_server.sh CMD [ARGS...]
#
# For the MySQL tests of dbbench.  Creates a private data folder in a temp
# folder (on tmpfs when it can) with mariadb-install-db, starts mariadbd on
# a Unix socket in that folder and a free TCP port of 127.0.0.1, adds the
# test user, runs CMD with the variables below pointing at it, then
# stops the server and deletes the folder -- also when CMD fails or on INT,
# TERM or HUP -- and exits with CMD's status.  As root, the server runs as
# the unprivileged user mysql (or nobody), as the PostgreSQL one does.
#
# CMD gets: DBBENCH_MYSQL_DSN (root, no password, over the socket),
# DBBENCH_MYSQL_PW_DSN (user dbbench_pw with its password, which may create
# and drop dbbench_* databases only), DBBENCH_MYSQL_TCP_DSN (the same user
# through 127.0.0.1 and DBBENCH_MYSQL_PORT), DBBENCH_MYSQL_PASSWORD,
# DBBENCH_MYSQL_SOCKET, DBBENCH_MYSQL_DATA, DBBENCH_MYSQL_LOG (the server
# log) and DBBENCH_MYSQL_RUNAS (empty unless we are root); MYSQL_HOME points
# at the temp folder, whose my.cnf names the socket and root for the
# client option files.  Tests source tests/mysql/lib.sh for helpers.
#
# Exit status: CMD's; 77 (skip) when no server is installed, or 1 then if
# DBBENCH_REQUIRE_MYSQL=1; 99 when the server can't be set up; 2 on usage
# error; 128+N on signal N.
set -eu

PASSWORD='Sekr3t-my-XYZZY'
tmp=''
server_pid=''
DBBENCH_MYSQL_RUNAS=''
DBBENCH_MYSQL_PORT=''

usage() {
	echo "usage: $0 CMD [ARGS...]" >&2
	exit 2
}

die() {
	echo "ERROR: with_server.sh: $*" >&2
	exit 99
}

find_bin() {
	for name in "$@"; do
		for dir in /usr/sbin /usr/bin /usr/local/sbin /usr/local/bin; do
			if [ -x "$dir/$name" ]; then
				printf '%s\n' "$dir/$name"
				return 0
			fi
		done
	done
	return 0
}

no_server() {
	if [ "${DBBENCH_REQUIRE_MYSQL:-}" = 1 ]; then
		echo "FAIL: DBBENCH_REQUIRE_MYSQL=1 but no MariaDB server found" >&2
		exit 1
	fi
	echo "SKIP: no MariaDB server found (install mariadb-server)" >&2
	exit 77
}

as_server_user() {
	if [ -n "$DBBENCH_MYSQL_RUNAS" ]; then
		(cd / && runuser -u "$DBBENCH_MYSQL_RUNAS" -- "$@")
	else
		"$@"
	fi
}

pick_runas() {
	[ "$(id -u)" -eq 0 ] || return 0
	if id mysql >/dev/null 2>&1; then
		DBBENCH_MYSQL_RUNAS=mysql
	else
		DBBENCH_MYSQL_RUNAS=nobody
	fi
	command -v runuser >/dev/null 2>&1 ||
		die "running as root, but runuser is missing to run the server as $DBBENCH_MYSQL_RUNAS"
}

make_tmp() {
	for base in /dev/shm "${TMPDIR:-/tmp}" /tmp; do
		if [ -d "$base" ] && [ -w "$base" ]; then
			tmp=$(mktemp -d "$base/dbbench-my.XXXXXX") && break
		fi
	done
	[ -n "$tmp" ] || die "no usable temp folder (tried /dev/shm, \$TMPDIR, /tmp)"
	chmod 755 "$tmp"
	mkdir "$tmp/data"
	if [ -n "$DBBENCH_MYSQL_RUNAS" ]; then
		chown "$DBBENCH_MYSQL_RUNAS" "$tmp/data"
		chown "$DBBENCH_MYSQL_RUNAS" "$tmp"
	fi
	DBBENCH_MYSQL_DATA=$tmp/data
	DBBENCH_MYSQL_SOCKET=$tmp/mysqld.sock
	DBBENCH_MYSQL_LOG=$tmp/server.log
}

init_data() {
	as_server_user "$INSTALL_DB" --no-defaults --datadir="$DBBENCH_MYSQL_DATA" \
		--auth-root-authentication-method=normal --skip-test-db \
		>"$tmp/install.log" 2>&1 || {
		cat "$tmp/install.log" >&2
		die "mariadb-install-db failed"
	}
}

random_port() {
	n=$(od -An -N2 -tu2 /dev/urandom 2>/dev/null | tr -d ' \n') || n=''
	case $n in '' | *[!0-9]*) n=$(($$ * 7919 + $(date +%S) * 104729)) ;; esac
	echo $((20000 + n % 40000))
}

# start_server: on a random port of 127.0.0.1; when it is taken, another.
start_server() {
	attempt=1
	while :; do
		DBBENCH_MYSQL_PORT=$(random_port)
		rm -f "$DBBENCH_MYSQL_LOG"
		start_on_port && return 0
		grep -q 'Address already in use' "$DBBENCH_MYSQL_LOG" 2>/dev/null || {
			cat "$DBBENCH_MYSQL_LOG" >&2 2>/dev/null || true
			die "the server did not start"
		}
		[ "$attempt" -lt 10 ] || die "no free port after 10 tries"
		attempt=$((attempt + 1))
	done
}

start_on_port() {
	as_server_user "$MARIADBD" --no-defaults --datadir="$DBBENCH_MYSQL_DATA" \
		--socket="$DBBENCH_MYSQL_SOCKET" --bind-address=127.0.0.1 \
		--port="$DBBENCH_MYSQL_PORT" --tmpdir="$tmp" \
		--pid-file="$tmp/mysqld.pid" --log-error="$DBBENCH_MYSQL_LOG" \
		--innodb-buffer-pool-size=256M --innodb-log-file-size=256M \
		--innodb-flush-method=fsync --max-connections=60 \
		--performance-schema=ON --skip-log-bin >/dev/null 2>&1 &
	server_pid=$!
	i=0
	while ! "$CLIENT" --no-defaults -S "$DBBENCH_MYSQL_SOCKET" -u root \
		-e 'SELECT 1' >/dev/null 2>&1; do
		if ! kill -0 "$server_pid" 2>/dev/null; then
			server_pid=''
			return 1
		fi
		i=$((i + 1))
		[ "$i" -lt 300 ] || die "the server did not answer in 30 s"
		sleep 0.1
	done
}

create_fixtures() {
	"$CLIENT" --no-defaults -S "$DBBENCH_MYSQL_SOCKET" -u root -e "
		CREATE USER dbbench_pw@localhost IDENTIFIED BY '$PASSWORD';
		GRANT ALL PRIVILEGES ON \`dbbench\\_%\`.* TO dbbench_pw@localhost;
		CREATE USER dbbench_pw@'127.0.0.1' IDENTIFIED BY '$PASSWORD';
		GRANT ALL PRIVILEGES ON \`dbbench\\_%\`.* TO dbbench_pw@'127.0.0.1';" ||
		die "could not create the user dbbench_pw"
}

export_env() {
	cat >"$tmp/my.cnf" <<EOC
[client]
socket=$DBBENCH_MYSQL_SOCKET
user=root
EOC
	export MYSQL_HOME="$tmp" MARIADB_HOME="$tmp"
	export DBBENCH_MYSQL_PASSWORD="$PASSWORD"
	export DBBENCH_MYSQL_SOCKET DBBENCH_MYSQL_DATA DBBENCH_MYSQL_LOG
	export DBBENCH_MYSQL_RUNAS DBBENCH_MYSQL_CLIENT="$CLIENT"
	export DBBENCH_MYSQL_DSN="mysql://root@localhost/?socket=$DBBENCH_MYSQL_SOCKET"
	export DBBENCH_MYSQL_PW_DSN="mysql://dbbench_pw:$PASSWORD@localhost/?socket=$DBBENCH_MYSQL_SOCKET"
	export DBBENCH_MYSQL_PORT
	export DBBENCH_MYSQL_TCP_DSN="mysql://dbbench_pw:$PASSWORD@127.0.0.1:$DBBENCH_MYSQL_PORT/"
}

# stop_server and on_exit run from the EXIT trap (SC2317).
# shellcheck disable=SC2317
stop_server() {
	[ -n "$server_pid" ] || return 0
	# server_pid is the shell that started it (as another user through
	# runuser): signal the server itself, by the pid it wrote
	mysqld_pid=$(cat "$tmp/mysqld.pid" 2>/dev/null || true)
	for pid in $mysqld_pid "$server_pid"; do
		kill -TERM "$pid" 2>/dev/null || true
		i=0
		while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 300 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -KILL "$pid" 2>/dev/null || true
	done
	wait "$server_pid" 2>/dev/null || true
	server_pid=''
}

# shellcheck disable=SC2317
on_exit() {
	status=$?
	trap '' INT TERM HUP
	trap - EXIT
	stop_server || true
	[ -z "$tmp" ] || rm -rf "$tmp"
	exit "$status"
}

main() {
	[ "$#" -gt 0 ] || usage
	MARIADBD=$(find_bin mariadbd mysqld)
	INSTALL_DB=$(find_bin mariadb-install-db mysql_install_db)
	CLIENT=$(find_bin mariadb mysql)
	if [ -z "$MARIADBD" ] || [ -z "$INSTALL_DB" ] || [ -z "$CLIENT" ]; then
		no_server
	fi
	pick_runas
	trap on_exit EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
	make_tmp
	init_data
	start_server
	create_fixtures
	export_env
	status=0
	"$@" || status=$?
	exit "$status"
}

main "$@"
