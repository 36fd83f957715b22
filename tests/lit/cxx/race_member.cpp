// A data race on a member of a global object, found in a member function:
// the report names the member (`c.value`), the demangled member function
// (Counter::inc()) and the source line, with g++ and clang++. The version
// that takes a std::mutex in inc() is silent.
// REQUIRES: runtime, gxx, clangxx
// RUN: %gxx -O1 %s -o %t.gcc
// RUN: %not %interleave run %t.gcc 2>&1 >/dev/null | FileCheck %s
// RUN: %clangxx -O1 %s -o %t.clang
// RUN: %not %interleave run %t.clang 2>&1 >/dev/null | FileCheck %s
// RUN: %gxx -O1 -DLOCKED %s -o %t.gcc.ok
// RUN: %interleave run %t.gcc.ok 2>&1 | FileCheck --check-prefix=SILENT %s
// RUN: %clangxx -O1 -DLOCKED %s -o %t.clang.ok
// RUN: %interleave run %t.clang.ok 2>&1 | FileCheck --check-prefix=SILENT %s
//
// CHECK: interleave: data race on `c.value` (global, 4 bytes at {{.*}}race_member.cpp:[[@LINE+25]])
// SILENT-NOT: data race
// SILENT: 2000
// SILENT: interleave: no findings in 1 run
#include <cstdio>
#include <mutex>
#include <thread>

class Counter {
  public:
    __attribute__((noinline)) void inc()
    {
#ifdef LOCKED
        std::lock_guard<std::mutex> guard(lock);
#endif
        // CHECK-NEXT: {{read|write}} of 4 bytes by T{{[12]}}:
        // CHECK-NEXT: #0 Counter::inc() {{.*}}race_member.cpp:[[@LINE+1]]
        value = value + 1;
    }
    int value = 0;

  private:
    std::mutex lock;
};

Counter c;

__attribute__((noinline)) void worker(Counter *counter)
{
    for (int i = 0; i < 1000; i++)
        counter->inc();
}

int main()
{
    std::thread a(worker, &c), b(worker, &c);
    a.join();
    b.join();
    std::printf("%d\n", c.value);
    return 0;
}
// CHECK: #1 worker(Counter*) {{.*}}race_member.cpp:{{4[0-9]}}
// CHECK: previous {{read|write}} of 4 bytes by T{{[12]}}:
// CHECK-NEXT: #0 Counter::inc() {{.*}}race_member.cpp:
// CHECK: accesses to `c.value`:
// CHECK: interleave: {{[0-9]+}} findings (1 data race{{(, 1 lost update)?}}) in 1 run
