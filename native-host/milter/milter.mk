# native-host/milter/milter.mk — phishcheck-milter (docs/gateway.md), included by the top
# Makefile: the same library as the host (build/libphishcheck.a) plus libmilter.
MILTER      ?= $(dir $(BIN))phishcheck-milter
# (native-host/phishcheck-milter; build-asan/phishcheck-milter under `make asan`)
MILTER_SRC  := $(wildcard native-host/milter/*.c)
MILTER_OBJ  := $(MILTER_SRC:%.c=$(B)/%.o)
MILTER_LIB_OBJ := $(B)/native-host/milter/rewrite.o $(B)/native-host/milter/conf.o

all: $(MILTER)
$(B)/native-host/milter/%.o: native-host/milter/%.c $(wildcard native-host/milter/*.h native-host/src/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@
$(MILTER): $(MILTER_OBJ) $(B)/libphishcheck.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDFLAGS) -lmilter $(LDLIBS)

# the header rewrite and config logic alone, without libmilter (tests/unit/test_milter.c;
# runs under `make unit`, `make asan` and `make valgrind` like the other unit tests)
$(B)/tests/test_milter: tests/unit/test_milter.c $(MILTER_LIB_OBJ) $(B)/libphishcheck.a
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -Inative-host/milter -o $@ $^ $(LDFLAGS) $(LDLIBS) -lcmocka

# the milter behind a real Postfix (tests/milter/run.sh); in `make check`, and in `make asan`
# with both binaries built with ASan + UBSan
.PHONY: milter-test
milter-test: $(BIN) $(MILTER)
	sh tests/milter/run.sh $(MILTER) $(BIN)
ASAN_EXTRA += milter-test
EXTRA_CHECKS += milter-test

# outside the .deb: `make install-milter PREFIX=/usr/local` (a service unit and config:
# installer/deb/milter/, docs/gateway.md)
.PHONY: install-milter
install-milter: $(MILTER)
	install -d $(DESTDIR)$(PREFIX)/sbin
	install -m 755 $(MILTER) $(DESTDIR)$(PREFIX)/sbin/phishcheck-milter
