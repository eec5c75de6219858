# tests/online/online.mk — the online look-ups' tests (issue #6), included by tests/tests.mk.
#   make online-test   test_online.py against local HTTPS servers (127.0.0.1, a test CA)
#   make bench-online  100 mails offline, online cold and warm cache (bench.py)
.PHONY: online-test bench-online
online-test: $(BIN)
	PHISHCHECK=$(BIN) python3 tests/online/test_online.py
bench-online: $(BIN)
	PHISHCHECK=$(BIN) python3 tests/online/bench.py
