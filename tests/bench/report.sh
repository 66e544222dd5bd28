#!/bin/sh
# Turns the raw lines of a bench run into the markdown of RESULTS.md:
#   tests/bench/report.sh RAW SETKEY
# RAW lines: "R WHAT N SECONDS KIB STATUS" (one measure), "C WHAT N
# ENTRIES" (entries a dump printed), "SKIP N WHY", "E KERNEL".
# Medians of the seconds, the largest peak RSS; a measure with any
# non-zero exit status is shown as failed and fails its target.
set -eu

raw=$1 setkey=$2
cpu=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)
mem=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
guest=$(sed -n 's/^E //p' "$raw" | tail -n 1)
qemu=$(qemu-system-x86_64 --version 2>/dev/null | sed -n 1p)

cat <<HEAD
# Benchmarks

Written by \`make bench\` (tests/bench/run.sh); tests/bench/README.md
says what each program does and why the targets are what they are.

- Date: $(date -u '+%Y-%m-%d %H:%M UTC')
- Machine: ${cpu:-unknown CPU}, $(nproc) cores, $mem; host kernel
  $(uname -r) ($(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"))
- Test kernel: ${guest:-did not report} in ${qemu:-qemu}, software
  emulation (TCG), one boot for every guest figure
- setkey: $setkey, $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src parser 2>/dev/null || echo ' + local changes')

How: every figure is the median wall time of several runs (the
count is in the last column) from fork to exit, measured by
tests/bench/rss.c, which also reports the peak RSS (ru_maxrss of the
child; the largest of the runs is shown).  Loads are \`setkey -f\` of a
file of N ESP SAs + N outbound policies (tests/bench/gen.c) against the
floor replaying the same messages, encoded by setkey's own encoder
(tests/bench/encode.c, floor.c); both tables are flushed before every
load, and the two alternate.  Dumps are \`setkey -D\` / \`-DP\` of the N
entries the last load left, to /dev/null and to a file in the guest's
tmpfs, against the floor reading the same dump and printing nothing.
The guest's timings are slowed alike for both sides by the emulation:
read the ratios, not the absolute times.

HEAD

awk -v raw="$raw" '
function median(k,    n, i, j, t, a) {
	n = cnt[k]
	for (i = 1; i <= n; i++)
		a[i] = val[k, i]
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
		}
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function ok(k) { return (k in cnt) && !(k in bad) }
function secs(k) { return ok(k) ? sprintf("%.3f", median(k)) : \
    ((k in bad) ? "failed (exit " bad[k] ")" : "-") }
function ratio(a, b) { return ok(a) && ok(b) && median(b) > 0 ? \
    sprintf("%.2f", median(a) / median(b)) : "-" }
function per(k, n) { return ok(k) ? sprintf("%.1f", median(k) / n * 1e6) : "-" }
function mib(k) { return (k in rss) ? sprintf("%.1f", rss[k] / 1024) : "-" }
function verdict(c) { return c < 0 ? "not measured (no N = 100,000)" : \
    c ? "met" : "**missed**" }
function flat(what, mult,    i, n, v, lo, hi) {
	lo = hi = 0
	for (i = 1; i <= nsz; i++) {
		n = sz[i]
		if (!ok(what SUBSEP n))
			continue
		v = median(what SUBSEP n) / (n * mult)
		if (lo == 0 || v < lo) lo = v
		if (v > hi) hi = v
	}
	spread[what] = lo > 0 ? hi / lo : 0
	return lo > 0 && hi / lo <= 1.2
}
$1 == "R" {
	k = $2 SUBSEP $3
	val[k, ++cnt[k]] = $4
	if ($5 > rss[k]) rss[k] = $5
	if ($6 != 0) bad[k] = $6
	if ($2 != "host-check" && !($3 in seen)) { seen[$3] = 1; sz[++nsz] = $3 }
	next
}
$1 == "C" { entries[$2, $3] = $4; next }
$1 == "SKIP" { skip[$2] = substr($0, length($1 $2) + 3); next }
END {
	for (i = 1; i <= nsz; i++)
		for (j = i + 1; j <= nsz; j++)
			if (sz[j] + 0 < sz[i] + 0) { t = sz[i]; sz[i] = sz[j]; sz[j] = t }

	print "## Load: setkey -f against the floor\n"
	print "| N SAs + N policies | setkey s | floor s | setkey/floor | setkey us/statement | floor us/statement | setkey peak RSS MiB | runs |"
	print "|---:|---:|---:|---:|---:|---:|---:|---:|"
	loadok = 1
	for (i = 1; i <= nsz; i++) {
		n = sz[i]; s = "setkey-load" SUBSEP n; f = "floor-load" SUBSEP n
		r = ratio(s, f)
		if (r == "-" || r + 0 > 1.3) loadok = 0
		printf "| %d | %s | %s | %s | %s | %s | %s | %d |\n", n, secs(s),
		    secs(f), r, per(s, 2 * n), per(f, 2 * n), mib(s), cnt[s]
	}
	for (n in skip)
		printf "\nN = %d skipped: %s\n", n, skip[n]

	dumpok = 1; big = 0
	for (d = 1; d <= 2; d++) {
		w = d == 1 ? "sa" : "sp"
		printf "\n## Dump: setkey %s against the floor\n\n", d == 1 ? "-D" : "-DP"
		print "| N | floor s | setkey to /dev/null s | ratio | setkey to a file s | ratio | us/entry (/dev/null) | peak RSS MiB (null, file) | entries printed | runs |"
		print "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
		for (i = 1; i <= nsz; i++) {
			n = sz[i]; f = "floor-" w SUBSEP n
			a = "setkey-" w "-null" SUBSEP n
			b = "setkey-" w "-file" SUBSEP n
			e = ((w, n) in entries) ? entries[w, n] : "-"
			if (e != n) dumpok = 0
			printf "| %d | %s | %s | %s | %s | %s | %s | %s, %s | %s | %d |\n",
			    n, secs(f), secs(a), ratio(a, f), secs(b), ratio(b, f),
			    per(a, n), mib(a), mib(b), e, cnt[a]
			if (n == 100000) {
				big = 1
				if (!ok(a) || !ok(b) || rss[a] >= 8192 || rss[b] >= 8192)
					dumpok = 0
			}
		}
	}
	if (!big) dumpok = -1

	print "\n## Check only: setkey -n -f on the host\n"
	print "| statements | seconds | statements/s | peak RSS MiB | runs |"
	print "|---:|---:|---:|---:|---:|"
	nok = 0
	for (k in cnt) {
		split(k, p, SUBSEP)
		if (p[1] != "host-check") continue
		rate = ok(k) ? p[2] / median(k) : 0
		nok = rate >= 1e6 && rss[k] < 65536
		printf "| %d | %s | %s | %s | %d |\n", p[2], secs(k),
		    ok(k) ? sprintf("%.0f", rate) : "-", mib(k), cnt[k]
	}

	f1 = flat("setkey-load", 2); f2 = flat("setkey-sa-null", 1)
	f3 = flat("setkey-sp-null", 1)
	print "\n## Targets (issue 7)\n"
	print "| target | result |"
	print "|---|---|"
	printf "| load within 1.3x of the floor at every N | %s |\n", verdict(loadok)
	printf "| dump peak RSS under 8 MiB at N = 100,000 | %s |\n", verdict(dumpok)
	printf "| time per entry flat within 20%%, 1,000 to 100,000 | %s (max/min: load %.2f, -D %.2f, -DP %.2f) |\n",
	    big ? verdict(f1 && f2 && f3) : verdict(-1), spread["setkey-load"],
	    spread["setkey-sa-null"], spread["setkey-sp-null"]
	printf "| -n: 1,000,000 statements/s, RSS under 64 MiB | %s |\n", verdict(nok)
}' "$raw"
