#include "daemon/core/logging.h"

#include <cstdlib>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace deskd {

void SetUpLogging(const std::string& level) {
  auto logger = spdlog::get("deskd") ? spdlog::get("deskd") : spdlog::stderr_logger_mt("deskd");
  spdlog::set_default_logger(logger);
  // journald adds its own time stamp; a terminal reader still wants one.
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");
  std::string chosen = level;
  if (const char* env = std::getenv("DESKD_LOG_LEVEL"); env && *env) chosen = env;
  spdlog::set_level(spdlog::level::from_str(chosen));
  spdlog::flush_on(spdlog::level::info);
}

std::string LogValue(const std::string& value) {
  std::string out;
  bool needs_quotes = value.empty();
  for (char c : value) {
    if (out.size() >= 200) {
      out += "...";
      break;
    }
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
    if (c == ' ' || c == '"' || c == '=') needs_quotes = true;
    if (c == '"') out += '\\';
    out += c;
  }
  return needs_quotes ? "\"" + out + "\"" : out;
}

}  // namespace deskd
