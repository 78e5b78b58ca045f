// Hexadecimal digits and the escapes built from them: "%41" in URLs and
// RFC 2231 parameters, "=41" in RFC 2047 Q words and quoted-printable.
// Pure functions; part of the decoders (base64, quoted_printable, hex, utf8).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace deskd::hex {

// The value 0..15 of the hex digit `c` (either case), or -1.
int Value(char c);

// How DecodeEscapes reads its text.
struct EscapeOptions {
  char escape = '%';  // starts an escape: `escape` and two hex digits
  char space = 0;     // read as ' ' ('_' in Q words, '+' in URL queries); 0: none
};

// `text` with each escape and two hex digits replaced by that byte. An
// escape without two hex digits after it is kept as it is (never fails).
std::string DecodeEscapes(std::string_view text, const EscapeOptions& options);

// `bytes` as two lower-case hex digits each.
std::string Encode(std::string_view bytes);

// `v` as 16 lower-case hex digits.
std::string EncodeU64(uint64_t v);

// Appends `escape` and the two upper-case hex digits of `byte`: "=3D".
void AppendEscape(char escape, unsigned char byte, std::string* out);

}  // namespace deskd::hex
