# SA lifetimes on the real kernel: at its soft limit an SA turns dying
# (state=dying in -D) and the kernel broadcasts a soft
# SADB_EXPIRE, at its hard limit a hard one and the SA is gone.
# Linux deletes an SA at its hard limit, so a dead SA never reaches a
# dump and -a shows the same as without it.
set -eu
. "$LIB"

"$SETKEY" -F
"$SETKEY" -x >"$TMPDIR/x" 2>&1 &
pid=$!
sleep 1
echo 'add 192.0.2.7 192.0.2.8 esp 0x7100 -E null -ls 1 -lh 4;' |
    "$SETKEY" -c || fail "add with lifetimes"

# dump_until WHAT GREP-ARGS...: poll -D (8 s at most) until it matches;
# the kernel's lifetime timer runs about once a second
dump_until() {
	what=$1
	shift
	i=0
	until "$SETKEY" -D | grep -q "$@"; do
		i=$((i + 1))
		[ "$i" -lt 40 ] || fail "never $what: $("$SETKEY" -D)"
		sleep 0.2
	done
}

dump_until dying ' state=dying $'
"$SETKEY" -D -a | grep -q ' state=dying $' || fail "-a hides a dying SA"
"$SETKEY" -D | grep -q '	hard: 4(s)	soft: 1(s)$' ||
    fail "soft lifetime: $("$SETKEY" -D)"

dump_until gone -x 'No SAD entries.'
kill -TERM "$pid"
status 0 wait "$pid"

# one soft and one hard SADB_EXPIRE, each with the SA's address
n=$(grep -c '^SADB_EXPIRE: version=2 type=8 ' "$TMPDIR/x" || true)
[ "$n" = 2 ] || fail "-x: $n SADB_EXPIRE, want 2: $(cat "$TMPDIR/x")"
grep -q '^	lifetime_soft: ' "$TMPDIR/x" || fail "-x: no soft lifetime"
grep -q '^	address_dst: 192.0.2.8\[any\] ' "$TMPDIR/x" ||
    fail "-x: the expired SA's address not decoded"
