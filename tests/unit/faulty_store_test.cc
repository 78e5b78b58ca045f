// The tests' fault-injecting Store decorator: it fails the call it is told
// to, before or after forwarding it, once, and forwards everything else.
#include "tests/unit/faulty_store.h"

#include <gtest/gtest.h>

namespace deskd {
namespace {

using testing::FaultyStore;

IncidentRow NewIncident(const std::string& subject) {
  IncidentRow row;
  row.subject = subject;
  row.queue = "support";
  return row;
}

class FaultyStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Store::Open(":memory:");
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    base_ = std::move(*opened);
    faulty_ = std::make_unique<FaultyStore>(*base_);
  }

  int Incidents() { return static_cast<int>(base_->ListIncidents({})->size()); }

  std::unique_ptr<Store> base_;
  std::unique_ptr<FaultyStore> faulty_;
};

TEST_F(FaultyStoreTest, ForwardsEverythingWhenNothingIsInjected) {
  auto n = faulty_->CreateIncident(NewIncident("a"), 1000);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1000);
  EXPECT_EQ((*faulty_->FindIncident(1000))->subject, "a");
  EXPECT_EQ(faulty_->writes(), 1);
  EXPECT_FALSE(faulty_->fired());
}

TEST_F(FaultyStoreTest, FailsTheNthWriteBeforeItHappensAndOnlyThat) {
  faulty_->Inject({.method = "", .nth = 2});
  ASSERT_TRUE(faulty_->CreateIncident(NewIncident("a"), 1000).ok());
  ASSERT_TRUE(faulty_->FindIncident(1000).ok()) << "reads are not counted";
  auto second = faulty_->CreateIncident(NewIncident("b"), 1000);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().kind, Error::Kind::kTemporary);
  EXPECT_EQ(second.error().message, "injected: disk full");
  EXPECT_TRUE(faulty_->fired());
  EXPECT_EQ(Incidents(), 1);
  ASSERT_TRUE(faulty_->CreateIncident(NewIncident("c"), 1000).ok()) << "fired once";
  EXPECT_EQ(Incidents(), 2);
  EXPECT_EQ(faulty_->writes(), 3);
}

TEST_F(FaultyStoreTest, FailsANamedMethodAfterForwardingIt) {
  faulty_->Inject({.method = "CreateIncident", .after = true, .error = Error::Io("crash")});
  auto n = faulty_->CreateIncident(NewIncident("a"), 1000);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error().kind, Error::Kind::kIo);
  EXPECT_EQ(Incidents(), 1) << "the write happened, then the error";
}

TEST_F(FaultyStoreTest, FailsAReadByName) {
  ASSERT_TRUE(faulty_->CreateIncident(NewIncident("a"), 1000).ok());
  faulty_->Inject({.method = "FindIncident", .nth = 2});
  EXPECT_TRUE(faulty_->FindIncident(1000).ok());
  EXPECT_FALSE(faulty_->FindIncident(1000).ok());
  EXPECT_TRUE(faulty_->FindIncident(1000).ok());
}

TEST_F(FaultyStoreTest, AFailedCommitKeepsNothing) {
  faulty_->Inject({.method = "Commit"});
  {
    auto tx = faulty_->BeginTransaction();
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(faulty_->CreateIncident(NewIncident("a"), 1000).ok());
    EXPECT_FALSE((*tx)->Commit().ok());
  }
  EXPECT_EQ(Incidents(), 0);
  EXPECT_EQ(faulty_->writes(), 3);  // BEGIN, the incident, COMMIT
  {
    auto tx = faulty_->BeginTransaction();
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(faulty_->CreateIncident(NewIncident("b"), 1000).ok());
    EXPECT_TRUE((*tx)->Commit().ok());
  }
  EXPECT_EQ(Incidents(), 1);
}

TEST_F(FaultyStoreTest, AFailedBeginStartsNoTransaction) {
  faulty_->Inject({.method = "BeginTransaction"});
  auto tx = faulty_->BeginTransaction();
  ASSERT_FALSE(tx.ok());
  // No transaction is open on the real store: a write is kept at once.
  ASSERT_TRUE(faulty_->CreateIncident(NewIncident("a"), 1000).ok());
  auto other = base_->BeginTransaction();
  ASSERT_TRUE(other.ok());
  (*other)->Rollback();
  EXPECT_EQ(Incidents(), 1);
}

}  // namespace
}  // namespace deskd
