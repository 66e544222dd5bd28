#!/bin/sh
# Installs the build and test tools `make check` needs when they are
# missing (as root, through apt); otherwise says what is missing.
set -u
missing=
need() {
	command -v "$1" >/dev/null 2>&1 || missing="$missing $2"
}
need cc gcc
need flex flex
need bison bison
need mandoc mandoc
need valgrind valgrind
# tests/limits.sh: peak RSS from GNU time, inputs made by python3
need /usr/bin/time time
need python3 python3
# `tests/need.sh fuzz`: clang and its libFuzzer runtime for make fuzz
if [ "${1:-}" = fuzz ]; then
	need clang clang
	rt=$(clang -print-file-name=libclang_rt.fuzzer-x86_64.a 2>/dev/null)
	[ -f "$rt" ] || missing="$missing libclang-rt-dev"
fi
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "setkey tests need:$missing (apt-get install$missing)" >&2
	exit 2
fi
echo "installing:$missing"
apt-get update -q >/dev/null &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null
