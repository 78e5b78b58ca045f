// Process exit codes of deskd and deskctl, from sysexits.h
// (shared/conventions.md): scripts and MTAs act on them.
#pragma once

#include "parsers/result.h"

namespace deskd {

enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 64,      // EX_USAGE: bad command line
  kExitData = 65,       // EX_DATAERR: mail unparseable (kept raw anyway)
  kExitNoInput = 66,    // EX_NOINPUT: a named file does not exist
  kExitSoftware = 70,   // EX_SOFTWARE: a bug
  kExitTempFail = 75,   // EX_TEMPFAIL: database busy, disk full: retry later
  kExitConfig = 78,     // EX_CONFIG: configuration error
};

// The exit code that fits an error: temporary -> 75, config -> 78, ...
inline int ExitCodeFor(const Error& e) {
  switch (e.kind) {
    case Error::Kind::kTemporary: return kExitTempFail;
    case Error::Kind::kConfig: return kExitConfig;
    case Error::Kind::kNotFound: return kExitNoInput;
    case Error::Kind::kInvalid: return kExitData;
    case Error::Kind::kIo: return kExitTempFail;
    case Error::Kind::kInternal: return kExitSoftware;
  }
  return kExitSoftware;
}

}  // namespace deskd
