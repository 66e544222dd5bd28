# Faults against the real kernel: refusals in the middle of a file, the
# SAD and SPD changing under a dump, a monitor too slow for a burst (the
# kernel drops what its queue cannot hold and tells nobody), and a -c
# session whose queue filled while it sat idle.  Each must be reported
# with its statement where there is one, lose nothing unsaid, exit
# right and not hang.
set -eu
. "$LIB"
umask 077

K16=0x000102030405060708090a0b0c0d0e0f

# what this test starts in the background, ended by PID if it fails
cpid= xpid= spid=
cleanup() {
	for p in $cpid $xpid $spid; do
		kill -CONT "$p"
		kill "$p"
	done 2>/dev/null
}
trap cleanup EXIT

# wait_for SECONDS COMMAND...: poll COMMAND every 0.1 s, for at most
# SECONDS; fails if it never succeeded
wait_for() {
	n=$(($1 * 10))
	shift
	while ! "$@"; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || return 1
		sleep 0.1
	done
}

# the Rmem column of every open PF_KEY socket, one a line
pfkey_rmem() {
	awk 'NR > 1 { print $3 }' /proc/net/pfkey
}

queues_empty() {
	[ -z "$(pfkey_rmem | grep -v '^0$')" ]
}

# blocks: an -D or -DP listing cut into entries, each from its first
# line (no tab) to its last (LAST, a pattern); prints "ENTRIES BAD"
blocks() {
	awk -v last="$1" '
	/^[^\t]/ { if (open) bad++; open = 1; n++; next }
	$0 ~ last { if (!open) bad++; open = 0; next }
	/^\t/ { if (!open) bad++; next }
	{ bad++ }
	END { if (open) bad++; print n + 0, bad + 0 }'
}

# seconds since the last call, for the closing figures
t0=$(date +%s)
lap() {
	t1=$(date +%s)
	echo "$1: $((t1 - t0)) s"
	t0=$t1
}

# 1. ENOENT and ESRCH in the middle of a file: each named, the rest
# applied, exit 1.  Linux reports a missing SA as ESRCH, a missing
# policy as ENOENT.
f=$TMPDIR/missing.conf
cat >"$f" <<EOF
add 10.45.0.1 10.45.0.2 esp 0x451 -E aes-cbc $K16;
delete 10.45.0.1 10.45.0.2 esp 0x999;
spddelete 10.45.1.0/24 10.45.2.0/24 any -P out;
add 10.45.0.1 10.45.0.2 esp 0x452 -E aes-cbc $K16;
   spddelete 10.45.3.0/24 10.45.4.0/24 any -P in;
spdadd 10.45.5.0/24 10.45.6.0/24 any -P out ipsec esp/transport//require;
EOF
status 1 "$SETKEY" -f "$f" >"$TMPDIR/out" 2>"$TMPDIR/err" ||
    fail "missing entries: $(cat "$TMPDIR/err")"
cat >"$TMPDIR/want" <<EOF
setkey: $f:2:1: delete: No such process (no such SA)
setkey: $f:3:1: spddelete: No such file or directory (no such policy)
setkey: $f:5:4: spddelete: No such file or directory (no such policy)
EOF
expect "$TMPDIR/want" <"$TMPDIR/err" || fail "missing entries reported wrong"
[ ! -s "$TMPDIR/out" ] || fail "stdout: $(cat "$TMPDIR/out")"
"$SETKEY" -D >"$TMPDIR/D"
grep -q "spi=1106(0x00000452)" "$TMPDIR/D" || fail "the add after is missing"
"$SETKEY" -DP | grep -q "^10.45.5.0/24" || fail "the spdadd after is missing"
"$SETKEY" -F
"$SETKEY" -FP
lap "refusals"

# 2. Dumps while another process adds and deletes SAs and policies:
# each exits 0 with every entry whole, however the tables change.
n=2000
f=$TMPDIR/base.conf
awk -v n="$n" -v k="$K16" 'BEGIN {
	for (i = 0; i < n; i++) {
		a = int(i / 256); b = i % 256
		printf "add 10.46.%d.%d 10.146.%d.%d esp %d -E aes-cbc %s;\n",
		    a, b, a, b, 4096 + i, k
		printf "spdadd 10.46.%d.%d 10.146.%d.%d any -P out ipsec " \
		    "esp/transport//require;\n", a, b, a, b
	}
}' >"$f"
"$SETKEY" -f "$f" || fail "loading $n SAs and policies"

# one setkey -c per round: add SA and policy i, delete those of i - 1;
# SIGTERM ends the loop after the round it is in
churn() {
	trap 'stop=1' TERM
	stop=0
	i=1
	while [ "$stop" = 0 ]; do
		new=$((i % 250))
		old=$(((i - 1) % 250))
		"$SETKEY" -c >/dev/null 2>&1 <<EOF || :
add 10.99.0.1 10.99.0.2 esp $((65536 + i)) -E aes-cbc $K16;
spdadd 10.99.1.$new 10.99.2.0/24 any -P out ipsec esp/transport//use;
delete 10.99.0.1 10.99.0.2 esp $((65535 + i));
spddelete 10.99.1.$old 10.99.2.0/24 any -P out;
EOF
		echo "$i" >"$TMPDIR/rounds"
		i=$((i + 1))
	done
}
echo 0 >"$TMPDIR/rounds"
churn &
cpid=$!
for r in 1 2; do
	before=$(cat "$TMPDIR/rounds")
	status 0 "$SETKEY" -D >"$TMPDIR/D" 2>"$TMPDIR/err" ||
	    fail "-D while the SAD changes: $(cat "$TMPDIR/err")"
	[ ! -s "$TMPDIR/err" ] || fail "-D: $(cat "$TMPDIR/err")"
	set -- $(blocks '^\tsadb_seq=' <"$TMPDIR/D")
	[ "$2" = 0 ] || fail "-D round $r: $2 entries cut or out of place"
	[ "$1" -ge "$n" ] && [ "$1" -le $((n + 2)) ] ||
	    fail "-D round $r: $1 SAs, want $n to $((n + 2))"
	[ "$(grep -c '^	esp mode=' "$TMPDIR/D")" = "$1" ] ||
	    fail "-D round $r: not one SA line per entry"

	status 0 "$SETKEY" -DP >"$TMPDIR/DP" 2>"$TMPDIR/err" ||
	    fail "-DP while the SPD changes: $(cat "$TMPDIR/err")"
	[ ! -s "$TMPDIR/err" ] || fail "-DP: $(cat "$TMPDIR/err")"
	set -- $(blocks '^\trefcnt=' <"$TMPDIR/DP")
	[ "$2" = 0 ] || fail "-DP round $r: $2 entries cut or out of place"
	[ "$1" -ge "$n" ] && [ "$1" -le $((n + 2)) ] ||
	    fail "-DP round $r: $1 policies, want $n to $((n + 2))"
	[ "$(cat "$TMPDIR/rounds")" -gt "$before" ] ||
	    fail "round $r: the tables did not change during the dumps"
done
kill "$cpid"
wait "$cpid" || :
cpid=
"$SETKEY" -F
"$SETKEY" -FP
lap "dumps, 2 rounds over $(cat "$TMPDIR/rounds") changes"

# 3. A monitor that keeps up sees every message and exits 0 ...
burst() {
	awk -v from="$1" -v n="$2" -v k="$K16" 'BEGIN {
		for (i = from; i < from + n; i++)
			printf "add 10.47.0.1 10.47.0.2 esp %d -E aes-cbc %s;\n",
			    i, k
	}' >"$TMPDIR/burst.conf"
	"$SETKEY" -f "$TMPDIR/burst.conf" || fail "burst of $2 SAs"
}
spis() {
	sed -n 's/.* spi=\([0-9]*\)(.*/\1/p' "$x.out" | sort -u | wc -l
}
# monitor NAME: start setkey -x, output in $TMPDIR/NAME.out and .err
monitor() {
	x=$TMPDIR/$1
	: >"$x.out"
	"$SETKEY" -x >"$x.out" 2>"$x.err" &
	xpid=$!
	wait_for 10 grep -q '^SADB_X_PROMISC' "$x.out" ||
	    fail "-x did not start: $(cat "$x.err")"
}
monitor x1
burst 10000 300
wait_for 20 queues_empty || fail "-x did not catch up: $(pfkey_rmem)"
kill "$xpid"
status 0 wait "$xpid" || fail "-x that kept up: $(cat "$x.err")"
xpid=
[ ! -s "$x.err" ] || fail "-x that kept up: $(cat "$x.err")"
[ "$(spis)" = 300 ] || fail "-x that kept up saw $(spis) of 300 SAs"

# ... one stopped while 4,000 SAs go in (3 messages each, more than its
# 8 MiB queue holds) says once that the kernel may have dropped
# messages, goes on, and exits 1
monitor x2
kill -STOP "$xpid"
burst 20000 4000
[ "$(pfkey_rmem)" -gt $((8 * 1024 * 1024)) ] ||
    fail "the stopped monitor's queue did not fill: $(pfkey_rmem)"
kill -CONT "$xpid"
wait_for 30 queues_empty || fail "-x did not catch up: $(pfkey_rmem)"
echo "add 10.47.0.3 10.47.0.4 esp 0x4747 -E aes-cbc $K16;" | "$SETKEY" -c
wait_for 10 grep -q ' spi=18247(' "$x.out" ||
    fail "-x stopped printing after the loss"
kill "$xpid"
status 1 wait "$xpid" || fail "-x after a loss: $(cat "$x.err")"
xpid=
echo "setkey: error: PF_KEY receive queue full: the kernel may have" \
    "dropped messages" >"$TMPDIR/want"
expect "$TMPDIR/want" <"$x.err" || fail "-x: the loss reported wrong"
got=$(spis)
[ "$got" -lt 4001 ] || fail "-x saw all $got SAs: nothing was dropped"
"$SETKEY" -F
lap "-x, $got of 4001 SAs seen after the burst"

# 4. A -c session idle while another process adds 1,000 SAs: its queue
# fills, and af_key would drop its next reply.  The statement must
# still get its answer, not wait 10 s for nothing.
rm -f "$TMPDIR/in"
mkfifo "$TMPDIR/in"
"$SETKEY" -c <"$TMPDIR/in" >"$TMPDIR/out" 2>"$TMPDIR/err" &
spid=$!
exec 3>"$TMPDIR/in"
echo "add 10.48.0.1 10.48.0.2 esp 0x4801 -E aes-cbc $K16;" >&3
wait_for 10 sh -c '"$SETKEY" -D | grep -q "spi=18433("' ||
    fail "-c: the first add did not go in"
burst 30000 1000
rmem_default=$(cat /proc/sys/net/core/rmem_default)
[ "$(pfkey_rmem)" -gt "$rmem_default" ] ||
    fail "the idle session's queue did not fill: $(pfkey_rmem)"
echo "add 10.48.0.1 10.48.0.2 esp 0x4802 -E aes-cbc $K16;" >&3
exec 3>&-
status 0 wait "$spid" ||
    fail "-c after its queue filled: $(cat "$TMPDIR/err")"
spid=
[ ! -s "$TMPDIR/err" ] || fail "-c: $(cat "$TMPDIR/err")"
"$SETKEY" -D | grep -q "spi=18434(" || fail "-c: the second add is missing"
lap "-c with a full queue"
