#include "parsers/decoders/hex.h"

#include <gtest/gtest.h>

namespace deskd {
namespace {

TEST(HexTest, Value) {
  EXPECT_EQ(hex::Value('0'), 0);
  EXPECT_EQ(hex::Value('9'), 9);
  EXPECT_EQ(hex::Value('a'), 10);
  EXPECT_EQ(hex::Value('F'), 15);
  EXPECT_EQ(hex::Value('g'), -1);
  EXPECT_EQ(hex::Value('%'), -1);
}

TEST(HexTest, PercentEscapes) {
  EXPECT_EQ(hex::DecodeEscapes("a%20b%2fc", {.escape = '%'}), "a b/c");
  EXPECT_EQ(hex::DecodeEscapes("%C3%B5", {.escape = '%'}), "\xC3\xB5");
  EXPECT_EQ(hex::DecodeEscapes("a+b", {.escape = '%'}), "a+b");
  EXPECT_EQ(hex::DecodeEscapes("a+b%2B", {.escape = '%', .space = '+'}), "a b+");
}

TEST(HexTest, MalformedEscapesAreKept) {
  EXPECT_EQ(hex::DecodeEscapes("100%", {.escape = '%'}), "100%");
  EXPECT_EQ(hex::DecodeEscapes("%4", {.escape = '%'}), "%4");
  EXPECT_EQ(hex::DecodeEscapes("%zz%41", {.escape = '%'}), "%zzA");
  EXPECT_EQ(hex::DecodeEscapes("=4=", {.escape = '='}), "=4=");
}

TEST(HexTest, QWordEscapes) {
  EXPECT_EQ(hex::DecodeEscapes("=CF=F0_x", {.escape = '=', .space = '_'}), "\xCF\xF0 x");
  EXPECT_EQ(hex::DecodeEscapes("a=5Fb", {.escape = '=', .space = '_'}), "a_b");
}

TEST(HexTest, Encode) {
  EXPECT_EQ(hex::Encode(""), "");
  EXPECT_EQ(hex::Encode(std::string("\x00\x0f\xa0\xff", 4)), "000fa0ff");
  EXPECT_EQ(hex::EncodeU64(0), "0000000000000000");
  EXPECT_EQ(hex::EncodeU64(0xdeadbeef0123ULL), "0000deadbeef0123");
  std::string out;
  hex::AppendEscape('=', 0x3D, &out);
  hex::AppendEscape('%', 0xC3, &out);
  EXPECT_EQ(out, "=3D%C3");
}

}  // namespace
}  // namespace deskd
