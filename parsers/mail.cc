// ParseMail: the MIME tree (parsers/mime.h), header decoding
// (parsers/encoded_word.h, parsers/address.h, parsers/mail_date.h), body
// selection and charset policy, then the text logic (reply stripping,
// commands, ticket references, bounce parsing, classification, language).
#include "parsers/mail.h"

#include <algorithm>
#include <cctype>
#include <exception>
#include <map>
#include <utility>

#include "parsers/address.h"
#include "parsers/auto_reply.h"
#include "parsers/bounce.h"
#include "parsers/charset.h"
#include "parsers/commands.h"
#include "parsers/encoded_word.h"
#include "parsers/flowed.h"
#include "parsers/html_text.h"
#include "parsers/language.h"
#include "parsers/mail_date.h"
#include "parsers/mime.h"
#include "parsers/reply_text.h"
#include "parsers/text_util.h"
#include "parsers/ticket_ref.h"

namespace deskd {

const char* ClassificationName(Classification c) {
  switch (c) {
    case Classification::kHuman: return "human";
    case Classification::kAutoReply: return "auto_reply";
    case Classification::kBounce: return "bounce";
    case Classification::kList: return "list";
    case Classification::kNoReply: return "noreply";
  }
  return "human";
}

std::optional<std::string> ParsedMail::Header(std::string_view lower_name) const {
  for (const auto& h : headers) {
    if (h.name == lower_name) return h.value;
  }
  return std::nullopt;
}

namespace {

void AddProblem(std::vector<std::string>* problems, std::string p) {
  if (std::find(problems->begin(), problems->end(), p) == problems->end()) {
    problems->push_back(std::move(p));
  }
}

void AddProblems(std::vector<std::string>* problems, std::vector<std::string> more,
                 const std::string& prefix = "") {
  for (auto& p : more) AddProblem(problems, prefix + p);
}

// "Subject" for "subject": how problems name a header.
std::string DisplayName(std::string_view lower) {
  std::string out(lower);
  bool start = true;
  for (char& c : out) {
    if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    start = c == '-';
  }
  if (out == "Message-Id") out = "Message-ID";
  return out;
}

// Message-IDs in a header value: "<...>" tokens; a bare "id@host" when the
// value has no angle brackets at all.
std::vector<std::string> MessageIds(std::string_view v) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (true) {
    const std::size_t open = v.find('<', pos);
    if (open == std::string_view::npos) break;
    const std::size_t close = v.find('>', open + 1);
    if (close == std::string_view::npos) break;
    std::string id;
    for (char c : v.substr(open + 1, close - open - 1)) {
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') id += c;
    }
    if (!id.empty()) out.push_back("<" + id + ">");
    pos = close + 1;
  }
  if (out.empty() && v.find('<') == std::string_view::npos) {
    std::size_t start = 0;
    while (start < v.size()) {
      std::size_t end = v.find_first_of(" \t,", start);
      if (end == std::string_view::npos) end = v.size();
      std::string_view token = v.substr(start, end - start);
      if (token.find('@') != std::string_view::npos) out.push_back("<" + std::string(token) + ">");
      start = end + 1;
    }
  }
  return out;
}

std::string StripBomCopy(std::string s) {
  if (s.rfind("\xEF\xBB\xBF", 0) == 0) s.erase(0, 3);
  return s;
}

std::string LocalPart(std::string_view address) {
  const std::size_t at = address.find('@');
  return std::string(address.substr(0, at));
}

class MailParser {
 public:
  // `forward_depth`: how deep inside mails attached as forwards this one is.
  MailParser(std::string_view raw, const ParseOptions& options, ParsedMail* mail,
             int forward_depth = 0)
      : raw_(raw), options_(options), m_(*mail), forward_depth_(forward_depth) {}

  void Run() {
    if (raw_.empty()) AddProblem(&m_.problems, "empty mail");
    MimeLimits limits;
    limits.max_nesting_depth = std::max(1, options_.max_nesting_depth);
    limits.max_parts = std::max(1, options_.max_parts);
    limits.max_header_bytes = options_.max_header_bytes;
    tree_ = ParseMime(raw_, limits);
    const int body = ChooseBody(0);
    ReadHeaders(body);
    ReadBody(body);
    ReadAttachments(body);
    for (auto& p : tree_.problems) AddProblem(&m_.problems, std::move(p));
    ReadBounce();
    std::vector<std::string> desks = options_.desk_addresses;
    if (!options_.desk_address.empty()) desks.push_back(options_.desk_address);
    m_.classification = Classify(m_, options_.message_id_domain, desks);
    const std::string stripped = StripReply(m_.text, m_.subject);
    CommandScan scan = ExtractLeadingCommands(stripped);
    m_.commands = std::move(scan.commands);
    m_.new_text = std::move(scan.rest);
    // The new text decides; when it is too short to say, the subject helps.
    m_.language = DetectLanguage(m_.new_text, "");
    if (m_.language.empty()) {
      m_.language = DetectLanguage(CleanSubject(m_.subject) + "\n" + m_.new_text,
                                   options_.default_language);
    }
    const bool own_text_blank = text::IsBlank(m_.new_text);
    AppendAttachedForwards();
    // A bare forward: the language of what was forwarded.
    if (own_text_blank && !text::IsBlank(m_.new_text)) {
      m_.language = DetectLanguage(m_.new_text, m_.language);
    }
  }

 private:
  const MimePart& Part(int i) const { return tree_.parts[static_cast<std::size_t>(i)]; }

  std::string What(int i) const {
    if (i == 0) return "the body";
    return "part " + std::to_string(i) + " (" + Part(i).type.value + ")";
  }

  std::optional<std::string> FileName(const MimePart& p) const {
    if (auto f = p.disposition.Param("filename"); f && !f->empty()) return f;
    if (auto n = p.type.Param("name"); n && !n->empty()) return n;
    return std::nullopt;
  }

  bool IsAttachment(int i) const {
    const MimePart& p = Part(i);
    if (p.disposition.value == "attachment") return true;
    return i != 0 && FileName(p).has_value() && p.disposition.value != "inline";
  }

  bool IsTextBody(int i) const {
    const MimePart& p = Part(i);
    return !p.multipart && (p.type.value == "text/plain" || p.type.value == "text/html") &&
           !IsAttachment(i);
  }

  // The text of a text part, decoded (transfer, charset), \n line ends;
  // cached. Problems are recorded only for the part that becomes the body.
  struct PartText {
    std::string text;
    std::string label;     // declared charset label, lower-case
    std::string charset;   // used
    bool detected = false;
    std::vector<std::string> problems;
  };
  const PartText& TextOf(int i) {
    auto it = text_cache_.find(i);
    if (it != text_cache_.end()) return it->second;
    const MimePart& p = Part(i);
    PartText t;
    std::string bytes = DecodeTransfer(p.body, p.transfer_encoding, What(i), &t.problems);
    t.label = text::AsciiLower(p.type.Param("charset").value_or(""));
    std::string use_label = t.label;
    if (use_label.empty() && p.type.value == "text/html") use_label = HtmlMetaCharset(bytes);
    DecodedText d = DecodeToUtf8(bytes, use_label);
    AddProblems(&t.problems, std::move(d.problems), What(i) + ": ");
    t.charset = d.charset;
    t.detected = d.detected || (t.label.empty() && !use_label.empty() && !IsAscii(bytes));
    if (d.detected && !CanonicalCharset(t.label).empty()) {
      // A superset used for its subset (windows-1252 for iso-8859-1) that
      // reads the bytes the same: the label was right.
      auto by_label = ConvertToUtf8(bytes, CanonicalCharset(t.label));
      if (by_label && by_label->replaced == 0 && StripBomCopy(by_label->text) == d.text) {
        t.detected = false;
      }
    }
    t.text = NormalizeLineEnds(d.text);
    return text_cache_.emplace(i, std::move(t)).first->second;
  }

  static std::string HtmlMetaCharset(std::string_view html) {
    const std::string head = text::AsciiLower(html.substr(0, 4096));
    const std::size_t at = head.find("charset=");
    if (at == std::string::npos) return "";
    std::size_t i = at + 8;
    while (i < head.size() && (head[i] == '"' || head[i] == '\'' || head[i] == ' ')) ++i;
    std::size_t end = i;
    while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) ||
                                 head[end] == '-' || head[end] == '_' || head[end] == ':')) {
      ++end;
    }
    return CanonicalCharset(head.substr(i, end - i));
  }

  bool HasText(int i) { return !text::IsBlank(TextOf(i).text); }

  // The part whose text is the body, or -1. Marks the text versions of a
  // multipart/alternative that were not chosen.
  int ChooseBody(int i) {
    const MimePart& p = Part(i);
    if (!p.multipart) return IsTextBody(i) ? i : -1;
    const std::string& type = p.type.value;
    if (type == "multipart/alternative") {
      std::vector<int> chosen;
      for (int c : p.children) {
        if (IsAttachment(c)) continue;
        chosen.push_back(ChooseBody(c));
      }
      int result = -1;
      // text/plain unless empty; else HTML; else whatever there is.
      for (int r : chosen) {
        if (r >= 0 && Part(r).type.value == "text/plain" && HasText(r)) {
          result = r;
          break;
        }
      }
      for (int r : chosen) {
        if (result < 0 && r >= 0 && Part(r).type.value == "text/html" && HasText(r)) result = r;
      }
      for (int r : chosen) {
        if (result < 0 && r >= 0) result = r;
      }
      for (int r : chosen) {
        if (r >= 0 && r != result) alternatives_.push_back(r);
      }
      return result;
    }
    if (type == "multipart/related") {
      int start = p.children.empty() ? -1 : p.children.front();
      if (auto s = p.type.Param("start")) {
        for (int c : p.children) {
          for (const auto& h : Part(c).headers) {
            if (h.name == "content-id" && h.value == *s) start = c;
          }
        }
      }
      return start < 0 ? -1 : ChooseBody(start);
    }
    // mixed, signed, report, and unknown multiparts: the first text.
    for (int c : p.children) {
      if (IsAttachment(c)) continue;
      const int r = ChooseBody(c);
      if (r >= 0) return r;
    }
    return -1;
  }

  // The top-level headers: all of them decoded, then the ones a mail is
  // read by (ids, subject, addresses, date, ticket tag, reply token).
  void ReadHeaders(int body) {
    const std::string fallback = HeaderFallbackCharset(body);
    for (const auto& h : Part(0).headers) {
      DecodedHeader d = DecodeHeaderText(h.value, fallback);
      AddProblems(&m_.problems, std::move(d.problems), DisplayName(h.name) + ": ");
      m_.headers.push_back({h.name, std::move(d.text)});
    }
    if (auto id = FirstRaw("message-id")) {
      auto ids = MessageIds(id->value);
      if (!ids.empty()) m_.message_id = ids.front();
    }
    m_.subject = std::string(text::Trim(m_.Header("subject").value_or("")));
    // One line: a tab from folding, or CR/LF someone encoded, is a space.
    for (char& c : m_.subject) {
      if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    }
    if (auto from = Addresses("from", fallback); !from.empty()) m_.from = std::move(from.front());
    m_.to = Addresses("to", fallback);
    m_.cc = Addresses("cc", fallback);
    m_.reply_to = Addresses("reply-to", fallback);
    ReadDate();
    if (auto irt = FirstRaw("in-reply-to")) {
      auto ids = MessageIds(irt->value);
      if (!ids.empty()) m_.in_reply_to = ids.front();
    }
    for (const auto& h : Part(0).headers) {
      if (h.name != "references") continue;
      for (auto& id : MessageIds(h.value)) m_.references.push_back(std::move(id));
    }
    m_.ticket = FindTicketTag(m_.subject, options_.ticket_prefix);
    if (!options_.desk_address.empty()) ReadReplyToken(fallback);
  }

  // Unlabelled 8-bit header bytes: one charset for all of them, guessed
  // over all of them together and hinted by the body's label. "" when
  // there are none.
  std::string HeaderFallbackCharset(int body) {
    std::string eight_bit;
    for (const auto& h : Part(0).headers) {
      if (!IsAscii(h.value) && !IsValidUtf8(h.value)) eight_bit += h.value + "\n";
    }
    if (eight_bit.empty()) return "";
    // The body's label, else what the body was detected as: one sender,
    // one charset, and the body has more text to tell by.
    std::string hint;
    if (body >= 0) {
      const PartText& t = TextOf(body);
      hint = !t.label.empty() ? t.label : (t.detected ? t.charset : "");
    }
    std::string fallback = DecodeToUtf8(eight_bit, hint).charset;
    AddProblem(&m_.problems, "8-bit header text without a charset; read as " + fallback);
    return fallback;
  }

  // The first top-level header `name` as written, or nullptr.
  const RawHeader* FirstRaw(std::string_view name) {
    for (const auto& h : Part(0).headers) {
      if (h.name == name) return &h;
    }
    return nullptr;
  }

  // The mailboxes of all top-level headers `name`, in order.
  std::vector<MailAddress> Addresses(std::string_view name, const std::string& fallback) {
    std::vector<MailAddress> out;
    for (const auto& h : Part(0).headers) {
      if (h.name != name) continue;
      std::vector<std::string> problems;
      for (auto& a : ParseAddressList(h.value, &problems, fallback)) out.push_back(std::move(a));
      AddProblems(&m_.problems, std::move(problems), DisplayName(name) + ": ");
    }
    return out;
  }

  void ReadDate() {
    const RawHeader* date = FirstRaw("date");
    if (date == nullptr) return;
    if (auto d = ParseMailDate(date->value)) {
      m_.date = d->rfc3339;
      m_.date_unix = d->unix_seconds;
      if (d->zone_missing) AddProblem(&m_.problems, "Date has no time zone; read as UTC");
    } else {
      const std::string shown(text::Trim(m_.Header("date").value_or("")).substr(0, 60));
      AddProblem(&m_.problems, "unreadable Date \"" + shown + "\"; no date used");
    }
  }

  // The reply token among the recipients (To, Cc and the delivery headers).
  void ReadReplyToken(const std::string& fallback) {
    std::vector<MailAddress> recipients = m_.to;
    recipients.insert(recipients.end(), m_.cc.begin(), m_.cc.end());
    for (const char* name : {"delivered-to", "x-original-to", "envelope-to"}) {
      for (auto& a : Addresses(name, fallback)) recipients.push_back(std::move(a));
    }
    m_.reply_token = FindReplyToken(recipients, options_.desk_address);
  }

  void ReadBody(int body) {
    if (body < 0) return;
    const PartText& t = TextOf(body);
    AddProblems(&m_.problems, t.problems);
    const MimePart& p = Part(body);
    if (!t.label.empty()) m_.body_charset = t.label;
    if (t.detected) m_.charset_detected = t.charset;
    if (p.type.value == "text/html") {
      m_.body_part = "text/html";
      m_.text = HtmlToText(t.text);
    } else {
      m_.body_part = "text/plain";
      const std::string format = text::AsciiLower(p.type.Param("format").value_or(""));
      if (format == "flowed") {
        const bool delsp = text::AsciiLower(p.type.Param("delsp").value_or("")) == "yes";
        m_.text = UnwrapFlowed(t.text, delsp);
      } else {
        m_.text = t.text;
      }
    }
  }

  void ReadAttachments(int body) {
    for (int i = 0; i < static_cast<int>(tree_.parts.size()); ++i) {
      const MimePart& p = Part(i);
      if (p.multipart || i == body) continue;
      if (std::find(alternatives_.begin(), alternatives_.end(), i) != alternatives_.end()) continue;
      // An empty text part without a name is no attachment (a stray
      // delimiter, an empty alternative).
      if (!FileName(p) && IsTextBody(i) && p.body.find_first_not_of(" \t\r\n") ==
                                               std::string_view::npos) {
        continue;
      }
      AttachmentInfo a;
      a.filename = FileName(p).value_or("");
      if (a.filename.empty() && p.type.value == "message/rfc822") {
        a.filename = ForwardedName(p.body);
      }
      a.content_type = p.type.value;
      std::vector<std::string> problems;
      a.size = DecodeTransfer(p.body, p.transfer_encoding, What(i), &problems).size();
      AddProblems(&m_.problems, std::move(problems));
      m_.attachments.push_back(std::move(a));
    }
  }

  // A mail forwarded as an attachment (message/rfc822: Outlook's "Forward
  // as attachment") is what the client wants read: its From/Date/Subject/To
  // and text go under a forward marker at the end of text and new_text
  // (after the writer's own text, which alone decides commands and
  // language). Not in bounces and reports: there it is the returned mail.
  void AppendAttachedForwards() {
    constexpr int kMaxForwardDepth = 3;
    constexpr int kMaxForwards = 10;
    if (m_.classification == Classification::kBounce || m_.bounce) return;
    if (forward_depth_ >= kMaxForwardDepth) return;
    int appended = 0;
    for (int i = 1; i < static_cast<int>(tree_.parts.size()) && appended < kMaxForwards; ++i) {
      const MimePart& p = Part(i);
      if (p.multipart || (p.type.value != "message/rfc822" && p.type.value != "message/global")) {
        continue;
      }
      bool in_report = false;
      for (int a = p.parent; a >= 0; a = Part(a).parent) {
        in_report = in_report || Part(a).type.value == "multipart/report";
      }
      if (in_report) continue;
      std::vector<std::string> ignored;
      const std::string inner_raw = DecodeTransfer(p.body, p.transfer_encoding, What(i), &ignored);
      ParsedMail inner;
      MailParser(inner_raw, options_, &inner, forward_depth_ + 1).Run();
      std::string block = "---------- Forwarded message ---------\n";
      const auto person = [](const MailAddress& a) {
        if (!a.name || a.name->empty()) return a.address;
        return *a.name + " <" + a.address + ">";
      };
      if (!inner.from.address.empty() || inner.from.name) block += "From: " + person(inner.from) + "\n";
      if (auto date = inner.Header("date")) block += "Date: " + std::string(text::Trim(*date)) + "\n";
      if (!inner.subject.empty()) block += "Subject: " + inner.subject + "\n";
      if (!inner.to.empty()) {
        block += "To: ";
        for (std::size_t k = 0; k < inner.to.size(); ++k) block += (k ? ", " : "") + person(inner.to[k]);
        block += "\n";
      }
      block += "\n" + std::string(text::Trim(inner.text));
      for (std::string* out : {&m_.text, &m_.new_text}) {
        while (!out->empty() && out->back() == '\n') out->pop_back();
        *out += (out->empty() ? "" : "\n\n") + block;
      }
      ++appended;
    }
  }

  // A forwarded mail without a name is named as mail clients save it:
  // "<its subject>.eml".
  std::string ForwardedName(std::string_view mail) const {
    std::vector<std::string> ignored;
    HeaderBlock hb = SplitHeaders(mail, options_.max_header_bytes, &ignored);
    for (const auto& h : hb.fields) {
      if (h.name != "subject") continue;
      std::string name = DecodeHeaderText(h.value).text;
      for (char& c : name) {
        if (static_cast<unsigned char>(c) < 0x20 || c == '/' || c == '\\') c = ' ';
      }
      name = std::string(text::Trim(name));
      return name.empty() ? "" : name + ".eml";
    }
    return "";
  }

  void ReadBounce() {
    std::optional<BounceInfo> bounce;
    std::optional<std::string> returned_id;
    for (int i = 0; i < static_cast<int>(tree_.parts.size()); ++i) {
      const MimePart& p = Part(i);
      const std::string& type = p.type.value;
      if (p.multipart) continue;
      std::vector<std::string> ignored;
      if ((type == "message/delivery-status" || type == "message/global-delivery-status") &&
          !bounce) {
        bounce = ParseDeliveryStatus(
            NormalizeLineEnds(DecodeTransfer(p.body, p.transfer_encoding, What(i), &ignored)));
      } else if ((type == "message/rfc822" || type == "text/rfc822-headers" ||
                  type == "message/global" || type == "message/global-headers") &&
                 !returned_id) {
        returned_id = ReturnedMessageId(
            NormalizeLineEnds(DecodeTransfer(p.body, p.transfer_encoding, What(i), &ignored)));
      }
    }
    if (!bounce) {
      const std::string local = text::AsciiLower(LocalPart(m_.from.address));
      const bool daemon = local == "mailer-daemon" || local == "postmaster";
      if (daemon) bounce = ParsePlainBounce(m_.text);
      if (!bounce) {
        if (auto failed = m_.Header("x-failed-recipients")) {
          auto list = ParseAddressList(*failed, nullptr);
          if (!list.empty()) {
            BounceInfo b;
            b.recipient = list.front().address;
            b.status = "5.0.0";
            bounce = b;
          }
        }
      }
      if (bounce && !returned_id) returned_id = ReturnedMessageId(m_.text);
    }
    if (bounce) {
      if (!bounce->original_message_id) bounce->original_message_id = returned_id;
      m_.bounce = std::move(bounce);
    }
  }

  std::string_view raw_;
  const ParseOptions& options_;
  ParsedMail& m_;
  MimeTree tree_;
  std::map<int, PartText> text_cache_;
  std::vector<int> alternatives_;
  int forward_depth_ = 0;
};

}  // namespace

ParsedMail ParseMail(std::string_view raw, const ParseOptions& options) {
  ParsedMail mail;
  try {
    MailParser(raw, options, &mail).Run();
  } catch (const std::exception& e) {
    mail.problems.push_back(std::string("internal error while parsing: ") + e.what());
  } catch (...) {
    mail.problems.push_back("internal error while parsing");
  }
  if (mail.language.empty()) mail.language = options.default_language;
  return mail;
}

}  // namespace deskd
