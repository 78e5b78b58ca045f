#!/usr/bin/env python3
"""Writes the real-world parser fixture corpus of deskd (tests/corpus).

Every case is a raw mail as the named client writes it (header order,
X-Mailer, boundaries, transfer encodings, charsets as bytes, CRLF line ends)
and, beside it, <name>.expect.json: the keys of the `deskctl parse --json`
contract (shared/conventions.md) that the case is about, as a technician
would want to read them. tests/unit/corpus_test.cc checks every case.

Extra expectation keys (not contract fields):
  problems_nonempty        true|false: "problems" must (not) be empty
  text_contains            [strings]: each must occur in "text"
  new_text_contains        [strings]: each must occur in "new_text"
  new_text_not_contains    [strings]: none may occur in "new_text"
  xfail                    [fields]: known weaknesses: scored as failures,
                           not failing the case (and failing it once they pass)
  charset_detected_one_of  [names]: "charset_detected" is one of them (for
                           charsets that decode the text identically)
  bounce_original_message_id  ParsedMail.bounce.original_message_id

Deterministic: run `python3 tests/corpus/make_corpus.py` and the files come
out byte for byte the same. README.md is written too.
"""

import base64
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DESK = "support@itdesk.example"

CASES = []


def case(name, description):
    def register(fn):
        CASES.append((name, description, fn))
        return fn
    return register


# ---------------------------------------------------------------- encoding

def lines_crlf(text):
    """`text` with \\n line ends as CRLF text."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def enc(text, charset):
    """`text` (\\n line ends) as CRLF bytes in `charset`."""
    return lines_crlf(text).encode(charset)


def qp(data, width=76):
    """Quoted-printable (RFC 2045) of `data`; lines split at LF, CRLF out."""
    out = []
    for line in data.split(b"\n"):
        if line.endswith(b"\r"):
            line = line[:-1]
        tokens = []
        for i, c in enumerate(line):
            last = i == len(line) - 1
            if (33 <= c <= 126 and c != 61) or (c in (32, 9) and not last):
                tokens.append(bytes([c]))
            else:
                tokens.append(b"=%02X" % c)
        cur = b""
        for t in tokens:
            if len(cur) + len(t) > width - 1:
                out.append(cur + b"=")
                cur = b""
            cur += t
        out.append(cur)
    return b"\r\n".join(out)


def b64(data, width=76):
    s = base64.b64encode(data)
    return b"\r\n".join(s[i:i + width] for i in range(0, len(s), width))


def ewb(text, charset, label=None):
    """One B encoded word."""
    data = text.encode(charset) if isinstance(text, str) else text
    return "=?%s?B?%s?=" % (label or charset, base64.b64encode(data).decode())


def q_body(data, header=True):
    s = ""
    for c in data:
        if c == 32 and header:
            s += "_"
        elif 48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122 or chr(c) in "!*+-/":
            s += chr(c)
        else:
            s += "=%02X" % c
    return s


def ewq(text, charset, label=None):
    """One Q encoded word."""
    data = text.encode(charset) if isinstance(text, str) else text
    return "=?%s?Q?%s?=" % (label or charset, q_body(data))


def ewb_split(text, charset, max_bytes=45, label=None, fold="\n "):
    """B encoded words of at most `max_bytes` raw bytes each, split at
    character boundaries as RFC 2047 asks."""
    words, cur = [], b""
    for ch in text:
        b = ch.encode(charset)
        if len(cur) + len(b) > max_bytes:
            words.append(cur)
            cur = b""
        cur += b
    words.append(cur)
    return fold.join(ewb(w, charset, label) for w in words)


def rfc2231(attr, value, charset="UTF-8", chunk=40):
    """`attr*0*=charset''...; attr*1*=...` continuations (RFC 2231), as
    Thunderbird writes them: attribute-chars kept, the rest %XX."""
    data = value.encode(charset)
    keep = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~")
    pieces, cur = [], ""
    for c in data:
        t = chr(c) if c in keep else "%%%02X" % c
        if len(cur) + len(t) > chunk:
            pieces.append(cur)
            cur = ""
        cur += t
    pieces.append(cur)
    out = []
    for i, p in enumerate(pieces):
        prefix = "%s''" % charset if i == 0 else ""
        out.append("%s*%d*=%s%s" % (attr, i, prefix, p))
    return ";\n ".join(out)


def blob(seed, size, head=b""):
    """Deterministic bytes standing in for a file's content."""
    out = bytearray(head)
    counter = 0
    while len(out) < size:
        out += hashlib.sha256(("%s:%d" % (seed, counter)).encode()).digest()
        counter += 1
    return bytes(out[:size])


PDF = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
       b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
       b"xref\n0 3\n0000000000 65535 f \n0000000015 00000 n \n0000000064 00000 n \n"
       b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n113\n%%EOF\n")


def flowed(paragraph, width=72, delsp=False, prefix=""):
    """One paragraph as format=flowed lines (RFC 3676): soft breaks end in a
    space. delsp=yes: the break adds a space that the reader deletes, so
    words keep their own space before it ("word  ")."""
    words = paragraph.split(" ")
    lines, cur = [], ""
    for w in words:
        cand = w if not cur else cur + " " + w
        if len(prefix) + len(cand) > width and cur:
            lines.append(cur + (" " if not delsp else "  "))
            cur = w
        else:
            cur = cand
    lines.append(cur)
    return "\n".join(prefix + l for l in lines)


# ---------------------------------------------------------------- messages

def header_block(headers):
    out = b""
    for name, value in headers:
        if isinstance(value, str):
            value = lines_crlf(value).encode("ascii")
        else:
            value = value.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        out += name.encode("ascii") + b": " + value + b"\r\n"
    return out


def message(headers, body):
    """Header list [(name, str|bytes)], body bytes (CRLF) -> raw mail."""
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    return header_block(headers) + b"\r\n" + body


def part(headers, body):
    return header_block(headers) + b"\r\n" + body


def multipart(boundary, parts, preamble=b"", close=True, epilogue=b""):
    out = preamble
    for p in parts:
        out += b"--" + boundary.encode() + b"\r\n" + p
        if not p.endswith(b"\r\n"):
            out += b"\r\n"
    if close:
        out += b"--" + boundary.encode() + b"--\r\n" + epilogue
    return out


def qid(name):
    h = hashlib.sha256(name.encode()).hexdigest().upper()
    alphabet = "0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz"
    n = int(h, 16)
    s = ""
    for _ in range(13):
        s += alphabet[n % len(alphabet)]
        n //= len(alphabet)
    return "4Z" + s


def received(name, sender, helo, ip, when, rcpt=DESK):
    """What the desk's own Postfix and Dovecot put on top of every mail."""
    return [
        ("Return-Path", "<%s>" % sender),
        ("Delivered-To", rcpt),
        ("Received", "from %s (%s [%s])\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\n"
                     "\t key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256)\n"
                     "\t(No client certificate requested)\n"
                     "\tby mx.itdesk.example (Postfix) with ESMTPS id %s\n"
                     "\tfor <%s>; %s" % (helo, helo, ip, qid(name), rcpt, when)),
    ]


def tok(ticket, participant, mac):
    return "%d.%d.%s" % (ticket, participant, mac)


def desk_mid(ticket, kind, unique):
    return "<deskd.%d.%s.%s@itdesk.example>" % (ticket, kind, unique)


# ---------------------------------------------------------------- HTML makers

WORD_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=%(charset)s">
<meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!--
/* Font Definitions */
@font-face
	{font-family:"Cambria Math";
	panose-1:2 4 5 3 5 4 6 3 2 4;}
@font-face
	{font-family:Calibri;
	panose-1:2 15 5 2 2 2 4 3 2 4;}
@font-face
	{font-family:Aptos;}
/* Style Definitions */
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{margin:0cm;
	font-size:12.0pt;
	font-family:"Aptos",sans-serif;
	mso-ligatures:standardcontextual;}
a:link, span.MsoHyperlink
	{mso-style-priority:99;
	color:#467886;
	text-decoration:underline;}
span.EmailStyle18
	{mso-style-type:personal-reply;
	font-family:"Aptos",sans-serif;
	color:windowtext;}
.MsoChpDefault
	{mso-style-type:export-only;
	font-size:10.0pt;
	mso-ligatures:none;}
@page WordSection1
	{size:612.0pt 792.0pt;
	margin:72.0pt 72.0pt 72.0pt 72.0pt;}
div.WordSection1
	{page:WordSection1;}
--></style><!--[if gte mso 9]><xml>
<o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]--><!--[if gte mso 9]><xml>
<o:shapelayout v:ext="edit">
<o:idmap v:ext="edit" data="1" />
</o:shapelayout></xml><![endif]-->
</head>
<body lang="%(lang)s" link="#467886" vlink="#96607D" style="word-wrap:break-word">
<div class="WordSection1">
"""


def html_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def word_html(lines, lang, charset, header_block_lines=None, quoted_lines=None):
    """Outlook desktop (Word) HTML: one <p class=MsoNormal> per line, empty
    lines as <o:p>&nbsp;</o:p>, the reply header in a bordered div."""
    out = WORD_HEAD % {"charset": charset, "lang": lang}
    for l in lines:
        if l == "":
            out += '<p class="MsoNormal"><span style="font-size:11.0pt"><o:p>&nbsp;</o:p></span></p>\n'
        else:
            out += '<p class="MsoNormal"><span style="font-size:11.0pt">%s<o:p></o:p></span></p>\n' % html_escape(l)
    if header_block_lines:
        out += '<p class="MsoNormal"><span style="font-size:11.0pt"><o:p>&nbsp;</o:p></span></p>\n'
        out += '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">\n'
        cells = []
        for label, value in header_block_lines:
            cells.append('<b>%s</b> %s' % (html_escape(label), html_escape(value)))
        out += ('<p class="MsoNormal"><span lang="%s" style="font-size:11.0pt;font-family:&quot;Calibri&quot;,sans-serif">'
                % lang) + "<br>\n".join(cells) + "<o:p></o:p></span></p>\n</div>\n"
        out += '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
        for l in quoted_lines or []:
            if l == "":
                out += '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>\n'
            else:
                out += '<p class="MsoNormal">%s<o:p></o:p></p>\n' % html_escape(l)
    out += "</div>\n</body>\n</html>\n"
    return out


def gmail_html(lines, attribution=None, quoted=None):
    """Gmail's HTML part: a div per line, <div><br></div> for blank lines,
    the history in div.gmail_quote with a gmail_attr line."""
    out = '<div dir="ltr">'
    for i, l in enumerate(lines):
        if i == 0:
            out += html_escape(l) if l else "<br>"
        else:
            out += "<div>%s</div>" % (html_escape(l) if l else "<br>")
    out += "</div>"
    if attribution:
        out += ('<br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">%s<br></div>'
                '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">'
                % attribution)
        out += "<br>".join(html_escape(l) for l in quoted) + "<br>"
        out += "</blockquote></div>"
    return out + "\n"


def outlook_alternative(boundary, charset, lines, lang, header_labels=None, quoted=None,
                        html_lang=None):
    """Outlook desktop's multipart/alternative body: text/plain and Word
    HTML, both quoted-printable in `charset`. A reply carries the header
    block (From:/Sent:/To:/Subject: in the UI language) and the quoted mail."""
    plain = "\n".join(lines)
    if header_labels:
        block = []
        for i, (label, value) in enumerate(header_labels):
            block.append("%s %s%s" % (label, value, " " if i == 0 else ""))
        plain += "\n\n" + "\n".join(block) + "\n\n" + "\n".join(quoted)
    html = word_html(lines, html_lang or lang, charset, header_labels, quoted)
    body = b"This is a multipart message in MIME format.\r\n\r\n"
    body += multipart(boundary, [
        part([("Content-Type", 'text/plain;\n\tcharset="%s"' % charset),
              ("Content-Transfer-Encoding", "quoted-printable")], qp(enc(plain, charset)) + b"\r\n\r\n"),
        part([("Content-Type", 'text/html;\n\tcharset="%s"' % charset),
              ("Content-Transfer-Encoding", "quoted-printable")], qp(enc(html, charset)) + b"\r\n\r\n"),
    ])
    return body


def cut(text, signoff):
    """`text` without its sign-off block: what comes from the blank line
    before the line `signoff` on (new_text drops sign-offs)."""
    return text[:text.index("\n\n" + signoff + "\n")]


def addr(address, name=None):
    return {"address": address, "name": name}


# ================================================================ labelled charsets

@case("outlook_utf8_alternative_et",
      "Outlook 16 desktop, new request in Estonian, multipart/alternative, utf-8 quoted-printable")
def _():
    lines = ["Tere!", "",
             "3. korruse printer (HP LaserJet M404dn) ei prindi alates hommikust. Ekraanil on teade "
             "„Paberiummistus“, aga paberit seal ei ole. Palun saatke keegi vaatama.",
             "", "Lugupidamisega", "Kati Tamm", "Raamatupidamine, Clients OÜ", "tel 5551 2345"]
    b = "----=_NextPart_000_000B_01DC55A1.B27B5340"
    raw = message(received("outlook_utf8_alternative_et", "kati@clients.example", "mail.clients.example",
                           "192.0.2.10", "Mon, 16 Nov 2026 09:14:29 +0200 (EET)") + [
        ("From", '"Kati Tamm" <kati@clients.example>'),
        ("To", "<support@itdesk.example>"),
        ("Subject", ewq("Printer 3. korrusel ei tööta", "utf-8")),
        ("Date", "Mon, 16 Nov 2026 09:14:27 +0200"),
        ("Message-ID", "<000a01dc5590$8d2e1b40$a78a51c0$@clients.example>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'multipart/alternative;\n\tboundary="%s"' % b),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Index", "AdxVkIxYz5m0W1hLQ3K8cT2mZ0vN1A=="),
        ("Content-Language", "et"),
    ], outlook_alternative(b, "utf-8", lines, "ET"))
    return raw, {
        "message_id": "<000a01dc5590$8d2e1b40$a78a51c0$@clients.example>",
        "subject": "Printer 3. korrusel ei tööta",
        "from": addr("kati@clients.example", "Kati Tamm"),
        "to": [addr("support@itdesk.example")],
        "date": "2026-11-16T09:14:27+02:00",
        "classification": "human", "ticket": None, "reply_token": None,
        "body_part": "text/plain", "body_charset": "utf-8", "charset_detected": None,
        "language": "et", "new_text": cut("\n".join(lines), "Lugupidamisega"), "commands": [], "attachments": [],
        "problems_nonempty": False,
    }


@case("mutt_iso8859_1_et_reply",
      "NeoMutt, iso-8859-1 8bit, Estonian bottom-posted reply to a plus-address with attribution, quote and '-- ' signature")
def _():
    token = tok(1043, 9, "q3ffk2zdwp7a4mxe")
    body = ("On Tue, Nov 17, 2026 at 08:40:02AM +0200, IT Support wrote:\n"
            "> Tere!\n"
            ">\n"
            "> Palun proovige VPN-klient uuesti käivitada ja andke teada, kas viga\n"
            "> kordub.\n"
            ">\n"
            "> IT Support\n"
            "\n"
            "Käivitasin kliendi uuesti ja nüüd ühendub, aga ühendus katkeb iga paari\n"
            "minuti järel. Veateadet ei tule, lihtsalt ikoon läheb halliks.\n"
            "\n"
            "-- \n"
            "Mart Sepp\n"
            "Clients OÜ, logistika\n"
            "tel 5555 1234\n")
    mid = desk_mid(1043, "reply", "5c1e9a07")
    raw = message(received("mutt_iso8859_1_et_reply", "mart@clients.example", "mail.clients.example",
                           "192.0.2.10", "Tue, 17 Nov 2026 10:02:13 +0200 (EET)",
                           "support+%s@itdesk.example" % token) + [
        ("Date", "Tue, 17 Nov 2026 10:02:11 +0200"),
        ("From", "Mart Sepp <mart@clients.example>"),
        ("To", "IT Support <support+%s@itdesk.example>" % token),
        ("Subject", "Re: [Ticket#1043] VPN ei " + ewq("ühendu", "iso-8859-1")),
        ("Message-ID", "<20261117080211.gk3pqx5zs2uy7b4n@laptop.clients.example>"),
        ("References", mid),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=iso-8859-1"),
        ("Content-Disposition", "inline"),
        ("Content-Transfer-Encoding", "8bit"),
        ("In-Reply-To", mid),
        ("User-Agent", "NeoMutt/20220429"),
    ], enc(body, "iso-8859-1"))
    return raw, {
        "subject": "Re: [Ticket#1043] VPN ei ühendu",
        "from": addr("mart@clients.example", "Mart Sepp"),
        "in_reply_to": mid, "references": [mid],
        "ticket": 1043, "reply_token": token, "classification": "human",
        "body_charset": "iso-8859-1", "charset_detected": None, "language": "et",
        "new_text": "Käivitasin kliendi uuesti ja nüüd ühendub, aga ühendus katkeb iga paari\n"
                    "minuti järel. Veateadet ei tule, lihtsalt ikoon läheb halliks.",
        "commands": [], "problems_nonempty": False,
    }


@case("outlook_express_iso8859_2_ro",
      "Outlook Express 6, Romanian in iso-8859-2 (cedilla letters), format=flowed, quoted-printable")
def _():
    par = ('Imprimanta de la etajul 2 nu funcţionează de ieri. Când trimit un document la imprimare, '
           'apare mesajul "Offline" şi nu se întâmplă nimic. Am repornit calculatorul, dar problema persistă.')
    body = "Bună ziua,\n\n" + flowed(par, 76) + "\n\nVă mulţumesc,\nAna Popescu\n"
    raw = message(received("outlook_express_iso8859_2_ro", "ana@clients.example", "mail.clients.example",
                           "192.0.2.10", "Wed, 18 Nov 2026 11:20:47 +0200 (EET)") + [
        ("Message-ID", "<001c01dc5742$5e6f7a80$0a00a8c0@BIROU3>"),
        ("From", '"Ana Popescu" <ana@clients.example>'),
        ("To", "<support@itdesk.example>"),
        ("Subject", ewq("Imprimanta nu funcţionează", "iso-8859-2")),
        ("Date", "Wed, 18 Nov 2026 11:20:45 +0200"),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'text/plain;\n\tformat=flowed;\n\tcharset="iso-8859-2";\n\treply-type=original'),
        ("Content-Transfer-Encoding", "quoted-printable"),
        ("X-Priority", "3"),
        ("X-MSMail-Priority", "Normal"),
        ("X-Mailer", "Microsoft Outlook Express 6.00.2900.5931"),
        ("X-MimeOLE", "Produced By Microsoft MimeOLE V6.00.2900.6157"),
    ], qp(enc(body, "iso-8859-2")))
    return raw, {
        "subject": "Imprimanta nu funcţionează",
        "from": addr("ana@clients.example", "Ana Popescu"),
        "classification": "human", "body_part": "text/plain",
        "body_charset": "iso-8859-2", "charset_detected": None, "language": "ro",
        "new_text": "Bună ziua,\n\n" + par,
        "problems_nonempty": False,
    }


@case("alpine_iso8859_5_ru",
      "Alpine 2.26, Russian in ISO-8859-5 8BIT (upper-case TEXT/PLAIN), Q-encoded ISO-8859-5 subject")
def _():
    body = ("Здравствуйте!\n\n"
            "Сканер в бухгалтерии (Canon DR-C225) перестал сохранять файлы в сетевую\n"
            "папку \\\\fs01\\scan. Пишет \"Нет доступа к папке\". Вчера всё работало.\n\n"
            "Иван Петров\n")
    raw = message(received("alpine_iso8859_5_ru", "ivan@clients.example", "mail.clients.example",
                           "192.0.2.10", "Tue, 17 Nov 2026 13:05:12 +0300 (MSK)") + [
        ("Date", "Tue, 17 Nov 2026 13:05:10 +0300 (MSK)"),
        ("From", "Ivan Petrov <ivan@clients.example>"),
        ("To", "support@itdesk.example"),
        ("Subject", ewq("Не работает сканер", "iso-8859-5", "ISO-8859-5")),
        ("Message-ID", "<alpine.DEB.2.22.394.2611171301200.48213@ws12.clients.example>"),
        ("User-Agent", "Alpine 2.26 (DEB 649 2022-06-02)"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "TEXT/PLAIN; charset=ISO-8859-5"),
        ("Content-Transfer-Encoding", "8BIT"),
    ], enc(body, "iso-8859-5"))
    return raw, {
        "subject": "Не работает сканер",
        "from": addr("ivan@clients.example", "Ivan Petrov"),
        "date": "2026-11-17T13:05:10+03:00",
        "body_part": "text/plain", "body_charset": "iso-8859-5", "charset_detected": None,
        "language": "ru", "new_text": body.strip(), "problems_nonempty": False,
    }


@case("thebat_iso8859_13_et",
      "The Bat! 10, Estonian with š/ž in iso-8859-13 8bit, The Bat! signature after '-- '")
def _():
    text = ("Tere!\n\n"
            "Minu Outlooki postkast on täis ja uusi kirju enam ei tule. Kas saaksite\n"
            "postkasti mahtu suurendada või vanad kirjad arhiivi tõsta? Šokolaad on\n"
            "ootel, kui see täna ära lahendatakse :)")
    body = text + "\n\n-- \nParimat,\n Kati                          mailto:kati@clients.example\n"
    raw = message(received("thebat_iso8859_13_et", "kati@clients.example", "mail.clients.example",
                           "192.0.2.10", "Thu, 19 Nov 2026 08:31:46 +0200 (EET)") + [
        ("Date", "Thu, 19 Nov 2026 08:31:44 +0200"),
        ("From", "Kati Tamm <kati@clients.example>"),
        ("X-Mailer", "The Bat! (v10.4.0.3) Professional"),
        ("Reply-To", "Kati Tamm <kati@clients.example>"),
        ("X-Priority", "3 (Normal)"),
        ("Message-ID", "<1849213507.20261119083144@clients.example>"),
        ("To", "support@itdesk.example"),
        ("Subject", ewq("Outlooki postkast täis", "iso-8859-13")),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=iso-8859-13"),
        ("Content-Transfer-Encoding", "8bit"),
    ], enc(body, "iso-8859-13"))
    return raw, {
        "subject": "Outlooki postkast täis",
        "from": addr("kati@clients.example", "Kati Tamm"),
        "body_charset": "iso-8859-13", "charset_detected": None, "language": "et",
        "new_text": text, "problems_nonempty": False,
    }


@case("mutt_iso8859_15_tech_commands",
      "Technician in Mutt 2.2, iso-8859-15 (€, Š, Ž), leading #status resolved and #internal, bottom quote")
def _():
    token = tok(1042, 3, "m4rk2wq7hzd5xb6c")
    text = ("Vahetasin printeris fikseerimisüksuse, osa maksis 84 € ja tuli Šveitsi\n"
            "tarnijalt. Žurnaali kanne on tehtud, arve läheb raamatupidamisse.")
    body = ("#status resolved\n#internal\n\n" + text + "\n\n"
            "On Mon, Nov 16, 2026 at 09:20:11AM +0200, IT Support wrote:\n"
            "> Uus pöördumine [Ticket#1042] kliendilt Kati Tamm <kati@clients.example>:\n"
            ">\n"
            "> 3. korruse printer (HP LaserJet M404dn) ei prindi alates hommikust.\n")
    mid = desk_mid(1042, "notify", "9b2d41c3")
    raw = message(received("mutt_iso8859_15_tech_commands", "jaan@itdesk.example", "jaan-laptop.itdesk.example",
                           "198.51.100.23", "Thu, 19 Nov 2026 10:12:05 +0200 (EET)",
                           "support+%s@itdesk.example" % token) + [
        ("Date", "Thu, 19 Nov 2026 10:12:03 +0200"),
        ("From", "Jaan Kask <jaan@itdesk.example>"),
        ("To", "support+%s@itdesk.example" % token),
        ("Subject", "Re: [Ticket#1042] Printer 3. korrusel ei " + ewq("tööta", "iso-8859-15")),
        ("Message-ID", "<aCV1c3ZmR2s8QwPx@jaan-laptop>"),
        ("References", mid),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=iso-8859-15"),
        ("Content-Disposition", "inline"),
        ("Content-Transfer-Encoding", "8bit"),
        ("In-Reply-To", mid),
        ("User-Agent", "Mutt/2.2.9 (2022-11-12)"),
    ], enc(body, "iso-8859-15"))
    return raw, {
        "subject": "Re: [Ticket#1042] Printer 3. korrusel ei tööta",
        "from": addr("jaan@itdesk.example", "Jaan Kask"),
        "ticket": 1042, "reply_token": token,
        "body_charset": "iso-8859-15", "charset_detected": None, "language": "et",
        "commands": [["status", "resolved"], ["internal", ""]],
        "new_text": text, "problems_nonempty": False,
    }


@case("outlook_windows1250_ro_reply_dela",
      "Outlook 2016 Romanian, windows-1250 („ ” ş ţ), whole subject in one Q word, reply with 'De la:/Trimis:/Către:/Subiect:' block")
def _():
    token = tok(1044, 5, "t6yhw3kd2nqb7zpa")
    lines = ["Bună ziua,", "",
             "Am încercat să schimb parola din nou, dar tot primesc eroarea „Parola nu respectă cerinţele "
             "de complexitate”. Puteţi să mi-o resetaţi dumneavoastră?",
             "", "Mulţumesc,", "Ana Popescu"]
    hdr = [("De la:", "IT Support <support@itdesk.example>"),
           ("Trimis:", "marţi, 17 noiembrie 2026 16:40"),
           ("Către:", "Ana Popescu <ana@clients.example>"),
           ("Subiect:", "[Ticket#1044] Parola expirată")]
    quoted = ["Bună ziua,", "",
              "Parola contului dumneavoastră a expirat. O puteţi schimba pe https://parola.clients.example.",
              "", "IT Support"]
    b = "----=_NextPart_000_0021_01DC5803.4A1B2C30"
    mid = desk_mid(1044, "reply", "e07f3b11")
    raw = message(received("outlook_windows1250_ro_reply_dela", "ana@clients.example", "mail.clients.example",
                           "192.0.2.10", "Wed, 18 Nov 2026 09:03:20 +0200 (EET)",
                           "support+%s@itdesk.example" % token) + [
        ("From", '"Ana Popescu" <ana@clients.example>'),
        ("To", "'IT Support' <support+%s@itdesk.example>" % token),
        ("References", mid),
        ("In-Reply-To", mid),
        ("Subject", "=?windows-1250?Q?RE:_[Ticket#1044]_Parola_expirat=E3?="),
        ("Date", "Wed, 18 Nov 2026 09:03:18 +0200"),
        ("Message-ID", "<002101dc57f2$4a1b2c30$de515490$@clients.example>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'multipart/alternative;\n\tboundary="%s"' % b),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Index", "AQHcV/JKGyww3lFUkMiI6yk1e3kCvQ=="),
        ("Content-Language", "ro"),
    ], outlook_alternative(b, "windows-1250", lines, "RO", hdr, quoted))
    return raw, {
        "subject": "RE: [Ticket#1044] Parola expirată",
        "from": addr("ana@clients.example", "Ana Popescu"),
        "ticket": 1044, "reply_token": token, "in_reply_to": mid,
        "body_part": "text/plain", "body_charset": "windows-1250", "charset_detected": None,
        "language": "ro", "new_text": cut("\n".join(lines), "Mulţumesc,"), "problems_nonempty": False,
    }


@case("outlook_windows1251_ru_reply_ot",
      "Outlook 2016 Russian, windows-1251, B-encoded subject, reply with 'От:/Отправлено:/Кому:/Тема:' block")
def _():
    token = tok(1045, 4, "v5ncq8ry3ktw2jfh")
    lines = ["Добрый день!", "",
             "Сканер снова сохраняет файлы, спасибо. Но теперь при сканировании в PDF получается "
             "пустая первая страница. Можно это исправить?",
             "", "С уважением,", "Иван Петров", "главный бухгалтер"]
    hdr = [("От:", "IT Support <support@itdesk.example>"),
           ("Отправлено:", "среда, 18 ноября 2026 г. 15:02"),
           ("Кому:", "Иван Петров <ivan@clients.example>"),
           ("Тема:", "[Ticket#1045] Не работает сканер")]
    quoted = ["Здравствуйте!", "",
              "Мы перезапустили службу сканирования на сервере. Проверьте, пожалуйста.", "", "IT Support"]
    b = "----=_NextPart_000_0035_01DC5813.9E2F4A10"
    mid = desk_mid(1045, "reply", "2a8c6d90")
    raw = message(received("outlook_windows1251_ru_reply_ot", "ivan@clients.example", "mail.clients.example",
                           "192.0.2.10", "Wed, 18 Nov 2026 16:20:03 +0300 (MSK)",
                           "support+%s@itdesk.example" % token) + [
        ("From", ewb("Иван Петров", "windows-1251") + " <ivan@clients.example>"),
        ("To", "'IT Support' <support+%s@itdesk.example>" % token),
        ("References", mid),
        ("In-Reply-To", mid),
        ("Subject", ewb("RE: [Ticket#1045] Не работает сканер", "windows-1251")),
        ("Date", "Wed, 18 Nov 2026 16:20:01 +0300"),
        ("Message-ID", "<003501dc5802$9e2f4a10$da8dde30$@clients.example>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'multipart/alternative;\n\tboundary="%s"' % b),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Index", "AQHcWAKdLuBR0Ym7Q0GJ3bCs1xA2xA=="),
        ("Content-Language", "ru"),
    ], outlook_alternative(b, "windows-1251", lines, "RU", hdr, quoted))
    return raw, {
        "subject": "RE: [Ticket#1045] Не работает сканер",
        "from": addr("ivan@clients.example", "Иван Петров"),
        "ticket": 1045, "reply_token": token,
        "body_part": "text/plain", "body_charset": "windows-1251", "charset_detected": None,
        "language": "ru", "new_text": cut("\n".join(lines), "С уважением,"), "problems_nonempty": False,
    }


@case("outlook_windows1252_en_original_message",
      "Outlook 2016 plain-text compose, windows-1252 smart quotes/en dash/€, reply above '-----Original Message-----'")
def _():
    text = ("Hi,\n\n"
            "Still no luck – I can’t open the “Finance” share, it says “Access denied”. The invoice run "
            "(€12,400) has to go out today, so this is urgent.\n\n"
            "Thanks,\nJohn")
    body = (text + "\n\n-----Original Message-----\n"
            "From: IT Support <support@itdesk.example> \n"
            "Sent: Tuesday, November 17, 2026 2:05 PM\n"
            "To: John Smith <john@clients.example>\n"
            "Subject: [Ticket#1046] Access to the Finance share\n\n"
            "Hello John,\n\n"
            "We have added you to the Finance group. Please log off and on again and try once more.\n\n"
            "IT Support\n")
    mid = desk_mid(1046, "reply", "77d0e5a2")
    raw = message(received("outlook_windows1252_en_original_message", "john@clients.example",
                           "mail.clients.example", "192.0.2.10", "Tue, 17 Nov 2026 14:31:09 +0000 (UTC)") + [
        ("From", '"John Smith" <john@clients.example>'),
        ("To", '"\'IT Support\'" <support@itdesk.example>'),
        ("References", mid),
        ("In-Reply-To", mid),
        ("Subject", "RE: [Ticket#1046] Access to the Finance share"),
        ("Date", "Tue, 17 Nov 2026 14:31:07 -0000"),
        ("Message-ID", "<000f01dc5798$0c7e2d90$257a88b0$@clients.example>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'text/plain;\n\tcharset="windows-1252"'),
        ("Content-Transfer-Encoding", "quoted-printable"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Index", "AQHcV5gMfi2QJXqIsCt0TmVxlW3ZNA=="),
        ("Content-Language", "en-gb"),
    ], qp(enc(body, "windows-1252")))
    return raw, {
        "subject": "RE: [Ticket#1046] Access to the Finance share",
        "from": addr("john@clients.example", "John Smith"),
        "ticket": 1046, "reply_token": None,
        "body_charset": "windows-1252", "charset_detected": None, "language": "en",
        "new_text": cut(text, "Thanks,"), "problems_nonempty": False,
    }


@case("outlook_windows1257_et_reply_saatja",
      "Outlook 2016 Estonian, windows-1257 (š, ž, en dash), reply with 'Saatja:/Saadetud:/Adressaat:/Teema:' block")
def _():
    token = tok(1042, 2, "f7e3a9pq4bkc2wyx")
    lines = ["Tere!", "",
             "Jaan käis ja vahetas tooneri, aga nüüd ei tunne arvuti printerit enam ära – draiveri paigaldus "
             "jääb poole peal seisma. Kas saaksite kaugühenduse kaudu vaadata? Ma olen kohal kella 16-ni, "
             "hiljem saab Žanna arvuti juures olla.",
             "", "Kati"]
    hdr = [("Saatja:", "IT Support <support@itdesk.example>"),
           ("Saadetud:", "kolmapäev, 18. november 2026 10:05"),
           ("Adressaat:", "Kati Tamm <kati@clients.example>"),
           ("Teema:", "[Ticket#1042] Printer 3. korrusel ei tööta")]
    quoted = ["Tere!", "", "Meie tehnik Jaan Kask tuleb täna kella 11 paiku tooneri vahetama.", "",
              "IT Support"]
    b = "----=_NextPart_000_0047_01DC5812.6B1E2F70"
    mid = desk_mid(1042, "reply", "c3f81a56")
    raw = message(received("outlook_windows1257_et_reply_saatja", "kati@clients.example", "mail.clients.example",
                           "192.0.2.10", "Wed, 18 Nov 2026 13:44:52 +0200 (EET)",
                           "support+%s@itdesk.example" % token) + [
        ("From", '"Kati Tamm" <kati@clients.example>'),
        ("To", "'IT Support' <support+%s@itdesk.example>" % token),
        ("References", mid),
        ("In-Reply-To", mid),
        ("Subject", "=?windows-1257?Q?RE:_[Ticket#1042]_Printer_3._korrusel_ei_t=F6=F6ta?="),
        ("Date", "Wed, 18 Nov 2026 13:44:50 +0200"),
        ("Message-ID", "<004701dc57f9$6b1e2f70$415a8e50$@clients.example>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'multipart/alternative;\n\tboundary="%s"' % b),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Index", "AQHcV/lrHi9wQVqOUCMyzp1zvwoFvg=="),
        ("Content-Language", "et"),
    ], outlook_alternative(b, "windows-1257", lines, "ET", hdr, quoted))
    return raw, {
        "subject": "RE: [Ticket#1042] Printer 3. korrusel ei tööta",
        "from": addr("kati@clients.example", "Kati Tamm"),
        "ticket": 1042, "reply_token": token,
        "body_part": "text/plain", "body_charset": "windows-1257", "charset_detected": None,
        "language": "et", "new_text": "\n".join(lines), "problems_nonempty": False,
    }


@case("lotus_notes_koi8r_ru_reply",
      "IBM Notes 9, KOI8-R quoted-printable, 'Content-type' in Notes' case, reply above a tab-separated From:/To:/Date:/Subject: block")
def _():
    token = tok(1049, 12, "w3hq7zmc5rkp2dya")
    text = ("Добрый день!\n\n"
            "Спасибо, письма от контрагентов снова приходят. Заявку можно закрывать.\n\n"
            "С уважением,\nСергей Волков\nотдел снабжения")
    body = (text + "\n\n\n\n"
            "From:\t\"IT Support\" <support@itdesk.example>\n"
            "To:\tsergei@clients.example\n"
            "Date:\t18.11.2026 17:10\n"
            "Subject:\t[Ticket#1049] Не приходят письма от контрагентов\n\n\n\n"
            "Здравствуйте!\n\n"
            "Письма задерживал спам-фильтр, мы добавили домены контрагентов в белый список.\n"
            "Проверьте, пожалуйста.\n\n"
            "IT Support\n")
    mid = desk_mid(1049, "reply", "4e0b9f27")
    raw = message(received("lotus_notes_koi8r_ru_reply", "sergei@clients.example", "notes01.clients.example",
                           "192.0.2.31", "Thu, 19 Nov 2026 09:47:15 +0300 (MSK)",
                           "support+%s@itdesk.example" % token) + [
        ("In-Reply-To", mid),
        ("References", mid),
        ("Subject", ewb("Re: [Ticket#1049] Не приходят письма от контрагентов", "koi8-r", "KOI8-R")),
        ("To", '"IT Support" <support+%s@itdesk.example>' % token),
        ("From", "=?KOI8-R?B?%s?= <sergei@clients.example>" % base64.b64encode("Сергей Волков".encode("koi8-r")).decode()),
        ("Message-ID", "<OFA4B7C2D1.6E3F9A85-ON43258C8A.0023E4F1-43258C8A.0024B7A3@clients.example>"),
        ("Date", "Thu, 19 Nov 2026 09:47:12 +0300"),
        ("X-Mailer", "IBM Notes Release 9.0.1FP10 SHF383 July 2, 2018"),
        ("X-MIMETrack", "Serialize by Router on NOTES01/Clients(Release 9.0.1FP10 HF197|December 12, 2018) at\n"
                        " 19.11.2026 09:47:13"),
        ("MIME-Version", "1.0"),
        ("Content-type", "text/plain; charset=KOI8-R"),
        ("Content-transfer-encoding", "quoted-printable"),
    ], qp(enc(body, "koi8-r")))
    return raw, {
        "subject": "Re: [Ticket#1049] Не приходят письма от контрагентов",
        "from": addr("sergei@clients.example", "Сергей Волков"),
        "ticket": 1049, "reply_token": token,
        "body_charset": "koi8-r", "charset_detected": None, "language": "ru",
        "new_text": cut(text, "С уважением,"), "problems_nonempty": False,
    }


# ================================================================ unlabelled 8-bit

@case("php_unlabelled_cp1251_ru",
      "PHP mail() web form: no MIME headers at all, raw windows-1251 bytes in Subject and body")
def _():
    subject = "Заявка с сайта: не запускается 1С"
    body = ("Имя: Иван Петров\n"
            "Телефон: +7 912 555-12-34\n"
            "Сообщение: После обновления не запускается 1С:Бухгалтерия, при запуске выдаёт ошибку "
            "\"Нарушена целостность системы\". Прошу помочь срочно, сегодня сдаём отчётность.\n")
    raw = message([
        ("Return-Path", "<www-data@web.clients.example>"),
        ("Delivered-To", DESK),
        ("Received", "from web.clients.example (web.clients.example [192.0.2.80])\n"
                     "\tby mx.itdesk.example (Postfix) with ESMTP id %s\n"
                     "\tfor <support@itdesk.example>; Thu, 19 Nov 2026 10:12:03 +0300 (MSK)" % qid("php")),
        ("Received", "by web.clients.example (Postfix, from userid 33)\n"
                     "\tid 3A1F8C0F12; Thu, 19 Nov 2026 10:12:01 +0300 (MSK)"),
        ("To", "support@itdesk.example"),
        ("Subject", subject.encode("windows-1251")),
        ("X-PHP-Originating-Script", "1000:form.php"),
        ("From", "ivan@clients.example"),
        ("Reply-To", "ivan@clients.example"),
        ("X-Mailer", "PHP/7.4.33"),
        ("Message-Id", "<20261119071201.3A1F8C0F12@web.clients.example>"),
        ("Date", "Thu, 19 Nov 2026 10:12:01 +0300 (MSK)"),
    ], enc(body, "windows-1251"))
    return raw, {
        "subject": subject,
        "from": addr("ivan@clients.example"),
        "body_charset": None, "charset_detected": "windows-1251", "language": "ru",
        "new_text": body.strip(),
    }


@case("mailx_unlabelled_koi8r_ru",
      "BSD mail(1) on an old KOI8-R server: no MIME headers, raw KOI8-R body")
def _():
    body = ("Ночной бэкап на srv-buh опять не прошёл. В логе:\n"
            "rsync error: some files could not be transferred (code 23)\n"
            "Диск заполнен на 97%, посмотрите, пожалуйста.\n\n"
            "Иван\n")
    raw = message(received("mailx_unlabelled_koi8r_ru", "ivan@srv-buh.clients.example", "srv-buh.clients.example",
                           "192.0.2.44", "Fri, 20 Nov 2026 08:05:35 +0300 (MSK)") + [
        ("Received", "by srv-buh.clients.example (Postfix, from userid 1000)\n"
                     "\tid 6C2B41A0452; Fri, 20 Nov 2026 08:05:33 +0300 (MSK)"),
        ("To", "support@itdesk.example"),
        ("Subject", "backup failed on srv-buh"),
        ("Message-Id", "<20261120050533.6C2B41A0452@srv-buh.clients.example>"),
        ("Date", "Fri, 20 Nov 2026 08:05:33 +0300 (MSK)"),
        ("From", "ivan@srv-buh.clients.example (Ivan Petrov)"),
    ], enc(body, "koi8-r"))
    return raw, {
        "subject": "backup failed on srv-buh",
        "from": addr("ivan@srv-buh.clients.example", "Ivan Petrov"),
        "body_charset": None, "charset_detected": "koi8-r", "language": "ru",
        "new_text": body.strip(),
    }


@case("unlabelled_iso8859_13_et",
      "In-house HR mailer: Content-Type text/plain without charset, Estonian with Ž/Š in iso-8859-13 bytes")
def _():
    body = ("Tere!\n\n"
            "Palun andke uuele töötajale Žanna Šmidtile kaugtöö ligipääs (VPN ja Outlook).\n"
            "Ta alustab esmaspäeval, 23. novembril raamatupidamises.\n\n"
            "Tänan,\nKati Tamm\n")
    raw = message(received("unlabelled_iso8859_13_et", "kati@clients.example", "hr.clients.example",
                           "192.0.2.61", "Fri, 20 Nov 2026 09:31:02 +0200 (EET)") + [
        ("Date", "Fri, 20 Nov 2026 09:31:00 +0200"),
        ("From", "Kati Tamm <kati@clients.example>"),
        ("To", "support@itdesk.example"),
        ("Subject", "Kaugtoo ligipaas uuele tootajale"),
        ("Message-ID", "<hr.20261120093100.5521@hr.clients.example>"),
        ("X-Mailer", "personal-db 3.2"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain"),
        ("Content-Transfer-Encoding", "8bit"),
    ], enc(body, "iso-8859-13"))
    return raw, {
        "body_charset": None, "charset_detected_one_of": ["iso-8859-13", "windows-1257"],
        "language": "et", "new_text": cut(body.strip(), "Tänan,"),
    }


@case("phpmailer_empty_charset_iso8859_15_et",
      "PHPMailer 5.2 with an empty CharSet ('charset=' label), web form in Estonian, iso-8859-15 bytes (š, ž)")
def _():
    body = ("Nimi: Mari Kask\n"
            "E-post: mari@clients.example\n"
            "Telefon: 5123 4567\n\n"
            "Teade:\n"
            "Koosolekuruumi WiFi võrk ei ühendu ühegi sülearvutiga, telefonid saavad ühenduse. "
            "Täna kell 14 on seal Šveitsi partnerite koosolek ja žürii esitlus, palun vaadake enne seda üle.\n")
    raw = message(received("phpmailer_empty_charset_iso8859_15_et", "veebivorm@clients.example",
                           "web.clients.example", "192.0.2.80", "Thu, 19 Nov 2026 12:30:13 +0200 (EET)") + [
        ("Date", "Thu, 19 Nov 2026 12:30:11 +0200"),
        ("To", "support@itdesk.example"),
        ("From", "Veebivorm <veebivorm@clients.example>"),
        ("Reply-To", "Mari Kask <mari@clients.example>"),
        ("Subject", "Kontaktivorm: WiFi ei toimi"),
        ("Message-ID", "<Xq3Lk9PzT2aVbN8sR1mW4cJ6hG0fY7eD5uI@web.clients.example>"),
        ("X-Mailer", "PHPMailer 5.2.28 (https://github.com/PHPMailer/PHPMailer)"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset="),
        ("Content-Transfer-Encoding", "8bit"),
    ], enc(body, "iso-8859-15"))
    return raw, {
        "from": addr("veebivorm@clients.example", "Veebivorm"),
        "classification": "human",
        "charset_detected": "iso-8859-15", "language": "et", "new_text": body.strip(),
    }


@case("intranet_unlabelled_windows1250_ro",
      "Intranet notifier: text/plain without charset, Romanian in windows-1250 bytes („ ” ş ţ ă î)")
def _():
    body = ("Bună ziua,\n\n"
            "Vă rog să îmi acordaţi acces de citire la dosarul „Contabilitate 2026” de pe serverul de fişiere. "
            "Colega mea, doamna Ionescu, este în concediu şi trebuie să preiau facturile ei.\n\n"
            "Mulţumesc,\nAna Popescu\n")
    raw = message(received("intranet_unlabelled_windows1250_ro", "ana@clients.example", "intranet.clients.example",
                           "192.0.2.70", "Fri, 20 Nov 2026 09:02:43 +0200 (EET)") + [
        ("From", "Ana Popescu <ana@clients.example>"),
        ("To", "support@itdesk.example"),
        ("Subject", "Cerere acces dosar Contabilitate"),
        ("Date", "Fri, 20 Nov 2026 09:02:41 +0200"),
        ("Message-ID", "<20261120090241.118@intranet.clients.example>"),
        ("X-Mailer", "intranet-notify/1.4"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain"),
        ("Content-Transfer-Encoding", "8bit"),
    ], enc(body, "windows-1250"))
    return raw, {
        "body_charset": None, "charset_detected": "windows-1250", "language": "ro",
        "new_text": cut(body.strip(), "Mulţumesc,"),
    }


# ================================================================ mislabelled

@case("thebat_mislabelled_usascii_cp1251",
      "The Bat! 3.99 misconfigured: declares charset=us-ascii, 8bit body is windows-1251 Russian")
def _():
    body = ("Здравствуйте!\n\n"
            "После вчерашнего обновления Windows не открывается Outlook: висит на заставке\n"
            "\"Загрузка профиля\". Перезагружал два раза, не помогло.\n\n"
            "Иван\n")
    raw = message(received("thebat_mislabelled_usascii_cp1251", "ivan@clients.example", "mail.clients.example",
                           "192.0.2.10", "Fri, 20 Nov 2026 09:15:40 +0300 (MSK)") + [
        ("Date", "Fri, 20 Nov 2026 09:15:38 +0300"),
        ("From", "Ivan Petrov <ivan@clients.example>"),
        ("X-Mailer", "The Bat! (v3.99.3) Professional"),
        ("Reply-To", "Ivan Petrov <ivan@clients.example>"),
        ("X-Priority", "3 (Normal)"),
        ("Message-ID", "<203918552.20261120091538@clients.example>"),
        ("To", "support@itdesk.example"),
        ("Subject", "Outlook ne otkryvaetsya"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=us-ascii"),
        ("Content-Transfer-Encoding", "8bit"),
    ], enc(body, "windows-1251"))
    return raw, {
        "subject": "Outlook ne otkryvaetsya",
        "body_charset": "us-ascii", "charset_detected": "windows-1251", "language": "ru",
        "new_text": body.strip(),
    }


@case("javamail_mislabelled_latin1_utf8",
      "Self-service portal (JavaMail) relaying a request: declares ISO-8859-1, 8bit body is UTF-8 Estonian")
def _():
    body = ("Taotleja: Kati Tamm (raamatupidamine)\n"
            "Taotlus: ligipääs Directo ostumoodulile\n"
            "Põhjendus: Alates 1. detsembrist kinnitan mina ostutellimusi, sest kolleeg läheb "
            "lapsehoolduspuhkusele. Palun lisage õigused võimalikult kiiresti.\n")
    raw = message(received("javamail_mislabelled_latin1_utf8", "portal@clients.example", "app01.clients.example",
                           "192.0.2.90", "Fri, 20 Nov 2026 11:45:11 +0200 (EET)") + [
        ("Date", "Fri, 20 Nov 2026 11:45:09 +0200 (EET)"),
        ("From", "Iseteenindus <portal@clients.example>"),
        ("Reply-To", "kati@clients.example"),
        ("To", "support@itdesk.example"),
        ("Message-ID", "<1284471520.4127.1795167909412.JavaMail.portal@app01.clients.example>"),
        ("Subject", "Uus taotlus: ligipaas Directo moodulile"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=ISO-8859-1"),
        ("Content-Transfer-Encoding", "8bit"),
    ], enc(body, "utf-8"))
    return raw, {
        "from": addr("portal@clients.example", "Iseteenindus"),
        "classification": "human",
        "body_charset": "iso-8859-1", "charset_detected": "utf-8", "language": "et",
        "new_text": body.strip(),
    }


@case("outlook_express_mislabelled_latin1_cp1251",
      "Outlook Express 6 set to Western: iso-8859-1 label on windows-1251 bytes, in the QP body and in the Q-encoded subject")
def _():
    body = ("Добрый день.\n\n"
            "Принтер в приёмной печатает только пустые листы. Картридж меняли на прошлой неделе.\n\n"
            "Елена\n")
    subject = "Не печатает принтер"
    raw = message(received("outlook_express_mislabelled_latin1_cp1251", "elena@clients.example",
                           "mail.clients.example", "192.0.2.10", "Fri, 20 Nov 2026 10:01:22 +0300 (MSK)") + [
        ("Message-ID", "<000801dc5a6b$2d9c4e10$0201a8c0@PRIEMNAYA>"),
        ("From", '"Elena Kozlova" <elena@clients.example>'),
        ("To", "<support@itdesk.example>"),
        ("Subject", ewq(subject.encode("windows-1251"), None, "iso-8859-1")),
        ("Date", "Fri, 20 Nov 2026 10:01:20 +0300"),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'text/plain;\n\tcharset="iso-8859-1"'),
        ("Content-Transfer-Encoding", "quoted-printable"),
        ("X-Priority", "3"),
        ("X-MSMail-Priority", "Normal"),
        ("X-Mailer", "Microsoft Outlook Express 6.00.2900.5512"),
        ("X-MimeOLE", "Produced By Microsoft MimeOLE V6.00.2900.5512"),
    ], qp(enc(body, "windows-1251")))
    return raw, {
        "subject": subject,
        "body_charset": "iso-8859-1", "charset_detected": "windows-1251", "language": "ru",
        "new_text": body.strip(),
    }


@case("erp_noreply_mislabelled_usascii_utf8",
      "ERP robot notification from noreply@: declares us-ascii, 8bit body is UTF-8 Estonian (with €)")
def _():
    body = ("Ostutellimus nr 45120 (tarnija: Arvutimaailm OÜ, summa 2 349,00 €) ootab Teie kinnitamist.\n"
            "Kinnitamiseks avage: https://erp.clients.example/po/45120\n\n"
            "See on automaatne teade, palun ärge vastake sellele kirjale.\n")
    raw = message(received("erp_noreply_mislabelled_usascii_utf8", "noreply@erp.clients.example",
                           "erp.clients.example", "192.0.2.95", "Fri, 20 Nov 2026 07:00:04 +0200 (EET)") + [
        ("Date", "Fri, 20 Nov 2026 07:00:02 +0200"),
        ("From", "Directo ERP <noreply@erp.clients.example>"),
        ("To", "support@itdesk.example"),
        ("Subject", "Ostutellimus 45120 ootab kinnitamist"),
        ("Message-ID", "<erp.po.45120.1795150802@erp.clients.example>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=us-ascii"),
        ("Content-Transfer-Encoding", "8bit"),
        ("X-Mailer", "Directo Mailer 4.2"),
    ], enc(body, "utf-8"))
    return raw, {
        "from": addr("noreply@erp.clients.example", "Directo ERP"),
        "classification": "noreply",
        "body_charset": "us-ascii", "charset_detected": "utf-8", "language": "et",
        "new_text": body.strip(),
    }


# ================================================================ RFC 2047 headers

@case("subject_split_mid_multibyte",
      "1C:Enterprise mailer: UTF-8 subject and From name split into encoded words in the middle of a character (B and Q)")
def _():
    subject = "Не работает принтер в приёмной, срочно нужна помощь"
    data = subject.encode("utf-8")
    words, i, n = [], 0, 0
    for size in (27, 31, 25, 33, 100):  # odd sizes: every cut falls inside a Cyrillic letter
        if i >= len(data):
            break
        words.append(ewb(data[i:i + size], None, "UTF-8"))
        i += size
    name = "Елена Козлова".encode("utf-8")
    from_name = ewq(name[:11], None, "UTF-8") + "\n " + ewq(name[11:], None, "UTF-8")
    body = ("Принтер в приёмной не печатает с утра, горит красная лампочка. Посетители ждут документы.\n\n"
            "Елена Козлова\nсекретарь\n")
    raw = message(received("subject_split_mid_multibyte", "elena@clients.example", "mail.clients.example",
                           "192.0.2.10", "Fri, 20 Nov 2026 10:30:05 +0300 (MSK)") + [
        ("MIME-Version", "1.0"),
        ("Date", "Fri, 20 Nov 2026 10:30:03 +0300"),
        ("From", from_name + " <elena@clients.example>"),
        ("To", "support@itdesk.example"),
        ("Subject", "\n ".join(words)),
        ("Message-ID", "<5f1c0b7e2a9d4e88b3c6@srv1c.clients.example>"),
        ("X-Mailer", "1C:Enterprise 8.3"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "base64"),
    ], b64(enc(body, "utf-8")))
    return raw, {
        "subject": subject,
        "from": addr("elena@clients.example", "Елена Козлова"),
        "language": "ru", "new_text": body.strip(), "problems_nonempty": False,
    }


@case("subject_mixed_charsets_q_b",
      "Claws Mail forward keeping the original words: KOI8-R B word + windows-1257 Q word + plain text in Subject, iso-8859-13/utf-8/iso-8859-2 names")
def _():
    subject = ("Fwd: [Ticket#1047] " + ewb("Нет доступа к папке", "koi8-r") + " "
               + ewq(" / ligipääs puudub", "windows-1257") + " (2)")
    body = ("Saadan edasi Ivani kirja, meil on kaustaga sama probleem.\n\n"
            "Jüri\n\n"
            "Begin forwarded message:\n\n"
            "Date: Mon, 16 Nov 2026 16:55:02 +0300\n"
            "From: Иван Петров <ivan@clients.example>\n"
            "To: support@itdesk.example\n"
            "Subject: [Ticket#1047] Нет доступа к папке\n\n"
            "Не открывается папка \\\\fs01\\finance, пишет \"Отказано в доступе\".\n")
    raw = message(received("subject_mixed_charsets_q_b", "jyri@clients.example", "mail.clients.example",
                           "192.0.2.10", "Tue, 17 Nov 2026 08:12:44 +0200 (EET)") + [
        ("Date", "Tue, 17 Nov 2026 08:12:42 +0200"),
        ("From", ewq("Jüri Šamanin", "iso-8859-13") + " <jyri@clients.example>"),
        ("To", "support@itdesk.example"),
        ("Cc", ewb("Иван Петров", "utf-8") + " <ivan@clients.example>,\n "
               + ewq("Ana Popescu (Biroul Bucureşti)", "iso-8859-2") + " <ana@clients.example>"),
        ("Subject", subject),
        ("Message-ID", "<20261117081242.6d1f0a2c@jyri-pc>"),
        ("X-Mailer", "Claws Mail 4.1.1 (GTK 3.24.38; x86_64-pc-linux-gnu)"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ], enc(body, "utf-8"))
    return raw, {
        "subject": "Fwd: [Ticket#1047] Нет доступа к папке / ligipääs puudub (2)",
        "from": addr("jyri@clients.example", "Jüri Šamanin"),
        "cc": [addr("ivan@clients.example", "Иван Петров"),
               addr("ana@clients.example", "Ana Popescu (Biroul Bucureşti)")],
        "ticket": 1047, "problems_nonempty": False,
    }


@case("subject_unterminated_encoded_word",
      "Subject cut by a relay inside an encoded word (no closing '?='): readable text and a problem")
def _():
    body = ("Tere!\n\nRuuter taaskäivitub iga paari tunni järel ja siis on kogu kontor ilma internetita.\n\nKati\n")
    raw = message(received("subject_unterminated_encoded_word", "kati@clients.example", "mail.clients.example",
                           "192.0.2.10", "Fri, 20 Nov 2026 13:10:11 +0200 (EET)") + [
        ("Date", "Fri, 20 Nov 2026 13:10:09 +0200"),
        ("From", "Kati Tamm <kati@clients.example>"),
        ("To", "support@itdesk.example"),
        ("Subject", "Re: =?utf-8?Q?V=C3=B5rgu_probleem_ruuteriga"),
        ("Message-ID", "<b2a7e1c0-7d3f-4c55-9e1a-0f6b8d2c4e19@clients.example>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ], enc(body, "utf-8"))
    return raw, {
        "subject": "Re: Võrgu probleem ruuteriga",
        "new_text": body.strip(), "problems_nonempty": True,
    }


@case("header_odd_encoded_word_labels",
      "CRM mailer with wrong or unknown labels in encoded words: us-ascii on UTF-8 bytes, x-unknown, utf8, cp-1251")
def _():
    body = "Принтер в переговорной печатает полосами.\n\nЕлена\n"
    raw = message(received("header_odd_encoded_word_labels", "crm@clients.example", "crm.clients.example",
                           "192.0.2.85", "Fri, 20 Nov 2026 14:02:33 +0300 (MSK)") + [
        ("Date", "Fri, 20 Nov 2026 14:02:31 +0300"),
        ("From", ewb("Елена Козлова", "utf-8", "x-unknown") + " <elena@clients.example>"),
        ("To", ewb("Служба поддержки", "utf-8", "utf8") + " <support@itdesk.example>"),
        ("Cc", ewb("Иван Петров", "windows-1251", "cp-1251") + " <ivan@clients.example>"),
        ("Subject", ewq("Принтер не печатает", "utf-8", "us-ascii")),
        ("Message-ID", "<crm.8f21d6@crm.clients.example>"),
        ("X-Mailer", "OnlineCRM mailer 2.0"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ], enc(body, "utf-8"))
    return raw, {
        "subject": "Принтер не печатает",
        "from": addr("elena@clients.example", "Елена Козлова"),
        "to": [addr("support@itdesk.example", "Служба поддержки")],
        "cc": [addr("ivan@clients.example", "Иван Петров")],
    }


@case("rfc6532_utf8_headers",
      "Raw UTF-8 in Subject, From, To and Cc (RFC 6532, SMTPUTF8), including an internationalised mailbox")
def _():
    body = ("Tere!\n\nÕues olev turvakaamera ei salvesta alates eilsest õhtust midagi. "
            "Ekraanil on ainult must pilt ja kiri „Ühendus puudub“.\n\nÜlle\n")
    raw = message(received("rfc6532_utf8_headers", "ylle@clients.example", "mail.clients.example",
                           "192.0.2.10", "Fri, 20 Nov 2026 15:20:02 +0200 (EET)") + [
        ("Content-Type", "text/plain; charset=\"utf-8\""),
        ("Content-Transfer-Encoding", "8bit"),
        ("MIME-Version", "1.0"),
        ("Subject", "Õues olev kaamera ei salvesta".encode("utf-8")),
        ("From", "Ülle Õunapuu <ylle@clients.example>".encode("utf-8")),
        ("To", "IT-tugi <support@itdesk.example>"),
        ("Cc", "Андрей Смирнов <андрей@clients.example>".encode("utf-8")),
        ("Date", "Fri, 20 Nov 2026 15:20:00 +0200"),
        ("Message-ID", "<179519880012.4412.1829934412@ws-ylle.clients.example>"),
        ("X-Mailer", "Python smtplib (email.policy.SMTPUTF8)"),
    ], enc(body, "utf-8"))
    return raw, {
        "subject": "Õues olev kaamera ei salvesta",
        "from": addr("ylle@clients.example", "Ülle Õunapuu"),
        "cc": [addr("андрей@clients.example", "Андрей Смирнов")],
        "language": "et", "new_text": body.strip(), "problems_nonempty": False,
    }


@case("header_8bit_cp1251_from_unlabelled",
      "Old 1C/The Bat! set-up: From name and Subject as raw windows-1251 bytes, no encoded words; "
      "the body labelled windows-1251 is the hint")
def _():
    body = ("Добрый день!\n\nВ бухгалтерии не печатает сетевой принтер, очередь печати стоит.\n\n"
            "Ольга Кузнецова\n")
    raw = message(received("header_8bit_cp1251_from_unlabelled", "olga@clients.example",
                           "buh.clients.example", "192.0.2.41",
                           "Mon, 23 Nov 2026 09:12:40 +0300 (MSK)") + [
        ("From", "Ольга Кузнецова <olga@clients.example>".encode("windows-1251")),
        ("To", "support@itdesk.example"),
        ("Subject", "Не печатает принтер в бухгалтерии".encode("windows-1251")),
        ("Date", "Mon, 23 Nov 2026 09:12:38 +0300"),
        ("Message-ID", "<20261123091238.1C.4471@buh.clients.example>"),
        ("X-Mailer", "1C:Enterprise 8.3"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=windows-1251"),
        ("Content-Transfer-Encoding", "8bit"),
    ], enc(body, "windows-1251"))
    return raw, {
        "subject": "Не печатает принтер в бухгалтерии",
        "from": addr("olga@clients.example", "Ольга Кузнецова"),
        "language": "ru", "new_text": body.strip(),
    }


@case("header_encoded_word_alias_labels",
      "From name and Subject in encoded words labelled with aliases iconv does not know as such "
      "(cp-1251, win-1257): resolved; the space between the words is inside the second, as RFC 2047 drops it between them")
def _():
    body = "Labas, Tere!\n\nVPN ei ühendu alates hommikust.\n\nRūta\n"
    raw = message(received("header_encoded_word_alias_labels", "ruta@clients.example",
                           "mail.clients.example", "192.0.2.42",
                           "Mon, 23 Nov 2026 10:02:11 +0200 (EET)") + [
        ("From", ewb("Rūta Kalniņa", "windows-1257", "win-1257") + " <ruta@clients.example>"),
        ("To", "support@itdesk.example"),
        ("Subject", ewq("VPN ei ühendu", "windows-1257", "win-1257") + " " +
                    ewb(" (проверено)", "windows-1251", "cp-1251")),
        ("Date", "Mon, 23 Nov 2026 10:02:09 +0200"),
        ("Message-ID", "<b1c2d3e4.5f60@mail.clients.example>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ], enc(body, "utf-8"))
    return raw, {
        "subject": "VPN ei ühendu (проверено)",
        "from": addr("ruta@clients.example", "Rūta Kalniņa"),
        "new_text_contains": ["VPN ei ühendu alates hommikust."],
    }


# ================================================================ charset labels

@case("label_x_unknown_cp1251",
      "Fax-to-mail gateway: charset=x-unknown, 8bit windows-1251 Russian; the label is reported as a problem")
def _():
    body = ("Добрый день!\n\n"
            "Не могу подключиться к удалённому рабочему столу, пишет \"Учётные данные не работают\".\n"
            "Пароль вводил правильно, вчера всё работало.\n\n"
            "Иван Петров\n")
    raw = message(received("label_x_unknown_cp1251", "ivan@clients.example", "faxgate.clients.example",
                           "192.0.2.66", "Fri, 20 Nov 2026 11:05:52 +0300 (MSK)") + [
        ("From", "Ivan Petrov <ivan@clients.example>"),
        ("To", "support@itdesk.example"),
        ("Subject", "RDP ne rabotaet"),
        ("Date", "Fri, 20 Nov 2026 11:05:50 +0300"),
        ("Message-ID", "<FG31.0019224@faxgate.clients.example>"),
        ("X-Mailer", "FaxGate 3.1"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=x-unknown"),
        ("Content-Transfer-Encoding", "8bit"),
    ], enc(body, "windows-1251"))
    return raw, {
        "body_charset": "x-unknown", "charset_detected": "windows-1251", "language": "ru",
        "new_text": body.strip(), "problems_nonempty": True,
    }


@case("label_cp_1251",
      "1C:Enterprise mail client: charset=cp-1251 (a label iconv does not know as written), quoted-printable")
def _():
    body = ("Коллеги, добрый день!\n\n"
            "В 1С не формируется платёжное поручение: при выгрузке в банк-клиент пишет\n"
            "\"Файл обмена не найден\". Проверьте, пожалуйста, общий каталог обмена.\n\n"
            "Сергей Волков\n")
    raw = message(received("label_cp_1251", "sergei@clients.example", "srv1c.clients.example",
                           "192.0.2.52", "Fri, 20 Nov 2026 12:40:17 +0300 (MSK)") + [
        ("MIME-Version", "1.0"),
        ("Date", "Fri, 20 Nov 2026 12:40:15 +0300"),
        ("From", ewb("Сергей Волков", "windows-1251", "cp-1251") + " <sergei@clients.example>"),
        ("To", "support@itdesk.example"),
        ("Subject", ewb("Не выгружается платёжка", "windows-1251", "cp-1251")),
        ("Message-ID", "<8c0e44a9d1f24b6f@srv1c.clients.example>"),
        ("X-Mailer", "1C:Enterprise 8.3"),
        ("Content-Type", "text/plain; charset=cp-1251"),
        ("Content-Transfer-Encoding", "quoted-printable"),
    ], qp(enc(body, "windows-1251")))
    return raw, {
        "subject": "Не выгружается платёжка",
        "from": addr("sergei@clients.example", "Сергей Волков"),
        "body_charset": "cp-1251", "language": "ru", "new_text": body.strip(),
    }


@case("label_utf8_no_dash",
      "PHP web shop: charset=utf8 (no dash), base64 body in Estonian")
def _():
    body = ("Tere!\n\n"
            "E-poe administreerimisliides annab sisselogimisel vea „Sessioon aegus“, kuigi logisin just sisse. "
            "Proovisin Chrome'i ja Firefoxiga, tulemus on sama.\n\n"
            "Kati\n")
    raw = message(received("label_utf8_no_dash", "kati@clients.example", "shop.clients.example",
                           "192.0.2.81", "Fri, 20 Nov 2026 16:01:09 +0200 (EET)") + [
        ("To", "support@itdesk.example"),
        ("Subject", "=?utf8?B?%s?=" % base64.b64encode("E-pood: sisselogimine ei õnnestu".encode()).decode()),
        ("From", "Kati Tamm <kati@clients.example>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf8"),
        ("Content-Transfer-Encoding", "base64"),
        ("X-Mailer", "PHP/8.1.2-1ubuntu2.19"),
        ("Message-Id", "<20261120140107.9D2E8412A7@shop.clients.example>"),
        ("Date", "Fri, 20 Nov 2026 16:01:07 +0200 (EET)"),
    ], b64(enc(body, "utf-8")))
    return raw, {
        "subject": "E-pood: sisselogimine ei õnnestu",
        "body_charset": "utf8", "language": "et", "new_text": body.strip(),
    }


# ================================================================ attachments

@case("thunderbird_rfc2231_filename_et",
      "Thunderbird 128, multipart/mixed with a PDF whose Estonian filename is RFC 2231 encoded with continuations (name*0*/name*1*)")
def _():
    fname = "Õhksoojuspumba_hoolduse_arve_nr_2026-1187_Šveitsi_filiaal.pdf"
    par = ("Manuses on arve, mida ma ei saa Directos kinnitada: nupp „Kinnita“ on hall. "
           "Teised arved lähevad läbi.")
    text = "Tere!\n\n" + flowed(par) + "\n\nKati\n"
    b = "------------0HdQk3b7Zf2LmRcT9vWp1xYs"
    body = b"This is a multi-part message in MIME format.\r\n" + multipart(b, [
        part([("Content-Type", "text/plain; charset=UTF-8; format=flowed"),
              ("Content-Transfer-Encoding", "8bit")], enc(text, "utf-8") + b"\r\n"),
        part([("Content-Type", "application/pdf;\n " + rfc2231("name", fname)),
              ("Content-Disposition", "attachment;\n " + rfc2231("filename", fname)),
              ("Content-Transfer-Encoding", "base64")], b64(PDF) + b"\r\n\r\n"),
    ])
    raw = message(received("thunderbird_rfc2231_filename_et", "kati@clients.example", "mail.clients.example",
                           "192.0.2.10", "Fri, 20 Nov 2026 10:11:14 +0200 (EET)") + [
        ("Content-Type", 'multipart/mixed; boundary="%s"' % b),
        ("Message-ID", "<7b0d5a3e-2f41-4c8e-9b6a-1d2e3f4a5b6c@clients.example>"),
        ("Date", "Fri, 20 Nov 2026 10:11:12 +0200"),
        ("MIME-Version", "1.0"),
        ("User-Agent", "Mozilla Thunderbird"),
        ("Content-Language", "et"),
        ("To", "support@itdesk.example"),
        ("From", "Kati Tamm <kati@clients.example>"),
        ("Subject", ewq("Arve kinnitamine ei õnnestu", "utf-8", "UTF-8")),
    ], body)
    return raw, {
        "subject": "Arve kinnitamine ei õnnestu",
        "attachments": [{"filename": fname, "content_type": "application/pdf", "size": len(PDF)}],
        "body_part": "text/plain", "body_charset": "utf-8", "language": "et",
        "new_text": "Tere!\n\n" + par + "\n\nKati", "problems_nonempty": False,
    }


@case("thunderbird2_rfc2231_koi8r_filename_ru",
      "Thunderbird 2 in KOI8-R: body and RFC 2231 filename continuations in KOI8-R (xlsx attachment)")
def _():
    fname = "Счёт на оплату 4512 от 14.11.2026 (снабжение).xlsx"
    text = ("Добрый день!\n\n"
            "Во вложении счёт, который не открывается в Excel: пишет, что файл \n"
            "повреждён. У коллег он открывается нормально.\n\n"
            "Сергей Волков\n")
    xlsx = blob("xlsx", 2400, b"PK\x03\x04\x14\x00\x06\x00")
    b = "------------050305080702000601020504"
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    body = b"This is a multi-part message in MIME format.\r\n" + multipart(b, [
        part([("Content-Type", "text/plain; charset=KOI8-R; format=flowed"),
              ("Content-Transfer-Encoding", "8bit")], enc(text, "koi8-r") + b"\r\n"),
        part([("Content-Type", ct + ";\n " + rfc2231("name", fname, "KOI8-R")),
              ("Content-Transfer-Encoding", "base64"),
              ("Content-Disposition", "attachment;\n " + rfc2231("filename", fname, "KOI8-R"))],
             b64(xlsx) + b"\r\n"),
    ])
    raw = message(received("thunderbird2_rfc2231_koi8r_filename_ru", "sergei@clients.example",
                           "mail.clients.example", "192.0.2.10", "Fri, 20 Nov 2026 12:14:22 +0300 (MSK)") + [
        ("Message-ID", "<4F1A2B3C.5060708@clients.example>"),
        ("Date", "Fri, 20 Nov 2026 12:14:20 +0300"),
        ("From", ewb("Сергей Волков", "koi8-r", "KOI8-R") + " <sergei@clients.example>"),
        ("User-Agent", "Thunderbird 2.0.0.24 (Windows/20100228)"),
        ("MIME-Version", "1.0"),
        ("To", "support@itdesk.example"),
        ("Subject", ewb("Не открывается файл Excel", "koi8-r", "KOI8-R")),
        ("Content-Type", 'multipart/mixed;\n boundary="%s"' % b),
    ], body)
    return raw, {
        "subject": "Не открывается файл Excel",
        "from": addr("sergei@clients.example", "Сергей Волков"),
        "attachments": [{"filename": fname, "content_type": ct, "size": len(xlsx)}],
        "body_charset": "koi8-r", "charset_detected": None, "language": "ru",
        "new_text": "Добрый день!\n\nВо вложении счёт, который не открывается в Excel: пишет, что файл "
                    "повреждён. У коллег он открывается нормально.\n\nСергей Волков",
        "problems_nonempty": False,
    }


@case("outlook_attachment_rfc2047_name_ro",
      "Outlook 16, multipart/mixed(alternative + PNG) with the Romanian filename RFC 2047-encoded in name= and filename=")
def _():
    fname = "Captură de ecran 2026-11-20 101512.png"
    lines = ["Bună ziua,", "",
             "Când deschid aplicația de salarizare, apare eroarea din captura atașată și programul se închide. "
             "Am nevoie de ea astăzi pentru statele de plată.",
             "", "Mulțumesc,", "Ana Popescu", "Departamentul Resurse Umane"]
    png = blob("png", 5321, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    outer = "----=_NextPart_000_0012_01DC5A1B.3C4D5E60"
    inner = "----=_NextPart_001_0013_01DC5A1B.3C4D5E60"
    alt = outlook_alternative(inner, "utf-8", lines, "RO")
    alt = alt[len(b"This is a multipart message in MIME format.\r\n\r\n"):]
    ew = ewb(fname, "utf-8")
    body = b"This is a multipart message in MIME format.\r\n\r\n" + multipart(outer, [
        part([("Content-Type", 'multipart/alternative;\n\tboundary="%s"' % inner)], b"\r\n" + alt + b"\r\n"),
        part([("Content-Type", 'image/png;\n\tname="%s"' % ew),
              ("Content-Transfer-Encoding", "base64"),
              ("Content-Disposition", 'attachment;\n\tfilename="%s"' % ew)], b64(png) + b"\r\n\r\n"),
    ])
    raw = message(received("outlook_attachment_rfc2047_name_ro", "ana@clients.example", "mail.clients.example",
                           "192.0.2.10", "Fri, 20 Nov 2026 10:16:03 +0200 (EET)") + [
        ("From", '"Ana Popescu" <ana@clients.example>'),
        ("To", "<support@itdesk.example>"),
        ("Subject", ewq("Eroare aplicație salarizare", "utf-8")),
        ("Date", "Fri, 20 Nov 2026 10:16:01 +0200"),
        ("Message-ID", "<001201dc5a1b$3c4d5e60$b4e81b20$@clients.example>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'multipart/mixed;\n\tboundary="%s"' % outer),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Index", "AdxaGzxNXmCyX1t3RbiWk9n0TjH2Ug=="),
        ("Content-Language", "ro"),
    ], body)
    return raw, {
        "subject": "Eroare aplicație salarizare",
        "attachments": [{"filename": fname, "content_type": "image/png", "size": len(png)}],
        "body_part": "text/plain", "body_charset": "utf-8", "language": "ro",
        "new_text": cut("\n".join(lines), "Mulțumesc,"), "problems_nonempty": False,
    }


# ================================================================ HTML-only

@case("outlook_word_html_only_et",
      "Outlook 365 desktop through Exchange (remote domain MIME HTML): text/html only, Word HTML in windows-1257 QP, 'Saatja:' block in a bordered div")
def _():
    token = tok(1042, 2, "f7e3a9pq4bkc2wyx")
    lines = ["Tere!", "",
             "Printer prindib jälle, aga iga lehe serval on hall triip. Kas tooneri kassett tuleks "
             "vahetada? Uus kassett on meil kapis olemas.",
             "", "Lugupidamisega", "Kati Tamm", "Raamatupidamine"]
    hdr = [("Saatja:", "IT Support <support@itdesk.example>"),
           ("Saadetud:", "neljapäev, 19. november 2026 9:20"),
           ("Adressaat:", "Kati Tamm <kati@clients.example>"),
           ("Teema:", "[Ticket#1042] Printer 3. korrusel ei tööta")]
    quoted = ["Tere!", "", "Vahetasime printeris fikseerimisüksuse. Palun andke teada, kas printer töötab.",
              "", "IT Support"]
    html = word_html(lines, "ET", "windows-1257", hdr, quoted)
    mid = desk_mid(1042, "reply", "0d6e2b98")
    raw = message(received("outlook_word_html_only_et", "kati@clients.example",
                           "EUR05-DB8-obe.outbound.protection.outlook.com", "40.107.20.51",
                           "Fri, 20 Nov 2026 09:41:58 +0200 (EET)", "support+%s@itdesk.example" % token) + [
        ("From", "Kati Tamm <kati@clients.example>"),
        ("To", "IT Support <support+%s@itdesk.example>" % token),
        ("Subject", "RE: [Ticket#1042] Printer 3. korrusel ei " + ewq("tööta", "windows-1257")),
        ("Thread-Topic", "[Ticket#1042] Printer 3. korrusel ei " + ewq("tööta", "windows-1257")),
        ("Thread-Index", "AQHcWaK3rT0ZkN8y7UeE1qVb0H9aLbK0Qw=="),
        ("Date", "Fri, 20 Nov 2026 07:41:55 +0000"),
        ("Message-ID", "<DB9PR07MB7148A1C0E2F94B11D5C3A6E4F3A72@DB9PR07MB7148.eurprd07.prod.outlook.com>"),
        ("References", mid),
        ("In-Reply-To", mid),
        ("Accept-Language", "et-EE, en-US"),
        ("Content-Language", "et-EE"),
        ("X-MS-Has-Attach", ""),
        ("X-MS-TNEF-Correlator", ""),
        ("x-originating-ip", "[192.0.2.44]"),
        ("Content-Type", 'text/html; charset="windows-1257"'),
        ("Content-Transfer-Encoding", "quoted-printable"),
        ("MIME-Version", "1.0"),
    ], qp(enc(html, "windows-1257")))
    return raw, {
        "subject": "RE: [Ticket#1042] Printer 3. korrusel ei tööta",
        "ticket": 1042, "reply_token": token,
        "body_part": "text/html", "body_charset": "windows-1257", "charset_detected": None,
        "language": "et", "new_text": cut("\n".join(lines), "Lugupidamisega"), "problems_nonempty": False,
    }


@case("gmail_html_only_ru",
      "Gmail HTML part sent alone (Workspace, Gmail API): base64 UTF-8 HTML, history in div.gmail_quote with the Russian gmail_attr line")
def _():
    token = tok(1047, 8, "r2bn6xk4tqw7hfmc")
    lines = ["Здравствуйте!", "",
             "Спасибо, доступ к папке появился. Но теперь Excel открывает файлы только для чтения — "
             "это можно исправить?", "", "Иван"]
    attribution = ('пн, 16 нояб. 2026&nbsp;г. в 17:10, IT Support &lt;<a href="mailto:support@itdesk.example">'
                   'support@itdesk.example</a>&gt;:')
    quoted = ["Здравствуйте!", "", "Мы выдали вам права на папку \\\\fs01\\finance. Проверьте, пожалуйста.", "",
              "IT Support"]
    html = gmail_html(lines, attribution, quoted)
    mid = desk_mid(1047, "reply", "61aa0e3f")
    raw = message(received("gmail_html_only_ru", "ivan@clients.example", "mail-sor-f41.google.com",
                           "209.85.220.41", "Tue, 17 Nov 2026 09:03:37 +0300 (MSK)",
                           "support+%s@itdesk.example" % token) + [
        ("MIME-Version", "1.0"),
        ("References", mid),
        ("In-Reply-To", mid),
        ("From", ewb("Иван Петров", "utf-8", "UTF-8") + " <ivan@clients.example>"),
        ("Date", "Tue, 17 Nov 2026 09:03:21 +0300"),
        ("Message-ID", "<CAKx7Rb3W9vQz1fN0pLm8sTgH2yE5uJ4dA6cV0nK8rX1qZ3oP7w@mail.gmail.com>"),
        ("Subject", ewb("Re: [Ticket#1047] Нет доступа к сетевой папке", "utf-8", "UTF-8")),
        ("To", "IT Support <support+%s@itdesk.example>" % token),
        ("Content-Type", 'text/html; charset="UTF-8"'),
        ("Content-Transfer-Encoding", "base64"),
    ], b64(enc(html, "utf-8")))
    return raw, {
        "subject": "Re: [Ticket#1047] Нет доступа к сетевой папке",
        "from": addr("ivan@clients.example", "Иван Петров"),
        "ticket": 1047, "reply_token": token,
        "body_part": "text/html", "body_charset": "utf-8", "language": "ru",
        "new_text": "\n".join(lines), "problems_nonempty": False,
    }


@case("owa_html_only_en",
      "Outlook on the web: text/html only, iso-8859-1 QP, div.elementToProof lines, #appendonsend and #divRplyFwdMsg history")
def _():
    style = ('font-family: Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, Helvetica, sans-serif; '
             'font-size: 12pt; color: rgb(0, 0, 0);')
    lines = ["Hi,", "",
             "The new laptop arrived, thanks. Could someone help me move my files from the old one on "
             "Thursday afternoon? I'm free after 2 pm.",
             "", "Best regards,", "John"]
    html = ('<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">\n'
            '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>\n'
            '</head>\n<body dir="ltr">\n')
    for l in lines:
        html += '<div class="elementToProof" style="%s">\n%s</div>\n' % (style, html_escape(l) if l else "<br>")
    html += ('<div id="appendonsend"></div>\n'
             '<hr style="display:inline-block;width:98%" tabindex="-1">\n'
             '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">'
             '<b>From:</b> IT Support &lt;support@itdesk.example&gt;<br>\n'
             '<b>Sent:</b> Tuesday, November 17, 2026 2:05 PM<br>\n'
             '<b>To:</b> John Smith &lt;john@clients.example&gt;<br>\n'
             '<b>Subject:</b> [Ticket#1048] New laptop for John Smith</font>\n'
             '<div>&nbsp;</div>\n</div>\n'
             '<div class="BodyFragment"><font size="2"><span style="font-size:11pt;">\n'
             '<div class="PlainText">Hello John,<br>\n<br>\n'
             'Your new laptop has been delivered to reception. Please collect it today.<br>\n<br>\n'
             'IT Support<br>\n</div>\n</span></font></div>\n</body>\n</html>\n')
    mid = desk_mid(1048, "reply", "d5e8c1a0")
    raw = message(received("owa_html_only_en", "john@clients.example",
                           "EUR02-AM0-obe.outbound.protection.outlook.com", "40.107.22.101",
                           "Wed, 18 Nov 2026 08:22:35 +0000 (UTC)") + [
        ("From", "John Smith <john@clients.example>"),
        ("To", "IT Support <support@itdesk.example>"),
        ("Subject", "Re: [Ticket#1048] New laptop for John Smith"),
        ("Thread-Topic", "[Ticket#1048] New laptop for John Smith"),
        ("Thread-Index", "AQHcV9Qx0A7pJm2mSUeV1p6c9ZqzYrPR8Xk2"),
        ("Date", "Wed, 18 Nov 2026 08:22:31 +0000"),
        ("Message-ID", "<AS8PR02MB9551D3E1F4A6B2C7E8D9A0B1C2D3E4F5A6@AS8PR02MB9551.eurprd02.prod.outlook.com>"),
        ("References", mid),
        ("In-Reply-To", mid),
        ("Accept-Language", "en-GB, en-US"),
        ("Content-Language", "en-GB"),
        ("X-MS-Has-Attach", ""),
        ("X-MS-TNEF-Correlator", ""),
        ("msip_labels", ""),
        ("Content-Type", 'text/html; charset="iso-8859-1"'),
        ("Content-Transfer-Encoding", "quoted-printable"),
        ("MIME-Version", "1.0"),
    ], qp(enc(html, "iso-8859-1")))
    return raw, {
        "subject": "Re: [Ticket#1048] New laptop for John Smith",
        "date": "2026-11-18T08:22:31+00:00",
        "ticket": 1048, "in_reply_to": mid,
        "body_part": "text/html", "body_charset": "iso-8859-1", "charset_detected": None,
        "language": "en", "new_text": cut("\n".join(lines), "Best regards,"), "problems_nonempty": False,
    }


@case("yandex_html_reply_ru",
      "Yandex web mail: text/html only, 8bit UTF-8, divs, signature after '-- ', attribution and blockquote")
def _():
    token = tok(1050, 14, "j6tq2nv8xkd4mpwa")
    lines = ["Добрый день!", "",
             "Проверил, с ноутбука VPN подключается, а с домашнего компьютера — нет, ошибка 809.",
             "Что можно сделать?"]
    html = "<div>" + "</div><div>".join(html_escape(l) if l else "&nbsp;" for l in lines) + "</div>"
    html += ("<div>&nbsp;</div><div>-- </div><div>С уважением,</div><div>Иван Петров</div>"
             "<div>&nbsp;</div><div>&nbsp;</div>"
             "<div>16.11.2026, 17:10, \"IT Support\" &lt;support@itdesk.example&gt;:</div>"
             "<blockquote><div>Здравствуйте!</div><div>&nbsp;</div>"
             "<div>Мы включили вам доступ к VPN. Инструкция по настройке во вложении.</div>"
             "<div>&nbsp;</div><div>IT Support</div></blockquote>\n")
    mid = desk_mid(1050, "reply", "83b5f2d4")
    raw = message([("X-Yandex-Fwd", "1")] + received("yandex_html_reply_ru", "ivan@clients.example",
                                                     "forward501a.mail.yandex.net", "178.154.239.81",
                                                     "Tue, 17 Nov 2026 10:05:47 +0300 (MSK)",
                                                     "support+%s@itdesk.example" % token) + [
        ("From", ewb("Иван Петров", "utf-8") + " <ivan@clients.example>"),
        ("To", "IT Support <support+%s@itdesk.example>" % token),
        ("In-Reply-To", mid),
        ("References", mid),
        ("Subject", ewb("Re: [Ticket#1050] Не подключается VPN", "utf-8")),
        ("MIME-Version", "1.0"),
        ("X-Mailer", "Yamail [ http://yandex.ru ] 5.0"),
        ("Date", "Tue, 17 Nov 2026 10:05:44 +0300"),
        ("Message-Id", "<1543051763205544@mail.yandex.ru>"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Content-Type", "text/html; charset=utf-8"),
    ], enc(html, "utf-8"))
    return raw, {
        "subject": "Re: [Ticket#1050] Не подключается VPN",
        "from": addr("ivan@clients.example", "Иван Петров"),
        "ticket": 1050, "reply_token": token,
        "body_part": "text/html", "body_charset": "utf-8", "language": "ru",
        "new_text": "\n".join(lines), "problems_nonempty": False,
    }


# ================================================================ replies: Thunderbird, flowed

@case("thunderbird_alternative_ro_reply",
      "Thunderbird 128 HTML compose: multipart/alternative, flowed text/plain, Romanian top-posted reply above 'Pe ..., IT Support a scris:'")
def _():
    token = tok(1044, 5, "t6yhw3kd2nqb7zpa")
    par = ("Am schimbat parola pe portal, dar Outlook îmi cere în continuare parola veche la fiecare "
           "pornire. Ce mai trebuie să fac?")
    plain = ("Bună ziua,\n\n" + flowed(par) + "\n\nO zi bună,\nAna\n\n"
             "Pe 17.11.2026 16:40, IT Support a scris:\n"
             "> Bună ziua,\n>\n"
             "> Parola contului dumneavoastră a expirat. O puteți schimba pe \n"
             "> https://parola.clients.example.\n>\n"
             "> IT Support\n")
    mid = desk_mid(1044, "reply", "e07f3b11")
    html = ('<!DOCTYPE html>\n<html>\n  <head>\n    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8">\n'
            '  </head>\n  <body>\n    <p>Bună ziua,</p>\n    <p>%s</p>\n    <p>O zi bună,<br>\n      Ana</p>\n'
            '    <div class="moz-cite-prefix">Pe 17.11.2026 16:40, IT Support a scris:<br>\n    </div>\n'
            '    <blockquote type="cite" cite="mid:%s">Bună ziua,<br>\n      <br>\n'
            '      Parola contului dumneavoastră a expirat. O puteți schimba pe\n'
            '      <a class="moz-txt-link-freetext" href="https://parola.clients.example">https://parola.clients.example</a>.<br>\n'
            '      <br>\n      IT Support<br>\n    </blockquote>\n  </body>\n</html>\n') % (par, mid[1:-1])
    b = "------------Wq8e2L0x5mYcV3bN7tR1kZ9p"
    body = b"This is a multi-part message in MIME format.\r\n" + multipart(b, [
        part([("Content-Type", "text/plain; charset=UTF-8; format=flowed"),
              ("Content-Transfer-Encoding", "8bit")], enc(plain, "utf-8") + b"\r\n"),
        part([("Content-Type", "text/html; charset=UTF-8"),
              ("Content-Transfer-Encoding", "8bit")], enc(html, "utf-8") + b"\r\n"),
    ])
    raw = message(received("thunderbird_alternative_ro_reply", "ana@clients.example", "mail.clients.example",
                           "192.0.2.10", "Wed, 18 Nov 2026 08:15:31 +0200 (EET)",
                           "support+%s@itdesk.example" % token) + [
        ("Content-Type", 'multipart/alternative;\n boundary="%s"' % b),
        ("Message-ID", "<c81e728d-9d4c-4f2b-a1e3-5b6c7d8e9f01@clients.example>"),
        ("Date", "Wed, 18 Nov 2026 08:15:29 +0200"),
        ("MIME-Version", "1.0"),
        ("User-Agent", "Mozilla Thunderbird"),
        ("Subject", "Re: [Ticket#1044] Parola " + ewq("expirată", "utf-8", "UTF-8")),
        ("Content-Language", "ro"),
        ("To", "IT Support <support+%s@itdesk.example>" % token),
        ("References", mid),
        ("From", "Ana Popescu <ana@clients.example>"),
        ("In-Reply-To", mid),
    ], body)
    return raw, {
        "subject": "Re: [Ticket#1044] Parola expirată",
        "ticket": 1044, "reply_token": token,
        "body_part": "text/plain", "body_charset": "utf-8", "language": "ro",
        "new_text": "Bună ziua,\n\n" + par, "problems_nonempty": False,
    }


@case("thunderbird_flowed_delsp_no_et",
      "Thunderbird plain text, format=flowed (delsp=no), Estonian bottom-posted reply under 'kirjutas:' with a flowed quote and '-- ' signature")
def _():
    token = tok(1042, 2, "f7e3a9pq4bkc2wyx")
    par = ("Printeri draiver on nüüd uuesti paigaldatud, aga trükitud lehtedel on tekst ikka paremalt "
           "servast ära lõigatud. Proovisin nii Wordist kui ka PDF-failist, mõlemal juhul on sama viga. "
           "Paberi suurus on seadetes A4.")
    qpar = ("Paigaldasime teie arvutisse printeri uue draiveri. Palun proovige printida ja andke teada, "
            "kas kõik on korras.")
    body = ("16.11.2026 17:10, IT Support kirjutas:\n"
            "> Tere!\n>\n" + flowed(qpar, prefix="> ") + "\n>\n> IT Support\n\n"
            "Tere!\n\n" + flowed(par) + "\n\n"
            "Kas see võib olla seotud eilse Windowsi uuendusega?\n\n"
            "-- \nKati Tamm\nRaamatupidamine, Clients OÜ\n")
    mid = desk_mid(1042, "reply", "a9c4e170")
    raw = message(received("thunderbird_flowed_delsp_no_et", "kati@clients.example", "mail.clients.example",
                           "192.0.2.10", "Tue, 17 Nov 2026 08:55:14 +0200 (EET)",
                           "support+%s@itdesk.example" % token) + [
        ("Message-ID", "<e4da3b7f-bbce-4345-a777-2b1e9d8c0f12@clients.example>"),
        ("Date", "Tue, 17 Nov 2026 08:55:12 +0200"),
        ("MIME-Version", "1.0"),
        ("User-Agent", "Mozilla Thunderbird"),
        ("Subject", "Re: [Ticket#1042] Printer 3. korrusel ei " + ewq("tööta", "utf-8", "UTF-8")),
        ("Content-Language", "et"),
        ("To", "IT Support <support+%s@itdesk.example>" % token),
        ("References", mid),
        ("From", "Kati Tamm <kati@clients.example>"),
        ("In-Reply-To", mid),
        ("Content-Type", "text/plain; charset=UTF-8; format=flowed"),
        ("Content-Transfer-Encoding", "8bit"),
    ], enc(body, "utf-8"))
    return raw, {
        "ticket": 1042, "reply_token": token,
        "body_part": "text/plain", "body_charset": "utf-8", "language": "et",
        "new_text": "Tere!\n\n" + par + "\n\nKas see võib olla seotud eilse Windowsi uuendusega?",
        "problems_nonempty": False,
    }


@case("thunderbird_flowed_delsp_yes_ru",
      "Thunderbird plain text, format=flowed; delsp=yes: soft breaks between words and inside a long URL, Russian under 'пишет:'")
def _():
    token = tok(1051, 15, "p5wz3mq8cbk2thna")
    url = "https://portal.clients.example/servicedesk/attachments/2026/11/crash-report-ws12-buhgalteria.zip"
    par = ("Программа 1С падает каждый раз, когда открываю список контрагентов. Отчёт об ошибке выложил сюда: "
           + url + " — там логи за последние три дня.")
    wrapped = ("Программа 1С падает каждый раз, когда открываю список контрагентов.  \n"
               "Отчёт об ошибке выложил сюда:  \n"
               "https://portal.clients.example/servicedesk/attachments/2026/11/ \n"
               "crash-report-ws12-buhgalteria.zip — там логи за последние три дня.")
    body = ("16.11.2026 17:10, IT Support пишет:\n"
            "> Здравствуйте!\n>\n"
            "> Пришлите, пожалуйста, отчёт об ошибке, который показывает программа.  \n"
            "> Без него сложно понять причину.\n>\n> IT Support\n\n"
            + wrapped + "\n\n-- \nИван Петров\n")
    mid = desk_mid(1051, "reply", "5f0c8e21")
    raw = message(received("thunderbird_flowed_delsp_yes_ru", "ivan@clients.example", "mail.clients.example",
                           "192.0.2.10", "Tue, 17 Nov 2026 11:31:40 +0300 (MSK)",
                           "support+%s@itdesk.example" % token) + [
        ("Message-ID", "<1679091c-5a88-4faf-8f2b-3c4d5e6f7a80@clients.example>"),
        ("Date", "Tue, 17 Nov 2026 11:31:38 +0300"),
        ("MIME-Version", "1.0"),
        ("User-Agent", "Mozilla Thunderbird"),
        ("Subject", ewb("Re: [Ticket#1051] Падает 1С при открытии контрагентов", "utf-8", "UTF-8")),
        ("Content-Language", "ru"),
        ("To", "IT Support <support+%s@itdesk.example>" % token),
        ("References", mid),
        ("From", ewb("Иван Петров", "utf-8", "UTF-8") + " <ivan@clients.example>"),
        ("In-Reply-To", mid),
        ("Content-Type", "text/plain; charset=UTF-8; format=flowed; delsp=yes"),
        ("Content-Transfer-Encoding", "8bit"),
    ], enc(body, "utf-8"))
    return raw, {
        "subject": "Re: [Ticket#1051] Падает 1С при открытии контрагентов",
        "ticket": 1051, "reply_token": token,
        "body_charset": "utf-8", "language": "ru", "new_text": par, "problems_nonempty": False,
    }


# ================================================================ replies: Gmail

def gmail_message(name, sender, from_hdr, when_recv, date, msgid, subject_hdr, to_hdr, mid, plain, html,
                  boundary, rcpt):
    def text_part(ct, text):
        data = enc(text, "utf-8")
        if all(c < 128 for c in data):
            return part([("Content-Type", ct)], data + b"\r\n")
        return part([("Content-Type", ct), ("Content-Transfer-Encoding", "quoted-printable")],
                    qp(data) + b"\r\n")
    body = multipart(boundary, [
        text_part('text/plain; charset="UTF-8"', plain),
        text_part('text/html; charset="UTF-8"', html),
    ])
    return message(received(name, sender, "mail-sor-f41.google.com", "209.85.220.41", when_recv, rcpt) + [
        ("MIME-Version", "1.0"),
        ("References", mid),
        ("In-Reply-To", mid),
        ("From", from_hdr),
        ("Date", date),
        ("Message-ID", msgid),
        ("Subject", subject_hdr),
        ("To", to_hdr),
        ("Content-Type", 'multipart/alternative; boundary="%s"' % boundary),
    ], body)


def gmail_reply(name, lang_lines, attribution_plain, attribution_html, quoted, **kw):
    plain = "\n".join(lang_lines) + "\n\n" + attribution_plain + "\n" + \
        "\n".join(("> " + l) if l else ">" for l in quoted) + "\n"
    html = gmail_html(lang_lines, attribution_html, quoted)
    return gmail_message(name, plain=plain, html=html, **kw)


@case("gmail_reply_en_wrote",
      "Gmail (Workspace) multipart/alternative reply in English above 'On ..., IT Support <...> wrote:' and a '> ' quote")
def _():
    token = tok(1048, 6, "k2ufs7bq4lvz3hxn")
    lines = ["Hi,", "", "The new laptop works fine, thank you. One more thing: the docking",
             "station does not charge it. Is that a known issue?", "", "Best,", "John"]
    mid = desk_mid(1048, "reply", "d5e8c1a0")
    raw = gmail_reply(
        "gmail_reply_en_wrote", lines,
        "On Mon, Nov 16, 2026 at 5:10 PM IT Support <support@itdesk.example> wrote:",
        'On Mon, Nov 16, 2026 at 5:10 PM IT Support &lt;<a href="mailto:support@itdesk.example">support@itdesk.example</a>&gt; wrote:',
        ["Hello John,", "", "Your new laptop is ready, you can pick it up from room 214.", "", "IT Support"],
        sender="john@clients.example", from_hdr="John Smith <john@clients.example>",
        when_recv="Tue, 17 Nov 2026 09:12:40 +0000 (UTC)", date="Tue, 17 Nov 2026 09:12:27 +0000",
        msgid="<CAH8sQd1x4vF5eN7kW2bZ0mT9pR3gJ6yL8aU1oC5hE2iX7nB4sQ@mail.gmail.com>",
        subject_hdr="Re: [Ticket#1048] New laptop for John Smith",
        to_hdr="IT Support <support+%s@itdesk.example>" % token, mid=mid,
        boundary="0000000000004a1f7c0644a9d3e2", rcpt="support+%s@itdesk.example" % token)
    return raw, {
        "message_id": "<CAH8sQd1x4vF5eN7kW2bZ0mT9pR3gJ6yL8aU1oC5hE2iX7nB4sQ@mail.gmail.com>",
        "from": addr("john@clients.example", "John Smith"),
        "to": [addr("support+%s@itdesk.example" % token, "IT Support")],
        "ticket": 1048, "reply_token": token, "in_reply_to": mid, "references": [mid],
        "body_part": "text/plain", "body_charset": "utf-8", "language": "en",
        "new_text": cut("\n".join(lines), "Best,"), "problems_nonempty": False,
    }


@case("gmail_reply_et_kirjutas",
      "Gmail reply in Estonian above 'E, 16. nov 2026 kell 17:10 IT Support <...> kirjutas:'")
def _():
    token = tok(1042, 2, "f7e3a9pq4bkc2wyx")
    lines = ["Tere!", "", "Jah, kolmapäeval kell 10 sobib mulle hästi. Kas peaksin arvuti enne",
             "välja lülitama?", "", "Kati"]
    mid = desk_mid(1042, "reply", "3d7a9e02")
    raw = gmail_reply(
        "gmail_reply_et_kirjutas", lines,
        "E, 16. nov 2026 kell 17:10 IT Support <support@itdesk.example> kirjutas:",
        'E, 16. nov 2026 kell 17:10 IT Support &lt;<a href="mailto:support@itdesk.example">support@itdesk.example</a>&gt; kirjutas:',
        ["Tere!", "", "Tehnik saab tulla kolmapäeval kell 10. Kas see aeg sobib?", "", "IT Support"],
        sender="kati@clients.example", from_hdr="Kati Tamm <kati@clients.example>",
        when_recv="Tue, 17 Nov 2026 09:40:12 +0200 (EET)", date="Tue, 17 Nov 2026 09:40:01 +0200",
        msgid="<CAM3pT7v8wQ2xK1nR5yB9cF0dL4zH6jE3uA7sN2gV8oP1iY5mXw@mail.gmail.com>",
        subject_hdr="Re: [Ticket#1042] Printer 3. korrusel ei " + ewq("tööta", "utf-8", "UTF-8"),
        to_hdr="IT Support <support+%s@itdesk.example>" % token, mid=mid,
        boundary="00000000000091e3b20644a9f0c7", rcpt="support+%s@itdesk.example" % token)
    return raw, {
        "subject": "Re: [Ticket#1042] Printer 3. korrusel ei tööta",
        "ticket": 1042, "reply_token": token,
        "body_part": "text/plain", "language": "et",
        "new_text": "\n".join(lines), "problems_nonempty": False,
    }


@case("gmail_reply_ro_a_scris",
      "Gmail reply in Romanian; the attribution 'Pe lun., 16 nov. 2026 la 17:10, IT Support <...> a scris:' is wrapped over two lines")
def _():
    token = tok(1052, 16, "x7mr4kc2pqz8wdnf")
    lines = ["Bună ziua,", "", "Vă mulțumesc, acum pot să mă conectez la VPN de acasă.",
             "Puteți închide solicitarea.", "", "O zi frumoasă,", "Ana"]
    mid = desk_mid(1052, "reply", "b6f10d93")
    raw = gmail_reply(
        "gmail_reply_ro_a_scris", lines,
        "Pe lun., 16 nov. 2026 la 17:10, IT Support <support@itdesk.example> a\nscris:",
        'Pe lun., 16 nov. 2026 la 17:10, IT Support &lt;<a href="mailto:support@itdesk.example">support@itdesk.example</a>&gt; a scris:',
        ["Bună ziua,", "", "Am activat contul dumneavoastră de VPN. Vă rugăm să încercați din nou.", "",
         "IT Support"],
        sender="ana@clients.example", from_hdr="Ana Popescu <ana@clients.example>",
        when_recv="Tue, 17 Nov 2026 10:02:55 +0200 (EET)", date="Tue, 17 Nov 2026 10:02:43 +0200",
        msgid="<CAF2kW9x0yZ3bQ7mN1vR4tG8hJ5pL2cS6dE9aU3oK7iX1nM0qBw@mail.gmail.com>",
        subject_hdr="Re: [Ticket#1052] Acces VPN de " + ewq("acasă", "utf-8", "UTF-8"),
        to_hdr="IT Support <support+%s@itdesk.example>" % token, mid=mid,
        boundary="000000000000c7d94e0644aa1b58", rcpt="support+%s@itdesk.example" % token)
    return raw, {
        "subject": "Re: [Ticket#1052] Acces VPN de acasă",
        "ticket": 1052, "reply_token": token,
        "body_part": "text/plain", "language": "ro",
        "new_text": cut("\n".join(lines), "O zi frumoasă,"), "problems_nonempty": False,
    }


# ================================================================ replies: phones, Mail.ru, Outlook mobile

def iphone_headers(from_hdr, subject, date, msgid, mid, to_hdr, mailer="iPhone Mail (22B83)",
                   content_type="text/plain; charset=utf-8", cte="quoted-printable"):
    hs = [("Content-Type", content_type)]
    if cte:
        hs.append(("Content-Transfer-Encoding", cte))
    return hs + [
        ("From", from_hdr),
        ("Mime-Version", "1.0 (1.0)"),
        ("Subject", subject),
        ("Date", date),
        ("Message-Id", msgid),
        ("References", mid),
        ("In-Reply-To", mid),
        ("To", to_hdr),
        ("X-Mailer", mailer),
    ]


@case("iphone_reply_en",
      "iPhone Mail, text/plain QP: top-posted English reply, 'Sent from my iPhone', quoted attribution and BOM-led quote")
def _():
    token = tok(1048, 6, "k2ufs7bq4lvz3hxn")
    text = "Thanks, it works now. I’ll bring the old laptop to your office tomorrow."
    body = (text + "\n\nSent from my iPhone\n\n"
            "> On 16 Nov 2026, at 17:10, IT Support <support@itdesk.example> wrote:\n> \n"
            "> \ufeffHello John,\n> \n> Your new laptop is ready, you can pick it up from room 214.\n> \n"
            "> IT Support\n")
    mid = desk_mid(1048, "reply", "d5e8c1a0")
    raw = message(received("iphone_reply_en", "john@clients.example", "mail.clients.example", "192.0.2.10",
                           "Mon, 16 Nov 2026 17:31:10 +0000 (UTC)", "support+%s@itdesk.example" % token) +
                  iphone_headers("John Smith <john@clients.example>",
                                 "Re: [Ticket#1048] New laptop for John Smith",
                                 "Mon, 16 Nov 2026 17:31:07 +0000",
                                 "<5A1C6E0B-3F0D-4B8E-9C2A-7D4E1F6A9B3C@clients.example>", mid,
                                 "IT Support <support+%s@itdesk.example>" % token),
                  qp(enc(body, "utf-8")))
    return raw, {
        "from": addr("john@clients.example", "John Smith"),
        "ticket": 1048, "reply_token": token,
        "body_part": "text/plain", "body_charset": "utf-8", "language": "en",
        "new_text": text, "problems_nonempty": False,
    }


@case("iphone_reply_et",
      "iPhone Mail in Estonian: 'Saadetud minu iPhone'ist' trailer, quoted 'kell 17:10 kirjutas ...:' attribution")
def _():
    token = tok(1053, 17, "b4nx8qk2rwm6zcta")
    text = "Aitäh, nüüd töötab! Homme toon vana arvuti teie kabinetti tagasi."
    body = (text + "\n\nSaadetud minu iPhone'ist\n\n"
            "> 16. nov 2026 kell 17:10 kirjutas IT Support <support@itdesk.example>:\n> \n"
            "> \ufeffTere!\n> \n> Teie uus sülearvuti on valmis, selle saab kätte ruumist 214.\n> \n"
            "> IT Support\n")
    mid = desk_mid(1053, "reply", "7e2c5a18")
    raw = message(received("iphone_reply_et", "kati@clients.example", "mail.clients.example", "192.0.2.10",
                           "Mon, 16 Nov 2026 19:02:41 +0200 (EET)", "support+%s@itdesk.example" % token) +
                  iphone_headers("Kati Tamm <kati@clients.example>",
                                 "Re: [Ticket#1053] " + ewq("Sülearvuti vahetus", "utf-8"),
                                 "Mon, 16 Nov 2026 19:02:38 +0200",
                                 "<9D4B2E71-0C5A-4F3E-B8D6-1A2B3C4D5E6F@clients.example>", mid,
                                 "IT Support <support+%s@itdesk.example>" % token),
                  qp(enc(body, "utf-8")))
    return raw, {
        "subject": "Re: [Ticket#1053] Sülearvuti vahetus",
        "ticket": 1053, "reply_token": token,
        "language": "et", "new_text": text, "problems_nonempty": False,
    }


@case("iphone_reply_ru_alternative",
      "iPhone Mail in Russian, multipart/alternative (Apple-Mail boundary): 'Отправлено с iPhone', quoted '... написал(а):'")
def _():
    token = tok(1054, 18, "h3kw7zq2mnc5txrb")
    text = "Спасибо, всё работает. Старый ноутбук занесу завтра утром."
    quoted = ["Здравствуйте!", "", "Ваш новый ноутбук готов, забрать его можно в кабинете 214.", "", "IT Support"]
    attribution = "16 нояб. 2026 г., в 17:10, IT Support <support@itdesk.example> написал(а):"
    plain = (text + "\n\nОтправлено с iPhone\n\n> " + attribution + "\n> \n"
             + "\n".join("> " + ("\ufeff" if i == 0 else "") + l for i, l in enumerate(quoted)) + "\n")
    html = ('<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
            '<body dir="auto"><div dir="ltr">%s</div><div dir="ltr"><br><div dir="ltr">Отправлено с iPhone</div>'
            '<div dir="ltr"><br><blockquote type="cite">%s</blockquote></div></div>'
            '<blockquote type="cite"><div dir="ltr">\ufeff%s</div></blockquote></body></html>\n'
            % (text, html_escape(attribution), "<br>".join(html_escape(l) for l in quoted)))
    b = "Apple-Mail-6F0E1C2A-3B4D-4E5F-8A9B-0C1D2E3F4A5B"
    body = multipart(b, [
        part([("Content-Type", "text/plain;\n\tcharset=utf-8"), ("Content-Transfer-Encoding", "quoted-printable")],
             qp(enc(plain, "utf-8")) + b"\r\n"),
        part([("Content-Type", "text/html;\n\tcharset=utf-8"), ("Content-Transfer-Encoding", "quoted-printable")],
             qp(enc(html, "utf-8")) + b"\r\n"),
    ])
    mid = desk_mid(1054, "reply", "0a9b8c7d")
    raw = message(received("iphone_reply_ru_alternative", "ivan@clients.example", "mail.clients.example",
                           "192.0.2.10", "Mon, 16 Nov 2026 18:44:21 +0300 (MSK)",
                           "support+%s@itdesk.example" % token) +
                  iphone_headers(ewb("Иван Петров", "utf-8") + " <ivan@clients.example>",
                                 ewb("Re: [Ticket#1054] Замена ноутбука", "utf-8"),
                                 "Mon, 16 Nov 2026 18:44:18 +0300",
                                 "<C3E1A9F2-7B6D-4C85-9E0A-2F1D3C5B7A98@clients.example>", mid,
                                 "IT Support <support+%s@itdesk.example>" % token,
                                 content_type='multipart/alternative; boundary=%s' % b, cte="7bit"),
                  body)
    return raw, {
        "subject": "Re: [Ticket#1054] Замена ноутбука",
        "ticket": 1054, "reply_token": token,
        "body_part": "text/plain", "body_charset": "utf-8", "language": "ru",
        "new_text": text, "problems_nonempty": False,
    }


@case("mailru_reply_ru",
      "Mail.ru web mail: multipart/alternative, both parts base64, blank lines of one space, '--' signature, '>'-quoted 'от ...:' attribution")
def _():
    token = tok(1055, 19, "m8vq2xk6tzr4bnhd")
    plain = ("Добрый день!\n \n"
             "Проверила, письма снова приходят. Спасибо за быструю помощь!\n \n \n"
             "--\nОльга Смирнова\n \n \n"
             ">Понедельник, 16 ноября 2026, 17:10 +03:00 от IT Support <support@itdesk.example>:\n> \n"
             ">Здравствуйте!\n> \n"
             ">Мы очистили очередь на почтовом сервере, письма должны начать приходить в течение часа.\n> \n"
             ">IT Support\n")
    html = ("\n<HTML><BODY><div>Добрый день!</div><div>&nbsp;</div>"
            "<div>Проверила, письма снова приходят. Спасибо за быструю помощь!</div><div>&nbsp;</div>"
            "<div data-signature-widget=\"container\"><div data-signature-widget=\"content\"><div>--<br>"
            "Ольга Смирнова</div></div></div><div>&nbsp;</div><blockquote style=\"border-left:1px solid #0857A6; "
            "margin:10px; padding:0 0 0 10px;\">Понедельник, 16 ноября 2026, 17:10 +03:00 от IT Support "
            "&lt;support@itdesk.example&gt;:<br>&nbsp;<div id=\"\"><div class=\"js-helper js-readmsg-msg\">"
            "<div><div>Здравствуйте!<br><br>Мы очистили очередь на почтовом сервере, письма должны начать "
            "приходить в течение часа.<br><br>IT Support</div></div></div></div></blockquote></BODY></HTML>\n")
    b = "--ALT--5a1B3c4D1795419678"
    body = multipart(b, [
        part([("Content-Type", "text/plain; charset=utf-8"), ("Content-Transfer-Encoding", "base64")],
             b64(enc(plain, "utf-8")) + b"\r\n"),
        part([("Content-Type", "text/html; charset=utf-8"), ("Content-Transfer-Encoding", "base64")],
             b64(enc(html, "utf-8")) + b"\r\n"),
    ], preamble=b"\r\n")
    mid = desk_mid(1055, "reply", "4c2e6a80")
    name = ewb("Ольга Смирнова", "utf-8", "UTF-8")
    raw = message(received("mailru_reply_ru", "olga.smirnova@mail.ru", "smtp50.i.mail.ru", "95.163.41.91",
                           "Tue, 17 Nov 2026 10:41:21 +0300 (MSK)", "support+%s@itdesk.example" % token) + [
        ("Received", "by f501.i.mail.ru with local (envelope-from <olga.smirnova@mail.ru>)\n"
                     "\tid 1tLx5f-00D8Qy-2K\n\tfor support+%s@itdesk.example; Tue, 17 Nov 2026 10:41:18 +0300" % token),
        ("Received", "by e.mail.ru with HTTP;\n\tTue, 17 Nov 2026 10:41:18 +0300"),
        ("From", name + " <olga.smirnova@mail.ru>"),
        ("To", ewb("IT Support", "utf-8", "UTF-8") + " <support+%s@itdesk.example>" % token),
        ("Subject", ewb("Re: [Ticket#1055] Не приходят письма", "utf-8", "UTF-8")),
        ("MIME-Version", "1.0"),
        ("X-Mailer", "Mail.Ru Mailer 1.0"),
        ("X-SenderField-Remind", "0"),
        ("Date", "Tue, 17 Nov 2026 10:41:18 +0300"),
        ("Reply-To", name + " <olga.smirnova@mail.ru>"),
        ("X-Priority", "3 (Normal)"),
        ("Message-ID", "<1795419678.482361557@f501.i.mail.ru>"),
        ("Content-Type", 'multipart/alternative;\n\tboundary="%s"' % b),
        ("In-Reply-To", mid),
        ("References", mid),
        ("X-Mras", "Ok"),
    ], body)
    return raw, {
        "subject": "Re: [Ticket#1055] Не приходят письма",
        "from": addr("olga.smirnova@mail.ru", "Ольга Смирнова"),
        "ticket": 1055, "reply_token": token,
        "body_part": "text/plain", "body_charset": "utf-8", "language": "ru",
        "new_text": "Добрый день!\n\nПроверила, письма снова приходят. Спасибо за быструю помощь!",
        "problems_nonempty": False,
    }


@case("outlook_mobile_en",
      "Outlook for iOS through Exchange Online: one line above 'Get Outlook for iOS<...>', an underscore rule and a From:/Sent:/To:/Subject: block")
def _():
    token = tok(1048, 6, "k2ufs7bq4lvz3hxn")
    text = "Can I pick it up at 3 pm today instead? I’m in meetings all morning."
    plain = (text + "\n\nGet Outlook for iOS<https://aka.ms/o0ukef>\n"
             "________________________________\n"
             "From: IT Support <support@itdesk.example>\n"
             "Sent: Monday, November 16, 2026 5:10:22 PM\n"
             "To: John Smith <john@clients.example>\n"
             "Subject: [Ticket#1048] New laptop for John Smith\n\n"
             "Hello John,\n\nYour new laptop is ready, you can pick it up from room 214.\n\nIT Support\n")
    html = ('<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n</head>\n'
            '<body>\n<div dir="ltr">%s</div>\n<div dir="ltr"><br></div>\n'
            '<div class="ms-outlook-mobile-signature"><div dir="ltr">Get <a href="https://aka.ms/o0ukef">Outlook for iOS</a></div></div>\n'
            '<div id="mail-editor-reference-message-container"><br>\n<hr style="display:inline-block;width:98%%">\n'
            '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">'
            '<b>From:</b> IT Support &lt;support@itdesk.example&gt;<br>\n<b>Sent:</b> Monday, November 16, 2026 5:10:22 PM<br>\n'
            '<b>To:</b> John Smith &lt;john@clients.example&gt;<br>\n<b>Subject:</b> [Ticket#1048] New laptop for John Smith</font>\n'
            '<div>&nbsp;</div></div>\n<div>Hello John,<br><br>Your new laptop is ready, you can pick it up from room 214.<br><br>'
            'IT Support</div>\n</div>\n</body>\n</html>\n') % html_escape(text)
    b = "_000_AS8PR02MB95518F2C1D0E4B3A9F7E6D5C4B3A2918AS8PR02MB9551eurp_"
    body = multipart(b, [
        part([("Content-Type", 'text/plain; charset="utf-8"'), ("Content-Transfer-Encoding", "base64")],
             b64(enc(plain, "utf-8")) + b"\r\n"),
        part([("Content-Type", 'text/html; charset="utf-8"'), ("Content-Transfer-Encoding", "base64")],
             b64(enc(html, "utf-8")) + b"\r\n"),
    ])
    mid = desk_mid(1048, "reply", "d5e8c1a0")
    raw = message(received("outlook_mobile_en", "john@clients.example",
                           "EUR02-AM0-obe.outbound.protection.outlook.com", "40.107.22.101",
                           "Tue, 17 Nov 2026 07:58:49 +0000 (UTC)", "support+%s@itdesk.example" % token) + [
        ("From", "John Smith <john@clients.example>"),
        ("To", "IT Support <support+%s@itdesk.example>" % token),
        ("Subject", "Re: [Ticket#1048] New laptop for John Smith"),
        ("Thread-Topic", "[Ticket#1048] New laptop for John Smith"),
        ("Thread-Index", "AQHcWBc9kY3mE0q2SUG8rB7Y5aFvLrQxH2o1"),
        ("Date", "Tue, 17 Nov 2026 07:58:46 +0000"),
        ("Message-ID", "<AS8PR02MB95518F2C1D0E4B3A9F7E6D5C4B3A2918@AS8PR02MB9551.eurprd02.prod.outlook.com>"),
        ("References", mid),
        ("In-Reply-To", mid),
        ("Accept-Language", "en-GB, en-US"),
        ("Content-Language", "en-GB"),
        ("X-MS-Has-Attach", ""),
        ("X-MS-TNEF-Correlator", ""),
        ("Content-Type", 'multipart/alternative;\n\tboundary="%s"' % b),
        ("MIME-Version", "1.0"),
    ], body)
    return raw, {
        "ticket": 1048, "reply_token": token, "classification": "human",
        "body_part": "text/plain", "language": "en", "new_text": text, "problems_nonempty": False,
    }


@case("outlook_tech_commands_owner",
      "Technician in Outlook 16: '#Owner jaan' (Outlook capitalised) and '#priority 2' above text and an Outlook From:/Sent: block")
def _():
    token = tok(1042, 7, "hbbjxcvhg6mkua2n")
    lines = ["#Owner jaan", "#priority 2", "", "Jaan, võta see palun üle, mina olen homme koolitusel.", "", "Maria"]
    hdr = [("From:", "IT Support <support@itdesk.example>"),
           ("Sent:", "Monday, November 16, 2026 9:15 AM"),
           ("To:", "Maria Ilves <maria@itdesk.example>"),
           ("Subject:", "[Ticket#1042] Uus pöördumine: Printer 3. korrusel ei tööta")]
    quoted = ["Uus pöördumine kliendilt Kati Tamm <kati@clients.example>:", "",
              "3. korruse printer (HP LaserJet M404dn) ei prindi alates hommikust."]
    b = "----=_NextPart_000_0061_01DC55A3.1F2E3D40"
    mid = desk_mid(1042, "notify", "1c5f7e09")
    raw = message(received("outlook_tech_commands_owner", "maria@itdesk.example", "ws-maria.itdesk.example",
                           "198.51.100.31", "Mon, 16 Nov 2026 09:48:12 +0200 (EET)",
                           "support+%s@itdesk.example" % token) + [
        ("From", '"Maria Ilves" <maria@itdesk.example>'),
        ("To", "<support+%s@itdesk.example>" % token),
        ("References", mid),
        ("In-Reply-To", mid),
        ("Subject", ewq("RE: [Ticket#1042] Uus pöördumine: Printer 3. korrusel ei tööta", "utf-8")),
        ("Date", "Mon, 16 Nov 2026 09:48:10 +0200"),
        ("Message-ID", "<006101dc5592$1f2e3d40$5d8ab7c0$@itdesk.example>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'multipart/alternative;\n\tboundary="%s"' % b),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Index", "AQHcVZIfLj1A7Cw0SdqUYkGp2oB3cw=="),
        ("Content-Language", "et"),
    ], outlook_alternative(b, "utf-8", lines, "ET", hdr, quoted))
    return raw, {
        "from": addr("maria@itdesk.example", "Maria Ilves"),
        "classification": "human",
        "ticket": 1042, "reply_token": token,
        "commands": [["owner", "jaan"], ["priority", "2"]],
        "language": "et", "new_text": "Jaan, võta see palun üle, mina olen homme koolitusel.\n\nMaria",
        "problems_nonempty": False,
    }


# ================================================================ auto-replies

@case("autoreply_exchange_oof_en",
      "Exchange Online out-of-office: 'Automatic reply:' subject, lower-case auto-submitted: auto-generated and x-auto-response-suppress")
def _():
    token = tok(1048, 6, "k2ufs7bq4lvz3hxn")
    text = ("Thank you for your message. I am out of the office until Monday 23 November with limited "
            "access to email. For urgent matters please contact helpdesk@clients.example.\n\nJohn Smith")
    html = ('<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=us-ascii">\n</head>\n'
            '<body>\n<div dir="ltr">Thank you for your message. I am out of the office until Monday 23 November '
            'with limited access to email. For urgent matters please contact helpdesk@clients.example.<br>\n<br>\n'
            'John Smith</div>\n</body>\n</html>\n')
    b = "_000_AS8PR02MB9551E0F1A2B3C4D5E6F708192A3B4C5DAS8PR02MB9551eurp_"
    body = multipart(b, [
        part([("Content-Type", 'text/plain; charset="us-ascii"'), ("Content-Transfer-Encoding", "quoted-printable")],
             qp(enc(text, "ascii")) + b"\r\n"),
        part([("Content-Type", 'text/html; charset="us-ascii"'), ("Content-Transfer-Encoding", "quoted-printable")],
             qp(enc(html, "ascii")) + b"\r\n"),
    ])
    mid = desk_mid(1048, "reply", "d5e8c1a0")
    raw = message(received("autoreply_exchange_oof_en", "john@clients.example",
                           "EUR02-AM0-obe.outbound.protection.outlook.com", "40.107.22.101",
                           "Mon, 16 Nov 2026 17:10:31 +0000 (UTC)", "support+%s@itdesk.example" % token) + [
        ("From", "John Smith <john@clients.example>"),
        ("To", "IT Support <support+%s@itdesk.example>" % token),
        ("Subject", "Automatic reply: [Ticket#1048] New laptop for John Smith"),
        ("Thread-Topic", "[Ticket#1048] New laptop for John Smith"),
        ("Thread-Index", "AQHcWBc9kY3mE0q2SUG8rB7Y5aFvLrQxH2o1AAAAAA=="),
        ("Date", "Mon, 16 Nov 2026 17:10:29 +0000"),
        ("Message-ID", "<f0a1b2c3d4e54f6a8b9c0d1e2f3a4b5c@AS8PR02MB9551.eurprd02.prod.outlook.com>"),
        ("References", mid),
        ("In-Reply-To", mid),
        ("Content-Language", "en-GB"),
        ("X-MS-Has-Attach", ""),
        ("X-MS-Exchange-Organization-SCL", "-1"),
        ("X-MS-TNEF-Correlator", ""),
        ("X-MS-Exchange-Organization-RecordReviewCfmType", "0"),
        ("x-auto-response-suppress", "All"),
        ("auto-submitted", "auto-generated"),
        ("Content-Type", 'multipart/alternative;\n\tboundary="%s"' % b),
        ("MIME-Version", "1.0"),
    ], body)
    return raw, {
        "subject": "Automatic reply: [Ticket#1048] New laptop for John Smith",
        "classification": "auto_reply", "ticket": 1048, "reply_token": token, "language": "en",
    }


@case("autoreply_subject_et",
      "Outlook 16 over IMAP, rule-based holiday reply: nothing but the 'Automaatne vastus:' subject marks it")
def _():
    text = ("Tere!\n\nOlen puhkusel kuni 27. novembrini. Kiireloomulistes küsimustes palun pöörduge "
            "Mari Kase poole (mari@clients.example).\n\nKati Tamm")
    mid = desk_mid(1042, "reply", "3d7a9e02")
    raw = message(received("autoreply_subject_et", "kati@clients.example", "mail.clients.example", "192.0.2.10",
                           "Tue, 17 Nov 2026 09:20:05 +0200 (EET)") + [
        ("From", '"Kati Tamm" <kati@clients.example>'),
        ("To", "<support@itdesk.example>"),
        ("References", mid),
        ("In-Reply-To", mid),
        ("Subject", ewq("Automaatne vastus: [Ticket#1042] Printer 3. korrusel ei tööta", "utf-8")),
        ("Date", "Tue, 17 Nov 2026 09:20:03 +0200"),
        ("Message-ID", "<007201dc5863$0f1e2d30$2d5a8790$@clients.example>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'text/plain;\n\tcharset="utf-8"'),
        ("Content-Transfer-Encoding", "quoted-printable"),
        ("X-Mailer", "Microsoft Outlook 16.0"),
        ("Thread-Index", "AdxYYw8eHKm3X0bNQ0GKtYpY2nE5Aw=="),
        ("Content-Language", "et"),
    ], qp(enc(text, "utf-8")))
    return raw, {
        "subject": "Automaatne vastus: [Ticket#1042] Printer 3. korrusel ei tööta",
        "classification": "auto_reply", "ticket": 1042, "language": "et",
    }


@case("autoreply_exchange_ru",
      "Exchange 2016 out-of-office in Russian: B-encoded 'Автоматический ответ:' subject and X-Auto-Response-Suppress")
def _():
    token = tok(1045, 4, "v5ncq8ry3ktw2jfh")
    text = ("Здравствуйте!\n\nЯ в отпуске до 30 ноября. По срочным вопросам обращайтесь к Сергею Волкову "
            "(sergei@clients.example).\n\nИван Петров")
    mid = desk_mid(1045, "reply", "2a8c6d90")
    raw = message(received("autoreply_exchange_ru", "ivan@clients.example", "exch01.clients.example",
                           "192.0.2.12", "Wed, 18 Nov 2026 15:02:44 +0300 (MSK)",
                           "support+%s@itdesk.example" % token) + [
        ("From", ewb("Иван Петров", "koi8-r") + " <ivan@clients.example>"),
        ("To", "IT Support <support+%s@itdesk.example>" % token),
        ("Subject", ewb("Автоматический ответ: [Ticket#1045] Не работает сканер", "koi8-r")),
        ("Thread-Topic", ewb("[Ticket#1045] Не работает сканер", "koi8-r")),
        ("Thread-Index", "AQHcWAKdLuBR0Ym7Q0GJ3bCs1xA2xAAAAAAA"),
        ("Date", "Wed, 18 Nov 2026 12:02:42 +0000"),
        ("Message-ID", "<2c6e1f8a0b9d4e37a5f2c8d1e6b3a094@EXCH01.clients.example>"),
        ("References", mid),
        ("In-Reply-To", mid),
        ("Content-Language", "ru-RU"),
        ("X-MS-Has-Attach", ""),
        ("X-MS-TNEF-Correlator", ""),
        ("X-Auto-Response-Suppress", "All"),
        ("Content-Type", 'text/plain; charset="koi8-r"'),
        ("Content-Transfer-Encoding", "base64"),
        ("MIME-Version", "1.0"),
    ], b64(enc(text, "koi8-r")))
    return raw, {
        "subject": "Автоматический ответ: [Ticket#1045] Не работает сканер",
        "classification": "auto_reply", "ticket": 1045, "body_charset": "koi8-r", "language": "ru",
    }


@case("autoreply_x_autoreply",
      "Web mail autoresponder marked only by 'X-Autoreply: yes' (subject is a plain 'Re:')")
def _():
    token = tok(1055, 19, "m8vq2xk6tzr4bnhd")
    text = "Здравствуйте! Я получила ваше письмо и отвечу в течение дня.\n\nОльга Смирнова"
    mid = desk_mid(1055, "reply", "4c2e6a80")
    raw = message(received("autoreply_x_autoreply", "olga.smirnova@mail.ru", "smtp50.i.mail.ru", "95.163.41.91",
                           "Mon, 16 Nov 2026 17:10:40 +0300 (MSK)", "support+%s@itdesk.example" % token) + [
        ("From", ewb("Ольга Смирнова", "utf-8", "UTF-8") + " <olga.smirnova@mail.ru>"),
        ("To", "support+%s@itdesk.example" % token),
        ("Subject", ewb("Re: [Ticket#1055] Не приходят письма", "utf-8", "UTF-8")),
        ("MIME-Version", "1.0"),
        ("X-Autoreply", "yes"),
        ("Date", "Mon, 16 Nov 2026 17:10:38 +0300"),
        ("Message-ID", "<1795357838.117203911@f402.i.mail.ru>"),
        ("In-Reply-To", mid),
        ("References", mid),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "base64"),
    ], b64(enc(text, "utf-8")))
    return raw, {
        "classification": "auto_reply", "ticket": 1055, "reply_token": token,
    }


@case("autoreply_sieve_vacation_ro",
      "Dovecot Pigeonhole vacation reply in Romanian: null Return-Path, 'Auto-Submitted: auto-replied (vacation)', Precedence: bulk, 'Auto:' subject")
def _():
    token = tok(1044, 5, "t6yhw3kd2nqb7zpa")
    text = ("Sunt în concediu până pe 30 noiembrie. Pentru probleme urgente vă rog să o contactați pe "
            "colega mea, Maria Ionescu (maria.ionescu@clients.example).")
    mid = desk_mid(1044, "reply", "e07f3b11")
    raw = message([
        ("Return-Path", "<>"),
        ("Delivered-To", "support+%s@itdesk.example" % token),
        ("Received", "from mail.clients.example (mail.clients.example [192.0.2.10])\n"
                     "\tby mx.itdesk.example (Postfix) with ESMTPS id %s\n"
                     "\tfor <support+%s@itdesk.example>; Tue, 17 Nov 2026 16:40:09 +0200 (EET)"
                     % (qid("vacation"), token)),
        ("Message-ID", "<dovecot-sieve-1795444809-688211-0@mail.clients.example>"),
        ("Date", "Tue, 17 Nov 2026 16:40:09 +0200"),
        ("X-Sieve", "Pigeonhole Sieve 0.5.19 (4eae2f79)"),
        ("From", "Ana Popescu <ana@clients.example>"),
        ("To", "<support+%s@itdesk.example>" % token),
        ("Subject", "Auto: [Ticket#1044] Parola " + ewq("expirată", "utf-8")),
        ("In-Reply-To", mid),
        ("References", mid),
        ("Auto-Submitted", "auto-replied (vacation)"),
        ("Precedence", "bulk"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ], enc(text, "utf-8"))
    return raw, {
        "subject": "Auto: [Ticket#1044] Parola expirată",
        "classification": "auto_reply", "ticket": 1044, "language": "ro",
    }


# ================================================================ bounces, lists, robots

@case("bounce_postfix",
      "Postfix DSN: multipart/report with text/plain notice, message/delivery-status (5.1.1) and the returned message/rfc822 with its Message-ID")
def _():
    b = "4ZxN1s0Tq8z9zQw.1795154539/mx.itdesk.example"
    returned_mid = desk_mid(1042, "ack", "8f2c1a77")
    notice = ("This is the mail system at host mx.itdesk.example.\n\n"
              "I'm sorry to have to inform you that your message could not\n"
              "be delivered to one or more recipients. It's attached below.\n\n"
              "For further assistance, please send mail to postmaster.\n\n"
              "If you do so, please include this problem report. You can\n"
              "delete your own text from the attached returned message.\n\n"
              "                   The mail system\n\n"
              "<kati.tamm@clients.example>: host mail.clients.example[192.0.2.10] said: 550\n"
              "    5.1.1 <kati.tamm@clients.example>: Recipient address rejected: User unknown\n"
              "    in virtual mailbox table (in reply to RCPT TO command)\n")
    status = ("Reporting-MTA: dns; mx.itdesk.example\n"
              "X-Postfix-Queue-ID: 4ZxN1s0Tq8z9zQw\n"
              "X-Postfix-Sender: rfc822; support@itdesk.example\n"
              "Arrival-Date: Mon, 16 Nov 2026 09:14:31 +0200 (EET)\n\n"
              "Final-Recipient: rfc822; kati.tamm@clients.example\n"
              "Original-Recipient: rfc822;kati.tamm@clients.example\n"
              "Action: failed\n"
              "Status: 5.1.1\n"
              "Remote-MTA: dns; mail.clients.example\n"
              "Diagnostic-Code: smtp; 550 5.1.1 <kati.tamm@clients.example>: Recipient address\n"
              "    rejected: User unknown in virtual mailbox table\n")
    original = message([
        ("Return-Path", "<support@itdesk.example>"),
        ("Received", "from localhost (localhost [127.0.0.1])\n\tby mx.itdesk.example (Postfix) with ESMTP id 4ZxN1s0Tq8z9zQw\n"
                     "\tfor <kati.tamm@clients.example>; Mon, 16 Nov 2026 09:14:31 +0200 (EET)"),
        ("Date", "Mon, 16 Nov 2026 07:14:31 +0000"),
        ("From", "IT Support <support@itdesk.example>"),
        ("To", "kati.tamm@clients.example"),
        ("Reply-To", "IT Support <support+1042.11.z4ka7rbm2qwc6xne@itdesk.example>"),
        ("Subject", "=?UTF-8?Q?[Ticket#1042]_Printer_3._korrusel_ei_t=C3=B6=C3=B6ta?="),
        ("Message-ID", returned_mid),
        ("In-Reply-To", "<000a01dc5590$8d2e1b40$a78a51c0$@clients.example>"),
        ("References", "<000a01dc5590$8d2e1b40$a78a51c0$@clients.example>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "quoted-printable"),
        ("Content-Language", "et"),
        ("Auto-Submitted", "auto-replied"),
        ("X-Loop", "support@itdesk.example"),
        ("X-Deskd-Ticket", "1042"),
    ], qp(enc("Tere!\n\nTeie pöördumine on registreeritud numbriga 1042.\n\nIT Support\n", "utf-8")))
    body = b"This is a MIME-encapsulated message.\r\n\r\n" + multipart(b, [
        part([("Content-Description", "Notification"), ("Content-Type", "text/plain; charset=us-ascii")],
             enc(notice, "ascii") + b"\r\n"),
        part([("Content-Description", "Delivery report"), ("Content-Type", "message/delivery-status")],
             enc(status, "ascii") + b"\r\n"),
        part([("Content-Description", "Undelivered Message"), ("Content-Type", "message/rfc822"),
              ("Content-Transfer-Encoding", "8bit")], original + b"\r\n"),
    ])
    raw = message([
        ("Return-Path", "<>"),
        ("Delivered-To", DESK),
        ("Received", "by mx.itdesk.example (Postfix)\n\tid 4ZxN1s0Tq8z9zQw; Mon, 16 Nov 2026 09:15:39 +0200 (EET)"),
        ("Date", "Mon, 16 Nov 2026 09:15:39 +0200 (EET)"),
        ("From", "MAILER-DAEMON@mx.itdesk.example (Mail Delivery System)"),
        ("Subject", "Undelivered Mail Returned to Sender"),
        ("To", "support@itdesk.example"),
        ("Auto-Submitted", "auto-replied"),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'multipart/report; report-type=delivery-status;\n\tboundary="%s"' % b),
        ("Content-Transfer-Encoding", "8bit"),
        ("Message-Id", "<20261116071539.4ZxN1s0Tq8z9zQw@mx.itdesk.example>"),
    ], body)
    return raw, {
        "subject": "Undelivered Mail Returned to Sender",
        "from": addr("mailer-daemon@mx.itdesk.example", "Mail Delivery System"),
        "classification": "bounce",
        "bounce": {"recipient": "kati.tamm@clients.example", "status": "5.1.1"},
        "bounce_original_message_id": returned_mid,
        "new_text_not_contains": ["Forwarded message"],
    }


@case("bounce_exchange_ndr",
      "Exchange Online NDR: 'Undeliverable:' subject, multipart/report with alternative text/html notice, delivery-status 5.1.10, text/rfc822-headers")
def _():
    outer = "a3f1c2d4-5b6e-4f80-9a1b-2c3d4e5f6a7b"
    inner = "b4e2d3c5-6c7f-4a91-8b2c-3d4e5f6a7b8c"
    returned_mid = desk_mid(1045, "reply", "c91e02b4")
    notice = ("Your message to petrov.i@clients.example couldn't be delivered.\n\n"
              "petrov.i wasn't found at clients.example.\n\n"
              "support     Office 365     petrov.i\n"
              "Action Required                 Recipient\n\n"
              "Unknown To address\n\n"
              "How to Fix It\n"
              "The address may be misspelled or may not exist. Try one or more of the following:\n\n"
              "  *   Send the message again following these steps: In Outlook, open this non-delivery report "
              "(NDR) and choose Send Again from the Report ribbon.\n\n"
              "Diagnostic information for administrators:\n\n"
              "Generating server: AM6PR02MB1234.eurprd02.prod.outlook.com\n\n"
              "petrov.i@clients.example\n"
              "Remote server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP "
              "address lookup'\n")
    html = ("<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=us-ascii\">\n</head>\n"
            "<body>\n<p>Your message to <a href=\"mailto:petrov.i@clients.example\">petrov.i@clients.example</a> "
            "couldn't be delivered.</p>\n<p><b>petrov.i</b> wasn't found at <b>clients.example</b>.</p>\n"
            "<p>Remote server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP "
            "address lookup'</p>\n</body>\n</html>\n")
    status = ("Reporting-MTA: dns;AM6PR02MB1234.eurprd02.prod.outlook.com\n"
              "Received-From-MTA: dns;mx.itdesk.example\n"
              "Arrival-Date: Wed, 18 Nov 2026 12:15:02 +0000\n\n"
              "Final-Recipient: rfc822;petrov.i@clients.example\n"
              "Action: failed\n"
              "Status: 5.1.10\n"
              "Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup\n")
    headers = header_block([
        ("Received", "from mx.itdesk.example (198.51.100.5) by AM6PR02MB1234.eurprd02.prod.outlook.com\n"
                     " with Microsoft SMTP Server id 15.20.8157.17; Wed, 18 Nov 2026 12:15:02 +0000"),
        ("Date", "Wed, 18 Nov 2026 12:15:01 +0000"),
        ("From", "IT Support <support@itdesk.example>"),
        ("To", "petrov.i@clients.example"),
        ("Subject", ewb("[Ticket#1045] Не работает сканер", "utf-8", "UTF-8")),
        ("Message-ID", returned_mid),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Auto-Submitted", "auto-replied"),
        ("X-Deskd-Ticket", "1045"),
    ])
    alt = multipart(inner, [
        part([("Content-Type", 'text/plain; charset="us-ascii"'), ("Content-Transfer-Encoding", "quoted-printable")],
             qp(enc(notice, "ascii")) + b"\r\n"),
        part([("Content-Type", 'text/html; charset="us-ascii"'), ("Content-Transfer-Encoding", "quoted-printable")],
             qp(enc(html, "ascii")) + b"\r\n"),
    ])
    body = multipart(outer, [
        part([("Content-Type", 'multipart/alternative; differences=Content-Type;\n\tboundary="%s"' % inner)],
             alt + b"\r\n"),
        part([("Content-Type", "message/delivery-status")], enc(status, "ascii") + b"\r\n"),
        part([("Content-Type", "text/rfc822-headers")], headers + b"\r\n"),
    ])
    raw = message([
        ("Return-Path", "<>"),
        ("Delivered-To", DESK),
        ("Received", "from EUR02-AM0-obe.outbound.protection.outlook.com (EUR02-AM0-obe.outbound.protection.outlook.com [40.107.22.101])\n"
                     "\tby mx.itdesk.example (Postfix) with ESMTPS id %s\n"
                     "\tfor <support@itdesk.example>; Wed, 18 Nov 2026 14:15:05 +0200 (EET)" % qid("ndr")),
        ("From", "Microsoft Outlook\n <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@clients.example>"),
        ("To", "<support@itdesk.example>"),
        ("Date", "Wed, 18 Nov 2026 12:15:03 +0000"),
        ("Content-Type", 'multipart/report; report-type=delivery-status;\n\tboundary="%s"' % outer),
        ("X-MS-Exchange-Message-Is-Ndr", ""),
        ("Content-Language", "en-US"),
        ("Message-ID", "<f7e6d5c4-b3a2-4190-8f7e-6d5c4b3a2190@AM6PR02MB1234.eurprd02.prod.outlook.com>"),
        ("In-Reply-To", returned_mid),
        ("References", returned_mid),
        ("Subject", ewb("Undeliverable: [Ticket#1045] Не работает сканер", "utf-8")),
        ("Auto-Submitted", "auto-replied"),
        ("MIME-Version", "1.0"),
    ], body)
    return raw, {
        "subject": "Undeliverable: [Ticket#1045] Не работает сканер",
        "classification": "bounce",
        "bounce": {"recipient": "petrov.i@clients.example", "status": "5.1.10"},
        "bounce_original_message_id": returned_mid,
        "in_reply_to": returned_mid,
    }


@case("mailing_list_mailman",
      "Mailman 3 list post (vendor security announcements) with List-Id, List-Unsubscribe, Precedence: list and the list footer")
def _():
    text = ("Hello,\n\n"
            "Firmware 4.2.1 for the ProSwitch 2400 series fixes CVE-2026-31337 (authentication bypass in the "
            "web interface). All customers should upgrade.\n\n"
            "Mart Kask\nVendor Product Security\n"
            "_______________________________________________\n"
            "security-announce mailing list -- security-announce@lists.vendor.example\n"
            "To unsubscribe send an email to security-announce-leave@lists.vendor.example\n")
    raw = message(received("mailing_list_mailman", "security-announce-bounces@lists.vendor.example",
                           "lists.vendor.example", "203.0.113.25", "Thu, 19 Nov 2026 13:00:07 +0200 (EET)") + [
        ("Date", "Thu, 19 Nov 2026 12:59:58 +0200"),
        ("From", "Mart Kask <mart.kask@vendor.example>"),
        ("To", "security-announce@lists.vendor.example"),
        ("Subject", "[security-announce] Firmware 4.2.1 for ProSwitch 2400 series"),
        ("Message-ID", "<6c3b2a19-0f8e-4d7c-b6a5-948372615049@vendor.example>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", 'text/plain; charset="us-ascii"'),
        ("Content-Transfer-Encoding", "7bit"),
        ("Message-ID-Hash", "QW3ERT7YUI2OPAS4DFGH6JKL5ZXCV3BN"),
        ("X-Message-ID-Hash", "QW3ERT7YUI2OPAS4DFGH6JKL5ZXCV3BN"),
        ("X-MailFrom", "mart.kask@vendor.example"),
        ("X-Mailman-Rule-Misses", "dmarc-mitigation; no-senders; approved; loop; banned-address; emergency; "
                                  "member-moderation; header-match-security-announce.lists.vendor.example-0"),
        ("X-Mailman-Version", "3.3.8"),
        ("Precedence", "list"),
        ("List-Id", '"Security announcements" <security-announce.lists.vendor.example>'),
        ("Archived-At", "<https://lists.vendor.example/archives/list/security-announce@lists.vendor.example/message/QW3ERT7YUI2OPAS4DFGH6JKL5ZXCV3BN/>"),
        ("List-Archive", "<https://lists.vendor.example/archives/list/security-announce@lists.vendor.example/>"),
        ("List-Help", "<mailto:security-announce-request@lists.vendor.example?subject=help>"),
        ("List-Owner", "<mailto:security-announce-owner@lists.vendor.example>"),
        ("List-Post", "<mailto:security-announce@lists.vendor.example>"),
        ("List-Subscribe", "<mailto:security-announce-join@lists.vendor.example>"),
        ("List-Unsubscribe", "<mailto:security-announce-leave@lists.vendor.example>"),
    ], enc(text, "ascii"))
    return raw, {
        "from": addr("mart.kask@vendor.example", "Mart Kask"),
        "classification": "list", "ticket": None, "language": "en", "problems_nonempty": False,
    }


# ================================================================ malformed

@case("malformed_missing_closing_boundary",
      "Thunderbird mail cut by a size-limited relay: the PDF part's base64 stops mid-line and the closing boundary is missing")
def _():
    text = "Tere!\n\nSaadan manuses VPN-i logi, ühendus katkes täna kolm korda.\n\nMart\n"
    pdf = blob("log", 3000, b"%PDF-1.4\n")
    enc_pdf = b64(pdf)
    b = "------------Q7w2E9r4T1y6U3i8O5p0A2sD"
    body = b"This is a multi-part message in MIME format.\r\n" + multipart(b, [
        part([("Content-Type", "text/plain; charset=UTF-8; format=flowed"),
              ("Content-Transfer-Encoding", "8bit")], enc(text, "utf-8") + b"\r\n"),
        part([("Content-Type", 'application/pdf; name="vpn-logi.pdf"'),
              ("Content-Disposition", 'attachment; filename="vpn-logi.pdf"'),
              ("Content-Transfer-Encoding", "base64")], enc_pdf[:1500] + b"\r\n"),
    ], close=False)
    raw = message(received("malformed_missing_closing_boundary", "mart@clients.example", "mail.clients.example",
                           "192.0.2.10", "Fri, 20 Nov 2026 14:44:21 +0200 (EET)") + [
        ("Content-Type", 'multipart/mixed; boundary="%s"' % b),
        ("Message-ID", "<0e9f8a7b-6c5d-4e3f-a2b1-c0d9e8f7a6b5@clients.example>"),
        ("Date", "Fri, 20 Nov 2026 14:44:19 +0200"),
        ("MIME-Version", "1.0"),
        ("User-Agent", "Mozilla Thunderbird"),
        ("Content-Language", "et"),
        ("To", "support@itdesk.example"),
        ("From", "Mart Sepp <mart@clients.example>"),
        ("Subject", "VPN logi"),
    ], body)
    return raw, {
        "subject": "VPN logi",
        "body_part": "text/plain", "language": "et", "new_text": text.strip(),
        "problems_nonempty": True,
    }


@case("malformed_bad_base64",
      "Android mail whose base64 text body was damaged in transit: a stray character and a truncated last line")
def _():
    text = ("Добрый день!\n\n"
            "На ноутбуке не работает встроенная камера, в Teams пишет \"Камера не найдена\".\n"
            "Драйвер переустанавливал, не помогло.\n\n"
            "Андрей Смирнов\n"
            "отдел продаж, тел. 1234\n")
    data = b64(enc(text, "utf-8"))
    lines = data.split(b"\r\n")
    lines[1] = lines[1][:30] + b"%" + lines[1][30:]
    damaged = b"\r\n".join(lines)[:-7]
    raw = message(received("malformed_bad_base64", "andrey@clients.example", "mail.clients.example",
                           "192.0.2.10", "Fri, 20 Nov 2026 15:02:09 +0300 (MSK)") + [
        ("MIME-Version", "1.0"),
        ("Date", "Fri, 20 Nov 2026 15:02:06 +0300"),
        ("Subject", ewb("Не работает камера", "utf-8", "UTF-8")),
        ("Message-ID", "<k4x9e2m7q1w8z3vb5ncj6hft0lrp@email.android.com>"),
        ("From", ewb("Андрей Смирнов", "utf-8", "UTF-8") + " <andrey@clients.example>"),
        ("To", "support@itdesk.example"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "base64"),
    ], damaged)
    return raw, {
        "subject": "Не работает камера",
        "text_contains": ["На ноутбуке не работает встроенная камера",
                          "Драйвер переустанавливал, не помогло."],
        "language": "ru", "problems_nonempty": True,
    }


# ================================================================ every client x language (issue 4)
#
# Sign-off blocks: a closing line ("Lugupidamisega", "С уважением,", "Cu
# stimă,", "Best regards,", "Thanks,", ...) and the short name/title/phone
# lines under it at the end of what the writer typed are signature: they are
# not in new_text (the whole mail is still in text).

def plain_mail(name, from_hdr, subject, date, msgid, body, charset="utf-8", cte="quoted-printable",
               to_hdr=None, token=None, mid=None, extra=(), helo="mail.clients.example", ip="192.0.2.10",
               ctype=None, sender=None, first=()):
    """A one-part text/plain mail; body is str (\\n) encoded in `charset`,
    or bytes already CRLF."""
    rcpt = "support+%s@itdesk.example" % token if token else DESK
    if to_hdr is None:
        to_hdr = "IT Support <%s>" % rcpt
    if sender is None:
        sender = from_hdr.split("<")[-1].rstrip(">").strip()
    data = body if isinstance(body, bytes) else enc(body, charset)
    if cte == "quoted-printable":
        data = qp(data)
    elif cte == "base64":
        data = b64(data)
    hs = list(first) + [("From", from_hdr), ("To", to_hdr), ("Subject", subject), ("Date", date),
                        ("Message-ID", msgid)]
    if mid:
        hs += [("In-Reply-To", mid), ("References", mid)]
    hs += list(extra)
    hs += [("MIME-Version", "1.0"),
           ("Content-Type", ctype or "text/plain; charset=%s" % charset)]
    if cte:
        hs.append(("Content-Transfer-Encoding", cte))
    return message(received(name, sender, helo, "%s" % ip, date, rcpt) + hs, data)


def html_mail(name, from_hdr, subject, date, msgid, html, charset="utf-8", cte="quoted-printable",
              token=None, mid=None, extra=(), helo="mail.clients.example", ip="192.0.2.10"):
    return plain_mail(name, from_hdr, subject, date, msgid, html, charset, cte, token=token, mid=mid,
                      extra=extra, helo=helo, ip=ip, ctype='text/html; charset="%s"' % charset)


def alternative_mail(name, from_hdr, subject, date, msgid, plain, html, boundary, charset="utf-8",
                     cte="quoted-printable", token=None, mid=None, extra=(), helo="mail.clients.example",
                     ip="192.0.2.10", plain_ctype=None):
    def encode(text):
        data = enc(text, charset)
        return qp(data) if cte == "quoted-printable" else b64(data) if cte == "base64" else data
    body = multipart(boundary, [
        part([("Content-Type", plain_ctype or 'text/plain; charset="%s"' % charset),
              ("Content-Transfer-Encoding", cte)], encode(plain) + b"\r\n"),
        part([("Content-Type", 'text/html; charset="%s"' % charset),
              ("Content-Transfer-Encoding", cte)], encode(html) + b"\r\n"),
    ])
    return plain_mail(name, from_hdr, subject, date, msgid, body, charset, None, token=token, mid=mid,
                      extra=extra, helo=helo, ip=ip,
                      ctype='multipart/alternative;\n\tboundary="%s"' % boundary)


def quote(lines, prefix="> "):
    return "\n".join((prefix + l) if l else prefix.rstrip() for l in lines)


def text_to_html_divs(lines):
    return "".join("<div>%s</div>" % (html_escape(l) if l else "<br>") for l in lines)


OUTLOOK_MAILER = [("X-Mailer", "Microsoft Outlook 16.0")]


# ---------------------------------------------------------------- Outlook desktop: localized Original Message

@case("outlook_original_message_et",
      "Outlook 2010 plain text, Estonian UI, windows-1257 QP: reply, 'Lugupidamisega' sign-off block, '-----Algne sõnum-----' and 'Saatja:/Saadetud:/Adressaat:/Teema:'")
def _():
    token = tok(1060, 21, "p2xk7qm4bzt9wrca")
    text = ("Tere,\n\nArvuti ei lülitu enam sisse, toitenupp vilgub oranžilt. Kas keegi saaks täna "
            "tulla vaatama?")
    body = (text + "\n\nLugupidamisega\nMari Kask\nMüügiosakond, Clients OÜ\nTel +372 555 0101\n\n"
            "-----Algne sõnum-----\n"
            "Saatja: IT Support [mailto:support@itdesk.example] \n"
            "Saadetud: 16. november 2026 17:10\n"
            "Adressaat: Mari Kask\n"
            "Teema: [Ticket#1060] Arvuti ei käivitu\n\n"
            "Tere!\n\nPalun võtke arvuti toitejuhe korraks seinast välja ja proovige uuesti.\n\nIT Support\n")
    mid = desk_mid(1060, "reply", "aa01b2c3")
    raw = plain_mail("outlook_original_message_et", '"Mari Kask" <mari@clients.example>',
                     "RE: [Ticket#1060] Arvuti ei " + ewq("käivitu", "windows-1257"),
                     "Tue, 17 Nov 2026 08:15:02 +0200",
                     "<001b01dc5861$2a3b4c50$7eb1e4f0$@clients.example>", body, "windows-1257",
                     token=token, mid=mid, extra=OUTLOOK_MAILER + [("Content-Language", "et")],
                     ctype='text/plain;\n\tcharset="windows-1257"')
    return raw, {
        "subject": "RE: [Ticket#1060] Arvuti ei käivitu", "ticket": 1060, "reply_token": token,
        "body_charset": "windows-1257", "charset_detected": None, "language": "et",
        "new_text": text, "commands": [], "classification": "human", "problems_nonempty": False,
    }


@case("outlook_original_message_ru",
      "Outlook 2013 plain text, Russian UI, windows-1251 QP: 'С уважением,' sign-off with title and phone, '-----Исходное сообщение-----' and 'От:/Отправлено:/Кому:/Тема:'")
def _():
    token = tok(1061, 22, "c7rt2wq9mkx4bzpa")
    text = ("Добрый день!\n\nПароль сбросили, спасибо. Но в 1С по-прежнему не пускает, пишет "
            "\"Неверный пароль\".")
    body = (text + "\n\nС уважением,\nОльга Смирнова\nглавный бухгалтер\nтел. +7 495 123-45-67\n\n"
            "-----Исходное сообщение-----\n"
            "От: IT Support [mailto:support@itdesk.example] \n"
            "Отправлено: 16 ноября 2026 г. 17:10\n"
            "Кому: Ольга Смирнова\n"
            "Тема: [Ticket#1061] Сброс пароля\n\n"
            "Здравствуйте!\n\nПароль сброшен, временный пароль отправлен по SMS.\n\nIT Support\n")
    mid = desk_mid(1061, "reply", "bb02c3d4")
    raw = plain_mail("outlook_original_message_ru",
                     ewb("Ольга Смирнова", "windows-1251", "windows-1251") + " <olga@clients.example>",
                     ewb("RE: [Ticket#1061] Сброс пароля", "windows-1251", "windows-1251"),
                     "Tue, 17 Nov 2026 09:21:40 +0300",
                     "<002c01dc5862$3b4c5d60$b2e51720$@clients.example>", body, "windows-1251",
                     token=token, mid=mid, extra=OUTLOOK_MAILER + [("Content-Language", "ru")],
                     ctype='text/plain;\n\tcharset="windows-1251"')
    return raw, {
        "subject": "RE: [Ticket#1061] Сброс пароля",
        "from": addr("olga@clients.example", "Ольга Смирнова"),
        "ticket": 1061, "body_charset": "windows-1251", "charset_detected": None, "language": "ru",
        "new_text": text, "commands": [], "classification": "human", "problems_nonempty": False,
    }


@case("outlook_original_message_ro",
      "Outlook 2016 plain text, Romanian UI, windows-1250 QP: 'Cu stimă,' sign-off block, '-----Mesaj original-----' and 'De la:/Trimis:/Către:/Subiect:'")
def _():
    token = tok(1062, 23, "g5mw8kq3rtz2xnpb")
    text = ("Bună ziua,\n\nMonitorul de la recepţie clipeşte şi se stinge după câteva minute. "
            "Am schimbat cablul, dar nu ajută.")
    body = (text + "\n\nCu stimă,\nElena Ionescu\nRecepţie, Clients SRL\nTel: +40 21 555 0102\n\n"
            "-----Mesaj original-----\n"
            "De la: IT Support [mailto:support@itdesk.example] \n"
            "Trimis: luni, 16 noiembrie 2026 17:10\n"
            "Către: Elena Ionescu <elena@clients.example>\n"
            "Subiect: RE: [Ticket#1062] Monitor defect\n\n"
            "Bună ziua,\n\nVă rugăm să verificaţi dacă monitorul este conectat direct la priză.\n\nIT Support\n")
    mid = desk_mid(1062, "reply", "cc03d4e5")
    raw = plain_mail("outlook_original_message_ro", '"Elena Ionescu" <elena@clients.example>',
                     "RE: [Ticket#1062] Monitor defect", "Tue, 17 Nov 2026 09:30:12 +0200",
                     "<003d01dc5863$4c5d6e70$e5183a50$@clients.example>", body, "windows-1250",
                     token=token, mid=mid, extra=OUTLOOK_MAILER + [("Content-Language", "ro")],
                     ctype='text/plain;\n\tcharset="windows-1250"')
    return raw, {
        "ticket": 1062, "body_charset": "windows-1250", "charset_detected": None, "language": "ro",
        "new_text": text, "commands": [], "classification": "human", "problems_nonempty": False,
    }


@case("outlook_word_html_only_ru",
      "Outlook 365 desktop through Exchange: text/html only, Word HTML in windows-1251 QP, 'От:/Отправлено:/Кому:/Тема:' block in a bordered div, 'С уважением,' sign-off")
def _():
    token = tok(1061, 22, "c7rt2wq9mkx4bzpa")
    lines = ["Здравствуйте!", "",
             "Принтер снова печатает с полосами, хотя картридж новый. Посмотрите, пожалуйста, сегодня.",
             "", "С уважением,", "Ольга Смирнова", "Бухгалтерия"]
    hdr = [("От:", "IT Support <support@itdesk.example>"),
           ("Отправлено:", "понедельник, 16 ноября 2026 г. 17:10"),
           ("Кому:", "Ольга Смирнова <olga@clients.example>"),
           ("Тема:", "[Ticket#1064] Полосы при печати")]
    quoted = ["Здравствуйте!", "", "Мы заменили картридж. Проверьте, пожалуйста, печать.", "", "IT Support"]
    html = word_html(lines, "RU", "windows-1251", hdr, quoted)
    mid = desk_mid(1064, "reply", "dd04e5f6")
    raw = html_mail("outlook_word_html_only_ru", "Ольга Смирнова <olga@clients.example>".replace(
                        "Ольга Смирнова", ewb("Ольга Смирнова", "windows-1251", "windows-1251")),
                    ewb("RE: [Ticket#1064] Полосы при печати", "windows-1251", "windows-1251"),
                    "Wed, 18 Nov 2026 07:12:09 +0000",
                    "<VI1PR03MB4830C5D6E7F8091A2B3C4D5E6F7A8@VI1PR03MB4830.eurprd03.prod.outlook.com>",
                    html, "windows-1251", token=token, mid=mid,
                    helo="EUR03-VI1-obe.outbound.protection.outlook.com", ip="40.107.23.77",
                    extra=[("Accept-Language", "ru-RU, en-US"), ("Content-Language", "ru-RU")])
    return raw, {
        "subject": "RE: [Ticket#1064] Полосы при печати", "ticket": 1064,
        "body_part": "text/html", "body_charset": "windows-1251", "charset_detected": None,
        "language": "ru", "new_text": "\n".join(lines[:3]), "problems_nonempty": False,
    }


@case("outlook_tech_commands_html_blank_lines_en",
      "Technician in Outlook 365 (HTML only through Exchange): commands as Word paragraphs with empty paragraphs between them, then text and a From:/Sent: block")
def _():
    token = tok(1059, 4, "n6zq3wk8rmt2bxca")
    lines = ["#status open", "", "#assign maria", "",
             "Maria, please take this one, the client is in your building.", "", "Jaan"]
    hdr = [("From:", "IT Support <support@itdesk.example>"),
           ("Sent:", "Monday, November 16, 2026 5:10 PM"),
           ("To:", "Jaan Kask <jaan@itdesk.example>"),
           ("Subject:", "[Ticket#1059] New request: Windows update fails")]
    quoted = ["New request from Peter Brown <peter@clients.example>:", "",
              "Windows update fails with error 0x800f0922 on my laptop."]
    html = word_html(lines, "EN-US", "us-ascii", hdr, quoted)
    mid = desk_mid(1059, "notify", "ee05f607")
    raw = html_mail("outlook_tech_commands_html_blank_lines_en", "Jaan Kask <jaan@itdesk.example>",
                    "RE: [Ticket#1059] New request: Windows update fails", "Tue, 17 Nov 2026 08:01:33 +0000",
                    "<AM9PR07MB7160A1B2C3D4E5F60718293A4B5C6D7E@AM9PR07MB7160.eurprd07.prod.outlook.com>",
                    html, "us-ascii", token=token, mid=mid,
                    helo="EUR05-AM6-obe.outbound.protection.outlook.com", ip="40.107.22.54")
    return raw, {
        "ticket": 1059, "reply_token": token, "body_part": "text/html",
        "commands": [["status", "open"], ["assign", "maria"]],
        "new_text": "Maria, please take this one, the client is in your building.\n\nJaan",
        "language": "en", "problems_nonempty": False,
    }


@case("outlook_forward_inline_en",
      "Outlook 16 'FW:' forward in English: the client's note (with 'Thanks,' sign-off) above the vendor's From:/Sent:/To:/Subject: block; the forwarded mail is kept")
def _():
    note = "Hi,\n\nWe got this from Microsoft today. Can you check whether we need to renew, please?"
    fwd = ("From: Microsoft 365 <no-reply@microsoft.example>\n"
           "Sent: Monday, November 16, 2026 8:02 AM\n"
           "To: Peter Brown <peter@clients.example>\n"
           "Subject: Your Microsoft 365 licence expires in 7 days\n\n"
           "Your subscription Microsoft 365 Business Standard (25 licences) expires on 23 November 2026.\n"
           "To keep using the service, renew before that date.")
    body = note + "\n\nThanks,\nPeter\n\n" + fwd + "\n"
    raw = plain_mail("outlook_forward_inline_en", '"Peter Brown" <peter@clients.example>',
                     "FW: Your Microsoft 365 licence expires in 7 days", "Tue, 17 Nov 2026 08:40:55 +0000",
                     "<004e01dc5864$5d6e7f80$18ab3c60$@clients.example>", body, "us-ascii", "7bit",
                     to_hdr="<support@itdesk.example>", extra=OUTLOOK_MAILER,
                     ctype='text/plain;\n\tcharset="us-ascii"')
    return raw, {
        "subject": "FW: Your Microsoft 365 licence expires in 7 days", "ticket": None,
        "classification": "human", "language": "en",
        "new_text": note + "\n\n" + fwd, "problems_nonempty": False,
    }


@case("outlook_forward_attachment_ro",
      "Outlook 16 'Forward as attachment' in Romanian: multipart/mixed with the note and the supplier's mail as message/rfc822 (no name): the forwarded mail is kept as content")
def _():
    note = ("Bună ziua,\n\nVă trimit ataşat mesajul primit de la furnizor. Ne puteţi spune dacă putem "
            "instala actualizarea?")
    inner = message([
        ("From", "Suport Furnizor <suport@furnizor.example>"),
        ("To", "Elena Ionescu <elena@clients.example>"),
        ("Subject", "Actualizare program contabilitate"),
        ("Date", "Mon, 16 Nov 2026 11:20:00 +0200"),
        ("Message-ID", "<20261116092000.5521@furnizor.example>"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ], enc("Stimată doamnă Ionescu,\n\nVersiunea 8.4 a programului de contabilitate este disponibilă.\n"
           "Instalarea durează aproximativ 20 de minute.\n", "utf-8"))
    b = "----=_NextPart_000_0071_01DC5865.6E7F8091"
    body = b"This is a multi-part message in MIME format.\r\n\r\n" + multipart(b, [
        part([("Content-Type", 'text/plain;\n\tcharset="windows-1250"'),
              ("Content-Transfer-Encoding", "quoted-printable")],
             qp(enc(note + "\n\nCu stimă,\nElena Ionescu\n", "windows-1250")) + b"\r\n\r\n"),
        part([("Content-Type", "message/rfc822"), ("Content-Transfer-Encoding", "8bit"),
              ("Content-Disposition", "attachment")], inner),
    ])
    raw = plain_mail("outlook_forward_attachment_ro", '"Elena Ionescu" <elena@clients.example>',
                     "FW: Actualizare program contabilitate", "Tue, 17 Nov 2026 10:05:31 +0200",
                     "<005f01dc5865$6e7f8091$2bc35e70$@clients.example>", body, None, None,
                     to_hdr="<support@itdesk.example>", extra=OUTLOOK_MAILER,
                     ctype='multipart/mixed;\n\tboundary="%s"' % b)
    return raw, {
        "subject": "FW: Actualizare program contabilitate", "classification": "human",
        "body_charset": "windows-1250", "language": "ro",
        "new_text_contains": ["Vă trimit ataşat mesajul primit de la furnizor",
                              "Actualizare program contabilitate",
                              "Versiunea 8.4 a programului de contabilitate este disponibilă."],
        "new_text_not_contains": ["Cu stimă"],
        "problems_nonempty": False,
    }


# ---------------------------------------------------------------- Outlook on the web

OWA_STYLE = ('font-family: Aptos, Aptos_EmbeddedFont, Aptos_MSFontService, Calibri, Helvetica, sans-serif; '
             'font-size: 12pt; color: rgb(0, 0, 0);')


def owa_html(lines, labels, values, quoted):
    html = ('<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
            '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>\n'
            '</head>\n<body dir="ltr">\n')
    for l in lines:
        html += '<div class="elementToProof" style="%s">\n%s</div>\n' % (OWA_STYLE, html_escape(l) if l else "<br>")
    html += ('<div id="appendonsend"></div>\n<hr style="display:inline-block;width:98%" tabindex="-1">\n'
             '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">')
    html += "<br>\n".join("<b>%s</b> %s" % (html_escape(l), html_escape(v)) for l, v in zip(labels, values))
    html += ('</font>\n<div>&nbsp;</div>\n</div>\n<div class="BodyFragment"><font size="2"><span style="font-size:11pt;">\n'
             '<div class="PlainText">' + "<br>\n".join(html_escape(q) for q in quoted) +
             '<br>\n</div>\n</span></font></div>\n</body>\n</html>\n')
    return html


def owa_plain(lines, labels, values, quoted):
    return ("\n".join(lines) + "\n________________________________\n" +
            "\n".join("%s %s" % (l, v) for l, v in zip(labels, values)) + "\n\n" + "\n".join(quoted) + "\n")


OWA_EXTRA = [("Thread-Index", "AQHcWaK3rT0ZkN8y7UeE1qVb0H9aLbK0Qw=="), ("X-MS-Has-Attach", ""),
             ("X-MS-TNEF-Correlator", "")]


@case("owa_reply_et_underscore",
      "Outlook on the web in Estonian: multipart/alternative, the plain part's history under an underscore rule and 'Saatja:/Saadetud:/Adressaat:/Teema:'")
def _():
    token = tok(1058, 20, "v4kq8zm2txr6bnwc")
    lines = ["Tere!", "", "Sain uue parooli kätte ja sisselogimine õnnestus. Aitäh kiire abi eest!", "", "Kati"]
    labels = ["Saatja:", "Saadetud:", "Adressaat:", "Teema:"]
    values = ["IT Support <support@itdesk.example>", "esmaspäev, 16. november 2026 17:10",
              "Kati Tamm <kati@clients.example>", "[Ticket#1058] Parool aegunud"]
    quoted = ["Tere!", "", "Saatsime teile ajutise parooli SMS-iga.", "", "IT Support"]
    mid = desk_mid(1058, "reply", "ff06a718")
    raw = alternative_mail("owa_reply_et_underscore", "Kati Tamm <kati@clients.example>",
                           "Re: [Ticket#1058] Parool aegunud", "Tue, 17 Nov 2026 07:02:11 +0000",
                           "<AS8PR02MB955107A1B2C3D4E5F60718293A4B5C6@AS8PR02MB9551.eurprd02.prod.outlook.com>",
                           owa_plain(lines, labels, values, quoted), owa_html(lines, labels, values, quoted),
                           "_000_AS8PR02MB955107A1B2C3D4E5F60718293A4B5C6AS8PR02MB9551eurp_",
                           token=token, mid=mid, extra=OWA_EXTRA + [("Content-Language", "et-EE")],
                           helo="EUR02-AM0-obe.outbound.protection.outlook.com", ip="40.107.22.101")
    return raw, {
        "ticket": 1058, "reply_token": token, "body_part": "text/plain", "body_charset": "utf-8",
        "language": "et", "new_text": "\n".join(lines), "commands": [], "problems_nonempty": False,
    }


@case("owa_html_only_ru",
      "Outlook on the web in Russian: text/html only, UTF-8 QP, elementToProof divs, 'Всего доброго,' sign-off, #divRplyFwdMsg with 'От:/Отправлено:/Кому:/Тема:'")
def _():
    token = tok(1065, 24, "s3wq9km5xzt7rbnd")
    lines = ["Добрый день!", "",
             "Ноутбук получил, спасибо. Подскажите, как подключить второй монитор через док-станцию?",
             "", "Всего доброго,", "Сергей"]
    labels = ["От:", "Отправлено:", "Кому:", "Тема:"]
    values = ["IT Support <support@itdesk.example>", "16 ноября 2026 г. 17:10",
              "Сергей Волков <sergei@clients.example>", "[Ticket#1065] Новый ноутбук"]
    quoted = ["Здравствуйте!", "", "Ваш ноутбук готов, его можно забрать в кабинете 214.", "", "IT Support"]
    mid = desk_mid(1065, "reply", "a107b829")
    raw = html_mail("owa_html_only_ru", ewb("Сергей Волков", "utf-8", "utf-8") + " <sergei@clients.example>",
                    ewb("Re: [Ticket#1065] Новый ноутбук", "utf-8", "utf-8"), "Tue, 17 Nov 2026 07:15:42 +0000",
                    "<AS8PR02MB9551B8C9D0E1F2A3B4C5D6E7F8091A2@AS8PR02MB9551.eurprd02.prod.outlook.com>",
                    owa_html(lines, labels, values, quoted), token=token, mid=mid,
                    extra=OWA_EXTRA + [("Content-Language", "ru-RU")],
                    helo="EUR02-AM0-obe.outbound.protection.outlook.com", ip="40.107.22.101")
    return raw, {
        "subject": "Re: [Ticket#1065] Новый ноутбук", "from": addr("sergei@clients.example", "Сергей Волков"),
        "body_part": "text/html", "body_charset": "utf-8", "language": "ru",
        "new_text": "\n".join(lines[:3]), "problems_nonempty": False,
    }


@case("owa_html_only_ro",
      "Outlook on the web in Romanian: text/html only, UTF-8 QP (comma-below ș ț), 'Cu stimă,' sign-off, #divRplyFwdMsg with 'De la:/Trimis:/Către:/Subiect:'")
def _():
    token = tok(1066, 25, "h8zk2wq6mrt4xbpa")
    lines = ["Bună ziua,", "", "Am primit laptopul, mulțumesc. Cum pot să îmi mut fișierele de pe cel vechi?",
             "", "Cu stimă,", "Elena Ionescu"]
    labels = ["De la:", "Trimis:", "Către:", "Subiect:"]
    values = ["IT Support <support@itdesk.example>", "luni, 16 noiembrie 2026 17:10",
              "Elena Ionescu <elena@clients.example>", "[Ticket#1066] Laptop nou"]
    quoted = ["Bună ziua,", "", "Laptopul dumneavoastră este gata.", "", "IT Support"]
    mid = desk_mid(1066, "reply", "b208c93a")
    raw = html_mail("owa_html_only_ro", "Elena Ionescu <elena@clients.example>",
                    "Re: [Ticket#1066] Laptop nou", "Tue, 17 Nov 2026 08:25:42 +0000",
                    "<AS8PR02MB9551C9D0E1F2A3B4C5D6E7F8091A2B3@AS8PR02MB9551.eurprd02.prod.outlook.com>",
                    owa_html(lines, labels, values, quoted), token=token, mid=mid,
                    extra=OWA_EXTRA + [("Content-Language", "ro-RO")],
                    helo="EUR02-AM0-obe.outbound.protection.outlook.com", ip="40.107.22.101")
    return raw, {
        "ticket": 1066, "body_part": "text/html", "language": "ro",
        "new_text": "\n".join(lines[:3]), "problems_nonempty": False,
    }


@case("owa_tech_commands_et",
      "Technician in Outlook on the web (HTML only): '#hold ...' and '#priority 3' in elementToProof divs, a message for the client in Estonian, Saatja: history")
def _():
    token = tok(1060, 5, "r9xq4wk2mzt8bncp")
    lines = ["#hold ootame kliendilt arvuti seerianumbrit", "#priority 3", "",
             "Mari, palun saatke arvuti seerianumber, see on kleebisel arvuti põhja all.", "", "Jaan"]
    labels = ["Saatja:", "Saadetud:", "Adressaat:", "Teema:"]
    values = ["IT Support <support@itdesk.example>", "teisipäev, 17. november 2026 8:15",
              "Jaan Kask <jaan@itdesk.example>", "[Ticket#1060] Uus vastus: Arvuti ei käivitu"]
    quoted = ["Mari Kask kirjutas:", "", "Arvuti ei lülitu enam sisse, toitenupp vilgub oranžilt."]
    mid = desk_mid(1060, "notify", "c309d04b")
    raw = html_mail("owa_tech_commands_et", "Jaan Kask <jaan@itdesk.example>",
                    "Re: [Ticket#1060] Uus vastus: Arvuti ei " + ewq("käivitu", "utf-8"),
                    "Tue, 17 Nov 2026 06:31:10 +0000",
                    "<DB9PR07MB71489A0B1C2D3E4F5A6B7C8D9E0F1A2@DB9PR07MB7148.eurprd07.prod.outlook.com>",
                    owa_html(lines, labels, values, quoted), token=token, mid=mid, extra=OWA_EXTRA,
                    helo="EUR05-DB8-obe.outbound.protection.outlook.com", ip="40.107.20.51")
    return raw, {
        "ticket": 1060, "reply_token": token, "body_part": "text/html",
        "commands": [["hold", "ootame kliendilt arvuti seerianumbrit"], ["priority", "3"]],
        "new_text": "Mari, palun saatke arvuti seerianumber, see on kleebisel arvuti põhja all.\n\nJaan",
        "language": "et", "problems_nonempty": False,
    }


# ---------------------------------------------------------------- Outlook mobile

def outlook_mobile(name, text, trailer, labels, values, quoted, from_hdr, subject, date, msgid, token, mid, lang):
    plain = (text + "\n\n" + trailer + "\n________________________________\n" +
             "\n".join("%s %s" % (l, v) for l, v in zip(labels, values)) + "\n\n" + "\n".join(quoted) + "\n")
    t_text, _, t_url = trailer.partition("<")
    html = ('<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n</head>\n'
            '<body>\n<div dir="ltr">%s</div>\n<div dir="ltr"><br></div>\n'
            '<div class="ms-outlook-mobile-signature"><div dir="ltr"><a href="%s">%s</a></div></div>\n'
            '<div id="mail-editor-reference-message-container"><br>\n<hr style="display:inline-block;width:98%%">\n'
            '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">'
            % (html_escape(text), t_url.rstrip(">"), html_escape(t_text)))
    html += "<br>\n".join("<b>%s</b> %s" % (html_escape(l), html_escape(v)) for l, v in zip(labels, values))
    html += "</font>\n<div>&nbsp;</div></div>\n<div>%s</div>\n</div>\n</body>\n</html>\n" % "<br>".join(
        html_escape(q) for q in quoted)
    b = "_000_%s_" % hashlib.sha256(name.encode()).hexdigest()[:40].upper()
    return alternative_mail(name, from_hdr, subject, date, msgid, plain, html, b, cte="base64", token=token,
                            mid=mid, extra=[("Content-Language", lang)] + OWA_EXTRA,
                            helo="EUR02-AM0-obe.outbound.protection.outlook.com", ip="40.107.22.101")


@case("outlook_android_en",
      "Outlook for Android: one line above 'Sent from Outlook for Android<...>', an underscore rule and a From:/Sent:/To:/Subject: block")
def _():
    token = tok(1059, 26, "w2kz7qm4xrt9bnca")
    text = "Yes, please go ahead and reinstall it. I have a backup of my files."
    raw = outlook_mobile("outlook_android_en", text, "Sent from Outlook for Android<https://aka.ms/AAb9ysg>",
                         ["From:", "Sent:", "To:", "Subject:"],
                         ["IT Support <support@itdesk.example>", "Monday, November 16, 2026 5:10:22 PM",
                          "Peter Brown <peter@clients.example>", "[Ticket#1059] Windows update fails"],
                         ["Hello Peter,", "", "May we reinstall Windows on your laptop?", "", "IT Support"],
                         "Peter Brown <peter@clients.example>", "Re: [Ticket#1059] Windows update fails",
                         "Tue, 17 Nov 2026 07:48:16 +0000",
                         "<AS8PR02MB9551D0E1F2A3B4C5D6E7F8091A2B3C4@AS8PR02MB9551.eurprd02.prod.outlook.com>",
                         token, desk_mid(1059, "reply", "d40ae15c"), "en-GB")
    return raw, {"ticket": 1059, "body_part": "text/plain", "language": "en", "new_text": text,
                 "problems_nonempty": False}


@case("outlook_ios_et",
      "Outlook for iOS in Estonian: 'Hankige Outlook iOS-i jaoks<...>' trailer, underscore rule and 'Saatja:/Saadetud:/Adressaat:/Teema:'")
def _():
    token = tok(1058, 20, "v4kq8zm2txr6bnwc")
    text = "Kas tehnik saaks tulla homme pärast kella kahte? Hommikul olen koosolekul."
    raw = outlook_mobile("outlook_ios_et", text, "Hankige Outlook iOS-i jaoks<https://aka.ms/o0ukef>",
                         ["Saatja:", "Saadetud:", "Adressaat:", "Teema:"],
                         ["IT Support <support@itdesk.example>", "esmaspäev, 16. november 2026 17:10:22",
                          "Kati Tamm <kati@clients.example>", "[Ticket#1058] Parool aegunud"],
                         ["Tere!", "", "Tehnik tuleb teie juurde homme.", "", "IT Support"],
                         "Kati Tamm <kati@clients.example>", "Re: [Ticket#1058] Parool aegunud",
                         "Tue, 17 Nov 2026 07:51:06 +0000",
                         "<AS8PR02MB9551E1F2A3B4C5D6E7F8091A2B3C4D5@AS8PR02MB9551.eurprd02.prod.outlook.com>",
                         token, desk_mid(1058, "reply", "e51bf26d"), "et-EE")
    return raw, {"ticket": 1058, "body_part": "text/plain", "language": "et", "new_text": text,
                 "problems_nonempty": False}


@case("outlook_android_ro",
      "Outlook for Android in Romanian: 'Obțineți Outlook pentru Android<...>' trailer, underscore rule and 'De la:/Trimis:/Către:/Subiect:'")
def _():
    token = tok(1066, 25, "h8zk2wq6mrt4xbpa")
    text = "Mulțumesc, am reușit să mut fișierele. Puteți închide solicitarea."
    raw = outlook_mobile("outlook_android_ro", text, "Obțineți Outlook pentru Android<https://aka.ms/AAb9ysg>",
                         ["De la:", "Trimis:", "Către:", "Subiect:"],
                         ["IT Support <support@itdesk.example>", "luni, 16 noiembrie 2026 17:10:22",
                          "Elena Ionescu <elena@clients.example>", "[Ticket#1066] Laptop nou"],
                         ["Bună ziua,", "", "Fișierele se pot muta cu un stick USB.", "", "IT Support"],
                         "Elena Ionescu <elena@clients.example>", "Re: [Ticket#1066] Laptop nou",
                         "Tue, 17 Nov 2026 09:12:06 +0000",
                         "<AS8PR02MB9551F2A3B4C5D6E7F8091A2B3C4D5E6@AS8PR02MB9551.eurprd02.prod.outlook.com>",
                         token, desk_mid(1066, "reply", "f62c037e"), "ro-RO")
    return raw, {"ticket": 1066, "body_part": "text/plain", "language": "ro", "new_text": text,
                 "problems_nonempty": False}


@case("outlook_android_ru",
      "Outlook for Android in Russian: 'Получить Outlook для Android<...>' trailer, underscore rule and 'От:/Отправлено:/Кому:/Тема:'")
def _():
    token = tok(1065, 24, "s3wq9km5xzt7rbnd")
    text = "Монитор подключил, всё работает. Спасибо!"
    raw = outlook_mobile("outlook_android_ru", text, "Получить Outlook для Android<https://aka.ms/AAb9ysg>",
                         ["От:", "Отправлено:", "Кому:", "Тема:"],
                         ["IT Support <support@itdesk.example>", "Monday, November 16, 2026 5:10:22 PM",
                          "Сергей Волков <sergei@clients.example>", "[Ticket#1065] Новый ноутбук"],
                         ["Здравствуйте!", "", "Второй монитор подключается к порту HDMI док-станции.", "",
                          "IT Support"],
                         ewb("Сергей Волков", "utf-8", "utf-8") + " <sergei@clients.example>",
                         ewb("Re: [Ticket#1065] Новый ноутбук", "utf-8", "utf-8"),
                         "Tue, 17 Nov 2026 10:02:46 +0000",
                         "<AS8PR02MB9551A3B4C5D6E7F8091A2B3C4D5E6F7@AS8PR02MB9551.eurprd02.prod.outlook.com>",
                         token, desk_mid(1065, "reply", "073d148f"), "ru-RU")
    return raw, {"ticket": 1065, "body_part": "text/plain", "language": "ru", "new_text": text,
                 "problems_nonempty": False}


# ---------------------------------------------------------------- Gmail (Android app, forwards, commands)

def gmail_android(name, lines, attribution, quoted, from_hdr, subject_hdr, date, msgid, token, mid, boundary):
    plain = "\n".join(lines) + "\n\n" + attribution + "\n\n" + quote(quoted) + "\n"
    html = gmail_html(lines, html_escape(attribution), quoted)
    sender = from_hdr.split("<")[-1].rstrip(">")
    return gmail_message(name, sender=sender, from_hdr=from_hdr, when_recv=date, date=date, msgid=msgid,
                         subject_hdr=subject_hdr, to_hdr="IT Support <support+%s@itdesk.example>" % token,
                         mid=mid, plain=plain, html=html, boundary=boundary,
                         rcpt="support+%s@itdesk.example" % token)


@case("gmail_android_en",
      "Gmail for Android in English: 'On Mon, 16 Nov 2026, 17:10 IT Support, <...> wrote:' with a blank line before the quote")
def _():
    token = tok(1059, 26, "w2kz7qm4xrt9bnca")
    lines = ["Thanks! I'll try it tonight and let you know if the update goes through."]
    raw = gmail_android("gmail_android_en", lines,
                        "On Mon, 16 Nov 2026, 17:10 IT Support, <support@itdesk.example> wrote:",
                        ["Hello Peter,", "", "Please run Windows Update once more after a restart.", "", "IT Support"],
                        "Peter Brown <peter.brown.home@gmail.example>", "Re: [Ticket#1059] Windows update fails",
                        "Mon, 16 Nov 2026 18:02:11 +0000",
                        "<CAJ4rT8x1mN5bQ2vK7wZ0pL3sG9hY6dE1uA4oC8iX2nB5qR7tMw@mail.gmail.com>",
                        token, desk_mid(1059, "reply", "184e25a0"), "0000000000001b2c3d0644aa2f61")
    return raw, {"ticket": 1059, "body_part": "text/plain", "language": "en", "new_text": lines[0],
                 "problems_nonempty": False}


@case("gmail_android_ru",
      "Gmail for Android in Russian: attribution 'пн, 16 нояб. 2026 г., 17:10 IT Support <...>:' without a verb, blank line, quote")
def _():
    token = tok(1065, 24, "s3wq9km5xzt7rbnd")
    lines = ["Добрый вечер!", "", "Док-станцию нашёл, завтра попробую подключить монитор."]
    raw = gmail_android("gmail_android_ru", lines,
                        "пн, 16 нояб. 2026 г., 17:10 IT Support <support@itdesk.example>:",
                        ["Здравствуйте!", "", "Док-станция лежит в кабинете 214.", "", "IT Support"],
                        ewb("Сергей Волков", "utf-8", "UTF-8") + " <sergei.volkov@gmail.example>",
                        ewb("Re: [Ticket#1065] Новый ноутбук", "utf-8", "UTF-8"),
                        "Mon, 16 Nov 2026 21:12:40 +0300",
                        "<CAK9sW2y7nP1cR4xL8vB0qM3tH6jF5eG2wA9oD1iY4mC7rS0uNx@mail.gmail.com>",
                        token, desk_mid(1065, "reply", "295f36b1"), "0000000000002c3d4e0644aa3072")
    return raw, {"ticket": 1065, "body_part": "text/plain", "language": "ru", "new_text": "\n".join(lines),
                 "problems_nonempty": False}


@case("gmail_android_et",
      "Gmail for Android in Estonian: 'E, 16. nov 2026 17:10 IT Support <...> kirjutas:' and a 'Parimate soovidega' sign-off")
def _():
    token = tok(1058, 20, "v4kq8zm2txr6bnwc")
    lines = ["Tere!", "", "Homme kell 14 sobib, olen oma laua taga.", "", "Parimate soovidega", "Kati Tamm"]
    raw = gmail_android("gmail_android_et", lines,
                        "E, 16. nov 2026 17:10 IT Support <support@itdesk.example> kirjutas:",
                        ["Tere!", "", "Kas tehnik võib tulla homme kell 14?", "", "IT Support"],
                        "Kati Tamm <kati.tamm@gmail.example>", "Re: [Ticket#1058] Parool aegunud",
                        "Mon, 16 Nov 2026 19:22:40 +0200",
                        "<CAL1tX3z8oQ2dS5yM9wC1rN4uJ7kG6fH3xB0pE2jZ5nD8sT1vOy@mail.gmail.com>",
                        token, desk_mid(1058, "reply", "3a6047c2"), "0000000000003d4e5f0644aa4183")
    return raw, {"ticket": 1058, "body_part": "text/plain", "language": "et", "new_text": "\n".join(lines[:3]),
                 "problems_nonempty": False}


@case("gmail_android_ro",
      "Gmail for Android in Romanian: 'Pe lun., 16 nov. 2026, 17:10 IT Support <...> a scris:' and a 'Mulțumesc,' sign-off")
def _():
    token = tok(1066, 25, "h8zk2wq6mrt4xbpa")
    lines = ["Bună seara,", "", "Stickul USB nu este recunoscut de laptopul nou. Ce pot face?", "",
             "Mulțumesc,", "Elena"]
    raw = gmail_android("gmail_android_ro", lines,
                        "Pe lun., 16 nov. 2026, 17:10 IT Support <support@itdesk.example> a scris:",
                        ["Bună ziua,", "", "Fișierele se pot muta cu un stick USB.", "", "IT Support"],
                        "Elena Ionescu <elena.ionescu@gmail.example>", "Re: [Ticket#1066] Laptop nou",
                        "Mon, 16 Nov 2026 20:40:12 +0200",
                        "<CAM2uY4a9pR3eT6zN0xD2sO5vK8lH7gI4yC1qF3kA6oE9tU2wPz@mail.gmail.com>",
                        token, desk_mid(1066, "reply", "4b7158d3"), "0000000000004e5f600644aa5294")
    return raw, {"ticket": 1066, "body_part": "text/plain", "language": "ro", "new_text": "\n".join(lines[:3]),
                 "problems_nonempty": False}


@case("gmail_forward_inline_et",
      "Gmail web in Estonian: a suspicious mail forwarded inline under '---------- Edastatud kiri ---------' with Saatja:/Date:/Subject:/To: lines: kept")
def _():
    note = "Tere!\n\nSain sellise kirja, link viib kummalisele lehele. Kas see on õngitsuskiri?"
    fwd = ("---------- Edastatud kiri ---------\n"
           "Saatja: Telia <arved@telia-arve.example>\n"
           "Date: E, 16. nov 2026 kell 08:02\n"
           "Subject: Teie arve on tasumata\n"
           "To: <kati.tamm@gmail.example>\n\n\n"
           "Lugupeetud klient! Teie arve summas 42,90 € on tasumata. Tasuge kohe: http://telia-arve.example/maksa")
    plain = note + "\n\n" + fwd + "\n"
    html = ('<div dir="ltr">' + html_escape("Tere!") + "<div><br></div><div>" +
            html_escape("Sain sellise kirja, link viib kummalisele lehele. Kas see on õngitsuskiri?") +
            '</div><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">'
            "---------- Edastatud kiri ---------<br>Saatja: <strong class=\"gmail_sendername\" dir=\"auto\">Telia</strong> "
            "<span dir=\"auto\">&lt;arved@telia-arve.example&gt;</span><br>Date: E, 16. nov 2026 kell 08:02<br>"
            "Subject: Teie arve on tasumata<br>To: &lt;kati.tamm@gmail.example&gt;<br></div><br><br>"
            "Lugupeetud klient! Teie arve summas 42,90 € on tasumata. Tasuge kohe: http://telia-arve.example/maksa"
            "</div></div>\n")
    raw = gmail_message("gmail_forward_inline_et", sender="kati.tamm@gmail.example",
                        from_hdr="Kati Tamm <kati.tamm@gmail.example>", when_recv="Mon, 16 Nov 2026 09:01:12 +0200",
                        date="Mon, 16 Nov 2026 09:01:01 +0200",
                        msgid="<CAN3vZ5b0qS4fU7aO1yE3tP6wL9mI8hJ5zD2rG4lB7pF0uV3xQa@mail.gmail.com>",
                        subject_hdr="Fwd: Teie arve on tasumata", to_hdr="support@itdesk.example",
                        mid="<CAN3vZ5b0qS4fU7aO1yE3tP6wL9mI8hJ5zD2rG4lB7pF0uV3xQ0@mail.gmail.com>",
                        plain=plain, html=html, boundary="0000000000005f60710644aa63a5", rcpt=DESK)
    return raw, {"subject": "Fwd: Teie arve on tasumata", "ticket": None, "body_part": "text/plain",
                 "language": "et", "new_text": note + "\n\n" + fwd, "problems_nonempty": False}


@case("gmail_tech_commands_only_ru",
      "Technician in Gmail (Workspace): a mail that is nothing but commands ('#lang ru', '#status resolved') above the quoted notification")
def _():
    token = tok(1061, 9, "t5kq2wz8mxr3bnce")
    lines = ["#lang ru", "#status resolved"]
    quoted = ["Новый ответ от Ольга Смирнова <olga@clients.example>:", "",
              "Пароль сбросили, спасибо. Но в 1С по-прежнему не пускает."]
    raw = gmail_reply("gmail_tech_commands_only_ru", lines,
                      "On Tue, Nov 17, 2026 at 9:22 AM IT Support <support@itdesk.example> wrote:",
                      'On Tue, Nov 17, 2026 at 9:22 AM IT Support &lt;<a href="mailto:support@itdesk.example">'
                      'support@itdesk.example</a>&gt; wrote:', quoted,
                      sender="jaan@itdesk.example", from_hdr="Jaan Kask <jaan@itdesk.example>",
                      when_recv="Tue, 17 Nov 2026 07:30:02 +0000", date="Tue, 17 Nov 2026 07:29:51 +0000",
                      msgid="<CAO4wA6c1rT5gV8bP2zF4uQ7xM0nJ9iK6aE3sH5mC8qG1vW4yRb@mail.gmail.com>",
                      subject_hdr=ewb("Re: [Ticket#1061] Новый ответ: Сброс пароля", "utf-8", "UTF-8"),
                      to_hdr="IT Support <support+%s@itdesk.example>" % token,
                      mid=desk_mid(1061, "notify", "5c8269e4"), boundary="00000000000060718a0644aa74b6",
                      rcpt="support+%s@itdesk.example" % token)
    return raw, {"ticket": 1061, "reply_token": token, "commands": [["lang", "ru"], ["status", "resolved"]],
                 "new_text": "", "classification": "human", "problems_nonempty": False}


# ---------------------------------------------------------------- Apple Mail and iPhone

@case("iphone_reply_ro",
      "iPhone Mail in Romanian: 'Trimis de pe iPhone' trailer, quoted 'Pe 16 nov. 2026, la 17:10, IT Support <...> a scris:'")
def _():
    token = tok(1062, 23, "g5mw8kq3rtz2xnpb")
    text = "Am conectat monitorul direct la priză şi acum funcţionează. Vă mulţumesc!"
    body = (text + "\n\nTrimis de pe iPhone\n\n"
            "> Pe 16 nov. 2026, la 17:10, IT Support <support@itdesk.example> a scris:\n> \n"
            "> \ufeffBună ziua,\n> \n> Vă rugăm să verificaţi dacă monitorul este conectat direct la priză.\n> \n"
            "> IT Support\n")
    mid = desk_mid(1062, "reply", "cc03d4e5")
    raw = message(received("iphone_reply_ro", "elena@clients.example", "mail.clients.example", "192.0.2.10",
                           "Mon, 16 Nov 2026 18:12:41 +0200 (EET)", "support+%s@itdesk.example" % token) +
                  iphone_headers("Elena Ionescu <elena@clients.example>", "Re: [Ticket#1062] Monitor defect",
                                 "Mon, 16 Nov 2026 18:12:38 +0200",
                                 "<3E5F7A91-2B4C-4D6E-8F0A-1B3C5D7E9F02@clients.example>", mid,
                                 "IT Support <support+%s@itdesk.example>" % token),
                  qp(enc(body, "utf-8")))
    return raw, {"ticket": 1062, "body_charset": "utf-8", "language": "ro", "new_text": text,
                 "problems_nonempty": False}


@case("apple_mail_forward_en",
      "Apple Mail (macOS) forward in English: note above 'Begin forwarded message:' and a '> '-quoted From:/Subject:/Date:/To: block: the forward is kept, unquoted")
def _():
    note = "Hi, see below – this came from “our bank”. Is it genuine?"
    fwd_lines = ["From: Bank Security <security@bank-alerts.example>",
                 "Subject: Your account has been suspended",
                 "Date: 16 November 2026 at 08:12:44 GMT",
                 "To: peter@clients.example", "",
                 "Dear customer, your account has been suspended. Verify your identity within 24 hours:",
                 "http://bank-alerts.example/verify"]
    body = note + "\n\nPeter\n\nBegin forwarded message:\n\n" + quote(fwd_lines) + "\n\n"
    raw = plain_mail("apple_mail_forward_en", "Peter Brown <peter@clients.example>",
                     "Fwd: Your account has been suspended", "Mon, 16 Nov 2026 09:30:04 +0000",
                     "<7C1D3E5F-9A2B-4C6D-8E0F-2A4B6C8D0E13@clients.example>", body, "utf-8",
                     to_hdr="support@itdesk.example",
                     extra=[("X-Mailer", "Apple Mail (2.3826.200.121)")])
    return raw, {"subject": "Fwd: Your account has been suspended", "language": "en",
                 "new_text": note + "\n\nPeter\n\nBegin forwarded message:\n\n" + "\n".join(fwd_lines),
                 "problems_nonempty": False}


@case("apple_mail_et_reply",
      "Apple Mail (macOS) in Estonian: 'Tervitades,' sign-off, attribution '16. nov 2026, kell 17:10, IT Support <...> kirjutas:' and a quote")
def _():
    token = tok(1060, 21, "p2xk7qm4bzt9wrca")
    text = "Tere!\n\nToitejuhe oli lahti tulnud, nüüd töötab kõik. Aitäh!"
    body = (text + "\n\nTervitades,\nMari\n\n"
            "> 16. nov 2026, kell 17:10, IT Support <support@itdesk.example> kirjutas:\n> \n"
            "> Tere!\n> \n> Palun võtke arvuti toitejuhe korraks seinast välja ja proovige uuesti.\n> \n"
            "> IT Support\n> \n\n")
    raw = plain_mail("apple_mail_et_reply", "Mari Kask <mari@clients.example>",
                     "Re: [Ticket#1060] Arvuti ei " + ewq("käivitu", "utf-8"), "Mon, 16 Nov 2026 18:40:04 +0200",
                     "<8D2E4F60-0B3C-4D7E-9F1A-3B5C7D9E1F24@clients.example>", body, "utf-8",
                     token=token, mid=desk_mid(1060, "reply", "aa01b2c3"),
                     extra=[("X-Mailer", "Apple Mail (2.3826.200.121)")])
    return raw, {"subject": "Re: [Ticket#1060] Arvuti ei käivitu", "language": "et", "new_text": text,
                 "problems_nonempty": False}


@case("apple_mail_flowed_delsp_ro",
      "Apple Mail (macOS) in Romanian: format=flowed; delsp=yes QP, soft breaks inside a long line, 'Cu bine,' sign-off, 'Pe ..., ... a scris:' quote")
def _():
    token = tok(1066, 25, "h8zk2wq6mrt4xbpa")
    par = ("Am încercat să copiez fișierele pe stickul USB, dar laptopul nou nu îl vede deloc, nici în "
           "Explorer, nici în Gestionarea discurilor. Pe laptopul vechi merge fără probleme.")
    body = ("Bună ziua,\n\n" + flowed(par, 72, delsp=True) + "\n\nCu bine,\nElena\n\n" +
            "> Pe 16 nov. 2026, la 17:10, IT Support <support@itdesk.example> a scris:\n> \n" +
            "> Fișierele se pot muta cu un stick USB.\n")
    raw = plain_mail("apple_mail_flowed_delsp_ro", "Elena Ionescu <elena@clients.example>",
                     "Re: [Ticket#1066] Laptop nou", "Tue, 17 Nov 2026 10:40:04 +0200",
                     "<9E3F5A71-1C4D-4E8F-A02B-4C6D8E0F2A35@clients.example>", body, "utf-8",
                     token=token, mid=desk_mid(1066, "reply", "b208c93a"),
                     ctype="text/plain;\n\tcharset=utf-8;\n\tdelsp=yes;\n\tformat=flowed",
                     extra=[("X-Mailer", "Apple Mail (2.3826.200.121)")])
    return raw, {"body_charset": "utf-8", "language": "ro", "new_text": "Bună ziua,\n\n" + par,
                 "problems_nonempty": False}


@case("iphone_tech_commands_en",
      "Technician on iPhone Mail: '#status resolved' and '#category hardware', then 'Sent from my iPhone' and the quoted notification: commands only")
def _():
    token = tok(1062, 3, "m4rk2wq7hzd5xb6c")
    body = ("#status resolved\n#category hardware\n\nSent from my iPhone\n\n"
            "> On 17 Nov 2026, at 09:30, IT Support <support@itdesk.example> wrote:\n> \n"
            "> \ufeffNew reply from Elena Ionescu <elena@clients.example>:\n> \n"
            "> Monitorul de la recepţie clipeşte şi se stinge după câteva minute.\n")
    mid = desk_mid(1062, "notify", "6d937af5")
    raw = message(received("iphone_tech_commands_en", "jaan@itdesk.example", "jaan-phone.itdesk.example",
                           "198.51.100.23", "Tue, 17 Nov 2026 11:02:41 +0200 (EET)",
                           "support+%s@itdesk.example" % token) +
                  iphone_headers("Jaan Kask <jaan@itdesk.example>",
                                 "Re: [Ticket#1062] New reply: Monitor defect", "Tue, 17 Nov 2026 11:02:38 +0200",
                                 "<4F6A8B02-3C5D-4E7F-9A1B-2C4D6E8F0A13@itdesk.example>", mid,
                                 "IT Support <support+%s@itdesk.example>" % token),
                  qp(enc(body, "utf-8")))
    return raw, {"ticket": 1062, "reply_token": token,
                 "commands": [["status", "resolved"], ["category", "hardware"]], "new_text": "",
                 "problems_nonempty": False}


# ---------------------------------------------------------------- Thunderbird, Yandex, Mail.ru

@case("thunderbird_reply_en",
      "Thunderbird 128 plain text (flowed) in English: top-posted reply, 'Best regards,' sign-off with name/title/company/phone, 'On 16/11/2026 17:10, IT Support wrote:'")
def _():
    token = tok(1059, 26, "w2kz7qm4xrt9bnca")
    text = ("Hello,\n\nThe update went through after the second restart. The laptop is a bit slow "
            "now, but\nI think it is still indexing.")
    body = (text + "\n\nBest regards,\nPeter Brown\nFinance Manager\nClients Ltd\n+44 20 7946 0123\n\n"
            "On 16/11/2026 17:10, IT Support wrote:\n"
            "> Hello Peter,\n>\n> Please run Windows Update once more after a restart.\n>\n> IT Support\n")
    raw = plain_mail("thunderbird_reply_en", "Peter Brown <peter@clients.example>",
                     "Re: [Ticket#1059] Windows update fails", "Tue, 17 Nov 2026 09:02:31 +0000",
                     "<3b7e9c1d-5f2a-4b8e-a0d3-6c1f8e2b4a97@clients.example>", body, "UTF-8", "7bit",
                     token=token, mid=desk_mid(1059, "reply", "d40ae15c"),
                     ctype="text/plain; charset=UTF-8; format=flowed",
                     extra=[("User-Agent", "Mozilla Thunderbird"), ("Content-Language", "en-GB")])
    return raw, {"ticket": 1059, "body_charset": "utf-8", "language": "en", "new_text": text,
                 "commands": [], "problems_nonempty": False}


def yandex_mail(name, html, from_hdr, subject, date, msgid, token, mid, sender=None):
    return html_mail(name, from_hdr, subject, date, msgid, html, "utf-8", "8bit", token=token, mid=mid,
                     helo="forward501b.mail.yandex.net", ip="178.154.239.145",
                     extra=[("X-Mailer", "Yamail [ http://yandex.ru ] 5.0")])


def yandex_html(lines, signature, attribution, quoted):
    html = "<div>" + "</div><div>".join(html_escape(l) if l else "&nbsp;" for l in lines) + "</div>"
    if signature:
        html += "<div>&nbsp;</div><div>-- </div>" + "".join("<div>%s</div>" % html_escape(s) for s in signature)
    html += "<div>&nbsp;</div><div>&nbsp;</div><div>%s</div><blockquote>" % html_escape(attribution)
    html += "".join("<div>%s</div>" % (html_escape(q) if q else "&nbsp;") for q in quoted) + "</blockquote>\n"
    return html


@case("yandex_html_reply_en",
      "Yandex web mail in English: text/html only, 8bit UTF-8, '-- ' signature, '16.11.2026, 17:10, \"IT Support\" <...>:' and blockquote")
def _():
    token = tok(1059, 26, "w2kz7qm4xrt9bnca")
    lines = ["Hello,", "", "Could you also install the VPN client on the new laptop? The old one had it."]
    html = yandex_html(lines, ["Best regards,", "Peter Brown"], '16.11.2026, 17:10, "IT Support" <support@itdesk.example>:',
                       ["Hello Peter,", "", "Your laptop is ready.", "", "IT Support"])
    raw = yandex_mail("yandex_html_reply_en", html, "Peter Brown <peter.brown@yandex.example>",
                      "Re: [Ticket#1059] Windows update fails", "Tue, 17 Nov 2026 12:14:22 +0300",
                      "<1204561731831462@mail.yandex.ru>", token, desk_mid(1059, "reply", "d40ae15c"))
    return raw, {"body_part": "text/html", "language": "en", "new_text": "\n".join(lines),
                 "problems_nonempty": False}


@case("yandex_mobile_ru",
      "Yandex mobile mail in Russian: text/html only, trailer 'Отправлено из Яндекс.Почты для мобильных' after '-- ', attribution and blockquote")
def _():
    token = tok(1065, 24, "s3wq9km5xzt7rbnd")
    lines = ["Спасибо, сейчас проверю и отпишусь."]
    html = yandex_html(lines, ["Отправлено из Яндекс.Почты для мобильных"],
                       '16.11.2026, 17:10, "IT Support" <support@itdesk.example>:',
                       ["Здравствуйте!", "", "Док-станция лежит в кабинете 214.", "", "IT Support"])
    raw = yandex_mail("yandex_mobile_ru", html, ewb("Сергей Волков", "utf-8") + " <s.volkov@yandex.example>",
                      ewb("Re: [Ticket#1065] Новый ноутбук", "utf-8"), "Mon, 16 Nov 2026 17:31:02 +0300",
                      "<2315672842942573@mail.yandex.ru>", token, desk_mid(1065, "reply", "295f36b1"))
    return raw, {"body_part": "text/html", "language": "ru", "new_text": lines[0], "problems_nonempty": False}


@case("yandex_html_reply_et",
      "Yandex web mail (Russian UI) with an Estonian writer: text/html only, 'Parimate soovidega,' sign-off (no '-- '), Russian-UI attribution and blockquote")
def _():
    token = tok(1058, 20, "v4kq8zm2txr6bnwc")
    lines = ["Tere!", "", "Ajutine parool ei tööta, süsteem ütleb et see on aegunud.", "", "Parimate soovidega,",
             "Kati"]
    html = yandex_html(lines, None, '16.11.2026, 17:10, "IT Support" <support@itdesk.example>:',
                       ["Tere!", "", "Saatsime teile ajutise parooli SMS-iga.", "", "IT Support"])
    raw = yandex_mail("yandex_html_reply_et", html, "Kati Tamm <kati.tamm@yandex.example>",
                      "Re: [Ticket#1058] Parool aegunud", "Tue, 17 Nov 2026 08:14:22 +0300",
                      "<3426783953053684@mail.yandex.ru>", token, desk_mid(1058, "reply", "ff06a718"))
    return raw, {"body_part": "text/html", "language": "et", "new_text": "\n".join(lines[:3]),
                 "problems_nonempty": False}


def mailru_mail(name, plain, from_hdr, subject, date, msgid, token, mid):
    return plain_mail(name, from_hdr, subject, date, msgid, plain, "utf-8", "base64", token=token, mid=mid,
                      helo="smtp50.i.mail.ru", ip="95.163.41.91",
                      extra=[("X-Mailer", "Mail.Ru Mailer 1.0"), ("X-Priority", "3 (Normal)")])


@case("mailru_mobile_ru",
      "Mail.ru mobile app in Russian: text/plain base64, 'Отправлено из мобильной Почты Mail.ru' trailer, '>'-quoted 'Понедельник, ... от IT Support <...>:'")
def _():
    token = tok(1061, 22, "c7rt2wq9mkx4bzpa")
    text = "Хорошо, жду техника завтра в 10 утра."
    plain = (text + "\n\n\nОтправлено из мобильной Почты Mail.ru\n\n\n"
             ">Понедельник, 16 ноября 2026, 17:10 +03:00 от IT Support <support@itdesk.example>:\n>\n"
             ">Здравствуйте!\n>\n>Техник подойдёт завтра в 10:00.\n>\n>IT Support\n")
    raw = mailru_mail("mailru_mobile_ru", plain, ewb("Ольга Смирнова", "utf-8", "UTF-8") + " <olga.smirnova@mail.ru>",
                      ewb("Re: [Ticket#1061] Сброс пароля", "utf-8", "UTF-8"), "Mon, 16 Nov 2026 18:41:18 +0300",
                      "<1695419679.482361558@f501.i.mail.ru>", token, desk_mid(1061, "reply", "bb02c3d4"))
    return raw, {"body_charset": "utf-8", "language": "ru", "new_text": text, "problems_nonempty": False}


@case("mailru_reply_en",
      "Mail.ru web mail in English UI: text/plain base64, 'Kind regards' sign-off, '>'-quoted 'Monday, 16 November 2026, 17:10 +03:00 from IT Support <...>:'")
def _():
    token = tok(1059, 26, "w2kz7qm4xrt9bnca")
    text = "Hello,\n \nThe VPN works from home now, thank you for the quick help."
    plain = (text + "\n \nKind regards,\nPeter\n \n \n"
             ">Monday, 16 November 2026, 17:10 +03:00 from IT Support <support@itdesk.example>:\n> \n"
             ">Hello Peter,\n> \n>Your VPN account is active now.\n> \n>IT Support\n")
    raw = mailru_mail("mailru_reply_en", plain, "Peter Brown <peter.brown@mail.ru>",
                      "Re: [Ticket#1059] Windows update fails", "Tue, 17 Nov 2026 11:41:18 +0300",
                      "<1795419680.482361559@f501.i.mail.ru>", token, desk_mid(1059, "reply", "d40ae15c"))
    return raw, {"language": "en", "new_text": text, "problems_nonempty": False}


@case("mailru_reply_et",
      "Mail.ru web mail (Russian UI) with an Estonian writer: text/plain base64, '--' signature, '>'-quoted Russian attribution")
def _():
    token = tok(1058, 20, "v4kq8zm2txr6bnwc")
    text = "Tere!\n \nPrinter prindib jälle tühje lehti. Kas keegi saaks täna vaatama tulla?"
    plain = (text + "\n \n \n--\nKati Tamm\n \n \n"
             ">Вторник, 17 ноября 2026, 9:10 +03:00 от IT Support <support@itdesk.example>:\n> \n"
             ">Tere!\n> \n>Vahetasime printeris tooneri.\n> \n>IT Support\n")
    raw = mailru_mail("mailru_reply_et", plain, "Kati Tamm <kati.tamm@mail.ru>",
                      "Re: [Ticket#1058] Parool aegunud", "Tue, 17 Nov 2026 12:41:18 +0300",
                      "<1895419681.482361560@f501.i.mail.ru>", token, desk_mid(1058, "reply", "ff06a718"))
    return raw, {"language": "et", "new_text": text, "problems_nonempty": False}


# ---------------------------------------------------------------- Lotus Notes

def notes_mail(name, text, labels, values, quoted, from_hdr, subject, date, msgid, token, mid, charset):
    body = (text + "\n\n\n\n" + "\n".join("%s\t%s" % (l, v) for l, v in zip(labels, values)) + "\n\n\n\n" +
            "\n".join(quoted) + "\n")
    return plain_mail(name, from_hdr, subject, date, msgid, body, charset, "quoted-printable", token=token,
                      mid=mid, helo="notes01.clients.example", ip="192.0.2.31",
                      extra=[("X-Mailer", "IBM Notes Release 9.0.1FP10 SHF383 July 2, 2018"),
                             ("X-MIMETrack", "Serialize by Router on NOTES01/Clients(Release 9.0.1FP10 HF197|December 12, 2018) at\n"
                                             " 17.11.2026 09:47:13")],
                      ctype="text/plain; charset=%s" % charset.upper())


@case("lotus_notes_en_reply",
      "IBM Notes 9 in English, iso-8859-1 QP: 'Regards,' sign-off, tab-separated From:/To:/Date:/Subject: block after blank lines")
def _():
    token = tok(1063, 27, "k8wq3zm5xrt2bnpd")
    text = "Hi,\n\nThe scanner on the 2nd floor works again, thank you. You can close the ticket."
    raw = notes_mail("lotus_notes_en_reply", text + "\n\nRegards,\nPeter Brown\nFinance",
                     ["From:", "To:", "Date:", "Subject:"],
                     ['"IT Support" <support@itdesk.example>', "peter@clients.example", "16.11.2026 17:10",
                      "[Ticket#1063] Scanner not working"],
                     ["Hello Peter,", "", "The scanner driver was reinstalled. Please try again.", "", "IT Support"],
                     "Peter Brown <peter@clients.example>", "Re: [Ticket#1063] Scanner not working",
                     "Tue, 17 Nov 2026 09:47:12 +0000",
                     "<OFB5C8D3E2.7F4A0B96-ON43258C8B.0023E4F1-43258C8B.0024B7A4@clients.example>",
                     token, desk_mid(1063, "reply", "7ea48b06"), "iso-8859-1")
    return raw, {"ticket": 1063, "body_charset": "iso-8859-1", "language": "en", "new_text": text,
                 "problems_nonempty": False}


@case("lotus_notes_et_reply",
      "IBM Notes 9 in Estonian, iso-8859-15 QP: tab-separated 'Saatja:/Adressaat:/Kuupäev:/Teema:' block, 'Lugupidamisega' sign-off")
def _():
    token = tok(1060, 21, "p2xk7qm4bzt9wrca")
    text = "Tere!\n\nArvuti käivitub nüüd, aga Šoti klaviatuuripaigutus on vale ja € märki ei saa kirjutada."
    raw = notes_mail("lotus_notes_et_reply", text + "\n\nLugupidamisega\nMari Kask",
                     ["Saatja:", "Adressaat:", "Kuupäev:", "Teema:"],
                     ['"IT Support" <support@itdesk.example>', "mari@clients.example", "16.11.2026 17:10",
                      "[Ticket#1060] Arvuti ei käivitu"],
                     ["Tere!", "", "Toitejuhe oli lahti, nüüd peaks arvuti töötama.", "", "IT Support"],
                     "Mari Kask <mari@clients.example>", "Re: [Ticket#1060] Arvuti ei " + ewq("käivitu", "iso-8859-15"),
                     "Tue, 17 Nov 2026 09:47:12 +0200",
                     "<OFC6D9E4F3.804B1CA7-ON43258C8B.0023E4F2-43258C8B.0024B7A5@clients.example>",
                     token, desk_mid(1060, "reply", "8fb59c17"), "iso-8859-15")
    return raw, {"ticket": 1060, "body_charset": "iso-8859-15", "language": "et", "new_text": text,
                 "problems_nonempty": False}


@case("lotus_notes_ro_reply",
      "IBM Notes 9 in Romanian, iso-8859-2 QP: tab-separated 'De la:/Către:/Dată:/Subiect:' block, 'Cu respect,' sign-off")
def _():
    token = tok(1062, 23, "g5mw8kq3rtz2xnpb")
    text = "Bună ziua,\n\nMonitorul a funcţionat două zile, dar azi s-a stins din nou. Vă rog să trimiteţi un tehnician."
    raw = notes_mail("lotus_notes_ro_reply", text + "\n\nCu respect,\nElena Ionescu",
                     ["De la:", "Către:", "Dată:", "Subiect:"],
                     ['"IT Support" <support@itdesk.example>', "elena@clients.example", "16.11.2026 17:10",
                      "[Ticket#1062] Monitor defect"],
                     ["Bună ziua,", "", "Monitorul a fost verificat.", "", "IT Support"],
                     "Elena Ionescu <elena@clients.example>", "Re: [Ticket#1062] Monitor defect",
                     "Wed, 18 Nov 2026 09:47:12 +0200",
                     "<OFD7EAF504.915C2DB8-ON43258C8C.0023E4F3-43258C8C.0024B7A6@clients.example>",
                     token, desk_mid(1062, "reply", "90c6ad28"), "iso-8859-2")
    return raw, {"ticket": 1062, "body_charset": "iso-8859-2", "language": "ro", "new_text": text,
                 "problems_nonempty": False}


# ---------------------------------------------------------------- mutt

@case("mutt_interleaved_en",
      "NeoMutt in English, us-ascii: interleaved answers between '>' quotes (the client's lines are kept, the questions dropped), '-- ' signature")
def _():
    token = tok(1067, 28, "z4kq8wm2xrt6bnca")
    body = ("On Mon, Nov 16, 2026 at 05:10:22PM +0000, IT Support wrote:\n"
            "> Hello Peter,\n>\n> We need a few details to order the new docking station:\n>\n"
            "> 1. Which laptop model do you have?\n\n"
            "Lenovo ThinkPad T14 Gen 4.\n\n"
            "> 2. How many external monitors do you use?\n\n"
            "Two, both over DisplayPort. One of them is 4K.\n\n"
            "> Thanks,\n> IT Support\n\n"
            "-- \nPeter Brown | Clients Ltd | +44 20 7946 0123\n")
    raw = plain_mail("mutt_interleaved_en", "Peter Brown <peter@clients.example>",
                     "Re: [Ticket#1067] Docking station", "Tue, 17 Nov 2026 09:12:11 +0000",
                     "<20261117091211.ab3kq7x5zs2uy8c4@laptop.clients.example>", body, "us-ascii", "7bit",
                     token=token, mid=desk_mid(1067, "reply", "a1d7be39"),
                     extra=[("Content-Disposition", "inline"), ("User-Agent", "NeoMutt/20231103")])
    return raw, {"ticket": 1067, "language": "en",
                 "new_text": "Lenovo ThinkPad T14 Gen 4.\n\nTwo, both over DisplayPort. One of them is 4K.",
                 "problems_nonempty": False}


@case("mutt_interleaved_koi8u_ru",
      "Mutt 2.2 on a KOI8-U system: labelled koi8-u 8bit, Russian interleaved answers, Ukrainian letters (і, ї, є) in the '-- ' signature")
def _():
    token = tok(1068, 29, "q7wz2km9xrt4bnce")
    body = ("* IT Support <support@itdesk.example> [2026-11-16 17:10]:\n"
            "> Здравствуйте!\n>\n> Уточните, пожалуйста, номер кабинета.\n\n"
            "Кабинет 305, третий этаж.\n\n"
            "> И когда вам удобно принять техника?\n\n"
            "Завтра после обеда, с 14 до 17.\n\n"
            "-- \nОлексій Коваленко, відділ їдальні, моб. 050 123 45 67\n")
    raw = plain_mail("mutt_interleaved_koi8u_ru", ewb("Олексій Коваленко", "koi8-u", "koi8-u") + " <oleksii@clients.example>",
                     ewb("Re: [Ticket#1068] Не работает телефон", "koi8-u", "koi8-u"), "Tue, 17 Nov 2026 11:12:11 +0200",
                     "<20261117091211.cd4lr8y6at3vz9d5@pc305.clients.example>", body, "koi8-u", "8bit",
                     token=token, mid=desk_mid(1068, "reply", "b2e8cf4a"),
                     extra=[("Content-Disposition", "inline"), ("User-Agent", "Mutt/2.2.9 (2022-11-12)")])
    return raw, {"subject": "Re: [Ticket#1068] Не работает телефон",
                 "from": addr("oleksii@clients.example", "Олексій Коваленко"),
                 "body_charset": "koi8-u", "charset_detected": None, "language": "ru",
                 "text_contains": ["Олексій Коваленко, відділ їдальні"],
                 "new_text": "Кабинет 305, третий этаж.\n\nЗавтра после обеда, с 14 до 17.",
                 "problems_nonempty": False}


@case("mutt_reply_ro",
      "Mutt in Romanian, utf-8 8bit: bottom-posted under 'Pe Mon, Nov 16, 2026 at 05:10:22PM +0200, IT Support a scris:', '-- ' signature")
def _():
    token = tok(1069, 30, "x2kq6wm8zrt4bnca")
    text = "Am repornit routerul şi acum conexiunea funcţionează din nou.\nMulţumesc pentru ajutor!"
    body = ("Pe Mon, Nov 16, 2026 at 05:10:22PM +0200, IT Support a scris:\n"
            "> Bună ziua,\n>\n> Vă rugăm să reporniţi routerul din birou.\n>\n> IT Support\n\n" +
            text + "\n\n-- \nAndrei Popa\n")
    raw = plain_mail("mutt_reply_ro", "Andrei Popa <andrei@clients.example>", "Re: [Ticket#1069] Internet lent",
                     "Tue, 17 Nov 2026 10:12:11 +0200", "<20261117081211.ef5ms9z7bu4wa0e6@ws7.clients.example>",
                     body, "utf-8", "8bit", token=token, mid=desk_mid(1069, "reply", "c3f9d05b"),
                     extra=[("Content-Disposition", "inline"), ("User-Agent", "NeoMutt/20220429")])
    return raw, {"body_charset": "utf-8", "language": "ro", "new_text": text, "problems_nonempty": False}


@case("mutt_tech_commands_only_et",
      "Technician in Mutt, iso-8859-15: nothing but '#assign maria' and '#category võrk' above the quoted notification")
def _():
    token = tok(1058, 3, "m4rk2wq7hzd5xb6c")
    body = ("#assign maria\n#category võrk\n\n"
            "On Tue, Nov 17, 2026 at 08:15:02AM +0200, IT Support wrote:\n"
            "> Uus vastus kliendilt Kati Tamm <kati@clients.example>:\n>\n"
            "> Printer prindib jälle tühje lehti.\n")
    raw = plain_mail("mutt_tech_commands_only_et", "Jaan Kask <jaan@itdesk.example>",
                     "Re: [Ticket#1058] Uus vastus: Parool aegunud", "Tue, 17 Nov 2026 10:22:03 +0200",
                     "<aCV2d4ZnS3t9RxQy@jaan-laptop>", body, "iso-8859-15", "8bit", token=token,
                     mid=desk_mid(1058, "notify", "d40ae16c"), helo="jaan-laptop.itdesk.example", ip="198.51.100.23",
                     extra=[("Content-Disposition", "inline"), ("User-Agent", "Mutt/2.2.9 (2022-11-12)")])
    return raw, {"reply_token": token, "commands": [["assign", "maria"], ["category", "võrk"]],
                 "new_text": "", "problems_nonempty": False}


# ---------------------------------------------------------------- ERP and portal robots

@case("portal_request_en",
      "Self-service portal robot (noreply@) opening a request in English on behalf of a user: text/plain utf-8, form fields")
def _():
    text = ("A new request was submitted on the self-service portal.\n\n"
            "Requester: Peter Brown <peter@clients.example>\n"
            "Category: Hardware\n"
            "Description: The projector in meeting room 2 shows no picture from any laptop.\n\n"
            "This message was generated automatically. Do not reply.")
    raw = plain_mail("portal_request_en", "Clients Portal <noreply@portal.clients.example>",
                     "Portal request #8812: Projector in meeting room 2", "Tue, 17 Nov 2026 08:00:03 +0000",
                     "<portal.8812.1795420803@portal.clients.example>", text, "utf-8", "7bit",
                     to_hdr="support@itdesk.example", helo="portal.clients.example", ip="192.0.2.50",
                     extra=[("X-Mailer", "PHPMailer 6.9.1 (https://github.com/PHPMailer/PHPMailer)")])
    return raw, {"classification": "noreply", "language": "en", "new_text": text, "commands": [],
                 "problems_nonempty": False}


@case("robot_unlabelled_koi8u_ru",
      "Monitoring cron script on an old server: no MIME headers, raw KOI8-U bytes (Russian): detected, decoded")
def _():
    text = ("Внимание! Диск /var на сервере db01 заполнен на 95%.\n"
            "Свободно 2,1 ГБ. Проверьте журналы и старые резервные копии.\n")
    raw = (header_block(received("robot_unlabelled_koi8u_ru", "root@db01.clients.example", "db01.clients.example",
                                 "192.0.2.61", "Tue, 17 Nov 2026 03:00:02 +0200") + [
        ("From", "root@db01.clients.example (Cron Daemon)"),
        ("To", "support@itdesk.example"),
        ("Subject", "db01: disk /var 95%"),
        ("Date", "Tue, 17 Nov 2026 03:00:01 +0200"),
        ("Message-ID", "<20261117010001.4F2A11C0B3@db01.clients.example>"),
    ]) + b"\r\n" + enc(text, "koi8-u"))
    return raw, {"body_charset": None, "charset_detected_one_of": ["koi8-r", "koi8-u"], "language": "ru",
                 "new_text": text.strip()}


@case("erp_1c_mislabelled_usascii_utf8_ru",
      "1C:Enterprise ERP robot: declares charset=us-ascii, 8bit body is UTF-8 Russian: detected as utf-8")
def _():
    text = ("Заказ покупателя № 3314 от 16.11.2026 не выгружен на сайт.\n"
            "Ошибка обмена: превышено время ожидания ответа сервера.\n\n"
            "Сообщение сформировано автоматически.")
    raw = plain_mail("erp_1c_mislabelled_usascii_utf8_ru", "1C ERP <erp-robot@clients.example>",
                     "Oshibka obmena s saytom", "Tue, 17 Nov 2026 06:00:04 +0300",
                     "<1c.erp.3314.20261117060004@clients.example>", enc(text, "utf-8"), "us-ascii", "8bit",
                     to_hdr="support@itdesk.example", helo="erp.clients.example", ip="192.0.2.52")
    return raw, {"body_charset": "us-ascii", "charset_detected": "utf-8", "language": "ru", "new_text": text}


@case("erp_unlabelled_windows1250_ro_commands_like",
      "Romanian ERP robot without a charset label, windows-1250 bytes: a body line starting with '#' that is a number, not a command")
def _():
    text = ("#4471 Comanda a fost livrată parţial.\n"
            "Produse lipsă: 3 cartuşe toner HP 59A.\n\n"
            "Mesaj generat automat de sistemul ERP.")
    raw = plain_mail("erp_unlabelled_windows1250_ro_commands_like", "ERP Clients <erp@clients.example>",
                     "Comanda 4471 livrata partial", "Tue, 17 Nov 2026 06:30:04 +0200",
                     "<erp.4471.20261117063004@clients.example>", enc(text, "windows-1250"), None, "8bit",
                     to_hdr="support@itdesk.example", helo="erp.clients.example", ip="192.0.2.52",
                     ctype="text/plain")
    return raw, {"body_charset": None, "charset_detected_one_of": ["windows-1250", "iso-8859-2"],
                 "language": "ro", "commands": [], "new_text": text}


# ---------------------------------------------------------------- hard cases: short texts, no diacritics, commands in HTML

def iphone_mail(name, body, from_hdr, subject, date, msgid, token, mid, sender_helo="mail.clients.example"):
    return message(received(name, from_hdr.split("<")[-1].rstrip(">"), sender_helo, "192.0.2.10", date,
                            "support+%s@itdesk.example" % token) +
                   iphone_headers(from_hdr, subject, date, msgid, mid, "IT Support <support+%s@itdesk.example>" % token),
                   qp(enc(body, "utf-8")))


@case("iphone_short_et",
      "iPhone Mail in Estonian: the whole answer is 'Aitäh!' above 'Saadetud minu iPhone'ist' and the quote (language from one word and the subject)")
def _():
    token = tok(1060, 21, "p2xk7qm4bzt9wrca")
    body = ("Aitäh!\n\nSaadetud minu iPhone'ist\n\n"
            "> 16. nov 2026 kell 17:10 kirjutas IT Support <support@itdesk.example>:\n> \n"
            "> \ufeffTere!\n> \n> Arvuti on parandatud.\n")
    raw = iphone_mail("iphone_short_et", body, "Mari Kask <mari@clients.example>",
                      "Re: [Ticket#1060] Arvuti ei " + ewq("käivitu", "utf-8"), "Mon, 16 Nov 2026 18:02:38 +0200",
                      "<0A1B2C3D-4E5F-4061-8273-94A5B6C7D8E9@clients.example>", token, desk_mid(1060, "reply", "aa01b2c3"))
    return raw, {"language": "et", "new_text": "Aitäh!", "commands": [], "problems_nonempty": False}


@case("iphone_short_ro_no_diacritics",
      "iPhone Mail in Romanian typed without diacritics: 'Multumesc, merge acum.' above 'Trimis de pe iPhone-ul meu' and a quoted 'Pe ... a scris:'")
def _():
    token = tok(1062, 23, "g5mw8kq3rtz2xnpb")
    body = ("Multumesc, merge acum.\n\nTrimis de pe iPhone-ul meu\n\n"
            "> Pe 16 nov. 2026, la 17:10, IT Support <support@itdesk.example> a scris:\n> \n"
            "> \ufeffBună ziua,\n> \n> Monitorul a fost înlocuit.\n")
    raw = iphone_mail("iphone_short_ro_no_diacritics", body, "Elena Ionescu <elena@clients.example>",
                      "Re: [Ticket#1062] Monitor defect", "Mon, 16 Nov 2026 18:12:38 +0200",
                      "<1B2C3D4E-5F60-4172-8384-A5B6C7D8E9F0@clients.example>", token, desk_mid(1062, "reply", "cc03d4e5"))
    return raw, {"language": "ro", "new_text": "Multumesc, merge acum.", "problems_nonempty": False}


@case("gmail_android_short_en",
      "Gmail for Android, two words in English ('Ok, thanks!') above the attribution")
def _():
    token = tok(1059, 26, "w2kz7qm4xrt9bnca")
    raw = gmail_android("gmail_android_short_en", ["Ok, thanks!"],
                        "On Mon, 16 Nov 2026, 17:10 IT Support, <support@itdesk.example> wrote:",
                        ["Hello Peter,", "", "The update is installed.", "", "IT Support"],
                        "Peter Brown <peter.brown.home@gmail.example>", "Re: [Ticket#1059] Windows update fails",
                        "Mon, 16 Nov 2026 18:12:11 +0000",
                        "<CAJ5sU9y2oO6cR3wL8xA1qM4tH0iZ7eF2vB5pD9jY3oC6rS8uNx@mail.gmail.com>",
                        token, desk_mid(1059, "reply", "184e25a0"), "0000000000007a8b9c0644aa85c7")
    return raw, {"language": "en", "new_text": "Ok, thanks!", "problems_nonempty": False}


@case("samsung_email_ro_no_diacritics",
      "Samsung Email (Android) in Romanian without diacritics: 'Trimis de pe dispozitivul meu Galaxy' and '-------- Mesaj original --------' with De la:/Dată:/Către:/Subiect:")
def _():
    token = tok(1069, 30, "x2kq6wm8zrt4bnca")
    text = "Buna ziua, imprimanta nu merge de ieri, va rog sa trimiteti pe cineva sa o vada."
    body = (text + "\n\n\n\nTrimis de pe dispozitivul meu Galaxy\n\n\n"
            "-------- Mesaj original --------\n"
            "De la: IT Support <support@itdesk.example>\n"
            "Dată: 16.11.2026 17:10 (GMT+02:00)\n"
            "Către: Andrei Popa <andrei@clients.example>\n"
            "Subiect: [Ticket#1069] Internet lent\n\n"
            "Bună ziua,\n\nRouterul a fost înlocuit.\n\nIT Support\n")
    raw = plain_mail("samsung_email_ro_no_diacritics", "Andrei Popa <andrei@clients.example>",
                     "RE: [Ticket#1069] Internet lent", "Tue, 17 Nov 2026 08:12:11 +0200",
                     "<q7kz2xm4wrt9bnca.1795413131@email.android.com>", body, "utf-8", "base64",
                     token=token, mid=desk_mid(1069, "reply", "c3f9d05b"))
    return raw, {"language": "ro", "new_text": text, "problems_nonempty": False}


@case("windows_mail_et_no_diacritics",
      "Windows 10 Mail in Estonian typed without diacritics: 'Saadetud Windowsi rakendusest Meil' trailer, then a Saatja:/Saadetud:/Adressaat:/Teema: block without a rule")
def _():
    token = tok(1060, 21, "p2xk7qm4bzt9wrca")
    text = "Tere, arvuti ei toota jalle ja ekraan on must. Palun aidake kiiresti."
    body = (text + "\n\nSaadetud Windowsi rakendusest Meil\n\n"
            "Saatja: IT Support\nSaadetud: esmaspäev, 16. november 2026 17:10\nAdressaat: Mari Kask\n"
            "Teema: [Ticket#1060] Arvuti ei käivitu\n\nTere!\n\nArvuti on parandatud.\n\nIT Support\n")
    raw = plain_mail("windows_mail_et_no_diacritics", "Mari Kask <mari@clients.example>",
                     "RE: [Ticket#1060] Arvuti ei " + ewq("käivitu", "utf-8"), "Tue, 17 Nov 2026 08:40:11 +0200",
                     "<5f1c3a9e.1c69fb81.4b2d.7e3f@mx.clients.example>", body, "utf-8", "quoted-printable",
                     token=token, mid=desk_mid(1060, "reply", "aa01b2c3"))
    return raw, {"language": "et", "new_text": text, "problems_nonempty": False}


@case("outlook_thanks_then_sentence_en",
      "Outlook 16 in English: 'Thank you!' on its own line followed by a sentence is text, not a sign-off; '-----Original Message-----' history")
def _():
    token = tok(1059, 26, "w2kz7qm4xrt9bnca")
    text = "Hi,\n\nThank you!\nEverything works now, even the second monitor."
    body = (text + "\n\n-----Original Message-----\nFrom: IT Support <support@itdesk.example> \n"
            "Sent: Monday, November 16, 2026 5:10 PM\nTo: Peter Brown <peter@clients.example>\n"
            "Subject: [Ticket#1059] Windows update fails\n\nHello Peter,\n\nDone.\n")
    raw = plain_mail("outlook_thanks_then_sentence_en", '"Peter Brown" <peter@clients.example>',
                     "RE: [Ticket#1059] Windows update fails", "Tue, 17 Nov 2026 09:40:55 +0000",
                     "<006f01dc5866$7f8091a2$3cd46f80$@clients.example>", body, "us-ascii", "7bit", token=token,
                     mid=desk_mid(1059, "reply", "d40ae15c"), extra=OUTLOOK_MAILER)
    return raw, {"language": "en", "new_text": text, "problems_nonempty": False}


@case("gmail_html_only_tech_commands_et",
      "Technician in Gmail, HTML part alone: '#status resolved' and '#internal' as the first divs, one line of text, gmail_quote history")
def _():
    token = tok(1060, 5, "r9xq4wk2mzt8bncp")
    html = ('<div dir="ltr">#status resolved<div>#internal</div><div><br></div><div>Toiteplokk vahetatud, '
            'arvuti töötab.</div></div><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" '
            'class="gmail_attr">On Tue, Nov 17, 2026 at 8:15 AM IT Support &lt;<a href="mailto:support@itdesk.example">'
            'support@itdesk.example</a>&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px '
            '0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">Uus vastus kliendilt Mari Kask.<br>'
            '</blockquote></div>\n')
    raw = html_mail("gmail_html_only_tech_commands_et", "Jaan Kask <jaan@itdesk.example>",
                    "Re: [Ticket#1060] Uus vastus", "Tue, 17 Nov 2026 07:31:10 +0000",
                    "<CAP5xB7d2sU6hW9cQ3aG5vR8yN1oK0jL7bF4tI6nD9rH2wX5zSc@mail.gmail.com>", html, "UTF-8", "base64",
                    token=token, mid=desk_mid(1060, "notify", "c309d04b"), helo="mail-sor-f41.google.com",
                    ip="209.85.220.41")
    return raw, {"body_part": "text/html", "commands": [["status", "resolved"], ["internal", ""]],
                 "new_text": "Toiteplokk vahetatud, arvuti töötab.", "language": "et", "problems_nonempty": False}


@case("outlook_word_html_commands_nbsp_ru",
      "Technician in Outlook (HTML only, windows-1251): '#hold' with a no-break space and a Russian reason, text for the client, 'От:' block")
def _():
    token = tok(1064, 6, "y3kq7wz2mxt8bnca")
    lines = ["#hold\u00a0ждём картридж от поставщика", "",
             "Ольга, картридж заказан, привезут в четверг.", "", "Юрий"]
    hdr = [("От:", "IT Support <support@itdesk.example>"),
           ("Отправлено:", "среда, 18 ноября 2026 г. 10:12"),
           ("Кому:", "Юрий Лепп <juri@itdesk.example>"),
           ("Тема:", "[Ticket#1064] Новый ответ: Полосы при печати")]
    html = word_html(lines, "RU", "windows-1251", hdr, ["Новый ответ от Ольга Смирнова."])
    raw = html_mail("outlook_word_html_commands_nbsp_ru", "Juri Lepp <juri@itdesk.example>",
                    ewb("RE: [Ticket#1064] Новый ответ: Полосы при печати", "windows-1251", "windows-1251"),
                    "Wed, 18 Nov 2026 08:31:09 +0000",
                    "<VI1PR03MB4830D6E7F8091A2B3C4D5E6F7A8B9@VI1PR03MB4830.eurprd03.prod.outlook.com>",
                    html, "windows-1251", token=token, mid=desk_mid(1064, "notify", "e50a1b2c"),
                    helo="EUR03-VI1-obe.outbound.protection.outlook.com", ip="40.107.23.77")
    return raw, {"body_part": "text/html", "commands": [["hold", "ждём картридж от поставщика"]],
                 "new_text": "Ольга, картридж заказан, привезут в четверг.\n\nЮрий", "language": "ru",
                 "problems_nonempty": False}


@case("iphone_commands_trailer_no_blank_line",
      "Technician on iPhone: '#status open' directly followed by 'Sent from my iPhone' (no blank line) and the quote: commands only")
def _():
    token = tok(1067, 3, "m4rk2wq7hzd5xb6c")
    body = ("#status open\nSent from my iPhone\n\n"
            "> On 17 Nov 2026, at 09:30, IT Support <support@itdesk.example> wrote:\n> \n"
            "> \ufeffNew reply from Peter Brown.\n")
    raw = iphone_mail("iphone_commands_trailer_no_blank_line", body, "Jaan Kask <jaan@itdesk.example>",
                      "Re: [Ticket#1067] New reply: Docking station", "Tue, 17 Nov 2026 11:12:38 +0200",
                      "<5A6B7C8D-9E0F-4A1B-8C2D-3E4F5A6B7C8D@itdesk.example>", token,
                      desk_mid(1067, "notify", "7ea48b07"), sender_helo="jaan-phone.itdesk.example")
    return raw, {"commands": [["status", "open"]], "new_text": "", "problems_nonempty": False}


@case("outlook_express_mislabelled_latin1_cp1257_et",
      "Outlook Express set to Western: iso-8859-1 label on windows-1257 Estonian bytes (Š, Ž, „ “ read as Ð, Þ and C1 controls under the label)")
def _():
    text = ("Tere!\n\nŽürii ruumi arvuti ei käivitu, ekraanil on kiri „Viga 0x0F“.\n"
            "Šeff vajab seda täna kell 14. Palun saatke keegi.\n\nMart")
    raw = plain_mail("outlook_express_mislabelled_latin1_cp1257_et", '"Mart Sepp" <mart@clients.example>',
                     "Arvuti ei kaivitu", "Tue, 17 Nov 2026 08:50:45 +0200",
                     "<002101dc5866$8091a2b3$0a00a8c0@LOGISTIKA2>", enc(text, "windows-1257"), None,
                     "quoted-printable", to_hdr="<support@itdesk.example>",
                     ctype='text/plain;\n\tcharset="iso-8859-1"',
                     extra=[("X-Mailer", "Microsoft Outlook Express 6.00.2900.5931")])
    return raw, {"body_charset": "iso-8859-1", "charset_detected": "windows-1257", "language": "et",
                 "new_text": text, "problems_nonempty": False}


@case("mutt_interleaved_signoff_et",
      "Mutt in Estonian, utf-8: interleaved answers, then 'Tervitades' and a name after the last quote (a sign-off, no '-- ')")
def _():
    token = tok(1060, 21, "p2xk7qm4bzt9wrca")
    body = ("On Mon, Nov 16, 2026 at 05:10:22PM +0200, IT Support wrote:\n"
            "> Tere!\n>\n> Kas arvuti toitetuli põleb?\n\n"
            "Jah, põleb oranžilt.\n\n"
            "> Kas ventilaator käib?\n\n"
            "Ei käi, on täiesti vaikne.\n\n"
            "> IT Support\n\n"
            "Tervitades\nMari\n")
    raw = plain_mail("mutt_interleaved_signoff_et", "Mari Kask <mari@clients.example>",
                     "Re: [Ticket#1060] Arvuti ei " + ewq("käivitu", "utf-8"), "Tue, 17 Nov 2026 09:12:11 +0200",
                     "<20261117071211.gh6nt0a8cv5xb1f7@pc12.clients.example>", body, "utf-8", "8bit",
                     token=token, mid=desk_mid(1060, "reply", "aa01b2c3"),
                     extra=[("Content-Disposition", "inline"), ("User-Agent", "NeoMutt/20231103")])
    return raw, {"language": "et", "new_text": "Jah, põleb oranžilt.\n\nEi käi, on täiesti vaikne.",
                 "problems_nonempty": False}


@case("outlook_mobile_short_ru",
      "Outlook for iOS in Russian: two words ('Ок, спасибо') above 'Получить Outlook для iOS<...>' and an 'От:' block")
def _():
    token = tok(1065, 24, "s3wq9km5xzt7rbnd")
    raw = outlook_mobile("outlook_mobile_short_ru", "Ок, спасибо", "Получить Outlook для iOS<https://aka.ms/o0ukef>",
                         ["От:", "Отправлено:", "Кому:", "Тема:"],
                         ["IT Support <support@itdesk.example>", "16 ноября 2026 г. 17:10:22",
                          "Сергей Волков <sergei@clients.example>", "[Ticket#1065] Новый ноутбук"],
                         ["Здравствуйте!", "", "Ноутбук готов.", "", "IT Support"],
                         ewb("Сергей Волков", "utf-8", "utf-8") + " <sergei@clients.example>",
                         ewb("Re: [Ticket#1065] Новый ноутбук", "utf-8", "utf-8"),
                         "Tue, 17 Nov 2026 10:12:46 +0000",
                         "<AS8PR02MB9551B4C5D6E7F8091A2B3C4D5E6F7A8@AS8PR02MB9551.eurprd02.prod.outlook.com>",
                         token, desk_mid(1065, "reply", "073d148f"), "ru-RU")
    return raw, {"language": "ru", "new_text": "Ок, спасибо", "problems_nonempty": False}


# ---------------------------------------------------------------- hard cases: HTML-only phones and desktop clients

@case("thunderbird_html_only_ru",
      "Thunderbird 128 HTML compose sent as text/html only (UTF-8 8bit): moz-cite-prefix attribution, blockquote type=cite, moz-signature '-- '")
def _():
    token = tok(1065, 24, "s3wq9km5xzt7rbnd")
    html = ('<!DOCTYPE html>\n<html>\n  <head>\n    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8">\n'
            '  </head>\n  <body>\n    <p>Добрый день!</p>\n    <p>Монитор подключил, но картинка мигает каждые пару секунд.'
            ' Кабель менял.<br>\n    </p>\n    <div class="moz-signature">-- <br>\n      Сергей Волков<br>\n      '
            'отдел снабжения</div>\n    <div class="moz-cite-prefix">16.11.2026 17:10, IT Support пишет:<br>\n    </div>\n'
            '    <blockquote type="cite" cite="mid:deskd.1065.reply.073d148f@itdesk.example">\n'
            '      <pre class="moz-quote-pre" wrap="">Здравствуйте!\n\nВторой монитор подключается к порту HDMI.\n'
            '</pre>\n    </blockquote>\n  </body>\n</html>\n')
    raw = html_mail("thunderbird_html_only_ru", ewb("Сергей Волков", "UTF-8") + " <sergei@clients.example>",
                    ewb("Re: [Ticket#1065] Новый ноутбук", "UTF-8"), "Tue, 17 Nov 2026 11:02:31 +0300",
                    "<7c2e9d1f-6a3b-4c8e-b1d4-8e2f0a3b5c79@clients.example>", html, "UTF-8", "8bit",
                    token=token, mid=desk_mid(1065, "reply", "073d148f"),
                    extra=[("User-Agent", "Mozilla Thunderbird"), ("Content-Language", "ru")])
    return raw, {"body_part": "text/html", "language": "ru",
                 "new_text": "Добрый день!\n\nМонитор подключил, но картинка мигает каждые пару секунд. Кабель менял.",
                 "problems_nonempty": False}


@case("iphone_html_only_en",
      "iPhone Mail HTML part alone: AppleMailSignature div 'Sent from my iPhone', attribution div and blockquote type=cite")
def _():
    token = tok(1067, 28, "z4kq8wm2xrt6bnca")
    html = ('<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
            '<body dir="auto"><div dir="ltr">The docking station arrived, but it only charges the laptop, '
            'no picture on the monitors.</div><div dir="ltr"><br></div><div dir="ltr" id="AppleMailSignature">'
            'Sent from my iPhone</div><div dir="ltr"><br><blockquote type="cite">On 17 Nov 2026, at 09:12, '
            'IT Support &lt;support@itdesk.example&gt; wrote:<br><br></blockquote></div><blockquote type="cite">'
            '<div dir="ltr">\ufeffHello Peter,<br><br>The docking station is on its way.<br><br>IT Support</div>'
            '</blockquote></body></html>\n')
    raw = html_mail("iphone_html_only_en", "Peter Brown <peter@clients.example>", "Re: [Ticket#1067] Docking station",
                    "Wed, 18 Nov 2026 10:02:38 +0000", "<6B7C8D9E-0F1A-4B2C-9D3E-4F5A6B7C8D9E@clients.example>",
                    html, "utf-8", "quoted-printable", token=token, mid=desk_mid(1067, "reply", "a1d7be39"),
                    extra=[("X-Mailer", "iPhone Mail (22B83)")])
    return raw, {"body_part": "text/html", "language": "en",
                 "new_text": "The docking station arrived, but it only charges the laptop, no picture on the monitors.",
                 "problems_nonempty": False}


@case("gmail_html_only_signature_et",
      "Gmail HTML part alone in Estonian: gmail_signature block after '-- ' (gmail_signature_prefix), Estonian gmail_attr and blockquote")
def _():
    token = tok(1058, 20, "v4kq8zm2txr6bnwc")
    html = ('<div dir="ltr"><div>Tere!</div><div><br></div><div>Printer prindib nüüd, aga väga aeglaselt. '
            'Kas sellega saab midagi teha?</div><div><br></div><span class="gmail_signature_prefix">-- </span><br>'
            '<div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature"><div dir="ltr">Kati Tamm<div>'
            'Raamatupidamine, Clients OÜ</div></div></div></div><br><div class="gmail_quote gmail_quote_container">'
            '<div dir="ltr" class="gmail_attr">T, 17. nov 2026 kell 09:10 IT Support &lt;<a href="mailto:support@itdesk.example">'
            'support@itdesk.example</a>&gt; kirjutas:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px '
            '0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">Tere!<br><br>Printer on parandatud.<br>'
            '</blockquote></div>\n')
    raw = html_mail("gmail_html_only_signature_et", "Kati Tamm <kati.tamm@gmail.example>",
                    "Re: [Ticket#1058] Parool aegunud", "Tue, 17 Nov 2026 09:41:10 +0200",
                    "<CAQ6yC8e3tV7iX0dR4bH6wS9zO2pL1kM8cG5uJ7oE0sI3xY6aTd@mail.gmail.com>", html, "UTF-8", "base64",
                    token=token, mid=desk_mid(1058, "reply", "ff06a718"), helo="mail-sor-f41.google.com",
                    ip="209.85.220.41")
    return raw, {"body_part": "text/html", "language": "et",
                 "new_text": "Tere!\n\nPrinter prindib nüüd, aga väga aeglaselt. Kas sellega saab midagi teha?",
                 "problems_nonempty": False}


@case("mailru_html_only_ro",
      "Mail.ru web mail HTML part alone, a Romanian writer (Moldova): 'Cu respect,' sign-off, blockquote with a Russian-UI attribution")
def _():
    token = tok(1069, 30, "x2kq6wm8zrt4bnca")
    html = ('\n<HTML><BODY><div>Bună ziua,</div><div>&nbsp;</div><div>Internetul merge din nou, dar foarte încet după '
            'ora 17.</div><div>&nbsp;</div><div>Cu respect,</div><div>Andrei Popa</div><div>&nbsp;</div>'
            '<blockquote style="border-left:1px solid #0857A6; margin:10px; padding:0 0 0 10px;">Понедельник, 16 ноября '
            '2026, 17:10 +02:00 от IT Support &lt;support@itdesk.example&gt;:<br>&nbsp;<div id=""><div class="js-helper '
            'js-readmsg-msg"><div><div>Bună ziua,<br><br>Routerul a fost repornit.<br><br>IT Support</div></div></div>'
            '</div></blockquote></BODY></HTML>\n')
    raw = html_mail("mailru_html_only_ro", "Andrei Popa <andrei.popa@mail.ru>", "Re: [Ticket#1069] Internet lent",
                    "Tue, 17 Nov 2026 12:41:18 +0200", "<1995419682.482361561@f501.i.mail.ru>", html, "utf-8",
                    "base64", token=token, mid=desk_mid(1069, "reply", "c3f9d05b"), helo="smtp50.i.mail.ru",
                    ip="95.163.41.91", extra=[("X-Mailer", "Mail.Ru Mailer 1.0")])
    return raw, {"body_part": "text/html", "language": "ro",
                 "new_text": "Bună ziua,\n\nInternetul merge din nou, dar foarte încet după ora 17.",
                 "problems_nonempty": False}


@case("mutt_tech_commands_signature_only_en",
      "Technician in Mutt: '#status resolved' then only a '-- ' signature and the quote: commands, no text")
def _():
    token = tok(1067, 3, "m4rk2wq7hzd5xb6c")
    body = ("#status resolved\n\n-- \nJaan Kask, IT Support\n\n"
            "On Wed, Nov 18, 2026 at 10:02:38AM +0000, IT Support wrote:\n> New reply from Peter Brown.\n")
    raw = plain_mail("mutt_tech_commands_signature_only_en", "Jaan Kask <jaan@itdesk.example>",
                     "Re: [Ticket#1067] New reply: Docking station", "Wed, 18 Nov 2026 12:22:03 +0200",
                     "<aCV3e5AoT4u0SyRz@jaan-laptop>", body, "us-ascii", "7bit", token=token,
                     mid=desk_mid(1067, "notify", "7ea48b08"), helo="jaan-laptop.itdesk.example", ip="198.51.100.23",
                     extra=[("Content-Disposition", "inline"), ("User-Agent", "Mutt/2.2.9 (2022-11-12)")])
    return raw, {"commands": [["status", "resolved"]], "new_text": "", "problems_nonempty": False}


@case("outlook_express_original_message_ro",
      "Outlook Express 6 in Romanian, iso-8859-2 QP: '----- Original Message -----' with From:/To:/Sent:/Subject:, a 'Mulţumesc,' sign-off")
def _():
    token = tok(1062, 23, "g5mw8kq3rtz2xnpb")
    text = "Bună ziua,\n\nMonitorul s-a stins din nou azi dimineaţă. Vă rog să veniţi să îl vedeţi."
    body = (text + "\n\nMulţumesc,\nElena\n\n"
            "----- Original Message ----- \nFrom: \"IT Support\" <support@itdesk.example>\n"
            "To: \"Elena Ionescu\" <elena@clients.example>\nSent: Monday, November 16, 2026 5:10 PM\n"
            "Subject: [Ticket#1062] Monitor defect\n\n\n> Bună ziua,\n>\n> Monitorul a fost verificat.\n")
    raw = plain_mail("outlook_express_original_message_ro", '"Elena Ionescu" <elena@clients.example>',
                     "Re: [Ticket#1062] Monitor defect", "Thu, 19 Nov 2026 08:20:45 +0200",
                     "<003101dc5a12$8091a2b3$0a00a8c0@RECEPTIE>", body, "iso-8859-2", "quoted-printable",
                     token=token, mid=desk_mid(1062, "reply", "90c6ad29"),
                     ctype='text/plain;\n\tformat=flowed;\n\tcharset="iso-8859-2";\n\treply-type=original',
                     extra=[("X-Mailer", "Microsoft Outlook Express 6.00.2900.5931")])
    return raw, {"body_charset": "iso-8859-2", "language": "ro", "new_text": text, "problems_nonempty": False}


@case("yandex_html_reply_ro",
      "Yandex web mail (Russian UI) with a Romanian writer (Moldova): text/html only, '-- ' signature, Russian-UI attribution and blockquote")
def _():
    token = tok(1069, 30, "x2kq6wm8zrt4bnca")
    lines = ["Bună ziua,", "", "Am repornit routerul, dar telefonul IP tot nu are semnal. Ce altceva pot încerca?"]
    html = yandex_html(lines, ["Andrei Popa", "tel. +373 22 555 010"],
                       '16.11.2026, 17:10, "IT Support" <support@itdesk.example>:',
                       ["Bună ziua,", "", "Reporniți routerul, vă rugăm.", "", "IT Support"])
    raw = yandex_mail("yandex_html_reply_ro", html, "Andrei Popa <andrei.popa@yandex.example>",
                      "Re: [Ticket#1069] Internet lent", "Tue, 17 Nov 2026 13:14:22 +0200",
                      "<4537894064164795@mail.yandex.ru>", token, desk_mid(1069, "reply", "c3f9d05b"))
    return raw, {"body_part": "text/html", "language": "ro", "new_text": "\n".join(lines),
                 "problems_nonempty": False}


@case("thebat_reply_en",
      "The Bat! 10 in English, windows-1252 8bit: 'Hello IT,' style, The Bat! attribution 'You wrote on 16.11.2026, 17:10:' and '>' quote")
def _():
    token = tok(1067, 28, "z4kq8wm2xrt6bnca")
    text = "Hello IT Support,\n\nThe monitors work now — the docking station needed a firmware update."
    body = ("Hello IT Support,\n\nYou wrote on 16.11.2026, 17:10:\n\n> Please update the docking station firmware.\n\n"
            "The monitors work now — the docking station needed a firmware update.\n\n-- \nBest regards,\n Peter"
            "                          mailto:peter@clients.example\n")
    raw = plain_mail("thebat_reply_en", "Peter Brown <peter@clients.example>", "Re: [Ticket#1067] Docking station",
                     "Thu, 19 Nov 2026 08:31:44 +0000", "<1849213508.20261119083144@clients.example>", body,
                     "windows-1252", "8bit", token=token, mid=desk_mid(1067, "reply", "a1d7be39"),
                     extra=[("X-Mailer", "The Bat! (v10.4.0.3) Professional")])
    return raw, {"body_charset": "windows-1252", "language": "en", "new_text": text, "problems_nonempty": False}


@case("outlook_bilingual_signoff_et",
      "Outlook 365 desktop in Estonian, utf-8 alternative: bilingual sign-off 'Lugupidamisega / Best regards' with name, title and phone; 'Saatja:' block")
def _():
    token = tok(1060, 21, "p2xk7qm4bzt9wrca")
    lines = ["Tere,", "", "Arvuti töötab, aga Teams ei näe kaamerat. Kas saaksite draiveri üle vaadata?", "",
             "Lugupidamisega / Best regards", "Mari Kask", "Müügijuht | Clients OÜ", "+372 555 0101"]
    hdr = [("Saatja:", "IT Support <support@itdesk.example>"),
           ("Saadetud:", "teisipäev, 17. november 2026 9:10"),
           ("Adressaat:", "Mari Kask <mari@clients.example>"),
           ("Teema:", "[Ticket#1060] Arvuti ei käivitu")]
    quoted = ["Tere!", "", "Toiteplokk on vahetatud.", "", "IT Support"]
    b = "----=_NextPart_000_0081_01DC5867.8091A2B3"
    raw = plain_mail("outlook_bilingual_signoff_et", '"Mari Kask" <mari@clients.example>',
                     "RE: [Ticket#1060] Arvuti ei " + ewq("käivitu", "utf-8"), "Tue, 17 Nov 2026 10:15:02 +0200",
                     "<008101dc5867$8091a2b3$c4e18e00$@clients.example>",
                     outlook_alternative(b, "utf-8", lines, "ET", hdr, quoted), None, None, token=token,
                     mid=desk_mid(1060, "reply", "aa01b2c4"), extra=OUTLOOK_MAILER,
                     ctype='multipart/alternative;\n\tboundary="%s"' % b)
    return raw, {"body_part": "text/plain", "language": "et", "new_text": "\n".join(lines[:3]),
                 "problems_nonempty": False}


@case("gmail_signoff_same_line_ru",
      "Gmail web in Russian: 'С уважением, Иван Петров' on one line with the title under it, Russian attribution without a verb")
def _():
    token = tok(1047, 8, "r2bn6xk4tqw7hfmc")
    lines = ["Добрый день!", "", "Excel по-прежнему открывает файлы только для чтения.", "",
             "С уважением, Иван Петров", "главный бухгалтер"]
    raw = gmail_reply("gmail_signoff_same_line_ru", lines,
                      "вт, 17 нояб. 2026 г. в 10:10, IT Support <support@itdesk.example>:",
                      'вт, 17 нояб. 2026&nbsp;г. в 10:10, IT Support &lt;<a href="mailto:support@itdesk.example">'
                      'support@itdesk.example</a>&gt;:',
                      ["Здравствуйте!", "", "Права исправлены.", "", "IT Support"],
                      sender="ivan@clients.example",
                      from_hdr=ewb("Иван Петров", "utf-8", "UTF-8") + " <ivan@clients.example>",
                      when_recv="Tue, 17 Nov 2026 11:03:37 +0300", date="Tue, 17 Nov 2026 11:03:21 +0300",
                      msgid="<CAKx8Sc4X0wRa2gO1qMn9tUhI3zF6vK5eB7dW1oL9sY2rA4pQ8x@mail.gmail.com>",
                      subject_hdr=ewb("Re: [Ticket#1047] Нет доступа к сетевой папке", "utf-8", "UTF-8"),
                      to_hdr="IT Support <support+%s@itdesk.example>" % token,
                      mid=desk_mid(1047, "reply", "61aa0e40"), boundary="0000000000008b9cad0644aa96d8",
                      rcpt="support+%s@itdesk.example" % token)
    return raw, {"body_part": "text/plain", "language": "ru", "new_text": "\n".join(lines[:3]),
                 "problems_nonempty": False}


@case("outlook_signature_disclaimer_en",
      "Outlook 365 desktop in English through a corporate relay: 'Kind regards' block with address and web lines, then a legal disclaimer paragraph, 'From:/Sent:' block")
def _():
    token = tok(1067, 28, "z4kq8wm2xrt6bnca")
    lines = ["Hi,", "", "One of the two monitors flickers when the laptop is on the docking station. "
             "Without the dock it is fine.", "",
             "Kind regards", "Peter Brown", "Finance Manager", "Clients Ltd | 1 High Street, London",
             "T +44 20 7946 0123 | www.clients.example", "",
             "This e-mail and any attachments are confidential and intended solely for the addressee. If you "
             "have received it in error, please notify the sender and delete it."]
    hdr = [("From:", "IT Support <support@itdesk.example>"),
           ("Sent:", "Wednesday, November 18, 2026 10:02 AM"),
           ("To:", "Peter Brown <peter@clients.example>"),
           ("Subject:", "RE: [Ticket#1067] Docking station")]
    b = "----=_NextPart_000_0091_01DC5868.91A2B3C4"
    raw = plain_mail("outlook_signature_disclaimer_en", '"Peter Brown" <peter@clients.example>',
                     "RE: [Ticket#1067] Docking station", "Thu, 19 Nov 2026 09:15:02 +0000",
                     "<009101dc5868$91a2b3c4$d5f29f10$@clients.example>",
                     outlook_alternative(b, "us-ascii", lines, "EN-GB", hdr, ["Hello Peter,", "", "Done.", "", "IT Support"]),
                     None, None, token=token, mid=desk_mid(1067, "reply", "a1d7be3a"), extra=OUTLOOK_MAILER,
                     ctype='multipart/alternative;\n\tboundary="%s"' % b)
    return raw, {"body_part": "text/plain", "language": "en", "new_text": "\n".join(lines[:3]),
                 "problems_nonempty": False}


@case("lotus_notes_html_only_en",
      "HCL Notes 11 HTML part alone: the reply header as grey <font> labels with tab-like spaces and an <hr>, then the quoted mail")
def _():
    token = tok(1063, 27, "k8wq3zm5xrt2bnpd")
    html = ('<font size=2 face="sans-serif">Hi,</font><br><br><font size=2 face="sans-serif">The scanner stopped '
            'again after the Windows update last night.</font><br><br><font size=2 face="sans-serif">Regards,<br>'
            'Peter Brown</font><br><br><br><br><font size=1 color=#5f5f5f face="sans-serif">From: &nbsp; &nbsp; &nbsp; &nbsp;'
            '</font><font size=1 face="sans-serif">"IT Support" &lt;support@itdesk.example&gt;</font><br>'
            '<font size=1 color=#5f5f5f face="sans-serif">To: &nbsp; &nbsp; &nbsp; &nbsp;</font><font size=1 '
            'face="sans-serif">peter@clients.example</font><br><font size=1 color=#5f5f5f face="sans-serif">Date: '
            '&nbsp; &nbsp; &nbsp; &nbsp;</font><font size=1 face="sans-serif">16.11.2026 17:10</font><br><font size=1 '
            'color=#5f5f5f face="sans-serif">Subject: &nbsp; &nbsp; &nbsp; &nbsp;</font><font size=1 face="sans-serif">'
            '[Ticket#1063] Scanner not working</font><br><hr noshade><br><br><br><tt><font size=2>Hello Peter,<br><br>'
            'The scanner driver was reinstalled.<br><br>IT Support</font></tt><br>\n')
    raw = html_mail("lotus_notes_html_only_en", "Peter Brown <peter@clients.example>",
                    "Re: [Ticket#1063] Scanner not working", "Wed, 18 Nov 2026 09:47:12 +0000",
                    "<OFE8FB0615.A26D3EC9-ON43258C8C.0023E4F4-43258C8C.0024B7A7@clients.example>", html,
                    "US-ASCII", "7bit", token=token, mid=desk_mid(1063, "reply", "7ea48b07"),
                    helo="notes01.clients.example", ip="192.0.2.31",
                    extra=[("X-Mailer", "HCL Notes Release 11.0.1FP4 June 24, 2021")])
    return raw, {"body_part": "text/html", "language": "en",
                 "new_text": "Hi,\n\nThe scanner stopped again after the Windows update last night.",
                 "problems_nonempty": False}


@case("yandex_forward_html_ru",
      "Yandex web mail forward (text/html only): the client's line above '-------- Пересылаемое сообщение --------', the forwarded mail kept up to its end marker")
def _():
    html = ('<div>Пришло вот такое письмо, это не от нашего банка?</div><div>&nbsp;</div>'
            '<div>-------- Пересылаемое сообщение --------</div>'
            '<div>16.11.2026, 08:02, "Банк" &lt;security@bank-alerts.example&gt;:</div><div>&nbsp;</div>'
            '<div>Ваш счёт заблокирован. Подтвердите данные по ссылке: http://bank-alerts.example/verify</div>'
            '<div>&nbsp;</div><div>-------- Конец пересылаемого сообщения --------</div>\n')
    raw = yandex_mail("yandex_forward_html_ru", html, ewb("Сергей Волков", "utf-8") + " <s.volkov@yandex.example>",
                      ewb("Fwd: Ваш счёт заблокирован", "utf-8"), "Mon, 16 Nov 2026 09:31:02 +0300",
                      "<5648905175275806@mail.yandex.ru>", None, None)
    return raw, {"body_part": "text/html", "language": "ru",
                 "new_text_contains": ["Пришло вот такое письмо, это не от нашего банка?",
                                       "Пересылаемое сообщение",
                                       "Ваш счёт заблокирован. Подтвердите данные по ссылке"],
                 "problems_nonempty": False}


@case("relay_recoded_koi8r_labelled_cp1251_ru",
      "Old Russian relay that recoded the body to KOI8-R but kept 'charset=windows-1251' (8bit): the Cyrillic charset that reads as Russian wins")
def _():
    text = ("Добрый день!\n\nНа складе перестал работать терминал сбора данных, не подключается к сети.\n"
            "Прошу прислать специалиста сегодня.\n\nКладовщик Пётр Сидоров")
    raw = plain_mail("relay_recoded_koi8r_labelled_cp1251_ru", "Petr Sidorov <petr@sklad.clients.example>",
                     ewb("Не работает терминал", "windows-1251"), "Tue, 17 Nov 2026 07:12:40 +0300",
                     "<20261117041240.GA12345@sklad.clients.example>", enc(text, "koi8-r"), "windows-1251", "8bit",
                     to_hdr="support@itdesk.example", helo="relay.sklad.clients.example", ip="192.0.2.77",
                     extra=[("X-Mailer", "The Bat! (v3.99.3) Professional")])
    return raw, {"subject": "Не работает терминал", "body_charset": "windows-1251", "charset_detected": "koi8-r",
                 "language": "ru", "new_text": text.rsplit("\n\n", 1)[0] + "\n\nКладовщик Пётр Сидоров",
                 "problems_nonempty": False}


@case("outlook_quoted_english_error_et",
      "Outlook 16 in Estonian, new request quoting an English error message in quotation marks: the language is the writer's, not the software's")
def _():
    text = ("Tere!\n\nOutlook näitab käivitamisel viga: \"Cannot start Microsoft Outlook. Cannot open the Outlook "
            "window. The set of folders cannot be opened. The information store could not be opened.\"\n"
            "Palun aidake.")
    b = "----=_NextPart_000_00A1_01DC5869.A2B3C4D5"
    raw = plain_mail("outlook_quoted_english_error_et", '"Mari Kask" <mari@clients.example>',
                     "Outlook ei " + ewq("käivitu", "utf-8"), "Wed, 18 Nov 2026 08:05:02 +0200",
                     "<00a101dc5869$a2b3c4d5$e6f3a020$@clients.example>",
                     outlook_alternative(b, "utf-8", text.split("\n"), "ET"), None, None,
                     to_hdr="<support@itdesk.example>", extra=OUTLOOK_MAILER,
                     ctype='multipart/alternative;\n\tboundary="%s"' % b)
    return raw, {"body_part": "text/plain", "language": "et", "new_text": text, "problems_nonempty": False}


@case("outlook_android_tech_commands_ro",
      "Technician on Outlook for Android: '#priority 1' and '#escalate ...' above 'Sent from Outlook for Android' and the header block, a line for the client in Romanian")
def _():
    token = tok(1069, 4, "n6zq3wk8rmt2bxca")
    text = "#priority 1\n#escalate routerul trebuie înlocuit, e nevoie de aprobare\n\nRevenim azi cu o soluție."
    raw = outlook_mobile("outlook_android_tech_commands_ro", text, "Sent from Outlook for Android<https://aka.ms/AAb9ysg>",
                         ["From:", "Sent:", "To:", "Subject:"],
                         ["IT Support <support@itdesk.example>", "Tuesday, November 17, 2026 10:12:11 AM",
                          "Jaan Kask <jaan@itdesk.example>", "[Ticket#1069] New reply: Internet lent"],
                         ["New reply from Andrei Popa.", "", "Internetul merge foarte încet."],
                         "Jaan Kask <jaan@itdesk.example>", "Re: [Ticket#1069] New reply: Internet lent",
                         "Tue, 17 Nov 2026 08:32:46 +0000",
                         "<AS8PR02MB9551C5D6E7F8091A2B3C4D5E6F7A8B9@AS8PR02MB9551.eurprd02.prod.outlook.com>",
                         token, desk_mid(1069, "notify", "f62c0380"), "en-GB")
    return raw, {"reply_token": token, "body_part": "text/plain",
                 "commands": [["priority", "1"], ["escalate", "routerul trebuie înlocuit, e nevoie de aprobare"]],
                 "new_text": "Revenim azi cu o soluție.", "language": "ro", "problems_nonempty": False}


@case("thunderbird_tech_commands_html_ru",
      "Technician in Thunderbird, HTML only: '#status on_hold' and '#link 1061' as <p> paragraphs, Russian text, moz-cite-prefix and blockquote")
def _():
    token = tok(1065, 7, "p8wq2zk6mxt3bnce")
    html = ('<!DOCTYPE html>\n<html>\n  <head>\n    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8">\n'
            '  </head>\n  <body>\n    <p>#status on_hold<br>\n      #link 1061</p>\n    <p>Сергей, ждём от вас номер '
            'док-станции с наклейки снизу.</p>\n    <div class="moz-cite-prefix">17.11.2026 11:02, IT Support пишет:<br>\n'
            '    </div>\n    <blockquote type="cite">Новый ответ от Сергей Волков.</blockquote>\n  </body>\n</html>\n')
    raw = html_mail("thunderbird_tech_commands_html_ru", "Juri Lepp <juri@itdesk.example>",
                    ewb("Re: [Ticket#1065] Новый ответ: Новый ноутбук", "UTF-8"), "Tue, 17 Nov 2026 11:20:31 +0200",
                    "<9d4f1b2c-7e3a-4d5f-a6b7-c8d9e0f1a2b3@itdesk.example>", html, "UTF-8", "8bit", token=token,
                    mid=desk_mid(1065, "notify", "073d1490"), helo="juri-pc.itdesk.example", ip="198.51.100.40",
                    extra=[("User-Agent", "Mozilla Thunderbird")])
    return raw, {"reply_token": token, "body_part": "text/html",
                 "commands": [["status", "on_hold"], ["link", "1061"]],
                 "new_text": "Сергей, ждём от вас номер док-станции с наклейки снизу.", "language": "ru",
                 "problems_nonempty": False}


@case("lotus_inotes_wrote_separator_ru",
      "IBM iNotes (web) in Russian, utf-8: reply above '-----\"IT Support\" <...> wrote: -----' and a To:/From:/Date:/Subject: block")
def _():
    token = tok(1049, 12, "w3hq7zmc5rkp2dya")
    text = "Добрый день!\n\nПисьма снова не приходят с утра. Проверьте, пожалуйста, фильтр."
    body = (text + "\n\nС уважением,\nСергей Волков\n\n"
            "-----\"IT Support\" <support@itdesk.example> wrote: -----\n"
            "To: sergei@clients.example\nFrom: \"IT Support\" <support@itdesk.example>\n"
            "Date: 18.11.2026 17:10\nSubject: [Ticket#1049] Не приходят письма от контрагентов\n\n"
            "Здравствуйте!\n\nМы добавили домены в белый список.\n")
    raw = plain_mail("lotus_inotes_wrote_separator_ru", ewb("Сергей Волков", "utf-8") + " <sergei@clients.example>",
                     ewb("Re: [Ticket#1049] Не приходят письма от контрагентов", "utf-8"),
                     "Fri, 20 Nov 2026 09:47:12 +0300",
                     "<OF0A1B2C3D.4E5F6071-ON43258C8E.0023E4F1-43258C8E.0024B7A3@clients.example>", body,
                     "UTF-8", "quoted-printable", token=token, mid=desk_mid(1049, "reply", "4e0b9f28"),
                     helo="notes01.clients.example", ip="192.0.2.31",
                     extra=[("X-Mailer", "IBM iNotes Release 9.0.1FP10 July 2, 2018")])
    return raw, {"ticket": 1049, "language": "ru", "new_text": text, "problems_nonempty": False}


# ---------------------------------------------------------------- main

# The coverage matrix: which client each case comes from (by name prefix)
# and its language (the expected "language", else the name). Rows in table
# order; a name takes the row of its longest matching prefix.
CLIENTS = [
    ("Outlook desktop (2010-365, Express)", ("outlook_", "autoreply_exchange", "autoreply_subject")),
    ("Outlook on the web", ("owa_",)),
    ("Outlook mobile (iOS, Android)", ("outlook_mobile", "outlook_android", "outlook_ios")),
    ("Gmail web", ("gmail_reply", "gmail_html", "gmail_forward", "gmail_tech")),
    ("Gmail Android", ("gmail_android",)),
    ("Apple Mail, iPhone", ("iphone_", "apple_mail")),
    ("Thunderbird", ("thunderbird",)),
    ("Yandex web and mobile", ("yandex_",)),
    ("Mail.ru web and mobile", ("mailru_",)),
    ("Lotus Notes", ("lotus_notes",)),
    ("mutt, Alpine", ("mutt_", "alpine_")),
    ("ERP, portal and script robots", ("erp_", "portal_", "robot_", "php", "mailx_", "javamail", "intranet_",
                                       "label_", "unlabelled_")),
    ("Other clients (The Bat!, Samsung, Windows Mail, Claws, 1C, ...)",
     ("thebat", "samsung", "windows_mail", "subject_", "header_", "rfc6532", "malformed_")),
    ("Auto-replies, bounces, lists", ("autoreply_", "bounce_", "mailing_list")),
]
LANGS = ["et", "ru", "ro", "en"]


def client_of(name):
    best, best_len = CLIENTS[-2][0], 0
    for label, prefixes in CLIENTS:
        for p in prefixes:
            if name.startswith(p) and len(p) > best_len:
                best, best_len = label, len(p)
    return best


def language_of(name, expect):
    if expect.get("language") in LANGS:
        return expect["language"]
    for lang in LANGS:
        if ("_%s_" % lang) in name + "_":
            return lang
    return "-"


def coverage_matrix(rows):
    cells = {}
    for name, expect in rows:
        cells.setdefault(client_of(name), {}).setdefault(language_of(name, expect), []).append(name)
    out = ["| client | et | ru | ro | en | other |", "|---|---|---|---|---|---|"]
    for label, _ in CLIENTS:
        row = cells.get(label, {})
        out.append("| %s | %s |" % (label, " | ".join(
            "<br>".join("`%s`" % n for n in row.get(lang, [])) or "—" for lang in LANGS + ["-"])))
    return out


def main():
    names = set()
    readme = ["# Parser fixture corpus",
              "",
              "Raw mails as real clients write them (`<name>.eml`, CRLF, charsets as bytes) and what",
              "`deskctl parse --json` must say about them (`<name>.expect.json`: only the keys the",
              "case is about). Generated by `make_corpus.py` (run it after editing; the output is",
              "deterministic and committed). Checked by `tests/unit/corpus_test.cc`, one test per case.",
              "",
              "Extra expectation keys: `problems_nonempty` (problems must / must not be empty),",
              "`text_contains` (substrings of `text`), `charset_detected_one_of` (charsets that decode",
              "the text identically), `bounce_original_message_id` (the bounced mail's Message-ID),",
              "`new_text_contains` / `new_text_not_contains` (substrings that must / must not be in",
              "`new_text`, where the exact text is a matter of taste), `xfail` (fields of the case that",
              "are known to fail: scored, but not failing the test; listed in docs/parsing.md).",
              "`new_text` is compared after trimming blank lines at both ends and spaces at line ends.",
              "",
              "| case | what it is |",
              "|---|---|"]
    rows = []
    for name, description, fn in CASES:
        assert name not in names, name
        names.add(name)
        raw, expect = fn()
        # What every case is checked for unless it says otherwise: no
        # commands, a person wrote it, and (single-part and alternative
        # mails) no attachments.
        expect.setdefault("commands", [])
        expect.setdefault("classification", "human")
        if not any(t in raw.lower() for t in (b"multipart/mixed", b"multipart/report", b"multipart/related")):
            expect.setdefault("attachments", [])
        rows.append((name, expect))
        assert b"\n" not in raw.replace(b"\r\n", b""), name + ": bare LF"
        with open(os.path.join(HERE, name + ".eml"), "wb") as f:
            f.write(raw)
        with open(os.path.join(HERE, name + ".expect.json"), "w", encoding="utf-8", newline="\n") as f:
            f.write(json.dumps(expect, ensure_ascii=False, indent=2) + "\n")
        readme.append("| `%s` | %s |" % (name, description.replace("|", "\\|")))
    readme += ["", "## Coverage: client x language", "",
               "Case names by the client that wrote the mail and the language of what is newly written",
               "(`other`: no text of its own, e.g. commands only, or a language-neutral robot). Sign-off",
               "blocks (\"Lugupidamisega\", \"С уважением,\", \"Cu stimă,\", \"Best regards,\" and the name,",
               "title and phone lines under them; \"Thanks,\"-like lines only when a name follows) are",
               "signature: they are not in `new_text`, which keeps the greeting and the message.", ""]
    readme += coverage_matrix(rows)
    with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(readme) + "\n")
    print("%d cases written to %s" % (len(CASES), HERE))


if __name__ == "__main__":
    sys.exit(main())
