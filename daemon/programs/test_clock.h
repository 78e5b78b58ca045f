// The daemon's clock, with a test-only time source. deskd and deskctl take
// the time from MakeProcessClock(): the machine's wall time, unless the
// environment variable DESKD_TEST_CLOCK_FILE names a file. Then (TEST ONLY:
// never set it in production) the file holds an offset in seconds, e.g.
// "3600" or "-120.5", that is added to the wall time; it is re-read on every
// Now(), so a test moves deskd hours ahead by rewriting one file while the
// daemon runs. A missing or unreadable file counts as offset 0.
#pragma once

#include <memory>
#include <string>

#include "daemon/core/clock.h"

namespace deskd {

// Wall time plus the offset held in `path` (re-read on each Now()).
class OffsetFileClock final : public Clock {
 public:
  explicit OffsetFileClock(std::string path) : path_(std::move(path)) {}
  TimePoint Now() const override;

 private:
  std::string path_;
};

// OffsetFileClock when DESKD_TEST_CLOCK_FILE is set and not empty, else
// SystemClock.
std::unique_ptr<Clock> MakeProcessClock();

}  // namespace deskd
