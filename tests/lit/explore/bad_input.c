// Bad input never produces a false statement: each case gets the one line that says what
// is wrong, and exit status 2.
// REQUIRES: runtime
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %icc -O1 -g %S/Inputs/racy_2x2.c -o prog
//
// An unknown option is called unknown by every subcommand, whatever follows it:
// RUN: %not %interleave explore --bogus ./prog 2>&1 | FileCheck --check-prefix=EXPLORE %s
// RUN: %not %interleave run --bogus ./prog 2>&1 | FileCheck --check-prefix=RUNCMD %s
// RUN: %not %interleave report --bogus x.trace 2>&1 | FileCheck --check-prefix=REPORT %s
// RUN: %not %interleave replay --bogus ilv1-AAAA -- ./prog 2>&1 | FileCheck --check-prefix=REPLAY %s
// RUN: %not %interleave explore --budget=12 --bogus=3 ./prog 2>&1 | FileCheck --check-prefix=EXPLORE-EQ %s
//
// A number option says which option and what it allows:
// RUN: %not %interleave explore --budget 0 ./prog 2>&1 | FileCheck --check-prefix=BUDGET %s
// RUN: %not %interleave explore --jobs 0 ./prog 2>&1 | FileCheck --check-prefix=JOBS %s
// RUN: %not %interleave explore --jobs 257 ./prog 2>&1 | FileCheck --check-prefix=JOBS257 %s
// RUN: %not %interleave explore --depth abc ./prog 2>&1 | FileCheck --check-prefix=DEPTH %s
// RUN: %not %interleave explore --budget 2>&1 | FileCheck --check-prefix=NOVALUE %s
// RUN: %not %interleave run --history -1 ./prog 2>&1 | FileCheck --check-prefix=HISTORY-FLAG %s
//
// INTERLEAVE_OPTIONS: bad values are refused with the words of the flag, by the driver
// before the program starts, and by the runtime of a program started directly:
// RUN: env INTERLEAVE_OPTIONS=seed=abc %not %interleave run ./prog 2>&1 | FileCheck --check-prefix=SEED-DRV %s
// RUN: env INTERLEAVE_OPTIONS=history=-1 %not %interleave run ./prog 2>&1 | FileCheck --check-prefix=HISTORY-DRV %s
// RUN: env INTERLEAVE_OPTIONS=history=-1 %not %interleave explore ./prog 2>&1 | FileCheck --check-prefix=HISTORY-XDRV %s
// RUN: env INTERLEAVE_OPTIONS=seed=abc %not ./prog 2>&1 | FileCheck --check-prefix=SEED-RT %s
// RUN: env INTERLEAVE_OPTIONS="report_fd=2 history=-1" %not ./prog 2>&1 | FileCheck --check-prefix=HISTORY-RT %s
// RUN: env INTERLEAVE_OPTIONS="lost_updates=maybe" %not ./prog 2>&1 | FileCheck --check-prefix=FLAG-RT %s
//
// ... and are of any length: 8 KiB of options still reach report_fd, appended last.
// RUN: %python -c "print('history=16 ' * 800)" > long.opts
// RUN: %python %S/Inputs/run_with_env.py long.opts %interleave run --seed 2 ./prog > long.out 2>&1
// RUN: FileCheck --check-prefix=LONG %s < long.out

// EXPLORE: interleave explore: unknown option '--bogus'
// EXPLORE-NEXT: Try 'interleave explore --help'.
// EXPLORE-NOT: needs a number
// RUNCMD: interleave run: unknown option '--bogus'
// REPORT: interleave report: unknown option '--bogus'
// REPLAY: interleave replay: unknown option '--bogus'
// EXPLORE-EQ: interleave explore: unknown option '--bogus=3'
// BUDGET: interleave explore: --budget needs a number of at least 1, not '0'
// JOBS: interleave explore: --jobs needs a number from 1 to 256, not '0'
// JOBS257: interleave explore: --jobs needs a number from 1 to 256, not '257'
// DEPTH: interleave explore: --depth needs a number from 1 to 16, not 'abc'
// NOVALUE: interleave explore: option '--budget' needs a value
// HISTORY-FLAG: interleave run: --history needs a number from 1 to 1000000, not '-1'
// SEED-DRV: interleave run: INTERLEAVE_OPTIONS: seed needs a number, not 'abc'
// SEED-DRV-NOT: wrote no findings
// HISTORY-DRV: interleave run: INTERLEAVE_OPTIONS: history needs a number from 1 to 1000000, not '-1'
// HISTORY-XDRV: interleave explore: INTERLEAVE_OPTIONS: history needs a number from 1 to 1000000, not '-1'
// SEED-RT: interleave: INTERLEAVE_OPTIONS: seed needs a number, not 'abc'
// SEED-RT-NOT: x =
// HISTORY-RT: interleave: INTERLEAVE_OPTIONS: history needs a number from 1 to 1000000, not '-1'
// FLAG-RT: interleave: INTERLEAVE_OPTIONS: lost_updates needs 0 or 1, not 'maybe'
// LONG-NOT: wrote no findings stream
// LONG: interleave: {{[0-9]+}} finding{{s?}} {{.*}} in 1 run, seed 2
// LONG: exit=66
