#!/bin/sh
# Golden tests of the encoders through the printer, no kernel needed.
#   nv.sh SETKEY
# Each nv/NNN-topic.conf runs as `SETKEY [ARGS] -n -v -f NNN-topic.conf`
# from nv/, ARGS being the words of NNN-topic.args if there is one;
# stdout must equal NNN-topic.out, stderr must be empty (or equal
# NNN-topic.err, which holds warnings) and the exit status 0.  The
# .out files show keys: they are test keys.  Protocol names come from
# /etc/protocols (netbase's names are expected).
# Golden files change only in a reviewed commit, each line checked
# against ../shared/spec/LANGUAGE.md and RFC 2367.
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 SETKEY" >&2
	exit 2
fi
setkey=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(cd "$(dirname "$0")" && pwd)/nv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

for conf in "$dir"/[0-9]*.conf; do
	name=$(basename "$conf" .conf)
	args=
	[ -f "$dir/$name.args" ] && args=$(cat "$dir/$name.args")
	# shellcheck disable=SC2086
	status=$(cd "$dir" && "$setkey" $args -n -v -f "$name.conf" \
	    >"$tmp/out" 2>"$tmp/err"; echo $?)
	if [ ! -f "$dir/$name.out" ]; then
		echo "FAIL $name: no $name.out"
		fail=$((fail + 1))
	elif [ "$status" = 0 ] && cmp -s "$tmp/out" "$dir/$name.out" &&
	    { [ ! -f "$dir/$name.err" ] && [ ! -s "$tmp/err" ] ||
	    cmp -s "$tmp/err" "$dir/$name.err"; }; then
		pass=$((pass + 1))
	else
		echo "FAIL $name: exit $status"
		head -5 "$tmp/err"
		diff -u "$dir/$name.out" "$tmp/out" | head -30
		fail=$((fail + 1))
	fi
done

echo "nv: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
