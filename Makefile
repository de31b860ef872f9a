# Domino: `make run` and `make test` work on a fresh Debian machine with the Swift toolchain.
SHELL := /bin/bash
.DEFAULT_GOAL := help

DATA_DIR    := $(CURDIR)/.data
# chromium, its driver and a Japanese font are for the console's browser tests (scripts/browser-tests.sh);
# without the font the screenshots show Japanese as empty boxes.
PACKAGES    := libpq-dev postgresql postgresql-contrib curl jq zbar-tools chromium chromium-driver fonts-ipafont-gothic
BENCH_PACKAGES := wrk nginx-light
SUDO        := $(if $(filter 0,$(shell id -u)),,sudo)
LOCAL_DB    := postgres:///domino?host=$(DATA_DIR)/run&user=postgres
RUN_DB      := $(or $(DATABASE_URL),$(LOCAL_DB))

SCHEMATHESIS := schemathesis==4.32.5
# The SMTP server the mail tests deliver to besides their own sink (scripts/smtp-sink.py).
AIOSMTPD     := aiosmtpd==1.4.6
## The references of scripts/framing-diff.py: llhttp (through httptools) and h11.
FRAMING_REFERENCES := httptools==0.9.0 h11==0.16.0
# The console's browser tests drive chromium with it (scripts/browser-tests.sh).
SELENIUM     := selenium==4.50.0
# The browser tests run axe-core's accessibility rules on every page: this package ships axe.min.js
# (axe-core 4.12.1). Only that file is used, so the package goes in without its Playwright dependency.
AXE          := axe-playwright-python==0.1.8

.PHONY: help deps bench-deps venv build release db migrate run test test-dates faults many-wide bench fuzz clean eval-matching

help:
	@echo "make run    install what is missing, start PostgreSQL under .data/ (unless DATABASE_URL is set), migrate, load the demo data, serve on PORT (default 8080) and run the worker (domino dev)"
	@echo "make migrate  install what is missing, build, start the local cluster (unless DATABASE_URL is set) and apply pending migrations"
	@echo "make test   install what is missing, then the whole test suite (the console's browser tests print their screenshots folder)"
	@echo "make release  a release build in which any compiler warning is an error"
	@echo "make test-dates  the whole suite under libfaketime at the end of a fiscal year, the start of the next and in 2031"
	@echo "make faults fault tests: kill -9 the API during writes, restart PostgreSQL under load, kill a worker mid-job"
	@echo "make many-wide  2 API + 2 workers + nginx on one PostgreSQL under load; jobs exactly once (docs/scaling.md)"
	@echo "make bench  benchmarks (prints tables)"
	@echo "make eval-matching  the matcher on Tests/matching-eval/dataset.json, dev and held-out parts, with BM25 and TF-IDF baselines"
	@echo "make fuzz   fuzz the HTTP request parser for FUZZ_SECONDS (default 600)"
	@echo "make clean  stop the local cluster, remove .build/ and .data/"

## Installs the Debian packages that are missing; nothing when all are present.
deps:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

## A project-local Python environment for the contract test (schemathesis from PyPI), the mail
## tests' independent SMTP server (aiosmtpd from PyPI), the framing references (httptools, h11) and the
## console's browser tests (selenium from PyPI, driving Debian's chromium through
## /usr/bin/chromedriver). One stamp per package, so an existing .venv gains a package added later.
venv: .venv/.installed .venv/.installed-aiosmtpd .venv/.installed-framing .venv/.installed-selenium .venv/.installed-axe
.venv/.created:
	python3 -m venv .venv || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv && python3 -m venv .venv; }
	touch $@
.venv/.installed: .venv/.created
	.venv/bin/pip install -q --disable-pip-version-check '$(SCHEMATHESIS)'
	touch $@
.venv/.installed-framing: .venv/.installed
	.venv/bin/pip install -q --disable-pip-version-check $(FRAMING_REFERENCES)
	touch $@
.venv/.installed-aiosmtpd: .venv/.created
	.venv/bin/pip install -q --disable-pip-version-check '$(AIOSMTPD)'
	touch $@
.venv/.installed-selenium: .venv/.installed
	.venv/bin/pip install -q --disable-pip-version-check '$(SELENIUM)'
	touch $@
.venv/.installed-axe: .venv/.installed
	.venv/bin/pip install -q --disable-pip-version-check --no-deps '$(AXE)'
	touch $@

build: deps
	swift build

## A release build in which any compiler warning is an error, so the build stays warning-free (.ci/run).
release: deps
	swift build -c release -Xswiftc -warnings-as-errors

## A local cluster under .data/, kept between runs; skipped when DATABASE_URL points elsewhere.
db: deps
	@if [ -z "$(DATABASE_URL)" ]; then scripts/local-postgres.sh start "$(DATA_DIR)"; fi

migrate: build db
	DATABASE_URL='$(RUN_DB)' swift run domino migrate

## DOMINO_ENV=development: the local demo uses the development secrets key and demo users, which
## serve, worker and seed refuse elsewhere (docs/operations.md).
## The demo's mail goes to a local sink under .data/mail/ unless DOMINO_SMTP_HOST names a relay (scripts/run-dev.sh).
run: migrate .venv/.installed-aiosmtpd
	DOMINO_ENV=development DATABASE_URL='$(RUN_DB)' swift run domino seed
	@echo "Web console: http://127.0.0.1:$(or $(PORT),8080)/  (sign in as coordinator@demo.domino.example, password yokohama-demo-2026)"
	DOMINO_ENV=development DATABASE_URL='$(RUN_DB)' scripts/run-dev.sh "$$(swift build --show-bin-path)/domino"

test: deps venv
	swift build --build-tests
	swift test --skip-build
	.venv/bin/python scripts/framing-diff.py "$$(swift build --show-bin-path)/DominoBench"
	scripts/schemathesis.sh
	scripts/browser-tests.sh
	deploy/verify.sh
	deploy/tests/restore-drill.sh
	deploy/tests/getting-started.sh
	deploy/tests/dev-mail.sh
	deploy/tests/nginx-smoke.sh
	deploy/tests/private-checkout.sh

## The whole suite with the test binary's clock moved by libfaketime (PostgreSQL on the real clock):
## nothing may depend on the date (scripts/test-dates.sh, docs/operations.md).
test-dates: deps
	@dpkg -s faketime >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq faketime; }
	swift build --build-tests
	scripts/test-dates.sh

## Fault tests on a throwaway cluster (deploy/tests/faults.sh; docs/operations.md).
faults: deps
	swift build --build-tests
	deploy/tests/faults.sh

## Two APIs and two workers behind nginx under load, job queue exactness checked (docs/scaling.md). Heavy.
## Many-wide runs the release build, as production does (the figures in docs/scaling.md are release figures).
many-wide: bench-deps
	swift build -c release --product domino
	DOMINO_BINARY="$$(swift build -c release --show-bin-path)/domino" deploy/tests/many-wide.sh

## wrk and nginx: the HTTP table of `make bench`, and the load and the proxy of `make many-wide`.
bench-deps: deps
	@missing=""; for p in $(BENCH_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; fi

bench: bench-deps
	scripts/bench.sh

## The matcher on the labelled set, in a throwaway database (EVAL_ARGS=-v lists every need's top five).
eval-matching: deps
	swift build --product DominoBench
	$$(swift build --show-bin-path)/DominoBench matching-eval $(EVAL_ARGS)

FUZZ_SECONDS ?= 600

fuzz: deps
	scripts/fuzz.sh $(FUZZ_SECONDS)

clean:
	-@[ -d "$(DATA_DIR)/pg" ] && scripts/local-postgres.sh stop "$(DATA_DIR)" && scripts/local-postgres.sh remove "$(DATA_DIR)"
	rm -rf .build .data
