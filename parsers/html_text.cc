// HtmlToText: gumbo parses, a non-recursive walk over the tree feeds a
// TextWriter that lays out lines as a browser would render them (block
// breaks, collapsed white space) and remembers each line's quote depth.
#include "parsers/html_text.h"

#include <gumbo.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "parsers/decoders/hex.h"
#include "parsers/text_util.h"

namespace deskd {

namespace {

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// `word` without ZERO WIDTH SPACE, WORD JOINER, BOM and SOFT HYPHEN, which
// web mailers scatter and which render as nothing.
std::string WithoutInvisibles(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  std::size_t pos = 0;
  while (pos < word.size()) {
    std::size_t start = pos;
    char32_t cp = text::NextCodePoint(word, &pos);
    if (cp == 0x200B || cp == 0x2060 || cp == 0xFEFF || cp == 0x00AD) continue;
    out.append(word.substr(start, pos - start));
  }
  return out;
}

// Lines as they come out, before quote prefixes and final clean-up.
class TextWriter {
 public:
  // Text that collapses white space (normal flow). NO-BREAK SPACE is white
  // space here too: it is remembered so that a block holding nothing but
  // &nbsp; still renders as an empty line (Outlook's blank paragraphs).
  void Text(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
      if (IsAsciiSpace(s[i])) {
        pending_space_ = true;
        ++i;
        continue;
      }
      if (static_cast<unsigned char>(s[i]) == 0xC2 && i + 1 < s.size() &&
          static_cast<unsigned char>(s[i + 1]) == 0xA0) {
        pending_space_ = true;
        nbsp_seen_ = true;
        i += 2;
        continue;
      }
      std::size_t j = i;
      while (j < s.size() && !IsAsciiSpace(s[j]) &&
             !(static_cast<unsigned char>(s[j]) == 0xC2 && j + 1 < s.size() &&
               static_cast<unsigned char>(s[j + 1]) == 0xA0)) {
        ++j;
      }
      Content(WithoutInvisibles(s.substr(i, j - i)));
      i = j;
    }
  }

  // Text inside <pre>: white space and line breaks kept.
  void PreText(std::string_view s) {
    std::size_t start = 0;
    while (start <= s.size()) {
      std::size_t nl = s.find('\n', start);
      std::string_view piece =
          s.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
      if (!piece.empty() && piece.back() == '\r') piece.remove_suffix(1);
      std::string converted;
      for (std::size_t k = 0; k < piece.size(); ++k) {
        if (static_cast<unsigned char>(piece[k]) == 0xC2 && k + 1 < piece.size() &&
            static_cast<unsigned char>(piece[k + 1]) == 0xA0) {
          converted += ' ';
          ++k;
        } else {
          converted += piece[k];
        }
      }
      if (!converted.empty()) RawContent(converted);
      if (nl == std::string_view::npos) break;
      LineBreak();
      start = nl + 1;
    }
  }

  // Non-white text appended to the current line.
  void Content(std::string_view word) {
    if (word.empty()) return;
    StartContent();
    cur_ += word;
    ++content_count_;
  }

  // <br>: ends the current line; on an empty line, an empty line.
  void LineBreak() {
    ApplyPendingBreaks();
    if (cur_started_) {
      CommitLine();
    } else {
      lines_.push_back({Depth(), ""});
    }
    pending_space_ = false;
    pending_sep_.clear();
  }

  // An empty line at this point (a block with nothing but &nbsp;).
  void EmptyLine() {
    ApplyPendingBreaks();
    if (cur_started_) CommitLine();
    lines_.push_back({Depth(), ""});
    pending_space_ = false;
  }

  // A block boundary: 1 = the next text starts a new line, 2 = after a
  // blank line.
  void Block(int newlines) { pending_breaks_ = std::max(pending_breaks_, newlines); }

  // A separator put between the current text and the next, when both are on
  // the same line (table cells).
  void Separator(std::string_view sep) { pending_sep_ = sep; }

  void Space() { pending_space_ = true; }

  void EnterQuote() { ++depth_; }
  void LeaveQuote() { --depth_; }
  // Everything from here to the end of the document is one level deeper
  // (Outlook puts the quoted history after its reply header, unnested).
  void QuoteRest() { rest_offset_ = 1; }

  long content_count() const { return content_count_; }
  bool nbsp_seen() const { return nbsp_seen_; }
  void set_nbsp_seen(bool v) { nbsp_seen_ = v; }

  // The text of the line being written, or of the last line written.
  std::string_view LastLine() const {
    if (cur_started_) return cur_;
    if (!lines_.empty()) return lines_.back().text;
    return {};
  }

  std::string Finish() {
    if (cur_started_) CommitLine();
    // Clean lines, collapse runs of blank lines into one (the shallowest).
    std::vector<Line> clean;
    for (Line& line : lines_) {
      std::string_view t = text::TrimRight(line.text);
      if (t == "--") t = "-- ";  // the signature separator keeps its space
      Line out{line.depth, std::string(t)};
      if (out.text.empty()) {
        if (!clean.empty() && clean.back().text.empty()) {
          clean.back().depth = std::min(clean.back().depth, out.depth);
          continue;
        }
      }
      clean.push_back(std::move(out));
    }
    std::size_t begin = 0;
    std::size_t end = clean.size();
    while (begin < end && clean[begin].text.empty()) ++begin;
    while (end > begin && clean[end - 1].text.empty()) --end;
    std::string result;
    for (std::size_t i = begin; i < end; ++i) {
      const Line& line = clean[i];
      if (line.depth > 0) {
        result.append(static_cast<std::size_t>(line.depth), '>');
        if (!line.text.empty()) result += ' ';
      }
      result += line.text;
      if (i + 1 < end) result += '\n';
    }
    return result;
  }

 private:
  struct Line {
    int depth;
    std::string text;
  };

  int Depth() const { return depth_ + rest_offset_; }

  void RawContent(std::string_view s) {
    StartContent();
    cur_ += s;
    if (!text::IsBlank(s)) ++content_count_;
  }

  void StartContent() {
    ApplyPendingBreaks();
    if (!cur_started_) {
      cur_started_ = true;
      cur_depth_ = Depth();
    } else if (!pending_sep_.empty()) {
      cur_ += pending_sep_;
    } else if (pending_space_) {
      cur_ += ' ';
    }
    pending_space_ = false;
    pending_sep_.clear();
  }

  void ApplyPendingBreaks() {
    if (pending_breaks_ == 0) return;
    const int breaks = pending_breaks_;
    pending_breaks_ = 0;
    if (lines_.empty() && !cur_started_) return;  // nothing above to separate from
    if (cur_started_) CommitLine();
    if (breaks >= 2 && !lines_.empty() && !lines_.back().text.empty()) {
      lines_.push_back({std::min(lines_.back().depth, Depth()), ""});
    }
    pending_space_ = false;
    pending_sep_.clear();
  }

  void CommitLine() {
    lines_.push_back({cur_depth_, std::move(cur_)});
    cur_.clear();
    cur_started_ = false;
  }

  std::vector<Line> lines_;
  std::string cur_;
  int cur_depth_ = 0;
  bool cur_started_ = false;
  int pending_breaks_ = 0;
  bool pending_space_ = false;
  std::string pending_sep_;
  int depth_ = 0;
  int rest_offset_ = 0;
  long content_count_ = 0;
  bool nbsp_seen_ = false;
};

std::string_view Attr(const GumboNode* node, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a == nullptr ? std::string_view() : std::string_view(a->value);
}

// Lower-case with ASCII white space removed: "Border: None" -> "border:none".
std::string Squeeze(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (IsAsciiSpace(c)) continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

bool Contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

// True when the class attribute has a token equal to `name`, also with the
// "x_" prefix Outlook on the web puts before classes and ids it passes on.
bool HasClass(const GumboNode* node, std::string_view name) {
  std::string_view classes = Attr(node, "class");
  std::size_t i = 0;
  while (i < classes.size()) {
    while (i < classes.size() && IsAsciiSpace(classes[i])) ++i;
    std::size_t j = i;
    while (j < classes.size() && !IsAsciiSpace(classes[j])) ++j;
    std::string_view token = classes.substr(i, j - i);
    while (text::StartsWith(token, "x_")) token.remove_prefix(2);
    if (!token.empty() && text::AsciiLower(token) == text::AsciiLower(name)) return true;
    i = j;
  }
  return false;
}

bool HasClassPrefix(const GumboNode* node, std::string_view prefix) {
  std::string_view classes = Attr(node, "class");
  std::size_t i = 0;
  while (i < classes.size()) {
    while (i < classes.size() && IsAsciiSpace(classes[i])) ++i;
    std::size_t j = i;
    while (j < classes.size() && !IsAsciiSpace(classes[j])) ++j;
    std::string_view token = classes.substr(i, j - i);
    while (text::StartsWith(token, "x_")) token.remove_prefix(2);
    if (text::StartsWith(token, prefix)) return true;
    i = j;
  }
  return false;
}

bool IdIs(const GumboNode* node, std::string_view id) {
  std::string_view v = Attr(node, "id");
  while (text::StartsWith(v, "x_")) v.remove_prefix(2);
  return text::AsciiLower(v) == text::AsciiLower(id);
}

bool IsHidden(const GumboNode* node) {
  std::string style = Squeeze(Attr(node, "style"));
  return Contains(style, "display:none") || Contains(style, "mso-hide:all");
}

std::string InnerText(const GumboNode* root);

// Outlook desktop's reply header: "From: ..." under a thin top border
// ("border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm").
bool IsOutlookHeaderDiv(const GumboNode* node) {
  if (HasClass(node, "OutlookMessageHeader")) return true;
  std::string style = Squeeze(Attr(node, "style"));
  if (!Contains(style, "border-top:solid") ||
      !(Contains(style, "padding:3.0pt") || Contains(style, "padding:3pt"))) {
    return false;
  }
  // Its text starts with a field label ("From:", "Saatja:", "От кого:",
  // "De la:") and has more fields (Sent:, To:, Subject:).
  std::string inner = InnerText(node);
  std::size_t colon = inner.find(':');
  return colon != std::string::npos && colon > 0 && colon <= 30 &&
         inner.substr(0, colon).find_first_of(".,;<>@") == std::string::npos &&
         std::count(inner.begin(), inner.end(), ':') >= 3;
}

// A quote block (as opposed to Gmail's "indent" button, which makes a
// borderless blockquote).
bool IsQuotingBlockquote(const GumboNode* node) {
  if (text::AsciiLower(Attr(node, "type")) == "cite") return true;
  if (HasClass(node, "gmail_quote")) return true;
  std::string style = Squeeze(Attr(node, "style"));
  if (Contains(style, "border:none") && !Contains(style, "border-left")) return false;
  return true;
}

// A paragraph without margins: Word's MsoNormal and friends, or an inline
// style that zeroes the margins. It ends a line, not a paragraph.
bool IsTightParagraph(const GumboNode* node) {
  if (HasClassPrefix(node, "Mso")) return true;
  std::string style = Squeeze(Attr(node, "style"));
  if (Contains(style, "margin:0;") || Contains(style, "margin:0px;") ||
      Contains(style, "margin:0cm;") || Contains(style, "margin:0in;") ||
      text::EndsWith(style, "margin:0") || text::EndsWith(style, "margin:0px")) {
    return true;
  }
  return (Contains(style, "margin-top:0") && Contains(style, "margin-bottom:0"));
}

bool IsSkipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
      return true;
    default:
      return false;
  }
}

const GumboVector& Children(const GumboNode* node) {
  static const GumboVector kNone = {nullptr, 0, 0};
  switch (node->type) {
    case GUMBO_NODE_DOCUMENT:
      return node->v.document.children;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
      return node->v.element.children;
    default:
      return kNone;
  }
}

// Visible text of a subtree, white space collapsed and trimmed.
std::string InnerText(const GumboNode* root) {
  std::string out;
  std::vector<const GumboNode*> stack{root};
  bool space = false;
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
        node->type == GUMBO_NODE_CDATA) {
      std::string_view s = node->v.text.text;
      for (std::size_t i = 0; i < s.size(); ++i) {
        bool ws = IsAsciiSpace(s[i]);
        if (static_cast<unsigned char>(s[i]) == 0xC2 && i + 1 < s.size() &&
            static_cast<unsigned char>(s[i + 1]) == 0xA0) {
          ws = true;
          ++i;
        }
        if (ws) {
          space = true;
        } else {
          if (space && !out.empty()) out += ' ';
          space = false;
          out += s[i];
        }
      }
    } else if (node->type == GUMBO_NODE_ELEMENT) {
      if (IsSkipped(node->v.element.tag) || IsHidden(node)) continue;
      if (node->v.element.tag == GUMBO_TAG_IMG) {
        std::string_view alt = Attr(node, "alt");
        if (!alt.empty()) {
          if (space && !out.empty()) out += ' ';
          space = false;
          out += alt;
        }
        continue;
      }
      const GumboVector& children = Children(node);
      for (unsigned i = children.length; i > 0; --i) {
        stack.push_back(static_cast<const GumboNode*>(children.data[i - 1]));
      }
    }
  }
  return out;
}

// Outlook on the web's Safe Links wrap every URL; the original is in url=.
std::string UnwrapSafeLink(std::string_view href) {
  if (!Contains(text::AsciiLower(href), "safelinks.protection.outlook.com")) {
    return std::string(href);
  }
  std::size_t q = href.find('?');
  if (q == std::string_view::npos) return std::string(href);
  std::string_view query = href.substr(q + 1);
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view param = query.substr(0, amp);
    if (text::StartsWith(param, "url=")) {
      return hex::DecodeEscapes(param.substr(4), {.escape = '%', .space = '+'});
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::string(href);
}

// A URL or link text reduced for comparison: lower-case, without scheme,
// "www.", "mailto:", a trailing slash; for tel: links only the digits.
std::string LinkKey(std::string_view s) {
  std::string v = text::AsciiLower(text::Trim(s));
  if (text::StartsWith(v, "tel:") || text::StartsWith(v, "+") ||
      (!v.empty() && v[0] >= '0' && v[0] <= '9' && v.find('@') == std::string::npos &&
       v.find('.') == std::string::npos)) {
    std::string digits;
    for (char c : v) {
      if (c >= '0' && c <= '9') digits += c;
    }
    if (!digits.empty()) return "tel:" + digits;
  }
  for (std::string_view prefix : {"mailto:", "http://", "https://"}) {
    if (text::StartsWith(v, prefix)) {
      v.erase(0, prefix.size());
      break;
    }
  }
  if (text::StartsWith(v, "www.")) v.erase(0, 4);
  if (std::size_t q = v.find('?'); q != std::string::npos && v.find('@') < q) v.erase(q);
  while (!v.empty() && v.back() == '/') v.pop_back();
  return v;
}

// What follows a link's text: "<url>", or "" when the text says it already.
std::string LinkSuffix(const GumboNode* node) {
  std::string href = UnwrapSafeLink(text::Trim(Attr(node, "href")));
  if (href.empty() || href[0] == '#') return "";
  std::string lower = text::AsciiLower(href);
  if (text::StartsWith(lower, "javascript:") || text::StartsWith(lower, "cid:")) return "";
  std::string inner = InnerText(node);
  if (inner.empty()) return "";
  if (LinkKey(inner) == LinkKey(href)) return "";
  if (text::StartsWith(lower, "mailto:")) {
    href.erase(0, 7);
    if (std::size_t q = href.find('?'); q != std::string::npos) href.erase(q);
    if (LinkKey(inner) == LinkKey(href)) return "";
  }
  return "<" + href + ">";
}

// Line-level elements that are not paragraphs: one line break around them.
bool IsLineBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HTML:
      return true;
    default:
      return false;
  }
}

bool IsParagraphBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_HR:
      return true;
    default:
      return false;
  }
}

// How a quote sits inside the one around it (see Renderer::EnterBlockquote).
enum class QuoteKind { kGmailDiv, kBlockquote, kOther };

// The marks mail clients leave in the HTML of a reply, as data: which
// element (by id, class or Outlook's header style) means what.
struct ClientMarker {
  enum class Role {
    kQuoteRest,  // a reply header: from here on, all is the quoted mail
    kQuoteDiv,   // an element whose content is the quoted mail
    kSignature,  // the sender's signature: "--" goes before it
  };
  enum class By { kId, kClass, kOutlookHeaderStyle };
  const char* client;  // for the reader only
  Role role;
  By by;
  const char* name;  // the id or class; unused for kOutlookHeaderStyle
  GumboTag tag;      // the element it must be; GUMBO_TAG_LAST: any
  QuoteKind kind;    // kQuoteDiv: what the quote is to an inner blockquote
};

constexpr GumboTag kAnyTag = GUMBO_TAG_LAST;
using Role = ClientMarker::Role;
using By = ClientMarker::By;

// In order: the first rule of a role that matches wins.
constexpr ClientMarker kClientMarkers[] = {
    {"Outlook", Role::kQuoteRest, By::kId, "appendonsend", kAnyTag, QuoteKind::kOther},
    {"Outlook", Role::kQuoteRest, By::kId, "divRplyFwdMsg", kAnyTag, QuoteKind::kOther},
    {"Outlook on the web", Role::kQuoteRest, By::kId, "mail-editor-reference-message-container",
     kAnyTag, QuoteKind::kOther},
    {"Outlook desktop", Role::kQuoteRest, By::kOutlookHeaderStyle, "", GUMBO_TAG_DIV,
     QuoteKind::kOther},
    {"Gmail", Role::kQuoteDiv, By::kClass, "gmail_quote", GUMBO_TAG_DIV, QuoteKind::kGmailDiv},
    // Thunderbird's cite prefix is followed by its own blockquote.
    {"Thunderbird", Role::kQuoteDiv, By::kClass, "moz-cite-prefix", GUMBO_TAG_DIV,
     QuoteKind::kOther},
    {"Yahoo", Role::kQuoteDiv, By::kClass, "yahoo_quoted", GUMBO_TAG_DIV, QuoteKind::kOther},
    {"Thunderbird", Role::kSignature, By::kClass, "moz-signature", kAnyTag, QuoteKind::kOther},
    {"Gmail", Role::kSignature, By::kClass, "gmail_signature", kAnyTag, QuoteKind::kOther},
    {"Outlook", Role::kSignature, By::kId, "Signature", kAnyTag, QuoteKind::kOther},
};

bool Matches(const ClientMarker& m, const GumboNode* node, GumboTag tag) {
  if (m.tag != kAnyTag && m.tag != tag) return false;
  switch (m.by) {
    case By::kId:
      return IdIs(node, m.name);
    case By::kClass:
      return HasClass(node, m.name);
    case By::kOutlookHeaderStyle:
      return IsOutlookHeaderDiv(node);
  }
  return false;
}

// The first marker of `role` that `node` carries, or nullptr.
const ClientMarker* FindMarker(const GumboNode* node, GumboTag tag, Role role) {
  for (const ClientMarker& m : kClientMarkers) {
    if (m.role == role && Matches(m, node, tag)) return &m;
  }
  return nullptr;
}

// The walk over the tree, with what each open element must undo at its end.
class Renderer {
 public:
  std::string Render(const GumboNode* root) {
    stack_.push_back(Frame{root});
    while (!stack_.empty()) {
      Frame& frame = stack_.back();
      const GumboNode* node = frame.node;
      if (!frame.entered) {
        frame.entered = true;
        if (!Enter(&stack_.back())) {
          Exit(stack_.back());
          stack_.pop_back();
        }
        continue;
      }
      const GumboVector& children = Children(node);
      if (frame.next < children.length) {
        const GumboNode* child = static_cast<const GumboNode*>(children.data[frame.next++]);
        stack_.push_back(Frame{child});
        continue;
      }
      Exit(frame);
      stack_.pop_back();
    }
    return out_.Finish();
  }

 private:
  struct Frame {
    explicit Frame(const GumboNode* n) : node(n) {}
    const GumboNode* node;
    bool entered = false;
    unsigned next = 0;
    int block = 0;            // breaks at the end
    bool quote = false;       // depth raised
    bool quote_frame = false; // pushed on quote_stack_
    bool list = false;
    bool row = false;
    bool pre = false;
    bool empty_line_if_nbsp = false;
    long content_mark = 0;
    bool saved_nbsp = false;
    std::string suffix;       // printed at the end (link target)
  };

  // Returns true when the children are to be walked.
  bool Enter(Frame* frame) {
    const GumboNode* node = frame->node;
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) {
      return EnterNonElement(node);
    }
    const GumboTag tag = node->v.element.tag;
    if (IsSkipped(tag) || IsHidden(node)) return false;
    if (EnterEmptyElement(node, tag)) return false;
    if (FindMarker(node, tag, Role::kQuoteRest) != nullptr) {
      out_.Block(2);
      out_.QuoteRest();
    }
    if (tag == GUMBO_TAG_SPAN && Contains(Squeeze(Attr(node, "style")), "mso-list:ignore")) {
      WordListMarker(node);
      return false;
    }
    if (tag == GUMBO_TAG_A) {
      frame->suffix = LinkSuffix(node);
      return true;
    }
    if (tag == GUMBO_TAG_BLOCKQUOTE) return EnterBlockquote(frame);
    if (const ClientMarker* m = FindMarker(node, tag, Role::kQuoteDiv)) {
      return EnterQuoteDiv(frame, m->kind);
    }
    if (FindMarker(node, tag, Role::kSignature) != nullptr) StartSignature(node);
    return EnterBlock(frame, tag);
  }

  // Text, white space, the document, comments (and with them Word's
  // conditional comments). True for the document only.
  bool EnterNonElement(const GumboNode* node) {
    switch (node->type) {
      case GUMBO_NODE_DOCUMENT:
        return true;
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
        if (pre_depth_ > 0) {
          out_.PreText(node->v.text.text);
        } else {
          out_.Text(node->v.text.text);
        }
        return false;
      case GUMBO_NODE_WHITESPACE:
        if (pre_depth_ > 0) {
          out_.PreText(node->v.text.text);
        } else {
          out_.Space();
        }
        return false;
      default:
        return false;
    }
  }

  // <br>, <img> (its alt text), <hr>: written here; true when `tag` was one.
  bool EnterEmptyElement(const GumboNode* node, GumboTag tag) {
    switch (tag) {
      case GUMBO_TAG_BR:
        out_.LineBreak();
        return true;
      case GUMBO_TAG_IMG:
        out_.Text(Attr(node, "alt"));
        return true;
      case GUMBO_TAG_HR:
        out_.Block(2);
        return true;
      default:
        return false;
    }
  }

  // A blockquote: a paragraph, and a quote level unless it is Gmail's
  // indent button or the body of the Gmail quote div around it.
  bool EnterBlockquote(Frame* frame) {
    frame->block = 2;
    out_.Block(2);
    if (IsQuotingBlockquote(frame->node)) {
      if (!(quote_stack_.size() > 0 && quote_stack_.back() == QuoteKind::kGmailDiv)) {
        frame->quote = true;
        out_.EnterQuote();
      }
      quote_stack_.push_back(QuoteKind::kBlockquote);
      frame->quote_frame = true;
    }
    return true;
  }

  // A client's quote div (kClientMarkers): one quote level.
  bool EnterQuoteDiv(Frame* frame, QuoteKind kind) {
    frame->block = 2;
    out_.Block(2);
    frame->quote = true;
    out_.EnterQuote();
    quote_stack_.push_back(kind);
    frame->quote_frame = true;
    return true;
  }

  // A client's signature element: on a line of its own, after "--" unless
  // it brings its own.
  void StartSignature(const GumboNode* node) {
    out_.Block(1);
    std::string inner = InnerText(node);
    if (!text::StartsWith(inner, "--") && text::Trim(out_.LastLine()) != "--" && !inner.empty()) {
      out_.Content("--");
      out_.LineBreak();
    }
  }

  // Preformatted text, lists, tables, paragraphs and other blocks: the line
  // breaks around them. Always true (the children are walked).
  bool EnterBlock(Frame* frame, GumboTag tag) {
    if (tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_LISTING || tag == GUMBO_TAG_XMP ||
        tag == GUMBO_TAG_PLAINTEXT) {
      frame->block = 2;
      out_.Block(2);
      frame->pre = true;
      ++pre_depth_;
    } else if (tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL || tag == GUMBO_TAG_MENU) {
      EnterList(frame, tag);
    } else if (tag == GUMBO_TAG_LI) {
      EnterListItem(frame);
    } else if (tag == GUMBO_TAG_TR) {
      frame->block = 1;
      out_.Block(1);
      frame->row = true;
      rows_.push_back(out_.content_count());
    } else if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) {
      if (!rows_.empty() && out_.content_count() > rows_.back()) out_.Separator(" | ");
    } else if (tag == GUMBO_TAG_P) {
      frame->block = (tight_paragraphs_ || IsTightParagraph(frame->node)) ? 1 : 2;
      out_.Block(frame->block);
      MarkNbspBlock(frame);
    } else if (IsParagraphBlock(tag)) {
      frame->block = 2;
      out_.Block(2);
    } else if (IsLineBlock(tag)) {
      frame->block = 1;
      out_.Block(1);
      MarkNbspBlock(frame);
    }
    return true;
  }

  // <ul>, <ol> (with its start="N"), <menu>.
  void EnterList(Frame* frame, GumboTag tag) {
    frame->block = lists_.empty() ? 2 : 1;
    out_.Block(frame->block);
    frame->list = true;
    lists_.push_back(List{tag == GUMBO_TAG_OL, 0});
    if (tag != GUMBO_TAG_OL) return;
    std::string_view start = Attr(frame->node, "start");
    int n = 0;
    for (char c : start) {
      if (c < '0' || c > '9' || n > 100000) break;
      n = n * 10 + (c - '0');
    }
    if (!start.empty() && n > 0) lists_.back().counter = n - 1;
  }

  // <li>: indented by the list depth, "-" or the next number.
  void EnterListItem(Frame* frame) {
    frame->block = 1;
    out_.Block(1);
    std::string marker(lists_.empty() ? 0 : 2 * (lists_.size() - 1), ' ');
    if (!lists_.empty() && lists_.back().ordered) {
      marker += std::to_string(++lists_.back().counter) + ".";
    } else {
      marker += "-";
    }
    out_.Content(marker);
    out_.Space();
  }

  // Word writes list bullets and numbers as text in a span that Outlook
  // hides ("mso-list:Ignore"): "·" + spaces, "o", "§", "1.". Bullets become
  // "- ", numbers stay; nested levels ("mso-list:l0 level2 lfo1" on the
  // paragraph) are indented as for <li>.
  void WordListMarker(const GumboNode* span) {
    int level = 1;
    for (const GumboNode* p = span->parent; p != nullptr && p->type == GUMBO_NODE_ELEMENT;
         p = p->parent) {
      if (p->v.element.tag != GUMBO_TAG_P && p->v.element.tag != GUMBO_TAG_LI) continue;
      std::string style = Squeeze(Attr(p, "style"));
      std::size_t at = style.find("level");
      if (at != std::string::npos && at + 5 < style.size() && style[at + 5] >= '1' &&
          style[at + 5] <= '9') {
        level = style[at + 5] - '0';
      }
      break;
    }
    std::string marker = InnerText(span);
    bool numbered = !marker.empty() && ((marker[0] >= '0' && marker[0] <= '9') ||
                                        ((marker.size() <= 4) && marker.back() == '.' &&
                                         marker[0] >= 'a' && marker[0] <= 'z') ||
                                        (marker.size() <= 5 && marker.back() == ')'));
    out_.Block(1);
    std::string text(2 * static_cast<std::size_t>(level - 1), ' ');
    text += numbered ? marker : "-";
    out_.Content(text);
    out_.Space();
  }

  void MarkNbspBlock(Frame* frame) {
    frame->empty_line_if_nbsp = true;
    frame->content_mark = out_.content_count();
    frame->saved_nbsp = out_.nbsp_seen();
    out_.set_nbsp_seen(false);
  }

  void Exit(const Frame& frame) {
    if (!frame.suffix.empty()) {
      out_.Space();
      out_.Content(frame.suffix);
    }
    if (frame.empty_line_if_nbsp) {
      if (out_.content_count() == frame.content_mark && out_.nbsp_seen()) out_.EmptyLine();
      out_.set_nbsp_seen(frame.saved_nbsp || out_.nbsp_seen());
    }
    if (frame.block > 0) out_.Block(frame.block);
    if (frame.quote) out_.LeaveQuote();
    if (frame.quote_frame) quote_stack_.pop_back();
    if (frame.list) lists_.pop_back();
    if (frame.row) rows_.pop_back();
    if (frame.pre) --pre_depth_;
  }

  struct List {
    bool ordered;
    int counter;
  };

  TextWriter out_;
  std::vector<Frame> stack_;
  std::vector<QuoteKind> quote_stack_;
  std::vector<List> lists_;
  std::vector<long> rows_;  // content count at the start of each open row
  int pre_depth_ = 0;

 public:
  // Set when the document's style sheet gives <p> no margins (Outlook on
  // the web: "P {margin-top:0;margin-bottom:0;}").
  bool tight_paragraphs_ = false;
};

// True when a <style> element of the document sets p's margins to zero.
bool StyleSheetHasTightParagraphs(const GumboNode* root) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) continue;
    if (node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == GUMBO_TAG_STYLE) {
      std::string css;
      const GumboVector& kids = node->v.element.children;
      for (unsigned i = 0; i < kids.length; ++i) {
        const GumboNode* k = static_cast<const GumboNode*>(kids.data[i]);
        if (k->type == GUMBO_NODE_TEXT || k->type == GUMBO_NODE_WHITESPACE) css += k->v.text.text;
      }
      css = Squeeze(css);
      for (std::size_t at = css.find("p{"); at != std::string::npos; at = css.find("p{", at + 1)) {
        if (at > 0 && css[at - 1] != '}' && css[at - 1] != '/' && css[at - 1] != ',' &&
            css[at - 1] != '>') {
          continue;  // "div.p{" or "xp{"
        }
        std::size_t close = css.find('}', at);
        std::string_view rule = std::string_view(css).substr(
            at + 2, close == std::string::npos ? std::string::npos : close - at - 2);
        if ((Contains(rule, "margin-top:0") && Contains(rule, "margin-bottom:0")) ||
            text::StartsWith(rule, "margin:0") || Contains(rule, ";margin:0")) {
          return true;
        }
      }
      continue;
    }
    const GumboVector& children = Children(node);
    for (unsigned i = 0; i < children.length; ++i) {
      stack.push_back(static_cast<const GumboNode*>(children.data[i]));
    }
  }
  return false;
}


// gumbo's tree builder scans the stack of open elements for many tags, which
// makes deeply nested input quadratic (200,000 nested <div>s take minutes).
// Before parsing, start tags beyond kMaxNesting open elements are dropped
// with as many end tags: the text stays, the excess structure goes. Elements
// whose end tag may be left out (p, li, td, ...) and void elements are not
// counted, as browsers close them implicitly.
constexpr int kMaxNesting = 400;

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == ':' || c == '_';
}

bool IsUncountedTag(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
      "param", "source", "track", "wbr", "p", "li", "td", "th", "tr", "dt", "dd",
      "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp",
      "html", "head", "body", "o:p"};
  for (std::string_view n : kNames) {
    if (name == n) return true;
  }
  return false;
}

// Where the tag starting at html[lt] ends (past its '>'), quotes honoured;
// npos when it never does.
std::size_t TagEnd(std::string_view html, std::size_t lt) {
  char quote = 0;
  for (std::size_t i = lt + 1; i < html.size(); ++i) {
    char c = html[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      if (html[i - 1] == '=' || IsAsciiSpace(html[i - 1])) quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// Returns true (and fills *out) when something had to be dropped.
bool LimitNesting(std::string_view html, std::string* out) {
  int depth = 0;
  int dropped = 0;
  bool changed = false;
  std::size_t copied = 0;  // html[copied, pos) is still to be copied
  std::size_t pos = 0;
  auto drop = [&](std::size_t from, std::size_t to) {
    if (!changed) {
      out->clear();
      out->reserve(html.size());
      changed = true;
    }
    out->append(html.substr(copied, from - copied));
    copied = to;
  };
  while (true) {
    pos = html.find('<', pos);
    if (pos == std::string_view::npos || pos + 1 >= html.size()) break;
    const char next = html[pos + 1];
    if (next == '!') {
      std::size_t end = text::StartsWith(html.substr(pos), "<!--") ? html.find("-->", pos + 4)
                                                                  : html.find('>', pos);
      if (end == std::string_view::npos) break;
      pos = end + 1;
      continue;
    }
    const bool closing = next == '/';
    std::size_t name_start = pos + (closing ? 2 : 1);
    std::size_t name_end = name_start;
    while (name_end < html.size() && IsNameChar(html[name_end])) ++name_end;
    if (name_end == name_start) {
      ++pos;
      continue;
    }
    std::string name = text::AsciiLower(html.substr(name_start, name_end - name_start));
    std::size_t end = TagEnd(html, pos);
    if (end == std::string_view::npos) break;
    if (!closing && (name == "script" || name == "style" || name == "textarea" ||
                     name == "title" || name == "xmp" || name == "plaintext")) {
      std::size_t close = std::string_view::npos;
      for (std::size_t at = html.find("</", end); at != std::string_view::npos;
           at = html.find("</", at + 2)) {
        if (text::AsciiLower(html.substr(at + 2, name.size())) == name) {
          close = at;
          break;
        }
      }
      if (close == std::string_view::npos) break;
      pos = close;  // the end tag is read next
      continue;
    }
    const bool self_closing = html[end - 2] == '/';
    if (IsUncountedTag(name) || (self_closing && !closing)) {
      pos = end;
      continue;
    }
    if (closing) {
      if (dropped > 0) {
        --dropped;
        drop(pos, end);
      } else if (depth > 0) {
        --depth;
      }
    } else if (depth >= kMaxNesting) {
      ++dropped;
      drop(pos, end);
    } else {
      ++depth;
    }
    pos = end;
  }
  if (changed) out->append(html.substr(copied));
  return changed;
}

}  // namespace

std::string HtmlToText(std::string_view html) {
  try {
    std::string flattened;
    if (LimitNesting(html, &flattened)) html = flattened;
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;
    GumboOutput* output = gumbo_parse_with_options(&options, html.data(), html.size());
    if (output == nullptr) return "";
    std::string text;
    try {
      Renderer renderer;
      renderer.tight_paragraphs_ = StyleSheetHasTightParagraphs(output->document);
      text = renderer.Render(output->document);
    } catch (...) {
      gumbo_destroy_output(&options, output);
      return "";
    }
    gumbo_destroy_output(&options, output);
    return text;
  } catch (...) {
    return "";
  }
}

}  // namespace deskd
