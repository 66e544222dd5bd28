#!/bin/sh
# Source checks that need no kernel: the 80-column limit, headers that
# compile on their own, and the manual page (mandoc -Tlint).
set -u
cc=${CC:-cc}
fail=0
pass=0

wide=$(cat src/*.[ch] parser/*.[hly] | expand | awk 'length > 80' | wc -l)
if [ "$wide" -eq 0 ]; then
	pass=$((pass + 1))
else
	echo "FAIL width: $wide lines over 80 columns:"
	# expand each file alone: a "file:line:" prefix would move the tabs
	for f in src/*.[ch] parser/*.[hly]; do
		expand "$f" | awk -v f="$f" 'length > 80 { print f ":" NR }'
	done | head
	fail=$((fail + 1))
fi

for h in src/*.h parser/*.h; do
	if printf '#include "%s"\n' "$h" |
	    $cc -D_GNU_SOURCE -Isrc -Iparser -Ibuild -fsyntax-only \
	    -Wall -Wextra -x c - 2>/tmp/lint.$$; then
		pass=$((pass + 1))
	else
		echo "FAIL header $h does not compile alone:"
		cat /tmp/lint.$$
		fail=$((fail + 1))
	fi
done
rm -f /tmp/lint.$$

if ! command -v mandoc >/dev/null 2>&1; then
	echo "FAIL mandoc is missing (apt-get install mandoc)"
	fail=$((fail + 1))
elif out=$(mandoc -Tlint -W warning man/setkey.8 2>&1) &&
    [ -z "$out" ]; then
	pass=$((pass + 1))
else
	echo "FAIL mandoc -Tlint man/setkey.8:"
	echo "$out"
	fail=$((fail + 1))
fi

echo "lint: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
