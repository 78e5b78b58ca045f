// deskd: the daemon (daemon/programs/deskd_program.h). The production
// environment: the wall clock, no test hooks.
#include "daemon/programs/deskd_program.h"

int main(int argc, char** argv) { return deskd::RunDeskd(argc, argv, deskd::ProgramEnv{}); }
