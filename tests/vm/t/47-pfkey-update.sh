# update on Linux: a larval SA (from getspi) takes everything given,
# a mature one only its lifetimes, though the kernel says success; the
# second case gets a warning at the statement, and the exit status
# stays 0 (nothing was refused).
set -eu
. "$LIB"

K1=0x000102030405060708090a0b0c0d0e0f
K2=0xf0f1f2f3f4f5f6f7f8f9fafbfcfdfeff
"$SETKEY" -F
f=$TMPDIR/u.conf
cat >"$f" <<EOF
getspi 10.4.0.1 10.4.0.2 esp 0x4001;
update 10.4.0.1 10.4.0.2 esp 0x4001 -E aes-cbc $K1;
add 10.4.0.1 10.4.0.2 esp 0x4002 -E aes-cbc $K1;
EOF
chmod 600 "$f"
status 0 "$SETKEY" -f "$f" >/dev/null 2>"$TMPDIR/err" ||
    fail "getspi + update: $(cat "$TMPDIR/err")"
[ ! -s "$TMPDIR/err" ] || fail "larval update warned: $(cat "$TMPDIR/err")"
"$SETKEY" -D >"$TMPDIR/D"
[ "$(grep -c '	E: aes-cbc  00010203 04050607' "$TMPDIR/D")" = 2 ] ||
    fail "the larval SA did not take its key: $(cat "$TMPDIR/D")"

printf '\n  update 10.4.0.1 10.4.0.2 esp 0x4002 -E aes-cbc %s -lh 90;\n' \
    "$K2" | status 0 "$SETKEY" -c 2>"$TMPDIR/err" ||
    fail "update of a mature SA: $(cat "$TMPDIR/err")"
grep -q '^setkey: (stdin):2:3: warning: update: the SA is not larval' \
    "$TMPDIR/err" || fail "no warning: $(cat "$TMPDIR/err")"
! grep -q f0f1f2f3 "$TMPDIR/err" || fail "the warning shows the key"
"$SETKEY" -D >"$TMPDIR/D"
# what the warning says: the key stayed, the lifetime changed
[ "$(grep -c '	E: aes-cbc  00010203 04050607' "$TMPDIR/D")" = 2 ] ||
    fail "the mature SA's key changed: $(cat "$TMPDIR/D")"
grep -q 'hard: 90(s)' "$TMPDIR/D" || fail "lifetime not updated"
"$SETKEY" -F
