#!/bin/sh
# Runs inside the guest (tests/vm/run-tests.sh starts it): each test
# tests/vm/t/NAME.sh in turn, in /work, from an empty SAD and SPD, with
# its own TMPDIR.  Arguments: test names; none means all.
set -u

T=/work/tests/vm/t
LIB=/work/tests/vm/lib.sh
SETKEY=${SETKEY:-/work/setkey}
limit=${VM_TEST_TIMEOUT:-60}
export T LIB SETKEY
pass=0
fail=0
cd /work || exit 1

if [ $# -eq 0 ]; then
	for f in "$T"/*.sh; do
		[ -f "$f" ] && set -- "$@" "$(basename "$f" .sh)"
	done
fi

# the state one test leaves must not reach the next
flush() {
	[ -x "$SETKEY" ] || return 0
	"$SETKEY" -F && "$SETKEY" -FP
}

one() {
	out=/tmp/out.$1
	export TMPDIR="/tmp/t.$1"
	mkdir -p "$TMPDIR"
	if ! flush >"$out" 2>&1; then
		echo "flush before the test failed" >>"$out"
		return 1
	fi
	timeout "$limit" sh "$T/$1.sh" >"$out" 2>&1
	st=$?
	[ "$st" -eq 0 ] && return 0
	if [ "$st" -eq 143 ]; then
		echo "killed after ${limit}s (VM_TEST_TIMEOUT)" >>"$out"
	else
		echo "exit status $st" >>"$out"
	fi
	return 1
}

for name; do
	if one "$name"; then
		echo "ok $name"
		pass=$((pass + 1))
	else
		echo "FAIL $name"
		sed 's/^/    /' "/tmp/out.$name"
		fail=$((fail + 1))
	fi
done

echo "vm: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
