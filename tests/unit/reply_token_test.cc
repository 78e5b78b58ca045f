#include "daemon/compose/reply_token.h"
#include "daemon/config/config.h"

#include <gtest/gtest.h>

#include <set>

namespace deskd {
namespace {

// Reference value from Python: hmac.new(b"s3cret", b"1042:7:maria@itdesk.example",
// sha256).digest()[:10], base32, lower-case.
TEST(ReplyToken, KnownVector) {
  EXPECT_EQ(MakeReplyToken("s3cret", 1042, 7, "maria@itdesk.example"),
            "1042.7.hbbjxcvhg6mkua2n");
}

TEST(ReplyToken, RecipientIsLowerCasedBeforeMac) {
  EXPECT_EQ(MakeReplyToken("s3cret", 1042, 7, "Maria@ITDESK.example"),
            "1042.7.hbbjxcvhg6mkua2n");
}

TEST(ReplyToken, ShapeIsSafeInLocalPart) {
  std::string t = MakeReplyToken("k", 5, 123456789, "a@b.c");
  EXPECT_EQ(t.substr(0, 12), "5.123456789.");
  EXPECT_EQ(t.size(), 12u + 16u);
  for (char c : t) {
    EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.') << t;
  }
}

TEST(ReplyToken, VerifyAcceptsOwnToken) {
  std::string t = MakeReplyToken("secret", 1042, 7, "client@example.org");
  EXPECT_TRUE(VerifyReplyToken("secret", t, "client@example.org"));
  EXPECT_TRUE(VerifyReplyToken("secret", t, "CLIENT@example.org"));
}

TEST(ReplyToken, VerifyRejectsOtherSecretRecipientTicketOrParticipant) {
  std::string t = MakeReplyToken("secret", 1042, 7, "client@example.org");
  EXPECT_FALSE(VerifyReplyToken("other", t, "client@example.org"));
  EXPECT_FALSE(VerifyReplyToken("secret", t, "mallory@example.org"));
  std::string mac = t.substr(t.rfind('.') + 1);
  EXPECT_FALSE(VerifyReplyToken("secret", "1043.7." + mac, "client@example.org"));
  EXPECT_FALSE(VerifyReplyToken("secret", "1042.8." + mac, "client@example.org"));
}

TEST(ReplyToken, VerifyRejectsTamperedAndMalformed) {
  std::string t = MakeReplyToken("secret", 1042, 7, "c@x.org");
  std::string flipped = t;
  flipped.back() = flipped.back() == 'a' ? 'b' : 'a';
  EXPECT_FALSE(VerifyReplyToken("secret", flipped, "c@x.org"));
  EXPECT_FALSE(VerifyReplyToken("secret", "0" + t, "c@x.org"));  // leading zero
  EXPECT_FALSE(VerifyReplyToken("secret", t + "a", "c@x.org"));
  EXPECT_FALSE(VerifyReplyToken("secret", "", "c@x.org"));
  EXPECT_FALSE(VerifyReplyToken("", MakeReplyToken("", 1, 1, "c@x.org"), "c@x.org"));
}

TEST(ReplyToken, ReadClaim) {
  auto claim = ReadTokenClaim("1042.7.hbbjxcvhg6mkua2n");
  ASSERT_TRUE(claim.has_value());
  EXPECT_EQ(claim->ticket, 1042);
  EXPECT_EQ(claim->participant_id, 7);
}

TEST(ReplyToken, ReadClaimRejectsWrongShapes) {
  EXPECT_FALSE(ReadTokenClaim(""));
  EXPECT_FALSE(ReadTokenClaim("1042"));
  EXPECT_FALSE(ReadTokenClaim("1042.7"));
  EXPECT_FALSE(ReadTokenClaim("1042.7.hbbjxcvhg6mkua2"));    // 15 chars
  EXPECT_FALSE(ReadTokenClaim("1042.7.hbbjxcvhg6mkua2nn"));  // 17 chars
  EXPECT_FALSE(ReadTokenClaim("1042.7.HBBJXCVHG6MKUA2N"));   // upper case
  EXPECT_FALSE(ReadTokenClaim("1042.7.hbbjxcvhg6mkua21"));   // '1' not base32
  EXPECT_FALSE(ReadTokenClaim("-1.7.hbbjxcvhg6mkua2n"));
  EXPECT_FALSE(ReadTokenClaim("x.7.hbbjxcvhg6mkua2n"));
  EXPECT_FALSE(ReadTokenClaim("1042..hbbjxcvhg6mkua2n"));
  EXPECT_FALSE(ReadTokenClaim("99999999999999999999.7.hbbjxcvhg6mkua2n"));
}

TEST(ReplyToken, GenerateSecretIsFreshHex) {
  std::set<std::string> seen;
  for (int i = 0; i < 8; ++i) {
    std::string s = GenerateSecret();
    EXPECT_EQ(s.size(), 64u);
    EXPECT_EQ(s.find_first_not_of("0123456789abcdef"), std::string::npos) << s;
    seen.insert(s);
  }
  EXPECT_EQ(seen.size(), 8u);
}

}  // namespace
}  // namespace deskd
