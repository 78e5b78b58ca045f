#include "parsers/decoders/utf8.h"

#include <gtest/gtest.h>

namespace deskd {
namespace {

using utf8::Strictness;

constexpr Strictness kAll[] = {Strictness::kBitPattern, Strictness::kLeadBytes,
                               Strictness::kStrict};

TEST(Utf8Test, DecodesOneToFourBytes) {
  for (Strictness m : kAll) {
    EXPECT_EQ(utf8::DecodeAt("a", 0, m)->value, U'a');
    EXPECT_EQ(utf8::DecodeAt("\xC3\xB5", 0, m)->value, U'õ');
    EXPECT_EQ(utf8::DecodeAt("\xC3\xB5", 0, m)->length, 2u);
    EXPECT_EQ(utf8::DecodeAt("x\xE2\x82\xAC", 1, m)->value, U'€');
    EXPECT_EQ(utf8::DecodeAt("\xF0\x9F\x98\x80", 0, m)->value, U'\U0001F600');
    EXPECT_EQ(utf8::DecodeAt("\xF0\x9F\x98\x80", 0, m)->length, 4u);
  }
}

TEST(Utf8Test, TruncatedAndBrokenSequencesFailInEveryMode) {
  for (Strictness m : kAll) {
    EXPECT_FALSE(utf8::DecodeAt("\xC3", 0, m));
    EXPECT_FALSE(utf8::DecodeAt("\xE2\x82", 0, m));
    EXPECT_FALSE(utf8::DecodeAt("\xE2\x41\xAC", 0, m));
    EXPECT_FALSE(utf8::DecodeAt("\x80", 0, m));  // stray continuation byte
    EXPECT_FALSE(utf8::DecodeAt("\xFF", 0, m));
  }
}

TEST(Utf8Test, OverlongFormsDependOnStrictness) {
  // "/" as two bytes (C0 AF): a bit pattern, but no RFC 3629 lead byte.
  EXPECT_EQ(utf8::DecodeAt("\xC0\xAF", 0, Strictness::kBitPattern)->value, U'/');
  EXPECT_FALSE(utf8::DecodeAt("\xC0\xAF", 0, Strictness::kLeadBytes));
  EXPECT_FALSE(utf8::DecodeAt("\xC0\xAF", 0, Strictness::kStrict));
  // E0 80 AF: lead byte fine, second byte out of range.
  EXPECT_TRUE(utf8::DecodeAt("\xE0\x80\xAF", 0, Strictness::kLeadBytes));
  EXPECT_FALSE(utf8::DecodeAt("\xE0\x80\xAF", 0, Strictness::kStrict));
}

TEST(Utf8Test, SurrogatesAndValuesAboveTheRange) {
  EXPECT_TRUE(utf8::DecodeAt("\xED\xA0\x80", 0, Strictness::kBitPattern));
  EXPECT_TRUE(utf8::DecodeAt("\xED\xA0\x80", 0, Strictness::kLeadBytes));
  EXPECT_FALSE(utf8::DecodeAt("\xED\xA0\x80", 0, Strictness::kStrict));
  EXPECT_TRUE(utf8::DecodeAt("\xF4\x90\x80\x80", 0, Strictness::kLeadBytes));
  EXPECT_FALSE(utf8::DecodeAt("\xF4\x90\x80\x80", 0, Strictness::kStrict));
  EXPECT_TRUE(utf8::DecodeAt("\xF5\x80\x80\x80", 0, Strictness::kBitPattern));
  EXPECT_FALSE(utf8::DecodeAt("\xF5\x80\x80\x80", 0, Strictness::kLeadBytes));
  EXPECT_EQ(utf8::DecodeAt("\xF4\x8F\xBF\xBF", 0, Strictness::kStrict)->value, 0x10FFFFu);
}

TEST(Utf8Test, IsValid) {
  EXPECT_TRUE(utf8::IsValid(""));
  EXPECT_TRUE(utf8::IsValid("Tere, õun ja €"));
  EXPECT_FALSE(utf8::IsValid("caf\xE9"));          // Latin-1
  EXPECT_FALSE(utf8::IsValid("ok\xC3"));            // cut at the end
  EXPECT_FALSE(utf8::IsValid("\xED\xBF\xBF"));      // surrogate
  EXPECT_FALSE(utf8::IsValid("\xE0\x9F\xBF"));      // overlong
}

TEST(Utf8Test, AppendRoundTrips) {
  for (char32_t cp : {U'a', U'õ', U'€', U'\U0001F600', char32_t{0x7F}, char32_t{0x80},
                      char32_t{0x7FF}, char32_t{0x800}, char32_t{0xFFFF}, char32_t{0x10000}}) {
    std::string s;
    utf8::Append(cp, &s);
    auto d = utf8::DecodeAt(s, 0, Strictness::kStrict);
    ASSERT_TRUE(d.has_value()) << static_cast<uint32_t>(cp);
    EXPECT_EQ(d->value, cp);
    EXPECT_EQ(d->length, s.size());
  }
}

}  // namespace
}  // namespace deskd
