// HTML to readable plain text (gumbo): what a technician reads of an
// HTML-only mail. Paragraphs and block elements become blank-line separated
// blocks, <br> a line break, list items "- " (ordered: "1. "), links
// "text <url>" when the text is not the URL itself, images their alt text;
// <script>, <style>, <head> and comments are dropped; entities decoded;
// white space collapsed as a browser would. <blockquote> content and the
// quoted history blocks of Gmail (div.gmail_quote), Outlook
// (div#divRplyFwdMsg / #appendonsend and what follows) and Thunderbird
// (blockquote type=cite, div.moz-cite-prefix) come out as lines starting
// with "> " so that StripReply removes them (nested quotes ">> "). Table
// cells are joined with " | ", one row per line. A signature block (Gmail,
// Thunderbird, Outlook on the web) starts with a "-- " line. Pure; never
// throws. Input nesting deeper than a few hundred elements is flattened
// before parsing (the text is kept), as gumbo is quadratic in it.
#pragma once

#include <string>
#include <string_view>

namespace deskd {

// `html` is UTF-8. Returns UTF-8 text with \n line ends, no trailing white
// space on lines (except the signature separator "-- "), at most one blank
// line in a row, trimmed at both ends.
std::string HtmlToText(std::string_view html);

}  // namespace deskd
