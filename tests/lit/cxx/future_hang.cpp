// A std::future that is never ready: main waits for a promise that the other
// thread only sets after main has set a second one. Both block in libstdc++'s
// futex wait, which the runtime models, so `interleave run` reports a hang at
// once (naming each futex word) instead of sleeping in the kernel, and
// explore reports it too; with g++ and clang++.
// REQUIRES: runtime, gxx, clangxx
// RUN: %gxx -O1 %s -o %t.gcc
// RUN: %not %interleave run %t.gcc 2>&1 | FileCheck %s
// RUN: %not %interleave explore --budget 5 %t.gcc 2>&1 | FileCheck --check-prefix=EXPLORE %s
// RUN: %clangxx -O1 %s -o %t.clang
// RUN: %not %interleave run %t.clang 2>&1 | FileCheck %s
//
// CHECK: interleave: hang
// CHECK-DAG: T0 waits for futex 0x{{[0-9a-f]+}}
// CHECK-DAG: T1 waits for futex 0x{{[0-9a-f]+}}
// CHECK: T1 created by T0 at
// CHECK: interleave: 1 finding (1 hang)
// EXPLORE: interleave explore: hang
// EXPLORE: interleave explore: 1 bug (hang)
#include <future>
#include <thread>

int main()
{
    std::promise<int> first, second;
    std::future<int> first_ready = first.get_future();
    std::thread t([&] {
        second.get_future().get(); // waits for main ...
        first.set_value(1);
    });
    int v = first_ready.get(); // ... which waits for t
    second.set_value(2);
    t.join();
    return v;
}
