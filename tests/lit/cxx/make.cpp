// The same project built by make's implicit rules with CXX=interleave-c++
// (Inputs/make_project/Makefile): the race is found, the mutex version silent.
// REQUIRES: runtime, gxx
// RUN: rm -rf %t.racy %t.ok && mkdir -p %t.racy %t.ok
// RUN: make -s -C %t.racy -f %S/Inputs/make_project/Makefile SRC=%S/Inputs/cmake_project CXX=%icxx > %t.log
// RUN: %not %interleave run %t.racy/counter 2>&1 >/dev/null | FileCheck %s
// RUN: make -s -C %t.ok -f %S/Inputs/make_project/Makefile SRC=%S/Inputs/cmake_project CXX=%icxx DEFS=-DUSE_MUTEX >> %t.log
// RUN: %interleave run %t.ok/counter 2>&1 | FileCheck --check-prefix=SILENT %s
//
// CHECK: interleave: data race on `tally.total_`
// CHECK: #0 stats::Tally::add(int) {{.*}}tally.cpp:8
// SILENT: total 3
// SILENT-NOT: data race
// SILENT: interleave: no findings in 1 run
int main()
{
    return 0;
}
