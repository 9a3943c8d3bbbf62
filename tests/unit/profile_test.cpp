// Profiles: the shipped ones load; a malformed one is refused with the field named.
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

#include "gradphoto/profile.h"

namespace gradphoto {
namespace {

std::string readProfile(const std::string& name) {
  std::ifstream in(std::string(GRADPHOTO_TEST_PROFILES_DIR) + "/" + name + ".json");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(Profile, ShippedChsiProfileLoadsWithTheSpecNumbers) {
  Profile profile;
  const Error error = parseProfile(readProfile("chsi-graduate"), profile);
  ASSERT_FALSE(error) << error.message_en;
  EXPECT_EQ(profile.id, "chsi-graduate");
  EXPECT_EQ(profile.output.width, 480);
  EXPECT_EQ(profile.output.height, 640);
  EXPECT_EQ(profile.output.dpi, 300);
  EXPECT_EQ(profile.output.jpeg_quality_min, 60);
  ASSERT_NE(profile.limits("geometry.crown"), nullptr);
  EXPECT_EQ(profile.limits("geometry.crown")->min_fail, 50);
  EXPECT_EQ(profile.limits("geometry.crown")->max_fail, 110);
  EXPECT_EQ(profile.limits("geometry.eye_line")->min_fail, 200);
  EXPECT_EQ(profile.limits("geometry.face_width")->max_fail, 300);
  // Every check the checker knows has limits, each with a source.
  for (const std::string& id : knownCheckIds()) {
    const CheckLimits* limits = profile.limits(id);
    ASSERT_NE(limits, nullptr) << id << " has no limits in chsi-graduate.json";
    EXPECT_FALSE(limits->source.empty()) << id;
  }
}

TEST(Profile, ShippedIdCardProfileHasItsOwnNumbers) {
  Profile profile;
  const Error error = parseProfile(readProfile("id-card"), profile);
  ASSERT_FALSE(error) << error.message_en;
  EXPECT_EQ(profile.output.width, 358);
  EXPECT_EQ(profile.output.height, 441);
  ASSERT_EQ(profile.background_colours.size(), 1u);
  EXPECT_EQ(profile.background_colours[0].name, "white");
}

struct Malformed {
  const char* what;
  std::string edit_from;
  std::string edit_to;
  const char* field_in_message;
};

class MalformedProfile : public testing::TestWithParam<Malformed> {};

TEST_P(MalformedProfile, IsRefusedNamingTheField) {
  std::string text = readProfile("chsi-graduate");
  const Malformed& m = GetParam();
  const size_t at = text.find(m.edit_from);
  ASSERT_NE(at, std::string::npos) << "the shipped profile no longer contains: " << m.edit_from;
  text.replace(at, m.edit_from.size(), m.edit_to);
  Profile profile;
  const Error error = parseProfile(text, profile);
  EXPECT_EQ(error.code, ErrorCode::kInvalidProfile) << m.what;
  EXPECT_NE(error.message_en.find(m.field_in_message), std::string::npos) << m.what << ": " << error.message_en;
  EXPECT_NE(error.message_zh.find(m.field_in_message), std::string::npos) << m.what << ": " << error.message_zh;
  EXPECT_TRUE(profile.checks.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, MalformedProfile,
    testing::Values(
        Malformed{"width as text", "\"width\": 480", "\"width\": \"480\"", "output.width"},
        Malformed{"width missing", "\"width\": 480,", "", "output.width"},
        Malformed{"fractional height", "\"height\": 640", "\"height\": 640.5", "output.height"},
        Malformed{"quality above 100", "\"jpeg_quality_min\": 60", "\"jpeg_quality_min\": 160", "output.jpeg_quality_min"},
        Malformed{"size band upside down", "\"min\": 30, \"max\": 60", "\"min\": 60, \"max\": 30", "output.file_size_kb"},
        Malformed{"colour out of range", "[100, 197, 255]", "[100, 197, 256]", "background_colours[0].rgb"},
        Malformed{"unknown check id", "\"face.count\":", "\"face.cuont\":", "checks.face.cuont"},
        Malformed{"limit as text", "\"min_fail\": 50", "\"min_fail\": \"50\"", "checks.geometry.crown.min_fail"},
        Malformed{"limits out of order", "\"max_warn\": 5, \"max_fail\": 8", "\"max_warn\": 9, \"max_fail\": 8",
                  "checks.pose.roll"},
        Malformed{"no source", "\"unit\": \"faces\", \"source\":", "\"unit\": \"faces\", \"origin\":",
                  "checks.face.count.source"}),
    [](const testing::TestParamInfo<Malformed>& info) {
      std::string name = info.param.what;
      for (char& c : name) if (!isalnum(static_cast<unsigned char>(c))) c = '_';
      return name;
    });

TEST(Profile, NotJsonIsRefused) {
  Profile profile;
  EXPECT_EQ(parseProfile("{ this is not json", profile).code, ErrorCode::kInvalidProfile);
  EXPECT_EQ(parseProfile("", profile).code, ErrorCode::kInvalidProfile);
  EXPECT_EQ(parseProfile("[]", profile).code, ErrorCode::kInvalidProfile);
}

}  // namespace
}  // namespace gradphoto
