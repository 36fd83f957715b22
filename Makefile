# interleave: a thin wrapper over CMake (build directory: build/).
#   make            build bin/interleave, bin/interleave-cc, bin/interleave-c++, lib/libinterleave_rt.a
#   make demo       install missing packages, build, run examples/demo.sh
#   make check      install missing packages, build, run the unit tests (CTest) and lit
#   make format     clang-format the sources
#   make clean      remove build/
# CC=clang (or gcc) picks the compiler; SANITIZE=1 builds the driver and the unit
# tests with ASan and UBSan. FUZZ=1 adds the fuzz target (tests/fuzz).

BUILD      ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS       ?= 2
MAKEFLAGS  += --no-print-directory
LIT        ?= /usr/lib/llvm-14/build/utils/lit/lit.py
# Debian's python3 has python3-psutil (lit's per-test timeout); a python3 of
# pyenv or a virtualenv earlier on PATH may not.
PYTHON     ?= $(shell test -x /usr/bin/python3 && echo /usr/bin/python3 || echo python3)
CMAKE      ?= cmake
CTEST      ?= ctest

CMAKE_FLAGS := -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)
# An explicit CC (make CC=clang, or CC in the environment) selects the compiler;
# make's built-in default "cc" leaves the choice to CMake.
ifneq ($(filter command line environment,$(origin CC)),)
CMAKE_FLAGS += -DCMAKE_C_COMPILER=$(CC)
endif
CMAKE_FLAGS += -DINTERLEAVE_SANITIZE=$(if $(filter 1 ON on yes,$(SANITIZE)),ON,OFF)
# FUZZ=1 builds the libFuzzer target of the trace reader and its ~20 s CTest run
# (tests/fuzz); on by default in CI (CI=true), off otherwise.
FUZZ ?= $(if $(filter true,$(CI)),1,)
CMAKE_FLAGS += -DINTERLEAVE_FUZZ=$(if $(filter 1 ON on yes,$(FUZZ)),ON,OFF)
ifdef INTERLEAVE_SHARED_CORPUS
CMAKE_FLAGS += -DINTERLEAVE_SHARED_CORPUS=$(INTERLEAVE_SHARED_CORPUS)
endif

.PHONY: all build configure demo check check-unit check-lit deps format clean

all: build

# Re-runs CMake each time: cheap, and it picks up CC/SANITIZE changes. A build
# directory made with another compiler is started afresh (CMake cannot switch).
configure:
	@if [ -f $(BUILD)/CMakeCache.txt ] && [ -n "$(filter command line environment,$(origin CC))" ] && \
	   ! grep -qx "CMAKE_C_COMPILER:[A-Z]*=$$(command -v $(CC) 2>/dev/null || echo $(CC))" $(BUILD)/CMakeCache.txt && \
	   ! grep -qx "CMAKE_C_COMPILER:[A-Z]*=$(CC)" $(BUILD)/CMakeCache.txt; then \
		echo "make: compiler changed to $(CC), reconfiguring $(BUILD) from scratch"; \
		rm -rf $(BUILD); \
	fi
	$(CMAKE) -S . -B $(BUILD) $(CMAKE_FLAGS)

build: configure
	$(CMAKE) --build $(BUILD) -j$(JOBS)

deps:
	bash scripts/deps.sh

demo: deps
	$(MAKE) build
	@if [ -f examples/demo.sh ]; then \
		bash examples/demo.sh; \
	else \
		echo "make demo: examples/demo.sh does not exist yet, nothing to run"; \
	fi

# Both suites always run; check fails if either failed.
check: deps
	$(MAKE) build
	@status=0; \
	$(MAKE) --no-print-directory check-unit || status=1; \
	$(MAKE) --no-print-directory check-lit || status=1; \
	if [ $$status -ne 0 ]; then echo "make check: FAILED"; else echo "make check: all passed"; fi; \
	exit $$status

check-unit:
	$(CTEST) --test-dir $(BUILD) --output-on-failure -j$(JOBS)

check-lit:
	$(PYTHON) $(LIT) -sv $(BUILD)/tests/lit

format:
	find src tests include -name '*.[ch]' -not -path 'tests/lit/*' 2>/dev/null | xargs -r clang-format -i

clean:
	rm -rf $(BUILD)
