#include <gtest/gtest.h>
#include "parsers/mail.h"
TEST(Smoke, ClassificationNames) { EXPECT_STREQ(deskd::ClassificationName(deskd::Classification::kBounce), "bounce"); }
