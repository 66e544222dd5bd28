#!/bin/sh
# `make bench`: setkey against the floor, in one boot of the test kernel,
# and setkey -n on the host.  Prints one table and writes it, with the
# machine and the method, to tests/bench/RESULTS.md.
#   tests/bench/run.sh SETKEY BINDIR
# BINDIR holds gen, encode, floor and rss (built by make bench).
# Knobs (environment): BENCH_SIZES ("1000:5 10000:5 100000:3", N:runs),
# BENCH_CHECK (pairs for -n on the host, 500000 = 1,000,000
# statements), BENCH_VM (tests/vm/run), VM_MEM (guest memory, for
# harnesses that take it), BENCH_OUT (tests/bench/RESULTS.md).
set -eu

me=tests/bench/run.sh
[ $# -eq 2 ] || { echo "usage: $me SETKEY BINDIR" >&2; exit 2; }
setkey=$1 bin=$2
cd "$(dirname "$0")/../.."
sizes=${BENCH_SIZES:-1000:5 10000:5 100000:3}
check=${BENCH_CHECK:-500000}
vm=${BENCH_VM:-tests/vm/run}
out=${BENCH_OUT:-tests/bench/RESULTS.md}
export VM_MEM="${VM_MEM:-1536M}" VM_TIMEOUT="${VM_TIMEOUT:-1200}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
raw=$tmp/raw

say() {
	echo "$me: $*" >&2
}

# host: setkey -n -f on 2 x BENCH_CHECK statements, three runs
host_check() {
	"$bin/gen" "$check" all >"$tmp/check.conf"
	for i in 1 2 3; do
		line=$("$bin/rss" -o /dev/null "$setkey" -n -f \
		    "$tmp/check.conf" 2>&1 | sed -n 's/^rss: //p')
		echo "R host-check $((check * 2)) ${line:-0 0 125}"
	done >>"$raw"
	rm -f "$tmp/check.conf"
}

# guest: one boot for every size; its runs alternate setkey and floor
guest() {
	# each size gets its own run count: the guest script takes one
	for spec in $sizes; do
		echo "${spec#*:}"
	done | sort -u -r -n | while read -r runs; do
		list=
		for spec in $sizes; do
			[ "${spec#*:}" = "$runs" ] && list="$list ${spec%%:*}"
		done
		echo "$runs$list"
	done >"$tmp/groups"
	script=
	while read -r runs list; do
		script="$script sh tests/bench/guest.sh ./$(basename "$setkey")"
		script="$script $bin $runs $list;"
	done <"$tmp/groups"
	"$vm" -f "$setkey" -f "$bin/gen" -f "$bin/encode" -f "$bin/floor" \
	    -f "$bin/rss" -f tests/bench/guest.sh -- sh -c "$script" |
	    tr -d '\r' >>"$raw"
}

say "setkey -n on $((check * 2)) statements (host)"
: >"$raw"
host_check
say "booting the test kernel for sizes: $sizes (several minutes)"
guest || say "the guest failed; the table shows what it reported"
sh tests/bench/report.sh "$raw" "$setkey" >"$tmp/report"
cat "$tmp/report"
cp "$tmp/report" "$out"
[ -z "${BENCH_RAW:-}" ] || cp "$raw" "$BENCH_RAW"
say "written to $out"
