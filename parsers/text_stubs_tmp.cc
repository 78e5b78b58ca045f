// Temporary stubs so that the tree links while the real modules are written.
// Each function moves to its own file (reply_text.cc, commands.cc, ...).
#include "parsers/reply_text.h"
namespace deskd {
std::string StripReply(std::string_view text) { return std::string(text); }
}  // namespace deskd
