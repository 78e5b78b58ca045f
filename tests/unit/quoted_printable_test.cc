#include "parsers/decoders/quoted_printable.h"

#include <gtest/gtest.h>

namespace deskd {
namespace {

// mimetic's decoder ends decoded lines with LF.
TEST(QuotedPrintableTest, DecodesEscapesAndSoftBreaks) {
  EXPECT_EQ(quoted_printable::Decode("caf=C3=A9 =3D ok"), "caf\xC3\xA9 = ok");
  EXPECT_EQ(quoted_printable::Decode("long=\r\nline\r\n"), "longline\n");
  EXPECT_EQ(quoted_printable::Decode(""), "");
}

TEST(QuotedPrintableTest, EncodesLinesWithCrlf) {
  EXPECT_EQ(quoted_printable::Encode("a\nb\r\n"), "a\r\nb\r\n");
  EXPECT_EQ(quoted_printable::Encode("x = 1"), "x =3D 1\r\n");
  EXPECT_EQ(quoted_printable::Encode("caf\xC3\xA9"), "caf=C3=A9\r\n");
}

TEST(QuotedPrintableTest, EncodesTrailingWhiteSpaceAndFrom) {
  EXPECT_EQ(quoted_printable::Encode("end \n"), "end=20\r\n");
  EXPECT_EQ(quoted_printable::Encode("tab\t"), "tab=09\r\n");
  EXPECT_EQ(quoted_printable::Encode("From here\n"), "=46rom here\r\n");
  EXPECT_EQ(quoted_printable::Encode(" From here\n"), " From here\r\n");
}

TEST(QuotedPrintableTest, FoldsAt76Columns) {
  const std::string encoded = quoted_printable::Encode(std::string(200, 'x'));
  std::size_t start = 0;
  while (start < encoded.size()) {
    const std::size_t end = encoded.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 76u);
    start = end + 2;
  }
  EXPECT_EQ(quoted_printable::Decode(encoded), std::string(200, 'x') + "\n");
}

TEST(QuotedPrintableTest, NeverSplitsAnEscape) {
  const std::string encoded = quoted_printable::Encode(std::string(74, 'x') + "\xC3\xA9");
  EXPECT_EQ(encoded, std::string(74, 'x') + "=\r\n=C3=A9\r\n");
}

TEST(QuotedPrintableTest, RoundTrip) {
  const std::string text = "Tere,\nõun = 1 \nFrom me\n";
  std::string expected = "Tere,\nõun = 1 \nFrom me\n";
  EXPECT_EQ(quoted_printable::Decode(quoted_printable::Encode(text)), expected);
}

}  // namespace
}  // namespace deskd
