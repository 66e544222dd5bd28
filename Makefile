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
$(B)/parse.c $(B)/parse.h: parser/parse.y | $(B)
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
	$(MAKE) check-host check-vm

check-host: setkey $(B)/unit
	$(B)/unit
	tests/lint.sh
	tests/parse/run.sh ./setkey

check-vm: setkey
	tests/vm/run-tests.sh ./setkey

UNIT_SRCS := $(wildcard tests/unit/*.c)
$(B)/unit: $(UNIT_SRCS) $(LIBOBJS)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -o $@ $(UNIT_SRCS) $(LIBOBJS)

demo: setkey
	tests/vm/run -f setkey -f tests/demo.conf -- \
	    sh -c './setkey -f tests/demo.conf && ./setkey -D && ./setkey -DP'

install: setkey
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man8
	install -m 755 setkey $(DESTDIR)$(SBINDIR)/setkey
	install -m 644 man/setkey.8 $(DESTDIR)$(MANDIR)/man8/setkey.8

clean:
	rm -rf $(B) setkey

.PHONY: all check check-host check-vm demo install clean
