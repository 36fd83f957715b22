# -*- Python -*-
"""The lit test format of the corpus suite (see lit.local.cfg): one test per row of
MANIFEST.tsv; corpus_check.py does the work. A module of its own because lit pickles
the format to send tests to its worker processes."""
import os

import lit.Test
import lit.TestRunner
import lit.formats

import corpus_check

_here = os.path.dirname(os.path.abspath(__file__))


class CorpusFormat(lit.formats.TestFormat):
    def __init__(self, corpus, bin_dir):
        self.corpus = corpus
        self.bin_dir = bin_dir

    def getTestsInDirectory(self, testSuite, path_in_suite, litConfig, localConfig):
        if os.path.abspath(testSuite.getSourcePath(path_in_suite)) != _here:
            return
        if not os.path.isfile(os.path.join(self.corpus, "MANIFEST.tsv")):
            litConfig.note("no corpus at %s: the corpus suite is empty" % self.corpus)
            return
        for row in corpus_check.read_manifest(self.corpus):
            yield lit.Test.Test(testSuite, path_in_suite + (row.file,), localConfig)

    def execute(self, test, litConfig):
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
