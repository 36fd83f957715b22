// Exceptions thrown across threads and the blocking of std::future: a
// std::promise set (or failed with an exception) by another thread, std::async
// tasks whose value or exception std::future::get() delivers, and a
// std::exception_ptr carried to main through join. libstdc++ blocks in
// syscall(SYS_futex) inside future::get(), which the runtime models, so that
// explore stays in control. Silent with g++ and clang++; -DBUG reads what the
// task writes before get() ordered it: a race on `side_effect`.
// REQUIRES: runtime, gxx, clangxx
// RUN: %gxx -O1 %s -o %t.gcc
// RUN: %interleave run %t.gcc 2>&1 | FileCheck --check-prefix=SILENT %s
// RUN: %interleave run --seed 4 %t.gcc 2>&1 | FileCheck --check-prefix=SILENT %s
// RUN: %interleave explore --budget 20 %t.gcc 2>&1 | FileCheck --check-prefix=EXPLORE %s
// RUN: %clangxx -O1 %s -o %t.clang
// RUN: %interleave run %t.clang 2>&1 | FileCheck --check-prefix=SILENT %s
// RUN: %interleave explore --budget 20 %t.clang 2>&1 | FileCheck --check-prefix=EXPLORE %s
// RUN: %gxx -O1 -DBUG %s -o %t.gcc.bug
// RUN: %not %interleave run %t.gcc.bug 2>&1 >/dev/null | FileCheck --check-prefix=RACE %s
// RUN: %clangxx -O1 -DBUG %s -o %t.clang.bug
// RUN: %not %interleave run %t.clang.bug 2>&1 >/dev/null | FileCheck --check-prefix=RACE %s
//
// SILENT: promise 41, async 1, caught 'promise failed' 'async failed' 'thread failed'
// SILENT-NOT: data race
// SILENT: interleave: no findings in 1 run
// EXPLORE: interleave explore: 0 bugs in 20 executions
// RACE: interleave: data race on `side_effect` (global, 4 bytes at {{.*}}future_exception.cpp:[[@LINE+9]])
#include <cstdio>
#include <exception>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>

std::string caught;
int side_effect;

__attribute__((noinline)) int task()
{
    side_effect = 1;
    return side_effect;
}

static void note(std::future<int> &f)
{
    try {
        f.get();
    } catch (const std::exception &e) {
        caught += std::string(caught.empty() ? "'" : " '") + e.what() + "'";
    }
}

int main()
{
    std::promise<int> p;
    std::future<int> pf = p.get_future();
    std::thread setter([&p] { p.set_value(41); });
    int value = pf.get(); // blocks until the other thread sets it
    setter.join();

    std::future<int> af = std::async(std::launch::async, task);
#ifdef BUG
    // RACE: #0 main {{.*}}future_exception.cpp:[[@LINE+1]]
    value += side_effect;
#endif
    int async_value = af.get();

    std::promise<int> broken;
    std::future<int> bf = broken.get_future();
    std::thread failer([&broken] {
        broken.set_exception(std::make_exception_ptr(std::runtime_error("promise failed")));
    });
    note(bf);
    failer.join();

    std::future<int> ff =
        std::async(std::launch::async, []() -> int { throw std::logic_error("async failed"); });
    note(ff);

    std::exception_ptr carried;
    std::thread thrower([&carried] {
        try {
            throw std::runtime_error("thread failed");
        } catch (...) {
            carried = std::current_exception();
        }
    });
    thrower.join();
    try {
        std::rethrow_exception(carried);
    } catch (const std::exception &e) {
        caught += std::string(" '") + e.what() + "'";
    }
    std::printf("promise %d, async %d, caught %s\n", value, async_value, caught.c_str());
    return 0;
}
