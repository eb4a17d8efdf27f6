# The front door. `make demo` runs the main job on the default scenario;
# `make test` builds and runs the whole test suite. Both install missing
# Debian packages first (scripts/install-deps).
SCENARIO ?= data/scenarios/kz-xj
MONITOR ?= data/monitors/kz-xj
OUT ?= out
CORRIDOR := build/release/apps/corridor/corridor

.PHONY: deps build demo serve test test-asan bench format clean

deps:
	@scripts/install-deps

build: deps
	cmake --preset release >/dev/null
	cmake --build --preset release

# The main job: the exact plan of the default scenario, its comparison with the third
# railway crossing, a short simulation of the plan, the agreement monitor fed by both,
# and the HTML reports.
demo: build
	$(CORRIDOR) plan $(SCENARIO) --out $(OUT)
	@echo
	$(CORRIDOR) compare $(SCENARIO) --variants third-railway --out $(OUT)/compare
	@echo
	$(CORRIDOR) simulate $(SCENARIO) --plan $(OUT)/plan.json --days 28 --warmup 14 --replications 2 --out $(OUT)
	@echo
	$(CORRIDOR) monitor status $(MONITOR) --run plan=$(OUT)/plan.json --run sim=$(OUT)/sim.json --out $(OUT)/monitor --log $(OUT)/monitor-audit.log
	@echo
	@echo "report: $(abspath $(OUT))/report.html"
	@echo "comparison report: $(abspath $(OUT))/compare/report.html"
	@echo "agreement monitor: $(abspath $(OUT))/monitor/monitor.html"

# The shared workspace on http://127.0.0.1:8080 (docs/serve.md): the database in
# corridor-data/, the default scenario and monitor imported on first start, and a
# one-time token printed for the first admin.
serve: build
	$(CORRIDOR) serve

test: deps
	cmake --preset release >/dev/null
	cmake --build --preset release
	ctest --preset release

test-asan: deps
	cmake --preset asan >/dev/null
	cmake --build --preset asan
	ctest --preset asan

bench: deps
	cmake --preset bench >/dev/null
	cmake --build --preset bench
	@echo "benchmarks built in build/bench; see bench/README.md"

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf build out
