// The counter of the CMake project (cmake.cpp).
#pragma once
#include <mutex>

namespace stats {
class Tally {
  public:
    void add(int n);
    int total() const { return total_; }

  private:
    int total_ = 0;
    std::mutex lock_;
};
} // namespace stats
