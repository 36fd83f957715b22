// The reports of race.c, lost_update.c and deadlock.c for programs built with
// clang (INTERLEAVE_CC=clang): the same text, source lines included (clang
// writes DWARF 5 and no .debug_aranges).
// REQUIRES: runtime, clang
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g %S/race.c -o %t.race
// RUN: %not %interleave run %t.race 2>%t.race.err >%t.race.out
// RUN: FileCheck --check-prefix=OUT %S/race.c < %t.race.out
// RUN: %diagcheck %S/race.c < %t.race.err
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g %S/lost_update.c -o %t.lu
// RUN: %not %interleave run %t.lu 2>%t.lu.err >%t.lu.out
// RUN: FileCheck --check-prefix=OUT %S/lost_update.c < %t.lu.out
// RUN: %diagcheck %S/lost_update.c < %t.lu.err
// RUN: env INTERLEAVE_CC=clang %icc -O1 -g %S/deadlock.c -o %t.dl
// RUN: %not %timeout %interleave run %t.dl 2>%t.dl.err >/dev/null
// The whole reports, with every source line:
// RUN: FileCheck %S/race.c < %t.race.err
// RUN: FileCheck %S/lost_update.c < %t.lu.err
// RUN: FileCheck %S/deadlock.c < %t.dl.err
