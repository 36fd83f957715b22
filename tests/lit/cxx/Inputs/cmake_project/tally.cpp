// stats::Tally::add, racy unless USE_MUTEX (cmake.cpp checks this line: 8).
#include "tally.h"
void stats::Tally::add(int n)
{
#ifdef USE_MUTEX
    std::lock_guard<std::mutex> guard(lock_);
#endif
    total_ += n;
}
