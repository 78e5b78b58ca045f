#include <gtest/gtest.h>
#include "daemon/core/embedded.h"
TEST(Embedded, HasSqlAndTemplates) {
  const auto& files = deskd::EmbeddedFiles();
  bool sql = false, tpl = false;
  for (const auto& [path, bytes] : files) {
    if (path.rfind("sql/", 0) == 0) sql = true;
    if (path.rfind("templates/", 0) == 0) tpl = true;
    EXPECT_FALSE(bytes.empty()) << path;
  }
  EXPECT_TRUE(sql);
  EXPECT_TRUE(tpl);
}
