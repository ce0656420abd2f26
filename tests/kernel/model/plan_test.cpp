// `plan --json` matches the contract: the exact expected output for a small workflow (the schema
// checks are in plan_schema_test.cpp); the text form shows the same facts.
#include "model/plan.h"

#include <gtest/gtest.h>

#include <sstream>

#include "model_test_support.h"

namespace taskweave::model {
namespace {

const std::string kFixture = testing::fixture("plan_small.xml");

TEST(PlanJson, ExactOutput) {
  const std::string expected = R"({
  "file": "exports/wf_daily.xml",
  "workflows": [
    {
      "name": "wf_daily",
      "kind": "workflow",
      "folder": "FLD",
      "definition_hash": "HASH",
      "start": "Start",
      "tasks": [
        {
          "name": "Start",
          "task_name": "Start",
          "type": "Start",
          "enabled": true,
          "reusable": false,
          "join": "and",
          "fail_parent_if_fails": false,
          "fail_parent_if_did_not_run": false,
          "definition_found": true
        },
        {
          "name": "s_load",
          "task_name": "s_m_load",
          "type": "Command",
          "enabled": true,
          "reusable": false,
          "join": "and",
          "fail_parent_if_fails": true,
          "fail_parent_if_did_not_run": false,
          "definition_found": true
        },
        {
          "name": "dec",
          "task_name": "dec",
          "type": "Decision",
          "enabled": false,
          "reusable": false,
          "join": "or",
          "fail_parent_if_fails": false,
          "fail_parent_if_did_not_run": false,
          "definition_found": true
        },
        {
          "name": "wk",
          "task_name": "wk",
          "type": "Worklet",
          "enabled": true,
          "reusable": false,
          "join": "and",
          "fail_parent_if_fails": false,
          "fail_parent_if_did_not_run": false,
          "definition_found": true,
          "graph": {
            "name": "wk",
            "kind": "worklet",
            "folder": "FLD",
            "start": "Start",
            "tasks": [
              {
                "name": "Start",
                "task_name": "Start",
                "type": "Start",
                "enabled": true,
                "reusable": false,
                "join": "and",
                "fail_parent_if_fails": false,
                "fail_parent_if_did_not_run": false,
                "definition_found": true
              }
            ],
            "links": [],
            "levels": [
              [
                "Start"
              ]
            ],
            "critical_path": [
              "Start"
            ],
            "analysis": {
              "total_tasks": 1,
              "total_links": 0,
              "max_parallel": 1,
              "depth": 1,
              "task_types": {
                "Start": 1
              },
              "has_decisions": false,
              "has_parallel_branches": false
            }
          }
        }
      ],
      "links": [
        {
          "from": "Start",
          "to": "s_load",
          "condition": ""
        },
        {
          "from": "s_load",
          "to": "dec",
          "condition": "$s_load.Status = SUCCEEDED\r\n"
        },
        {
          "from": "Start",
          "to": "wk",
          "condition": ""
        }
      ],
      "levels": [
        [
          "Start"
        ],
        [
          "s_load",
          "wk"
        ],
        [
          "dec"
        ]
      ],
      "critical_path": [
        "Start",
        "s_load",
        "dec"
      ],
      "analysis": {
        "total_tasks": 4,
        "total_links": 3,
        "max_parallel": 2,
        "depth": 3,
        "task_types": {
          "Command": 1,
          "Decision": 1,
          "Start": 1,
          "Worklet": 1
        },
        "has_decisions": true,
        "has_parallel_branches": true
      }
    }
  ]
}
)";
  std::string actual = testing::plan_of(kFixture, "exports/wf_daily.xml");
  const auto at = actual.find("\"definition_hash\": \"");
  ASSERT_NE(at, std::string::npos);
  actual.replace(at + 20, 16, "HASH");
  EXPECT_EQ(actual, expected);
}

TEST(PlanText, ShowsLevelsCriticalPathAndWorklets) {
  LoadResult r = load_export(kFixture);
  std::ostringstream out;
  write_plan_text(out, r.workflows);
  const std::string text = out.str();
  EXPECT_NE(text.find("workflow wf_daily (folder FLD"), std::string::npos) << text;
  EXPECT_NE(text.find("    1: s_load, wk\n"), std::string::npos) << text;
  EXPECT_NE(text.find("critical path (3 tasks): Start -> s_load -> dec\n"), std::string::npos);
  EXPECT_NE(text.find("analysis: 4 tasks, 3 links, depth 3, max parallel 2"), std::string::npos);
  EXPECT_NE(text.find("worklet wk (instance wk)"), std::string::npos) << text;
}

}  // namespace
}  // namespace taskweave::model
