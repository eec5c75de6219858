# installer/installer.mk — included by the top Makefile (-include).
#   make deb             build/phishcheck_$(VERSION)_$(ARCH).deb (installer/deb/build-deb.sh) and
#                        build/phishcheck-milter_$(VERSION)_$(ARCH).deb (build-milter-deb.sh)
#   make installer-test  tests/installer/run.sh (called by `make check`)
DEB_ARCH := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
DEB      := $(B)/phishcheck_$(VERSION)_$(DEB_ARCH).deb
MILTER_DEB := $(B)/phishcheck-milter_$(VERSION)_$(DEB_ARCH).deb

.PHONY: deb deb-host deb-milter installer-test
deb: deb-host deb-milter
deb-host:
	@installer/deps.sh build && installer/deps.sh deb
	installer/deb/build-deb.sh $(VERSION) $(DEB)
deb-milter:
	@installer/deps.sh build && installer/deps.sh deb
	installer/deb/build-milter-deb.sh $(VERSION) $(MILTER_DEB)

installer-test:
	@installer/deps.sh test
	sh tests/installer/run.sh

# `make check` runs the targets in EXTRA_CHECKS (tests/tests.mk).
EXTRA_CHECKS += installer-test
