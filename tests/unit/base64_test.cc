#include "parsers/decoders/base64.h"

#include <gtest/gtest.h>

namespace deskd {
namespace {

using base64::Alphabet;

TEST(Base64Test, ValueOfBothAlphabets) {
  EXPECT_EQ(base64::Value('A', Alphabet::kStandard), 0);
  EXPECT_EQ(base64::Value('/', Alphabet::kStandard), 63);
  EXPECT_EQ(base64::Value(',', Alphabet::kStandard), -1);
  EXPECT_EQ(base64::Value(',', Alphabet::kImapMailbox), 63);
  EXPECT_EQ(base64::Value('/', Alphabet::kImapMailbox), -1);
  EXPECT_EQ(base64::Value('=', Alphabet::kStandard), -1);
}

TEST(Base64Test, EncodePadsUnlessToldNot) {
  EXPECT_EQ(base64::Encode(""), "");
  EXPECT_EQ(base64::Encode("f"), "Zg==");
  EXPECT_EQ(base64::Encode("fo"), "Zm8=");
  EXPECT_EQ(base64::Encode("foo"), "Zm9v");
  EXPECT_EQ(base64::Encode("foob", Alphabet::kStandard, /*pad=*/false), "Zm9vYg");
  EXPECT_EQ(base64::Encode("\xff\xff\xfe", Alphabet::kStandard), "///+");
  EXPECT_EQ(base64::Encode("\xff\xff\xfe", Alphabet::kImapMailbox), ",,,+");
}

TEST(Base64Test, StrictRoundTrip) {
  const std::string bytes("\x00\x01\x80\xff hello", 10);
  auto d = base64::DecodeStrict(base64::Encode(bytes), Alphabet::kStandard, true);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->bytes, bytes);
}

TEST(Base64Test, StrictPaddingIsOptionalButOnlyAtTheEnd) {
  EXPECT_EQ(base64::DecodeStrict("Zm8=", Alphabet::kStandard, true)->bytes, "fo");
  EXPECT_EQ(base64::DecodeStrict("Zm8", Alphabet::kStandard, true)->bytes, "fo");
  EXPECT_EQ(base64::DecodeStrict("Zg==", Alphabet::kStandard, true)->bytes, "f");
  EXPECT_FALSE(base64::DecodeStrict("Zg=a", Alphabet::kStandard, true));
  EXPECT_FALSE(base64::DecodeStrict("Zm8=", Alphabet::kStandard, false));
}

TEST(Base64Test, StrictRejectsForeignCharactersAndWhiteSpace) {
  EXPECT_FALSE(base64::DecodeStrict("Zm 9v", Alphabet::kStandard, true));
  EXPECT_FALSE(base64::DecodeStrict("Zm9v\r\n", Alphabet::kStandard, true));
  EXPECT_FALSE(base64::DecodeStrict("Zm9*", Alphabet::kStandard, true));
  EXPECT_FALSE(base64::DecodeStrict("AG,/", Alphabet::kImapMailbox, false));
}

TEST(Base64Test, StrictReportsLeftoverBits) {
  auto whole = base64::DecodeStrict("Zm9v", Alphabet::kStandard, false);
  EXPECT_EQ(whole->leftover_bits, 0);
  EXPECT_TRUE(whole->leftover_zero);
  auto two = base64::DecodeStrict("Zg", Alphabet::kStandard, false);  // 12 bits: 1 byte + 4
  EXPECT_EQ(two->leftover_bits, 4);
  EXPECT_TRUE(two->leftover_zero);
  auto dirty = base64::DecodeStrict("Zh", Alphabet::kStandard, false);
  EXPECT_EQ(dirty->bytes, "f");
  EXPECT_FALSE(dirty->leftover_zero);
  auto one = base64::DecodeStrict("Z", Alphabet::kStandard, false);
  EXPECT_EQ(one->leftover_bits, 6);
  EXPECT_EQ(one->bytes, "");
}

TEST(Base64Test, LenientReadsLinesAndWhiteSpace) {
  auto d = base64::DecodeLenient("  aGVs\r\n\r\nbG8g\r\n\td29ybGQ= \r\n");
  EXPECT_EQ(d.bytes, "hello world");
  EXPECT_FALSE(d.skipped_invalid);
  EXPECT_FALSE(d.truncated);
  EXPECT_FALSE(d.trailing_text);
}

TEST(Base64Test, LenientSkipsAStrayCharacter) {
  auto d = base64::DecodeLenient("aGVs*bG8=\n");
  EXPECT_EQ(d.bytes, "hello");
  EXPECT_TRUE(d.skipped_invalid);
  EXPECT_FALSE(d.truncated);
}

TEST(Base64Test, LenientNoticesTruncation) {
  auto d = base64::DecodeLenient("aGVsbG8");
  EXPECT_EQ(d.bytes, "hello");
  EXPECT_TRUE(d.truncated);
}

TEST(Base64Test, LenientReadsConcatenatedBlocks) {
  auto d = base64::DecodeLenient("Zg==\nZm8=\n");
  EXPECT_EQ(d.bytes, "ffo");
  EXPECT_FALSE(d.truncated);
  EXPECT_EQ(base64::DecodeLenient("Zg==Zm8=").bytes, "ffo");
}

TEST(Base64Test, LenientDropsAFooterAfterCompleteData) {
  auto d = base64::DecodeLenient("aGVsbG8h\n_______________\nMailing list footer\n");
  EXPECT_EQ(d.bytes, "hello!");
  EXPECT_TRUE(d.trailing_text);
  EXPECT_FALSE(d.skipped_invalid);
}

TEST(Base64Test, LenientReadsAWhiteSpaceLineAsTheEndOfCompleteData) {
  auto d = base64::DecodeLenient("aGVsbG8h\nd29y bGQ=\n");
  EXPECT_EQ(d.bytes, "hello!");
  EXPECT_TRUE(d.trailing_text);
}

TEST(Base64Test, LenientKeepsReadingWhenTheBlockIsIncomplete) {
  // The "text" line comes in the middle of a block: read as damaged data.
  auto d = base64::DecodeLenient("aGVsbG\nx y\n");
  EXPECT_FALSE(d.trailing_text);
}

TEST(Base64Test, LenientEmpty) {
  auto d = base64::DecodeLenient("\r\n \r\n");
  EXPECT_EQ(d.bytes, "");
  EXPECT_FALSE(d.truncated);
}

}  // namespace
}  // namespace deskd
