# -*- Python -*-
# The end-to-end suite: each test is a C file whose RUN: lines compile it with
# %icc, run it (or the driver) and pipe the output into FileCheck. Run it on the
# build directory, which holds lit.site.cfg.py with this build's paths:
#   python3 /usr/lib/llvm-14/build/utils/lit/lit.py -sv build/tests/lit
import os
import shutil
import subprocess

import lit.formats
import lit.util

config.name = "interleave"
# The internal shell: portable, and it has a builtin `not`.
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c"]
config.excludes = ["Inputs"]

if not hasattr(config, "interleave_obj_root"):
    lit_config.fatal("run lit on the build directory (build/tests/lit), not on the sources")

config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.interleave_obj_root, "tests", "lit")

bin_dir = config.interleave_bin_dir
interleave = os.path.join(bin_dir, "interleave")
icc = os.path.join(bin_dir, "interleave-cc")
for tool in (interleave, icc):
    if not os.path.exists(tool):
        lit_config.fatal("%s is missing: run `make` first" % tool)

filecheck = config.filecheck
if not os.path.exists(filecheck):
    filecheck = shutil.which("FileCheck") or shutil.which("FileCheck-14") or filecheck

# Hang protection: lit's own per-test timeout needs psutil; otherwise %timeout
# (used in RUN lines in front of programs that might hang) is the coreutils one.
try:
    import psutil  # noqa: F401

    lit_config.maxIndividualTestTime = 120
except ImportError:
    lit_config.note("python3-psutil is missing: no per-test timeout except %timeout")

config.substitutions.append(("%interleave", interleave))
config.substitutions.append(("%icc", icc))
config.substitutions.append(("%corpus", config.interleave_corpus))
# The extra corpus beside the repository (tests/lit/shared_corpus), when there is one:
# $INTERLEAVE_SHARED_CORPUS, else the directory configured by CMake.
config.interleave_shared_corpus = os.environ.get("INTERLEAVE_SHARED_CORPUS") or getattr(
    config, "interleave_shared_corpus", ""
)
config.substitutions.append(("%shared_corpus", config.interleave_shared_corpus))
config.substitutions.append(("%FileCheck", filecheck))
config.substitutions.append(("%not", "not"))
config.substitutions.append(("%timeout", "timeout 60"))
config.substitutions.append(("%gcc", config.gcc or "gcc"))
config.substitutions.append(("%clang", config.clang or "clang"))
config.substitutions.append(("%rtlib", config.interleave_lib_dir))
config.substitutions.append(("%srcroot", config.interleave_src_root))
# A bare `FileCheck` in RUN lines is found through PATH (set below).

# Keep the tests independent of the caller's choices.
for var in ("INTERLEAVE_CC", "INTERLEAVE_RTLIB_DIR", "INTERLEAVE_CC_DRYRUN", "INTERLEAVE_OPTIONS"):
    config.environment.pop(var, None)
config.environment["PATH"] = os.pathsep.join(
    [bin_dir, config.environment.get("PATH", os.environ.get("PATH", "")), os.path.dirname(filecheck)]
)
for var in ("TMPDIR", "HOME"):
    if var in os.environ:
        config.environment[var] = os.environ[var]

if config.gcc:
    config.available_features.add("gcc")
if config.clang:
    config.available_features.add("clang")
if os.path.isdir(config.interleave_corpus):
    config.available_features.add("corpus")
if os.path.isfile(os.path.join(config.interleave_shared_corpus, "MANIFEST.tsv")):
    config.available_features.add("shared-corpus")


def runtime_is_built():
    """True when libinterleave_rt.a defines the ABI (it is a placeholder early on)."""
    archive = os.path.join(config.interleave_lib_dir, "libinterleave_rt.a")
    if not os.path.exists(archive):
        return False
    try:
        out = subprocess.run(
            ["nm", "-g", "--defined-only", archive], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        return False
    names = {line.split()[-1] for line in out.splitlines() if len(line.split()) == 3}
    return {"__tsan_init", "__tsan_func_entry", "__tsan_read4", "__tsan_write4"} <= names


# Tests that link and run programs say `REQUIRES: runtime`.
if runtime_is_built():
    config.available_features.add("runtime")

# Tests of what explore does with several processors say `REQUIRES: multicore`.
if len(os.sched_getaffinity(0)) >= 2:
    config.available_features.add("multicore")
