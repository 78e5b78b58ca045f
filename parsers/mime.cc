#include "parsers/mime.h"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "parsers/decoders/base64.h"
#include "parsers/decoders/quoted_printable.h"
#include "parsers/text_util.h"

namespace deskd {

namespace {

using text::TrimWsp;

void AddProblem(std::vector<std::string>* problems, std::string p) {
  if (std::find(problems->begin(), problems->end(), p) == problems->end()) {
    problems->push_back(std::move(p));
  }
}

// Printable US-ASCII except ':' (RFC 5322 ftext).
bool IsFieldName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 33 || u > 126 || c == ':') return false;
  }
  return true;
}

// The line starting at `pos` (without its line break) and the position
// after its line break.
std::string_view LineAt(std::string_view s, std::size_t pos, std::size_t* next) {
  std::size_t nl = s.find('\n', pos);
  std::size_t end = nl == std::string_view::npos ? s.size() : nl;
  *next = nl == std::string_view::npos ? s.size() : nl + 1;
  std::string_view line = s.substr(pos, end - pos);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::string Printable(std::string_view s, std::size_t max) {
  std::string out;
  for (char c : s.substr(0, max)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 32 || u == 127) ? '?' : c;
  }
  if (s.size() > max) out += "...";
  return out;
}

struct MultipartSplit {
  std::vector<std::string_view> parts;
  bool found = false;   // at least one delimiter
  bool closed = false;  // the close delimiter was seen
};

MultipartSplit SplitMultipart(std::string_view body, std::string_view boundary) {
  MultipartSplit out;
  std::size_t part_start = 0;
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t next = 0;
    std::string_view line = LineAt(body, pos, &next);
    if (line.size() >= 2 + boundary.size() && line[0] == '-' && line[1] == '-' &&
        line.substr(2, boundary.size()) == boundary) {
      std::string_view rest = line.substr(2 + boundary.size());
      const bool close = rest.substr(0, 2) == "--";
      if (close) rest.remove_prefix(2);
      if (TrimWsp(rest).empty()) {
        if (out.found) {
          // The line break before a delimiter belongs to the delimiter.
          std::size_t end = pos;
          if (end > part_start && body[end - 1] == '\n') --end;
          if (end > part_start && body[end - 1] == '\r') --end;
          out.parts.push_back(body.substr(part_start, end - part_start));
        }
        out.found = true;
        if (close) {
          out.closed = true;
          return out;
        }
        part_start = next;
      }
    }
    pos = next;
  }
  if (out.found) out.parts.push_back(body.substr(std::min(part_start, body.size())));
  return out;
}

// A boundary for a multipart that names none: the first "--token" line.
std::string GuessBoundary(std::string_view body) {
  std::size_t pos = 0;
  for (int n = 0; n < 200 && pos < body.size(); ++n) {
    std::size_t next = 0;
    std::string_view line = TrimWsp(LineAt(body, pos, &next));
    if (line.size() > 2 && line.substr(0, 2) == "--" &&
        line.find_first_of(" \t") == std::string_view::npos) {
      std::string_view b = line.substr(2);
      if (b.size() > 2 && b.substr(b.size() - 2) == "--") b.remove_suffix(2);
      return std::string(b);
    }
    pos = next;
  }
  return "";
}

class TreeBuilder {
 public:
  TreeBuilder(const MimeLimits& limits, std::string_view fallback, MimeTree* tree)
      : limits_(limits), fallback_(fallback), tree_(tree) {}

  // Adds a part with these headers and body; returns its index.
  int Add(std::vector<RawHeader> headers, std::string_view body, int depth, int parent,
          const char* default_type) {
    const int index = static_cast<int>(tree_->parts.size());
    tree_->parts.emplace_back();
    {
      MimePart& p = tree_->parts.back();
      p.headers = std::move(headers);
      p.body = body;
      p.depth = depth;
      p.parent = parent;
      ReadTypeHeaders(&p, index, default_type);
    }
    const std::string type = tree_->parts[static_cast<std::size_t>(index)].type.value;
    if (type.rfind("multipart/", 0) == 0) ReadMultipart(index);
    return index;
  }

 private:
  std::vector<std::string>* problems() { return &tree_->problems; }

  std::string What(int index) const {
    if (index == 0) return "the mail";
    return "part " + std::to_string(index) + " (" +
           tree_->parts[static_cast<std::size_t>(index)].type.value + ")";
  }

  void ReadTypeHeaders(MimePart* p, int index, const char* default_type) {
    const RawHeader* ct = nullptr;
    const RawHeader* cd = nullptr;
    const RawHeader* cte = nullptr;
    for (const auto& h : p->headers) {
      if (h.name == "content-type" && !ct) ct = &h;
      if (h.name == "content-disposition" && !cd) cd = &h;
      if (h.name == "content-transfer-encoding" && !cte) cte = &h;
    }
    if (ct) p->type = ParseParameterized(ct->value, problems(), fallback_);
    const std::string& v = p->type.value;
    const std::size_t slash = v.find('/');
    const bool valid = slash != std::string::npos && slash > 0 && slash + 1 < v.size() &&
                       v.find_first_of(" \t") == std::string::npos;
    if (!valid) {
      if (ct && !v.empty()) {
        std::string guess = default_type;
        if (v == "text") guess = "text/plain";
        AddProblem(problems(), "invalid Content-Type \"" + Printable(ct->value, 60) +
                                   "\" in " + (index == 0 ? std::string("the mail") :
                                                            "part " + std::to_string(index)) +
                                   "; read as " + guess);
        p->type.value = guess;
      } else {
        p->type.value = default_type;
      }
    }
    if (cd) p->disposition = ParseParameterized(cd->value, problems(), fallback_);
    if (cte) {
      std::string e = text::AsciiLower(TrimWsp(cte->value));
      e.erase(std::remove(e.begin(), e.end(), '"'), e.end());
      p->transfer_encoding = std::string(TrimWsp(e));
    }
  }

  void ReadMultipart(int index) {
    MimePart* p = &tree_->parts[static_cast<std::size_t>(index)];
    if (p->depth >= limits_.max_nesting_depth) {
      AddProblem(problems(), "MIME nesting deeper than " +
                                 std::to_string(limits_.max_nesting_depth) +
                                 " levels; inner parts not read");
      return;
    }
    std::string boundary = p->type.Param("boundary").value_or("");
    if (boundary.empty()) {
      boundary = GuessBoundary(p->body);
      if (boundary.empty()) {
        AddProblem(problems(), What(index) + " has no boundary; read as text/plain");
        p->type.value = "text/plain";
        return;
      }
      AddProblem(problems(), What(index) + " has no boundary parameter; used \"" +
                                 Printable(boundary, 70) + "\" found in the body");
    }
    MultipartSplit split = SplitMultipart(p->body, boundary);
    if (!split.found) {
      AddProblem(problems(), What(index) + ": boundary \"" + Printable(boundary, 70) +
                                 "\" not found; read as text/plain");
      p->type.value = "text/plain";
      return;
    }
    if (!split.closed) {
      AddProblem(problems(), What(index) + ": closing boundary missing (truncated mail?)");
    }
    p->multipart = true;
    const bool digest = p->type.value == "multipart/digest";
    const int depth = p->depth;
    for (std::string_view part : split.parts) {
      if (static_cast<int>(tree_->parts.size()) >= limits_.max_parts) {
        AddProblem(problems(), "more than " + std::to_string(limits_.max_parts) +
                                   " MIME parts; the rest not read");
        return;
      }
      HeaderBlock hb = SplitHeaders(part, limits_.max_header_bytes, problems());
      const int child = Add(std::move(hb.fields), hb.body, depth + 1, index,
                            digest ? "message/rfc822" : "text/plain");
      tree_->parts[static_cast<std::size_t>(index)].children.push_back(child);
    }
  }

  const MimeLimits& limits_;
  std::string_view fallback_;
  MimeTree* tree_;
};

// Lenient base64 (base64::DecodeLenient), what it forgave as problems.
std::string DecodeBase64(std::string_view body, std::string_view what,
                         std::vector<std::string>* problems) {
  base64::LenientDecoded d = base64::DecodeLenient(body);
  if (d.trailing_text) {
    AddProblem(problems, "text after the base64 data of " + std::string(what) + " ignored");
  }
  if (d.skipped_invalid) {
    AddProblem(problems, "invalid characters in the base64 data of " + std::string(what) +
                             " skipped");
  }
  if (d.truncated) {
    AddProblem(problems, "base64 data of " + std::string(what) +
                             " ends in the middle of a block (truncated mail?)");
  }
  return std::move(d.bytes);
}

}  // namespace

HeaderBlock SplitHeaders(std::string_view entity, std::size_t max_header_bytes,
                         std::vector<std::string>* problems) {
  HeaderBlock out;
  std::size_t pos = 0;
  if (entity.substr(0, 5) == "From ") {  // mbox separator line
    std::size_t next = 0;
    LineAt(entity, 0, &next);
    pos = next;
  }
  std::size_t bytes = 0;
  bool over = false;
  bool current = false;  // the last line belongs to a kept field
  while (pos < entity.size()) {
    std::size_t next = 0;
    std::string_view line = LineAt(entity, pos, &next);
    if (line.empty()) {
      out.body = entity.substr(next);
      break;
    }
    bytes += next - pos;
    if (!over && bytes > max_header_bytes) {
      over = true;
      AddProblem(problems, "header section longer than " + std::to_string(max_header_bytes) +
                               " bytes; the rest of it ignored");
    }
    if (line[0] == ' ' || line[0] == '\t') {
      if (current && !over) out.fields.back().value.append(line);
      pos = next;
      continue;
    }
    const std::size_t colon = line.find(':');
    std::string_view name =
        colon == std::string_view::npos ? std::string_view() : line.substr(0, colon);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
    if (!IsFieldName(name)) {
      if (!out.fields.empty()) {
        AddProblem(problems, "header section ends without a blank line, at \"" +
                                 Printable(line, 40) + "\"");
      }
      out.body = entity.substr(pos);
      break;
    }
    if (over) {
      current = false;
    } else {
      RawHeader h;
      h.name = text::AsciiLower(name);
      h.value = std::string(line.substr(colon + 1));
      out.fields.push_back(std::move(h));
      current = true;
    }
    pos = next;
  }
  if (pos >= entity.size()) out.body = entity.substr(entity.size());
  for (auto& f : out.fields) f.value = std::string(TrimWsp(f.value));
  return out;
}

MimeTree ParseMime(std::string_view raw, const MimeLimits& limits,
                   std::string_view fallback_charset) {
  MimeTree tree;
  HeaderBlock hb = SplitHeaders(raw, limits.max_header_bytes, &tree.problems);
  TreeBuilder builder(limits, fallback_charset, &tree);
  builder.Add(std::move(hb.fields), hb.body, 0, -1, "text/plain");
  return tree;
}

std::string DecodeTransfer(std::string_view body, std::string_view encoding,
                           std::string_view what, std::vector<std::string>* problems) {
  const std::string e = text::AsciiLower(TrimWsp(encoding));
  if (e.empty() || e == "7bit" || e == "8bit" || e == "binary" || e == "7-bit" ||
      e == "8-bit" || e == "8bits") {
    return std::string(body);
  }
  if (e == "base64") return DecodeBase64(body, what, problems);
  if (e == "quoted-printable") {
    if (auto decoded = quoted_printable::Decode(body)) return std::move(*decoded);
    AddProblem(problems, "quoted-printable data of " + std::string(what) +
                             " could not be decoded; kept as it is");
    return std::string(body);
  }
  AddProblem(problems, "unknown Content-Transfer-Encoding \"" + Printable(e, 30) + "\" of " +
                           std::string(what) + "; kept as it is");
  return std::string(body);
}

std::string NormalizeLineEnds(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace deskd
