// RunDeskd: the whole of deskd behind main(). `deskd --config FILE` runs the
// daemon in the foreground, logging to stderr; `deskd --check-config --config
// FILE` validates and exits (0 / 78). daemon/programs/deskd_main.cc calls it
// with the production ProgramEnv; tests/integration/deskd_testing_main.cc
// with a test clock and crash points.
#pragma once

#include "daemon/programs/program_env.h"

namespace deskd {

// Returns the process exit code (sysexits.h).
int RunDeskd(int argc, char** argv, const ProgramEnv& env);

}  // namespace deskd
