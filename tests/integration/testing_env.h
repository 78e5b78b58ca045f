// The test options of the wrapper programs deskd_testing and deskctl_testing
// (TEST ONLY), turned into a ProgramEnv. Each option is taken out of the
// command line; what is left goes to RunDeskd / RunDeskctl unchanged.
//
//   --test-clock-file PATH             the clock is OffsetFileClock(PATH), and
//                                      deskd's scheduler looks every second
//   --test-crash-after-commit N        deskd SIGKILLs itself right after the
//                                      N-th intake commit, before the IMAP flag
//   --test-crash-after-notification N  deskd SIGKILLs itself right after the
//                                      N-th scheduler tick that committed a
//                                      reminder or escalation, before sending
#pragma once

#include <string>
#include <vector>

#include "daemon/programs/program_env.h"

namespace deskd::testing {

struct TestingCommandLine {
  ProgramEnv env;
  std::vector<char*> argv;  // the rest, argv[0] first; points into the input
  std::string error;        // non-empty: a test option was malformed
};

// REQUIRES: argv[0..argc) outlives the result.
TestingCommandLine ParseTestingOptions(int argc, char** argv);

// Runs `run` with the test options taken out; a malformed one exits 64.
int RunWithTestingOptions(int argc, char** argv, int (*run)(int, char**, const ProgramEnv&));

}  // namespace deskd::testing
