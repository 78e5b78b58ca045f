#include "parsers/mime.h"

#include <gtest/gtest.h>

namespace deskd {
namespace {

// "\n" to "\r\n": raw mail as it comes over the wire.
std::string Crlf(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

bool HasProblem(const std::vector<std::string>& problems, std::string_view piece) {
  for (const auto& p : problems) {
    if (p.find(piece) != std::string::npos) return true;
  }
  return false;
}

TEST(MimeHeaders, UnfoldingNamesAndBody) {
  std::vector<std::string> problems;
  const std::string raw = Crlf(
      "From MAILER-DAEMON Mon Nov 23 09:58:00 2026\n"
      "Subject: a long\n"
      "  subject\n"
      "Content-Type: multipart/alternative;\n"
      "\tboundary=\"b1\"\n"
      "X-Empty:\n"
      "\n"
      "body line\n");
  HeaderBlock hb = SplitHeaders(raw, 1 << 20, &problems);
  ASSERT_EQ(hb.fields.size(), 3u);
  EXPECT_EQ(hb.fields[0].name, "subject");
  EXPECT_EQ(hb.fields[0].value, "a long  subject");
  EXPECT_EQ(hb.fields[1].name, "content-type");
  EXPECT_EQ(hb.fields[1].value, "multipart/alternative;\tboundary=\"b1\"");
  EXPECT_EQ(hb.fields[2].value, "");
  EXPECT_EQ(hb.body, "body line\r\n");
  EXPECT_TRUE(problems.empty());
}

TEST(MimeHeaders, LfOnlyNoBlankLineAndLimit) {
  std::vector<std::string> problems;
  HeaderBlock lf = SplitHeaders("Subject: x\nTo: a@b\n\nhello\n", 1 << 20, &problems);
  EXPECT_EQ(lf.fields.size(), 2u);
  EXPECT_EQ(lf.body, "hello\n");
  // A line that is no header ends the headers: the body starts there.
  HeaderBlock no_blank = SplitHeaders("Subject: x\nhello world\n", 1 << 20, &problems);
  EXPECT_EQ(no_blank.fields.size(), 1u);
  EXPECT_EQ(no_blank.body, "hello world\n");
  EXPECT_EQ(problems.size(), 1u);
  problems.clear();
  HeaderBlock only = SplitHeaders("Subject: x", 1 << 20, &problems);
  EXPECT_EQ(only.fields.size(), 1u);
  EXPECT_EQ(only.body, "");
  // Beyond the limit headers are skipped, the body is still found.
  std::string big = "Subject: x\n";
  for (int i = 0; i < 100; ++i) big += "X-Spam-" + std::to_string(i) + ": " + std::string(50, 'a') + "\n";
  big += "\nthe body\n";
  HeaderBlock limited = SplitHeaders(big, 1000, &problems);
  EXPECT_LT(limited.fields.size(), 20u);
  EXPECT_GE(limited.fields.size(), 1u);
  EXPECT_EQ(limited.body, "the body\n");
  EXPECT_TRUE(HasProblem(problems, "longer than 1000 bytes"));
}

TEST(MimeTree, NestedMultipartsWithSimilarBoundaries) {
  // Thunderbird-like: mixed > (alternative > plain, html), attachment.
  // The inner boundary starts with the outer one.
  const std::string raw = Crlf(
      "Content-Type: multipart/mixed; boundary=\"abc\"\n"
      "\n"
      "This is a multi-part message in MIME format.\n"
      "--abc\n"
      "Content-Type: multipart/alternative; boundary=\"abc-1\"\n"
      "\n"
      "--abc-1\n"
      "Content-Type: text/plain; charset=utf-8\n"
      "\n"
      "plain\n"
      "--abc-1\n"
      "Content-Type: text/html; charset=utf-8\n"
      "\n"
      "<p>html</p>\n"
      "--abc-1--\n"
      "\n"
      "--abc\n"
      "Content-Type: application/pdf; name=\"x.pdf\"\n"
      "Content-Disposition: attachment; filename=\"x.pdf\"\n"
      "Content-Transfer-Encoding: base64\n"
      "\n"
      "JVBERi0xLjQK\n"
      "--abc--\n"
      "epilogue\n");
  MimeTree t = ParseMime(raw, MimeLimits());
  EXPECT_TRUE(t.problems.empty()) << t.problems[0];
  ASSERT_EQ(t.parts.size(), 5u);
  EXPECT_TRUE(t.parts[0].multipart);
  ASSERT_EQ(t.parts[0].children.size(), 2u);
  const MimePart& alt = t.parts[static_cast<std::size_t>(t.parts[0].children[0])];
  EXPECT_EQ(alt.type.value, "multipart/alternative");
  ASSERT_EQ(alt.children.size(), 2u);
  EXPECT_EQ(t.parts[static_cast<std::size_t>(alt.children[0])].body, "plain");
  EXPECT_EQ(t.parts[static_cast<std::size_t>(alt.children[1])].body, "<p>html</p>");
  const MimePart& pdf = t.parts[static_cast<std::size_t>(t.parts[0].children[1])];
  EXPECT_EQ(pdf.disposition.value, "attachment");
  EXPECT_EQ(pdf.transfer_encoding, "base64");
  EXPECT_EQ(pdf.depth, 1);
  std::vector<std::string> problems;
  EXPECT_EQ(DecodeTransfer(pdf.body, pdf.transfer_encoding, "pdf", &problems), "%PDF-1.4\n");
}

TEST(MimeTree, MissingClosingBoundaryAndMissingBoundary) {
  MimeTree cut = ParseMime(
      "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nfirst\n--b\nContent-Type: text/html\n\n"
      "<p>cut here",
      MimeLimits());
  ASSERT_EQ(cut.parts.size(), 3u);
  EXPECT_EQ(cut.parts[2].body, "<p>cut here");
  EXPECT_TRUE(HasProblem(cut.problems, "closing boundary missing"));

  MimeTree guessed = ParseMime(
      "Content-Type: multipart/mixed\n\n--XyZ\n\nfirst\n--XyZ--\n", MimeLimits());
  ASSERT_EQ(guessed.parts.size(), 2u);
  EXPECT_EQ(guessed.parts[1].body, "first");
  EXPECT_TRUE(HasProblem(guessed.problems, "no boundary parameter"));

  MimeTree absent = ParseMime(
      "Content-Type: multipart/mixed; boundary=zzz\n\njust text\n", MimeLimits());
  ASSERT_EQ(absent.parts.size(), 1u);
  EXPECT_EQ(absent.parts[0].type.value, "text/plain");
  EXPECT_TRUE(HasProblem(absent.problems, "not found"));
}

TEST(MimeTree, DefaultsAndDigest) {
  MimeTree t = ParseMime(
      "Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: one\n\nbody\n--d--\n",
      MimeLimits());
  ASSERT_EQ(t.parts.size(), 2u);
  EXPECT_EQ(t.parts[1].type.value, "message/rfc822");
  MimeTree plain = ParseMime("Subject: no MIME at all\n\nhello\n", MimeLimits());
  ASSERT_EQ(plain.parts.size(), 1u);
  EXPECT_EQ(plain.parts[0].type.value, "text/plain");
  MimeTree bad = ParseMime("Content-Type: text\n\nhello\n", MimeLimits());
  EXPECT_EQ(bad.parts[0].type.value, "text/plain");
  EXPECT_EQ(bad.problems.size(), 1u);
}

TEST(MimeTree, HostileNestingAndPartCountAreBounded) {
  std::string deep;
  for (int i = 0; i < 5000; ++i) {
    deep += "Content-Type: multipart/mixed; boundary=b" + std::to_string(i) + "\n\n--b" +
            std::to_string(i) + "\n";
  }
  deep += "\nhi\n";
  MimeLimits limits;
  limits.max_nesting_depth = 20;
  MimeTree d = ParseMime(deep, limits);
  EXPECT_EQ(d.parts.size(), 21u);
  EXPECT_TRUE(HasProblem(d.problems, "deeper than 20"));

  std::string many = "Content-Type: multipart/mixed; boundary=m\n\n";
  for (int i = 0; i < 10000; ++i) many += "--m\n\nx\n";
  many += "--m--\n";
  limits.max_parts = 50;
  MimeTree m = ParseMime(many, limits);
  EXPECT_EQ(m.parts.size(), 50u);
  EXPECT_TRUE(HasProblem(m.problems, "more than 50 MIME parts"));
}

TEST(TransferDecoding, Base64Tolerance) {
  std::vector<std::string> problems;
  EXPECT_EQ(DecodeTransfer("aGVsbG8g\r\nd29y\r\nbGQ=\r\n", "Base64", "x", &problems), "hello world");
  EXPECT_TRUE(problems.empty());
  // A mailing-list footer appended after the data.
  EXPECT_EQ(DecodeTransfer("aGVsbG8gd29ybGQ=\r\n\r\n_______________\r\nList mailing list\r\n",
                           "base64", "x", &problems),
            "hello world");
  EXPECT_TRUE(HasProblem(problems, "text after the base64 data"));
  problems.clear();
  // A stray character inside a line is skipped.
  EXPECT_EQ(DecodeTransfer("aGVsb%G8gd29ybGQ=", "base64", "x", &problems), "hello world");
  EXPECT_TRUE(HasProblem(problems, "invalid characters"));
  problems.clear();
  // Cut in the middle of a block.
  EXPECT_EQ(DecodeTransfer("aGVsbG8gd29ybG", "base64", "x", &problems), "hello worl");
  EXPECT_TRUE(HasProblem(problems, "truncated"));
  problems.clear();
  // Concatenated padded blocks.
  EXPECT_EQ(DecodeTransfer("aGk=\r\naGk=\r\n", "base64", "x", &problems), "hihi");
  EXPECT_TRUE(problems.empty());
}

TEST(TransferDecoding, QuotedPrintableAndOthers) {
  std::vector<std::string> problems;
  EXPECT_EQ(DecodeTransfer("T=C3=B6=C3=B6 on =\r\npooleli, t=c3=b6=c3=b6=\nd  \r\nrida=3D2",
                           "quoted-printable", "x", &problems),
            "Töö on pooleli, tööd\nrida=2");
  EXPECT_EQ(DecodeTransfer("8 bit \xE4", "8bit", "x", &problems), "8 bit \xE4");
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(DecodeTransfer("begin 644 x", "x-uuencode", "part 2", &problems), "begin 644 x");
  EXPECT_TRUE(HasProblem(problems, "x-uuencode"));
  EXPECT_EQ(NormalizeLineEnds("a\r\nb\rc\n"), "a\nb\nc\n");
}

}  // namespace
}  // namespace deskd
