#include "parsers/mail.h"
namespace deskd {
const char* ClassificationName(Classification c) {
  switch (c) {
    case Classification::kHuman: return "human";
    case Classification::kAutoReply: return "auto_reply";
    case Classification::kBounce: return "bounce";
    case Classification::kList: return "list";
    case Classification::kNoReply: return "noreply";
  }
  return "human";
}
std::optional<std::string> ParsedMail::Header(std::string_view lower_name) const {
  for (const auto& h : headers) if (h.name == lower_name) return h.value;
  return std::nullopt;
}
ParsedMail ParseMail(std::string_view, const ParseOptions&) { return {}; }
}  // namespace deskd
