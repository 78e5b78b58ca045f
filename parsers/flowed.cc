// UnwrapFlowed, after RFC 3676 section 4: each line is read as quote depth,
// space-stuffing, content and flowed-or-fixed; flowed lines are joined with
// what follows at the same depth.
#include "parsers/flowed.h"

#include <vector>

namespace deskd {

namespace {

struct FlowedLine {
  int depth = 0;
  std::string_view content;  // unstuffed, trailing soft-break space kept
  bool flowed = false;
  bool signature = false;  // "-- ": never flowed
};

FlowedLine ReadFlowedLine(std::string_view raw) {
  FlowedLine line;
  if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
  std::size_t pos = 0;
  while (pos < raw.size() && raw[pos] == '>') ++pos;
  line.depth = static_cast<int>(pos);
  if (pos < raw.size() && raw[pos] == ' ') ++pos;  // space-stuffing
  line.content = raw.substr(pos);
  line.signature = line.content == "-- ";
  line.flowed = !line.signature && !line.content.empty() && line.content.back() == ' ';
  return line;
}

void AppendQuotePrefix(int depth, std::string* out) {
  for (int i = 0; i < depth; ++i) *out += "> ";
}

}  // namespace

std::string UnwrapFlowed(std::string_view text, bool delsp) {
  std::vector<FlowedLine> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      if (start < text.size()) lines.push_back(ReadFlowedLine(text.substr(start)));
      break;
    }
    lines.push_back(ReadFlowedLine(text.substr(start, nl - start)));
    start = nl + 1;
  }

  std::string out;
  bool first = true;
  std::string paragraph;
  int depth = 0;
  bool open = false;  // a paragraph is being joined
  auto end_paragraph = [&]() {
    if (!first) out += '\n';
    first = false;
    std::string line;
    AppendQuotePrefix(depth, &line);
    line += paragraph;
    if (paragraph.empty()) {
      while (!line.empty() && line.back() == ' ') line.pop_back();
    }
    out += line;
    paragraph.clear();
    open = false;
  };

  // A paragraph that ends on a soft break (before a change of depth, the
  // signature separator, or the end of the text) loses the break's space.
  auto end_flowed_paragraph = [&]() {
    if (!delsp && !paragraph.empty() && paragraph.back() == ' ') paragraph.pop_back();
    end_paragraph();
  };

  for (const FlowedLine& line : lines) {
    // A flowed line followed by a different depth (or the signature
    // separator) was flowed in error: its paragraph ends there.
    if (open && (line.depth != depth || line.signature)) end_flowed_paragraph();
    depth = line.depth;
    std::string_view content = line.content;
    if (line.flowed && delsp) content.remove_suffix(1);
    paragraph += content;
    open = true;
    if (!line.flowed) end_paragraph();
  }
  if (open) end_flowed_paragraph();
  if (!text.empty() && text.back() == '\n') out += '\n';
  return out;
}

}  // namespace deskd
