#include "parsers/reply_text.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

namespace deskd {
namespace {

TEST(StripReply, PlainTextIsKeptAndTrimmed) {
  EXPECT_EQ(StripReply("\n\nHello,\n\nthe printer is broken.\n\n"),
            "Hello,\n\nthe printer is broken.");
  EXPECT_EQ(StripReply(""), "");
  EXPECT_EQ(StripReply("\n \n"), "");
}

TEST(StripReply, QuoteOnlyGivesEmpty) {
  EXPECT_EQ(StripReply("> old text\n>\n> more\n"), "");
  EXPECT_EQ(StripReply("On Mon, 23 Nov 2026 at 10:00, Kati Tamm <kati@x.ee> wrote:\n> old\n"),
            "");
  EXPECT_EQ(StripReply("Sent from my iPhone\n\n> On 23 Nov 2026, at 10:00, X <x@y> wrote:\n> a"),
            "");
}

TEST(StripReply, GmailAttributionsInFourLanguages) {
  const char* attributions[] = {
      "On Mon, 23 Nov 2026 at 10:00, Kati Tamm <kati@firma.ee> wrote:",
      "E, 23. nov 2026 kell 10:00 kirjutas Kati Tamm <kati@firma.ee>:",
      "23.11.2026, 10:00, Иван Петров пишет:",
      "Пн, 23 нояб. 2026 г. в 10:00, Иван Петров <ivan@firma.ru>:",
      "În lun., 23 nov. 2026 la 10:00, Ana Pop <ana@firma.ro> a scris:",
      "On 23 Nov 2026, at 10:00, Kati Tamm <kati@firma.ee> wrote:",
      "Kati Tamm wrote:",
      "Am 23.11.2026 um 10:00 schrieb Kati Tamm:",
  };
  for (const char* a : attributions) {
    const std::string mail = std::string("Thanks, it works now.\n\nKati\n\n") + a +
                             "\n\n> Please restart the computer.\n>\n> IT\n";
    EXPECT_EQ(StripReply(mail), "Thanks, it works now.\n\nKati") << a;
  }
}

TEST(StripReply, AttributionWrappedOverTwoLines) {
  EXPECT_EQ(StripReply("Done.\n\nOn Mon, 23 Nov 2026 at 10:00, Kati Tamm <kati@firma.ee>\n"
                       "wrote:\n\n> Is it done?\n"),
            "Done.");
  EXPECT_EQ(StripReply("Done.\nOn Mon, 23 Nov 2026 at 10:00, Kati Tamm <\nkati@firma.ee> wrote:\n"
                       "> Is it done?\n"),
            "Done.");
}

TEST(StripReply, AttributionWithoutQuoteIsCutWhenItLooksCertain) {
  EXPECT_EQ(StripReply("Thank you!\n\nOn Mon, 23 Nov 2026 at 10:00, IT <support@it.example> wrote:\n"
                       "\nYour ticket was resolved.\n"),
            "Thank you!");
  // A sentence ending in "wrote:" without date and quote is the writer's.
  EXPECT_EQ(StripReply("My colleague wrote:\nthe printer is fine.\n"),
            "My colleague wrote:\nthe printer is fine.");
}

TEST(StripReply, InterleavedReplyKeepsTheWritersLines) {
  const char* mail =
      "On 23.11.2026 10:00, IT Support wrote:\n"
      "> Which printer is it?\n"
      "\n"
      "The one on the 3rd floor.\n"
      "\n"
      "> Does it show an error?\n"
      "> \n"
      "\n"
      "Yes, E-52.\n"
      "\n"
      "-- \n"
      "Kati Tamm\n";
  EXPECT_EQ(StripReply(mail), "The one on the 3rd floor.\n\nYes, E-52.");
}

TEST(StripReply, OutlookOriginalMessageInFourLanguages) {
  for (const char* sep : {"-----Original Message-----", "-----Algne sõnum-----",
                          "-----Исходное сообщение-----", "-----Mesaj original-----",
                          "-------- Original message --------"}) {
    const std::string mail = std::string("It works again.\r\n\r\n") + sep +
                             "\nFrom: IT\nSent: Monday\nTo: Kati\nSubject: Re: x\n\nold text\n";
    EXPECT_EQ(StripReply(mail), "It works again.") << sep;
  }
}

TEST(StripReply, OutlookHeaderBlocksLocalized) {
  const char* blocks[] = {
      "From: IT Support <support@itdesk.example>\nSent: Monday, November 23, 2026 10:00 AM\n"
      "To: Kati Tamm <kati@firma.ee>\nSubject: RE: [Ticket#1042] Printer\n",
      "Saatja: IT Support <support@itdesk.example>\nSaadetud: esmaspäev, 23. november 2026 10:00\n"
      "Adressaat: Kati Tamm <kati@firma.ee>\nTeema: RE: [Ticket#1042] Printer\n",
      "От: IT Support <support@itdesk.example>\nОтправлено: 23 ноября 2026 г. 10:00\n"
      "Кому: Иван Петров <ivan@firma.ru>\nТема: RE: [Ticket#1042] Принтер\n",
      "De la: IT Support <support@itdesk.example>\nTrimis: luni, 23 noiembrie 2026 10:00\n"
      "Către: Ana Pop <ana@firma.ro>\nSubiect: RE: [Ticket#1042] Imprimanta\n",
      "*From:* IT Support <support@itdesk.example>\n*Sent:* Monday, November 23, 2026 10:00\n"
      "*To:* Kati\n*Cc:* Maria\n*Subject:* RE: x\n",
      "From: IT Support <support@itdesk.example>\n\nSent: Monday\n\nTo: Kati\n\nSubject: RE: x\n",
  };
  for (const char* block : blocks) {
    const std::string mail =
        std::string("Aitäh, nüüd töötab.\n\nKati\n\n") + block + "\nOld text\n> older\n";
    EXPECT_EQ(StripReply(mail), "Aitäh, nüüd töötab.\n\nKati") << block;
  }
}

TEST(StripReply, OutlookOnTheWebUnderscoreRule) {
  const char* mail =
      "Yes, please come at 14:00.\n\n"
      "Get Outlook for iOS<https://aka.ms/o0ukef>\n"
      "________________________________\n"
      "From: IT Support <support@itdesk.example>\n"
      "Sent: Monday, November 23, 2026 10:00:00 AM\n"
      "To: Kati Tamm <kati@firma.ee>\n"
      "Subject: RE: [Ticket#1042] Printer\n\n"
      "When can we come?\n";
  EXPECT_EQ(StripReply(mail), "Yes, please come at 14:00.");
}

TEST(StripReply, QuotedDivRplyFwdMsgHeaderBlockCuts) {
  // The HTML converter marks Outlook's divRplyFwdMsg (only the header block)
  // as a quote; the old body follows unquoted.
  const char* mail =
      "Fixed, thanks.\n\n"
      "________________________________\n"
      "> From: IT Support <support@itdesk.example>\n"
      "> Sent: Monday, November 23, 2026 10:00\n"
      "> To: Kati Tamm\n"
      "> Subject: RE: Printer\n"
      "\n"
      "Please try again.\n";
  EXPECT_EQ(StripReply(mail), "Fixed, thanks.");
}

TEST(StripReply, HeaderBlockInsideAnInterleavedQuoteDoesNotCut) {
  const char* mail =
      "Kati Tamm wrote:\n"
      "> Still broken.\n"
      "> From: IT <support@itdesk.example>\n"
      "> Sent: Monday\n"
      "> To: Kati\n"
      "> Subject: x\n"
      "> Restart it.\n"
      "\n"
      "I will come over.\n";
  EXPECT_EQ(StripReply(mail), "I will come over.");
}

TEST(StripReply, SignatureIsCut) {
  EXPECT_EQ(StripReply("Restarted the spooler.\n\n-- \nMaria Kask\nIT\n"),
            "Restarted the spooler.");
  EXPECT_EQ(StripReply("Restarted the spooler.\n--\nMaria Kask\n"), "Restarted the spooler.");
  // "---" or a dash in text is not a signature.
  EXPECT_EQ(StripReply("a\n---\nb\n-- not a sig\nc"), "a\n---\nb\n-- not a sig\nc");
}

TEST(StripReply, MobileTrailers) {
  for (const char* trailer :
       {"Sent from my iPhone", "Sent from my iPad", "Sent from Outlook for Android",
        "Get Outlook for iOS", "Saadetud minu iPhone'ist", "Saadetud minu iPhone\xE2\x80\x99ist",
        "Отправлено с iPhone", "Отправлено из мобильной Почты Mail.ru",
        "Отправлено из приложения Яндекс Почта", "Отправлено с мобильного устройства",
        "Trimis de pe iPhone", "Trimis de pe Android", "Sent from Yahoo Mail on Android",
        "Sent from my Samsung Galaxy smartphone."}) {
    EXPECT_EQ(StripReply(std::string("Printer ei tööta.\n\n") + trailer + "\n"),
              "Printer ei tööta.")
        << trailer;
  }
  // A long sentence that starts like a trailer is text.
  const char* text =
      "Sent from my home computer yesterday evening, the report never arrived at the office.";
  EXPECT_EQ(StripReply(text), text);
}

TEST(StripReply, ForwardsAreKept) {
  const char* gmail =
      "Please look at this.\n\n"
      "---------- Forwarded message ---------\n"
      "From: Bank <noreply@bank.example>\n"
      "Date: Mon, 23 Nov 2026 at 10:00\n"
      "Subject: Your card\n"
      "To: <kati@firma.ee>\n\n"
      "Your card is blocked.\n"
      "-- \nBank\n";
  EXPECT_EQ(StripReply(gmail), std::string(gmail).substr(0, std::string(gmail).size() - 1));

  const char* apple =
      "FYI\n\nSent from my iPhone\n\nBegin forwarded message:\n\n"
      "From: X <x@y.example>\nDate: 23 November 2026 at 10:00:00 EET\nTo: kati@firma.ee\n"
      "Subject: VPN\n\nVPN is down.\n";
  EXPECT_EQ(StripReply(apple),
            "FYI\n\nBegin forwarded message:\n\nFrom: X <x@y.example>\n"
            "Date: 23 November 2026 at 10:00:00 EET\nTo: kati@firma.ee\nSubject: VPN\n\n"
            "VPN is down.");

  EXPECT_EQ(StripReply("-------- Пересылаемое сообщение --------\n"
                       "23.11.2026, 10:00, \"Банк\" <bank@bank.ru>:\n\nТекст\n"),
            "-------- Пересылаемое сообщение --------\n"
            "23.11.2026, 10:00, \"Банк\" <bank@bank.ru>:\n\nТекст");
}

TEST(StripReply, SignatureBeforeAForwardDropsOnlyTheSignature) {
  EXPECT_EQ(StripReply("See below.\n-- \nKati Tamm\nFirma OÜ\n\n"
                       "-------- Edastatud kiri --------\nTeema: x\n\nold\n"),
            "See below.\n\n-------- Edastatud kiri --------\nTeema: x\n\nold");
}

TEST(StripReply, ForwardMarkedAsQuoteByHtmlConverterIsUnquoted) {
  const char* mail =
      "Look at this please\n\n"
      "> ---------- Forwarded message ---------\n"
      "> From: Bank <noreply@bank.example>\n"
      "> Date: Mon, 23 Nov 2026 at 10:00\n"
      ">\n"
      "> Your card is blocked.\n"
      "> > older quote in the forward\n";
  EXPECT_EQ(StripReply(mail),
            "Look at this please\n\n---------- Forwarded message ---------\n"
            "From: Bank <noreply@bank.example>\nDate: Mon, 23 Nov 2026 at 10:00\n\n"
            "Your card is blocked.\n> older quote in the forward");
}

TEST(StripReply, ForwardInsideQuotedHistoryIsDropped) {
  const char* mail =
      "Thanks!\n\n"
      "On Mon, 23 Nov 2026 at 10:00, IT <support@itdesk.example> wrote:\n"
      "> See the mail below.\n"
      "> ---------- Forwarded message ---------\n"
      "> From: Vendor\n";
  EXPECT_EQ(StripReply(mail), "Thanks!");

  const char* outlook =
      "Thanks!\n\nFrom: IT\nSent: Monday\nTo: Kati\nSubject: FW: x\n\n"
      "---------- Forwarded message ---------\nold\n";
  EXPECT_EQ(StripReply(outlook), "Thanks!");
}

TEST(StripReply, OutlookForwardIsKeptWhenTheSubjectSaysSo) {
  const char* mail =
      "Please see below.\n\n"
      "________________________________\n"
      "From: Vendor <sales@vendor.example>\n"
      "Sent: Monday, November 23, 2026 10:00\n"
      "To: Kati Tamm\n"
      "Subject: Licence renewal\n\n"
      "Your licence expires.\n";
  EXPECT_EQ(StripReply(mail, "FW: Licence renewal"), std::string(mail).substr(0, strlen(mail) - 1));
  EXPECT_EQ(StripReply(mail, "RE: FW: Licence renewal"), "Please see below.");
  EXPECT_EQ(StripReply(mail), "Please see below.");
}

TEST(StripReply, NeverEmptyWhenThereIsUnquotedContent) {
  // A bare Outlook forward without a comment and without a FW: subject.
  const char* mail = "From: Vendor <x@v.example>\nSent: Monday\nTo: Kati\nSubject: Offer\n\nText\n";
  EXPECT_EQ(StripReply(mail), "From: Vendor <x@v.example>\nSent: Monday\nTo: Kati\nSubject: Offer\n\nText");
  EXPECT_EQ(StripReply("-- \nMaria Kask\n"), "-- \nMaria Kask");
  EXPECT_EQ(StripReply("-----Original Message-----\nold\n"), "-----Original Message-----\nold");
}

TEST(StripReply, TechnicianReplyWithCommandsKeepsThem) {
  const char* mail =
      "#status resolved\r\n\r\n#internal\r\n\r\nReplaced the fuser.\r\n\r\n"
      "From: Kati Tamm <kati@firma.ee>\r\nSent: Monday\r\nTo: IT\r\nSubject: x\r\n";
  EXPECT_EQ(StripReply(mail), "#status resolved\n\n#internal\n\nReplaced the fuser.");
}

TEST(StripReply, BlankRunsLeftByRemovedQuotesCollapse) {
  EXPECT_EQ(StripReply("a\n\n> q\n\nb\n\n\n> q2\n> q3\n\n\nc\n"), "a\n\nb\n\nc");
}

TEST(StripReply, CrlfAndNbspLines) {
  // Blank lines (NBSP only, too) come out empty.
  EXPECT_EQ(StripReply("Tere\r\n\xC2\xA0\r\nKati\r\n\r\n> old\r\n"), "Tere\n\nKati");
}

// Sign-off blocks: the closing line and the name/title/phone lines under it
// are signature, in each language.
TEST(StripReply, SignOffBlocksInFourLanguages) {
  const char* closings[] = {"Best regards,", "Kind regards", "Lugupidamisega", "Parimate soovidega,",
                            "С уважением,", "Всего доброго!", "Cu stimă,", "Cu stima,", "Cu respect,"};
  for (const char* c : closings) {
    const std::string mail = std::string("Hello,\n\nThe printer is broken.\n\n") + c +
                             "\nKati Tamm\nRaamatupidamine\ntel +372 555 0101\n\n> old text\n";
    EXPECT_EQ(StripReply(mail), "Hello,\n\nThe printer is broken.") << c;
  }
}

TEST(StripReply, ThanksIsASignOffOnlyWithANameUnderIt) {
  EXPECT_EQ(StripReply("Can you reset my password?\n\nThanks,\nPeter\n"), "Can you reset my password?");
  EXPECT_EQ(StripReply("Parool ei tööta.\n\nAitäh!\nKati\n"), "Parool ei tööta.");
  EXPECT_EQ(StripReply("Nu merge.\n\nMulțumesc,\nAna\n"), "Nu merge.");
  EXPECT_EQ(StripReply("Не работает.\n\nСпасибо,\nИван\n"), "Не работает.");
  // Ending the text, a thanks is what the writer says.
  EXPECT_EQ(StripReply("It works now.\n\nThanks!\n"), "It works now.\n\nThanks!");
  EXPECT_EQ(StripReply("Всё работает. Спасибо!\n"), "Всё работает. Спасибо!");
}

TEST(StripReply, SignOffNeedsTextAboveAndShortLinesBelow) {
  // Nothing above: the block is the mail; kept.
  EXPECT_EQ(StripReply("Best regards,\nPeter\n"), "Best regards,\nPeter");
  // Long lines or a question under it: not a signature.
  const std::string long_line =
      "Hello,\n\nRegards\nthe printer on the third floor still prints grey stripes on every page since Monday\n";
  EXPECT_EQ(StripReply(long_line), long_line.substr(0, long_line.size() - 1));
  EXPECT_EQ(StripReply("Hello,\n\nThanks,\nbut can you come today?\n"),
            "Hello,\n\nThanks,\nbut can you come today?");
  EXPECT_EQ(StripReply("Hi,\n\nThank you!\nEverything works now.\n"),
            "Hi,\n\nThank you!\nEverything works now.");
  // A name or a company ending in a dot is still a signature line.
  EXPECT_EQ(StripReply("Hi,\n\nRegards,\nPeter Brown\nClients Ltd.\n"), "Hi,");
  // More than six lines under it: text, not a signature block.
  EXPECT_EQ(StripReply("Hi\n\nRegards\n1\n2\n3\n4\n5\n6\n7\n"), "Hi\n\nRegards\n1\n2\n3\n4\n5\n6\n7");
}

TEST(StripReply, SignOffBeforeAnOutlookForwardIsDropped) {
  const std::string mail =
      "Please check this.\n\nThanks,\nPeter\n\nFrom: Vendor <v@vendor.example>\n"
      "Sent: Monday, November 16, 2026 8:02 AM\nTo: Peter <p@x.example>\nSubject: Licence\n\nBody\n";
  EXPECT_EQ(StripReply(mail, "FW: Licence"),
            "Please check this.\n\nFrom: Vendor <v@vendor.example>\n"
            "Sent: Monday, November 16, 2026 8:02 AM\nTo: Peter <p@x.example>\nSubject: Licence\n\nBody");
}

TEST(StripReply, WindowsMailTrailers) {
  EXPECT_EQ(StripReply("Arvuti ei toota.\n\nSaadetud Windowsi rakendusest Meil\n"), "Arvuti ei toota.");
  EXPECT_EQ(StripReply("Broken.\n\nSent from Mail for Windows\n"), "Broken.");
  EXPECT_EQ(StripReply("Не работает.\n\nОтправлено из приложения Почта для Windows\n"), "Не работает.");
}

TEST(StripReply, LotusNotesRomanianDataLabel) {
  const std::string mail =
      "Monitorul nu merge.\n\n\n\nDe la:\t\"IT Support\" <support@itdesk.example>\n"
      "Către:\telena@clients.example\nDată:\t16.11.2026 17:10\nSubiect:\t[Ticket#1062] Monitor\n\n"
      "Bună ziua,\n";
  EXPECT_EQ(StripReply(mail), "Monitorul nu merge.");
}

// Apple Mail's plain text quotes what follows an unquoted "Begin forwarded
// message:"; the forward is kept without those marks.
TEST(StripReply, AppleForwardQuotedUnderAnUnquotedMarkerIsUnquoted) {
  const std::string mail =
      "Is this genuine?\n\nBegin forwarded message:\n\n> From: Bank <b@bank.example>\n"
      "> Subject: Suspended\n>\n> Verify your account.\n> > older quote\n";
  EXPECT_EQ(StripReply(mail, "Fwd: Suspended"),
            "Is this genuine?\n\nBegin forwarded message:\n\nFrom: Bank <b@bank.example>\n"
            "Subject: Suspended\n\nVerify your account.\n> older quote");
}

// Outlook Express ends its separator with a space; under format=flowed the
// From: line is joined to it.
TEST(StripReply, OriginalMessageJoinedWithItsFromLine) {
  EXPECT_EQ(StripReply("Nu merge.\n\n----- Original Message ----- From: \"IT\" <it@x.example>\n"
                       "To: <a@y.example>\nSent: Monday, November 16, 2026 5:10 PM\nSubject: Monitor\n\nold\n"),
            "Nu merge.");
}

TEST(StripReply, TheBatAttributions) {
  for (const char* a : {"You wrote on 16.11.2026, 17:10:", "Вы писали 16.11.2026, 17:10:"}) {
    EXPECT_EQ(StripReply(std::string("Hello,\n\n") + a + "\n\n> old\n\nNew text.\n"), "Hello,\n\nNew text.") << a;
  }
}

TEST(StripReply, SignOffWithTheNameOnItsLineOrInTwoLanguages) {
  EXPECT_EQ(StripReply("Printer ei tööta.\n\nLugupidamisega / Best regards\nKati Tamm\n"), "Printer ei tööta.");
  EXPECT_EQ(StripReply("Не печатает.\n\nС уважением, Иван Петров\nбухгалтерия\n"), "Не печатает.");
  EXPECT_EQ(StripReply("It works.\n\nThanks, Peter\n"), "It works.");
  EXPECT_EQ(StripReply("Merge.\n\nMulțumesc, Ana\n"), "Merge.");
  // Not a name after the comma: the writer's text.
  EXPECT_EQ(StripReply("Hi,\n\nThanks, it works now\n"), "Hi,\n\nThanks, it works now");
  EXPECT_EQ(StripReply("Hi,\n\nThanks, Windows 11 works\n"), "Hi,\n\nThanks, Windows 11 works");
}

TEST(StripReply, DisclaimersAtTheEndAreDropped) {
  EXPECT_EQ(StripReply("Tere,\n\nPrinter ei tööta.\n\nLugupidamisega\nKati Tamm\n\n"
                       "Käesolev e-kiri ja selle manused on konfidentsiaalsed ja mõeldud ainult adressaadile.\n"
                       "\n> old\n"),
            "Tere,\n\nPrinter ei tööta.");
  EXPECT_EQ(StripReply("Nu merge.\n\nAcest mesaj este confidenţial. Dacă l-aţi primit din greşeală, "
                       "vă rugăm să îl ştergeţi.\n"),
            "Nu merge.");
  EXPECT_EQ(StripReply("Не работает.\n\nДанное сообщение и вложения конфиденциальны и предназначены "
                       "только для адресата.\n"),
            "Не работает.");
  // The writer's own text that mentions confidentiality stays.
  EXPECT_EQ(StripReply("Please send me the confidential salary file for the board meeting today.\n"),
            "Please send me the confidential salary file for the board meeting today.");
}

TEST(StripReply, SignatureUnderARuleLine) {
  EXPECT_EQ(StripReply("Hi\n\nBroken.\n\n__________\nKati Tamm\nTel 555 0101\n"), "Hi\n\nBroken.");
  EXPECT_EQ(StripReply("Не работает.\n\n---\nИван Петров\n"), "Не работает.");
  // A rule with text of several sentences under it is not a signature.
  EXPECT_EQ(StripReply("Hi\n\n-----\nThe printer is broken. It shows an error. Please help.\n"),
            "Hi\n\n-----\nThe printer is broken. It shows an error. Please help.");
}

TEST(StripReply, NotesWroteSeparatorAndRussianVerbInTheMiddle) {
  EXPECT_EQ(StripReply("Не работает.\n\n-----\"IT Support\" <support@itdesk.example> wrote: -----\n"
                       "To: ivan@x.example\nFrom: \"IT Support\" <support@itdesk.example>\n"
                       "Date: 16.11.2026 17:10\nSubject: [Ticket#1] Y\n\nold\n"),
            "Не работает.");
  EXPECT_EQ(StripReply("Не работает.\n\nIT Support писал(а) 16.11.2026 17:10:\n> старое\n"), "Не работает.");
  // A dashed line naming no address is no separator.
  EXPECT_EQ(StripReply("a\n----- she wrote: -----\nb\n"), "a\n----- she wrote: -----\nb");
}

}  // namespace
}  // namespace deskd
