#include "parsers/commands.h"

#include <optional>

#include "parsers/text_util.h"

namespace deskd {

namespace {

// `s` with space-like code points (NBSP, zero-width, tabs) made plain spaces
// or dropped (the invisible ones), then trimmed.
std::string NormalizeSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  while (pos < s.size()) {
    const std::size_t start = pos;
    const char32_t cp = text::NextCodePoint(s, &pos);
    if (!text::IsSpaceLike(cp)) {
      out.append(s.substr(start, pos - start));
    } else if (cp == ' ' || cp == '\t' || cp == 0x00A0 || cp == 0x202F ||
               (cp >= 0x2000 && cp <= 0x200A) || cp == 0x3000) {
      out.push_back(' ');
    }  // zero-width characters, soft hyphens, marks: dropped
  }
  return std::string(text::Trim(out));
}

// The command in `line`, or nullopt when the line is not "#name [argument]"
// with name [a-z][a-z_-]* (upper case accepted, Outlook capitalises).
std::optional<std::pair<std::string, std::string>> ParseCommandLine(std::string_view raw) {
  const std::string line = NormalizeSpaces(raw);
  if (line.size() < 2 || line[0] != '#') return std::nullopt;
  const auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!is_alpha(line[1])) return std::nullopt;  // "#1042", "# heading", "##"
  std::size_t end = 2;
  while (end < line.size() && (is_alpha(line[end]) || line[end] == '_' || line[end] == '-')) ++end;
  std::string name = text::AsciiLower(std::string_view(line).substr(1, end - 1));
  std::size_t arg_start = end;
  if (arg_start < line.size() && line[arg_start] == ':') {
    ++arg_start;  // "#status: resolved"
  } else if (arg_start < line.size() && line[arg_start] != ' ') {
    return std::nullopt;  // "#foo.bar", "#a1"
  }
  std::string arg(text::Trim(std::string_view(line).substr(arg_start)));
  return std::make_pair(std::move(name), std::move(arg));
}

}  // namespace

CommandScan ExtractLeadingCommands(std::string_view text) {
  CommandScan scan;
  std::size_t pos = 0;  // start of the current line in `text`
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(pos, end - pos);
    if (text::IsBlank(line)) {
      pos = next;
      continue;
    }
    auto command = ParseCommandLine(line);
    if (!command) break;
    scan.commands.push_back(std::move(*command));
    pos = next;
  }
  scan.rest = std::string(text.substr(pos));
  return scan;
}

}  // namespace deskd
