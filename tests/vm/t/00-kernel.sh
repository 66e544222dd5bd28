# The guest kernel really has PF_KEY, ESP, AH, IPComp and the
# algorithms setkey names; needs no setkey.  If this fails, every
# other test here means nothing.
set -eu
. "$LIB"

[ -e /proc/net/pfkey ] || fail "no /proc/net/pfkey: af_key is not loaded"
grep -q '^KEY ' /proc/net/protocols ||
    fail "no KEY protocol in /proc/net/protocols"

for m in af_key xfrm_algo esp4 esp6 ah4 ah6 xfrm_ipcomp ipcomp ipcomp6 \
    xfrm4_tunnel xfrm6_tunnel drbg echainiv seqiv authenc authencesn \
    ctr xcbc cmac; do
	grep -q "^$m " /proc/modules || fail "module $m is not loaded"
done

# cbc(aes) and hmac(sha256) show the built-in cbc and hmac templates
for alg in des des3_ede aes blowfish cast5 twofish serpent camellia \
    md5 sha1 sha256 sha384 sha512 rmd160 deflate stdrng \
    'cbc(aes)' 'hmac(sha256)'; do
	grep -qx "name *: $alg" /proc/crypto ||
	    fail "no $alg in /proc/crypto"
done

# SADB_REGISTER must not wait on modprobe for modules we lack
[ "$(cat /proc/sys/kernel/modprobe)" = "" ] ||
    fail "/proc/sys/kernel/modprobe is not empty"
