#include "parsers/address.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "parsers/encoded_word.h"
#include "parsers/text_util.h"

namespace deskd {

namespace {

using text::IsWsp;

std::string TrimWsp(std::string_view s) { return std::string(text::TrimWsp(s)); }

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

// The first pass: the characters of a header value to mailboxes as written
// (quoted strings, comments, angle brackets, group names), nothing repaired.
class MailboxLexer {
 public:
  MailboxLexer(std::string_view value, std::vector<std::string>* problems)
      : value_(value), problems_(problems) {}

  std::vector<RawMailbox> Run() {
    while (i_ < value_.size()) {
      const char c = value_[i_];
      if (c == '"') {
        QuotedString();
      } else if (c == '(') {
        Comment();
      } else if (c == '<') {
        Angle();
      } else if (c == ',' || c == ';') {
        Emit();
        ++i_;
      } else if (c == ':' && !cur_.angle) {
        Colon();
      } else if (IsWsp(c)) {
        Space();
        ++i_;
      } else {
        cur_.phrase += c;
        ++i_;
      }
    }
    Emit();
    return std::move(boxes_);
  }

 private:
  void Space() {
    if (!cur_.phrase.empty() && cur_.phrase.back() != ' ') cur_.phrase += ' ';
  }

  void Emit() {
    cur_.phrase = TrimWsp(cur_.phrase);
    if (!cur_.phrase.empty() || cur_.angle) boxes_.push_back(std::move(cur_));
    cur_ = RawMailbox();
  }

  // "..." with backslash escapes, into the phrase.
  void QuotedString() {
    ++i_;
    bool closed = false;
    while (i_ < value_.size()) {
      if (value_[i_] == '\\' && i_ + 1 < value_.size()) {
        cur_.phrase += value_[i_ + 1];
        i_ += 2;
      } else if (value_[i_] == '"') {
        ++i_;
        closed = true;
        break;
      } else {
        cur_.phrase += value_[i_++];
      }
    }
    if (!closed) AddProblem(problems_, "unterminated quoted display name");
  }

  // "(...)", nested; the first one of a mailbox is kept.
  void Comment() {
    int depth = 1;
    std::string comment;
    ++i_;
    while (i_ < value_.size() && depth > 0) {
      const char d = value_[i_];
      if (d == '\\' && i_ + 1 < value_.size()) {
        comment += value_[i_ + 1];
        i_ += 2;
        continue;
      }
      if (d == '(') ++depth;
      if (d == ')' && --depth == 0) {
        ++i_;
        break;
      }
      comment += d;
      ++i_;
    }
    if (cur_.comment.empty()) cur_.comment = TrimWsp(comment);
    Space();
  }

  // "<...>"; without '>' up to the next comma. Of two, the one with '@'.
  void Angle() {
    const std::size_t close = value_.find('>', i_ + 1);
    std::size_t stop = close;
    if (close == std::string_view::npos) {
      AddProblem(problems_, "address without closing '>'");
      stop = value_.find(',', i_ + 1);
      if (stop == std::string_view::npos) stop = value_.size();
    }
    std::string inner(value_.substr(i_ + 1, stop - i_ - 1));
    if (!cur_.angle) {
      cur_.angle = inner;
    } else if (!HasAt(*cur_.angle) && HasAt(inner)) {
      cur_.angle = inner;
    }
    i_ = close == std::string_view::npos ? stop : close + 1;
  }

  // "mailto:" before a bare address, or the end of a group's name.
  void Colon() {
    std::string lower = text::AsciiLower(cur_.phrase);
    if (lower.size() >= 6 && lower.compare(lower.size() - 6, 6, "mailto") == 0) {
      cur_.phrase.resize(cur_.phrase.size() - 6);
    } else {
      cur_ = RawMailbox();  // a group's name
    }
    ++i_;
  }

  std::string_view value_;
  std::vector<std::string>* problems_;
  std::size_t i_ = 0;
  std::vector<RawMailbox> boxes_;
  RawMailbox cur_;
};

std::vector<std::string> SplitAtSpaces(const std::string& p) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start <= p.size()) {
    std::size_t sp = p.find(' ', start);
    if (sp == std::string::npos) sp = p.size();
    if (sp > start) words.push_back(p.substr(start, sp - start));
    start = sp + 1;
  }
  return words;
}

// The second pass: mailboxes as written to addresses and names, repairing
// what senders get wrong. A phrase without angle brackets has its address
// in the (last) word with '@'; a phrase with no '@' before a mailbox with
// one is the first half of an unquoted "Tamm, Anna <anna@x>".
class MailboxRepair {
 public:
  MailboxRepair(std::string_view fallback_charset, std::vector<std::string>* problems)
      : fallback_(fallback_charset), problems_(problems) {}

  std::vector<MailAddress> Run(std::vector<RawMailbox>& boxes) {
    std::vector<MailAddress> out;
    for (std::size_t k = 0; k < boxes.size(); ++k) {
      const RawMailbox& b = boxes[k];
      MailAddress m;
      std::string name_raw;
      if (b.angle) {
        m.address = CleanAddress(*b.angle);
        name_raw = TakeCarriedName(b.phrase);
      } else if (!BareAddress(boxes, k, &m, &name_raw)) {
        continue;
      }
      m.name = CleanName(name_raw, fallback_, problems_);
      if (!m.name && !b.comment.empty()) m.name = CleanName(b.comment, fallback_, problems_);
      if (m.address.empty() && !b.angle) continue;
      out.push_back(std::move(m));
    }
    return out;
  }

 private:
  // `phrase` with a name carried over from before the comma in front of it.
  std::string TakeCarriedName(const std::string& phrase) {
    if (carried_name_.empty()) return phrase;
    std::string name = carried_name_ + ", " + phrase;
    carried_name_.clear();
    return name;
  }

  // boxes[k] without angle brackets: the word with '@' is the address, the
  // others the name. False when it holds no mailbox (carried or dropped).
  bool BareAddress(const std::vector<RawMailbox>& boxes, std::size_t k, MailAddress* m,
                   std::string* name_raw) {
    const std::string& p = boxes[k].phrase;
    const std::vector<std::string> words = SplitAtSpaces(p);
    int at_word = -1;
    for (int w = static_cast<int>(words.size()) - 1; w >= 0; --w) {
      if (HasAt(words[static_cast<std::size_t>(w)])) {
        at_word = w;
        break;
      }
    }
    if (at_word < 0) {
      const bool next_has_angle =
          k + 1 < boxes.size() && boxes[k + 1].angle && !boxes[k + 1].phrase.empty();
      if (next_has_angle) {
        carried_name_ = carried_name_.empty() ? p : carried_name_ + ", " + p;
        return false;
      }
      if (words.size() != 1) return false;  // a name with no address
      m->address = CleanAddress(words[0]);
    } else {
      m->address = CleanAddress(words[static_cast<std::size_t>(at_word)]);
      for (std::size_t w = 0; w < words.size(); ++w) {
        if (static_cast<int>(w) == at_word) continue;
        if (!name_raw->empty()) *name_raw += ' ';
        *name_raw += words[w];
      }
    }
    carried_name_.clear();
    return true;
  }

  std::string_view fallback_;
  std::vector<std::string>* problems_;
  std::string carried_name_;  // "Tamm" of an unquoted "Tamm, Anna <anna@x>"
};

}  // namespace

std::vector<MailAddress> ParseAddressList(std::string_view value,
                                          std::vector<std::string>* problems,
                                          std::string_view fallback_charset) {
  std::vector<std::string> local_problems;
  if (problems == nullptr) problems = &local_problems;
  std::vector<RawMailbox> boxes = MailboxLexer(value, problems).Run();
  return MailboxRepair(fallback_charset, problems).Run(boxes);
}

}  // namespace deskd
