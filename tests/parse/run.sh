#!/bin/sh
# Golden tests of the configuration language, no kernel needed.
#   run.sh SETKEY
# Each NNN-topic.conf here and each cases/*.conf runs as
# `SETKEY -n -f NAME.conf` from its own directory; stderr must equal
# NAME.err and the exit status NAME.status.  Each line of bad.txt,
# "INPUT ||| LINE:COL: MESSAGE", is one malformed input (printf %b
# escapes allowed): it must exit 1 with that located error first, and
# the source line and caret under it.  Golden files change only in a
# reviewed commit: to see what changed, run this and read the diffs.
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 SETKEY" >&2
	exit 2
fi
setkey=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

golden() {
	dir=$(dirname "$1")
	name=$(basename "$1" .conf)
	status=$(cd "$dir" && "$setkey" -n -f "$name.conf" \
	    >/dev/null 2>"$tmp/err"; echo $?)
	if [ ! -f "$dir/$name.err" ] || [ ! -f "$dir/$name.status" ]; then
		echo "FAIL $name: no $name.err or $name.status"
		fail=$((fail + 1))
	elif cmp -s "$tmp/err" "$dir/$name.err" &&
	    [ "$status" = "$(cat "$dir/$name.status")" ]; then
		pass=$((pass + 1))
	else
		echo "FAIL $name: exit $status, want" \
		    "$(cat "$dir/$name.status")"
		diff -u "$dir/$name.err" "$tmp/err" | head -20
		fail=$((fail + 1))
	fi
}

bad() {
	input=${1%% ||| *}
	want="setkey: bad.conf:${1##* ||| }"
	printf '%b\n' "$input" >"$tmp/bad.conf"
	status=$(cd "$tmp" && "$setkey" -n -f bad.conf \
	    >/dev/null 2>"$tmp/err"; echo $?)
	got=$(sed -n 1p "$tmp/err")
	caret=$(sed -n 3p "$tmp/err")
	case $want in
	*": warning: "*|*": error: "*) ;;
	*) want=$(echo "$want" | sed 's/^\(setkey: [^ ]* \)/\1error: /') ;;
	esac
	if [ "$status" = 1 ] && [ "$got" = "$want" ] &&
	    [ "${caret%^}" != "$caret" ]; then
		pass=$((pass + 1))
	else
		echo "FAIL bad: $input"
		echo "  want: $want (exit 1)"
		echo "  got:  $got (exit $status)"
		fail=$((fail + 1))
	fi
}

for f in "$here"/[0-9]*.conf "$here"/cases/*.conf; do
	[ -f "$f" ] && golden "$f"
done
while IFS= read -r line; do
	case $line in
	'#'*|'') continue ;;
	esac
	bad "$line"
done <"$here/bad.txt"

echo "parse: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
