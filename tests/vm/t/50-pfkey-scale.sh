# 10,000 SAs and 10,000 policies load with -f and come back complete
# from -D and -DP: counted one by one against what was loaded.
set -eu
. "$LIB"

n=${PFKEY_SCALE:-10000}
f=$TMPDIR/scale.conf
awk -v n="$n" 'BEGIN {
	for (i = 0; i < n; i++) {
		a = int(i / 256) % 256; b = i % 256;
		printf "add 10.100.%d.%d 10.200.%d.%d esp %d -E aes-cbc " \
		    "0x000102030405060708090a0b0c0d0e0f -A hmac-sha1 " \
		    "0x000102030405060708090a0b0c0d0e0f10111213;\n",
		    a, b, a, b, 4096 + i
		printf "spdadd 10.100.%d.%d 10.200.%d.%d any -P out ipsec " \
		    "esp/transport//require;\n", a, b, a, b
	}
}' >"$f"

start=$(date +%s)
status 0 "$SETKEY" -f "$f" || fail "loading $n SAs and policies failed"
loaded=$(date +%s)

# every SPI exactly once
"$SETKEY" -D | sed -n 's/^	esp mode=transport spi=\([0-9]*\)(.*/\1/p' |
    sort -n >"$TMPDIR/spis"
awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) print 4096 + i }' \
    >"$TMPDIR/want"
cmp -s "$TMPDIR/spis" "$TMPDIR/want" ||
    fail "-D: $(wc -l <"$TMPDIR/spis") SAs, want $n exactly once each"

# every selector exactly once
"$SETKEY" -DP | awk '/^10\.100\./ { print $1 }' | sort >"$TMPDIR/sels"
awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++)
	printf "10.100.%d.%d[any]\n", int(i / 256) % 256, i % 256 }' |
    sort >"$TMPDIR/want"
cmp -s "$TMPDIR/sels" "$TMPDIR/want" ||
    fail "-DP: $(wc -l <"$TMPDIR/sels") policies, want $n exactly once"
done=$(date +%s)
echo "loaded in $((loaded - start)) s, dumped in $((done - loaded)) s"
