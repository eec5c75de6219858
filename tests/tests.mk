# tests/tests.mk — test targets, included by the top Makefile. (filled in below)
