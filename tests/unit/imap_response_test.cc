#include "daemon/wire/imap_response.h"

#include <gtest/gtest.h>

namespace deskd {
namespace {

using State = ImapFrame::State;

TEST(FrameImapResponse, SimpleLine) {
  ImapFrame f = FrameImapResponse("* 3 EXISTS\r\n* 0 RECENT\r\n");
  ASSERT_EQ(f.state, State::kComplete);
  EXPECT_EQ(f.length, 12u);
}

TEST(FrameImapResponse, IncompleteLine) {
  ImapFrame f = FrameImapResponse("* 3 EXI");
  EXPECT_EQ(f.state, State::kIncomplete);
  EXPECT_GT(f.length, 7u);
}

TEST(FrameImapResponse, LiteralIsSkippedEvenWhenItHoldsLineEnds) {
  // The literal holds CRLFs, a line that looks like a tagged OK, and a NUL.
  std::string literal("a\r\nD0001 OK x\r\n\0z", 17);
  std::string buf = "* 1 FETCH (UID 7 BODY[] {17}\r\n" + literal + ")\r\nD0001 OK done\r\n";
  ImapFrame f = FrameImapResponse(buf);
  ASSERT_EQ(f.state, State::kComplete);
  EXPECT_EQ(buf.substr(0, f.length), "* 1 FETCH (UID 7 BODY[] {17}\r\n" + literal + ")\r\n");
}

TEST(FrameImapResponse, IncompleteLiteralAsksForTheWholeLiteral) {
  std::string buf = "* 1 FETCH (BODY[] {1000}\r\nabc";
  ImapFrame f = FrameImapResponse(buf);
  ASSERT_EQ(f.state, State::kIncomplete);
  // 26 bytes of line, 1000 of literal, and at least one more byte.
  EXPECT_EQ(f.length, 26u + 1000u + 1u);
}

TEST(FrameImapResponse, TwoLiteralsInOneResponse) {
  std::string buf = "* 1 FETCH (BODY[1] {2}\r\nab BODY[2] {3}\r\ncde)\r\nrest";
  ImapFrame f = FrameImapResponse(buf);
  ASSERT_EQ(f.state, State::kComplete);
  EXPECT_EQ(f.length, buf.size() - 4);
}

TEST(FrameImapResponse, LimitsMakeItMalformed) {
  ImapFrameLimits limits;
  limits.max_literal_bytes = 10;
  EXPECT_EQ(FrameImapResponse("* 1 FETCH (BODY[] {11}\r\n", limits).state, State::kMalformed);
  limits.max_line_bytes = 5;
  EXPECT_EQ(FrameImapResponse("* 1234567890", limits).state, State::kMalformed);
}

TEST(ParseImapResponse, TagTextAndLiterals) {
  std::string literal = "Subject: x\r\n\r\n\xE4\xF6\r\n";
  std::string framed = "* 12 FETCH (UID 40 BODY[] {" + std::to_string(literal.size()) +
                       "}\r\n" + literal + " FLAGS (\\Seen))\r\n";
  ImapResponse r = ParseImapResponse(framed);
  EXPECT_EQ(r.tag, "*");
  EXPECT_EQ(r.text, "12 FETCH (UID 40 BODY[] {" + std::to_string(literal.size()) +
                        "} FLAGS (\\Seen))");
  ASSERT_EQ(r.literals.size(), 1u);
  EXPECT_EQ(r.literals[0], literal);
}

TEST(ParseImapResponse, ContinuationAndTagged) {
  EXPECT_EQ(ParseImapResponse("+\r\n").tag, "+");
  ImapResponse r = ParseImapResponse("D0004 NO [TRYCREATE] Mailbox doesn't exist: X\r\n");
  EXPECT_EQ(r.tag, "D0004");
  EXPECT_EQ(r.text, "NO [TRYCREATE] Mailbox doesn't exist: X");
}

TEST(ParseImapStatus, ConditionCodeAndText) {
  ImapStatus st = ParseImapStatus("no [TRYCREATE] Mailbox doesn't exist");
  EXPECT_EQ(st.condition, "NO");
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(st.code, "TRYCREATE");
  EXPECT_EQ(st.code_args, "");
  EXPECT_EQ(st.text, "Mailbox doesn't exist");
  st = ParseImapStatus("OK [UIDVALIDITY 1700000000] UIDs valid");
  EXPECT_TRUE(st.ok());
  EXPECT_EQ(st.code, "UIDVALIDITY");
  EXPECT_EQ(st.code_args, "1700000000");
  st = ParseImapStatus("BAD Error in IMAP command");
  EXPECT_EQ(st.condition, "BAD");
  EXPECT_EQ(st.code, "");
  EXPECT_EQ(st.text, "Error in IMAP command");
}

std::vector<ImapResponse> Responses(const std::vector<std::string>& lines) {
  std::vector<ImapResponse> out;
  for (const std::string& l : lines) out.push_back(ParseImapResponse(l + "\r\n"));
  return out;
}

TEST(ParseSelectResponses, DovecotSelect) {
  FolderState st = ParseSelectResponses(Responses({
      "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
      "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.",
      "* 17 EXISTS",
      "* 0 RECENT",
      "* OK [UNSEEN 3] First unseen.",
      "* OK [UIDVALIDITY 1712345678] UIDs valid",
      "* OK [UIDNEXT 42] Predicted next UID",
      "D0002 OK [READ-WRITE] Select completed (0.001 + 0.000 secs).",
  }));
  EXPECT_EQ(st.exists, 17u);
  EXPECT_EQ(st.uidvalidity, 1712345678u);
  EXPECT_EQ(st.uidnext, 42u);
}

TEST(ParseSearchResponses, NumbersSortedAndUnique) {
  EXPECT_EQ(ParseSearchResponses(Responses({"* SEARCH 9 3 5", "* 4 EXISTS", "* search 3 12"})),
            (std::vector<uint32_t>{3, 5, 9, 12}));
  EXPECT_TRUE(ParseSearchResponses(Responses({"* SEARCH"})).empty());
}

TEST(ParseCapabilities, UntaggedAndResponseCode) {
  auto caps = ParseCapabilities(Responses({
      "* CAPABILITY IMAP4rev1 SASL-IR move UIDPLUS",
      "A002 OK [CAPABILITY IMAP4rev1 IDLE] Logged in",
  }));
  EXPECT_TRUE(caps.count("MOVE"));
  EXPECT_TRUE(caps.count("UIDPLUS"));
  EXPECT_TRUE(caps.count("IDLE"));
  EXPECT_FALSE(caps.count("CAPABILITY"));
}

TEST(ParseImapFetch, BodyUidFlagsInAnyOrder) {
  std::string literal("From: a@b\r\n\r\nline 1\r\n.\r\n\0\xFF", 26);
  std::string framed = "* 3 FETCH (FLAGS (\\Seen $Forwarded) BODY[] {26}\r\n" + literal +
                       " UID 77 RFC822.SIZE 26)\r\n";
  auto fetch = ParseImapFetch(ParseImapResponse(framed));
  ASSERT_TRUE(fetch.ok()) << fetch.error().message;
  EXPECT_EQ(fetch->seq, 3u);
  EXPECT_EQ(fetch->uid, 77u);
  ASSERT_TRUE(fetch->body.has_value());
  EXPECT_EQ(*fetch->body, literal);
  ASSERT_TRUE(fetch->flags.has_value());
  EXPECT_EQ(*fetch->flags, (std::vector<std::string>{"\\Seen", "$Forwarded"}));
  EXPECT_EQ(fetch->size, 26u);
}

TEST(ParseImapFetch, QuotedBodyAndFlagsOnlyUpdates) {
  auto fetch = ParseImapFetch(ParseImapResponse("* 1 FETCH (UID 5 BODY[] \"a\\\"b\")\r\n"));
  ASSERT_TRUE(fetch.ok());
  EXPECT_EQ(*fetch->body, "a\"b");
  fetch = ParseImapFetch(ParseImapResponse("* 2 FETCH (FLAGS ())\r\n"));
  ASSERT_TRUE(fetch.ok());
  EXPECT_FALSE(fetch->uid.has_value());
  EXPECT_FALSE(fetch->body.has_value());
  EXPECT_TRUE(fetch->flags->empty());
}

TEST(ParseImapFetch, SectionWithSpacesIsOneName) {
  auto fetch = ParseImapFetch(ParseImapResponse(
      "* 1 FETCH (UID 9 BODY[HEADER.FIELDS (SUBJECT FROM)] {4}\r\nab\r\n)\r\n"));
  ASSERT_TRUE(fetch.ok()) << fetch.error().message;
  EXPECT_EQ(fetch->uid, 9u);
  EXPECT_FALSE(fetch->body.has_value());  // not BODY[]
}

TEST(ParseImapFetch, Malformed) {
  EXPECT_FALSE(ParseImapFetch(ParseImapResponse("* 1 FETCH (UID)\r\n")).ok());
  EXPECT_FALSE(ParseImapFetch(ParseImapResponse("* 1 FETCH (UID 5\r\n")).ok());
  EXPECT_FALSE(ParseImapFetch(ParseImapResponse("* 1 EXISTS\r\n")).ok());
  EXPECT_FALSE(ParseImapFetch(ParseImapResponse("* x FETCH (UID 5)\r\n")).ok());
  // A marker whose literal is missing.
  EXPECT_FALSE(ParseImapFetch(ImapResponse{"*", "1 FETCH (BODY[] {3})", {}}).ok());
}

TEST(ImapQuote, EscapesAndRejects) {
  EXPECT_EQ(*ImapQuote("INBOX"), "\"INBOX\"");
  EXPECT_EQ(*ImapQuote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_FALSE(ImapQuote("a\r\nD1 LOGOUT").ok());
  EXPECT_FALSE(ImapQuote("Entw\xC3\xBC").ok());
}

TEST(ModifiedUtf7, Rfc3501Examples) {
  EXPECT_EQ(*EncodeModifiedUtf7("INBOX"), "INBOX");
  EXPECT_EQ(*EncodeModifiedUtf7("Entw\xC3\xBCrfe"), "Entw&APw-rfe");
  EXPECT_EQ(*EncodeModifiedUtf7("~peter/mail/\xE5\x8F\xB0\xE5\x8C\x97/"
                                "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E"),
            "~peter/mail/&U,BTFw-/&ZeVnLIqe-");
  EXPECT_EQ(*EncodeModifiedUtf7("A&B"), "A&-B");
  EXPECT_EQ(*EncodeModifiedUtf7("\xD0\x9E\xD0\xB1\xD1\x80\xD0\xB0\xD0\xB1\xD0\xBE\xD1\x82"
                                "\xD0\xB0\xD0\xBD\xD0\xBE"),  // Обработано
            "&BB4EMQRABDAEMQQ+BEIEMAQ9BD4-");
  EXPECT_EQ(*EncodeModifiedUtf7("\xF0\x9F\x98\x80"), "&2D3eAA-");  // U+1F600
  EXPECT_EQ(*EncodeModifiedUtf7("T\xC3\xB6\xC3\xB6" "deldud/\xC3\x84ra"),
            "T&APYA9g-deldud/&AMQ-ra");
}

TEST(ModifiedUtf7, RejectsInvalidUtf8) {
  EXPECT_FALSE(EncodeModifiedUtf7("\xC3").ok());          // truncated
  EXPECT_FALSE(EncodeModifiedUtf7("\xC0\xAF").ok());      // overlong
  EXPECT_FALSE(EncodeModifiedUtf7("\xED\xA0\x80").ok());  // surrogate
  EXPECT_FALSE(EncodeModifiedUtf7("\xFF").ok());
}

TEST(ModifiedUtf7, DecodeRoundTripsAndRejects) {
  for (std::string s : {"INBOX", "Entw\xC3\xBCrfe", "A&B", "\xF0\x9F\x98\x80 x",
                        "\xD0\x9E\xD0\xB1\xD1\x80\xD0\xB0\xD0\xB1"}) {
    auto enc = EncodeModifiedUtf7(s);
    ASSERT_TRUE(enc.ok());
    auto dec = DecodeModifiedUtf7(*enc);
    ASSERT_TRUE(dec.ok()) << *enc;
    EXPECT_EQ(*dec, s);
  }
  EXPECT_FALSE(DecodeModifiedUtf7("&APw").ok());    // unterminated
  EXPECT_FALSE(DecodeModifiedUtf7("&A-").ok());     // not a whole unit
  EXPECT_FALSE(DecodeModifiedUtf7("&2D0-").ok());   // lone high surrogate
  EXPECT_FALSE(DecodeModifiedUtf7("\xC3\xBC").ok());  // 8-bit
}

}  // namespace
}  // namespace deskd
