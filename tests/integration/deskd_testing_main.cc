// deskd_testing: TEST ONLY, built as a test target, never installed. deskd
// (RunDeskd) with the test options of tests/integration/testing_env.h — a
// clock read from a file, a SIGKILL right after the N-th intake or
// notification commit — for the integration tests that must move a real
// daemon's time or kill it at a chosen point (test_sla.py, test_reliability.py
// through harness.py). Every other option is deskd's own.
//
//   deskd_testing [--test-clock-file F] [--test-crash-after-commit N]
//                 [--test-crash-after-notification N] --config FILE ...
#include "daemon/programs/deskd_program.h"
#include "tests/integration/testing_env.h"

int main(int argc, char** argv) {
  return deskd::testing::RunWithTestingOptions(argc, argv, deskd::RunDeskd);
}
