#include "daemon/intake/technician_commands.h"

#include <gtest/gtest.h>

#include <set>

namespace deskd {
namespace {

using Commands = std::vector<std::pair<std::string, std::string>>;

class TechnicianCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TechnicianSection maria;
    maria.name = "maria";
    maria.address = "maria@itdesk.example";
    TechnicianSection jaan;
    jaan.name = "jaan";
    jaan.address = "jaan@itdesk.example";
    config_.technicians = {maria, jaan};
    incident_.number = 1042;
    incident_.status = "open";
    incident_.queue = "support";
  }

  CommandPlan Plan(const Commands& commands) {
    CommandContext context;
    context.incident = &incident_;
    context.actor = "maria";
    context.config = &config_;
    context.incident_is_open_target = [this](int64_t n) { return open_.count(n) != 0; };
    return PlanCommands(commands, context);
  }

  static std::string Errors(const CommandPlan& plan) {
    std::string all;
    for (const auto& e : plan.errors) all += e.command + ": " + e.message + "\n";
    return all;
  }

  Config config_;
  IncidentRow incident_;
  std::set<int64_t> open_ = {1038, 1040};
};

TEST_F(TechnicianCommandsTest, TheDesignsExampleBlockIsOnePlan) {
  CommandPlan plan = Plan({{"assign", "maria"},
                           {"priority", "1"},
                           {"category", "network"},
                           {"link", "1040"},
                           {"escalate", "the switch must be replaced, needs a purchase"},
                           {"internal", ""}});
  ASSERT_TRUE(plan.ok()) << Errors(plan);
  EXPECT_EQ(plan.owner, "maria");
  EXPECT_EQ(plan.priority, 1);
  EXPECT_EQ(plan.category, "network");
  EXPECT_EQ(plan.related, (std::vector<int64_t>{1040}));
  EXPECT_EQ(plan.escalation, "the switch must be replaced, needs a purchase");
  EXPECT_TRUE(plan.internal);
  EXPECT_FALSE(plan.status);
}

TEST_F(TechnicianCommandsTest, StatusWordsInFourLanguages) {
  EXPECT_EQ(Plan({{"status", "resolved"}}).status, "resolved");
  EXPECT_EQ(Plan({{"status", "lahendatud"}}).status, "resolved");
  EXPECT_EQ(Plan({{"status", "закрыт"}}).status, "closed");
  EXPECT_EQ(Plan({{"status", "rezolvat"}}).status, "resolved");
  EXPECT_EQ(Plan({{"status", "Open"}}).status, "open");
  CommandPlan bad = Plan({{"status", "finished-ish"}});
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.errors.at(0).command, "#status finished-ish");
}

TEST_F(TechnicianCommandsTest, HoldNeedsAReasonForTheClient) {
  CommandPlan plan = Plan({{"hold", "waiting for the replacement disk"}});
  ASSERT_TRUE(plan.ok()) << Errors(plan);
  EXPECT_EQ(plan.status, "on_hold");
  EXPECT_EQ(plan.hold_reason, "waiting for the replacement disk");

  plan = Plan({{"status", "on_hold waiting for the client"}});
  ASSERT_TRUE(plan.ok()) << Errors(plan);
  EXPECT_EQ(plan.hold_reason, "waiting for the client");

  EXPECT_FALSE(Plan({{"hold", ""}}).ok());
  EXPECT_FALSE(Plan({{"status", "on_hold"}}).ok());
}

TEST_F(TechnicianCommandsTest, AssignKnowsTheTechniciansAndMe) {
  EXPECT_EQ(Plan({{"assign", "JAAN"}}).owner, "jaan");
  EXPECT_EQ(Plan({{"assign", "me"}}).owner, "maria");
  CommandPlan bad = Plan({{"assign", "peeter"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.errors[0].message.find("known: maria, jaan"), std::string::npos);
}

TEST_F(TechnicianCommandsTest, PriorityIsOneToFour) {
  EXPECT_EQ(Plan({{"priority", "P2"}}).priority, 2);
  EXPECT_FALSE(Plan({{"priority", "7"}}).ok());
  EXPECT_FALSE(Plan({{"priority", "0"}}).ok());
  EXPECT_FALSE(Plan({{"priority", "high"}}).ok());
}

TEST_F(TechnicianCommandsTest, MergeAndLinkNeedAnotherExistingIncident) {
  EXPECT_EQ(Plan({{"merge", "1038"}}).merge_into, 1038);
  EXPECT_EQ(Plan({{"merge", "#1038"}}).merge_into, 1038);
  EXPECT_FALSE(Plan({{"merge", "1042"}}).ok());  // itself
  EXPECT_FALSE(Plan({{"merge", "999"}}).ok());   // does not exist
  EXPECT_FALSE(Plan({{"link", "abc"}}).ok());
  EXPECT_FALSE(Plan({{"merge", "1038"}, {"status", "resolved"}}).ok());
}

TEST_F(TechnicianCommandsTest, NothingIsHalfApplied) {
  CommandPlan plan = Plan({{"assign", "jaan"}, {"priority", "9"}, {"internal", ""}});
  EXPECT_FALSE(plan.ok());
  EXPECT_EQ(plan.errors.size(), 1u);
  EXPECT_FALSE(plan.owner);
  EXPECT_FALSE(plan.priority);
  // The text still must not reach the client.
  EXPECT_TRUE(plan.internal);
}

TEST_F(TechnicianCommandsTest, ContradictionsAndUnknownCommandsAreErrors) {
  EXPECT_FALSE(Plan({{"priority", "1"}, {"priority", "2"}}).ok());
  EXPECT_TRUE(Plan({{"priority", "1"}, {"priority", "1"}}).ok());
  CommandPlan unknown = Plan({{"frobnicate", "now"}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.errors[0].command, "#frobnicate now");
  EXPECT_NE(unknown.errors[0].message.find("unknown command"), std::string::npos);
}

TEST_F(TechnicianCommandsTest, LanguageOverride) {
  EXPECT_EQ(Plan({{"lang", "RU"}}).language, "ru");
  EXPECT_FALSE(Plan({{"lang", "de"}}).ok());
}

TEST_F(TechnicianCommandsTest, AMergedIncidentTakesNoChanges) {
  incident_.status = "merged";
  incident_.merged_into = 1038;
  CommandPlan plan = Plan({{"status", "resolved"}});
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.errors[0].message.find("merged into #1038"), std::string::npos);
  EXPECT_TRUE(Plan({{"internal", ""}}).ok());
}

}  // namespace
}  // namespace deskd
