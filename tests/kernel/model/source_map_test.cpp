#include "model/source_map.h"

#include <gtest/gtest.h>

namespace taskweave::model {
namespace {

TEST(SourceMap, LinesAndColumns) {
  const SourceMap map("ab\ncd\r\nef\rgh");
  EXPECT_EQ(map.position(0), (SourcePos{1, 1}));
  EXPECT_EQ(map.position(1), (SourcePos{1, 2}));
  EXPECT_EQ(map.position(3), (SourcePos{2, 1}));
  EXPECT_EQ(map.position(7), (SourcePos{3, 1}));   // CR LF is one break
  EXPECT_EQ(map.position(10), (SourcePos{4, 1}));  // a lone CR too
  EXPECT_EQ(map.line_count(), 4u);
}

TEST(SourceMap, ColumnsCountCharactersNotBytes) {
  // "Início" in UTF-8: the accented letter is two bytes but one column.
  const SourceMap map(
      "x\nIn\xC3\xAD"
      "cio=1");
  EXPECT_EQ(map.position(2 + 5), (SourcePos{2, 5}));  // 'c'
  EXPECT_EQ(map.position(2 + 8), (SourcePos{2, 8}));  // '='
}

}  // namespace
}  // namespace taskweave::model
