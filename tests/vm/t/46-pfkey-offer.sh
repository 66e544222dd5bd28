# An algorithm the kernel cannot use: the refusal names it and lists
# what SADB_REGISTER says the kernel offers.  serpent_generic is
# unloaded (the guest's kernel cannot load modules on demand), once
# before any SA used it (ENOSYS) or after (ENOENT): both get the list.
set -eu
. "$LIB"

K16=0x000102030405060708090a0b0c0d0e0f
K20=${K16}10111213
"$SETKEY" -F
rmmod serpent_generic || fail "cannot unload serpent_generic"
trap 'modprobe serpent_generic' EXIT

echo "add 10.6.0.1 10.6.0.2 esp 0x600 -E serpent-cbc $K16 -A hmac-sha1 $K20;
add 10.6.0.1 10.6.0.2 esp 0x601 -E aes-cbc $K16 -A hmac-sha1 $K20;" |
    status 1 "$SETKEY" -c 2>"$TMPDIR/err" || fail "serpent-cbc was taken"
want='offers no serpent-cbc for esp; it offers .*aes-cbc'
grep -q "^setkey: (stdin):1:1: add: .* (this kernel $want" "$TMPDIR/err" ||
    fail "no list: $(cat "$TMPDIR/err")"
! grep -q 'it offers .*serpent' "$TMPDIR/err" ||
    fail "serpent listed: $(cat "$TMPDIR/err")"
[ "$(wc -l <"$TMPDIR/err")" = 1 ] || fail "stderr: $(cat "$TMPDIR/err")"
"$SETKEY" -D | grep -q 'spi=1537(0x00000601)' ||
    fail "the next statement did not go in"

# a refusal that is not about an algorithm gets no list
echo "add 10.6.0.1 10.6.0.2 esp 0x601 -E aes-cbc $K16 -A hmac-sha1 $K20;" |
    status 1 "$SETKEY" -c 2>"$TMPDIR/err" || fail "a duplicate was taken"
! grep -q offers "$TMPDIR/err" || fail "EEXIST: $(cat "$TMPDIR/err")"
"$SETKEY" -F
