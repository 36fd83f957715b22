// Errors of explore and replay are one clear line each, with exit status 2: a program
// not built with interleave cc, a malformed token, a token made for another program, a
// bad option. Also: --save / --merge, and --shard (two shards merge into one report).
// REQUIRES: runtime, corpus
// RUN: %gcc -O1 -pthread %corpus/seed_e_racy_2x2.c -o %t.plain
// RUN: %not %interleave explore -- %t.plain 2> %t.err; FileCheck --check-prefix=PLAIN %s < %t.err
// RUN: %icc -O1 -g %corpus/seed_e_racy_2x2.c -o %t.e
// RUN: %icc -O1 -g %corpus/seed_f_atomic_2x2.c -o %t.f
// RUN: %not %interleave replay ilv1-AAAA -- %t.e 2> %t.err; FileCheck --check-prefix=MALFORMED %s < %t.err
// RUN: %not %interleave replay hello -- %t.e 2> %t.err; FileCheck --check-prefix=NOTTOKEN %s < %t.err
// RUN: %not %interleave explore --strategy dpor --shard 1/2 --save %t.s1 -- %t.e 2> %t.out1
// RUN: %not %interleave explore --strategy dpor --shard 2/2 --save %t.s2 -- %t.e 2> %t.out2
// RUN: %not %interleave explore --merge %t.s1 %t.s2 2> %t.merged; FileCheck --check-prefix=MERGE %s < %t.merged
// RUN: %python %S/Inputs/first_token.py %t.out1 > %t.tok
// RUN: %python %S/Inputs/run_with_token.py %t.tok %interleave replay @TOKEN@ -- %t.f 2> %t.err; FileCheck --check-prefix=OTHER %s < %t.err
// RUN: %not %interleave explore --strategy nope -- %t.e 2> %t.err; FileCheck --check-prefix=USAGE %s < %t.err
// RUN: %not %interleave explore --shard 3/2 -- %t.e 2> %t.err; FileCheck --check-prefix=SHARD %s < %t.err
//
// PLAIN: interleave explore: {{.*}} was not built with 'interleave cc' (it has no interleave runtime): rebuild it with 'interleave cc'
// PLAIN-NOT: interleave explore:
// MALFORMED: interleave replay: malformed replay token
// NOTTOKEN: interleave replay: not a replay token (they start with 'ilv1-')
// OTHER: interleave replay: this token was made for another program (or another build of {{.*}})
// OTHER-NEXT: exit=2
// MERGE: interleave explore: assertion failure: `x == 4`
// MERGE: interleave explore: 3 bugs in {{[0-9]+}} executions over 2 shards
// USAGE: interleave explore: unknown strategy 'nope'
// SHARD: interleave explore: --shard needs K/N with 1 <= K <= N, not '3/2'
