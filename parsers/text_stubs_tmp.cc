// Temporary stubs so that the tree links while the real modules are written.
// Each function moves to its own file (reply_text.cc, commands.cc, ...).
#include "parsers/auto_reply.h"
#include "parsers/commands.h"
#include "parsers/language.h"
#include "parsers/reply_text.h"
#include "parsers/ticket_ref.h"
namespace deskd {
std::string StripReply(std::string_view text) { return std::string(text); }
CommandScan ExtractLeadingCommands(std::string_view text) { return {{}, std::string(text)}; }
std::optional<int64_t> FindTicketTag(std::string_view, std::string_view) { return std::nullopt; }
std::optional<std::string> FindReplyToken(const std::vector<MailAddress>&, std::string_view) { return std::nullopt; }
std::string CleanSubject(std::string_view s) { return std::string(s); }
Classification Classify(const ParsedMail&, std::string_view) { return Classification::kHuman; }
std::string DetectLanguage(std::string_view, std::string_view fallback) { return std::string(fallback); }
}  // namespace deskd
