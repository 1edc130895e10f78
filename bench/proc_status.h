// A field of /proc/self/status in KiB ("VmRSS:", "VmHWM:"), or -1: the benchmarks' memory figures.
#pragma once
#include <fstream>
#include <string>

namespace openness::bench {

inline long status_kib(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::string f(field);
  while (std::getline(in, line))
    if (line.rfind(f, 0) == 0) return std::stol(line.substr(f.size()));
  return -1;
}

}  // namespace openness::bench
