// UTF-8, one sequence at a time: decoding, validating, encoding. Pure
// functions; part of the decoders (base64, quoted_printable, hex, utf8).
// Callers differ in how much they forgive, so the strictness is a parameter
// rather than a private copy of the loop.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace deskd::utf8 {

enum class Strictness {
  // Any 110xxxxx/1110xxxx/11110xxx lead byte followed by enough continuation
  // bytes: overlong forms, surrogates and values above U+10FFFF pass.
  kBitPattern,
  // Lead bytes of RFC 3629 (C2..DF, E0..EF, F0..F4) followed by enough
  // continuation bytes; the second byte's range is not checked.
  kLeadBytes,
  // RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF.
  kStrict,
};

struct CodePoint {
  char32_t value = 0;
  std::size_t length = 0;  // bytes of the sequence, 1..4
};

// The code point of the sequence starting at s[pos], or nullopt when the
// bytes there are no whole sequence under `strictness`.
// REQUIRES: pos < s.size().
std::optional<CodePoint> DecodeAt(std::string_view s, std::size_t pos, Strictness strictness);

// True when all of `s` is UTF-8 under RFC 3629.
bool IsValid(std::string_view s);

// Appends `cp` to `out` as UTF-8 (1 to 4 bytes; no check of the value).
void Append(char32_t cp, std::string* out);

}  // namespace deskd::utf8
