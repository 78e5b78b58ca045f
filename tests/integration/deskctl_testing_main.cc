// deskctl_testing: TEST ONLY, built as a test target, never installed.
// deskctl (RunDeskctl) reading the time from --test-clock-file F
// (tests/integration/testing_env.h), so that `list`, `show`, `escalate` and
// `digest` see the same moved clock as a deskd_testing started with that
// file (test_sla.py through harness.py). Every other option is deskctl's own.
//
//   deskctl_testing [--test-clock-file F] VERB ...
#include "daemon/programs/deskctl_program.h"
#include "tests/integration/testing_env.h"

int main(int argc, char** argv) {
  return deskd::testing::RunWithTestingOptions(argc, argv, deskd::RunDeskctl);
}
