// C++20 std::atomic<T>::wait/notify_one block in syscall(SYS_futex) from the
// (instrumented) header code; the runtime models the futex, so the waiter
// blocks in the scheduler and explore keeps control. The release store before
// notify orders the plain data: silent. -DBUG publishes with a relaxed store:
// a race on `data`.
// REQUIRES: runtime, gxx, clangxx
// RUN: %gxx -std=c++20 -O1 %s -o %t.gcc
// RUN: %interleave run %t.gcc 2>&1 | FileCheck --check-prefix=SILENT %s
// RUN: %interleave explore --budget 20 %t.gcc 2>&1 | FileCheck --check-prefix=EXPLORE %s
// RUN: %clangxx -std=c++20 -O1 %s -o %t.clang
// RUN: %interleave run %t.clang 2>&1 | FileCheck --check-prefix=SILENT %s
// RUN: %interleave explore --budget 20 %t.clang 2>&1 | FileCheck --check-prefix=EXPLORE %s
// RUN: %gxx -std=c++20 -O1 -DBUG %s -o %t.gcc.bug
// RUN: %not %interleave run %t.gcc.bug 2>&1 >/dev/null | FileCheck --check-prefix=RACE %s
//
// SILENT: data 5
// SILENT-NOT: data race
// SILENT: interleave: no findings in 1 run
// EXPLORE: interleave explore: 0 bugs in 20 executions
// RACE: interleave: data race on `data`
#include <atomic>
#include <cstdio>
#include <thread>

#ifdef BUG
#define PUBLISH std::memory_order_relaxed
#else
#define PUBLISH std::memory_order_release
#endif

std::atomic<int> flag{0};
int data;

int main()
{
    std::thread t([] {
        data = 5;
        flag.store(1, PUBLISH);
        flag.notify_one();
    });
    flag.wait(0, std::memory_order_acquire); // blocks while flag == 0
    int seen = data;
    t.join();
    std::printf("data %d\n", seen);
    return 0;
}
