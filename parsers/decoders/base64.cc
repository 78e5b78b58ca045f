#include "parsers/decoders/base64.h"

#include <cstddef>
#include <cstdint>
#include <utility>

#include "parsers/text_util.h"

namespace deskd::base64 {

namespace {

constexpr char kStandard[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kImapMailbox[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

// Collects 6-bit values and emits whole bytes.
struct Accumulator {
  uint32_t acc = 0;
  int bits = 0;

  void Push(int value, std::string* out) {
    acc = (acc << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
};

// A line of text (a list footer, a signature) rather than base64 with a
// damaged character: white space inside, or many foreign characters.
bool LooksLikeText(std::string_view line) {
  std::size_t invalid = 0;
  for (char c : line) {
    if (c != '=' && Value(c, Alphabet::kStandard) < 0) ++invalid;
  }
  return line.find_first_of(" \t") != std::string_view::npos || invalid * 10 > line.size() ||
         (invalid > 0 && line.size() < 8);
}

// The state of DecodeLenient across lines.
class LenientDecoder {
 public:
  // Reads one trimmed, non-empty line; false when it ends the data.
  bool Line(std::string_view t) {
    if (LooksLikeText(t) && !out_.bytes.empty() && sextets_ % 4 == 0) {
      out_.trailing_text = true;
      return false;
    }
    if (padded_) StartBlock();  // more data after padding: concatenated blocks
    for (char c : t) Char(c);
    return true;
  }

  LenientDecoded Finish() {
    out_.truncated = !padded_ && sextets_ % 4 != 0;
    return std::move(out_);
  }

 private:
  void StartBlock() {
    padded_ = false;
    acc_ = Accumulator();
    sextets_ = 0;
  }

  void Char(char c) {
    const int v = Value(c, Alphabet::kStandard);
    if (v >= 0) {
      if (padded_) StartBlock();
      acc_.Push(v, &out_.bytes);
      ++sextets_;
    } else if (c == '=') {
      padded_ = true;
    } else if (c != ' ' && c != '\t') {
      out_.skipped_invalid = true;
    }
  }

  LenientDecoded out_;
  Accumulator acc_;
  std::size_t sextets_ = 0;  // in the current block, for padding checks
  bool padded_ = false;
};

}  // namespace

int Value(char c, Alphabet alphabet) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == (alphabet == Alphabet::kStandard ? '/' : ',')) return 63;
  return -1;
}

std::string Encode(std::string_view bytes, Alphabet alphabet, bool pad) {
  const char* digits = alphabet == Alphabet::kStandard ? kStandard : kImapMailbox;
  const auto byte = [&](std::size_t k) {
    return static_cast<uint32_t>(static_cast<unsigned char>(bytes[k]));
  };
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t v = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    out.push_back(digits[(v >> 18) & 63]);
    out.push_back(digits[(v >> 12) & 63]);
    out.push_back(digits[(v >> 6) & 63]);
    out.push_back(digits[v & 63]);
  }
  if (i < bytes.size()) {
    const bool two = i + 1 < bytes.size();
    const uint32_t v = (byte(i) << 16) | (two ? byte(i + 1) << 8 : 0);
    out.push_back(digits[(v >> 18) & 63]);
    out.push_back(digits[(v >> 12) & 63]);
    if (two) out.push_back(digits[(v >> 6) & 63]);
    if (pad) out.append(two ? 1 : 2, '=');
  }
  return out;
}

std::optional<StrictDecoded> DecodeStrict(std::string_view text, Alphabet alphabet,
                                          bool allow_padding) {
  StrictDecoded out;
  Accumulator acc;
  std::size_t i = 0;
  for (; i < text.size() && !(allow_padding && text[i] == '='); ++i) {
    const int v = Value(text[i], alphabet);
    if (v < 0) return std::nullopt;
    acc.Push(v, &out.bytes);
  }
  for (; i < text.size(); ++i) {
    if (text[i] != '=') return std::nullopt;
  }
  out.leftover_bits = acc.bits;
  out.leftover_zero = (acc.acc & ((1u << acc.bits) - 1)) == 0;
  return out;
}

LenientDecoded DecodeLenient(std::string_view body) {
  LenientDecoder decoder;
  std::size_t pos = 0;
  while (pos < body.size()) {
    const std::size_t nl = body.find('\n', pos);
    const std::size_t end = nl == std::string_view::npos ? body.size() : nl;
    const std::string_view line = text::TrimWsp(body.substr(pos, end - pos));
    pos = nl == std::string_view::npos ? body.size() : nl + 1;
    if (line.empty()) continue;
    if (!decoder.Line(line)) break;
  }
  return decoder.Finish();
}

}  // namespace deskd::base64
