# Linux finds an SA by SPI, destination and protocol, not by source: a
# delete whose source is wrong is refused before it could remove
# another SA, and a get that finds an SA with another source says so.
set -eu
. "$LIB"

K16=0x000102030405060708090a0b0c0d0e0f
"$SETKEY" -F
echo "add 10.5.0.1 10.5.0.2 esp 0x5001 -E aes-cbc $K16;" | "$SETKEY" -c ||
    fail "add"

echo 'get 10.5.0.9 10.5.0.2 esp 0x5001;' |
    status 0 "$SETKEY" -c >"$TMPDIR/out" 2>"$TMPDIR/err" ||
    fail "get: $(cat "$TMPDIR/err")"
grep -q '^10.5.0.1 10.5.0.2 $' "$TMPDIR/out" ||
    fail "get: $(cat "$TMPDIR/out")"
want='warning: get: the SA shown has another source'
grep -q "^setkey: (stdin):1:1: $want" "$TMPDIR/err" ||
    fail "get: no warning: $(cat "$TMPDIR/err")"

echo 'delete 10.5.0.9 10.5.0.2 esp 0x5001;' |
    status 1 "$SETKEY" -c 2>"$TMPDIR/err" || fail "a delete with a typo ran"
want='error: delete: the SA with this SPI and destination has another'
grep -q "^setkey: (stdin):1:1: $want source" "$TMPDIR/err" ||
    fail "delete: $(cat "$TMPDIR/err")"
"$SETKEY" -D | grep -q 'spi=20481(0x00005001)' ||
    fail "the SA went anyway"

echo 'delete 10.5.0.1 10.5.0.2 esp 0x5001;' |
    status 0 "$SETKEY" -c 2>"$TMPDIR/err" ||
    fail "delete: $(cat "$TMPDIR/err")"
[ ! -s "$TMPDIR/err" ] || fail "delete: $(cat "$TMPDIR/err")"
[ "$("$SETKEY" -D)" = "No SAD entries." ] || fail "the SA is still there"
