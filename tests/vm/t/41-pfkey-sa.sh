# SA statements round-trip through the kernel: add with every option,
# esp-udp with both ports, getspi + update in one run, getspi with the
# kernel's choice, get, delete, deleteall, flush and dump by protocol.
set -eu
. "$LIB"

K16=0x000102030405060708090a0b0c0d0e0f
K20=0x000102030405060708090a0b0c0d0e0f10111213

# sa SPI FILE: the -D block of the SA with that SPI in FILE
sa() {
	awk -v spi="spi=$1(" '
	    /^[^\t]/ { if (hit) exit; block = $0 "\n"; next }
	    { block = block $0 "\n" }
	    index($0, spi) { hit = 1 }
	    END { if (hit) printf "%s", block }' "$2"
}

# has SPI TEXT: the SA's block in $TMPDIR/D contains TEXT
has() {
	sa "$1" "$TMPDIR/D" | grep -qF -- "$2" ||
	    fail "SA $1: no '$2' in: $(sa "$1" "$TMPDIR/D")"
}

cat >"$TMPDIR/a.conf" <<EOF
add 10.1.0.1 10.1.0.2 esp 0x1001 -m tunnel -u 5 -r 32
	-lh 100 -ls 80 -bh 100000 -bs 80000
	-E aes-cbc $K16 -A hmac-sha1 $K20;
add 10.1.0.1[4501] 10.1.0.2[4502] esp-udp 0x1002 -E aes-cbc $K16;
add 10.1.0.3 10.1.0.4 esp-udp 0x1003 -E aes-cbc $K16;
add 10.1.0.1 10.1.0.2 ah 0x1004 -m transport -A hmac-md5 $K16;
add 10.1.0.1 10.1.0.2 ipcomp 0x1005 -m tunnel -C deflate;
add -6 2001:db8::1 2001:db8::2 esp 0x1006 -E aes-cbc $K16;
getspi 10.1.0.5 10.1.0.6 esp 0x1007;
update 10.1.0.5 10.1.0.6 esp 0x1007 -E aes-cbc $K16;
EOF
status 0 "$SETKEY" -f "$TMPDIR/a.conf" >"$TMPDIR/out" ||
    fail "loading a.conf failed: $(cat "$TMPDIR/out")"
# getspi prints the larval SA it got
grep -q "spi=4103(0x00001007).*" "$TMPDIR/out" ||
    fail "getspi printed no SPI: $(cat "$TMPDIR/out")"
grep -q "state=larval" "$TMPDIR/out" || fail "getspi: not larval"

"$SETKEY" -D >"$TMPDIR/D"
has 4097 "esp mode=tunnel spi=4097(0x00001001) reqid=5(0x00000005)"
has 4097 "replay=32"
has 4097 "	E: aes-cbc  00010203 04050607 08090a0b 0c0d0e0f"
has 4097 "	A: hmac-sha1  00010203"
has 4097 "hard: 100(s)	soft: 80(s)"
has 4097 "hard: 100000(bytes)	soft: 80000(bytes)"
has 4098 "10.1.0.1[4501] 10.1.0.2[4502] "
has 4098 "esp-udp mode=transport"
has 4099 "10.1.0.3[4500] 10.1.0.4[4500] "
has 4099 "esp-udp"
has 4100 "ah mode=transport"
has 4100 "	A: hmac-md5  00010203"
has 4101 "ipcomp mode=tunnel"
has 4101 "C: deflate"
has 4102 "2001:db8::1 2001:db8::2 "
has 4103 "state=mature"
has 4103 "	E: aes-cbc  00010203"

# getspi without an SPI: the kernel picks one in 0x100..0x0fffffff
echo "getspi 10.1.0.7 10.1.0.8 ah 0;" >"$TMPDIR/g.conf"
"$SETKEY" -f "$TMPDIR/g.conf" >"$TMPDIR/out" || fail "getspi 0 failed"
picked=$(sed -n 's/.*spi=\([0-9]*\)(.*/\1/p' "$TMPDIR/out")
[ -n "$picked" ] && [ "$picked" -ge 256 ] ||
    fail "getspi 0: no SPI picked: $(cat "$TMPDIR/out")"

# update without a larval SA is refused
echo "update 10.1.0.9 10.1.0.10 esp 0x2000 -E aes-cbc $K16;" \
    >"$TMPDIR/u.conf"
status 1 "$SETKEY" -f "$TMPDIR/u.conf" 2>"$TMPDIR/err" ||
    fail "update of no SA succeeded"
grep -q "u.conf:1:1: update: " "$TMPDIR/err" ||
    fail "update refusal: $(cat "$TMPDIR/err")"

# get, delete, and get again
echo "get 10.1.0.1 10.1.0.2 ah 0x1004;" >"$TMPDIR/get.conf"
status 0 "$SETKEY" -f "$TMPDIR/get.conf" >"$TMPDIR/out" || fail "get"
grep -q "spi=4100(0x00001004)" "$TMPDIR/out" || fail "get printed nothing"
echo "delete 10.1.0.1 10.1.0.2 ah 0x1004;" >"$TMPDIR/del.conf"
status 0 "$SETKEY" -f "$TMPDIR/del.conf" || fail "delete failed"
status 1 "$SETKEY" -f "$TMPDIR/get.conf" 2>"$TMPDIR/err" ||
    fail "get after delete succeeded"
grep -q "get: .*(no such SA)" "$TMPDIR/err" ||
    fail "get of a deleted SA: $(cat "$TMPDIR/err")"

# deleteall: every esp SA from .1 to .2, nothing else
cat >"$TMPDIR/da.conf" <<EOF
add 10.2.0.1 10.2.0.2 esp 0x3001 -E null;
add 10.2.0.1 10.2.0.2 esp 0x3002 -E null;
add 10.2.0.1 10.2.0.2 esp 0x3003 -E null;
add 10.2.0.2 10.2.0.1 esp 0x3004 -E null;
add 10.2.0.1 10.2.0.3 esp 0x3005 -E null;
add 10.2.0.1 10.2.0.2 ah 0x3006 -A hmac-md5 $K16;
deleteall 10.2.0.1 10.2.0.2 esp;
EOF
status 0 "$SETKEY" -f "$TMPDIR/da.conf" || fail "deleteall failed"
"$SETKEY" -D >"$TMPDIR/D"
for spi in 12289 12290 12291; do
	[ -z "$(sa $spi "$TMPDIR/D")" ] || fail "deleteall left SA $spi"
done
for spi in 12292 12293 12294; do
	[ -n "$(sa $spi "$TMPDIR/D")" ] || fail "deleteall took SA $spi"
done

# dump and flush by protocol
"$SETKEY" -f - <<EOF >"$TMPDIR/dump" || fail "dump ah failed"
dump ah;
EOF
grep -q '^	ah mode' "$TMPDIR/dump" || fail "dump ah: no AH SA"
! grep -q '^	esp' "$TMPDIR/dump" || fail "dump ah: lists ESP"
echo "flush esp;" | "$SETKEY" -c || fail "flush esp failed"
"$SETKEY" -D >"$TMPDIR/D"
! grep -q '^	esp' "$TMPDIR/D" || fail "flush esp left ESP SAs"
grep -q '^	ah mode' "$TMPDIR/D" || fail "flush esp took AH SAs"
echo "flush;" | "$SETKEY" -c || fail "flush failed"
[ "$("$SETKEY" -D)" = "No SAD entries." ] || fail "flush left SAs"
