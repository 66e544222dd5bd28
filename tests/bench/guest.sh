#!/bin/sh
# The guest half of `make bench`, run by tests/bench/run.sh in one boot
# of the test kernel (tests/vm/run), from /work:
#   sh tests/bench/guest.sh SETKEY BINDIR RUNS SIZE...
# For each SIZE N: RUNS loads of N SAs + N policies by setkey -f and by
# the floor (a flush before each), then RUNS dumps (-D, -DP; to
# /dev/null and to a file) by setkey and by the floor.  Each measure is
# one line "R WHAT N SECONDS KIB STATUS" (from rss); "SKIP N WHY" when
# the guest lacks the memory for N.  run.sh takes the medians.
set -u

setkey=$1 bin=$2 runs=$3
shift 3
tmp=/tmp/bench
mkdir -p "$tmp"

# one measure: WHAT N [-o FILE] COMMAND...
measure() {
	m_what=$1 m_n=$2
	shift 2
	m_line=$("$bin/rss" "$@" 2>&1 >/dev/null | sed -n 's/^rss: //p' |
	    tail -n 1)
	echo "R $m_what $m_n ${m_line:-0 0 125}"
}

flush() {
	"$setkey" -F >/dev/null && "$setkey" -FP >/dev/null
}

# kernel ~3 KiB per SA + policy pair, files and setkey's own memory:
# a rough need in KiB, checked against what the guest has
enough_memory() {
	need=$(( $1 * 8 + 64 * 1024 ))
	have=$(sed -n 's/^MemAvailable: *\([0-9]*\).*/\1/p' /proc/meminfo)
	[ "$have" -ge "$need" ] && return 0
	echo "SKIP $1 guest has ${have} KiB available, needs ~${need}" \
	    "KiB: raise VM_MEM"
	return 1
}

prepare() {
	"$bin/gen" "$1" all >"$tmp/load.conf" &&
	    "$bin/encode" <"$tmp/load.conf" >"$tmp/load.bin"
}

# entries in a dump as setkey prints it: one untabbed line each
entries() {
	grep -c -v "$(printf '^\t')" "$1"
}

load() {
	n=$1 i=0
	while [ "$i" -lt "$runs" ]; do
		flush
		measure floor-load "$n" "$bin/floor" "$tmp/load.bin"
		flush
		measure setkey-load "$n" "$setkey" -f "$tmp/load.conf"
		i=$((i + 1))
	done
}

# WHAT N OPTION: setkey -D or -DP, twice, and the floor's dump
dump() {
	what=$1 n=$2 opt=$3 i=0
	while [ "$i" -lt "$runs" ]; do
		measure "floor-$what" "$n" "$bin/floor" -d "$what"
		measure "setkey-$what-null" "$n" -o /dev/null "$setkey" "$opt"
		measure "setkey-$what-file" "$n" -o "$tmp/dump" "$setkey" "$opt"
		i=$((i + 1))
	done
	echo "C $what $n $(entries "$tmp/dump")"
	rm -f "$tmp/dump"
}

for n; do
	flush
	enough_memory "$n" || continue
	if ! prepare "$n"; then
		echo "SKIP $n cannot generate the input"
		continue
	fi
	load "$n"
	rm -f "$tmp/load.bin"
	dump sa "$n" -D
	dump sp "$n" -DP
	rm -f "$tmp/load.conf"
	flush
done
echo "E $(uname -r)"
