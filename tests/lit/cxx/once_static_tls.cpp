// std::call_once, function-local statics (__cxa_guard_acquire/release/abort)
// and thread_local: each initialiser runs once, its writes happen before every
// use (no false race on the static), a thread that arrives while another
// initialises waits for it in the model, an initialiser that throws lets the
// next caller try again, and thread_local storage reused by later threads is
// no race. Silent with g++ and clang++, also when explored. -DBUG updates the
// static's field without a lock: a race named after the function's static.
// REQUIRES: runtime, gxx, clangxx
// RUN: %gxx -O1 %s -o %t.gcc
// RUN: %interleave run %t.gcc 2>&1 | FileCheck --check-prefix=SILENT %s
// RUN: %interleave run --seed 5 %t.gcc 2>&1 | FileCheck --check-prefix=SILENT %s
// RUN: %interleave explore --budget 20 %t.gcc 2>&1 | FileCheck --check-prefix=EXPLORE %s
// RUN: %clangxx -O1 %s -o %t.clang
// RUN: %interleave run %t.clang 2>&1 | FileCheck --check-prefix=SILENT %s
// RUN: %interleave run --seed 5 %t.clang 2>&1 | FileCheck --check-prefix=SILENT %s
// RUN: %gxx -O1 -DBUG %s -o %t.gcc.bug
// RUN: %not %interleave run %t.gcc.bug 2>&1 >/dev/null | FileCheck --check-prefix=RACE %s
// RUN: %clangxx -O1 -DBUG %s -o %t.clang.bug
// RUN: %not %interleave run %t.clang.bug 2>&1 >/dev/null | FileCheck --check-prefix=RACE %s
//
// SILENT: table built 1 time(s) after 1 failure, config 1 time(s), sums ok, tls ok
// SILENT-NOT: data race
// SILENT: interleave: no findings in 1 run
// EXPLORE: interleave explore: 0 bugs in 20 executions
// RACE: interleave: data race on `shared_table()::table.hits` (global, 4 bytes at {{.*}}once_static_tls.cpp:[[@LINE+27]])
// RACE: #0 use_table() {{.*}}once_static_tls.cpp:[[@LINE+45]]
#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

static int builds, failures, configs;

struct Table {
    int squares[16];
    int hits = 0;
    Table()
    {
        if (failures++ == 0)
            throw std::runtime_error("first try fails"); // __cxa_guard_abort
        for (int i = 0; i < 16; i++) {
            squares[i] = i * i;
            std::this_thread::yield(); // others arrive meanwhile and wait
        }
        builds++;
    }
};

Table &shared_table()
{
    static Table table;
    return table;
}

std::once_flag config_once;
int config_value;

thread_local long tls_sum;

__attribute__((noinline)) int use_table()
{
    Table *t = nullptr;
    while (!t) {
        try {
            t = &shared_table();
        } catch (const std::runtime_error &) {
        }
    }
#ifdef BUG
    t->hits++;
#endif
    int sum = 0;
    for (int i = 0; i < 16; i++)
        sum += t->squares[i];
    return sum;
}

int main()
{
    std::vector<std::thread> threads;
    int sums[4] = {0};
    for (int k = 0; k < 4; k++)
        threads.emplace_back([k, &sums] {
            sums[k] = use_table();
            std::call_once(config_once, [] {
                configs++;
                config_value = 7;
            });
            sums[k] += config_value;
        });
    for (auto &t : threads)
        t.join();
    bool tls_ok = true;
    for (int round = 0; round < 3; round++) { // one after the other: storage is reused
        std::thread t([&tls_ok] {
            for (int i = 1; i <= 10; i++)
                tls_sum += i;
            tls_ok = tls_ok && tls_sum == 55;
        });
        t.join();
    }
    bool ok = true;
    for (int s : sums)
        ok = ok && s == 1240 + 7;
    std::printf("table built %d time(s) after %d failure, config %d time(s), sums %s, tls %s\n",
                builds, failures - builds, configs, ok ? "ok" : "WRONG", tls_ok ? "ok" : "WRONG");
    return 0;
}
