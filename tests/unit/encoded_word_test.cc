#include "parsers/encoded_word.h"

#include <gtest/gtest.h>

namespace deskd {
namespace {

std::string Decode(std::string_view v, std::string_view fallback = "") {
  return DecodeHeaderText(v, fallback).text;
}

TEST(EncodedWord, BAndQInRealCharsets) {
  // Android mail, UTF-8 B.
  EXPECT_EQ(Decode("=?UTF-8?B?0J3QtSDRgNCw0LHQvtGC0LDQtdGCINC60LDQvNC10YDQsA==?="),
            "Не работает камера");
  // Outlook Express, windows-1251 Q.
  EXPECT_EQ(Decode("=?windows-1251?Q?=CF=F0=E8=E2=E5=F2,_=ED=E5_=F0=E0=E1=EE=F2=E0=E5=F2?="),
            "Привет, не работает");
  // KOI8-R B (lower-case encoding letter).
  EXPECT_EQ(Decode("=?koi8-r?b?8NLJ18XU?="), "Привет");
  // The Bat!, iso-8859-13 Estonian.
  EXPECT_EQ(Decode("=?iso-8859-13?B?VPX1IGphIPBva29sYWFkIORyYQ==?="), "Tõõ ja šokolaad ära");
  // Outlook Romanian, windows-1250 cedilla letters.
  EXPECT_EQ(Decode("=?windows-1250?B?SW1wcmltYW50YSBudSBmdW5j/mlvbmVheuMsIO5taSBwYXJlIHLjdQ==?="),
            "Imprimanta nu funcţionează, îmi pare rău");
  // iso-8859-16 comma-below letters.
  EXPECT_EQ(Decode("=?iso-8859-16?B?qmNvYWzjILppIP5hcuM=?="), "Școală și țară");
  EXPECT_EQ(Decode("=?iso-8859-1?Q?J=FCri_Tamm?="), "Jüri Tamm");
  EXPECT_TRUE(DecodeHeaderText("=?UTF-8?B?0J3QtQ==?=").problems.empty());
}

TEST(EncodedWord, AdjacentWordsJoinAcrossWhiteSpaceOnly) {
  EXPECT_EQ(Decode("=?utf-8?Q?Printer?= =?utf-8?Q?_ei_t=C3=B6=C3=B6ta?="), "Printer ei tööta");
  // Folded: CRLF removed by unfolding leaves the white space of the fold.
  EXPECT_EQ(Decode("=?utf-8?Q?Printer?=\t =?utf-8?Q?_broken?="), "Printer broken");
  // Literal text between words is kept, with its spaces.
  EXPECT_EQ(Decode("Re: =?utf-8?Q?T=C3=B6=C3=B6?= ja =?utf-8?Q?=C3=B5htu?= x"),
            "Re: Töö ja õhtu x");
  EXPECT_EQ(Decode("[Ticket#1042] =?utf-8?B?0J3QtQ==?="), "[Ticket#1042] Не");
}

TEST(EncodedWord, CharacterSplitAcrossWordsComesOutWhole) {
  // 1C:Enterprise: "Ж" (D0 96) split between two B words and two Q words.
  EXPECT_EQ(Decode("=?utf-8?B?0A==?= =?utf-8?B?lg==?="), "Ж");
  EXPECT_EQ(Decode("=?UTF-8?Q?=D0?= =?utf-8?Q?=96=D0=B8?="), "Жи");
  EXPECT_TRUE(DecodeHeaderText("=?utf-8?B?0A==?= =?utf-8?B?lg==?=").problems.empty());
}

TEST(EncodedWord, MixedCharsetsConvertEachRun) {
  // Claws Mail forward: KOI8-R B word, windows-1257 Q word, plain text.
  EXPECT_EQ(Decode("=?koi8-r?B?79vJwsvB?= =?windows-1257?Q?=DEurnaal_=F5ige?= (fwd)"),
            "ОшибкаŽurnaal õige (fwd)");
}

TEST(EncodedWord, BrokenWordsAreKeptLiterallyWithAProblem) {
  DecodedHeader bad_base64 = DecodeHeaderText("Re: =?utf-8?B?@@@@?= printer");
  EXPECT_EQ(bad_base64.text, "Re: =?utf-8?B?@@@@?= printer");
  ASSERT_EQ(bad_base64.problems.size(), 1u);
  EXPECT_NE(bad_base64.problems[0].find("broken encoded word"), std::string::npos);

  // No end, with more text after it: kept up to the white space.
  DecodedHeader open = DecodeHeaderText("=?utf-8?Q?abc =?utf-8?Q?d=C3=A9?=");
  EXPECT_EQ(open.text, "=?utf-8?Q?abc dé");
  EXPECT_FALSE(open.problems.empty());

  // Not an encoded word at all: no problem.
  DecodedHeader plain = DecodeHeaderText("a=?b and =?x");
  EXPECT_EQ(plain.text, "a=?b and =?x");
  EXPECT_TRUE(plain.problems.empty());
}

TEST(EncodedWord, WordCutAtTheEndIsDecodedWithAProblem) {
  DecodedHeader d = DecodeHeaderText("Re: =?utf-8?Q?V=C3=B5rgu_probleem_ruuteriga");
  EXPECT_EQ(d.text, "Re: Võrgu probleem ruuteriga");
  EXPECT_EQ(d.problems.size(), 1u);
}

TEST(EncodedWord, UnknownOrWrongLabels) {
  // x-unknown label on windows-1251 bytes: detected, with a problem.
  DecodedHeader d = DecodeHeaderText(
      "=?x-unknown?Q?=CF=F0=E8=E2=E5=F2,_=ED=E5_=F0=E0=E1=EE=F2=E0=E5=F2_=EF=F0=E8=ED=F2=E5=F0?=");
  EXPECT_EQ(d.text, "Привет, не работает принтер");
  EXPECT_FALSE(d.problems.empty());
  // us-ascii label on UTF-8 bytes: UTF-8 wins.
  EXPECT_EQ(Decode("=?us-ascii?Q?T=C3=B6=C3=B6?="), "Töö");
  // Label spelled "utf8", and with an RFC 2231 language suffix.
  EXPECT_EQ(Decode("=?utf8?Q?T=C3=B6=C3=B6?="), "Töö");
  EXPECT_EQ(Decode("=?utf-8*et?Q?T=C3=B6=C3=B6?="), "Töö");
}

TEST(EncodedWord, Raw8BitHeaderBytes) {
  // RFC 6532: raw UTF-8 stays.
  EXPECT_EQ(Decode("Printer ei tööta"), "Printer ei tööta");
  // Raw windows-1251 with the charset known from elsewhere.
  DecodedHeader d = DecodeHeaderText(
      "\xCF\xF0\xE8\xE2\xE5\xF2, \xED\xE5 \xF0\xE0\xE1\xEE\xF2\xE0\xE5\xF2 "
      "\xEF\xF0\xE8\xED\xF2\xE5\xF0",
      "windows-1251");
  EXPECT_EQ(d.text, "Привет, не работает принтер");
  EXPECT_TRUE(d.problems.empty());
  // Without a hint: detected.
  EXPECT_EQ(Decode("\xCF\xF0\xE8\xE2\xE5\xF2, \xED\xE5 \xF0\xE0\xE1\xEE\xF2\xE0\xE5\xF2 "
                   "\xEF\xF0\xE8\xED\xF2\xE5\xF0"),
            "Привет, не работает принтер");
}

TEST(Rfc2231, ContentTypeValueAndParameters) {
  std::vector<std::string> problems;
  ParameterizedValue v =
      ParseParameterized("Text/Plain; CharSet=\"UTF-8\";\tformat=flowed; DelSp=yes", &problems);
  EXPECT_EQ(v.value, "text/plain");
  EXPECT_EQ(v.Param("charset"), "UTF-8");
  EXPECT_EQ(v.Param("format"), "flowed");
  EXPECT_EQ(v.Param("delsp"), "yes");
  EXPECT_EQ(v.Param("boundary"), std::nullopt);
  EXPECT_TRUE(problems.empty());

  ParameterizedValue b = ParseParameterized(
      "multipart/alternative;\r\n\tboundary=\"----=_NextPart_000_0061_01DC55A3.1F2E3D40\"",
      &problems);
  EXPECT_EQ(b.Param("boundary"), "----=_NextPart_000_0061_01DC55A3.1F2E3D40");
  // A boundary may hold "=?...?=": it is bytes, never decoded.
  EXPECT_EQ(ParseParameterized("multipart/mixed; boundary=\"=?utf-8?Q?x?=\"", &problems)
                .Param("boundary"),
            "=?utf-8?Q?x?=");

  ParameterizedValue q = ParseParameterized("attachment; filename=\"a \\\"b\\\";c.txt\"", &problems);
  EXPECT_EQ(q.Param("filename"), "a \"b\";c.txt");
}

TEST(Rfc2231, ExtendedValuesAndContinuations) {
  std::vector<std::string> problems;
  EXPECT_EQ(ParseParameterized("attachment; filename*=UTF-8''%C8%98coal%C4%83.pdf", &problems)
                .Param("filename"),
            "Școală.pdf");
  // Thunderbird: continuations, a character split between sections.
  EXPECT_EQ(ParseParameterized("attachment;\r\n filename*0*=utf-8''Aru%C3%A4nne%20t%C3;\r\n"
                               " filename*1*=%B5%C3%B6st;\r\n filename*2=\".pdf\"",
                               &problems)
                .Param("filename"),
            "Aruänne tõöst.pdf");
  // Language part and an 8-bit charset.
  EXPECT_EQ(ParseParameterized("inline; filename*=iso-8859-13'et'T%F5%F6.txt", &problems)
                .Param("filename"),
            "Tõö.txt");
  // The extended form wins over the plain one, whatever the order.
  EXPECT_EQ(ParseParameterized("attachment; filename=\"fallback.pdf\"; "
                               "filename*=utf-8''%D0%A1%D1%87%D1%91%D1%82.pdf",
                               &problems)
                .Param("filename"),
            "Счёт.pdf");
  EXPECT_TRUE(problems.empty());
}

TEST(Rfc2231, EncodedWordsAndOddValues) {
  std::vector<std::string> problems;
  // Outlook: RFC 2047 inside a quoted name.
  EXPECT_EQ(ParseParameterized("application/pdf; name=\"=?windows-1250?Q?Factur=E3_"
                               "=FEiglu.pdf?=\"",
                               &problems)
                .Param("name"),
            "Factură ţiglu.pdf");
  // Unquoted value with spaces.
  EXPECT_EQ(ParseParameterized("attachment; filename=my report.docx; size=12", &problems)
                .Param("filename"),
            "my report.docx");
  // Raw 8-bit name in the body's charset.
  EXPECT_EQ(ParseParameterized("attachment; filename=\"\xD1\xF7\xE5\xF2.pdf\"", &problems,
                               "windows-1251")
                .Param("filename"),
            "Счет.pdf");
  EXPECT_TRUE(problems.empty());
  ParameterizedValue open = ParseParameterized("attachment; filename=\"never closed", &problems);
  EXPECT_EQ(open.Param("filename"), "never closed");
  EXPECT_EQ(problems.size(), 1u);
}

}  // namespace
}  // namespace deskd
