// Technician commands: the `#name argument` lines at the top of a mail,
// before any other text. Whether they act is decided later by authentication.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace deskd {

struct CommandScan {
  // In order; name lower-case without '#', argument trimmed (may be empty).
  std::vector<std::pair<std::string, std::string>> commands;
  // The text after the command lines (leading blank lines removed).
  std::string rest;
};

// Reads leading command lines from `text` (\n line ends). Blank lines between
// commands are allowed; the first other line ends the commands. A line like
// "#1042 is broken" (a number, not a name) is text, not a command.
CommandScan ExtractLeadingCommands(std::string_view text);

}  // namespace deskd
