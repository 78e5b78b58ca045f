#include "daemon/core/mail_text.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace deskd {
namespace {

TEST(IntakeUtil, Sha256HexOfKnownInput) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(IntakeUtil, SanitizeHeaderTextRemovesLineBreaksAndControls) {
  EXPECT_EQ(SanitizeHeaderText("Help\r\nBcc: victim@evil.example"), "Help Bcc: victim@evil.example");
  EXPECT_EQ(SanitizeHeaderText("  a\t\tb\x01" "c  "), "a b c");
  EXPECT_EQ(SanitizeHeaderText(std::string("a\0b", 3)), "a b");
  // NEL (U+0085), LINE SEPARATOR and PARAGRAPH SEPARATOR count as breaks.
  EXPECT_EQ(SanitizeHeaderText("a\xC2\x85" "b\xE2\x80\xA8" "c\xE2\x80\xA9" "d"), "a b c d");
  EXPECT_EQ(SanitizeHeaderText("bad \xFF byte"), "bad \xEF\xBF\xBD byte");
}

TEST(IntakeUtil, SanitizeHeaderTextCutsAtACharacterBoundary) {
  // "ö" is two bytes: a cut at 3 bytes must not split the second one.
  EXPECT_EQ(SanitizeHeaderText("\xC3\xB6\xC3\xB6", 3), "\xC3\xB6");
  EXPECT_EQ(SanitizeHeaderText("abcdef", 4), "abcd");
}

TEST(IntakeUtil, SanitizeBodyTextKeepsLinesAndTabs) {
  EXPECT_EQ(SanitizeBodyText("a\r\nb\tc\x07"), "a\nb\tc");
  EXPECT_EQ(SanitizeBodyText("x\xC0y"), "x\xEF\xBF\xBDy");
}

TEST(IntakeUtil, ValidUtf8ReplacesOnlyInvalidBytes) {
  EXPECT_EQ(ValidUtf8("ok \r\n\x01 \xD0\x96"), "ok \r\n\x01 \xD0\x96");
  EXPECT_EQ(ValidUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  EXPECT_EQ(ValidUtf8("\xE2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // cut short
}

TEST(IntakeUtil, PlainAddresses) {
  EXPECT_TRUE(IsPlainAddress("anna@client.example"));
  EXPECT_TRUE(IsPlainAddress("a.b+c@x.example"));
  EXPECT_FALSE(IsPlainAddress("anna"));
  EXPECT_FALSE(IsPlainAddress("@x.example"));
  EXPECT_FALSE(IsPlainAddress("a@"));
  EXPECT_FALSE(IsPlainAddress("a@b@c"));
  EXPECT_FALSE(IsPlainAddress("a b@x.example"));
  EXPECT_FALSE(IsPlainAddress("a@x.example\r\nBcc: e@evil.example"));
  EXPECT_FALSE(IsPlainAddress("<a@x.example>"));
  EXPECT_FALSE(IsPlainAddress("a,b@x.example"));
  EXPECT_FALSE(IsPlainAddress("a@x..example"));
  EXPECT_FALSE(IsPlainAddress("\xC3\xB6@x.example"));
}

TEST(IntakeUtil, DeskAddressAndItsPlusAddresses) {
  EXPECT_TRUE(IsDeskAddress("support@itdesk.example", "support@itdesk.example"));
  EXPECT_TRUE(IsDeskAddress("Support@ITDESK.example", "support@itdesk.example"));
  EXPECT_TRUE(IsDeskAddress("support+1000.7.abc@itdesk.example", "support@itdesk.example"));
  EXPECT_FALSE(IsDeskAddress("supporter@itdesk.example", "support@itdesk.example"));
  EXPECT_FALSE(IsDeskAddress("support@other.example", "support@itdesk.example"));
  EXPECT_FALSE(IsDeskAddress("maria@itdesk.example", "support@itdesk.example"));
}

TEST(IntakeUtil, TicketTags) {
  EXPECT_EQ(TicketTag("Ticket", 1042), "[Ticket#1042]");
  EXPECT_EQ(RemoveTicketTag("Re: [Ticket#1042] Printer", "Ticket"), "Re: Printer");
  EXPECT_EQ(RemoveTicketTag("[ticket #7]Printer [Ticket#8]", "Ticket"), "Printer");
  // Another installation's tag and a tag without digits stay.
  EXPECT_EQ(RemoveTicketTag("[Other#1] [Ticket#] x", "Ticket"), "[Other#1] [Ticket#] x");
}

TEST(IntakeUtil, HeaderSectionEndsAtTheFirstBlankLine) {
  EXPECT_EQ(HeaderSection("A: 1\r\nB: 2\r\n\r\nbody\r\n\r\nmore", 1000), "A: 1\r\nB: 2\r\n\r\n");
  EXPECT_EQ(HeaderSection("A: 1\n\nbody", 1000), "A: 1\n\n");
  EXPECT_EQ(HeaderSection("A: 1\r\nB: 2", 1000), "A: 1\r\nB: 2");
  EXPECT_EQ(HeaderSection("A: 1\r\nB: 2\r\n\r\n", 5), "A: 1\r");
}

TEST(IntakeUtil, JsonTextDoesNotThrowOnInvalidUtf8) {
  nlohmann::json j = {{"s", std::string("a\xFF")}};
  EXPECT_EQ(JsonText(j), "{\"s\":\"a\xEF\xBF\xBD\"}");
}

}  // namespace
}  // namespace deskd
