#include "parsers/ticket_ref.h"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

namespace deskd {
namespace {

TEST(TicketTag, FindsTheTagInItsForms) {
  EXPECT_EQ(FindTicketTag("Re: [Ticket#1042] Printer on 3rd floor", "Ticket"), 1042);
  EXPECT_EQ(FindTicketTag("[Ticket #1042] Printer", "Ticket"), 1042);
  EXPECT_EQ(FindTicketTag("RE: [ticket#7]", "Ticket"), 7);
  EXPECT_EQ(FindTicketTag("AW: [ Ticket # 1042 ] x", "Ticket"), 1042);
  EXPECT_EQ(FindTicketTag("Vs: printer [TICKET#99]", "Ticket"), 99);
  EXPECT_EQ(FindTicketTag("[Ticket\xC2\xA0#1042] nbsp", "Ticket"), 1042);
  EXPECT_EQ(FindTicketTag("[IT-Abi#15] Arvuti", "IT-Abi"), 15);
}

TEST(TicketTag, OtherPrefixesAndJunkDoNotMatch) {
  EXPECT_EQ(FindTicketTag("Re: [Otrs#1042] Printer", "Ticket"), std::nullopt);
  EXPECT_EQ(FindTicketTag("[MyTicket#1042]", "Ticket"), std::nullopt);
  EXPECT_EQ(FindTicketTag("[Ticketing#1042]", "Ticket"), std::nullopt);
  EXPECT_EQ(FindTicketTag("[Ticket#10x]", "Ticket"), std::nullopt);
  EXPECT_EQ(FindTicketTag("[Ticket#]", "Ticket"), std::nullopt);
  EXPECT_EQ(FindTicketTag("[Ticket#1042", "Ticket"), std::nullopt);
  EXPECT_EQ(FindTicketTag("Ticket#1042", "Ticket"), std::nullopt);
  EXPECT_EQ(FindTicketTag("[Ticket#0]", "Ticket"), std::nullopt);
  EXPECT_EQ(FindTicketTag("[Ticket#12345678901234567890]", "Ticket"), std::nullopt);
  EXPECT_EQ(FindTicketTag("", "Ticket"), std::nullopt);
}

TEST(TicketTag, FirstValidTagWins) {
  EXPECT_EQ(FindTicketTag("[Otrs#1] [Ticket#10x] [Ticket#1038] [Ticket#1040]", "Ticket"), 1038);
  EXPECT_EQ(FindTicketTag("[[Ticket#5]]", "Ticket"), 5);
}

TEST(ReplyToken, FindsThePlusAddressOfTheDesk) {
  std::vector<MailAddress> to = {{"maria@itdesk.example", std::nullopt},
                                 {"support+1042.7.k3v9x2m4q8c1d5f0@itdesk.example", "IT"}};
  EXPECT_EQ(FindReplyToken(to, "support@itdesk.example"), "1042.7.k3v9x2m4q8c1d5f0");
  EXPECT_EQ(FindReplyToken(to, "Support@ITDESK.example"), "1042.7.k3v9x2m4q8c1d5f0");
}

TEST(ReplyToken, IgnoresOtherAddresses) {
  std::vector<MailAddress> to = {{"support@itdesk.example", std::nullopt},
                                 {"support+abc@other.example", std::nullopt},
                                 {"helpsupport+abc@itdesk.example", std::nullopt},
                                 {"support+@itdesk.example", std::nullopt},
                                 {"supporter+abc@itdesk.example", std::nullopt}};
  EXPECT_EQ(FindReplyToken(to, "support@itdesk.example"), std::nullopt);
  EXPECT_EQ(FindReplyToken({}, "support@itdesk.example"), std::nullopt);
  EXPECT_EQ(FindReplyToken({{"support+abc@itdesk.example", std::nullopt}}, "nonsense"),
            std::nullopt);
}

TEST(CleanSubject, StripsRepeatedPrefixesInManyLanguages) {
  EXPECT_EQ(CleanSubject("Re: Printer"), "Printer");
  EXPECT_EQ(CleanSubject("RE: RE: Fwd: FW: Printer"), "Printer");
  EXPECT_EQ(CleanSubject("  AW: WG: Drucker  "), "Drucker");
  EXPECT_EQ(CleanSubject("Vs: Vast: Edasi: Arvuti ei tööta"), "Arvuti ei tööta");
  EXPECT_EQ(CleanSubject("Отв: Ответ: Пересл: Не работает принтер"), "Не работает принтер");
  EXPECT_EQ(CleanSubject("ОТВ: принтер"), "принтер");
  EXPECT_EQ(CleanSubject("Fwd[2]: Re[3]: Re(2): Re^2: VPN"), "VPN");
  EXPECT_EQ(CleanSubject("R: TR: SV: RE : Imprimanta"), "Imprimanta");
  EXPECT_EQ(CleanSubject("Re: [Ticket#1042] Printer"), "[Ticket#1042] Printer");
  EXPECT_EQ(CleanSubject("Re:Re:x"), "x");
  EXPECT_EQ(CleanSubject("Re:"), "");
  EXPECT_EQ(CleanSubject(""), "");
}

TEST(CleanSubject, LeavesOrdinaryWordsAlone) {
  EXPECT_EQ(CleanSubject("Reset: password"), "Reset: password");
  EXPECT_EQ(CleanSubject("Remote desktop"), "Remote desktop");
  EXPECT_EQ(CleanSubject("Re Printer"), "Re Printer");
  EXPECT_EQ(CleanSubject("Vastused küsimustele"), "Vastused küsimustele");
  EXPECT_EQ(CleanSubject("Re[x]: a"), "Re[x]: a");
  EXPECT_EQ(CleanSubject("Printer: Re: toner"), "Printer: Re: toner");
}

}  // namespace
}  // namespace deskd
