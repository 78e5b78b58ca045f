// OffsetFileClock: TEST ONLY. The wall time plus an offset in seconds read
// from a file ("3600", "-120.5"), re-read on every Now(), so that a test moves
// a running deskd hours ahead by rewriting one file. A missing or unreadable
// file counts as offset 0. Used by the wrappers deskd_testing and
// deskctl_testing (--test-clock-file), never by the production binaries.
#pragma once

#include <string>

#include "daemon/core/clock.h"

namespace deskd::testing {

class OffsetFileClock final : public Clock {
 public:
  explicit OffsetFileClock(std::string path) : path_(std::move(path)) {}
  TimePoint Now() const override;

 private:
  std::string path_;
};

}  // namespace deskd::testing
