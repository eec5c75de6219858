# extension/extension.mk — the Thunderbird add-on (included by the top Makefile).
#   make xpi       build/phishcheck.xpi, unsigned and reproducible (fixed order,
#                  dates and modes: the same sources give the same bytes)
#   make ext-unit  unit tests of the add-on's logic (node --test)
#   make ext-lint  tsc --checkJs --noEmit (extension/tsconfig.json: the JSDoc types and
#                  extension/types/), then addons-linter; both installed by npm into
#                  build/lint, pinned; only the Experiment API's MANIFEST_FIELD_PRIVILEGED
#                  error of addons-linter is tolerated
#   make tb-test   real Thunderbird under xvfb with the built .xpi and host

EXT_SHIPPED := manifest.json _locales background content experiments guard lib options popup report scan ui icons
EXT_FILES   := $(shell cd extension && find $(EXT_SHIPPED) -type f 2>/dev/null | LC_ALL=C sort)
XPI         := $(B)/phishcheck.xpi
XPI_STAGE   := $(B)/xpi-stage
LINT_DIR    := $(B)/lint
ADDONS_LINTER_VERSION := 10.13.0
ADDONS_LINTER := $(LINT_DIR)/node_modules/.bin/addons-linter
TYPESCRIPT_VERSION := 5.9.3
TSC           := $(LINT_DIR)/node_modules/.bin/tsc
# One npm step for both tools; the stamp names the versions, so a new pin reinstalls.
LINT_TOOLS    := $(LINT_DIR)/.tools-$(ADDONS_LINTER_VERSION)-$(TYPESCRIPT_VERSION)

.PHONY: xpi ext-unit ext-lint tb-test

xpi: $(XPI)

$(XPI): $(addprefix extension/,$(EXT_FILES)) extension/extension.mk
	rm -rf $(XPI_STAGE) $@
	mkdir -p $(XPI_STAGE)
	cd extension && cp --parents $(EXT_FILES) $(abspath $(XPI_STAGE))/
	chmod -R u=rwX,go=rX $(XPI_STAGE)
	find $(XPI_STAGE) -exec touch -h -d 2020-01-01T00:00:00Z {} +
	cd $(XPI_STAGE) && printf '%s\n' $(EXT_FILES) | TZ=UTC zip -X -D -q -9 $(abspath $@) -@

ext-unit:
	node --test extension/test/

$(LINT_TOOLS):
	mkdir -p $(LINT_DIR)
	npm install --prefix $(LINT_DIR) --no-audit --no-fund --loglevel=error --save-exact \
	    addons-linter@$(ADDONS_LINTER_VERSION) typescript@$(TYPESCRIPT_VERSION)
	touch $@

# Thunderbird APIs and permissions are unknown to this Firefox-oriented linter
# and come out as warnings; errors fail the target, except exactly
# MANIFEST_FIELD_PRIVILEGED for the Experiment API (tools/lint-verdict.mjs).
ext-lint: $(XPI) $(LINT_TOOLS)
	$(TSC) -p extension/tsconfig.json --checkJs --noEmit
	$(ADDONS_LINTER) --self-hosted --output json $(XPI) > $(B)/ext-lint.json || true
	node tools/lint-verdict.mjs $(B)/ext-lint.json

tb-test: $(XPI) $(BIN)
	node tests/thunderbird/run.mjs --xpi $(XPI) --host $(BIN) --out $(B)
