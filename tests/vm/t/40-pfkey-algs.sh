# Every algorithm the test kernel lists for SADB_REGISTER goes in with
# add and comes back under its name through get: ESP ciphers (with
# hmac-sha1), ESP auth-only and AH with each authenticator, IPComp.
set -eu
. "$LIB"

# key N: N bytes, all different, as 0x hex (no DES weak keys, no 3DES
# key with two equal thirds)
key() {
	k=0x
	i=1
	while [ "$i" -le "$1" ]; do
		k=$k$(printf %02x $(((i * 37 + 11) % 256)))
		i=$((i + 1))
	done
	echo "$k"
}

conf=$TMPDIR/algs.conf
: >"$conf"
spi=4096
list=$TMPDIR/list

# name key-bytes
cat >"$TMPDIR/enc" <<EOF
des-cbc 8
3des-cbc 24
cast128-cbc 16
blowfish-cbc 16
aes-cbc 16
aes-cbc 24
aes-cbc 32
aes-ctr 20
aes-ctr 36
camellia-cbc 16
serpent-cbc 16
twofish-cbc 32
EOF
cat >"$TMPDIR/auth" <<EOF
hmac-md5 16
hmac-sha1 20
hmac-sha256 32
hmac-sha384 48
hmac-sha512 64
hmac-ripemd160 20
aes-xcbc-mac 16
EOF

: >"$list"
while read -r alg n; do
	spi=$((spi + 1))
	echo "add 10.9.0.1 10.9.0.2 esp $spi -E $alg $(key "$n")" \
	    "-A hmac-sha1 $(key 20);" >>"$conf"
	echo "esp $spi E: $alg" >>"$list"
done <"$TMPDIR/enc"
spi=$((spi + 1))
echo "add 10.9.0.1 10.9.0.2 esp $spi -E null;" >>"$conf"
echo "esp $spi encrypt=null" >>"$list"
while read -r alg n; do
	spi=$((spi + 1))
	echo "add 10.9.0.1 10.9.0.2 esp $spi -E null -A $alg $(key "$n");" \
	    >>"$conf"
	echo "esp $spi A: $alg" >>"$list"
	spi=$((spi + 1))
	echo "add 10.9.0.1 10.9.0.2 ah $spi -A $alg $(key "$n");" >>"$conf"
	echo "ah $spi A: $alg" >>"$list"
done <"$TMPDIR/auth"
spi=$((spi + 1))
echo "add 10.9.0.1 10.9.0.2 ah $spi -A null;" >>"$conf"
echo "ah $spi auth=null" >>"$list"
spi=$((spi + 1))
echo "add 10.9.0.1 10.9.0.2 ipcomp $spi -C deflate;" >>"$conf"
echo "ipcomp $spi C: deflate" >>"$list"

status 0 "$SETKEY" -f "$conf" || fail "loading $conf failed"

# the kernel returns no key for null, so -D has no E: or A: line; the
# SA extension of get's reply (-v, the second SADB_GET) names it
null_check() {
	"$SETKEY" -v -f "$TMPDIR/get" |
	    awk '/^SADB_GET/ { n++ } n == 2' | grep -q " $1"
}

while read -r proto spi want; do
	echo "get 10.9.0.1 10.9.0.2 $proto $spi;" >"$TMPDIR/get"
	"$SETKEY" -f "$TMPDIR/get" >"$TMPDIR/out" ||
	    fail "get $proto $spi failed"
	case $want in
	*=null)
		null_check "$want" || fail "get $proto $spi: not $want"
		continue
		;;
	esac
	grep -q "^	$proto mode=transport spi=$spi(" "$TMPDIR/out" ||
	    fail "get $proto $spi: no SA line: $(cat "$TMPDIR/out")"
	grep -q "^	$want[ 	]" "$TMPDIR/out" ||
	    fail "get $proto $spi: want '$want': $(cat "$TMPDIR/out")"
done <"$list"

# the dump holds exactly what was added
n=$(wc -l <"$list")
got=$("$SETKEY" -D | grep -c '^	[a-z-]* mode=')
[ "$got" -eq "$n" ] || fail "-D lists $got SAs, want $n"
