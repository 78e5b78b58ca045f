// Logging set-up shared by deskd and deskctl: spdlog to stderr, one line per
// event, "message key=value ..." (shared/conventions.md, Logs).
#pragma once

#include <string>

namespace deskd {

// `level`: trace, debug, info, warn, error. DESKD_LOG_LEVEL overrides it.
void SetUpLogging(const std::string& level);

// A header value or address made safe for a log line: no CR/LF, no spaces
// that would break key=value parsing (quoted when needed), at most 200 bytes.
std::string LogValue(const std::string& value);

}  // namespace deskd
