# Policy statements round-trip: every priority form, tunnel and
# transport requests, spdupdate, spddelete, icmp and gre selectors, RFC
# mode (in also sent as fwd, unique -> require) and kernel mode (-k).
set -eu
. "$LIB"

# pol SRC DIR FILE: the -DP block whose selector line starts with SRC
# and whose policy line has direction DIR
pol() {
	awk -v src="$1" -v dir="	$2 " '
	    /^[^\t]/ {
		if (hit)
			exit
		block = $0 "\n"
		sel = index($0, src) == 1
		next
	    }
	    { block = block $0 "\n" }
	    sel && index($0, dir) == 1 { hit = 1 }
	    END { if (hit) printf "%s", block }' "$3"
}

# has SRC DIR TEXT: that policy's block in $TMPDIR/DP contains TEXT
has() {
	pol "$1" "$2" "$TMPDIR/DP" | grep -qF -- "$3" ||
	    fail "policy $1 $2: no '$3' in: $(pol "$1" "$2" "$TMPDIR/DP")"
}

count() {
	grep -c "^	$1 " "$TMPDIR/DP" || true
}

cat >"$TMPDIR/p.conf" <<EOF
spdadd 10.3.0.1 10.4.0.1 any -P out ipsec esp/transport//require;
spdadd 10.3.0.2 10.4.0.1 any -P out prio high ipsec esp/transport//use;
spdadd 10.3.0.3 10.4.0.1 any -P out prio low discard;
spdadd 10.3.0.4 10.4.0.1 any -P out prio def none;
spdadd 10.3.0.5 10.4.0.1 any -P out prio 10 none;
spdadd 10.3.0.6 10.4.0.1 any -P out prio -10 none;
spdadd 10.3.0.7 10.4.0.1 any -P out prio high + 5 none;
spdadd 10.3.0.8 10.4.0.1 any -P out priority low - 5 none;
spdadd 10.3.0.9 10.4.0.1 any -P out prio def + 1073741824 none;
spdadd 10.3.1.0/24 10.4.1.0/24 tcp -P out ipsec
	esp/tunnel/192.0.2.1-192.0.2.2/require
	ah/transport//require;
spdadd 10.3.2.0/24[80] 10.4.2.0/24[any] tcp -P in ipsec
	esp/tunnel/192.0.2.2-192.0.2.1/unique:7;
spdadd -6 2001:db8:1::/48 2001:db8:2::/48 any -P in ipsec
	esp/tunnel/2001:db8::1-2001:db8::2/require;
EOF
status 0 "$SETKEY" -f "$TMPDIR/p.conf" || fail "loading p.conf failed"
"$SETKEY" -DP >"$TMPDIR/DP"

has 10.3.0.1 out "	out prio def ipsec"
has 10.3.0.1 out "	esp/transport//require"
has 10.3.0.2 out "	out prio high ipsec"
has 10.3.0.2 out "	esp/transport//use"
has 10.3.0.3 out "	out prio low discard"
has 10.3.0.4 out "	out prio def none"
has 10.3.0.5 out "	out prio def + 10 none"
has 10.3.0.6 out "	out prio def - 10 none"
has 10.3.0.7 out "	out prio high + 5 none"
has 10.3.0.8 out "	out prio low - 5 none"
has 10.3.0.9 out "	out prio high none"
has 10.3.1.0/24 out "10.3.1.0/24[any] 10.4.1.0/24[any] tcp"
has 10.3.1.0/24 out "	esp/tunnel/192.0.2.1-192.0.2.2/require"
has 10.3.1.0/24 out "	ah/transport//require"
# RFC mode: the in policy and its fwd copy, whose unique became require
has 10.3.2.0/24 in "10.3.2.0/24[80] 10.4.2.0/24[any] tcp"
has 10.3.2.0/24 in "	esp/tunnel/192.0.2.2-192.0.2.1/unique:7"
has 10.3.2.0/24 fwd "	esp/tunnel/192.0.2.2-192.0.2.1/require"
has 2001:db8:1::/48 in "	esp/tunnel/2001:db8::1-2001:db8::2/require"
has 2001:db8:1::/48 fwd "	esp/tunnel/2001:db8::1-2001:db8::2/require"
[ "$(count in)" -eq 2 ] && [ "$(count fwd)" -eq 2 ] &&
    [ "$(count out)" -eq 10 ] || fail "policy count: $(cat "$TMPDIR/DP")"

# spdupdate changes the level; spddelete in RFC mode takes fwd too
cat >"$TMPDIR/u.conf" <<EOF
spdupdate 10.3.0.1 10.4.0.1 any -P out ipsec esp/transport//use;
spddelete 10.3.2.0/24[80] 10.4.2.0/24[any] tcp -P in;
EOF
status 0 "$SETKEY" -f "$TMPDIR/u.conf" || fail "u.conf failed"
"$SETKEY" -DP >"$TMPDIR/DP"
has 10.3.0.1 out "	esp/transport//use"
[ -z "$(pol 10.3.2.0/24 in "$TMPDIR/DP")" ] || fail "spddelete left in"
[ -z "$(pol 10.3.2.0/24 fwd "$TMPDIR/DP")" ] || fail "spddelete left fwd"

# kernel mode: exactly what was written
"$SETKEY" -FP
echo "spdadd 10.5.0.1 10.6.0.1 any -P in ipsec esp/transport//require;" |
    "$SETKEY" -k -c || fail "spdadd -k failed"
"$SETKEY" -DP >"$TMPDIR/DP"
[ "$(count in)" -eq 1 ] && [ "$(count fwd)" -eq 0 ] ||
    fail "-k: $(cat "$TMPDIR/DP")"

# icmp type/code and a gre key are part of the selector: the policy
# is found again by the same selector, and by no other
"$SETKEY" -FP
cat >"$TMPDIR/s.conf" <<EOF
spdadd 10.7.0.1 10.7.0.2 icmp 8,0 -P out discard;
spdadd 10.7.0.1 10.7.0.2 gre 1.2.3.4 -P out discard;
spdadd 10.7.0.1 10.7.0.2 gre 258 -P out discard;
EOF
status 0 "$SETKEY" -f "$TMPDIR/s.conf" || fail "s.conf failed"
"$SETKEY" -DP >"$TMPDIR/DP"
[ "$(count out)" -eq 3 ] || fail "selectors: $(cat "$TMPDIR/DP")"
echo "spddelete 10.7.0.1 10.7.0.2 icmp 8,1 -P out;" >"$TMPDIR/d1.conf"
status 1 "$SETKEY" -f "$TMPDIR/d1.conf" 2>"$TMPDIR/err" ||
    fail "spddelete of icmp 8,1 found a policy"
grep -q "(no such policy)" "$TMPDIR/err" || fail "$(cat "$TMPDIR/err")"
cat >"$TMPDIR/d2.conf" <<EOF
spddelete 10.7.0.1 10.7.0.2 icmp 8,0 -P out;
spddelete 10.7.0.1 10.7.0.2 gre 1.2.3.4 -P out;
spddelete 10.7.0.1 10.7.0.2 gre 0.0.1.2 -P out;
EOF
status 0 "$SETKEY" -f "$TMPDIR/d2.conf" || fail "d2.conf failed"
[ "$("$SETKEY" -DP)" = "No SPD entries." ] || fail "selectors left"
