#!/bin/sh
# Input limits with -n (issue 6): huge lines, keys and files, binary
# junk, and -f arguments that are not regular files.  Each case must
# end with the exit status and first diagnostic given here, within a
# time and peak-RSS bound, and never echo key bytes.
#   limits.sh SETKEY
# With LIMITS_UNBOUNDED=1 in the environment the time and RSS bounds
# are not checked, the rest is: for a SETKEY that runs under valgrind,
# whose own time and memory they would measure (tests/valgrind.sh).
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 SETKEY" >&2
	exit 2
fi
setkey=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
timecmd=/usr/bin/time
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
pass=0
fail=0
unbounded=${LIMITS_UNBOUNDED:-}
[ -n "$unbounded" ] && echo "limits: time and RSS not bounded"

if [ ! -x "$timecmd" ]; then
	echo "FAIL $timecmd is missing (apt-get install time)"
	echo "limits: 0 passed, 1 failed"
	exit 1
fi

# run NAME STATUS PATTERN MAXKB MAXSEC [PRE...] -- ARGS...
# PATTERN is a grep -E for stderr's first line ('' = stderr empty).
run() {
	name=$1 want=$2 pat=$3 maxkb=$4 maxsec=$5
	shift 5
	pre=
	while [ "$1" != -- ]; do
		pre="$pre $1"
		shift
	done
	shift
	timeout 120 "$timecmd" -f '%M %e' -o "$tmp/time" \
	    $pre "$setkey" "$@" >/dev/null 2>"$tmp/err"
	status=$?
	# after "Command exited with non-zero status N", if any
	read -r kb sec <<EOF
$(tail -n 1 "$tmp/time")
EOF
	first=$(head -n 1 "$tmp/err" | cut -c 1-200)
	why=
	[ "$status" = "$want" ] || why="exit $status, want $want"
	if [ -z "$pat" ]; then
		[ -s "$tmp/err" ] && why="$why; stderr not empty"
	elif ! printf '%s\n' "$first" | grep -Eq "$pat"; then
		why="$why; first line: $first"
	fi
	if [ -z "$unbounded" ]; then
		[ "$kb" -le "$maxkb" ] ||
		    why="$why; peak RSS ${kb} kB > $maxkb"
		awk "BEGIN { exit !($sec <= $maxsec) }" ||
		    why="$why; ${sec} s > $maxsec s"
	fi
	if grep -q 'abababab\|kkkkkkkk' "$tmp/err"; then
		why="$why; key bytes in the diagnostics"
	fi
	if [ -z "$why" ]; then
		printf 'ok   %-22s exit %s, %6s kB, %5s s\n' "$name" \
		    "$status" "$kb" "$sec"
		pass=$((pass + 1))
	else
		echo "FAIL $name:${why#;}"
		fail=$((fail + 1))
	fi
}

gen() {
	python3 -c "$2" >"$tmp/$1"
}

# a long line is one token that flex grows its buffer for
gen comment.conf 'print("#" + "x" * (4 << 20)); print("flush;")'
run long-comment 0 '' 65536 5 -- -n -f "$tmp/comment.conf"
gen blanks.conf 'print("flush;" + " " * (4 << 20) + "spdflush;")'
run long-blanks 0 '' 65536 5 -- -n -f "$tmp/blanks.conf"
gen spi.conf 'print("add 10.0.0.1 10.0.0.2 esp 0x" + "f" * (1 << 20) +
    " -E null;")'
run long-spi 1 'spi.conf:1:27: error: SPI 0xf+' 65536 5 \
    -- -n -f "$tmp/spi.conf"

# 10 MB keys: refused for their length, never echoed
gen hexkey.conf 'print("add 10.0.0.1 10.0.0.2 ah 0x1000 -A hmac-sha1 0x" +
    "ab" * (10 << 20) + ";")'
run key-10MB-hex 1 'hexkey.conf:1:46: error: hmac-sha1 takes 160 bits; got' \
    262144 10 -- -n -f "$tmp/hexkey.conf"
gen textkey.conf 'print("add 10.0.0.1 10.0.0.2 esp 0x1000 -E blowfish-cbc \"" +
    "k" * (10 << 20) + "\";")'
run key-10MB-text 1 'textkey.conf:1:50: error: blowfish-cbc takes 40 to' \
    262144 10 -- -n -f "$tmp/textkey.conf"

# 100,000 statements are all kept until the file has parsed
gen many.conf 'import sys
for i in range(100000):
    sys.stdout.write("add 10.0.%d.%d 10.1.0.1 esp %d -m tunnel -E aes-cbc "
        "0x%032x -A hmac-sha1 0x%040x;\n" % (i >> 8 & 255, i & 255, i + 256,
        i, i))'
run 100k-statements 0 '' 262144 30 -- -n -f "$tmp/many.conf"

# a bundle as long as sadb_msg_len allows, then one that is too long
gen bundle.conf 'print("spdadd 10.0.0.0/24 10.0.1.0/24 any -P out ipsec " +
    " ".join(["esp/tunnel/192.0.2.1-192.0.2.2/require"] * 10000) + ";")'
run bundle-10k 0 '' 65536 5 -- -n -f "$tmp/bundle.conf"
gen bundle2.conf 'print("spdadd 10.0.0.0/24 10.0.1.0/24 any -P out ipsec " +
    " ".join(["esp/tunnel/192.0.2.1-192.0.2.2/require"] * 20000) + ";")'
run bundle-20k 1 'bundle2.conf:1:1: error: spdadd: cannot encode' 65536 5 \
    -- -n -f "$tmp/bundle2.conf"

# bytes that are not text
gen nul.conf 'import sys
sys.stdout.write("add 10.0.0.1 10.0.0.2 esp 0x1000 -E blowfish-cbc "
    "\"0123456789\0abcdef\";\n")'
run nul-in-key 1 'nul.conf:1:61: error: stray byte 0x00' 65536 5 \
    -- -n -f "$tmp/nul.conf"
gen utf8.conf 'import sys; sys.stdout.buffer.write(b"flush \xc3\x28;\n")'
run invalid-utf8 1 'utf8.conf:1:7: error: stray byte 0xc3' 65536 5 \
    -- -n -f "$tmp/utf8.conf"
gen junk.conf 'import random, sys
r = random.Random(6)
sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(1 << 20)))'
run binary-1MB 1 'junk.conf:[0-9]+:[0-9]+: error: ' 65536 10 \
    -- -n -f "$tmp/junk.conf"
: >"$tmp/empty.conf"
run empty-file 0 '' 65536 5 -- -n -f "$tmp/empty.conf"

# -f arguments that are not regular files.  A fifo is read like any
# stream (it blocks until a writer comes, as cat would); a directory
# is an error.
run directory 1 "error: $tmp: Is a directory" 65536 5 -- -n -f "$tmp"
run missing 1 "error: $tmp/none.conf: No such file or directory" 65536 5 \
    -- -n -f "$tmp/none.conf"
mkfifo "$tmp/fifo"
(printf 'flush;\nspdflush;\n' >"$tmp/fifo") &
run fifo 0 '' 65536 10 -- -n -f "$tmp/fifo"
wait
printf 'flush;\n' >"$tmp/locked.conf"
chmod 000 "$tmp/locked.conf"
# root reads any file: drop to nobody for this one
if [ "$(id -u)" = 0 ]; then
	run unreadable 1 'locked.conf: Permission denied' 65536 5 \
	    setpriv --reuid=65534 --regid=65534 --clear-groups \
	    -- -n -f "$tmp/locked.conf"
else
	run unreadable 1 'locked.conf: Permission denied' 65536 5 \
	    -- -n -f "$tmp/locked.conf"
fi

# standard output that cannot be written: named, and exit status 1
printf 'flush;\n' >"$tmp/one.conf"
"$setkey" -n -v -f "$tmp/one.conf" >/dev/full 2>"$tmp/err"
status=$?
if [ "$status" = 1 ] &&
    grep -q '^setkey: error: standard output: No space left' "$tmp/err"; then
	echo "ok   stdout-full            exit 1"
	pass=$((pass + 1))
else
	echo "FAIL stdout-full: exit $status, stderr: $(cat "$tmp/err")"
	fail=$((fail + 1))
fi

# the closing line: -f says nothing was applied, -n has nothing to apply
printf 'flush;\nbogus;\n' >"$tmp/bad.conf"
"$setkey" -f "$tmp/bad.conf" 2>"$tmp/err-f"
status=$?
"$setkey" -n -f "$tmp/bad.conf" 2>"$tmp/err-n"
last="setkey: error: $tmp/bad.conf: 1 error"
if [ "$status" = 1 ] &&
    [ "$(tail -n 1 "$tmp/err-f")" = "$last; nothing was applied" ] &&
    [ "$(tail -n 1 "$tmp/err-n")" = "$last" ]; then
	echo "ok   closing-line           exit 1"
	pass=$((pass + 1))
else
	echo "FAIL closing-line: exit $status:" \
	    "$(tail -n 1 "$tmp/err-f") / $(tail -n 1 "$tmp/err-n")"
	fail=$((fail + 1))
fi

echo "limits: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
