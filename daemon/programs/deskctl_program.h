// RunDeskctl: the whole of deskctl, the operator's tool, behind main()
// (shared/conventions.md, Programs). Each verb is a small function in
// deskctl_program.cc; exit codes follow sysexits.h. The verbs that read the
// time take it from env.make_clock(): daemon/programs/deskctl_main.cc passes
// the wall clock, tests/integration/deskctl_testing_main.cc a test clock.
#pragma once

#include "daemon/programs/program_env.h"

namespace deskd {

// Returns the process exit code (sysexits.h).
int RunDeskctl(int argc, char** argv, const ProgramEnv& env);

}  // namespace deskd
