#include "parsers/bounce.h"

#include <gtest/gtest.h>

#include <string>

namespace deskd {
namespace {

// --- RFC 3464 message/delivery-status bodies -------------------------------

TEST(ParseDeliveryStatus, Postfix) {
  const char* dsn = R"dsn(Reporting-MTA: dns; mail.firma.ee
X-Postfix-Queue-ID: 4TvB7Q3xYzz9s
X-Postfix-Sender: rfc822; support@firma.ee
Arrival-Date: Tue, 12 Mar 2024 10:00:00 +0200 (EET)

Final-Recipient: rfc822; kati.tamm@example.ee
Original-Recipient: rfc822;kati.tamm@example.ee
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.ee
Diagnostic-Code: smtp; 550 5.1.1 <kati.tamm@example.ee>: Recipient address
    rejected: User unknown in virtual mailbox table
)dsn";
  std::optional<BounceInfo> info = ParseDeliveryStatus(dsn);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->recipient, "kati.tamm@example.ee");
  EXPECT_EQ(info->status, "5.1.1");
  EXPECT_FALSE(info->original_message_id.has_value());
}

TEST(ParseDeliveryStatus, ExchangeWithCrLfAndMixedCase) {
  const char* dsn =
      "Reporting-MTA: dns;EXCH01.example.ee\r\n"
      "Received-From-MTA: dns;mail.firma.ee\r\n"
      "Arrival-Date: Tue, 12 Mar 2024 08:00:00 +0000\r\n"
      "\r\n"
      "Original-Recipient: rfc822;Mari.Maasikas@Example.ee\r\n"
      "Final-Recipient: rfc822;Mari.Maasikas@Example.ee\r\n"
      "Action: failed\r\n"
      "Status: 5.1.10\r\n"
      "Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by "
      "SMTP address lookup\r\n"
      "X-Display-Name: Mari Maasikas\r\n";
  std::optional<BounceInfo> info = ParseDeliveryStatus(dsn);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->recipient, "mari.maasikas@example.ee");
  EXPECT_EQ(info->status, "5.1.10");
}

TEST(ParseDeliveryStatus, GmailGivesTheOriginalMessageId) {
  const char* dsn = R"dsn(Reporting-MTA: dns; googlemail.com
Received-From-MTA: dns; support@firma.ee
Arrival-Date: Tue, 12 Mar 2024 01:02:03 -0700 (PDT)
X-Original-Message-ID: <ticket-1045.1710234123@firma.ee>

Final-Recipient: rfc822; olga.smirnova@gmail.com
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; The email account that you tried to reach does not exist.
Last-Attempt-Date: Tue, 12 Mar 2024 01:02:04 -0700 (PDT)
)dsn";
  std::optional<BounceInfo> info = ParseDeliveryStatus(dsn);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->recipient, "olga.smirnova@gmail.com");
  EXPECT_EQ(info->status, "5.1.1");
  EXPECT_EQ(info->original_message_id, "<ticket-1045.1710234123@firma.ee>");
}

TEST(ParseDeliveryStatus, FailedRecipientWinsOverDeliveredOne) {
  const char* dsn = R"dsn(Reporting-MTA: dns; mail.firma.ee

Final-Recipient: rfc822; ana@example.ro
Action: relayed
Status: 2.0.0

Final-Recipient: rfc822; ion@example.ro
Action: delayed
Status: 4.4.1
Will-Retry-Until: Fri, 15 Mar 2024 10:00:00 +0200

Final-Recipient: rfc822; maria@example.ro
Action: failed
Status: 5.2.2 (mailbox full)
)dsn";
  std::optional<BounceInfo> info = ParseDeliveryStatus(dsn);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->recipient, "maria@example.ro");
  EXPECT_EQ(info->status, "5.2.2");
}

TEST(ParseDeliveryStatus, DelayedIsReported) {
  const char* dsn = R"dsn(Reporting-MTA: dns; mail.firma.ee
X-Postfix-Queue-ID: 4TvB7Q3xYzz9s

Final-Recipient: rfc822; ivan@example.ru
Action: delayed
Status: 4.4.1
Diagnostic-Code: X-Postfix; connect to mx.example.ru[198.51.100.7]:25: Connection
    timed out
Will-Retry-Until: Fri, 15 Mar 2024 10:00:00 +0200 (EET)
)dsn";
  std::optional<BounceInfo> info = ParseDeliveryStatus(dsn);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->recipient, "ivan@example.ru");
  EXPECT_EQ(info->status, "4.4.1");
}

TEST(ParseDeliveryStatus, FieldNamesCaseFoldedValuesContinuedAndBracketed) {
  const char* dsn =
      "reporting-mta: dns; mx.example.com\n"
      "\n"
      "FINAL-RECIPIENT:\n"
      "  RFC822; <Ion.Popescu@Example.RO>\n"
      "ACTION: Failed\n"
      "STATUS:\n"
      "\t5.7.1\n";
  std::optional<BounceInfo> info = ParseDeliveryStatus(dsn);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->recipient, "ion.popescu@example.ro");
  EXPECT_EQ(info->status, "5.7.1");
}

TEST(ParseDeliveryStatus, StatusFromDiagnosticWhenStatusIsMissing) {
  std::optional<BounceInfo> info = ParseDeliveryStatus(
      "Final-Recipient: rfc822; a@example.org\nAction: failed\n"
      "Diagnostic-Code: smtp; 552 Requested mail action aborted: exceeded storage\n");
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->status, "5.0.0");
  info = ParseDeliveryStatus(
      "Original-Recipient: rfc822; b@example.org\nAction: failed\n"
      "Diagnostic-Code: smtp; 550-5.1.1 The email account does not exist\n");
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->recipient, "b@example.org");
  EXPECT_EQ(info->status, "5.1.1");
}

TEST(ParseDeliveryStatus, NoRecipientGivesNothing) {
  EXPECT_FALSE(ParseDeliveryStatus("").has_value());
  EXPECT_FALSE(ParseDeliveryStatus("Reporting-MTA: dns; mail.firma.ee\n\nAction: failed\n"
                                   "Status: 5.1.1\n")
                   .has_value());
  EXPECT_FALSE(ParseDeliveryStatus("Final-Recipient: rfc822;\nAction: failed\n").has_value());
}

// --- Returned headers ---------------------------------------------------

TEST(ReturnedMessageId, FromRfc822Headers) {
  const char* headers =
      "Return-Path: <support@firma.ee>\r\n"
      "Received: from mail.firma.ee by mx.example.ee; Tue, 12 Mar 2024 10:00:00 +0200\r\n"
      "In-Reply-To: <CAF=abc@mail.gmail.com>\r\n"
      "X-Original-Message-ID: <wrong@firma.ee>\r\n"
      "Message-ID: <ticket-1042.1710230400.7f3a@firma.ee>\r\n"
      "Subject: [Ticket#1042] Printer\r\n";
  EXPECT_EQ(ReturnedMessageId(headers), "<ticket-1042.1710230400.7f3a@firma.ee>");
}

TEST(ReturnedMessageId, FoldedLowerCaseAndBare) {
  EXPECT_EQ(ReturnedMessageId("From: a@b.ee\nmessage-id:\n <x.1@firma.ee>\nTo: c@d.ee\n"),
            "<x.1@firma.ee>");
  EXPECT_EQ(ReturnedMessageId("Message-Id: x.2@firma.ee\n"), "<x.2@firma.ee>");
  EXPECT_FALSE(ReturnedMessageId("From: a@b.ee\nSubject: no id\n").has_value());
  EXPECT_FALSE(ReturnedMessageId("").has_value());
}

// --- Plain-text bounces -------------------------------------------------

TEST(ParsePlainBounce, Postfix) {
  const char* text = R"bounce(This is the mail system at host mail.firma.ee.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

<kati.tamm@example.ee>: host mx.example.ee[192.0.2.25] said: 550 5.1.1
    <kati.tamm@example.ee>: Recipient address rejected: User unknown in virtual
    mailbox table (in reply to RCPT TO command)
)bounce";
  std::optional<BounceInfo> info = ParsePlainBounce(text);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->recipient, "kati.tamm@example.ee");
  EXPECT_EQ(info->status, "5.1.1");
  EXPECT_FALSE(info->original_message_id.has_value());
}

TEST(ParsePlainBounce, EximWithReturnedCopy) {
  const char* text = R"bounce(This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  ivan.petrov@example.ru
    host mx.example.ru [198.51.100.7]
    SMTP error from remote mail server after RCPT TO:<ivan.petrov@example.ru>:
    550 5.7.1 Mailbox unavailable

------ This is a copy of the message, including all the headers. ------

Return-path: <support@firma.ee>
Received: from support by mail.firma.ee with local (Exim 4.96)
Message-Id: <E1rk9Zx-0004Tq-2b@mail.firma.ee>
From: IT Support <support@firma.ee>
To: ivan.petrov@example.ru
Subject: [Ticket#1042] Принтер

Здравствуйте!
)bounce";
  std::optional<BounceInfo> info = ParsePlainBounce(text);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->recipient, "ivan.petrov@example.ru");
  EXPECT_EQ(info->status, "5.7.1");
  EXPECT_EQ(info->original_message_id, "<E1rk9Zx-0004Tq-2b@mail.firma.ee>");
}

TEST(ParsePlainBounce, Qmail) {
  const char* text = R"bounce(Hi. This is the qmail-send program at mx.example.com.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<ana.pop@example.ro>:
198.51.100.9 does not like recipient.
Remote host said: 550 5.1.1 <ana.pop@example.ro>... User unknown
Giving up on 198.51.100.9.

--- Below this line is a copy of the message.

Return-Path: <support@firma.ee>
Received: (qmail 12345 invoked from network); 12 Mar 2024 10:00:00 -0000
Message-ID: <20240312100000.ab12@firma.ee>
From: IT Support <support@firma.ee>
To: ana.pop@example.ro
Subject: [Ticket#1043] Imprimanta
)bounce";
  std::optional<BounceInfo> info = ParsePlainBounce(text);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->recipient, "ana.pop@example.ro");
  EXPECT_EQ(info->status, "5.1.1");
  EXPECT_EQ(info->original_message_id, "<20240312100000.ab12@firma.ee>");
}

TEST(ParsePlainBounce, ExchangeNdr) {
  const char* text = R"bounce(Delivery has failed to these recipients or groups:

Mari Maasikas (mari.maasikas@example.ee)<mailto:mari.maasikas@example.ee>
The email address you entered couldn't be found. Please check the recipient's email address and try to send the message again. If the problem continues, please contact your helpdesk.






Diagnostic information for administrators:

Generating server: EXCH01.example.ee

mari.maasikas@example.ee
Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'

Original message headers:

Received: from mail.firma.ee (192.0.2.10) by EXCH01.example.ee
Message-ID: <ticket-1044.1710237600@firma.ee>
Subject: [Ticket#1044] Arve
)bounce";
  std::optional<BounceInfo> info = ParsePlainBounce(text);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->recipient, "mari.maasikas@example.ee");
  EXPECT_EQ(info->status, "5.1.10");
  EXPECT_EQ(info->original_message_id, "<ticket-1044.1710237600@firma.ee>");
}

// No code in the text: the words say the address does not exist.
TEST(ParsePlainBounce, GmailAddressNotFound) {
  const char* text = R"bounce(
** Address not found **

Your message wasn't delivered to olga.smirnova@gmail.com because the address couldn't be found, or is unable to receive mail.

Learn more here: https://support.google.com/mail/?p=NoSuchUser

The response was:

The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser a1-20020a05600c000000b0041234567890si123456wma.12 - gsmtp
)bounce";
  std::optional<BounceInfo> info = ParsePlainBounce(text);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->recipient, "olga.smirnova@gmail.com");
  EXPECT_EQ(info->status, "5.1.1");
  EXPECT_FALSE(info->original_message_id.has_value());
}

TEST(ParsePlainBounce, GmailMessageNotDelivered) {
  const char* text = R"bounce(** Message not delivered **

Your message couldn't be delivered to kati@example.ee because the remote server is misconfigured. See technical details below for more information.

The response from the remote server was:
550 5.7.26 This mail has been blocked because the sender is unauthenticated.
)bounce";
  std::optional<BounceInfo> info = ParsePlainBounce(text);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->recipient, "kati@example.ee");
  EXPECT_EQ(info->status, "5.7.26");
  EXPECT_FALSE(info->original_message_id.has_value());
}

TEST(ParsePlainBounce, GmailDelayIsTemporary) {
  const char* text = R"bounce(** Delivery incomplete **

There was a temporary problem delivering your message to kati@example.ee. Gmail will retry for 46 more hours. You'll be notified if the delivery fails permanently.

The response was:

The recipient server did not accept our requests to connect. Learn more at https://support.google.com/mail/answer/7720 [mx.example.ee. 192.0.2.25: timed out]
)bounce";
  std::optional<BounceInfo> info = ParsePlainBounce(text);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->recipient, "kati@example.ee");
  EXPECT_EQ(info->status, "4.0.0");
  EXPECT_FALSE(info->original_message_id.has_value());
}

TEST(ParsePlainBounce, PostfixExpandedAliasAndDelay) {
  const char* text = R"bounce(This is the mail system at host mail.firma.ee.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

Your message could not be delivered for more than 4 hour(s).
It will be retried until it is 5 day(s) old.

                   The mail system

<it-tugi@example.ee> (expanded from <tugi@example.ee>): connect to
    mx.example.ee[192.0.2.25]:25: Connection timed out
)bounce";
  std::optional<BounceInfo> info = ParsePlainBounce(text);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->recipient, "it-tugi@example.ee");
  EXPECT_EQ(info->status, "4.0.0");
}

TEST(ParsePlainBounce, Office365) {
  const char* text = R"bounce(Your message to Ivan.Petrov@example.ru couldn't be delivered.
Ivan.Petrov wasn't found at example.ru.

Ivan.Petrov    Office 365    example.ru
Action Required                                   Recipient
Unknown To address

How to Fix It
The address may be misspelled or may not exist.

Diagnostic information for administrators

Generating server: AM0PR01MB1234.eurprd01.prod.exchangelabs.com

Ivan.Petrov@example.ru
Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'
)bounce";
  std::optional<BounceInfo> info = ParsePlainBounce(text);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->recipient, "ivan.petrov@example.ru");
  EXPECT_EQ(info->status, "5.1.10");
}

TEST(ParsePlainBounce, ExchangeInRussian) {
  const char* text = R"bounce(Не удалось доставить сообщение следующим получателям или группам:

Иван Петров (ivan.petrov@example.ru)
Адрес электронной почты, который вы ввели, не найден. Проверьте адрес электронной почты получателя и попробуйте отправить сообщение еще раз.

Диагностические сведения для администраторов:

Создающий сервер: EXCH02.example.ru

ivan.petrov@example.ru
Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'

Заголовки исходного сообщения:

Message-ID: <ticket-1050@firma.ee>
)bounce";
  std::optional<BounceInfo> info = ParsePlainBounce(text);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->recipient, "ivan.petrov@example.ru");
  EXPECT_EQ(info->status, "5.1.1");
  EXPECT_EQ(info->original_message_id, "<ticket-1050@firma.ee>");
}

TEST(ParsePlainBounce, UnknownWordingFallsBackToCodeNextToAddress) {
  // An Estonian-language report from a server we have no marker for: the
  // code and the address on the line above it are enough.
  const char* text = R"bounce(Teie kirja ei õnnestunud kohale toimetada.

Adressaat: kati.tamm@example.ee
Serveri vastus: 550 5.2.2 Postkast on täis (mailbox full)

Lugupidamisega
postmaster@example.ee
)bounce";
  std::optional<BounceInfo> info = ParsePlainBounce(text);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->recipient, "kati.tamm@example.ee");
  EXPECT_EQ(info->status, "5.2.2");
}

TEST(ParsePlainBounce, XFailedRecipientsLine) {
  std::optional<BounceInfo> info = ParsePlainBounce(
      "X-Failed-Recipients: Ana.Pop@Example.ro\n\nMail delivery failed: returning message "
      "to sender\n");
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->recipient, "ana.pop@example.ro");
  EXPECT_EQ(info->status, "5.0.0");
}

TEST(ParsePlainBounce, AddressesInTheReturnedCopyAreNotTaken) {
  const char* text = R"bounce(This message was created automatically by mail delivery software.

Delivery failed for reasons that could not be determined.

------ This is a copy of the message, including all the headers. ------

From: IT Support <support@firma.ee>
To: kati@example.ee
Message-ID: <ticket-1051@firma.ee>

Error 550 5.1.1 in our own previous answer to kati@example.ee
)bounce";
  EXPECT_FALSE(ParsePlainBounce(text).has_value());
}

TEST(ParsePlainBounce, HumanMailAndOutOfOfficeGiveNothing) {
  EXPECT_FALSE(ParsePlainBounce("").has_value());
  EXPECT_FALSE(ParsePlainBounce("Tere!\n\nOlen puhkusel kuni 15.03.2024. Kiireloomuliste "
                                "küsimustega pöörduge palun kati@firma.ee poole.\n\nMari\n")
                   .has_value());
  EXPECT_FALSE(ParsePlainBounce("Здравствуйте! Версия 5.1.1 программы установлена.\n").has_value());
}

}  // namespace
}  // namespace deskd
