// libstdc++'s own synchronisation is no false race: shared_ptr reference
// counts (copies and releases in many threads, the last one deletes),
// weak_ptr::lock, std::string copies of a shared immutable string, and
// std::cout from several threads under a mutex. Silent with g++ and clang++,
// as under `g++ -fsanitize=thread` (ThreadSanitizer is silent on it too).
// -DBUG appends to the shared string without the lock: a race is reported on
// a heap block of the string's buffer.
// REQUIRES: runtime, gxx, clangxx
// RUN: %gxx -O1 %s -o %t.gcc
// RUN: %interleave run %t.gcc 2>%t.gcc.err | FileCheck --check-prefix=OUT %s
// RUN: FileCheck --check-prefix=SILENT %s < %t.gcc.err
// RUN: %interleave run --seed 6 %t.gcc 2>&1 >/dev/null | FileCheck --check-prefix=SILENT %s
// RUN: %clangxx -O1 %s -o %t.clang
// RUN: %interleave run %t.clang 2>%t.clang.err | FileCheck --check-prefix=OUT %s
// RUN: FileCheck --check-prefix=SILENT %s < %t.clang.err
// RUN: %gxx -O1 -DBUG %s -o %t.gcc.bug
// RUN: %not %interleave run %t.gcc.bug 2>&1 >/dev/null | FileCheck --check-prefix=RACE %s
//
// OUT-DAG: worker 0 saw 51 chars
// OUT-DAG: worker 1 saw 51 chars
// OUT-DAG: worker 2 saw 51 chars
// OUT-DAG: worker 3 saw 51 chars
// OUT: destroyed 1, weak expired 1
// SILENT-NOT: data race
// SILENT: interleave: no findings in 1 run
// RACE: interleave: data race on heap block of
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

static int destroyed;

struct Resource {
    std::string text = "a string too long for the small-string buffer: heap";
    ~Resource() { destroyed++; }
};

std::mutex out;

int main()
{
    auto shared = std::make_shared<Resource>();
    std::weak_ptr<Resource> weak = shared;
    std::vector<std::thread> threads;
    for (int k = 0; k < 4; k++)
        threads.emplace_back([k, copy = shared, weak] {
            std::shared_ptr<Resource> again = copy; // refcount up and down
            std::string mine = again->text;         // a copy of shared immutable data
            if (auto locked = weak.lock())
                mine += "";
#ifdef BUG
            again->text += "!";
#endif
            std::lock_guard<std::mutex> guard(out);
            std::cout << "worker " << k << " saw " << mine.size() << " chars" << std::endl;
        });
    shared.reset(); // the last owner may now be any of the threads
    for (auto &t : threads)
        t.join();
    std::cout << "destroyed " << destroyed << ", weak expired " << weak.expired() << std::endl;
    return 0;
}
