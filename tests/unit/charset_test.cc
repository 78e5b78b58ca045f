#include "parsers/charset.h"

#include <gtest/gtest.h>

namespace deskd {
namespace {

const char kRu1251[] =
    "\xC7\xE4\xF0\xE0\xE2\xF1\xF2\xE2\xF3\xE9\xF2\xE5! \xCD\xE5 \xF0\xE0\xE1\xEE\xF2\xE0\xE5\xF2 "
    "\xEF\xF0\xE8\xED\xF2\xE5\xF0 \xE2 \xE1\xF3\xF5\xE3\xE0\xEB\xF2\xE5\xF0\xE8\xE8.";
const char kRuKoi8[] =
    "\xFA\xC4\xD2\xC1\xD7\xD3\xD4\xD7\xD5\xCA\xD4\xC5! \xEE\xC5 \xD2\xC1\xC2\xCF\xD4\xC1\xC5\xD4 "
    "\xD0\xD2\xC9\xCE\xD4\xC5\xD2 \xD7 \xC2\xD5\xC8\xC7\xC1\xCC\xD4\xC5\xD2\xC9\xC9.";
const char kRuUtf8[] = "Здравствуйте! Не работает принтер в бухгалтерии.";
const char kEt1257[] = "Tere! \xD0veitsi \xFE\xFCrii ei t\xF6\xF6ta t\xE4na.";
const char kEt885915[] = "Tere! \xA6veitsi \xB8\xFCrii ei t\xF6\xF6ta t\xE4na.";
const char kEtUtf8[] = "Tere! Šveitsi žürii ei tööta täna.";
const char kRo1250[] = "Bun\xE3 ziua, imprimanta nu func\xFEioneaz\xE3 \xBAi nu pot s\xE3 trimit.";
const char kDeLatin1[] = "Gr\xFC\xDF" "e aus M\xFCnchen, sch\xF6ne Tage.";

TEST(CharsetTest, CanonicalNames) {
  EXPECT_EQ(CanonicalCharset("UTF8"), "utf-8");
  EXPECT_EQ(CanonicalCharset("\"utf-8\""), "utf-8");
  EXPECT_EQ(CanonicalCharset("cp-1251"), "windows-1251");
  EXPECT_EQ(CanonicalCharset("win-1251"), "windows-1251");
  EXPECT_EQ(CanonicalCharset("CP1251"), "windows-1251");
  EXPECT_EQ(CanonicalCharset("x-cp1251"), "windows-1251");
  EXPECT_EQ(CanonicalCharset("Windows-1257"), "windows-1257");
  EXPECT_EQ(CanonicalCharset("ISO8859-13"), "iso-8859-13");
  EXPECT_EQ(CanonicalCharset("iso_8859-15:1998"), "iso-8859-15");
  EXPECT_EQ(CanonicalCharset("latin1"), "iso-8859-1");
  EXPECT_EQ(CanonicalCharset("KOI8-R"), "koi8-r");
  EXPECT_EQ(CanonicalCharset("koi8u"), "koi8-u");
  EXPECT_EQ(CanonicalCharset("ks_c_5601-1987"), "cp949");
  EXPECT_EQ(CanonicalCharset("x-unknown"), "");
  EXPECT_EQ(CanonicalCharset("unknown-8bit"), "");
  EXPECT_EQ(CanonicalCharset("no-such-charset"), "");
  EXPECT_EQ(CanonicalCharset("bad;label"), "");
}

TEST(CharsetTest, Utf8Validity) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8(kRuUtf8));
  EXPECT_FALSE(IsValidUtf8(kRu1251));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));          // truncated
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));   // emoji
}

TEST(CharsetTest, ConvertsLabelledText) {
  auto c = ConvertToUtf8(kRu1251, "windows-1251");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->text, kRuUtf8);
  EXPECT_EQ(c->replaced, 0u);
  EXPECT_EQ(ConvertToUtf8(kRuKoi8, "koi8-r")->text, kRuUtf8);
  EXPECT_EQ(ConvertToUtf8(kEt1257, "windows-1257")->text, kEtUtf8);
  EXPECT_EQ(ConvertToUtf8(kEt1257, "iso-8859-13")->text, kEtUtf8);
  EXPECT_EQ(ConvertToUtf8(kEt885915, "iso-8859-15")->text, kEtUtf8);
  EXPECT_FALSE(ConvertToUtf8("x", "no-such-charset").has_value());
}

TEST(CharsetTest, InvalidSequencesBecomeReplacementCharacters) {
  auto c = ConvertToUtf8("ok \xC3 then \xFF end", "utf-8");
  EXPECT_EQ(c->text, "ok \xEF\xBF\xBD then \xEF\xBF\xBD end");
  EXPECT_EQ(c->replaced, 2u);
  // 0x81 is undefined in windows-1252.
  auto w = ConvertToUtf8("a\x81" "b", "windows-1252");
  EXPECT_EQ(w->text, "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(w->replaced, 1u);
  // Truncated multi-byte at the end of a stateful/multi-byte charset.
  auto j = ConvertToUtf8("\x82", "shift_jis");
  EXPECT_EQ(j->replaced, 1u);
}

TEST(CharsetTest, StatefulCharsetIsFlushed) {
  // "日本" in ISO-2022-JP, ending in JIS X 0208 mode without the reset.
  auto c = ConvertToUtf8("\x1B$BF|K\\\x1B(B", "iso-2022-jp");
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->text, "日本");
}

TEST(CharsetTest, DetectsUnlabelledText) {
  EXPECT_EQ(DetectCharset("hello"), "us-ascii");
  EXPECT_EQ(DetectCharset(kRuUtf8), "utf-8");
  EXPECT_EQ(DetectCharset(kRu1251), "windows-1251");
  EXPECT_EQ(DetectCharset(kRuKoi8), "koi8-r");
  EXPECT_EQ(ConvertToUtf8(kEt1257, DetectCharset(kEt1257))->text, kEtUtf8);
  EXPECT_EQ(ConvertToUtf8(kEt885915, DetectCharset(kEt885915))->text, kEtUtf8);
  auto ro = ConvertToUtf8(kRo1250, DetectCharset(kRo1250))->text;
  EXPECT_NE(ro.find("Bună"), std::string::npos) << ro;
  EXPECT_TRUE(ro.find("funcţionează") != std::string::npos ||
              ro.find("funcționează") != std::string::npos) << ro;
}

// Romanian 8-bit text without the „ ” quotes of windows-1250: uchardet says
// iso-8859-16, but Windows mailers write windows-1250 (the cedilla letters
// ş ţ at the same bytes); it is the one taken.
TEST(CharsetTest, UnlabelledRomanianIsWindows1250NotIso885916) {
  const std::string bytes = "Comanda a fost livrat\xE3 par\xFEial. Produse lips\xE3: 3 cartu\xBA" "e toner. Mesaj generat automat de sistemul ERP.";
  EXPECT_EQ(DetectCharset(bytes), "windows-1250");
  EXPECT_EQ(DecodeToUtf8(bytes, "").text, "Comanda a fost livrată parţial. Produse lipsă: 3 cartuşe toner. Mesaj generat automat de sistemul ERP.");
}

// Ukrainian letters in KOI8-U (box-drawing symbols in KOI8-R).
TEST(CharsetTest, UnlabelledKoi8uWithUkrainianLetters) {
  const std::string bytes = "\xEF\xCC\xC5\xCB\xD3\xA6\xCA \xEB\xCF\xD7\xC1\xCC\xC5\xCE\xCB\xCF, \xD7\xA6\xC4\xC4\xA6\xCC \xA7\xC4\xC1\xCC\xD8\xCE\xA6. \xF0\xD2\xCF\xDB\xD5 \xD0\xC5\xD2\xC5\xD7\xA6\xD2\xC9\xD4\xC9 \xD4\xC5\xCC\xC5\xC6\xCF\xCE \xD5 \xCB\xA6\xCD\xCE\xC1\xD4\xA6 305.";
  EXPECT_EQ(DetectCharset(bytes), "koi8-u");
  EXPECT_EQ(DecodeToUtf8(bytes, "").text, "Олексій Коваленко, відділ їдальні. Прошу перевірити телефон у кімнаті 305.");
  // Labelled koi8-u is trusted.
  EXPECT_EQ(DecodeToUtf8(bytes, "KOI8-U").text, "Олексій Коваленко, відділ їдальні. Прошу перевірити телефон у кімнаті 305.");
}

// The classic Cyrillic mix-ups: koi8-r bytes labelled windows-1251 and the
// reverse read as case soup ("зДТБЧУФЧХКФЕ"); the charset that reads as
// Russian wins. A right label stays, and so does a word too short to judge.
TEST(CharsetTest, CyrillicLabelOnAnotherCyrillicCharset) {
  const std::string koi8 = "\xFA\xC4\xD2\xC1\xD7\xD3\xD4\xD7\xD5\xCA\xD4\xC5, \xE9\xD7\xC1\xCE \xF0\xC5\xD4\xD2\xCF\xD7\xC9\xDE. \xF0\xD2\xCF\xDB\xD5 \xD7\xCF\xD3\xD3\xD4\xC1\xCE\xCF\xD7\xC9\xD4\xD8 \xC4\xCF\xD3\xD4\xD5\xD0 \xCB 1\xF3:\xE2\xD5\xC8\xC7\xC1\xCC\xD4\xC5\xD2\xC9\xD1, \xD0\xC1\xD2\xCF\xCC\xD8 \xCE\xC5 \xD0\xCF\xC4\xC8\xCF\xC4\xC9\xD4.";
  const std::string cp1251 = "\xC7\xE4\xF0\xE0\xE2\xF1\xF2\xE2\xF3\xE9\xF2\xE5, \xC8\xE2\xE0\xED \xCF\xE5\xF2\xF0\xEE\xE2\xE8\xF7. \xCF\xF0\xEE\xF8\xF3 \xE2\xEE\xF1\xF1\xF2\xE0\xED\xEE\xE2\xE8\xF2\xFC \xE4\xEE\xF1\xF2\xF3\xEF \xEA 1\xD1:\xC1\xF3\xF5\xE3\xE0\xEB\xF2\xE5\xF0\xE8\xFF, \xEF\xE0\xF0\xEE\xEB\xFC \xED\xE5 \xEF\xEE\xE4\xF5\xEE\xE4\xE8\xF2.";
  DecodedText a = DecodeToUtf8(koi8, "windows-1251");
  EXPECT_EQ(a.text, "Здравствуйте, Иван Петрович. Прошу восстановить доступ к 1С:Бухгалтерия, пароль не подходит.");
  EXPECT_EQ(a.charset, "koi8-r");
  EXPECT_TRUE(a.detected);
  DecodedText b = DecodeToUtf8(cp1251, "koi8-r");
  EXPECT_EQ(b.text, "Здравствуйте, Иван Петрович. Прошу восстановить доступ к 1С:Бухгалтерия, пароль не подходит.");
  EXPECT_EQ(b.charset, "windows-1251");
  EXPECT_EQ(DecodeToUtf8(cp1251, "windows-1251").charset, "windows-1251");
  EXPECT_FALSE(DecodeToUtf8(cp1251, "windows-1251").detected);
  EXPECT_EQ(DecodeToUtf8(koi8, "koi8-r").charset, "koi8-r");
  EXPECT_EQ(DecodeToUtf8("\xE4\xC1", "koi8-r").charset, "koi8-r");  // "Да"
}

TEST(CharsetTest, DeclaredLabelIsTrusted) {
  DecodedText d = DecodeToUtf8(kEt1257, "windows-1257");
  EXPECT_EQ(d.text, kEtUtf8);
  EXPECT_EQ(d.charset, "windows-1257");
  EXPECT_FALSE(d.detected);
  EXPECT_TRUE(d.problems.empty());
  // An alias is not a detection.
  d = DecodeToUtf8(kRu1251, "CP1251");
  EXPECT_EQ(d.text, kRuUtf8);
  EXPECT_EQ(d.charset, "windows-1251");
  EXPECT_FALSE(d.detected);
}

TEST(CharsetTest, WrongLatinLabelOnCyrillicIsDetected) {
  DecodedText d = DecodeToUtf8(kRu1251, "iso-8859-1");
  EXPECT_EQ(d.text, kRuUtf8);
  EXPECT_EQ(d.charset, "windows-1251");
  EXPECT_TRUE(d.detected);
  d = DecodeToUtf8("\xC4\xE0", "us-ascii");  // "Да"
  EXPECT_EQ(d.text, "Да");
  // Real Latin-1 stays Latin-1.
  d = DecodeToUtf8(kDeLatin1, "iso-8859-1");
  EXPECT_EQ(d.text, "Grüße aus München, schöne Tage.");
  EXPECT_FALSE(d.detected);
  // English under a right windows-1252 label, whose only 8-bit bytes are a
  // euro sign, quotes and a dash: 0x80 is also Cyrillic "Ђ" in windows-1251.
  d = DecodeToUtf8("The quote \x93total\x94 is \x80" "12,400 \x96 final.", "windows-1252");
  EXPECT_EQ(d.text, "The quote \u201ctotal\u201d is \u20ac12,400 \u2013 final.");
  EXPECT_EQ(d.charset, "windows-1252");
  EXPECT_FALSE(d.detected);
}

TEST(CharsetTest, ValidUtf8WinsOverEightBitLabel) {
  DecodedText d = DecodeToUtf8(kEtUtf8, "iso-8859-1");
  EXPECT_EQ(d.text, kEtUtf8);
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_TRUE(d.detected);
  d = DecodeToUtf8(kRuUtf8, "");
  EXPECT_EQ(d.text, kRuUtf8);
  EXPECT_TRUE(d.detected);
}

TEST(CharsetTest, AsciiNeedsNoDetection) {
  DecodedText d = DecodeToUtf8("hello", "");
  EXPECT_EQ(d.text, "hello");
  EXPECT_EQ(d.charset, "us-ascii");
  EXPECT_FALSE(d.detected);
  d = DecodeToUtf8("hello", "x-unknown");
  EXPECT_TRUE(d.problems.empty());
}

TEST(CharsetTest, UnknownLabelIsAProblemAndDetected) {
  DecodedText d = DecodeToUtf8(kRu1251, "x-bogus");
  EXPECT_EQ(d.text, kRuUtf8);
  EXPECT_TRUE(d.detected);
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_NE(d.problems[0].find("x-bogus"), std::string::npos);
}

TEST(CharsetTest, Utf8LabelOnLegacyTextIsDetected) {
  DecodedText d = DecodeToUtf8(kRu1251, "utf-8");
  EXPECT_EQ(d.text, kRuUtf8);
  EXPECT_EQ(d.charset, "windows-1251");
  // A stray bad byte in real UTF-8 is replaced, not re-detected.
  d = DecodeToUtf8(std::string(kRuUtf8) + "\xFF", "utf-8");
  EXPECT_EQ(d.charset, "utf-8");
  EXPECT_EQ(d.text, std::string(kRuUtf8) + "\xEF\xBF\xBD");
  ASSERT_EQ(d.problems.size(), 1u);
}

TEST(CharsetTest, BomIsDropped) {
  EXPECT_EQ(DecodeToUtf8("\xEF\xBB\xBFTere", "utf-8").text, "Tere");
}

}  // namespace
}  // namespace deskd
