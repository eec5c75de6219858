# tests/tests.mk — test targets, included by the top Makefile.
#   make check   everything: unit, cases, protocol, fuzz smoke, extension, installer
#   make asan    unit + cases + protocol again, built with ASan+UBSan (build-asan/)
TEST_CFLAGS = $(ALL_CFLAGS) $(shell pkg-config --cflags cmocka 2>/dev/null)
UNIT_SRC   := $(wildcard tests/unit/test_*.c)
UNIT_BIN   := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

$(B)/tests/test_%: tests/unit/test_%.c $(B)/libphishcheck.a
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -o $@ $< $(B)/libphishcheck.a $(LDFLAGS) $(LDLIBS) -lcmocka
$(B)/tests/cases_runner: tests/cases_runner.c $(B)/libphishcheck.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libphishcheck.a $(LDFLAGS) $(LDLIBS)

.PHONY: test-deps host-tests unit cases protocol
test-deps:
	@installer/deps.sh test
unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do $(TEST_WRAP) $$t; done
cases: $(B)/tests/cases_runner
	$(TEST_WRAP) $(B)/tests/cases_runner tests/cases
$(B)/tests/test_pipes: tests/protocol/test_pipes.c
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -o $@ $< $(LDFLAGS) $(LDLIBS) -lcmocka
protocol: $(BIN) $(B)/tests/test_pipes
	PHISHCHECK=$(BIN) $(B)/tests/test_pipes
host-tests: unit cases protocol

CHECK_TARGETS ?= host-tests fuzz-smoke
check test: test-deps
	$(MAKE) $(CHECK_TARGETS) $(EXTRA_CHECKS)

# Sanitizers: a separate build tree, same tests.
asan:
	$(MAKE) B=build-asan BIN=build-asan/phishcheck OPT="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	    LDFLAGS="-fsanitize=address,undefined" host-tests

# valgrind over the unit tests and a sample of cases.
valgrind: $(UNIT_BIN) $(B)/tests/cases_runner
	$(MAKE) TEST_WRAP="valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite" unit cases
