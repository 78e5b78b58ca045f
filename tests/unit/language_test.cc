#include "parsers/language.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace deskd {
namespace {

struct Sample {
  const char* expected;
  const char* text;
};

// Short mails as clients write them: a greeting, one or two sentences, a
// signature; some without diacritics; mobile trailers already stripped.
const std::vector<Sample> kSamples = {
    // Estonian
    {"et", "Tere,\nprinter ei tööta.\nKati"},
    {"et", "Tere, printer ei toota"},
    {"et", "Tere!\nMul ei avane Outlook, palun aidake.\n\nLugupidamisega\nKati Tamm\nFirma OÜ"},
    {"et", "Arvuti läks kokku ja enam ei käivitu. Kas saate kiiresti aidata?"},
    {"et", "Tere\nunustasin parooli, palun lähtestage see.\nAitäh, Jaan"},
    {"et", "tere, arvuti on väga aeglane ja kiri ei lähe välja"},
    {"et", "Tere! Teisel korrusel on tooner lõppenud. Tänan!"},
    {"et", "Mul pole võrku, wifi ei ühendu.\nMarko"},
    {"et", "Tere, kas saaksite mulle uue hiire tuua? Vana on katki."},
    {"et", "Printer prindib ainult tühje lehti. Palun vaadake see üle.\nTervitades, Liis"},
    {"et", "Tere, meil ei tööta internet kontoris juba hommikust saadik."},
    // Russian
    {"ru", "Здравствуйте, не работает принтер."},
    {"ru", "Добрый день!\nНе могу войти в Outlook, пишет неверный пароль.\nИван"},
    {"ru", "Привет, у меня компьютер не включается. Помогите пожалуйста"},
    {"ru", "Добрый день, прошу сбросить пароль от VPN.\n\nС уважением,\nОльга Петрова"},
    {"ru", "Не печатает принтер на 2 этаже, замятие бумаги"},
    {"ru", "Здравствуйте!\nСломалась мышь, можно новую?\n\nThanks, John"},
    {"ru", "Не приходит почта с утра. Срочно!"},
    {"ru", "Добрый день. Монитор мигает и гаснет. Сергей, бухгалтерия"},
    {"ru", "Доброго дня, не працює принтер у бухгалтерії"},
    {"ru", "Спасибо, всё работает!"},
    // Romanian
    {"ro", "Bună ziua, nu merge imprimanta."},
    {"ro", "Buna ziua, nu merge imprimanta"},
    {"ro", "Bună ziua,\nnu pot să mă conectez la VPN. Vă rog să mă ajutați.\nAna Popescu"},
    {"ro", "Buna, calculatorul nu porneste de azi dimineata. Multumesc!"},
    {"ro", "Am uitat parola de la email, puteti sa o resetati?"},
    {"ro", "Salut, imprimanta de la etajul 2 nu mai printeaza."},
    {"ro", "Mulțumesc frumos, acum funcționează!"},
    {"ro", "Bună seara, nu primesc mesaje în Outlook de ieri.\nCu stimă, Mihai"},
    {"ro", "Ecranul laptopului este negru si nu se aprinde"},
    {"ro", "Buna ziua, va rog sa imi schimbati mouse-ul, e stricat.\nIoana"},
    // English
    {"en", "Hello, my printer is not working."},
    {"en", "Hi,\nI can't log in to Outlook, it says my password is wrong.\n\nThanks,\nJohn"},
    {"en", "The VPN keeps disconnecting since this morning. Please help."},
    {"en", "Hi team, could you reset my password? I forgot it."},
    {"en", "My laptop won't start after the update.\nRegards, Mary"},
    {"en", "Hello, the printer on the 3rd floor is out of toner."},
    {"en", "Thanks, it works now!"},
    {"en", "Dear support, I need access to the finance share.\nBest regards,\nPeter"},
    {"en", "Outlook crashes when I open attachments. Can someone look at it?"},
    {"en", "hi, my screen is black and the laptop doesnt start"},
};

TEST(DetectLanguage, ShortRealLookingMails) {
  int wrong = 0;
  for (const Sample& s : kSamples) {
    const std::string got = DetectLanguage(s.text, "xx");
    EXPECT_EQ(got, s.expected) << s.text;
    wrong += got != s.expected;
  }
  EXPECT_EQ(wrong, 0) << "of " << kSamples.size();
}

TEST(DetectLanguage, FallbackWhenNothingScores) {
  EXPECT_EQ(DetectLanguage("", "et"), "et");
  EXPECT_EQ(DetectLanguage("   \n", "ru"), "ru");
  EXPECT_EQ(DetectLanguage("12345 !!! :)", "ro"), "ro");
  EXPECT_EQ(DetectLanguage("Outlook VPN", "en"), "en");
  EXPECT_EQ(DetectLanguage("Outlook VPN", "et"), "et");
  EXPECT_EQ(DetectLanguage("Hallo, mein Drucker funktioniert nicht", "et"), "et");
}

TEST(DetectLanguage, AmbiguousWordsAloneAreNotEnough) {
  // "on" is English and Estonian: a tie gives the fallback.
  EXPECT_EQ(DetectLanguage("on", "ro"), "ro");
  // "sa" is Estonian (you) and Romanian (să without diacritics).
  EXPECT_EQ(DetectLanguage("sa", "en"), "en");
}

TEST(DetectLanguage, DiacriticsDecide) {
  EXPECT_EQ(DetectLanguage("Jõulud", "en"), "et");
  EXPECT_EQ(DetectLanguage("Învățământ", "en"), "ro");
}

TEST(DetectLanguage, CyrillicDominatesAnEnglishSignature) {
  EXPECT_EQ(DetectLanguage("Не работает сканер.\n--\nJohn Smith, IT Department, Company Ltd",
                           "en"),
            "ru");
  // A Russian name under an English text does not make it Russian.
  EXPECT_EQ(DetectLanguage("Hello, the scanner is not working again, please help.\nИван", "et"),
            "en");
}

// One-line answers from phones, with loanwords (Teams, VPN, laptop) and
// without diacritics: the words around the loanwords decide.
TEST(DetectLanguage, OneLineAnswers) {
  const std::vector<Sample> samples = {
      {"et", "Ok, sobib."},         {"et", "Korras"},
      {"et", "Laptop on aeglane"},  {"et", "Teams ei käivitu, error 0x80"},
      {"et", "ei toota"},           {"et", "Tänud!"},
      {"ro", "Mersi"},              {"ro", "Te rog sa ma suni"},
      {"ro", "Rezolvat, mersi"},    {"ro", "E in regula"},
      {"ro", "Teams nu porneste, error 0x80"}, {"ro", "Da, merge acum."},
      {"en", "Fine"},               {"en", "Solved, thanks"},
      {"en", "Teams doesn't start, error 0x80"}, {"en", "VPN isn't working from home"},
      {"ru", "Ок, спасибо"},        {"ru", "Спасибо"},
  };
  for (const Sample& s : samples) {
    EXPECT_EQ(DetectLanguage(s.text, "?"), s.expected) << s.text;
  }
}

// A pasted error message in quotation marks is the software's language.
TEST(DetectLanguage, QuotedErrorMessagesCountLittle) {
  EXPECT_EQ(DetectLanguage("Tere! Outlook näitab viga: \"Cannot start Microsoft Outlook. Cannot open the "
                           "Outlook window. The set of folders cannot be opened.\" Palun aidake.", "?"),
            "et");
  EXPECT_EQ(DetectLanguage("Tere\n\nMul on probleem: „Your password has expired and must be changed“. "
                           "Kuidas seda muuta?", "?"),
            "et");
  EXPECT_EQ(DetectLanguage("Bună ziua, primesc eroarea «The trust relationship between this workstation "
                           "and the primary domain failed» când mă loghez.", "?"),
            "ro");
  // Only quoted text: it still decides.
  EXPECT_EQ(DetectLanguage("\"The printer is out of paper and cannot print\"", "?"), "en");
  // An unbalanced inch mark does not silence the rest.
  EXPECT_EQ(DetectLanguage("Mul on 24\" monitor ja see ei tööta enam, palun aidake", "?"), "et");
}

}  // namespace
}  // namespace deskd
