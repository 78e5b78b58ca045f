#include "tests/integration/offset_file_clock.h"

#include <fstream>
#include <iterator>
#include <sstream>

namespace deskd::testing {

TimePoint OffsetFileClock::Now() const {
  double offset = 0;
  std::ifstream in(path_);
  if (in) {
    std::string text((std::istreambuf_iterator<char>(in)), {});
    std::istringstream s(text);
    if (!(s >> offset)) offset = 0;
  }
  auto now = std::chrono::system_clock::now();
  return now + std::chrono::duration_cast<std::chrono::system_clock::duration>(
                   std::chrono::duration<double>(offset));
}

}  // namespace deskd::testing
