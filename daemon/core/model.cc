// Names of the model's enumerations (daemon/core/model.h).
#include "daemon/core/model.h"

namespace deskd {

namespace {

constexpr const char* kKindNames[] = {"first_response", "in_work", "resolution"};
constexpr const char* kStateNames[] = {"running", "paused", "met", "breached"};

}  // namespace

const char* ClockKindName(ClockKind kind) { return kKindNames[static_cast<int>(kind)]; }

std::optional<ClockKind> ParseClockKind(std::string_view name) {
  for (int i = 0; i < 3; ++i) {
    if (name == kKindNames[i]) return static_cast<ClockKind>(i);
  }
  return std::nullopt;
}

const char* ClockStateName(ClockState state) { return kStateNames[static_cast<int>(state)]; }

std::optional<ClockState> ParseClockState(std::string_view name) {
  for (int i = 0; i < 4; ++i) {
    if (name == kStateNames[i]) return static_cast<ClockState>(i);
  }
  return std::nullopt;
}

}  // namespace deskd
