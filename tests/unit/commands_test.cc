#include "parsers/commands.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace deskd {
namespace {

using Commands = std::vector<std::pair<std::string, std::string>>;

TEST(Commands, ReadsLeadingCommandsAndKeepsTheRest) {
  CommandScan scan = ExtractLeadingCommands(
      "#status resolved\n#assign maria\n#hold waiting for the replacement disk\n"
      "\nThe disk was replaced.\n#not a command here\n");
  EXPECT_EQ(scan.commands, (Commands{{"status", "resolved"},
                                     {"assign", "maria"},
                                     {"hold", "waiting for the replacement disk"}}));
  EXPECT_EQ(scan.rest, "The disk was replaced.\n#not a command here\n");
}

TEST(Commands, NoCommandsLeavesTextWithoutLeadingBlankLines) {
  CommandScan scan = ExtractLeadingCommands("\n\nHello,\nmy printer is broken\n");
  EXPECT_TRUE(scan.commands.empty());
  EXPECT_EQ(scan.rest, "Hello,\nmy printer is broken\n");
}

TEST(Commands, OutlookBlankLinesNbspAndZeroWidthAreTolerated) {
  // Outlook: a blank paragraph between lines, NBSP after the name, a
  // zero-width space before the '#', CRLF left over.
  CommandScan scan = ExtractLeadingCommands(
      "\xC2\xA0\n#status\xC2\xA0resolved\r\n\r\n\xE2\x80\x8B#internal\r\n"
      "\xC2\xA0\xC2\xA0\n  #priority  1  \n\nReplaced the toner.\n");
  EXPECT_EQ(scan.commands,
            (Commands{{"status", "resolved"}, {"internal", ""}, {"priority", "1"}}));
  EXPECT_EQ(scan.rest, "Replaced the toner.\n");
}

TEST(Commands, NumbersAndHeadingsAreText) {
  CommandScan scan = ExtractLeadingCommands("#1042 is broken again\n#status open\n");
  EXPECT_TRUE(scan.commands.empty());
  EXPECT_EQ(scan.rest, "#1042 is broken again\n#status open\n");

  scan = ExtractLeadingCommands("# Heading\ntext");
  EXPECT_TRUE(scan.commands.empty());
  EXPECT_EQ(scan.rest, "# Heading\ntext");

  scan = ExtractLeadingCommands("##status resolved\n");
  EXPECT_TRUE(scan.commands.empty());

  scan = ExtractLeadingCommands("#status2 resolved\n");
  EXPECT_TRUE(scan.commands.empty());
}

TEST(Commands, UnknownNamesAreReturnedAndCaseIsFolded) {
  CommandScan scan = ExtractLeadingCommands("#Status Resolved\n#frobnicate now\n#re-open\n#x_y\n");
  EXPECT_EQ(scan.commands, (Commands{{"status", "Resolved"},
                                     {"frobnicate", "now"},
                                     {"re-open", ""},
                                     {"x_y", ""}}));
  EXPECT_EQ(scan.rest, "");
}

TEST(Commands, ColonAfterNameIsAccepted) {
  CommandScan scan = ExtractLeadingCommands("#status: resolved\n#category:network\nok");
  EXPECT_EQ(scan.commands, (Commands{{"status", "resolved"}, {"category", "network"}}));
  EXPECT_EQ(scan.rest, "ok");
}

TEST(Commands, ScanStopsAtFirstTextLine) {
  CommandScan scan = ExtractLeadingCommands("#merge 1038\nDone, see above.\n\n#status resolved\n");
  EXPECT_EQ(scan.commands, (Commands{{"merge", "1038"}}));
  EXPECT_EQ(scan.rest, "Done, see above.\n\n#status resolved\n");
}

TEST(Commands, HashtagGluedToPunctuationIsText) {
  CommandScan scan = ExtractLeadingCommands("#urgent!!! please help\n");
  EXPECT_TRUE(scan.commands.empty());
  EXPECT_EQ(scan.rest, "#urgent!!! please help\n");
}

TEST(Commands, EmptyAndBlankInput) {
  EXPECT_TRUE(ExtractLeadingCommands("").commands.empty());
  EXPECT_EQ(ExtractLeadingCommands("").rest, "");
  EXPECT_EQ(ExtractLeadingCommands("\n \n\xC2\xA0\n").rest, "");
  CommandScan scan = ExtractLeadingCommands("#close");
  EXPECT_EQ(scan.commands, (Commands{{"close", ""}}));
  EXPECT_EQ(scan.rest, "");
}

TEST(Commands, ArgumentKeepsInnerTextAndNbspBecomesSpace) {
  CommandScan scan = ExtractLeadingCommands(
      "#escalate the switch\xC2\xA0must be replaced,  needs a purchase\n");
  ASSERT_EQ(scan.commands.size(), 1u);
  EXPECT_EQ(scan.commands[0].second, "the switch must be replaced,  needs a purchase");
}

}  // namespace
}  // namespace deskd
