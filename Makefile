# phishcheck — top-level build. `make` builds native-host/phishcheck; `make check` runs
# every test; `make asan` runs the tests under ASan+UBSan; `make bench`, `make eval`,
# `make fuzz`, `make xpi`, `make deb`, `make install` (PREFIX, DESTDIR).
PREFIX  ?= /usr/local
DESTDIR ?=
VERSION := 0.1.0
CC      ?= cc
PKGS    := gmime-3.0 jansson libpsl libcurl gumbo libidn2 icu-uc icu-i18n libcares sqlite3
OPT     ?= -O2 -g
CFLAGS  ?= $(OPT)
PC_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PC_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter \
             -DPC_VERSION='"$(VERSION)"' -Inative-host/src $(PC_CFLAGS) $(CFLAGS)
# On Linux libcurl, c-ares and SQLite are loaded on first use (native-host/src/util/
# lazylibs.c defines the functions of theirs the host calls): libcurl's 25 dependencies
# are most of the dynamic loader's start-up work, which a `version` answer or a mail
# without links never needs. They stay on the link line --as-needed: a function missing
# from lazylibs.c links them at start-up as before (`ldd` shows it) instead of failing.
LAZY_PKGS := libcurl libcares sqlite3
ifeq ($(shell uname -s),Linux)
PC_LIBS := $(shell pkg-config --libs $(filter-out $(LAZY_PKGS),$(PKGS)) 2>/dev/null) -ldl \
           -Wl,--push-state,--as-needed $(shell pkg-config --libs $(LAZY_PKGS) 2>/dev/null) \
           -Wl,--pop-state
ALL_CFLAGS += -DPC_LAZY_LIBS
endif
LDLIBS  += $(PC_LIBS) -lm -lpthread
# HTML parser behind parse/htmltree.c: myhtml (libmodest-dev) where installed, else gumbo
# (docs/html-parser.md). `make HTML_PARSER=gumbo` picks gumbo.
HTML_PARSER ?= $(if $(wildcard /usr/include/myhtml/api.h),myhtml,gumbo)
ifeq ($(HTML_PARSER),gumbo)
ALL_CFLAGS += -DPC_HTML_GUMBO
else
LDLIBS  += -lmodest
endif
LDFLAGS ?= -Wl,--as-needed -Wl,-O1

B       ?= build
HOST_SRC := $(wildcard native-host/src/*.c native-host/src/util/*.c native-host/src/parse/*.c \
                       native-host/src/checks/*.c native-host/src/checklib/*.c \
                       native-host/src/online/*.c native-host/src/online/net/*.c)
LIB_SRC  := $(filter-out native-host/src/main.c,$(HOST_SRC))
LIB_OBJ  := $(LIB_SRC:%.c=$(B)/%.o) $(B)/gen/data_blob.o $(B)/gen/check_table.o
DATA     := $(sort $(wildcard native-host/data/*))
BIN      := native-host/phishcheck

.PHONY: all deps check test unit cases protocol asan bench eval fuzz fuzz-smoke install \
        uninstall clean
all: $(BIN)

deps:
	@installer/deps.sh build

$(B)/%.o: %.c $(wildcard native-host/src/*.h native-host/src/*/*.h native-host/src/*/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# Data files are compiled in (built-in data, no path to find); --data-dir overrides.
$(B)/tools/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -o $@ $<
$(B)/gen/data_blob.c: $(B)/tools/embed $(DATA)
	@mkdir -p $(dir $@)
	$(B)/tools/embed $@ $(DATA)
# Checks register themselves with PC_CHECK(name) lines; the table is generated.
$(B)/gen/check_table.c: $(wildcard native-host/src/checks/*.c) tools/gen-checks.sh
	@mkdir -p $(dir $@)
	sh tools/gen-checks.sh native-host/src/checks/*.c > $@.tmp && mv $@.tmp $@
$(B)/gen/%.o: $(B)/gen/%.c
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(B)/libphishcheck.a: $(LIB_OBJ)
	rm -f $@; ar rcs $@ $^
$(BIN): $(B)/native-host/src/main.o $(B)/libphishcheck.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDFLAGS) $(LDLIBS)

include tests/tests.mk
include native-host/milter/milter.mk
-include extension/extension.mk
-include installer/installer.mk

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/phishcheck
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/phishcheck

clean:
	rm -rf build build-asan build-fuzz $(BIN) $(MILTER)
