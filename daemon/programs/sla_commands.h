// deskctl's service-level verbs: `escalate N [--reason TEXT]` (the incident
// to the manager at once) and `digest technicians|daily|weekly` (send a
// digest now). They open the store, do the work in one transaction each
// and return a sysexits code; the daemon sends the queued mail.
#pragma once

#include <cstdint>
#include <string>

#include "daemon/config/config.h"

namespace deskd {

int RunEscalateCommand(const Config& config, int64_t number, const std::string& reason);
int RunDigestCommand(const Config& config, const std::string& which);

}  // namespace deskd
