// RunDeskctl takes its clock from the ProgramEnv it is given: the verbs see
// the time a test chooses, without any environment variable.
#include "daemon/programs/deskctl_program.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/core/exit_codes.h"
#include "tests/unit/core_testing.h"

namespace deskd {
namespace {

using testing::TempDir;
using testing::TestStart;

class DeskctlProgramTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_.File("deskd.toml")) << "[desk]\naddress = \"support@itdesk.example\"\n"
                                              "[database]\npath = \"deskd.sqlite\"\n";
    std::ofstream(dir_.File("mail.eml"))
        << "From: Kati Tamm <kati@clients.example>\r\nTo: support@itdesk.example\r\n"
           "Subject: Printer jams\r\nDate: Mon, 23 Nov 2026 11:58:00 +0200\r\n"
           "Message-ID: <printer@clients.example>\r\n\r\nThe printer jams.\r\n";
  }

  // Runs deskctl ARGS --config deskd.toml with the clock at `now`; returns
  // the exit code, and what it printed in `out`.
  int Deskctl(std::vector<std::string> args, TimePoint now, std::string* out = nullptr) {
    ProgramEnv env;
    env.make_clock = [now] { return std::unique_ptr<Clock>(std::make_unique<FakeClock>(now)); };
    args.insert(args.begin(), "deskctl");
    args.push_back("--config");
    args.push_back(dir_.File("deskd.toml"));
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::testing::internal::CaptureStdout();
    int rc = RunDeskctl(static_cast<int>(args.size()), argv.data(), env);
    std::string printed = ::testing::internal::GetCapturedStdout();
    if (out != nullptr) *out = printed;
    return rc;
  }

  TempDir dir_;
};

TEST_F(DeskctlProgramTest, VerbsReadTheTimeFromTheInjectedClock) {
  ASSERT_EQ(Deskctl({"ingest", dir_.File("mail.eml")}, TestStart()), kExitOk);
  std::string out;
  ASSERT_EQ(Deskctl({"list", "--json"}, TestStart(), &out), kExitOk);
  auto all = nlohmann::json::parse(out);
  ASSERT_EQ(all.size(), 1u) << out;
  // Received at the injected time, not at the machine's.
  EXPECT_EQ(all[0]["received"], "2026-11-23T10:00:00Z") << out;

  ASSERT_EQ(Deskctl({"list", "--overdue", "--json"}, TestStart(), &out), kExitOk);
  EXPECT_TRUE(nlohmann::json::parse(out).empty()) << out;
  ASSERT_EQ(Deskctl({"list", "--overdue", "--json"}, TestStart() + std::chrono::hours(24 * 60), &out),
            kExitOk);
  EXPECT_EQ(nlohmann::json::parse(out).size(), 1u) << "two months later it is overdue: " << out;
}

TEST_F(DeskctlProgramTest, AnUnknownVerbIsAUsageError) {
  EXPECT_EQ(Deskctl({"frobnicate"}, TestStart()), kExitUsage);
}

}  // namespace
}  // namespace deskd
