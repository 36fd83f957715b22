// std::mutex with std::lock_guard and std::unique_lock, std::condition_variable
// (a producer/consumer queue) and std::shared_mutex (readers with
// std::shared_lock, a writer with std::unique_lock) are modelled: the correct
// program is silent under several schedules, with g++ and clang++. -DBUG reads
// the shared table without the shared lock: a race on `table[0]`, reported in
// the reader function.
// REQUIRES: runtime, gxx, clangxx
// RUN: %gxx -O1 %s -o %t.gcc
// RUN: %interleave run %t.gcc 2>&1 | FileCheck --check-prefix=SILENT %s
// RUN: %interleave run --seed 7 %t.gcc 2>&1 | FileCheck --check-prefix=SILENT %s
// RUN: %clangxx -O1 %s -o %t.clang
// RUN: %interleave run %t.clang 2>&1 | FileCheck --check-prefix=SILENT %s
// RUN: %interleave run --seed 7 %t.clang 2>&1 | FileCheck --check-prefix=SILENT %s
// RUN: %gxx -O1 -DBUG %s -o %t.gcc.bug
// RUN: %not %interleave run %t.gcc.bug 2>&1 >/dev/null | FileCheck --check-prefix=RACE %s
// RUN: %clangxx -O1 -DBUG %s -o %t.clang.bug
// RUN: %not %interleave run %t.clang.bug 2>&1 >/dev/null | FileCheck --check-prefix=RACE %s
//
// SILENT: consumed 60 items, sum 1770, table 3
// SILENT-NOT: data race
// SILENT: interleave: no findings in 1 run
// RACE: interleave: data race on `table[0]` (global, 4 bytes at {{.*}}mutex_cv.cpp:[[@LINE+12]])
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <shared_mutex>
#include <thread>

std::mutex m;
std::condition_variable cv;
std::deque<int> queue;
bool done = false;
int table[4];
std::shared_mutex table_lock;

__attribute__((noinline)) void producer(int base)
{
    for (int i = 0; i < 30; i++) {
        std::lock_guard<std::mutex> guard(m);
        queue.push_back(base + i);
        cv.notify_one();
    }
}

__attribute__((noinline)) long consumer(int want)
{
    long sum = 0;
    for (int got = 0; got < want; got++) {
        std::unique_lock<std::mutex> lock(m);
        cv.wait(lock, [] { return !queue.empty(); });
        sum += queue.front();
        queue.pop_front();
    }
    return sum;
}

__attribute__((noinline)) int reader()
{
#ifndef BUG
    std::shared_lock<std::shared_mutex> shared(table_lock);
#endif
    // RACE: {{read|write}} of 4 bytes by T{{[0-9]}}:
    // RACE: reader() {{.*}}mutex_cv.cpp:[[@LINE+1]]
    return table[0];
}

__attribute__((noinline)) void writer()
{
    std::unique_lock<std::shared_mutex> exclusive(table_lock);
    table[0]++;
}

int main()
{
    long sum = 0;
    std::thread c([&] { sum = consumer(60); });
    std::thread p1(producer, 0), p2(producer, 30);
    std::thread r1(reader), w1(writer), r2(reader), w2(writer), w3(writer);
    for (std::thread *t : {&c, &p1, &p2, &r1, &w1, &r2, &w2, &w3})
        t->join();
    std::printf("consumed 60 items, sum %ld, table %d\n", sum, table[0]);
    return 0;
}
// RACE: interleave: {{[0-9]+}} finding{{s?}} ({{[0-9]}} data race
