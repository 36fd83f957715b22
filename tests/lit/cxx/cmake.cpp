// A CMake C++ project (Inputs/cmake_project: std::thread, a class in a
// namespace, a static library) configured with CXX=interleave-c++ in a
// temporary build directory: its race is reported with C++ names, and its
// std::mutex version (-DUSE_MUTEX=ON) is silent.
// REQUIRES: runtime, cmake, gxx
// RUN: rm -rf %t.racy %t.ok
// RUN: env CXX=%icxx cmake -S %S/Inputs/cmake_project -B %t.racy > %t.racy.log
// RUN: cmake --build %t.racy >> %t.racy.log
// RUN: %not %interleave run %t.racy/counter 2>&1 >/dev/null | FileCheck %s
// RUN: env CXX=%icxx cmake -S %S/Inputs/cmake_project -B %t.ok -DUSE_MUTEX=ON > %t.ok.log
// RUN: cmake --build %t.ok >> %t.ok.log
// RUN: %interleave run %t.ok/counter 2>&1 | FileCheck --check-prefix=SILENT %s
//
// CHECK: interleave: data race on `tally.total_` (global, 4 bytes at {{.*}}main.cpp:7)
// CHECK: #0 stats::Tally::add(int) {{.*}}tally.cpp:8
// CHECK: previous {{read|write}} of 4 bytes
// CHECK-NEXT: #0 stats::Tally::add(int) {{.*}}tally.cpp:8
// SILENT: total 3
// SILENT-NOT: data race
// SILENT: interleave: no findings in 1 run
int main()
{
    return 0;
}
