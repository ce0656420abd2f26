// TASK definitions of the expression-driven task types (Assignment, Decision, Timer) for plugin
// tests that run the real `taskweave run` on an export built with workflow_export.h. Text is
// written into XML attributes as given: escape `<`, `>`, `&` and `"` yourself (&lt; &gt; ...).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace taskweave::testing {

inline std::string assignment_task(const std::string& name,
                                   const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string xml = "<TASK DESCRIPTION=\"\" NAME=\"" + name +
                    "\" REUSABLE=\"NO\" TYPE=\"Assignment\" VERSIONNUMBER=\"1\">\n"
                    "<ATTRIBUTE NAME=\"Assignment Condition\" VALUE=\"\"/>\n";
  int order = 1;
  for (const auto& [variable, expression] : pairs)
    xml += "<VALUEPAIR EXECORDER=\"" + std::to_string(order++) + "\" NAME=\"" + variable +
           "\" REVERSEASSIGNMENT=\"NO\" VALUE=\"" + expression + "\"/>\n";
  return xml + "</TASK>\n";
}

inline std::string decision_task(const std::string& name, const std::string& condition) {
  return "<TASK DESCRIPTION=\"\" NAME=\"" + name +
         "\" REUSABLE=\"NO\" TYPE=\"Decision\" VERSIONNUMBER=\"1\">\n"
         "<ATTRIBUTE NAME=\"Decision Name\" VALUE=\"" +
         condition + "\"/>\n</TASK>\n";
}

// `timer` is the TIMER element; `variable` the `Variable` attribute.
inline std::string timer_task(const std::string& name, const std::string& timer,
                              const std::string& variable = "") {
  return "<TASK DESCRIPTION=\"\" NAME=\"" + name +
         "\" REUSABLE=\"NO\" TYPE=\"Timer\" VERSIONNUMBER=\"1\">\n"
         "<ATTRIBUTE NAME=\"Variable\" VALUE=\"" +
         variable + "\"/>\n" + timer + "\n</TASK>\n";
}

}  // namespace taskweave::testing
