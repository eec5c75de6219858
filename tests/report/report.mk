# tests/report/report.mk — issue #12 on the host side, included by tests/tests.mk:
#   make report-test   context of analyze requests, the `report` request against a local
#                      HTTPS endpoint (test CA, 127.0.0.1), --contacts and --summary
.PHONY: report-test
report-test: $(BIN)
	PHISHCHECK=$(BIN) python3 tests/report/test_report.py
