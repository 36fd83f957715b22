// -static-libstdc++: libstdc++'s own std::thread::_M_start_thread is linked
// into the program (ours is weak and gives way), and our __cxa_guard_* and
// operator new stand in for libstdc++'s, with no libstdc++.so to defer to: the
// programs link, the statics/once test stays silent and correct, and the
// member race is still found; with g++ and clang++.
// REQUIRES: runtime, gxx, clangxx
// RUN: %gxx -O1 -static-libstdc++ %S/once_static_tls.cpp -o %t.gcc
// RUN: %interleave run %t.gcc 2>&1 | FileCheck --check-prefix=SILENT %s
// RUN: %clangxx -O1 -static-libstdc++ %S/once_static_tls.cpp -o %t.clang
// RUN: %interleave run %t.clang 2>&1 | FileCheck --check-prefix=SILENT %s
// RUN: %gxx -O1 -static-libstdc++ -fsized-deallocation %S/new_delete.cpp -o %t.new
// RUN: %interleave run %t.new 2>&1 | FileCheck --check-prefix=NEW %s
// RUN: %clangxx -O1 -static-libstdc++ %S/race_member.cpp -o %t.race
// RUN: %not %interleave run %t.race 2>&1 >/dev/null | FileCheck --check-prefix=RACE %s
// RUN: ldd %t.gcc %t.clang %t.race 2>&1 | FileCheck --check-prefix=LDD %s
//
// SILENT: table built 1 time(s) after 1 failure, config 1 time(s), sums ok, tls ok
// SILENT-NOT: data race
// SILENT: interleave: no findings in 1 run
// NEW: sum 36
// NEW: interleave: no findings in 1 run
// RACE: interleave: data race on `c.value`
// RACE: #0 Counter::inc()
// LDD-NOT: libstdc++
// LDD: libc.so
// LDD-NOT: libstdc++
int main()
{
    return 0;
}
