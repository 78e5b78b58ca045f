#include "daemon/programs/test_clock.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace deskd {

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

std::unique_ptr<Clock> MakeProcessClock() {
  const char* file = std::getenv("DESKD_TEST_CLOCK_FILE");
  if (file != nullptr && *file != '\0') return std::make_unique<OffsetFileClock>(file);
  return std::make_unique<SystemClock>();
}

}  // namespace deskd
