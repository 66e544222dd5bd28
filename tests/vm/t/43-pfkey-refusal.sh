# A kernel refusal names its statement (FILE:LINE:COL, verb, errno
# text, a hint where the cause is known), the rest of the file is
# still applied, and the exit status is 1.
set -eu
. "$LIB"

K16=0x000102030405060708090a0b0c0d0e0f
K20=${K16}10111213
f=$TMPDIR/r.conf
cat >"$f" <<EOF
add 10.8.0.1 10.8.0.2 esp 0x100 -E aes-cbc $K16;
spdadd 10.8.0.1 10.8.0.2 any -P out ipsec esp/transport//require;
  add 10.8.0.1 10.8.0.2 esp 0x100 -E aes-cbc $K16;
add 10.8.0.1 10.8.0.2 esp 0x101 -E aes-cbc $K16;
spdadd 10.8.0.1 10.8.0.2 any -P out ipsec esp/transport//require;
add 10.8.0.1 10.8.0.2 esp 0x102 -E aes-gcm-16 $K20;
spdadd 10.8.1.0/24 10.8.2.0/24 any -P out ipsec
	esp/tunnel/10.8.0.1-10.8.0.2/use;
spdadd 10.8.3.0/24 10.8.4.0/24 any -P out ipsec
	esp/tunnel/10.8.0.1-10.8.0.2/require;
EOF
chmod 600 "$f"

status 1 "$SETKEY" -f "$f" >"$TMPDIR/out" 2>"$TMPDIR/err" ||
    fail "a file with refusals: $(cat "$TMPDIR/err")"
cat >"$TMPDIR/want" <<EOF
setkey: $f:3:3: add: File exists (an SA with this SPI and destination exists)
setkey: $f:5:1: spdadd: File exists (a policy with this selector and direction exists)
setkey: $f:6:1: add: Function not implemented (PF_KEY on Linux cannot install AEAD SAs; use XFRM netlink)
setkey: $f:7:1: spdadd: Invalid argument (Linux refuses optional (use) tunnel templates in outbound policies)
EOF
expect "$TMPDIR/want" <"$TMPDIR/err" || fail "refusals reported wrong"
[ ! -s "$TMPDIR/out" ] || fail "stdout: $(cat "$TMPDIR/out")"

# everything else went in
"$SETKEY" -D >"$TMPDIR/D"
[ "$(grep -c '^	esp mode=' "$TMPDIR/D")" -eq 2 ] ||
    fail "SAs: $(cat "$TMPDIR/D")"
grep -q "spi=256(0x00000100)" "$TMPDIR/D" || fail "SA 0x100 missing"
grep -q "spi=257(0x00000101)" "$TMPDIR/D" || fail "SA 0x101 missing"
"$SETKEY" -DP >"$TMPDIR/DP"
[ "$(grep -c '^	out ' "$TMPDIR/DP")" -eq 2 ] || fail "SPs: $(cat "$TMPDIR/DP")"
grep -q "^10.8.3.0/24" "$TMPDIR/DP" || fail "the last policy is missing"

# -c goes on after a refusal too, and says so in its exit status
printf 'add 10.8.0.1 10.8.0.2 esp 0x100 -E aes-cbc %s;\nflush;\n' "$K16" |
    status 1 "$SETKEY" -c 2>"$TMPDIR/err" || fail "-c refusal"
grep -q "^setkey: (stdin):1:1: add: File exists" "$TMPDIR/err" ||
    fail "-c: $(cat "$TMPDIR/err")"
[ "$("$SETKEY" -D)" = "No SAD entries." ] || fail "-c: flush did not run"

# a key file others may read: a warning, and it is applied all the same
w=$TMPDIR/open.conf
echo "add 10.8.0.1 10.8.0.2 esp 0x200 -E aes-cbc $K16;" >"$w"
chmod 644 "$w"
status 0 "$SETKEY" -f "$w" 2>"$TMPDIR/err" || fail "0644: $(cat "$TMPDIR/err")"
grep -q "^setkey: warning: $w holds keys, but its mode 0644" "$TMPDIR/err" ||
    fail "no mode warning: $(cat "$TMPDIR/err")"
! grep -q "$K16" "$TMPDIR/err" || fail "the warning shows the key"
"$SETKEY" -D | grep -q "spi=512(0x00000200)" || fail "0644: SA missing"
"$SETKEY" -F

# in RFC mode an in policy brings a fwd copy: a later explicit fwd
# policy clashes with it, and the hint says why; -k has no clash
g=$TMPDIR/fwd.conf
printf '%s\n' 'spdadd 10.8.5.0/24 10.8.6.0/24 any -P in none;' \
    'spdadd 10.8.5.0/24 10.8.6.0/24 any -P fwd none;' >"$g"
"$SETKEY" -FP
status 1 "$SETKEY" -f "$g" 2>"$TMPDIR/err" || fail "fwd clash not reported"
hint='in RFC mode each in policy adds a fwd copy, and -k sends policies'
grep -q "^setkey: $g:2:1: spdadd: File exists (.*; $hint as written)" \
    "$TMPDIR/err" || fail "fwd clash: $(cat "$TMPDIR/err")"
"$SETKEY" -FP
status 0 "$SETKEY" -k -f "$g" 2>"$TMPDIR/err" ||
    fail "-k: $(cat "$TMPDIR/err")"
"$SETKEY" -FP
