// The programs of this directory that interleave must find silent are correct
// by ThreadSanitizer's judgement too: built with `g++ -fsanitize=thread` and
// `clang++ -fsanitize=thread` (their own runtime, not ours), each runs without
// a single warning, and the racy race_member.cpp gets one. once_static_tls.cpp
// is left out: its static's first initialisation throws, and clang's
// ThreadSanitizer runtime does not order that aborted attempt before the next
// one (two warnings), where libstdc++ does (acq_rel exchanges on the guard),
// and interleave follows libstdc++.
// REQUIRES: gxx, clangxx
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: bash %S/Inputs/tsan_warnings.sh %t.dir %S mutex_cv atomic new_delete \
// RUN:   future_exception libstdcxx_silent race_member > %t.out
// RUN: FileCheck %s < %t.out
// CHECK: g++ mutex_cv 0
// CHECK-NEXT: g++ atomic 0
// CHECK-NEXT: g++ new_delete 0
// CHECK-NEXT: g++ future_exception 0
// CHECK-NEXT: g++ libstdcxx_silent 0
// CHECK-NEXT: g++ race_member 1
// CHECK-NEXT: clang++ mutex_cv 0
// CHECK-NEXT: clang++ atomic 0
// CHECK-NEXT: clang++ new_delete 0
// CHECK-NEXT: clang++ future_exception 0
// CHECK-NEXT: clang++ libstdcxx_silent 0
// CHECK-NEXT: clang++ race_member 1
int main() { return 0; }
