# -*- Python -*-
"""The lit test format of the corpus suites (see lit.local.cfg here and in
../shared_corpus): one test per row of MANIFEST.tsv; corpus_check.py does the work. A
module of its own because lit pickles the format to send tests to its worker processes.

A suite whose corpus is optional (the shared corpus beside the repository) yields one
test, MANIFEST.tsv, reported UNSUPPORTED with the reason when the corpus is absent."""
import os

import lit.Test
import lit.TestRunner
import lit.formats

import corpus_check

_here = os.path.dirname(os.path.abspath(__file__))


class CorpusFormat(lit.formats.TestFormat):
    """The rows of the corpus at `corpus`, as tests of the directory `suite_dir`.
    `missing` (optional corpora only) says what to do when the corpus is absent."""

    def __init__(self, corpus, bin_dir, suite_dir=_here, missing=None):
        self.corpus = corpus
        self.bin_dir = bin_dir
        self.suite_dir = os.path.abspath(suite_dir)
        self.missing = missing

    def present(self):
        return os.path.isfile(os.path.join(self.corpus, "MANIFEST.tsv"))

    def getTestsInDirectory(self, testSuite, path_in_suite, litConfig, localConfig):
        if os.path.abspath(testSuite.getSourcePath(path_in_suite)) != self.suite_dir:
            return
        if not self.present():
            if self.missing is None:
                litConfig.fatal("no MANIFEST.tsv in %s, the corpus of this suite" % self.corpus)
            litConfig.note("no corpus at %s: %s" % (self.corpus or "(none)", self.missing))
            yield lit.Test.Test(testSuite, path_in_suite + ("MANIFEST.tsv",), localConfig)
            return
        for row in corpus_check.read_manifest(self.corpus):
            yield lit.Test.Test(testSuite, path_in_suite + (row.file,), localConfig)

    def execute(self, test, litConfig):
        if not self.present():
            return lit.Test.UNSUPPORTED, "no corpus at %s: %s" % (self.corpus or "(none)", self.missing)
        if "runtime" not in test.config.available_features:
            return lit.Test.UNSUPPORTED, "the runtime is not built yet"
        name = test.path_in_suite[-1]
        rows = [r for r in corpus_check.read_manifest(self.corpus) if r.file == name]
        if not rows:
            return lit.Test.UNRESOLVED, "%s is no longer in MANIFEST.tsv" % name
        _, tmp_base = lit.TestRunner.getTempPaths(test)
        tools = corpus_check.Tools(self.bin_dir, self.corpus, env=test.config.environment)
        try:
            ok, lines = corpus_check.check_row(rows[0], tools, tmp_base + ".dir")
        except OSError as e:
            return lit.Test.UNRESOLVED, "cannot run: %s" % e
        return (lit.Test.PASS if ok else lit.Test.FAIL), "\n".join(lines) + "\n"
