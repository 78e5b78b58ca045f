#include "tests/integration/testing_env.h"

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <memory>

#include <spdlog/spdlog.h>

#include "daemon/core/exit_codes.h"
#include "tests/integration/offset_file_clock.h"

namespace deskd::testing {
namespace {

// A callback that kills the process with SIGKILL on its N-th call: a crash
// at exactly that point, with nothing flushed or cleaned up.
std::function<void()> CrashOnCall(int n, std::string what) {
  auto remaining = std::make_shared<std::atomic<int>>(n);
  return [remaining, what] {
    if (--*remaining == 0) {
      spdlog::warn("test crash point reached: killing deskd {}", what);
      std::raise(SIGKILL);
    }
  };
}

bool ParseCount(const std::string& text, int* n) {
  char* end = nullptr;
  long v = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v < 1 || v > 1000000) return false;
  *n = static_cast<int>(v);
  return true;
}

}  // namespace

TestingCommandLine ParseTestingOptions(int argc, char** argv) {
  TestingCommandLine out;
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool ours = arg == "--test-clock-file" || arg == "--test-crash-after-commit" ||
                      arg == "--test-crash-after-notification";
    if (i == 0 || !ours) {
      out.argv.push_back(argv[i]);
      continue;
    }
    if (i + 1 >= argc) {
      out.error = arg + " needs a value";
      return out;
    }
    const std::string value = argv[++i];
    int n = 0;
    if (arg == "--test-clock-file") {
      out.env.make_clock = [value] { return std::unique_ptr<Clock>(std::make_unique<OffsetFileClock>(value)); };
      out.env.scheduler_idle_check = std::chrono::seconds(1);  // the clock jumps
    } else if (!ParseCount(value, &n)) {
      out.error = arg + " needs a count of at least 1, not \"" + value + "\"";
      return out;
    } else if (arg == "--test-crash-after-commit") {
      auto crash = CrashOnCall(n, "after intake commit " + value);
      out.env.after_intake_commit = [crash](const MailOrigin&, const IntakeOutcome&) { crash(); };
    } else {
      auto crash = CrashOnCall(n, "after notification commit " + value);
      out.env.after_notification_commit = [crash](int) { crash(); };
    }
  }
  out.argv.push_back(nullptr);  // argv[argc] is null, as for main()
  return out;
}

int RunWithTestingOptions(int argc, char** argv, int (*run)(int, char**, const ProgramEnv&)) {
  TestingCommandLine cl = ParseTestingOptions(argc, argv);
  if (!cl.error.empty()) {
    std::cerr << cl.error << "\n";
    return kExitUsage;
  }
  return run(static_cast<int>(cl.argv.size()) - 1, cl.argv.data(), cl.env);
}

}  // namespace deskd::testing
