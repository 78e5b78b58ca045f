// Charsets: MIME charset labels to UTF-8 (iconv from glibc), and a guess of
// the charset of 8-bit text that is unlabelled or labelled wrongly (uchardet
// plus a plausibility score over the languages deskd serves: et, ru, ro, en).
// Pure functions; never throw.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace deskd {

// The canonical (lower-case, iconv-usable) name of a MIME charset label:
// "CP1251", "win-1251", "x-cp1251" -> "windows-1251"; "utf8" -> "utf-8";
// "latin1" -> "iso-8859-1". Returns "" when the label names no usable
// charset ("x-unknown", "unknown-8bit", empty, or unknown to iconv).
std::string CanonicalCharset(std::string_view label);

// True when `bytes` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view bytes);

// True when every byte is below 0x80.
bool IsAscii(std::string_view bytes);

// A conversion to UTF-8. Invalid or undefined byte sequences are replaced
// with U+FFFD and counted.
struct Conversion {
  std::string text;
  std::size_t replaced = 0;
};

// Converts `bytes` from `charset` (a canonical name) to UTF-8; nullopt when
// iconv does not know the charset.
std::optional<Conversion> ConvertToUtf8(std::string_view bytes, std::string_view charset);

// Best guess (canonical name) for the charset of `bytes`: "us-ascii" for
// ASCII, "utf-8" for valid UTF-8, else the most plausible 8-bit charset.
std::string DetectCharset(std::string_view bytes);

// Text decoded by the policy below.
struct DecodedText {
  std::string text;                   // UTF-8
  std::string charset;                // canonical name actually used
  bool detected = false;              // true when `charset` is not what the label says
  std::vector<std::string> problems;  // unknown label, replaced sequences
};

// Decodes `bytes` labelled `declared` (a MIME label, may be empty) to UTF-8:
//  - ASCII stays as it is;
//  - valid UTF-8 wins over any 8-bit label ("us-ascii", "iso-8859-1", ...);
//  - an absent, unknown, "us-ascii", "iso-8859-1" or "windows-1252" label on
//    8-bit text is checked by detection (Cyrillic never comes out as Latin-1);
//  - a "utf-8" label on text that is mostly not UTF-8 is detected too;
//  - a Cyrillic label (windows-1251, koi8-r, koi8-u, iso-8859-5, ibm866)
//    gives way to another Cyrillic charset that reads clearly better (koi8-r
//    bytes labelled windows-1251, and the reverse);
//  - any other label is trusted.
DecodedText DecodeToUtf8(std::string_view bytes, std::string_view declared);

}  // namespace deskd
