// Two std::threads add to one stats::Tally (cmake.cpp, make.cpp).
#include <cstdio>
#include <thread>

#include "tally.h"

stats::Tally tally;

int main()
{
    std::thread a([] { tally.add(1); }), b([] { tally.add(2); });
    a.join();
    b.join();
    std::printf("total %d\n", tally.total());
    return 0;
}
