#!/bin/sh
# Each config with a golden state (tests/vm/golden/NAME.golden, what the
# classic setkey left in a fresh kernel): load it, then -D and -DP,
# normalised as ../shared/spec/README.md says, must equal the golden.
# Where the classic tool reported a kernel refusal and exited 0, ours
# exits 1 (tests/vm/golden/NAME.status); the state must still match.
# A policy's refcnt is 2 for about a second after it is added (its
# timer holds a reference), then 1, so both sides mask it.
set -u
setkey=${SETKEY:-./setkey}
cases=tests/parse/cases
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

normalise() {
	sed -E \
	    -e 's/(created|current|last|lastused): [A-Z][a-z]{2} [ 0-9][0-9] [0-9:]{8} [0-9]{4}/\1: DATE/g' \
	    -e 's/diff: [0-9]+\(s\)/diff: N(s)/' \
	    -e 's/spid=[0-9]+/spid=SPID/' \
	    -e 's/ pid=[0-9]+/ pid=PID/' \
	    -e 's/unique#[0-9]+/unique#N/' \
	    -e 's/^\trefcnt=[0-9]+$/\trefcnt=N/'
}

# the lines of one "### setkey X" section of a golden file
section() {
	awk -v want="### setkey $2" '
	    /^### / { on = ($0 == want); next }
	    on' "$1"
}

for golden in tests/vm/golden/*.golden; do
	name=$(basename "$golden" .golden)
	conf=$cases/$name.conf
	want=0
	[ -f "tests/vm/golden/$name.status" ] &&
	    want=$(cat "tests/vm/golden/$name.status")

	$setkey -F && $setkey -FP || { echo "$name: flush failed"; exit 1; }
	$setkey -f "$conf" >"$tmp/out" 2>&1
	got=$?
	$setkey -D | normalise >"$tmp/D"
	$setkey -DP | normalise >"$tmp/DP"

	if [ "$got" != "$want" ]; then
		echo "$name: exit $got, want $want"
		cat "$tmp/out"
		fail=1
	fi
	for s in D DP; do
		section "$golden" "-$s" | normalise >"$tmp/want"
		if ! diff -u "$tmp/want" "$tmp/$s" >"$tmp/diff"; then
			echo "$name: setkey -$s differs from the golden:"
			cat "$tmp/diff"
			fail=1
		fi
	done
done
$setkey -F; $setkey -FP
exit $fail
