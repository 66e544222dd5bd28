# setkey: one hand-written GNU Makefile.  `make`, `make check`,
# `make demo`, `make install`, `make clean`.

PREFIX	?= /usr/local
SBINDIR	?= $(PREFIX)/sbin
MANDIR	?= $(PREFIX)/share/man
B	:= build

CC	?= cc
CFLAGS	?= -O2 -g
WARN	:= -Wall -Wextra -Wshadow -Wpointer-arith -Wmissing-prototypes \
	   -Wstrict-prototypes -Wformat=2
CPPFLAGS += -D_GNU_SOURCE -Isrc -Iparser -I$(B)
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS)

SRCS	:= $(wildcard src/*.c)
OBJS	:= $(SRCS:src/%.c=$(B)/%.o) $(B)/parse.o $(B)/token.o
LIBOBJS	:= $(filter-out $(B)/main.o,$(OBJS))

all: setkey

setkey: $(OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJS)

$(B)/%.o: src/%.c $(B)/parse.h | $(B)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -MMD -c -o $@ $<

# generated code is not held to our warnings
# one bison run writes both: a grouped target, or make -j runs it twice
$(B)/parse.c $(B)/parse.h &: parser/parse.y | $(B)
	bison -Wall -o $(B)/parse.c --defines=$(B)/parse.h $<
$(B)/token.c: parser/token.l | $(B)
	flex -o $@ $<
$(B)/parse.o: $(B)/parse.c
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Wno-unused -MMD -c -o $@ $<
$(B)/token.o: $(B)/token.c $(B)/parse.h
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Wno-unused -Wno-sign-compare \
	    -Wno-missing-prototypes -MMD -c -o $@ $<

$(B):
	mkdir -p $(B)

-include $(wildcard $(B)/*.d)

# host tests need no kernel; vm tests boot Debian's kernel in qemu
check:
	tests/need.sh
	$(MAKE) check-host check-asan check-valgrind check-vm

# Test files name hosts that do not exist: as root, the host tests run
# in a network namespace of their own, so no lookup leaves the machine.
NONET := $(shell unshare -n true 2>/dev/null && echo unshare -n)

check-host: setkey $(B)/unit
	$(B)/unit
	tests/lint.sh
	$(NONET) tests/parse/run.sh ./setkey
	$(NONET) tests/limits.sh ./setkey
	$(NONET) tests/parse/nv.sh ./setkey
	$(NONET) tests/parse/raw.sh ./setkey

check-vm: setkey
	tests/vm/run-tests.sh ./setkey

UNIT_SRCS := $(wildcard tests/unit/*.c)
$(B)/unit: $(UNIT_SRCS) $(LIBOBJS)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $(UNIT_SRCS) $(LIBOBJS)

# git keeps no mode but x: the copy is private, as a file of keys must be
demo: setkey | $(B)
	install -m 600 tests/demo.conf $(B)/demo.conf
	tests/vm/run -f setkey -f $(B)/demo.conf -- \
	    sh -c './setkey -f $(B)/demo.conf && ./setkey -D && ./setkey -DP'

install: setkey
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man8
	install -m 755 setkey $(DESTDIR)$(SBINDIR)/setkey
	install -m 644 man/setkey.8 $(DESTDIR)$(MANDIR)/man8/setkey.8

clean:
	rm -rf $(B) setkey

.PHONY: all check check-host check-vm demo install clean

# Hardening (issue 6): sanitizer and fuzzing builds, each in a directory
# of its own under build/.  `make check-asan` runs the host tests under
# ASan + UBSan; `make fuzz` runs each libFuzzer harness for FUZZ_SECONDS
# (tests/fuzz/README says how to run them longer).
SAN	:= -fsanitize=address,undefined -fno-sanitize-recover=all
AB	:= build/asan
FB	:= build/fuzz
FUZZ_CC	?= clang
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS := -std=c11 -g -O2 $(SAN)
FUZZ_OBJS := $(LIBOBJS:$(B)/%.o=$(FB)/%.o)
FUZZ_RUN = -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	   -artifact_prefix=$(FB)/ -timeout=10 -rss_limit_mb=1024

$(B)/setkey: $(OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJS)

check-asan:
	$(MAKE) B=$(AB) CFLAGS="-O1 -g $(SAN)" $(AB)/setkey $(AB)/unit
	UBSAN_OPTIONS=print_stacktrace=1 $(AB)/unit
	UBSAN_OPTIONS=print_stacktrace=1 $(NONET) tests/parse/run.sh $(AB)/setkey
	UBSAN_OPTIONS=print_stacktrace=1 $(NONET) tests/parse/nv.sh $(AB)/setkey
	UBSAN_OPTIONS=print_stacktrace=1 $(NONET) tests/parse/raw.sh $(AB)/setkey

# every host test under valgrind's memcheck: any error or leak, even
# still reachable, fails.  Each of its ~280 runs starts valgrind afresh:
# about 3.5 minutes on a loaded 2-core machine, well inside CI's budget.
check-valgrind: setkey $(B)/unit
	$(NONET) tests/valgrind.sh ./setkey $(B)/unit

$(FB):
	mkdir -p $(FB)
$(FB)/%.o: src/%.c $(B)/parse.h | $(FB)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link \
	    -c -o $@ $<
# bison's and flex's tables: tracing their compares only slows the runs
$(FB)/%.o: $(B)/%.c $(B)/parse.h | $(FB)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link \
	    -fno-sanitize-coverage=trace-cmp -w -c -o $@ $<
$(FB)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/noresolve.c $(FUZZ_OBJS)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^
$(FB)/seedgen: tests/fuzz/seedgen.c tests/fuzz/noresolve.c $(LIBOBJS) | $(FB)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $^

# seeds: every test input, each line of bad.txt, and the printer's
# messages from seedgen; libFuzzer adds what it finds to the same dirs
fuzz-seeds: $(FB)/seedgen
	mkdir -p $(FB)/corpus-parse $(FB)/corpus-print
	cp tests/parse/*.conf tests/parse/cases/*.conf \
	    $(FB)/corpus-parse/
	n=0; grep -v '^#' tests/parse/bad.txt | while IFS= read -r l; do \
	    n=$$((n + 1)); printf '%b\n' "$${l%% ||| *}" \
	    >$(FB)/corpus-parse/bad-$$n; done
	$(FB)/seedgen $(FB)/corpus-print tests/parse/*.conf \
	    tests/parse/cases/*.conf 2>/dev/null

fuzz:
	tests/need.sh fuzz
	$(MAKE) fuzz-run

fuzz-run: $(FB)/fuzz_parse $(FB)/fuzz_print fuzz-seeds
	$(FB)/fuzz_parse $(FUZZ_RUN) -max_len=8192 -close_fd_mask=2 \
	    -dict=tests/fuzz/parse.dict $(FB)/corpus-parse
	$(FB)/fuzz_print $(FUZZ_RUN) -max_len=4096 $(FB)/corpus-print

.SECONDARY: $(FUZZ_OBJS)
.PHONY: check-asan check-valgrind fuzz fuzz-run fuzz-seeds

# Benchmarks (issue 7): setkey against the floor in the test kernel,
# and -n on the host; tests/bench/README.md.  Writes
# tests/bench/RESULTS.md.
BENCH	:= $(B)/bench
BENCH_BINS := $(BENCH)/gen $(BENCH)/floor $(BENCH)/rss $(BENCH)/encode

bench:
	tests/need.sh
	$(MAKE) setkey $(BENCH_BINS)
	tests/bench/run.sh ./setkey $(BENCH)

$(BENCH):
	mkdir -p $(BENCH)
$(BENCH)/encode: tests/bench/encode.c $(LIBOBJS) | $(BENCH)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $< $(LIBOBJS)
$(BENCH)/%: tests/bench/%.c | $(BENCH)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $<

.PHONY: bench
