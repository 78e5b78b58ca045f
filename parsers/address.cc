#include "parsers/address.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "parsers/encoded_word.h"
#include "parsers/text_util.h"

namespace deskd {

namespace {

bool IsWsp(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string TrimWsp(std::string_view s) {
  while (!s.empty() && IsWsp(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsWsp(s.back())) s.remove_suffix(1);
  return std::string(s);
}

void AddProblem(std::vector<std::string>* problems, std::string p) {
  if (std::find(problems->begin(), problems->end(), p) == problems->end()) {
    problems->push_back(std::move(p));
  }
}

// One mailbox as read, before cleaning.
struct RawMailbox {
  std::string phrase;   // display name or bare address, quotes removed
  std::string comment;  // first top-level comment
  std::optional<std::string> angle;
};

std::string CleanAddress(std::string_view a) {
  std::string s;
  for (char c : a) {
    if (!IsWsp(c)) s += c;
  }
  std::string lower = text::AsciiLower(s);
  if (lower.rfind("mailto:", 0) == 0) {
    s.erase(0, 7);
    lower.erase(0, 7);
  }
  // Source route "@a,@b:user@host".
  if (!lower.empty() && lower[0] == '@') {
    if (auto colon = lower.find(':'); colon != std::string::npos) lower.erase(0, colon + 1);
  }
  while (lower.size() >= 2 && ((lower.front() == '\'' && lower.back() == '\'') ||
                               (lower.front() == '"' && lower.back() == '"'))) {
    lower = lower.substr(1, lower.size() - 2);
  }
  return lower;
}

std::optional<std::string> CleanName(std::string_view raw, std::string_view fallback,
                                     std::vector<std::string>* problems) {
  DecodedHeader d = DecodeHeaderText(TrimWsp(raw), fallback);
  for (auto& p : d.problems) AddProblem(problems, std::move(p));
  std::string name = d.text;
  for (char& c : name) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';  // a name is one line
  }
  name = std::string(text::Trim(name));
  for (char q : {'"', '\''}) {
    if (name.size() >= 2 && name.front() == q && name.back() == q &&
        std::count(name.begin(), name.end(), q) == 2) {
      name = std::string(text::Trim(std::string_view(name).substr(1, name.size() - 2)));
    }
  }
  if (name.empty()) return std::nullopt;
  return name;
}

bool HasAt(std::string_view s) { return s.find('@') != std::string_view::npos; }

}  // namespace

std::vector<MailAddress> ParseAddressList(std::string_view value,
                                          std::vector<std::string>* problems,
                                          std::string_view fallback_charset) {
  std::vector<std::string> local_problems;
  if (problems == nullptr) problems = &local_problems;

  std::vector<RawMailbox> boxes;
  RawMailbox cur;
  auto space = [&] {
    if (!cur.phrase.empty() && cur.phrase.back() != ' ') cur.phrase += ' ';
  };
  auto emit = [&] {
    cur.phrase = TrimWsp(cur.phrase);
    if (!cur.phrase.empty() || cur.angle) boxes.push_back(std::move(cur));
    cur = RawMailbox();
  };
  std::size_t i = 0;
  while (i < value.size()) {
    const char c = value[i];
    if (c == '"') {
      ++i;
      bool closed = false;
      while (i < value.size()) {
        if (value[i] == '\\' && i + 1 < value.size()) {
          cur.phrase += value[i + 1];
          i += 2;
        } else if (value[i] == '"') {
          ++i;
          closed = true;
          break;
        } else {
          cur.phrase += value[i++];
        }
      }
      if (!closed) AddProblem(problems, "unterminated quoted display name");
    } else if (c == '(') {
      int depth = 1;
      std::string comment;
      ++i;
      while (i < value.size() && depth > 0) {
        const char d = value[i];
        if (d == '\\' && i + 1 < value.size()) {
          comment += value[i + 1];
          i += 2;
          continue;
        }
        if (d == '(') ++depth;
        if (d == ')' && --depth == 0) {
          ++i;
          break;
        }
        comment += d;
        ++i;
      }
      if (cur.comment.empty()) cur.comment = TrimWsp(comment);
      space();
    } else if (c == '<') {
      const std::size_t close = value.find('>', i + 1);
      std::size_t stop = close;
      if (close == std::string_view::npos) {
        AddProblem(problems, "address without closing '>'");
        stop = value.find(',', i + 1);
        if (stop == std::string_view::npos) stop = value.size();
      }
      std::string inner(value.substr(i + 1, stop - i - 1));
      if (!cur.angle) {
        cur.angle = inner;
      } else if (!HasAt(*cur.angle) && HasAt(inner)) {
        cur.angle = inner;
      }
      i = close == std::string_view::npos ? stop : close + 1;
    } else if (c == ',') {
      emit();
      ++i;
    } else if (c == ';') {
      emit();
      ++i;
    } else if (c == ':' && !cur.angle) {
      std::string lower = text::AsciiLower(cur.phrase);
      if (lower.size() >= 6 && lower.compare(lower.size() - 6, 6, "mailto") == 0) {
        cur.phrase.resize(cur.phrase.size() - 6);
      } else {
        cur = RawMailbox();  // a group's name
      }
      ++i;
    } else if (IsWsp(c)) {
      space();
      ++i;
    } else {
      cur.phrase += c;
      ++i;
    }
  }
  emit();

  std::vector<MailAddress> out;
  std::string carried_name;  // "Tamm" of an unquoted "Tamm, Anna <anna@x>"
  for (std::size_t k = 0; k < boxes.size(); ++k) {
    RawMailbox& b = boxes[k];
    MailAddress m;
    std::string name_raw;
    if (b.angle) {
      m.address = CleanAddress(*b.angle);
      name_raw = b.phrase;
      if (!carried_name.empty()) {
        name_raw = carried_name + ", " + name_raw;
        carried_name.clear();
      }
    } else {
      // No angle brackets: the word with '@' is the address.
      std::vector<std::string> words;
      std::size_t start = 0;
      const std::string& p = b.phrase;
      while (start <= p.size()) {
        std::size_t sp = p.find(' ', start);
        if (sp == std::string::npos) sp = p.size();
        if (sp > start) words.push_back(p.substr(start, sp - start));
        start = sp + 1;
      }
      int at_word = -1;
      for (int w = static_cast<int>(words.size()) - 1; w >= 0; --w) {
        if (HasAt(words[static_cast<std::size_t>(w)])) {
          at_word = w;
          break;
        }
      }
      if (at_word < 0) {
        const bool next_has_angle = k + 1 < boxes.size() && boxes[k + 1].angle &&
                                    !boxes[k + 1].phrase.empty();
        if (next_has_angle) {
          carried_name = carried_name.empty() ? p : carried_name + ", " + p;
          continue;
        }
        if (words.size() != 1) continue;  // a name with no address
        m.address = CleanAddress(words[0]);
      } else {
        m.address = CleanAddress(words[static_cast<std::size_t>(at_word)]);
        for (std::size_t w = 0; w < words.size(); ++w) {
          if (static_cast<int>(w) == at_word) continue;
          if (!name_raw.empty()) name_raw += ' ';
          name_raw += words[w];
        }
      }
      carried_name.clear();
    }
    m.name = CleanName(name_raw, fallback_charset, problems);
    if (!m.name && !b.comment.empty()) m.name = CleanName(b.comment, fallback_charset, problems);
    if (m.address.empty() && !b.angle) continue;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace deskd
