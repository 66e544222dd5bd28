#!/bin/sh
# Runs the test-kernel tests, all in one boot.
#   tests/vm/run-tests.sh [SETKEY [NAME...]]
# SETKEY (default ./setkey) is copied into the guest; NAME picks tests
# from tests/vm/t/ (default: all of them).  Prints "ok NAME" or
# "FAIL NAME" and its output per test, then "vm: N passed, M failed";
# exits 0 only if all passed.  See tests/vm/README.md.
set -eu

me=tests/vm/run-tests.sh
setkey=${1:-./setkey}
[ $# -gt 0 ] && shift
case $setkey in
/*) ;;
*) setkey=$(pwd)/$setkey ;;
esac
cd "$(dirname "$0")/../.."

names=
for n in "$@"; do
	n=$(basename "$n" .sh)
	case $n in
	*[!A-Za-z0-9._-]*) echo "$me: bad test name: $n" >&2; exit 2 ;;
	esac
	[ -f "tests/vm/t/$n.sh" ] || { echo "$me: no test $n" >&2; exit 2; }
	names="$names $n"
done

# the guest's command, after it the files: the tests/ tree, not the
# cache, and setkey
guest_setkey=/work/$(basename "$setkey")
# shellcheck disable=SC2086
set -- -- env SETKEY="$guest_setkey" \
    VM_TEST_TIMEOUT="${VM_TEST_TIMEOUT:-60}" sh tests/vm/suite.sh $names
for f in tests/* tests/vm/*; do
	case $f in
	tests/vm|tests/vm/cache) ;;
	*) set -- -f "$f" "$@" ;;
	esac
done
if [ -f "$setkey" ]; then
	set -- -f "$setkey" "$@"
else
	echo "$me: warning: no $setkey; tests that need it fail" >&2
fi
exec tests/vm/run "$@"
