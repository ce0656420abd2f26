// Temporary files and child processes for the model tests that check outputs with external
// tools (python3's JSON schema checker, Graphviz).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace taskweave::model::testing {

// A fresh directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path write(const std::string& name, const std::string& contents) const;

 private:
  std::filesystem::path path_;
};

// Runs a program with arguments (no shell involved); returns its exit status, or -1 if it
// could not be started. Its output goes to `output_file` when one is given.
int run_program(const std::vector<std::string>& argv, const std::string& output_file = "");

// Every *.xml / *.XML file of the corpus, sorted; empty when the corpus is absent.
std::vector<std::filesystem::path> corpus_files();

}  // namespace taskweave::model::testing
