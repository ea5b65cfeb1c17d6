#!/bin/sh
# gitinfo.sh - a run in a git checkout records HEAD's commit and branch in
# its JSON (git.commit, git.branch), keeps them through report, leaves the
# branch out when HEAD is detached and the whole field outside a checkout
# shellcheck source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 is needed to read JSON"
command -v git >/dev/null 2>&1 || skip "git is not installed (apt-get install git)"

# A checkout of its own, whatever the tests run from.
repo="$TMP/repo"
mkdir -p "$repo"
(
	cd "$repo"
	git init -q -b feature/x .
	git config user.email t@example.com
	git config user.name t
	echo a >a
	git add a
	git commit -q -m one
) || fail "could not make a git repository"
head=$(git -C "$repo" rev-parse HEAD)

run_in() {
	(cd "$1" && GIT_CEILING_DIRECTORIES="$TMP" "$DBBENCH" -s rollback --rounds 2 \
		--no-validate -q -f json -o "$2") || fail "run in $1 failed"
}

run_in "$repo" "$TMP/in.json"
[ "$(json_get "$TMP/in.json" 'j["git"]')" = "{'commit': '$head', 'branch': 'feature/x'}" ] ||
	fail "git: $(json_get "$TMP/in.json" 'j.get("git")'), expected $head on feature/x"
pass
# The loader keeps it: report -f json gives it back.
"$DBBENCH" report -f json "$TMP/in.json" -o "$TMP/again.json" || fail "report failed"
[ "$(json_get "$TMP/again.json" 'j["git"]')" = "$(json_get "$TMP/in.json" 'j["git"]')" ] ||
	fail "report lost git: $(json_get "$TMP/again.json" 'j.get("git")')"
pass

# Detached HEAD: the commit, no branch.
git -C "$repo" checkout -q --detach
run_in "$repo" "$TMP/detached.json"
[ "$(json_get "$TMP/detached.json" 'j["git"]')" = "{'commit': '$head'}" ] ||
	fail "detached: $(json_get "$TMP/detached.json" 'j.get("git")')"
pass

# Not a checkout: no git field.
mkdir -p "$TMP/plain"
run_in "$TMP/plain" "$TMP/plain.json"
[ "$(json_get "$TMP/plain.json" '"git" in j')" = False ] ||
	fail "outside a checkout: $(json_get "$TMP/plain.json" 'j.get("git")')"
pass
done_ok
