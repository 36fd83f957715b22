// std::atomic<T> of 1, 2, 4 and 8 bytes (and a pointer), every operation and
// memory order: read-modify-writes from four threads add up exactly, and a
// release store / acquire load of each size publishes the plain data written
// before it (silent, with g++ and clang++). -DRELAXED publishes with relaxed
// orders only: a race on `payload.data` for the 2-byte flag.
// REQUIRES: runtime, gxx, clangxx
// RUN: %gxx -O1 %s -o %t.gcc
// RUN: %interleave run %t.gcc 2>&1 | FileCheck --check-prefix=SILENT %s
// RUN: %interleave run --seed 3 %t.gcc 2>&1 | FileCheck --check-prefix=SILENT %s
// RUN: %clangxx -O1 %s -o %t.clang
// RUN: %interleave run %t.clang 2>&1 | FileCheck --check-prefix=SILENT %s
// RUN: %interleave run --seed 3 %t.clang 2>&1 | FileCheck --check-prefix=SILENT %s
// RUN: %gxx -O1 -DRELAXED %s -o %t.gcc.bug
// RUN: %not %interleave run %t.gcc.bug 2>&1 >/dev/null | FileCheck --check-prefix=RACE %s
// RUN: %clangxx -O1 -DRELAXED %s -o %t.clang.bug
// RUN: %not %interleave run %t.clang.bug 2>&1 >/dev/null | FileCheck --check-prefix=RACE %s
//
// SILENT: sizes 1 2 4 8 8: all counts right, all payloads seen
// SILENT-NOT: data race
// SILENT: interleave: no findings in 1 run
// RACE: interleave: data race on `payload.data`
// RACE: #0 bool consume<short>(std::atomic<short>&) {{.*}}atomic.cpp:[[@LINE+45]]
#include <atomic>
#include <cstdio>
#include <thread>

#ifdef RELAXED
#define PUBLISH std::memory_order_relaxed
#define OBSERVE std::memory_order_relaxed
#else
#define PUBLISH std::memory_order_release
#define OBSERVE std::memory_order_acquire
#endif

template <typename T> struct counters {
    std::atomic<T> value{0};
    void work()
    {
        for (int i = 0; i < 5; i++) {
            value.fetch_add(1, std::memory_order_relaxed);
            value.fetch_add(1, std::memory_order_acquire);
            value.fetch_add(1, std::memory_order_release);
            value.fetch_add(1, std::memory_order_acq_rel);
            value.fetch_add(1); // seq_cst
            T seen = value.load(std::memory_order_relaxed);
            while (!value.compare_exchange_weak(seen, T(seen + 1), std::memory_order_acq_rel,
                                                std::memory_order_relaxed))
                ;
            seen = value.load(std::memory_order_seq_cst);
            while (!value.compare_exchange_strong(seen, T(seen + 1)))
                ;
            value.fetch_sub(2, std::memory_order_release);
            T all = value.exchange(0, std::memory_order_acq_rel); // and back: nothing lost
            value.fetch_add(all, std::memory_order_relaxed);
        }
    }
};

struct {
    long data;
} payload;

template <typename F> __attribute__((noinline)) bool consume(std::atomic<F> &flag)
{
    while (!flag.load(OBSERVE))
        std::this_thread::yield();
    return payload.data == 40 + (long)sizeof(F);
}

template <typename F> bool publish_once()
{
    std::atomic<F> flag{0};
    payload.data = 0;
    bool ok = false;
    std::thread reader([&] { ok = consume(flag); });
    std::thread writer([&] {
        payload.data = 40 + (long)sizeof(F);
        flag.store(1, PUBLISH);
    });
    reader.join();
    writer.join();
    return ok;
}

template <typename T> bool count()
{
    counters<T> c;
    std::thread t[4];
    for (auto &th : t)
        th = std::thread([&] { c.work(); });
    for (auto &th : t)
        th.join();
    return c.value.load() == T(4 * 5 * 5);
}

int main()
{
    bool counts = count<signed char>() && count<short>() && count<int>() && count<long>();
    std::atomic<int *> ptr{nullptr};
    int target = 0;
    std::thread pt([&] { ptr.store(&target, std::memory_order_release); });
    pt.join();
    counts = counts && ptr.load(std::memory_order_acquire) == &target;
    bool seen = publish_once<short>() && publish_once<char>() && publish_once<int>() &&
                publish_once<long>();
    std::printf("sizes %zu %zu %zu %zu %zu: %s, %s\n", sizeof(char), sizeof(short), sizeof(int),
                sizeof(long), sizeof(int *), counts ? "all counts right" : "COUNTS WRONG",
                seen ? "all payloads seen" : "PAYLOAD MISSED");
    return 0;
}
