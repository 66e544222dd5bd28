# A kernel without PF_KEY: one clear line, exit 1.  af_key is unloaded
# for the test (the guest cannot load modules on demand: its modprobe
# path is empty) and loaded again after it, whatever happens.
set -eu
. "$LIB"

grep -q '^af_key ' /proc/modules || fail "af_key is not a loaded module"
trap 'modprobe af_key' EXIT
rmmod af_key || fail "cannot unload af_key"
[ ! -e /proc/net/pfkey ] || fail "af_key is still there"

status 1 "$SETKEY" -D >"$TMPDIR/out" 2>"$TMPDIR/err" || fail "-D"
echo "setkey: error: this kernel has no PF_KEY (AF_KEY) support: load af_key" \
    >"$TMPDIR/want"
expect "$TMPDIR/want" <"$TMPDIR/err" || fail "-D: wrong message"
[ ! -s "$TMPDIR/out" ] || fail "-D wrote to stdout: $(cat "$TMPDIR/out")"

echo "flush;" >"$TMPDIR/f.conf"
status 1 "$SETKEY" -f "$TMPDIR/f.conf" 2>"$TMPDIR/err" || fail "-f"
expect "$TMPDIR/want" <"$TMPDIR/err" || fail "-f: wrong message"

# -n needs no kernel at all
status 0 "$SETKEY" -n -f "$TMPDIR/f.conf" || fail "-n needed PF_KEY"
