// Base64 (RFC 4648) and its variants in mail: the strict form of an RFC 2047
// encoded word, the lenient form of a MIME body, IMAP's modified base64 of
// mailbox names (RFC 3501). Pure functions; part of the decoders (base64,
// quoted_printable, hex, utf8). A decoder reports what it forgave or what
// was left over and the caller decides whether that is a problem.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace deskd::base64 {

enum class Alphabet {
  kStandard,     // A-Z a-z 0-9 + /
  kImapMailbox,  // A-Z a-z 0-9 + ,  (RFC 3501 5.1.3)
};

// The value 0..63 of `c` in `alphabet`, or -1.
int Value(char c, Alphabet alphabet);

// `bytes` in base64, on one line; with '=' padding when `pad`.
std::string Encode(std::string_view bytes, Alphabet alphabet = Alphabet::kStandard,
                   bool pad = true);

struct StrictDecoded {
  std::string bytes;
  int leftover_bits = 0;        // bits after the last whole byte (0, 2 or 4 for sane input)
  bool leftover_zero = true;    // those bits are all zero
};

// Every character must be of `alphabet`; white space is an error too. When
// `allow_padding`, a run of '=' may end the text (any number; padding is
// optional). nullopt on a character that does not belong.
std::optional<StrictDecoded> DecodeStrict(std::string_view text, Alphabet alphabet,
                                          bool allow_padding);

struct LenientDecoded {
  std::string bytes;
  bool skipped_invalid = false;  // characters outside the alphabet were skipped
  bool truncated = false;        // ends in the middle of a 4-character block
  bool trailing_text = false;    // a line of text after the data was dropped
};

// A MIME body in base64, read the way mail clients read it: line by line,
// white space and blank lines ignored; a character outside the alphabet is
// skipped; data after padding starts a new block (concatenated parts); a
// line that looks like text (a list footer, a signature) after complete
// data ends the data, and the rest is dropped.
LenientDecoded DecodeLenient(std::string_view body);

}  // namespace deskd::base64
