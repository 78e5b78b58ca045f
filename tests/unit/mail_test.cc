#include "parsers/mail.h"

#include <gtest/gtest.h>

namespace deskd {
namespace {

// "\n" to "\r\n": raw mail as it comes over the wire.
std::string Crlf(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

ParseOptions Options() {
  ParseOptions o;
  o.ticket_prefix = "Ticket";
  o.desk_address = "support@itdesk.example";
  o.message_id_domain = "itdesk.example";
  o.default_language = "en";
  return o;
}

bool HasProblem(const ParsedMail& m, std::string_view piece) {
  for (const auto& p : m.problems) {
    if (p.find(piece) != std::string::npos) return true;
  }
  return false;
}

std::string AllProblems(const ParsedMail& m) {
  std::string s;
  for (const auto& p : m.problems) s += p + "; ";
  return s;
}

// Outlook 2016, Russian, multipart/alternative in windows-1251
// quoted-printable, with an HTML version and a logo in multipart/related.
TEST(ParseMail, OutlookWindows1251Alternative) {
  const std::string raw = Crlf(
      "Received: from mail.client.example (mail.client.example [192.0.2.7])\n"
      "\tby mx.itdesk.example (Postfix) with ESMTPS id 4ZCY\n"
      "\tfor <support@itdesk.example>; Mon, 23 Nov 2026 10:58:02 +0300 (MSK)\n"
      "From: =?windows-1251?B?yOLg7SDP5fLw7uI=?= <Ivan.Petrov@Client.example>\n"
      "To: \"support@itdesk.example\" <support@itdesk.example>\n"
      "CC: Tamm, Anna <anna@client.example>\n"
      "Subject: =?windows-1251?B?z/Do7fLl8CDt5SDv5ffg8uDl8g==?=\n"
      "Thread-Topic: =?windows-1251?B?z/Do7fLl8CDt5SDv5ffg8uDl8g==?=\n"
      "Date: Mon, 23 Nov 2026 07:58:00 +0000\n"
      "Message-ID: <AM0PR01MB1234ABCD@AM0PR01MB1234.eurprd01.prod.outlook.com>\n"
      "Accept-Language: ru-RU, en-US\n"
      "Content-Language: ru-RU\n"
      "Content-Type: multipart/related;\n"
      "\tboundary=\"_004_AM0PR01MB1234_\";\n"
      "\ttype=\"multipart/alternative\"\n"
      "MIME-Version: 1.0\n"
      "\n"
      "--_004_AM0PR01MB1234_\n"
      "Content-Type: multipart/alternative;\n"
      "\tboundary=\"_000_AM0PR01MB1234_\"\n"
      "\n"
      "--_000_AM0PR01MB1234_\n"
      "Content-Type: text/plain; charset=\"windows-1251\"\n"
      "Content-Transfer-Encoding: quoted-printable\n"
      "\n"
      "=C7=E4=F0=E0=E2=F1=F2=E2=F3=E9=F2=E5!\n"
      "\n"
      "=CD=E5 =F0=E0=E1=EE=F2=E0=E5=F2 =EF=F0=E8=ED=F2=E5=F0 =ED=E0 =F2=F0=E5=F2=\n"
      "=FC=E5=EC =FD=F2=E0=E6=E5, =E1=F3=EC=E0=E3=E0 =E7=E0=F1=F2=F0=E5=E2=E0=E5=\n"
      "=F2.\n"
      "\n"
      "--_000_AM0PR01MB1234_\n"
      "Content-Type: text/html; charset=\"windows-1251\"\n"
      "Content-Transfer-Encoding: quoted-printable\n"
      "\n"
      "<html><body><p>=C7=E4=F0=E0=E2=F1=F2=E2=F3=E9=F2=E5!</p><img src=3D\"cid:image001.png@01DC\"></body></html>\n"
      "\n"
      "--_000_AM0PR01MB1234_--\n"
      "\n"
      "--_004_AM0PR01MB1234_\n"
      "Content-Type: image/png; name=\"image001.png\"\n"
      "Content-Description: image001.png\n"
      "Content-Disposition: inline; filename=\"image001.png\"; size=48\n"
      "Content-ID: <image001.png@01DC>\n"
      "Content-Transfer-Encoding: base64\n"
      "\n"
      "iVBORw0KGgoAAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyAhIiMkJSYn\n"
      "\n"
      "--_004_AM0PR01MB1234_--\n");
  ParsedMail m = ParseMail(raw, Options());
  EXPECT_TRUE(m.problems.empty()) << AllProblems(m);
  EXPECT_EQ(m.subject, "Принтер не печатает");
  EXPECT_EQ(m.from.address, "ivan.petrov@client.example");
  EXPECT_EQ(m.from.name, "Иван Петров");
  ASSERT_EQ(m.to.size(), 1u);
  EXPECT_EQ(m.to[0].address, "support@itdesk.example");
  ASSERT_EQ(m.cc.size(), 1u);
  EXPECT_EQ(m.cc[0].name, "Tamm, Anna");
  EXPECT_EQ(m.message_id, "<AM0PR01MB1234ABCD@AM0PR01MB1234.eurprd01.prod.outlook.com>");
  EXPECT_EQ(m.date, "2026-11-23T07:58:00+00:00");
  EXPECT_EQ(m.date_unix, 1795420680);
  EXPECT_EQ(m.body_part, "text/plain");
  EXPECT_EQ(m.body_charset, "windows-1251");
  EXPECT_EQ(m.charset_detected, std::nullopt);
  EXPECT_EQ(m.text,
            "Здравствуйте!\n\nНе работает принтер на третьем этаже, бумага застревает.\n");
  EXPECT_EQ(m.new_text, "Здравствуйте!\n\nНе работает принтер на третьем этаже, бумага застревает.");
  EXPECT_EQ(m.language, "ru");
  EXPECT_EQ(m.classification, Classification::kHuman);
  ASSERT_EQ(m.attachments.size(), 1u);
  EXPECT_EQ(m.attachments[0].filename, "image001.png");
  EXPECT_EQ(m.attachments[0].content_type, "image/png");
  EXPECT_EQ(m.attachments[0].size, 48u);
  // All top-level headers, decoded, in order, names lower-case.
  ASSERT_EQ(m.headers.size(), 12u);
  EXPECT_EQ(m.headers[0].name, "received");
  EXPECT_EQ(m.headers[0].value.find("\r"), std::string::npos);
  EXPECT_EQ(m.Header("thread-topic"), "Принтер не печатает");
  EXPECT_EQ(m.Header("content-language"), "ru-RU");
}

// Gmail HTML-only (no text/plain at all), UTF-8 base64.
TEST(ParseMail, HtmlOnlyBecomesText) {
  const std::string raw = Crlf(
      "MIME-Version: 1.0\n"
      "Date: Tue, 24 Nov 2026 11:02:41 +0200\n"
      "Message-ID: <CAF=abc123@mail.gmail.com>\n"
      "Subject: Printer\n"
      "From: Mari Maasikas <mari.maasikas@gmail.com>\n"
      "To: support@itdesk.example\n"
      "Content-Type: text/html; charset=\"UTF-8\"\n"
      "Content-Transfer-Encoding: quoted-printable\n"
      "\n"
      "<div dir=3D\"ltr\"><div>Tere!</div><div><br></div><div>Printer ei t=C3=B6=C3=\n"
      "=B6ta, paber j=C3=A4=C3=A4b kinni.</div></div>\n");
  ParsedMail m = ParseMail(raw, Options());
  EXPECT_TRUE(m.problems.empty()) << AllProblems(m);
  EXPECT_EQ(m.body_part, "text/html");
  EXPECT_EQ(m.body_charset, "utf-8");
  EXPECT_NE(m.text.find("Printer ei tööta, paber jääb kinni."), std::string::npos) << m.text;
  EXPECT_EQ(m.text.find("<div"), std::string::npos);
  EXPECT_EQ(m.language, "et");
}

// multipart/alternative whose text/plain is empty (some web mailers):
// the HTML is the body and the empty plain part is no attachment.
TEST(ParseMail, EmptyPlainAlternativeFallsBackToHtml) {
  const std::string raw = Crlf(
      "From: a@client.example\n"
      "To: support@itdesk.example\n"
      "Subject: x\n"
      "Content-Type: multipart/alternative; boundary=\"alt\"\n"
      "\n"
      "--alt\n"
      "Content-Type: text/plain; charset=utf-8\n"
      "\n"
      "  \n"
      "--alt\n"
      "Content-Type: text/html; charset=utf-8\n"
      "\n"
      "<p>The VPN client says <b>error 809</b>.</p>\n"
      "--alt--\n");
  ParsedMail m = ParseMail(raw, Options());
  EXPECT_EQ(m.body_part, "text/html");
  EXPECT_NE(m.text.find("The VPN client says error 809."), std::string::npos) << m.text;
  EXPECT_TRUE(m.attachments.empty());
}

// Apple Mail: multipart/mixed with format=flowed delsp=yes text and a PDF
// whose name comes in RFC 2231 continuations; a second inline text part.
TEST(ParseMail, AppleMailFlowedWithAttachment) {
  const std::string raw = Crlf(
      "From: Jaan Lepp <jaan@client.example>\n"
      "Content-Type: multipart/mixed;\n"
      "\tboundary=\"Apple-Mail=_5E1C1C1B-6B7B-4F1B-9E55-3A1D0C0F3C1E\"\n"
      "Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3774.600.62\\))\n"
      "Subject: Arve\n"
      "Date: Wed, 25 Nov 2026 08:15:03 +0200\n"
      "Message-Id: <5E1C1C1B-6B7B-4F1B-9E55-3A1D0C0F3C1E@client.example>\n"
      "To: support@itdesk.example\n"
      "\n"
      "\n"
      "--Apple-Mail=_5E1C1C1B-6B7B-4F1B-9E55-3A1D0C0F3C1E\n"
      "Content-Transfer-Encoding: quoted-printable\n"
      "Content-Type: text/plain;\n"
      "\tcharset=utf-8;\n"
      "\tdelsp=yes;\n"
      "\tformat=flowed\n"
      "\n"
      "Tere! Saadan arve, mille printimine eba=C3=B5nnestub. Printer =20\n"
      "kirjutab, et fail on vigane.\n"
      "\n"
      "--Apple-Mail=_5E1C1C1B-6B7B-4F1B-9E55-3A1D0C0F3C1E\n"
      "Content-Disposition: inline;\n"
      "\tfilename*0*=utf-8''Arve%20nr%2012%20%E2%80%93%20P%C3%B5hja%20O%C3%9C%20;\n"
      "\tfilename*1*=november.pdf\n"
      "Content-Type: application/pdf;\n"
      "\tx-unix-mode=0644;\n"
      "\tname=\"=?utf-8?Q?Arve_nr_12_=E2=80=93_P=C3=B5hja_O=C3=9C_november=2Epdf?=\"\n"
      "Content-Transfer-Encoding: base64\n"
      "\n"
      "JVBERi0xLjQK\n"
      "--Apple-Mail=_5E1C1C1B-6B7B-4F1B-9E55-3A1D0C0F3C1E\n"
      "Content-Transfer-Encoding: 7bit\n"
      "Content-Type: text/plain;\n"
      "\tcharset=us-ascii\n"
      "\n"
      "\n"
      "Jaan\n"
      "--Apple-Mail=_5E1C1C1B-6B7B-4F1B-9E55-3A1D0C0F3C1E--\n");
  ParsedMail m = ParseMail(raw, Options());
  EXPECT_TRUE(m.problems.empty()) << AllProblems(m);
  EXPECT_EQ(m.message_id, "<5E1C1C1B-6B7B-4F1B-9E55-3A1D0C0F3C1E@client.example>");
  EXPECT_EQ(m.text,
            "Tere! Saadan arve, mille printimine ebaõnnestub. Printer kirjutab, et fail on "
            "vigane.\n");
  ASSERT_EQ(m.attachments.size(), 2u);
  EXPECT_EQ(m.attachments[0].filename, "Arve nr 12 – Põhja OÜ november.pdf");
  EXPECT_EQ(m.attachments[0].content_type, "application/pdf");
  EXPECT_EQ(m.attachments[0].size, 9u);
  // The rest of Apple Mail's split text is not the body: an attachment.
  EXPECT_EQ(m.attachments[1].content_type, "text/plain");
  EXPECT_EQ(m.attachments[1].filename, "");
  EXPECT_EQ(m.language, "et");
}

// Thunderbird: 8-bit iso-8859-13 Estonian, plus-address reply to the desk
// (token in To, Delivered-To), ticket tag, forwarded mail attached as
// message/rfc822, a bottom quote and a signature.
TEST(ParseMail, ThunderbirdIso885913ReplyWithForwardedMessage) {
  const std::string raw = Crlf(
      "Return-Path: <kati@client.example>\n"
      "Delivered-To: support+1042.7.hbbjxcvhg6mkua2n@itdesk.example\n"
      "Message-ID: <3f1c9a52-8d6e-4b7a-9f0e-1a2b3c4d5e6f@client.example>\n"
      "Date: Thu, 26 Nov 2026 14:03:11 +0200\n"
      "MIME-Version: 1.0\n"
      "User-Agent: Mozilla Thunderbird\n"
      "Subject: Re: [Ticket#1042] =?ISO-8859-13?Q?Printer_ei_t=F6=F6ta?=\n"
      "To: IT tugi <support+1042.7.hbbjxcvhg6mkua2n@itdesk.example>\n"
      "References: <deskd.1042.ack.0123456789abcdef@itdesk.example>\n"
      " <m1@client.example>\n"
      "In-Reply-To: <deskd.1042.ack.0123456789abcdef@itdesk.example>\n"
      "From: Kati Kask <kati@client.example>\n"
      "Content-Type: multipart/mixed; boundary=\"------------9sQ1mX0d\"\n"
      "\n"
      "This is a multi-part message in MIME format.\n"
      "--------------9sQ1mX0d\n"
      "Content-Type: text/plain; charset=ISO-8859-13; format=flowed\n"
      "Content-Transfer-Encoding: 8bit\n"
      "\n"
      "Saadan edasi kirja, mille sain. Printer ei t\xF6\xF6ta ikka, "
      "paber j\xE4\xE4" "b \n"
      "kinni.\n"
      "\n"
      "On 26.11.2026 10:00, IT tugi wrote:\n"
      "> Tere, saime teie p\xF6\xF6rdumise k\xE4tte.\n"
      "\n"
      "-- \n"
      "Kati Kask\n"
      "--------------9sQ1mX0d\n"
      "Content-Type: message/rfc822; name=\"Printer.eml\"\n"
      "Content-Disposition: attachment; filename=\"Printer.eml\"\n"
      "\n"
      "From: a@b.example\n"
      "Subject: Printer\n"
      "\n"
      "old\n"
      "--------------9sQ1mX0d--\n");
  ParsedMail m = ParseMail(raw, Options());
  EXPECT_TRUE(m.problems.empty()) << AllProblems(m);
  EXPECT_EQ(m.subject, "Re: [Ticket#1042] Printer ei tööta");
  EXPECT_EQ(m.ticket, 1042);
  EXPECT_EQ(m.reply_token, "1042.7.hbbjxcvhg6mkua2n");
  EXPECT_EQ(m.in_reply_to, "<deskd.1042.ack.0123456789abcdef@itdesk.example>");
  EXPECT_EQ(m.references, (std::vector<std::string>{
                              "<deskd.1042.ack.0123456789abcdef@itdesk.example>",
                              "<m1@client.example>"}));
  EXPECT_EQ(m.body_charset, "iso-8859-13");
  EXPECT_EQ(m.charset_detected, std::nullopt);
  EXPECT_NE(m.text.find("Printer ei tööta ikka, paber jääb kinni.\n"), std::string::npos)
      << m.text;
  // The attached mail follows the writer's text (the quote and signature gone).
  EXPECT_EQ(m.new_text,
            "Saadan edasi kirja, mille sain. Printer ei tööta ikka, paber jääb kinni.\n\n"
            "---------- Forwarded message ---------\nFrom: a@b.example\nSubject: Printer\n\nold");
  ASSERT_EQ(m.attachments.size(), 1u);
  EXPECT_EQ(m.attachments[0].filename, "Printer.eml");
  EXPECT_EQ(m.attachments[0].content_type, "message/rfc822");
  EXPECT_EQ(m.attachments[0].size, 42u);  // the CRLF before the delimiter is not in it
  EXPECT_EQ(m.language, "et");
}

// The token is found in Delivered-To even when To is the plain desk address.
TEST(ParseMail, ReplyTokenFromDeliveredTo) {
  const std::string raw = Crlf(
      "Delivered-To: Support+1042.7.hbbjxcvhg6mkua2n@itdesk.example\n"
      "From: maria@itdesk.example\n"
      "To: support@itdesk.example\n"
      "Subject: [Ticket #1042] done\n"
      "\n"
      "#status resolved\n"
      "#Assign  maria\n"
      "\n"
      "Replaced the toner.\n");
  ParsedMail m = ParseMail(raw, Options());
  EXPECT_EQ(m.reply_token, "1042.7.hbbjxcvhg6mkua2n");
  EXPECT_EQ(m.ticket, 1042);
  EXPECT_EQ(m.commands, (std::vector<std::pair<std::string, std::string>>{
                            {"status", "resolved"}, {"assign", "maria"}}));
  EXPECT_EQ(m.new_text, "Replaced the toner.");
  EXPECT_EQ(m.body_charset, std::nullopt);
  EXPECT_EQ(m.message_id, std::nullopt);
  EXPECT_TRUE(m.problems.empty()) << AllProblems(m);  // no Message-ID is no problem
}

// PHP mail() web form: no MIME headers; raw windows-1251 in the Subject and
// body. Both detected; the subject shares the body's charset.
TEST(ParseMail, UnlabelledWindows1251Everywhere) {
  const std::string raw = Crlf(
      "To: support@itdesk.example\n"
      "Subject: \xCF\xF0\xE8\xED\xF2\xE5\xF0 \xED\xE5 \xEF\xE5\xF7\xE0\xF2\xE0\xE5\xF2\n"
      "From: webform@client.example\n"
      "Date: Fri, 27 Nov 2026 09:00:00 +0300\n"
      "\n"
      "\xC7\xE4\xF0\xE0\xE2\xF1\xF2\xE2\xF3\xE9\xF2\xE5! \xCD\xE5 \xF0\xE0\xE1\xEE\xF2\xE0\xE5\xF2 "
      "\xEF\xF0\xE8\xED\xF2\xE5\xF0 \xED\xE0 \xF2\xF0\xE5\xF2\xFC\xE5\xEC \xFD\xF2\xE0\xE6\xE5, "
      "\xE1\xF3\xEC\xE0\xE3\xE0 \xE7\xE0\xF1\xF2\xF0\xE5\xE2\xE0\xE5\xF2.\n");
  ParsedMail m = ParseMail(raw, Options());
  EXPECT_EQ(m.subject, "Принтер не печатает");
  EXPECT_EQ(m.text,
            "Здравствуйте! Не работает принтер на третьем этаже, бумага застревает.\n");
  EXPECT_EQ(m.body_charset, std::nullopt);
  EXPECT_EQ(m.charset_detected, "windows-1251");
  EXPECT_EQ(m.language, "ru");
  EXPECT_TRUE(HasProblem(m, "8-bit header")) << AllProblems(m);
}

// BSD mail(1) on a KOI8-R server, and a koi8-r label spelled in capitals.
TEST(ParseMail, Koi8rBodies) {
  const std::string body =
      "\xE4\xCF\xC2\xD2\xD9\xCA \xC4\xC5\xCE\xD8. \xEE\xC5 \xCD\xCF\xC7\xD5 \xD7\xCF\xCA\xD4\xC9 "
      "\xD7 \xD0\xCF\xDE\xD4\xD5, \xD0\xC9\xDB\xC5\xD4 \xCE\xC5\xD7\xC5\xD2\xCE\xD9\xCA "
      "\xD0\xC1\xD2\xCF\xCC\xD8.\n";
  const std::string want = "Добрый день. Не могу войти в почту, пишет неверный пароль.\n";
  ParsedMail unlabelled =
      ParseMail(Crlf("From: ivan@client.example\nSubject: mail\n\n" + body), Options());
  EXPECT_EQ(unlabelled.text, want);
  EXPECT_EQ(unlabelled.charset_detected, "koi8-r");
  ParsedMail labelled = ParseMail(
      Crlf("From: ivan@client.example\nSubject: mail\nMIME-Version: 1.0\n"
           "Content-Type: TEXT/PLAIN; CHARSET=KOI8-R\nContent-Transfer-Encoding: 8BIT\n\n" +
           body),
      Options());
  EXPECT_EQ(labelled.text, want);
  EXPECT_EQ(labelled.body_charset, "koi8-r");
  EXPECT_EQ(labelled.charset_detected, std::nullopt);
  EXPECT_TRUE(labelled.problems.empty()) << AllProblems(labelled);
}

// Outlook Romanian in windows-1250 with an attachment named in RFC 2047.
TEST(ParseMail, OutlookWindows1250AttachmentName) {
  const std::string raw = Crlf(
      "From: =?windows-1250?Q?Ionu=FE_Popescu?= <ionut@client.example.ro>\n"
      "To: support@itdesk.example\n"
      "Subject: =?windows-1250?Q?Imprimanta_nu_func=FEioneaz=E3?=\n"
      "Content-Type: multipart/mixed; boundary=\"_002_VI1PR_\"\n"
      "\n"
      "--_002_VI1PR_\n"
      "Content-Type: text/plain; charset=\"windows-1250\"\n"
      "Content-Transfer-Encoding: base64\n"
      "\n"
      "QnVu4yB6aXVhLCBpbXByaW1hbnRhIGRlIGxhIGV0YWp1bCB0cmVpIG51IGZ1bmP+aW9uZWF64y4=\n"
      "\n"
      "--_002_VI1PR_\n"
      "Content-Type: image/jpeg; name=\"=?windows-1250?Q?eroare_=FEigl=E3.jpg?=\"\n"
      "Content-Description: =?windows-1250?Q?eroare_=FEigl=E3.jpg?=\n"
      "Content-Disposition: attachment;\n"
      "\tfilename=\"=?windows-1250?Q?eroare_=FEigl=E3.jpg?=\"; size=6\n"
      "Content-Transfer-Encoding: base64\n"
      "\n"
      "/9j/4AAQ\n"
      "\n"
      "--_002_VI1PR_--\n");
  ParsedMail m = ParseMail(raw, Options());
  EXPECT_TRUE(m.problems.empty()) << AllProblems(m);
  EXPECT_EQ(m.from.name, "Ionuţ Popescu");
  EXPECT_EQ(m.subject, "Imprimanta nu funcţionează");
  EXPECT_EQ(m.text, "Bună ziua, imprimanta de la etajul trei nu funcţionează.");
  EXPECT_EQ(m.language, "ro");
  ASSERT_EQ(m.attachments.size(), 1u);
  EXPECT_EQ(m.attachments[0].filename, "eroare ţiglă.jpg");
  EXPECT_EQ(m.attachments[0].content_type, "image/jpeg");
  EXPECT_EQ(m.attachments[0].size, 6u);
}

// RFC 3464 report from Postfix: recipient, status, the bounced Message-ID.
TEST(ParseMail, DeliveryStatusNotification) {
  const std::string raw = Crlf(
      "Return-Path: <>\n"
      "From: MAILER-DAEMON@mx.itdesk.example (Mail Delivery System)\n"
      "Subject: Undelivered Mail Returned to Sender\n"
      "To: support@itdesk.example\n"
      "Auto-Submitted: auto-replied\n"
      "MIME-Version: 1.0\n"
      "Content-Type: multipart/report; report-type=delivery-status;\n"
      "\tboundary=\"8A1B2C3D.1795420680/mx.itdesk.example\"\n"
      "Message-Id: <20261123075800.8A1B2C3D@mx.itdesk.example>\n"
      "\n"
      "This is a MIME-encapsulated message.\n"
      "\n"
      "--8A1B2C3D.1795420680/mx.itdesk.example\n"
      "Content-Description: Notification\n"
      "Content-Type: text/plain; charset=us-ascii\n"
      "\n"
      "This is the mail system at host mx.itdesk.example.\n"
      "\n"
      "<nobody@client.example>: host mx.client.example[192.0.2.7] said: 550 5.1.1\n"
      "    <nobody@client.example>: Recipient address rejected: User unknown\n"
      "\n"
      "--8A1B2C3D.1795420680/mx.itdesk.example\n"
      "Content-Description: Delivery report\n"
      "Content-Type: message/delivery-status\n"
      "\n"
      "Reporting-MTA: dns; mx.itdesk.example\n"
      "Arrival-Date: Mon, 23 Nov 2026 09:58:00 +0200 (EET)\n"
      "\n"
      "Final-Recipient: rfc822; Nobody@client.example\n"
      "Original-Recipient: rfc822;nobody@client.example\n"
      "Action: failed\n"
      "Status: 5.1.1\n"
      "Remote-MTA: dns; mx.client.example\n"
      "Diagnostic-Code: smtp; 550 5.1.1 <nobody@client.example>: User unknown\n"
      "\n"
      "--8A1B2C3D.1795420680/mx.itdesk.example\n"
      "Content-Description: Undelivered Message Headers\n"
      "Content-Type: text/rfc822-headers\n"
      "\n"
      "From: IT Support <support@itdesk.example>\n"
      "To: nobody@client.example\n"
      "Subject: [Ticket#1042] Printer broken\n"
      "Message-ID: <deskd.1042.ack.0123456789abcdef@itdesk.example>\n"
      "\n"
      "--8A1B2C3D.1795420680/mx.itdesk.example--\n");
  ParsedMail m = ParseMail(raw, Options());
  ASSERT_TRUE(m.bounce);
  EXPECT_EQ(m.bounce->recipient, "nobody@client.example");
  EXPECT_EQ(m.bounce->status, "5.1.1");
  EXPECT_EQ(m.bounce->original_message_id, "<deskd.1042.ack.0123456789abcdef@itdesk.example>");
  EXPECT_EQ(m.classification, Classification::kBounce);
  EXPECT_EQ(m.from.address, "mailer-daemon@mx.itdesk.example");
  EXPECT_EQ(m.from.name, "Mail Delivery System");
  EXPECT_NE(m.text.find("This is the mail system"), std::string::npos);
  EXPECT_TRUE(m.problems.empty()) << AllProblems(m);
}

// Exim-style plain bounce from the mailer daemon, no report part.
TEST(ParseMail, PlainBounceFromMailerDaemon) {
  const std::string raw = Crlf(
      "From: Mail Delivery System <Mailer-Daemon@mail.client.example>\n"
      "To: support@itdesk.example\n"
      "Subject: Mail delivery failed: returning message to sender\n"
      "X-Failed-Recipients: gone@client.example\n"
      "\n"
      "This message was created automatically by mail delivery software.\n"
      "\n"
      "A message that you sent could not be delivered to one or more of its\n"
      "recipients. This is a permanent error. The following address(es) failed:\n"
      "\n"
      "  gone@client.example\n"
      "    mailbox is full: retry timeout exceeded\n"
      "\n"
      "------ This is a copy of the message, including all the headers. ------\n"
      "\n"
      "Message-ID: <deskd.1042.update.feedface@itdesk.example>\n"
      "Subject: [Ticket#1042] update\n");
  ParsedMail m = ParseMail(raw, Options());
  ASSERT_TRUE(m.bounce);
  EXPECT_EQ(m.bounce->recipient, "gone@client.example");
  EXPECT_EQ(m.bounce->original_message_id, "<deskd.1042.update.feedface@itdesk.example>");
  EXPECT_EQ(m.classification, Classification::kBounce);
}

TEST(ParseMail, MalformedMailIsRecoveredAndNamed) {
  // Truncated in transit: base64 cut mid-block, closing boundary missing,
  // a Date nobody can read, a broken encoded word.
  const std::string raw = Crlf(
      "From: anna@client.example\n"
      "Subject: =?utf-8?B?!!!?= printer\n"
      "Date: someday soon\n"
      "Content-Type: multipart/mixed; boundary=b\n"
      "\n"
      "--b\n"
      "Content-Type: text/plain; charset=utf-8\n"
      "Content-Transfer-Encoding: base64\n"
      "\n"
      "VGVyZSEKClByaW50ZXIgZWkgdMO2w7Z0YSwgcGFiZXIgasOkw6RiIGtpbm5pLgoKTWFy");
  ParsedMail m = ParseMail(raw, Options());
  EXPECT_EQ(m.subject, "=?utf-8?B?!!!?= printer");
  EXPECT_EQ(m.text, "Tere!\n\nPrinter ei tööta, paber jääb kinni.\n\nMar");
  EXPECT_EQ(m.date, std::nullopt);
  EXPECT_TRUE(HasProblem(m, "unreadable Date")) << AllProblems(m);
  EXPECT_TRUE(HasProblem(m, "closing boundary missing")) << AllProblems(m);
  EXPECT_TRUE(HasProblem(m, "base64")) << AllProblems(m);
  EXPECT_TRUE(HasProblem(m, "Subject: broken encoded word")) << AllProblems(m);
}

TEST(ParseMail, HostileInputIsBoundedAndNeverThrows) {
  ParseOptions o = Options();
  o.max_nesting_depth = 10;
  o.max_parts = 30;
  o.max_header_bytes = 4096;
  std::string deep = "From: x@y.example\n";
  for (int i = 0; i < 3000; ++i) {
    deep += "Content-Type: multipart/mixed; boundary=b" + std::to_string(i) + "\n\n--b" +
            std::to_string(i) + "\n";
  }
  deep += "Content-Type: text/plain\n\nburied\n";
  ParsedMail d = ParseMail(deep, o);
  EXPECT_TRUE(HasProblem(d, "deeper than 10")) << AllProblems(d);
  EXPECT_EQ(d.from.address, "x@y.example");

  std::string many = "Content-Type: multipart/mixed; boundary=m\n\n--m\n\nfirst\n";
  for (int i = 0; i < 5000; ++i) many += "--m\nContent-Type: image/gif; name=a.gif\n\nGIF\n";
  ParsedMail p = ParseMail(many, o);
  EXPECT_TRUE(HasProblem(p, "more than 30 MIME parts")) << AllProblems(p);
  EXPECT_EQ(p.text, "first");
  EXPECT_EQ(p.attachments.size(), 28u);

  std::string big = "Subject: big\n";
  for (int i = 0; i < 1000; ++i) big += "X-Junk: " + std::string(60, 'j') + "\n";
  big += "\nbody\n";
  ParsedMail b = ParseMail(big, o);
  EXPECT_EQ(b.subject, "big");
  EXPECT_EQ(b.text, "body\n");
  EXPECT_TRUE(HasProblem(b, "header section longer than 4096")) << AllProblems(b);

  ParsedMail empty = ParseMail("", o);
  EXPECT_TRUE(HasProblem(empty, "empty mail"));
  EXPECT_EQ(empty.language, "en");

  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage += static_cast<char>((i * 7919) % 256);
  ParsedMail g = ParseMail(garbage, o);  // must not crash or throw
  EXPECT_EQ(g.language.empty(), false);
}

TEST(ParseMail, LanguageFromTheSubjectWhenTheTextIsTooShort) {
  ParsedMail m = ParseMail(
      Crlf("From: a@client.example\nSubject: Printer ei t\xC3\xB6\xC3\xB6ta kolmandal "
           "korrusel\nContent-Type: text/plain; charset=utf-8\n\nAitäh\n"),
      Options());
  EXPECT_EQ(m.language, "et");
  // A clear English text is not overruled by the subject.
  ParsedMail en = ParseMail(
      Crlf("From: a@client.example\nSubject: Printer ei t\xC3\xB6\xC3\xB6ta\n\n"
           "Hello, the printer on the third floor does not work and the documents are "
           "stuck in the queue. Could you please have a look at it today?\n"),
      Options());
  EXPECT_EQ(en.language, "en");
}

TEST(ParseMail, SubjectFoldedWithATab) {
  ParsedMail m = ParseMail(Crlf("Subject: Printer on the\n\tthird floor\n\nx\n"), Options());
  EXPECT_EQ(m.subject, "Printer on the third floor");
}

TEST(ParseMail, EncodedLineBreaksDoNotSurviveInSubjectAndNames) {
  // "Help\r\nBcc: victim@evil.example" and "Anna\r\nX-Evil: 1".
  ParsedMail m = ParseMail(
      Crlf("From: =?utf-8?B?QW5uYQ0KWC1FdmlsOiAx?= <anna@client.example>\n"
           "Subject: =?utf-8?B?SGVscA0KQmNjOiB2aWN0aW1AZXZpbC5leGFtcGxl?=\n\nx\n"),
      Options());
  EXPECT_EQ(m.subject, "Help  Bcc: victim@evil.example");
  EXPECT_EQ(m.from.name, "Anna  X-Evil: 1");
  EXPECT_EQ(m.from.address, "anna@client.example");
}

// Outlook "forward as attachment": the enclosed mail has no name of its own.
TEST(ParseMail, ForwardedMailIsAnAttachmentNamedBySubject) {
  ParsedMail m = ParseMail(
      Crlf("From: a@client.example\nSubject: FW: phishing?\n"
           "Content-Type: multipart/mixed; boundary=\"_f_\"\n\n"
           "--_f_\nContent-Type: text/plain; charset=utf-8\n\nIs this real?\n"
           "--_f_\nContent-Type: message/rfc822\n\n"
           "From: bank@phish.example\nSubject: =?utf-8?Q?Konto_suletud/blokeeritud?=\n\n"
           "Click here\n--_f_--\n"),
      Options());
  // The forwarded mail is content too: under a forward marker, after the
  // writer's text, in text and new_text.
  const std::string forwarded =
      "Is this real?\n\n---------- Forwarded message ---------\nFrom: bank@phish.example\n"
      "Subject: Konto suletud/blokeeritud\n\nClick here";
  EXPECT_EQ(m.text, forwarded);
  EXPECT_EQ(m.new_text, forwarded);
  ASSERT_EQ(m.attachments.size(), 1u);
  EXPECT_EQ(m.attachments[0].filename, "Konto suletud blokeeritud.eml");
  EXPECT_EQ(m.attachments[0].content_type, "message/rfc822");
}

// The writer's own text alone gives commands and language; the writer's
// quoted history is still dropped; a bare forward takes the language of
// what it forwards.
TEST(ParseMail, AttachedForwardAfterARepliedQuoteAndCommands) {
  ParsedMail m = ParseMail(
      Crlf("From: jaan@itdesk.example\nSubject: Re: [Ticket#1042] phishing\n"
           "Content-Type: multipart/mixed; boundary=\"_f_\"\n\n"
           "--_f_\nContent-Type: text/plain; charset=utf-8\n\n#status open\n\nPalun vaadake seda kirja.\n\n"
           "On Mon, Nov 16, 2026 at 9:00 AM IT Support <support@itdesk.example> wrote:\n> old\n"
           "--_f_\nContent-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n"
           "RnJvbTogQmFuayA8YmFua0BwaGlzaC5leGFtcGxlPgpUbzogeEB5LmV4YW1wbGUKU3ViamVjdDogWW91ciBhY2NvdW50CgpQbGVhc2UgY2xpY2sgdGhlIGxpbmsgYW5kIGxvZyBpbiB0byB5b3VyIGFjY291bnQgdG9kYXku\n"
           "--_f_--\n"),
      Options());
  EXPECT_EQ(m.commands, (std::vector<std::pair<std::string, std::string>>{{"status", "open"}}));
  EXPECT_EQ(m.new_text,
            "Palun vaadake seda kirja.\n\n---------- Forwarded message ---------\n"
            "From: Bank <bank@phish.example>\nSubject: Your account\nTo: x@y.example\n\n"
            "Please click the link and log in to your account today.");
  EXPECT_EQ(m.language, "et");

  ParsedMail bare = ParseMail(
      Crlf("From: a@client.example\nSubject: FW\nContent-Type: multipart/mixed; boundary=\"_f_\"\n\n"
           "--_f_\nContent-Type: text/plain\n\n\n"
           "--_f_\nContent-Type: message/rfc822\n\nFrom: b@c.example\nSubject: Arve\n"
           "Content-Type: text/plain; charset=utf-8\n\nTere! Teie arve on tasumata, palun tasuge see kohe.\n"
           "--_f_--\n"),
      Options());
  EXPECT_EQ(bare.language, "et");
  EXPECT_NE(bare.new_text.find("Teie arve on tasumata"), std::string::npos);
}

TEST(ParseMail, LfOnlyMailAndBareCr) {
  ParsedMail m = ParseMail(
      "From: a@b.example\nSubject: lf only\nContent-Type: text/plain; charset=utf-8\n\n"
      "one\r\ntwo\rthree\n",
      Options());
  EXPECT_EQ(m.subject, "lf only");
  EXPECT_EQ(m.text, "one\ntwo\nthree\n");
}

TEST(ParseMail, ClassificationUsesTheDeskAddresses) {
  ParseOptions o = Options();
  o.desk_addresses = {"helpdesk@itdesk.example"};
  ParsedMail loop = ParseMail(
      Crlf("From: x@client.example\nX-Loop: helpdesk@itdesk.example\nSubject: hi\n\nhi\n"), o);
  EXPECT_EQ(loop.classification, Classification::kAutoReply);
  ParsedMail list = ParseMail(
      Crlf("From: x@client.example\nList-Id: <it.lists.client.example>\nSubject: hi\n\nhi\n"), o);
  EXPECT_EQ(list.classification, Classification::kList);
}

}  // namespace
}  // namespace deskd
