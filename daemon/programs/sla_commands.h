// deskctl's service-level verbs: `escalate N [--reason TEXT]` (the incident
// to the manager at once) and `digest technicians|daily|weekly` (send a
// digest now). They open the store, do the work in one transaction each
// and return a sysexits code; the daemon sends the queued mail. `clock` is
// deskctl's (ProgramEnv::make_clock).
#pragma once

#include <cstdint>
#include <string>

#include "daemon/config/config.h"
#include "daemon/core/clock.h"

namespace deskd {

int RunEscalateCommand(const Config& config, const Clock& clock, int64_t number,
                       const std::string& reason);
int RunDigestCommand(const Config& config, const Clock& clock, const std::string& which);

}  // namespace deskd
