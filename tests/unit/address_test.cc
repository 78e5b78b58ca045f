#include "parsers/address.h"

#include <gtest/gtest.h>

namespace deskd {
namespace {

std::vector<MailAddress> Parse(std::string_view v, std::vector<std::string>* problems = nullptr,
                               std::string_view fallback = "") {
  return ParseAddressList(v, problems, fallback);
}

TEST(Address, QuotedAndPlainDisplayNames) {
  auto a = Parse("\"Tamm, Anna\" <Anna.Tamm@Client.EXAMPLE>, Jaan Lepp <jaan@itdesk.example>");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].address, "anna.tamm@client.example");
  EXPECT_EQ(a[0].name, "Tamm, Anna");
  EXPECT_EQ(a[1].address, "jaan@itdesk.example");
  EXPECT_EQ(a[1].name, "Jaan Lepp");
  // Bare addresses have no name.
  auto bare = Parse("support@itdesk.example");
  ASSERT_EQ(bare.size(), 1u);
  EXPECT_EQ(bare[0].name, std::nullopt);
  auto angle = Parse("<support+1042.7.hbbjxcvhg6mkua2n@ITDESK.example>");
  ASSERT_EQ(angle.size(), 1u);
  EXPECT_EQ(angle[0].address, "support+1042.7.hbbjxcvhg6mkua2n@itdesk.example");
  EXPECT_EQ(angle[0].name, std::nullopt);
}

TEST(Address, EncodedNamesWithCommasStayOneMailbox) {
  // The comma is inside the encoded word: it must not split the list.
  auto a = Parse("=?utf-8?Q?Popescu=2C_Ionu=C8=9B?= <ionut@example.ro>, "
                 "=?UTF-8?B?0JDQvdC00YDQtdC5INCh0LzQuNGA0L3QvtCy?= <andrey@clients.example>");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].name, "Popescu, Ionuț");
  EXPECT_EQ(a[1].name, "Андрей Смирнов");
  // Encoded word inside quotes (not allowed, common), and name split over words.
  auto q = Parse("\"=?utf-8?Q?J=C3=BCri?=\" <j@x.ee>, =?utf-8?Q?=C3=95?= =?utf-8?Q?un?= <o@x.ee>");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].name, "Jüri");
  EXPECT_EQ(q[1].name, "Õun");
  // Escaped quotes and raw UTF-8.
  auto e = Parse("\"Jüri \\\"Õun\\\" Tamm\" <client@example.org>");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].name, "Jüri \"Õun\" Tamm");
}

TEST(Address, Raw8BitNameInTheMailsCharset) {
  auto a = Parse("\xC8\xE2\xE0\xED \xCF\xE5\xF2\xF0\xEE\xE2 <ivan@client.example>", nullptr,
                 "windows-1251");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].name, "Иван Петров");
}

TEST(Address, UnquotedCommaInOutlookName) {
  auto a = Parse("Tamm, Anna <anna@client.example>, maria@itdesk.example");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0].address, "anna@client.example");
  EXPECT_EQ(a[0].name, "Tamm, Anna");
  EXPECT_EQ(a[1].address, "maria@itdesk.example");
}

TEST(Address, CommentsGroupsAndOddForms) {
  auto c = Parse("anna@client.example (Anna Tamm)");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].address, "anna@client.example");
  EXPECT_EQ(c[0].name, "Anna Tamm");

  EXPECT_TRUE(Parse("undisclosed-recipients:;").empty());
  auto g = Parse("IT team: maria@itdesk.example, Jaan <jaan@itdesk.example>;, x@y.example");
  ASSERT_EQ(g.size(), 3u);
  EXPECT_EQ(g[0].address, "maria@itdesk.example");
  EXPECT_EQ(g[0].name, std::nullopt);
  EXPECT_EQ(g[1].name, "Jaan");
  EXPECT_EQ(g[2].address, "x@y.example");

  // Missing angle brackets: the word with '@' is the address.
  auto m = Parse("Anna Tamm anna@client.example");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].address, "anna@client.example");
  EXPECT_EQ(m[0].name, "Anna Tamm");

  std::vector<std::string> problems;
  auto open = Parse("Anna <Anna@Client.example", &problems);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].address, "anna@client.example");
  EXPECT_EQ(problems.size(), 1u);

  auto single = Parse("'Anna Tamm' <mailto:ANNA@client.example>");
  ASSERT_EQ(single.size(), 1u);
  EXPECT_EQ(single[0].address, "anna@client.example");
  EXPECT_EQ(single[0].name, "Anna Tamm");

  // The null sender of a bounce is one mailbox with an empty address.
  auto null_sender = Parse("<>");
  ASSERT_EQ(null_sender.size(), 1u);
  EXPECT_EQ(null_sender[0].address, "");

  EXPECT_TRUE(Parse("").empty());
  EXPECT_TRUE(Parse(" , ,").empty());
}

}  // namespace
}  // namespace deskd
