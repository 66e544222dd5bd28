# Helpers for the tests in t/; a test loads them with `. "$LIB"`.
# Each returns non-zero on a mismatch, which ends a test under set -e.

# fail MESSAGE...: end the test as failed
fail() {
	echo "$*" >&2
	exit 1
}

# expect GOLDEN: standard input must equal the file GOLDEN; prints the
# diff from GOLDEN to what came in
expect() {
	cat >"$TMPDIR/got"
	diff -u "$1" "$TMPDIR/got"
}

# status WANT COMMAND...: COMMAND must exit with status WANT
status() {
	want=$1
	shift
	"$@" && got=0 || got=$?
	[ "$got" = "$want" ] && return 0
	echo "$*: exit status $got, want $want" >&2
	return 1
}

# scrub: a filter that masks what differs from run to run in -D and -DP
# output: dates, seconds since creation, pids and policy ids, the last
# of which count up across tests
scrub() {
	sed -e 's/[A-Z][a-z][a-z] [ 0-9][0-9] [0-9:]\{8\} [0-9]\{4\}/DATE/g' \
	    -e 's/diff: [0-9]*(s)/diff: N(s)/' \
	    -e 's/\([^a-z]\)pid=[0-9]*/\1pid=PID/g' \
	    -e 's/spid=[0-9]*/spid=SPID/g'
}
