#include "daemon/compose/outgoing_mail.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

namespace deskd {
namespace {

// ---- A small independent reader for what ComposeMail writes ----

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t e = s.find("\r\n", pos);
    if (e == std::string::npos) {
      out.push_back(s.substr(pos));
      break;
    }
    out.push_back(s.substr(pos, e - pos));
    pos = e + 2;
  }
  return out;
}

std::string HeaderBlock(const std::string& mail) { return mail.substr(0, mail.find("\r\n\r\n") + 2); }
std::string BodyOf(const std::string& mail) { return mail.substr(mail.find("\r\n\r\n") + 4); }

// The raw (folded) field "Name: ...\r\n ...\r\n" for `name`, or "".
std::string RawField(const std::string& mail, const std::string& name) {
  std::string head = "\r\n" + HeaderBlock(mail);
  size_t p = head.find("\r\n" + name + ":");
  if (p == std::string::npos) return "";
  size_t pos = p + 2;
  size_t end = pos;
  while (true) {
    end = head.find("\r\n", end) + 2;
    if (end >= head.size() || (head[end] != ' ' && head[end] != '\t')) break;
  }
  return head.substr(pos, end - pos);
}

std::string Unfold(const std::string& raw_field) {
  std::string v = raw_field.substr(raw_field.find(':') + 1);
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v.compare(i, 2, "\r\n") == 0) {
      ++i;
      continue;
    }
    out.push_back(v[i]);
  }
  if (!out.empty() && out[0] == ' ') out.erase(0, 1);
  return out;
}

int HexVal(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string DecodeB64(const std::string& in) {
  static const std::string kB64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t buf = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    size_t v = kB64.find(c);
    if (v == std::string::npos) return "<bad base64>";
    buf = (buf << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      out.push_back(static_cast<char>((buf >> (bits - 8)) & 0xFF));
      bits -= 8;
    }
  }
  return out;
}

std::string DecodeQWord(const std::string& in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '_') {
      out.push_back(' ');
    } else if (in[i] == '=' && i + 2 < in.size() && HexVal(in[i + 1]) >= 0 &&
               HexVal(in[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexVal(in[i + 1]) * 16 + HexVal(in[i + 2])));
      i += 2;
    } else {
      out.push_back(in[i]);
    }
  }
  return out;
}

bool ValidUtf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

// Decodes RFC 2047 words in an unfolded value; whitespace between two
// adjacent encoded words is dropped. Each word must hold whole UTF-8.
std::string Decode2047(const std::string& v, std::vector<std::string>* words = nullptr) {
  static const std::regex kWord(R"(=\?UTF-8\?([BQ])\?([^?]*)\?=)");
  std::string out;
  bool last_was_word = false;
  std::smatch m;
  std::string rest = v;
  while (std::regex_search(rest, m, kWord)) {
    std::string before = m.prefix().str();
    bool only_space = before.find_first_not_of(' ') == std::string::npos;
    if (!(last_was_word && only_space)) out += before;
    std::string decoded = m[1] == "B" ? DecodeB64(m[2]) : DecodeQWord(m[2]);
    EXPECT_TRUE(ValidUtf8(decoded)) << "encoded word splits a character: " << m[0];
    EXPECT_LE(m[0].length(), 75u) << m[0];
    if (words) words->push_back(m[0]);
    out += decoded;
    last_was_word = true;
    rest = m.suffix().str();
  }
  out += rest;
  return out;
}

std::string DecodeQp(const std::string& body) {
  std::string out;
  for (const std::string& line : Lines(body)) {
    std::string l = line;
    bool soft = !l.empty() && l.back() == '=';
    if (soft) l.pop_back();
    out += DecodeQWord(std::regex_replace(l, std::regex("_"), "=5F"));
    if (!soft) out += "\n";
  }
  return out;
}

OutgoingSpec SimpleSpec() {
  OutgoingSpec s;
  s.from = {"support@itdesk.example", std::string("IT Support")};
  s.to = {{"client@example.org", std::string("Mari Maasikas")}};
  s.reply_to = MailAddress{"support+1042.7.hbbjxcvhg6mkua2n@itdesk.example", std::nullopt};
  s.subject = "[Ticket#1042] Printer broken";
  s.text_body = "Hello,\nwe received your request.\n";
  s.message_id = "<deskd.1042.ack.0123456789abcdef@itdesk.example>";
  s.in_reply_to = "<orig@example.org>";
  s.references = {"<orig@example.org>"};
  s.date = "Mon, 23 Nov 2026 15:59:27 +0000";
  s.language = "en";
  s.extra_headers = {{"X-Loop", "support@itdesk.example"}};
  return s;
}

void ExpectLinesWithin78(const std::string& mail) {
  for (const std::string& l : Lines(HeaderBlock(mail))) EXPECT_LE(l.size(), 78u) << l;
}

// ---- Tests ----

TEST(OutgoingMail, SimpleMailExactBytes) {
  Result<std::string> mail = ComposeMail(SimpleSpec());
  ASSERT_TRUE(mail.ok()) << mail.error().message;
  EXPECT_EQ(*mail,
            "Date: Mon, 23 Nov 2026 15:59:27 +0000\r\n"
            "From: IT Support <support@itdesk.example>\r\n"
            "To: Mari Maasikas <client@example.org>\r\n"
            "Reply-To: support+1042.7.hbbjxcvhg6mkua2n@itdesk.example\r\n"
            "Subject: [Ticket#1042] Printer broken\r\n"
            "Message-ID: <deskd.1042.ack.0123456789abcdef@itdesk.example>\r\n"
            "In-Reply-To: <orig@example.org>\r\n"
            "References: <orig@example.org>\r\n"
            "MIME-Version: 1.0\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n"
            "Content-Language: en\r\n"
            "Auto-Submitted: auto-replied\r\n"
            "X-Loop: support@itdesk.example\r\n"
            "\r\n"
            "Hello,\r\n"
            "we received your request.\r\n");
}

TEST(OutgoingMail, OptionalHeadersLeftOut) {
  OutgoingSpec s = SimpleSpec();
  s.reply_to.reset();
  s.in_reply_to.clear();
  s.references.clear();
  s.language.clear();
  s.auto_submitted.clear();
  s.extra_headers.clear();
  s.cc = {{"boss@itdesk.example", std::nullopt}, {"jaan@itdesk.example", std::string("Jaan")}};
  Result<std::string> mail = ComposeMail(s);
  ASSERT_TRUE(mail.ok()) << mail.error().message;
  EXPECT_EQ(RawField(*mail, "Cc"), "Cc: boss@itdesk.example, Jaan <jaan@itdesk.example>\r\n");
  for (const char* h : {"Reply-To", "In-Reply-To", "References", "Content-Language",
                        "Auto-Submitted", "X-Loop"}) {
    EXPECT_EQ(RawField(*mail, h), "") << h;
  }
}

TEST(OutgoingMail, EstonianSubjectUsesQ) {
  OutgoingSpec s = SimpleSpec();
  s.subject = "[Ticket#1042] Printer ei tööta";
  Result<std::string> mail = ComposeMail(s);
  ASSERT_TRUE(mail.ok());
  EXPECT_EQ(RawField(*mail, "Subject"),
            "Subject: [Ticket#1042] Printer ei =?UTF-8?Q?t=C3=B6=C3=B6ta?=\r\n");
}

TEST(OutgoingMail, RomanianSubjectKeepsSpacesInsideEncodedRun) {
  OutgoingSpec s = SimpleSpec();
  s.subject = "[Ticket#7] Nu funcționează încă";
  Result<std::string> mail = ComposeMail(s);
  ASSERT_TRUE(mail.ok());
  EXPECT_EQ(RawField(*mail, "Subject"),
            "Subject: [Ticket#7] Nu =?UTF-8?Q?func=C8=9Bioneaz=C4=83_=C3=AEnc=C4=83?=\r\n");
  EXPECT_EQ(Decode2047(Unfold(RawField(*mail, "Subject"))), s.subject);
}

TEST(OutgoingMail, RussianSubjectUsesBAndRoundTrips) {
  OutgoingSpec s = SimpleSpec();
  s.subject = "[Ticket#1042] Не работает";
  Result<std::string> mail = ComposeMail(s);
  ASSERT_TRUE(mail.ok());
  std::string raw = RawField(*mail, "Subject");
  EXPECT_EQ(raw, "Subject: [Ticket#1042] =?UTF-8?B?0J3QtSDRgNCw0LHQvtGC0LDQtdGC?=\r\n");
  EXPECT_EQ(Decode2047(Unfold(raw)), s.subject);
  // Too long for the rest of the first line: the encoded run starts on the
  // next one instead of being split early.
  s.subject = "[Ticket#1042] Не работает принтер";
  mail = ComposeMail(s);
  ASSERT_TRUE(mail.ok());
  raw = RawField(*mail, "Subject");
  EXPECT_EQ(raw.rfind("Subject: [Ticket#1042]\r\n =?UTF-8?B?", 0), 0u) << raw;
  EXPECT_EQ(Decode2047(Unfold(raw)), s.subject);
}

TEST(OutgoingMail, LongAsciiSubjectFoldsAtSpaces) {
  OutgoingSpec s = SimpleSpec();
  s.subject = "[Ticket#1042]";
  for (int i = 0; i < 30; ++i) s.subject += " word" + std::to_string(i);
  Result<std::string> mail = ComposeMail(s);
  ASSERT_TRUE(mail.ok());
  std::string raw = RawField(*mail, "Subject");
  EXPECT_GT(Lines(raw).size(), 2u);
  ExpectLinesWithin78(*mail);
  EXPECT_EQ(Unfold(raw), s.subject);
}

TEST(OutgoingMail, LongNonAsciiSubjectsFoldWithWholeCharacters) {
  const std::string subjects[] = {
      "[Ticket#1042] Не работает принтер на третьем этаже, срочно нужна помощь, "
      "документы для бухгалтерии не печатаются уже второй день",
      "[Ticket#1043] Printer ei tööta kolmandal korrusel, raamatupidamise dokumendid "
      "jäävad välja trükkimata ja ülemus on väga õnnetu",
      "[Ticket#1044] Imprimanta de la etajul trei nu funcționează și documentele "
      "pentru contabilitate nu se tipăresc de două zile",
      "[Ticket#1045] 😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀",
      "ааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааааа",
  };
  for (const std::string& subject : subjects) {
    OutgoingSpec s = SimpleSpec();
    s.subject = subject;
    Result<std::string> mail = ComposeMail(s);
    ASSERT_TRUE(mail.ok());
    std::string raw = RawField(*mail, "Subject");
    ExpectLinesWithin78(*mail);
    std::vector<std::string> words;
    EXPECT_EQ(Decode2047(Unfold(raw), &words), subject) << raw;
    EXPECT_GE(words.size(), 2u) << raw;
    EXPECT_NE(raw.substr(0, 10), "Subject:\r\n");  // text starts on the first line
  }
}

TEST(OutgoingMail, AsciiLookingLikeEncodedWordIsEncoded) {
  OutgoingSpec s = SimpleSpec();
  s.subject = "see =?UTF-8?Q?x?= here";
  Result<std::string> mail = ComposeMail(s);
  ASSERT_TRUE(mail.ok());
  EXPECT_EQ(Decode2047(Unfold(RawField(*mail, "Subject"))), s.subject);
}

TEST(OutgoingMail, SubjectWhitespaceCollapsed) {
  OutgoingSpec s = SimpleSpec();
  s.subject = "  a \t  b  ";
  Result<std::string> mail = ComposeMail(s);
  ASSERT_TRUE(mail.ok());
  EXPECT_EQ(RawField(*mail, "Subject"), "Subject: a b\r\n");
}

TEST(OutgoingMail, DisplayNames) {
  OutgoingSpec s = SimpleSpec();
  s.to = {{"a@x.org", std::string("Tamm, Maria")},
          {"b@x.org", std::string("Kalle \"KK\" Mets")},
          {"c@x.org", std::string("Jüri Õun")},
          {"d@x.org", std::string("Иван Петров")},
          {"e@x.org", std::string("")}};
  Result<std::string> mail = ComposeMail(s);
  ASSERT_TRUE(mail.ok()) << mail.error().message;
  std::string to = Unfold(RawField(*mail, "To"));
  EXPECT_NE(to.find("\"Tamm, Maria\" <a@x.org>,"), std::string::npos) << to;
  EXPECT_NE(to.find("\"Kalle \\\"KK\\\" Mets\" <b@x.org>,"), std::string::npos) << to;
  EXPECT_NE(to.find("=?UTF-8?Q?J=C3=BCri_=C3=95un?= <c@x.org>,"), std::string::npos) << to;
  EXPECT_NE(to.find("=?UTF-8?B?"), std::string::npos) << to;
  EXPECT_EQ(to.substr(to.size() - 9), ", e@x.org");
  EXPECT_NE(Decode2047(to).find("Иван Петров <d@x.org>"), std::string::npos);
  ExpectLinesWithin78(*mail);
}

TEST(OutgoingMail, ManyRecipientsAndReferencesFold) {
  OutgoingSpec s = SimpleSpec();
  s.to.clear();
  for (int i = 0; i < 12; ++i) s.to.push_back({"person" + std::to_string(i) + "@example.org", {}});
  for (int i = 0; i < 8; ++i) s.references.push_back("<msg" + std::to_string(i) + ".abc@mail.example.org>");
  Result<std::string> mail = ComposeMail(s);
  ASSERT_TRUE(mail.ok());
  ExpectLinesWithin78(*mail);
  EXPECT_GT(Lines(RawField(*mail, "To")).size(), 2u);
  EXPECT_GT(Lines(RawField(*mail, "References")).size(), 2u);
  std::string refs = Unfold(RawField(*mail, "References"));
  EXPECT_EQ(refs.substr(0, 40), "<orig@example.org> <msg0.abc@mail.exampl");
}

TEST(OutgoingMail, RejectsHeaderInjection) {
  struct Case {
    const char* header;
    void (*mutate)(OutgoingSpec*);
  } cases[] = {
      {"Subject", [](OutgoingSpec* s) { s->subject = "Hi\r\nBcc: victim@example.org"; }},
      {"Subject", [](OutgoingSpec* s) { s->subject = "Hi\nBcc: victim@example.org"; }},
      {"Subject", [](OutgoingSpec* s) { s->subject = std::string("Hi\0there", 8); }},
      {"To", [](OutgoingSpec* s) { s->to[0].name = "Mari\r\nBcc: v@x.org"; }},
      {"To", [](OutgoingSpec* s) { s->to[0].address = "client@example.org\r\nBcc: v@x.org"; }},
      {"From", [](OutgoingSpec* s) { s->from.name = "Desk\n"; }},
      {"Cc", [](OutgoingSpec* s) { s->cc = {{"a@b.org\r", {}}}; }},
      {"Reply-To", [](OutgoingSpec* s) { s->reply_to->address = "a@b.org\n"; }},
      {"In-Reply-To", [](OutgoingSpec* s) { s->in_reply_to = "<a@b>\r\nX: y"; }},
      {"References", [](OutgoingSpec* s) { s->references.push_back("<a@b>\nX: y"); }},
      {"Message-ID", [](OutgoingSpec* s) { s->message_id = "<a@b>\r\n"; }},
      {"Date", [](OutgoingSpec* s) { s->date += "\r\nX: y"; }},
      {"X-Loop", [](OutgoingSpec* s) { s->extra_headers[0].value = "x\r\nBcc: v@x.org"; }},
  };
  for (const Case& c : cases) {
    OutgoingSpec s = SimpleSpec();
    c.mutate(&s);
    Result<std::string> mail = ComposeMail(s);
    ASSERT_FALSE(mail.ok()) << c.header;
    EXPECT_EQ(mail.error().kind, Error::Kind::kInvalid);
    EXPECT_EQ(mail.error().message.rfind(std::string(c.header) + ":", 0), 0u)
        << mail.error().message;
  }
}

TEST(OutgoingMail, RejectsBadAddressesAndIds) {
  auto fails = [](void (*mutate)(OutgoingSpec*)) {
    OutgoingSpec s = SimpleSpec();
    mutate(&s);
    return !ComposeMail(s).ok();
  };
  EXPECT_TRUE(fails([](OutgoingSpec* s) { s->to[0].address = "no-at-sign"; }));
  EXPECT_TRUE(fails([](OutgoingSpec* s) { s->to[0].address = "a@b@c"; }));
  EXPECT_TRUE(fails([](OutgoingSpec* s) { s->to[0].address = "a b@c.org"; }));
  EXPECT_TRUE(fails([](OutgoingSpec* s) { s->to[0].address = "<a@c.org>"; }));
  EXPECT_TRUE(fails([](OutgoingSpec* s) { s->to[0].address = "jüri@c.org"; }));
  EXPECT_TRUE(fails([](OutgoingSpec* s) { s->to.clear(); }));
  EXPECT_TRUE(fails([](OutgoingSpec* s) { s->message_id = ""; }));
  EXPECT_TRUE(fails([](OutgoingSpec* s) { s->message_id = "no-brackets@x"; }));
  EXPECT_TRUE(fails([](OutgoingSpec* s) { s->in_reply_to = "<a b@x>"; }));
  EXPECT_TRUE(fails([](OutgoingSpec* s) { s->date = ""; }));
  EXPECT_TRUE(fails([](OutgoingSpec* s) { s->subject = std::string(998, 'a'); }));
  EXPECT_TRUE(fails([](OutgoingSpec* s) { s->extra_headers = {{"Subject", "again"}}; }));
  EXPECT_TRUE(fails([](OutgoingSpec* s) { s->extra_headers = {{"Bad Name", "x"}}; }));
  EXPECT_TRUE(fails([](OutgoingSpec* s) { s->language = "en\r"; }));
  EXPECT_TRUE(fails([](OutgoingSpec* s) { s->auto_submitted = "auto replied"; }));
  // Cc alone is a recipient.
  EXPECT_FALSE(fails([](OutgoingSpec* s) {
    s->to.clear();
    s->cc = {{"a@b.org", {}}};
  }));
}

TEST(OutgoingMail, QuotedPrintableBody) {
  OutgoingSpec s = SimpleSpec();
  s.text_body = "a=b\ntrailing space \nFrom here\nPrinter ei tööta\r\nno newline at end";
  Result<std::string> mail = ComposeMail(s);
  ASSERT_TRUE(mail.ok());
  EXPECT_EQ(BodyOf(*mail),
            "a=3Db\r\n"
            "trailing space=20\r\n"
            "=46rom here\r\n"
            "Printer ei t=C3=B6=C3=B6ta\r\n"
            "no newline at end\r\n");
}

TEST(OutgoingMail, QuotedPrintableSoftBreaks) {
  OutgoingSpec s = SimpleSpec();
  std::string line;
  for (int i = 0; i < 40; ++i) line += "tööd ";
  line += "x";
  s.text_body = line + "\n" + std::string(300, 'y') + "\n";
  Result<std::string> mail = ComposeMail(s);
  ASSERT_TRUE(mail.ok());
  std::string body = BodyOf(*mail);
  for (const std::string& l : Lines(body)) {
    EXPECT_LE(l.size(), 76u) << l;
    // A soft break never cuts an =XX escape.
    size_t eq = l.rfind('=');
    if (eq != std::string::npos && eq + 1 != l.size()) {
      EXPECT_LE(eq + 3, l.size()) << l;
    }
  }
  EXPECT_EQ(DecodeQp(body), s.text_body);
}

TEST(OutgoingMail, EverythingIsSevenBit) {
  OutgoingSpec s = SimpleSpec();
  s.subject = "Привет, мир — ăîșț õäöü";
  s.to[0].name = "Иван";
  s.text_body = "Здравствуйте!\n";
  Result<std::string> mail = ComposeMail(s);
  ASSERT_TRUE(mail.ok());
  for (unsigned char c : *mail) EXPECT_LT(c, 0x80);
}

TEST(OutgoingMail, HtmlMakesMultipartAlternative) {
  OutgoingSpec s = SimpleSpec();
  s.html_body = "<p>Hello =)</p>\n";
  Result<std::string> mail = ComposeMail(s);
  ASSERT_TRUE(mail.ok());
  std::smatch m;
  std::string ct = Unfold(RawField(*mail, "Content-Type"));
  ASSERT_TRUE(std::regex_match(ct, m, std::regex(R"(multipart/alternative; boundary="(=_deskd_[0-9a-f]{16})\")")))
      << ct;
  std::string b = m[1];
  EXPECT_EQ(RawField(*mail, "Content-Transfer-Encoding"), "");
  EXPECT_EQ(BodyOf(*mail),
            "--" + b + "\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n"
            "\r\n"
            "Hello,\r\n"
            "we received your request.\r\n"
            "--" + b + "\r\n"
            "Content-Type: text/html; charset=utf-8\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n"
            "\r\n"
            "<p>Hello =3D)</p>\r\n"
            "--" + b + "--\r\n");
  // Same Message-ID, same bytes: retries send the identical mail.
  EXPECT_EQ(*ComposeMail(s), *mail);
}

TEST(OutgoingMail, Rfc5322Date) {
  EXPECT_EQ(FormatRfc5322Date(0), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(FormatRfc5322Date(-1), "Wed, 31 Dec 1969 23:59:59 +0000");
  EXPECT_EQ(FormatRfc5322Date(951782400), "Tue, 29 Feb 2000 00:00:00 +0000");
  EXPECT_EQ(FormatRfc5322Date(1795449567), "Mon, 23 Nov 2026 15:59:27 +0000");
  EXPECT_EQ(FormatRfc5322Date(4102444799), "Thu, 31 Dec 2099 23:59:59 +0000");
}

TEST(OutgoingMail, MessageIdShapeAndUniqueness) {
  std::string a = MakeMessageId("ITDesk.example", 1042, "ack");
  std::string b = MakeMessageId("ITDesk.example", 1042, "ack");
  EXPECT_TRUE(std::regex_match(a, std::regex(R"(<deskd\.1042\.ack\.[0-9a-f]{16}@itdesk\.example>)")))
      << a;
  EXPECT_NE(a, b);
  EXPECT_TRUE(IsValidMessageId(a));
  std::string odd = MakeMessageId("x.org", 7, "Tech Reply<>");
  EXPECT_TRUE(IsValidMessageId(odd)) << odd;
  EXPECT_EQ(odd.substr(0, 22), "<deskd.7.tech-reply--.");
}

TEST(OutgoingMail, SafeHeaderValue) {
  EXPECT_TRUE(IsSafeHeaderValue("Printer ei tööta"));
  EXPECT_TRUE(IsSafeHeaderValue(std::string(997, 'a')));
  EXPECT_FALSE(IsSafeHeaderValue(std::string(998, 'a')));
  EXPECT_FALSE(IsSafeHeaderValue("a\rb"));
  EXPECT_FALSE(IsSafeHeaderValue("a\nb"));
  EXPECT_FALSE(IsSafeHeaderValue(std::string("a\0b", 3)));
}

// Round trip through the project's own parser.
TEST(OutgoingMail, RoundTripThroughParseMail) {
  const std::string subjects[] = {
      "[Ticket#1042] Printer broken",
      "[Ticket#1042] Не работает принтер на третьем этаже, срочно нужна помощь, документы",
      "[Ticket#1042] Printer ei tööta kolmandal korrusel, raamatupidamise dokumendid jäävad",
      "[Ticket#1042] Imprimanta de la etajul trei nu funcționează și documentele nu se tipăresc",
  };
  for (const std::string& subject : subjects) {
    OutgoingSpec s = SimpleSpec();
    s.subject = subject;
    s.from.name = "ИТ Поддержка, Tallinn";
    s.to = {{"client@example.org", std::string("Jüri \"Õun\" Tamm")}};
    s.cc = {{"ionut@example.ro", std::string("Ionuț Popescu")}};
    s.references = {"<a@example.org>", "<b@example.org>"};
    s.text_body = "Здравствуйте!\nline = 2, tööta, funcționează\n" + std::string(100, 'z') + "\n";
    Result<std::string> raw = ComposeMail(s);
    ASSERT_TRUE(raw.ok());
    ParseOptions options;
    options.desk_address = "support@itdesk.example";
    ParsedMail m = ParseMail(*raw, options);
    EXPECT_EQ(m.subject, subject);
    EXPECT_EQ(m.message_id, s.message_id);
    EXPECT_EQ(m.from.address, "support@itdesk.example");
    EXPECT_EQ(m.from.name, s.from.name);
    ASSERT_EQ(m.to.size(), 1u);
    EXPECT_EQ(m.to[0].address, "client@example.org");
    EXPECT_EQ(m.to[0].name, s.to[0].name);
    ASSERT_EQ(m.cc.size(), 1u);
    EXPECT_EQ(m.cc[0].name, s.cc[0].name);
    EXPECT_EQ(m.in_reply_to, s.in_reply_to);
    EXPECT_EQ(m.references, (std::vector<std::string>{"<a@example.org>", "<b@example.org>"}));
    EXPECT_EQ(m.date_unix, 1795449567);
    EXPECT_EQ(m.text, s.text_body);
    EXPECT_EQ(m.Header("auto-submitted"), "auto-replied");
    EXPECT_EQ(m.Header("x-loop"), "support@itdesk.example");
    EXPECT_TRUE(m.problems.empty()) << m.problems[0];
  }
}

}  // namespace
}  // namespace deskd
