# The printer against the real kernel: -D, -DP, -p and -a on a small
# state (20-printer.conf), -D -l for a few rounds, -x watching another
# setkey's traffic, and -v on a load.  Long-running modes are stopped
# with SIGTERM by pid and must exit 0.
set -eu
. "$LIB"
conf=$T/20-printer.conf

# -v on a load: every message twice, as sent and as the kernel's reply
"$SETKEY" -v -f "$conf" >"$TMPDIR/v"
n=$(grep -c '^SADB_ADD: version=2 type=3 errno=0 ' "$TMPDIR/v")
[ "$n" = 8 ] || fail "-v: $n SADB_ADD lines, want 4 sent + 4 replies"
n=$(grep -c '^SADB_X_SPDADD: version=2 type=14 errno=0 ' "$TMPDIR/v")
[ "$n" = 8 ] || fail "-v: $n SADB_X_SPDADD lines, want 4 sent + 4 replies"
grep -q "^	key_auth: bits=160 A: hmac-sha1  7477656e " "$TMPDIR/v" ||
    fail "-v: no decoded key_auth"
grep -q "^		esp/tunnel/192.0.2.2-192.0.2.1/unique:7$" "$TMPDIR/v" ||
    fail "-v: no decoded policy request"

# a policy's refcnt is 2 while its first timer is pending (about a
# second after the add), 1 after: not the printer's to pin down
"$SETKEY" -D | scrub | expect "$T/20-printer.D"
"$SETKEY" -DP | scrub | sed 's/^	refcnt=[12]$/	refcnt=N/' |
    expect "$T/20-printer.DP"
"$SETKEY" -D -p | scrub | expect "$T/20-printer.Dp"
# no SA is dead here, so -a adds nothing
"$SETKEY" -D -a | scrub | expect "$T/20-printer.D"

# -D -l: the header once, then each SA once a second
"$SETKEY" -D -l >"$TMPDIR/l" 2>&1 &
pid=$!
sleep 3
kill -TERM "$pid"
status 0 wait "$pid"
head -1 "$TMPDIR/l" | grep -qx 'time p   s spi      ltime   src -> dst' ||
    fail "-l: bad header: $(head -1 "$TMPDIR/l")"
n4='192\.0\.2'
age='+[0-9]{1,3}'
for re in \
    "esp M 00001001 $age/0   $n4\.1 -> $n4\.2" \
    "esp M 00001002 $age/0   $n4\.1\[4500\] -> $n4\.3\[4501\]" \
    "ipcomp M 00003001 $age/0   $n4\.2 -> $n4\.1" \
    "ah  M 00002001 $age/600 2001:db8::2 -> 2001:db8::1"; do
	n=$(grep -cE "^[0-5][0-9][0-5][0-9] $re\$" "$TMPDIR/l" || true)
	[ "$n" -ge 2 ] || fail "-l: '$re' in $n rounds, want 2 or more"
done
n=$(grep -cvE '^(time p|[0-9]{4} )' "$TMPDIR/l" || true)
[ "$n" = 0 ] || fail "-l: $n unexpected lines: $(cat "$TMPDIR/l")"

# -x: another process's add, spdadd and flush, each with a timestamp
"$SETKEY" -F
"$SETKEY" -FP
"$SETKEY" -x >"$TMPDIR/x" 2>&1 &
pid=$!
sleep 1
printf '%s\n' \
    'add 192.0.2.7 192.0.2.8 esp 0x7001 -E null;' \
    'spdadd 10.7.0.0/24 10.8.0.0/24 any -P out none;' \
    'flush;' | "$SETKEY" -c
sleep 1
kill -TERM "$pid"
status 0 wait "$pid"
for m in 'SADB_ADD: version=2 type=3 ' 'SADB_X_SPDADD: version=2 type=14 ' \
    'SADB_FLUSH: version=2 type=9 '; do
	grep -q "^$m" "$TMPDIR/x" || fail "-x: no $m line: $(cat "$TMPDIR/x")"
done
grep -q '^	address_dst: 192.0.2.8\[any\] ' "$TMPDIR/x" ||
    fail "-x: the SA's address not decoded"
n=$(grep -c '^SADB_' "$TMPDIR/x")
t=$(grep -cE '^[0-2][0-9]:[0-5][0-9]:[0-6][0-9]\.[0-9]{6}$' "$TMPDIR/x")
[ "$n" -ge 3 ] && [ "$n" = "$t" ] ||
    fail "-x: $n messages but $t timestamp lines"
# the monitor is gone: nothing else holds promiscuous mode
"$SETKEY" -D | grep -qx 'No SAD entries.' || fail "flush did not happen"

# -v on an empty table: the request and the kernel's closing reply
# (ENOENT), then the usual line
"$SETKEY" -v -D >"$TMPDIR/vD"
grep -q '^SADB_DUMP: version=2 type=10 errno=0 ' "$TMPDIR/vD" ||
    fail "-v -D: no request: $(cat "$TMPDIR/vD")"
grep -q '^SADB_DUMP: version=2 type=10 errno=2(' "$TMPDIR/vD" ||
    fail "-v -D: no closing reply: $(cat "$TMPDIR/vD")"
tail -n 1 "$TMPDIR/vD" | grep -qx 'No SAD entries.' ||
    fail "-v -D: $(tail -n 1 "$TMPDIR/vD")"
