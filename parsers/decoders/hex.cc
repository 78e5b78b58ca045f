#include "parsers/decoders/hex.h"

#include <cstddef>

namespace deskd::hex {

namespace {

constexpr char kLower[] = "0123456789abcdef";
constexpr char kUpper[] = "0123456789ABCDEF";

}  // namespace

int Value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string DecodeEscapes(std::string_view text, const EscapeOptions& options) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == options.escape && i + 2 < text.size() && Value(text[i + 1]) >= 0 &&
        Value(text[i + 2]) >= 0) {
      out += static_cast<char>(Value(text[i + 1]) * 16 + Value(text[i + 2]));
      i += 2;
    } else if (options.space != 0 && c == options.space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string Encode(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    out.push_back(kLower[b >> 4]);
    out.push_back(kLower[b & 15]);
  }
  return out;
}

std::string EncodeU64(uint64_t v) {
  std::string out(16, '0');
  for (int k = 15; k >= 0; --k) {
    out[static_cast<std::size_t>(k)] = kLower[v & 15];
    v >>= 4;
  }
  return out;
}

void AppendEscape(char escape, unsigned char byte, std::string* out) {
  out->push_back(escape);
  out->push_back(kUpper[byte >> 4]);
  out->push_back(kUpper[byte & 15]);
}

}  // namespace deskd::hex
