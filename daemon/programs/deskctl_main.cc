// deskctl: the operator's tool (daemon/programs/deskctl_program.h). The
// production environment: the wall clock, no test hooks.
#include "daemon/programs/deskctl_program.h"

int main(int argc, char** argv) { return deskd::RunDeskctl(argc, argv, deskd::ProgramEnv{}); }
