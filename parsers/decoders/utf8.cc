#include "parsers/decoders/utf8.h"

namespace deskd::utf8 {

namespace {

// Length and payload bits of the lead byte `b0` of a multi-byte sequence;
// length 0 when `b0` cannot start one under `strictness`.
std::size_t LeadLength(unsigned char b0, Strictness strictness, char32_t* bits) {
  if (strictness == Strictness::kBitPattern) {
    if ((b0 & 0xE0) == 0xC0) return *bits = b0 & 0x1F, 2;
    if ((b0 & 0xF0) == 0xE0) return *bits = b0 & 0x0F, 3;
    if ((b0 & 0xF8) == 0xF0) return *bits = b0 & 0x07, 4;
    return 0;
  }
  if (b0 >= 0xC2 && b0 <= 0xDF) return *bits = b0 & 0x1F, 2;
  if (b0 >= 0xE0 && b0 <= 0xEF) return *bits = b0 & 0x0F, 3;
  if (b0 >= 0xF0 && b0 <= 0xF4) return *bits = b0 & 0x07, 4;
  return 0;
}

// RFC 3629's limits on a decoded value: shortest form, no surrogate, at
// most U+10FFFF.
bool InRange(char32_t cp, std::size_t length) {
  static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  return cp >= kMin[length] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
}

}  // namespace

std::optional<CodePoint> DecodeAt(std::string_view s, std::size_t pos, Strictness strictness) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) return CodePoint{b0, 1};
  char32_t cp = 0;
  const std::size_t len = LeadLength(b0, strictness, &cp);
  if (len == 0 || pos + len > s.size()) return std::nullopt;
  for (std::size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[pos + k]);
    if ((b & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (strictness == Strictness::kStrict && !InRange(cp, len)) return std::nullopt;
  return CodePoint{cp, len};
}

bool IsValid(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto cp = DecodeAt(s, i, Strictness::kStrict);
    if (!cp) return false;
    i += cp->length;
  }
  return true;
}

void Append(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace deskd::utf8
