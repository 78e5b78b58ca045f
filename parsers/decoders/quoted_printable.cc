#include "parsers/decoders/quoted_printable.h"

#include <mimetic/codec/code.h>
#include <mimetic/codec/qp.h>

#include <cstddef>
#include <exception>
#include <iterator>

#include "parsers/decoders/hex.h"

namespace deskd::quoted_printable {

std::optional<std::string> Decode(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  try {
    mimetic::QP::Decoder qp;
    mimetic::decode(body.begin(), body.end(), qp, std::back_inserter(out));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return out;
}

std::string Encode(std::string_view text) {
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t nl = text.find('\n', pos);
    const std::size_t line_end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, line_end - pos);
    if (!line.empty() && line.back() == '\r' && nl != std::string_view::npos) {
      line.remove_suffix(1);
    }
    std::size_t col = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const auto c = static_cast<unsigned char>(line[i]);
      const bool last = i + 1 == line.size();
      bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
      if (i == 0 && line.substr(0, 5) == "From ") literal = false;
      std::string token;
      if (literal) {
        token.push_back(static_cast<char>(c));
      } else {
        hex::AppendEscape('=', c, &token);
      }
      if (col + token.size() > 75) {
        out += "=\r\n";
        col = 0;
      }
      out += token;
      col += token.size();
    }
    out += "\r\n";
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
  }
  return out;
}

}  // namespace deskd::quoted_printable
