#!/bin/sh
# Host tests of the printer on real kernel replies, no kernel needed.
#   raw.sh SETKEY
# raw/sa.bin and raw/sp.bin are an SA dump and an SPD dump captured
# from the test kernel (how: raw/README).  Broken copies are made
# here, below.  Each raw/NAME.cmd holds setkey's arguments, run in a
# directory with all the .bin files and state.conf, TZ=UTC; stdout, with the
# "current:" date and "diff:" masked (they depend on now), must equal
# NAME.out, stderr NAME.err (or nothing) and the exit status
# NAME.status (or 0).
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 SETKEY" >&2
	exit 2
fi
setkey=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(cd "$(dirname "$0")" && pwd)/raw
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# patch FILE OFFSET OCTAL...: overwrite bytes in place
patch() {
	file=$1
	off=$2
	shift 2
	for byte; do
		printf "\\$byte" | dd of="$file" bs=1 seek="$off" \
		    conv=notrunc 2>/dev/null
		off=$((off + 1))
	done
}

# the broken copies; offsets from the layout in raw/README
broken() {
	cp "$dir/sa.bin" "$dir/sp.bin" "$tmp/"
	# the last SA cut 12 bytes short, inside its x_sa2
	head -c 1620 "$tmp/sa.bin" >"$tmp/sa-cut.bin"
	# the second SA's key_auth claims 255 words
	cp "$tmp/sa.bin" "$tmp/sa-badext.bin"
	patch "$tmp/sa-badext.bin" 440 377 000
	# the fourth SA's header claims 0 words: the rest is unusable
	cp "$tmp/sa.bin" "$tmp/sa-badlen.bin"
	patch "$tmp/sa-badlen.bin" 892 000 000
	# the first policy: lifetime_hard becomes type 40, unknown to us
	cp "$tmp/sp.bin" "$tmp/sp-unknown.bin"
	patch "$tmp/sp-unknown.bin" 66 050 000
	# the first policy: lifetime_soft becomes a second lifetime_hard
	cp "$tmp/sp.bin" "$tmp/sp-dup.bin"
	patch "$tmp/sp-dup.bin" 98 003 000
	# a configuration file given without -f
	cp "$dir/state.conf" "$tmp/"
}

date='[A-Z][a-z][a-z] [ 0-9][0-9] [0-9:]\{8\} [0-9]\{4\}'
mask() {
	sed -e "s/\\(current: \\)$date\$/\\1DATE/" \
	    -e 's/^\(.diff: \)[0-9-]*(s)/\1N(s)/'
}

broken
for cmd in "$dir"/*.cmd; do
	name=$(basename "$cmd" .cmd)
	want=0
	[ -f "$dir/$name.status" ] && want=$(cat "$dir/$name.status")
	: >"$tmp/want.err"
	[ -f "$dir/$name.err" ] && cp "$dir/$name.err" "$tmp/want.err"
	# shellcheck disable=SC2046
	status=$(cd "$tmp" && TZ=UTC "$setkey" $(cat "$cmd") \
	    >"$tmp/raw.out" 2>"$tmp/err"; echo $?)
	mask <"$tmp/raw.out" >"$tmp/out"
	if [ ! -f "$dir/$name.out" ]; then
		echo "FAIL $name: no $name.out"
		fail=$((fail + 1))
	elif [ "$status" = "$want" ] && cmp -s "$tmp/err" "$tmp/want.err" &&
	    cmp -s "$tmp/out" "$dir/$name.out"; then
		pass=$((pass + 1))
	else
		echo "FAIL $name: exit $status, want $want"
		diff -u "$tmp/want.err" "$tmp/err" | head -10
		diff -u "$dir/$name.out" "$tmp/out" | head -30
		fail=$((fail + 1))
	fi
done

echo "raw: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
