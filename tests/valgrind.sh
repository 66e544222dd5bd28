#!/bin/sh
# The host tests under valgrind's memcheck (issue 6).
#   valgrind.sh SETKEY UNIT
# UNIT runs under memcheck, and so does SETKEY in every host suite:
# each suite gets a wrapper in its place.  Any error or leak, of any
# kind, makes an invocation exit 99 (setkey itself exits 0 or 1), so
# the suite fails it.  The report goes to a log of its own, so the
# suites' exact stderr checks see only setkey's; every report is
# printed at the end and fails the run too.  limits.sh runs without
# its time and RSS bounds, which would measure valgrind.
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 SETKEY UNIT" >&2
	exit 2
fi
if ! command -v valgrind >/dev/null 2>&1; then
	echo "FAIL valgrind is missing (apt-get install valgrind)"
	echo "valgrind: 0 passed, 1 failed"
	exit 1
fi
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# limits.sh runs one case as nobody, who must reach the wrapper and
# write a log
chmod 755 "$tmp"
mkdir "$tmp/log"
chmod 1777 "$tmp/log"

VG_SETKEY=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
VG_LOG=$tmp/log
VG_OPTS="-q --error-exitcode=99 --leak-check=full --show-leak-kinds=all
    --errors-for-leak-kinds=all"
export VG_SETKEY VG_LOG VG_OPTS
cat >"$tmp/setkey" <<'EOF'
#!/bin/sh
# shellcheck disable=SC2086
exec valgrind $VG_OPTS --log-file="$VG_LOG/setkey.%p" "$VG_SETKEY" "$@"
EOF
chmod 755 "$tmp/setkey"

suites=0
# shellcheck disable=SC2086
valgrind $VG_OPTS --log-file="$VG_LOG/unit" "$2" || suites=$((suites + 1))
for t in parse/run.sh parse/nv.sh parse/raw.sh limits.sh; do
	LIMITS_UNBOUNDED=1 "$here/$t" "$tmp/setkey" ||
	    suites=$((suites + 1))
done

runs=0
bad=0
for log in "$VG_LOG"/*; do
	runs=$((runs + 1))
	[ -s "$log" ] || continue
	echo "FAIL $(basename "$log"):"
	cat "$log"
	bad=$((bad + 1))
done
# one run: the unit binary or one setkey run of the suites above
echo "valgrind-runs: $((runs - bad)) passed, $bad failed"
# only the unit's log would mean the wrapper never ran
[ "$bad" -eq 0 ] && [ "$suites" -eq 0 ] && [ "$runs" -gt 1 ]
