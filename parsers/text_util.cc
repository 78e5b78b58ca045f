#include "parsers/text_util.h"

#include "parsers/decoders/utf8.h"

namespace deskd::text {

char32_t NextCodePoint(std::string_view s, std::size_t* pos) {
  const auto cp = utf8::DecodeAt(s, *pos, utf8::Strictness::kBitPattern);
  if (!cp) {
    ++*pos;
    return 0xFFFD;
  }
  *pos += cp->length;
  return cp->value;
}

void AppendUtf8(char32_t cp, std::string* out) { utf8::Append(cp, out); }

bool IsWsp(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view TrimWsp(std::string_view s) {
  while (!s.empty() && IsWsp(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsWsp(s.back())) s.remove_suffix(1);
  return s;
}

bool IsSpaceLike(char32_t cp) {
  switch (cp) {
    case ' ': case '\t': case '\r': case '\n': case '\f': case '\v':
    case 0x00A0:  // NO-BREAK SPACE
    case 0x00AD:  // SOFT HYPHEN
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
    case 0x200B: case 0x200C: case 0x200D:  // zero width space / non-joiner / joiner
    case 0x200E: case 0x200F:               // direction marks
    case 0x2060:                            // WORD JOINER
    case 0xFEFF:                            // BOM / ZERO WIDTH NO-BREAK SPACE
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;  // en quad .. hair space
  }
}

std::string_view TrimLeft(std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t next = pos;
    if (!IsSpaceLike(NextCodePoint(s, &next))) break;
    pos = next;
  }
  return s.substr(pos);
}

std::string_view TrimRight(std::string_view s) {
  // Walk forward, remembering the end of the last non-space code point.
  std::size_t pos = 0, end = 0;
  while (pos < s.size()) {
    const char32_t cp = NextCodePoint(s, &pos);
    if (!IsSpaceLike(cp)) end = pos;
  }
  return s.substr(0, end);
}

std::string_view Trim(std::string_view s) { return TrimRight(TrimLeft(s)); }

bool IsBlank(std::string_view s) { return TrimLeft(s).empty(); }

char32_t ToLower(char32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  if (cp >= 0x100 && cp <= 0x137) return cp | 1;
  if (cp >= 0x139 && cp <= 0x148) return (cp & 1) ? cp + 1 : cp;
  if (cp >= 0x14A && cp <= 0x177) return cp | 1;
  if (cp == 0x178) return 0xFF;
  if (cp >= 0x179 && cp <= 0x17E) return (cp & 1) ? cp + 1 : cp;
  if (cp >= 0x218 && cp <= 0x21B) return cp | 1;  // Ș ș Ț ț
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  if (cp >= 0x460 && cp <= 0x4FF && cp != 0x482 && !(cp >= 0x483 && cp <= 0x489)) {
    if (cp >= 0x4C1 && cp <= 0x4CE) return (cp & 1) ? cp + 1 : cp;
    if (cp == 0x4C0) return 0x4CF;
    return cp | 1;
  }
  return cp;
}

std::string Lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  while (pos < s.size()) {
    const std::size_t start = pos;
    const char32_t cp = NextCodePoint(s, &pos);
    if (cp < 0x80) {
      out.push_back(static_cast<char>(ToLower(cp)));
    } else if (cp == 0xFFFD) {
      out.append(s.substr(start, pos - start));
    } else {
      AppendUtf8(ToLower(cp), &out);
    }
  }
  return out;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

namespace {

// ASCII base letter of a lower-case Latin letter with a diacritic, or 0.
char FoldLetter(char32_t cp) {
  switch (cp) {
    case 0xE0: case 0xE1: case 0xE2: case 0xE3: case 0xE4: case 0xE5: case 0x103:
      return 'a';
    case 0xE7: return 'c';
    case 0xE8: case 0xE9: case 0xEA: case 0xEB: return 'e';
    case 0xEC: case 0xED: case 0xEE: case 0xEF: return 'i';
    case 0xF1: return 'n';
    case 0xF2: case 0xF3: case 0xF4: case 0xF5: case 0xF6: case 0xF8: return 'o';
    case 0xF9: case 0xFA: case 0xFB: case 0xFC: return 'u';
    case 0xFD: case 0xFF: return 'y';
    case 0x161: case 0x15F: case 0x219: return 's';
    case 0x17E: return 'z';
    case 0x163: case 0x21B: return 't';
    default: return 0;
  }
}

}  // namespace

std::string FoldDiacritics(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  while (pos < s.size()) {
    const std::size_t start = pos;
    const char32_t cp = NextCodePoint(s, &pos);
    const char folded = FoldLetter(cp);
    if (folded != 0) {
      out.push_back(folded);
    } else {
      out.append(s.substr(start, pos - start));
    }
  }
  return out;
}

bool IsLatinLetter(char32_t cp) {
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return true;
  if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) return true;
  return false;
}

bool IsCyrillicLetter(char32_t cp) {
  return cp >= 0x400 && cp <= 0x4FF && !(cp >= 0x482 && cp <= 0x489);
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  // "a\n" is one line, not "a" and an empty one.
  if (!lines.empty() && lines.back().empty() && !text.empty() && text.back() == '\n') {
    lines.pop_back();
  }
  return lines;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace deskd::text
