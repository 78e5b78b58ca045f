#include "parsers/mail_date.h"

#include <gtest/gtest.h>

namespace deskd {
namespace {

TEST(MailDate, Rfc5322Forms) {
  auto d = ParseMailDate("Mon, 23 Nov 2026 09:58:00 +0200");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->unix_seconds, 1795420680);
  EXPECT_EQ(d->offset_minutes, 120);
  EXPECT_EQ(d->rfc3339, "2026-11-23T09:58:00+02:00");
  EXPECT_FALSE(d->zone_missing);

  // No day name, one-digit day, comment after the zone (Postfix, Exim).
  auto e = ParseMailDate("20 Nov 2026 15:02:06 +0300 (MSK)");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->unix_seconds, 1795176126);
  EXPECT_EQ(e->rfc3339, "2026-11-20T15:02:06+03:00");
  auto f = ParseMailDate("Fri,  5 Jan 1999 08:00 -0500");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->unix_seconds, 915541200);
  EXPECT_EQ(f->rfc3339, "1999-01-05T08:00:00-05:00");
}

TEST(MailDate, ObsoleteForms) {
  // Two-digit year and an obsolete zone name.
  auto a = ParseMailDate("Tue, 5 Jan 99 08:00:00 EST");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->unix_seconds, 915541200);
  EXPECT_EQ(a->offset_minutes, -300);
  auto b = ParseMailDate("Tue, 1 Jul 2003 10:52:37 PDT");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->unix_seconds, 1057081957);
  auto g = ParseMailDate("Mon, 23 Nov 2026 15:59:27 GMT");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->unix_seconds, 1795449567);
  EXPECT_EQ(g->rfc3339, "2026-11-23T15:59:27+00:00");
  // Leap day, leap second read as :59, "+02:00" zone, asctime order.
  auto l = ParseMailDate("Thu, 29 Feb 2024 23:59:60 +00:00");
  ASSERT_TRUE(l);
  EXPECT_EQ(l->unix_seconds, 1709251199);
  auto asc = ParseMailDate("Mon Nov 23 09:58:00 2026 +0200");
  ASSERT_TRUE(asc);
  EXPECT_EQ(asc->unix_seconds, 1795420680);
  auto dash = ParseMailDate("23-Nov-2026 09:58:00 +0200");
  ASSERT_TRUE(dash);
  EXPECT_EQ(dash->unix_seconds, 1795420680);
}

TEST(MailDate, MissingZoneIsUtcAndFlagged) {
  auto d = ParseMailDate("Mon, 23 Nov 2026 15:59:27");
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->zone_missing);
  EXPECT_EQ(d->unix_seconds, 1795449567);
}

TEST(MailDate, BadDates) {
  EXPECT_FALSE(ParseMailDate(""));
  EXPECT_FALSE(ParseMailDate("yesterday"));
  EXPECT_FALSE(ParseMailDate("Mon, 30 Feb 2026 10:00:00 +0000"));
  EXPECT_FALSE(ParseMailDate("Mon, 23 Foo 2026 10:00:00 +0000"));
  EXPECT_FALSE(ParseMailDate("Mon, 23 Nov 2026 25:00:00 +0000"));
  EXPECT_FALSE(ParseMailDate("Mon, 23 Nov 2026"));
  EXPECT_FALSE(ParseMailDate("2026-11-23T09:58:00Z"));
}

TEST(MailDate, FormatRfc3339) {
  EXPECT_EQ(FormatRfc3339(-3600, 0), "1969-12-31T23:00:00+00:00");
  EXPECT_EQ(FormatRfc3339(1795420680, 120), "2026-11-23T09:58:00+02:00");
  EXPECT_EQ(FormatRfc3339(1795420680, -330), "2026-11-23T02:28:00-05:30");
}

}  // namespace
}  // namespace deskd
