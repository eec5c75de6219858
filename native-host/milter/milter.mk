# native-host/milter/milter.mk — phishcheck-milter (docs/gateway.md), included by the top
# Makefile: the same library as the host (build/libphishcheck.a) plus libmilter.
MILTER      ?= native-host/phishcheck-milter
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

.PHONY: milter-test
milter-test: $(BIN) $(MILTER)
	sh tests/milter/run.sh $(MILTER) $(BIN)
EXTRA_CHECKS += milter-test
