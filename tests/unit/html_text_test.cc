#include "parsers/html_text.h"

#include <gtest/gtest.h>

#include <string>

#include "parsers/reply_text.h"

namespace deskd {
namespace {

// Gmail web, reply in Estonian to an English answer from the desk.
constexpr const char* kGmailReply =
    R"html(<div dir="ltr">Tere!<div><br></div><div>Printer ei tööta ikka veel,&nbsp;paber jääb kinni.</div><div><br></div><div>Mari</div></div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, 11 Mar 2024 at 10:00, IT Support &lt;<a href="mailto:support@firma.ee">support@firma.ee</a>&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex"><div dir="ltr">Hello,<br><br>please restart the printer.<br><br>IT Support</div>
</blockquote></div>
)html";

TEST(HtmlToText, GmailReplyQuoteBecomesQuotedLines) {
  const std::string text = HtmlToText(kGmailReply);
  EXPECT_EQ(text,
            "Tere!\n"
            "\n"
            "Printer ei tööta ikka veel, paber jääb kinni.\n"
            "\n"
            "Mari\n"
            "\n"
            "> On Mon, 11 Mar 2024 at 10:00, IT Support <support@firma.ee> wrote:\n"
            ">\n"
            "> Hello,\n"
            ">\n"
            "> please restart the printer.\n"
            ">\n"
            "> IT Support");
  EXPECT_EQ(StripReply(text), "Tere!\n\nPrinter ei tööta ikka veel, paber jääb kinni.\n\nMari");
}

TEST(HtmlToText, GmailNestedQuotesGoOneLevelDeeper) {
  const char* html =
      R"html(<div dir="ltr">Да, спасибо.</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">пн, 11 мар. 2024 г. в 12:00, IT Support &lt;support@firma.ee&gt;:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex"><div dir="ltr">Помогло?</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">пн, 11 мар. 2024 г. в 11:00, Иван &lt;ivan@firma.ru&gt;:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex"><div dir="ltr">Не печатает.</div></blockquote></div></blockquote></div>)html";
  EXPECT_EQ(HtmlToText(html),
            "Да, спасибо.\n"
            "\n"
            "> пн, 11 мар. 2024 г. в 12:00, IT Support <support@firma.ee>:\n"
            ">\n"
            "> Помогло?\n"
            ">\n"
            ">> пн, 11 мар. 2024 г. в 11:00, Иван <ivan@firma.ru>:\n"
            ">>\n"
            ">> Не печатает.");
}

TEST(HtmlToText, GmailForwardIsQuotedAndStripReplyKeepsIt) {
  const char* html =
      R"html(<div dir="ltr">Palun vaadake seda.<br><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>From: <strong class="gmail_sendername" dir="auto">Raamatupidamine</strong> <span dir="auto">&lt;<a href="mailto:rp@firma.ee">rp@firma.ee</a>&gt;</span><br>Date: Mon, 11 Mar 2024 at 09:00<br>Subject: Arve<br>To: &lt;<a href="mailto:mari@firma.ee">mari@firma.ee</a>&gt;<br></div><br><br><div dir="ltr">Arve ei avane.</div>
</div></div>)html";
  const std::string text = HtmlToText(html);
  EXPECT_EQ(text,
            "Palun vaadake seda.\n"
            "\n"
            "> ---------- Forwarded message ---------\n"
            "> From: Raamatupidamine <rp@firma.ee>\n"
            "> Date: Mon, 11 Mar 2024 at 09:00\n"
            "> Subject: Arve\n"
            "> To: <mari@firma.ee>\n"
            ">\n"
            "> Arve ei avane.");
  EXPECT_NE(StripReply(text).find("Arve ei avane."), std::string::npos);
}

// Outlook desktop (Word HTML): conditional comments, <o:p>, MsoNormal
// paragraphs that are lines, &nbsp; paragraphs that are blank lines, Word
// list bullets, and the reply header under a top border.
constexpr const char* kOutlookDesktop =
    R"html(<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40"><head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=Generator content="Microsoft Word 15 (filtered medium)"><!--[if !mso]><style>v\:* {behavior:url(#default#VML);}
o\:* {behavior:url(#default#VML);}
</style><![endif]--><style><!--
/* Font Definitions */
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{margin:0cm;
	font-size:11.0pt;
	font-family:"Calibri",sans-serif;}
--></style><!--[if gte mso 9]><xml>
<o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]--></head><body lang=ET link="#0563C1" vlink="#954F72" style='word-wrap:break-word'><div class=WordSection1><p class=MsoNormal>Tere,<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Arvuti ei käivitu pärast uuendust. Ekraanil on kiri „Preparing Windows“.<o:p></o:p></p><p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Proovisin taaskäivitada<o:p></o:p></p><p class=MsoListParagraph style='margin-left:72.0pt;text-indent:-18.0pt;mso-list:l0 level2 lfo1'><![if !supportLists]><span style='font-family:"Courier New"'><span style='mso-list:Ignore'>o<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span></span><![endif]>kaks korda<o:p></o:p></p><p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l1 level1 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>Toitejuhe on korras<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Lugupidamisega<o:p></o:p></p><p class=MsoNormal>Mari Maasikas<o:p></o:p></p><p class=MsoNormal>Tel. <a href="tel:+3725551234">+372 555 1234</a><o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p><div><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'><p class=MsoNormal><b><span lang=EN-US>From:</span></b><span lang=EN-US> IT Support &lt;support@firma.ee&gt; <br><b>Sent:</b> Monday, March 11, 2024 10:00 AM<br><b>To:</b> Mari Maasikas &lt;mari@firma.ee&gt;<br><b>Subject:</b> RE: [Ticket#1042] Arvuti<o:p></o:p></span></p></div></div><p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>Palun proovige uuesti.<o:p></o:p></p></div></body></html>)html";

TEST(HtmlToText, OutlookDesktopWordHtml) {
  const std::string text = HtmlToText(kOutlookDesktop);
  EXPECT_EQ(text,
            "Tere,\n"
            "\n"
            "Arvuti ei käivitu pärast uuendust. Ekraanil on kiri „Preparing Windows“.\n"
            "- Proovisin taaskäivitada\n"
            "  - kaks korda\n"
            "1. Toitejuhe on korras\n"
            "\n"
            "Lugupidamisega\n"
            "Mari Maasikas\n"
            "Tel. +372 555 1234\n"
            "\n"
            "> From: IT Support <support@firma.ee>\n"
            "> Sent: Monday, March 11, 2024 10:00 AM\n"
            "> To: Mari Maasikas <mari@firma.ee>\n"
            "> Subject: RE: [Ticket#1042] Arvuti\n"
            ">\n"
            "> Palun proovige uuesti.");
  EXPECT_EQ(StripReply(text),
            "Tere,\n\nArvuti ei käivitu pärast uuendust. Ekraanil on kiri „Preparing Windows“.\n"
            "- Proovisin taaskäivitada\n  - kaks korda\n1. Toitejuhe on korras");
}

// Outlook on the web (new style): P margins zeroed in the style sheet,
// signature div, #appendonsend, the <hr> and #divRplyFwdMsg, Safe Links.
constexpr const char* kOutlookWeb = R"html(<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>
</head>
<body dir="ltr">
<div class="elementToProof" style="font-family: Aptos, Aptos_EmbeddedFont, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">
Здравствуйте,</div>
<div class="elementToProof" style="font-family: Aptos; font-size: 12pt; color: rgb(0, 0, 0);">
<br>
</div>
<div class="elementToProof" style="font-family: Aptos; font-size: 12pt; color: rgb(0, 0, 0);">
не работает VPN, ошибка 809. Подробности <a href="https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwiki.firma.ee%2Fvpn%3Fx%3D1&amp;data=05%7C02%7C&amp;reserved=0" data-auth="NotApplicable">здесь</a>.</div>
<div id="Signature">
<div style="font-family: Aptos;">С уважением,<br>Иван Петров</div>
</div>
<div id="appendonsend"></div>
<hr style="display:inline-block;width:98%" tabindex="-1">
<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>From:</b> IT Support &lt;support@firma.ee&gt;<br>
<b>Sent:</b> Tuesday, March 12, 2024 09:15<br>
<b>To:</b> Иван Петров &lt;ivan@firma.ee&gt;<br>
<b>Subject:</b> [Ticket#1043] VPN</font>
<div>&nbsp;</div>
</div>
<div>
<div dir="ltr">
<p>Добрый день!</p>
<p>Перезагрузите роутер.</p>
</div>
</div>
</body>
</html>)html";

TEST(HtmlToText, OutlookWebReplyHeaderStartsTheQuote) {
  const std::string text = HtmlToText(kOutlookWeb);
  EXPECT_EQ(text,
            "Здравствуйте,\n"
            "\n"
            "не работает VPN, ошибка 809. Подробности здесь <https://wiki.firma.ee/vpn?x=1>.\n"
            "-- \n"
            "С уважением,\n"
            "Иван Петров\n"
            "\n"
            "> From: IT Support <support@firma.ee>\n"
            "> Sent: Tuesday, March 12, 2024 09:15\n"
            "> To: Иван Петров <ivan@firma.ee>\n"
            "> Subject: [Ticket#1043] VPN\n"
            ">\n"
            "> Добрый день!\n"
            "> Перезагрузите роутер.");
  EXPECT_EQ(StripReply(text),
            "Здравствуйте,\n\nне работает VPN, ошибка 809. Подробности здесь "
            "<https://wiki.firma.ee/vpn?x=1>.");
}

TEST(HtmlToText, OutlookWebForwardedOnWithPrefixedIds) {
  // A mail that went through Outlook on the web once more: ids and classes
  // carry "x_", there is no #appendonsend, the <hr> comes first.
  const char* html =
      R"html(<div class="x_elementToProof">Bună ziua, vă rog să verificați.</div><hr style="display:inline-block;width:98%" tabindex="-1"><div id="x_divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>De la:</b> Ana Pop &lt;ana@firma.ro&gt;<br><b>Trimis:</b> marți, 12 martie 2024 10:00<br><b>Către:</b> IT &lt;it@firma.ro&gt;<br><b>Subiect:</b> Imprimanta</font><div>&nbsp;</div></div><div><p class="x_MsoNormal">Imprimanta nu printează.<o:p></o:p></p><p class="x_MsoNormal">Ana<o:p></o:p></p></div>)html";
  EXPECT_EQ(HtmlToText(html),
            "Bună ziua, vă rog să verificați.\n"
            "\n"
            "> De la: Ana Pop <ana@firma.ro>\n"
            "> Trimis: marți, 12 martie 2024 10:00\n"
            "> Către: IT <it@firma.ro>\n"
            "> Subiect: Imprimanta\n"
            ">\n"
            "> Imprimanta nu printează.\n"
            "> Ana");
}

TEST(HtmlToText, BorderedBlockWithoutFieldLabelIsNotAReplyHeader) {
  // A newsletter footer under a top border: not Outlook's reply header.
  const char* html =
      R"html(<p>Uus versioon on saadaval.</p><div style="border-top:solid #ccc 1px;padding:30px 0 0 0">Firma OÜ, Tartu mnt 1, Tallinn</div><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'><p class=MsoNormal>Tellimuse info: 12.03.2024</p></div>)html";
  EXPECT_EQ(HtmlToText(html),
            "Uus versioon on saadaval.\n\nFirma OÜ, Tartu mnt 1, Tallinn\n"
            "Tellimuse info: 12.03.2024");
}

TEST(HtmlToText, Outlook2003MessageHeaderDiv) {
  const char* html =
      R"html(<div dir=ltr align=left><span class=123><font face=Arial size=2>Сделано.</font></span></div><br><div class=OutlookMessageHeader lang=ru dir=ltr align=left><hr tabindex=-1><font face=Tahoma size=2><b>From:</b> Иван Петров<br><b>Sent:</b> Tuesday, March 12, 2024 10:00 AM<br><b>Subject:</b> Принтер<br></font><br></div><div>Принтер не печатает.</div>)html";
  EXPECT_EQ(HtmlToText(html),
            "Сделано.\n"
            "\n"
            "> From: Иван Петров\n"
            "> Sent: Tuesday, March 12, 2024 10:00 AM\n"
            "> Subject: Принтер\n"
            ">\n"
            "> Принтер не печатает.");
}

TEST(HtmlToText, AppleMailCiteBlockquote) {
  const char* html =
      R"html(<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body dir="auto"><div dir="ltr">Aitäh, nüüd töötab!</div><div dir="ltr"><br></div><div dir="ltr">Kati</div><div dir="ltr"><br><blockquote type="cite">On 12. Mar 2024, at 10:15, IT Support &lt;support@firma.ee&gt; wrote:<br><br></blockquote></div><blockquote type="cite"><div dir="ltr">&#xFEFF;<div>Palun proovige uuesti.</div><div><br></div><div>IT</div></div></blockquote></body></html>)html";
  const std::string text = HtmlToText(html);
  EXPECT_EQ(text,
            "Aitäh, nüüd töötab!\n"
            "\n"
            "Kati\n"
            "\n"
            "> On 12. Mar 2024, at 10:15, IT Support <support@firma.ee> wrote:\n"
            ">\n"
            "> Palun proovige uuesti.\n"
            ">\n"
            "> IT");
  EXPECT_EQ(StripReply(text), "Aitäh, nüüd töötab!\n\nKati");
}

TEST(HtmlToText, ThunderbirdCitePrefixAndPreSignature) {
  const char* html = R"html(<!DOCTYPE html>
<html>
  <head>
    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
  </head>
  <body>
    <p>Bună ziua,</p>
    <p>imprimanta din sala 204 nu mai printează.<br>
      Am încercat deja să o repornesc.</p>
    <div class="moz-cite-prefix">Pe 12.03.2024 la 10:15, IT Support a
      scris:<br>
    </div>
    <blockquote type="cite"
      cite="mid:abc123@firma.ro">
      <meta http-equiv="content-type" content="text/html; charset=UTF-8">
      <p>Bună ziua,</p>
      <p>ce model are imprimanta?</p>
    </blockquote>
    <br>
    <pre class="moz-signature" cols="72">-- 
Ana Popescu
Contabilitate, tel. 0722 000 000</pre>
  </body>
</html>
)html";
  const std::string text = HtmlToText(html);
  EXPECT_EQ(text,
            "Bună ziua,\n"
            "\n"
            "imprimanta din sala 204 nu mai printează.\n"
            "Am încercat deja să o repornesc.\n"
            "\n"
            "> Pe 12.03.2024 la 10:15, IT Support a scris:\n"
            ">\n"
            "> Bună ziua,\n"
            ">\n"
            "> ce model are imprimanta?\n"
            "\n"
            "-- \n"
            "Ana Popescu\n"
            "Contabilitate, tel. 0722 000 000");
  EXPECT_EQ(StripReply(text),
            "Bună ziua,\n\nimprimanta din sala 204 nu mai printează.\n"
            "Am încercat deja să o repornesc.");
}

TEST(HtmlToText, SignatureDivWithoutSeparatorGetsOne) {
  const char* html =
      R"html(<p>Ekraan vilgub.</p><div class="moz-signature">Kati Tamm<br>Firma OÜ</div>)html";
  EXPECT_EQ(HtmlToText(html), "Ekraan vilgub.\n\n-- \nKati Tamm\nFirma OÜ");
  const char* gmail =
      R"html(<div dir="ltr">Ekraan vilgub.<br clear="all"><div><br></div><span class="gmail_signature_prefix">-- </span><br><div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature">Kati Tamm</div></div>)html";
  EXPECT_EQ(HtmlToText(gmail), "Ekraan vilgub.\n\n-- \nKati Tamm");
}

TEST(HtmlToText, YandexReply) {
  const char* html =
      R"html(<div>Добрый день!</div><div>&nbsp;</div><div>Спасибо, всё заработало.</div><div>&nbsp;</div><div>-- <br />С уважением,</div><div>Ольга</div><div>&nbsp;</div><div>&nbsp;</div><div>12.03.2024, 10:15, "IT Support" &lt;support@firma.ee&gt;:</div><blockquote><div>Здравствуйте!</div><div>&nbsp;</div><div>Попробуйте перезагрузить компьютер.</div></blockquote>)html";
  const std::string text = HtmlToText(html);
  EXPECT_EQ(text,
            "Добрый день!\n"
            "\n"
            "Спасибо, всё заработало.\n"
            "\n"
            "-- \n"
            "С уважением,\n"
            "Ольга\n"
            "\n"
            "12.03.2024, 10:15, \"IT Support\" <support@firma.ee>:\n"
            "\n"
            "> Здравствуйте!\n"
            ">\n"
            "> Попробуйте перезагрузить компьютер.");
  EXPECT_EQ(StripReply(text), "Добрый день!\n\nСпасибо, всё заработало.");
}

TEST(HtmlToText, MailRuReply) {
  const char* html =
      R"html(<HTML><BODY><div>Проблема осталась, принтер печатает пустые листы.</div><div>&nbsp;</div><div data-signature-widget="container"><div data-signature-widget="content"><div>--<br>Сергей</div></div></div><div>&nbsp;</div><blockquote style="border-left:1px solid #0857A6; margin:10px; padding:0 0 0 10px;">Вторник, 12 марта 2024, 10:15 +03:00 от IT Support &lt;<a href="mailto:support@firma.ee">support@firma.ee</a>&gt;:<br>&nbsp;<div id=""><div class="js-helper js-readmsg-msg"><div><div id="style_17102345670123456789_BODY"><div class="cl_123456">Замените картридж.</div></div></div></div></div></blockquote></BODY></HTML>)html";
  const std::string text = HtmlToText(html);
  EXPECT_EQ(text,
            "Проблема осталась, принтер печатает пустые листы.\n"
            "\n"
            "-- \n"
            "Сергей\n"
            "\n"
            "> Вторник, 12 марта 2024, 10:15 +03:00 от IT Support <support@firma.ee>:\n"
            "> Замените картридж.");
  EXPECT_EQ(StripReply(text), "Проблема осталась, принтер печатает пустые листы.");
}

TEST(HtmlToText, GmailIndentIsNotAQuote) {
  const char* html =
      R"html(<div dir="ltr">Steps:<blockquote style="margin:0 0 0 40px;border:none;padding:0px"><div>open Settings</div></blockquote></div>)html";
  EXPECT_EQ(HtmlToText(html), "Steps:\n\nopen Settings");
}

TEST(HtmlToText, TablesListsLinksImagesEntities) {
  const char* html = R"html(<html><head><title>Report</title><script>var x = "<b>no</b>";</script></head><body>
<span style="display:none;font-size:0">Preheader text nobody sees</span>
<h1>Server   status</h1>
<p>Dear&nbsp;team,<br/>see <a href="https://status.firma.ee/">https://status.firma.ee</a> and <a href="https://status.firma.ee/db">the DB page</a>, or mail <a href="mailto:ops@firma.ee">ops@firma.ee</a> / <a href="mailto:ops@firma.ee?subject=x">Ops</a>. <a href="#top">Top</a></p>
<table border=1><tr><th>Host</th><th>State</th><th>&nbsp;</th></tr>
<tr><td>db1</td><td>down</td><td></td></tr>
<tr><td>web1</td><td><b>up</b></td><td>ok</td></tr></table>
<ol><li>Check disks</li><li>Restart<ul><li>nginx</li><li>php-fpm</li></ul></li></ol>
<pre>  $ systemctl status nginx
  ● nginx.service - A high performance web server
</pre>
<!-- a comment -->
<style>p { color: red }</style>
<p><img src="cid:image001.png@01DA" alt="Firma logo"><img src="x.gif" width=1 height=1></p>
<p>x &lt; y &amp;&amp; y &gt; z &euro;&#8364;&#x20AC; &copy; ta&shy;ble zero&#8203;width</p>
</body></html>)html";
  EXPECT_EQ(HtmlToText(html),
            "Server status\n"
            "\n"
            "Dear team,\n"
            "see https://status.firma.ee and the DB page <https://status.firma.ee/db>, or mail "
            "ops@firma.ee / Ops <ops@firma.ee>. Top\n"
            "\n"
            "Host | State\n"
            "db1 | down\n"
            "web1 | up | ok\n"
            "\n"
            "1. Check disks\n"
            "2. Restart\n"
            "  - nginx\n"
            "  - php-fpm\n"
            "\n"
            "  $ systemctl status nginx\n"
            "  ● nginx.service - A high performance web server\n"
            "\n"
            "Firma logo\n"
            "\n"
            "x < y && y > z €€€ © table zerowidth");
}

TEST(HtmlToText, WhiteSpaceAndBlankLines) {
  EXPECT_EQ(HtmlToText("  Hello\n   world  \t"), "Hello world");
  EXPECT_EQ(HtmlToText("<p>a</p><p></p><p></p><br><br><br><p>b</p>"), "a\n\nb");
  EXPECT_EQ(HtmlToText("<div>a</div><div><br></div><div>b</div>"), "a\n\nb");
  EXPECT_EQ(HtmlToText("<div>a<br></div><div>b</div>"), "a\nb");
  EXPECT_EQ(HtmlToText("a<br>b<br><br>c"), "a\nb\n\nc");
  EXPECT_EQ(HtmlToText("<b>bold</b><i>italic</i> <u>under</u>"), "bolditalic under");
  EXPECT_EQ(HtmlToText("<br><br><p>&nbsp;</p>x<br><br>"), "x");
}

TEST(HtmlToText, EmptyAndBrokenInputDoNotThrow) {
  EXPECT_EQ(HtmlToText(""), "");
  EXPECT_EQ(HtmlToText("<html><body></body></html>"), "");
  EXPECT_EQ(HtmlToText("<<<>>> <div <p>"), "<<<>>>");
  EXPECT_EQ(HtmlToText("<p>unclosed <b>bold <div>block"), "unclosed bold\n\nblock");
  EXPECT_EQ(HtmlToText(std::string("a\0b", 3)), "ab");
}

TEST(HtmlToText, DeepNestingIsBoundedAndKeepsText) {
  // 100,000 nested elements: gumbo alone would need minutes (quadratic).
  std::string html;
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "deep";
  for (int i = 0; i < 100000; ++i) html += "</div>";
  html += "<p>after</p>";
  EXPECT_EQ(HtmlToText(html), "deep\n\nafter");
  std::string quotes;
  for (int i = 0; i < 5; ++i) quotes += "<blockquote type=\"cite\">";
  quotes += "q";
  EXPECT_EQ(HtmlToText(quotes), ">>>>> q");
}

}  // namespace
}  // namespace deskd
