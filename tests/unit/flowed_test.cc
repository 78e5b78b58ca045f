#include "parsers/flowed.h"

#include <gtest/gtest.h>

namespace deskd {
namespace {

TEST(UnwrapFlowed, ThunderbirdParagraphsAreJoined) {
  // Thunderbird: format=flowed, delsp=no; soft breaks after a space.
  const char* body =
      "Tere,\n"
      "\n"
      "printer teisel korrusel ei tööta enam. Proovisin seda välja ja sisse \n"
      "lülitada, kuid see ei aidanud. Ekraanil on teade \"Paper jam\", aga \n"
      "paberit sees ei ole.\n"
      "\n"
      "Kati\n"
      "\n"
      "-- \n"
      "Kati Tamm\n"
      "Firma OÜ\n";
  EXPECT_EQ(UnwrapFlowed(body, false),
            "Tere,\n"
            "\n"
            "printer teisel korrusel ei tööta enam. Proovisin seda välja ja sisse lülitada, "
            "kuid see ei aidanud. Ekraanil on teade \"Paper jam\", aga paberit sees ei ole.\n"
            "\n"
            "Kati\n"
            "\n"
            "-- \n"
            "Kati Tamm\n"
            "Firma OÜ\n");
}

TEST(UnwrapFlowed, DelSpRemovesTheSoftBreakSpace) {
  // Apple Mail: delsp=yes, the line ends in the space it adds for the break,
  // so a word can be cut in the middle.
  const char* body =
      "Bună ziua, imprimanta nu mai printează de ieri. Am încercat să o repornesc  \n"
      "dar nu a ajutat. Vă rog să trimiteți pe cineva până la ora 15:00, este urgen \n"
      "t.\n";
  EXPECT_EQ(UnwrapFlowed(body, true),
            "Bună ziua, imprimanta nu mai printează de ieri. Am încercat să o repornesc dar "
            "nu a ajutat. Vă rog să trimiteți pe cineva până la ora 15:00, este urgent.\n");
  // The same text read without delsp keeps every space.
  EXPECT_EQ(UnwrapFlowed("este urgen \nt.", false), "este urgen t.");
}

TEST(UnwrapFlowed, QuotedLinesJoinAtTheirOwnDepth) {
  const char* body =
      "Да, работает.\n"
      "\n"
      "> Здравствуйте! Попробуйте перезагрузить \n"
      "> компьютер и проверить сеть.\n"
      ">> Не работает почта с утра, \n"
      ">> ошибка 0x800CCC0E.\n"
      ">\n"
      "> Служба поддержки\n";
  EXPECT_EQ(UnwrapFlowed(body, false),
            "Да, работает.\n"
            "\n"
            "> Здравствуйте! Попробуйте перезагрузить компьютер и проверить сеть.\n"
            "> > Не работает почта с утра, ошибка 0x800CCC0E.\n"
            ">\n"
            "> Служба поддержки\n");
}

TEST(UnwrapFlowed, ChangeOfDepthEndsAParagraph) {
  // Flowed in error: the next line has another depth.
  EXPECT_EQ(UnwrapFlowed("> quoted and flowed \nnew text \nwith more\n", false),
            "> quoted and flowed\nnew text with more\n");
}

TEST(UnwrapFlowed, SpaceStuffingIsUndone) {
  EXPECT_EQ(UnwrapFlowed(" From the log:\n >not a quote\n  two spaces\n", false),
            "From the log:\n>not a quote\n two spaces\n");
}

TEST(UnwrapFlowed, SignatureSeparatorIsNeverJoined) {
  EXPECT_EQ(UnwrapFlowed("Kati \n-- \nKati Tamm \nFirma OÜ", false),
            "Kati\n-- \nKati Tamm Firma OÜ");
  EXPECT_EQ(UnwrapFlowed("Kati \n-- \nKati", true), "Kati\n-- \nKati");
}

TEST(UnwrapFlowed, CrLfAndEdgeCases) {
  EXPECT_EQ(UnwrapFlowed("one \r\ntwo\r\n", false), "one two\n");
  EXPECT_EQ(UnwrapFlowed("", false), "");
  EXPECT_EQ(UnwrapFlowed("\n\n", false), "\n\n");
  EXPECT_EQ(UnwrapFlowed("last line flowed ", false), "last line flowed");
  // A fixed line is left as it is, also when it is long.
  EXPECT_EQ(UnwrapFlowed("a\nb\n", false), "a\nb\n");
}

}  // namespace
}  // namespace deskd
