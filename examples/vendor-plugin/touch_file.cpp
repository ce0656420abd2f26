// acme.touch_file: a vendor task type that writes a file.
//
// Attributes (both expanded for $$variables and $PM parameters first):
//   File     the file to write; a relative path is taken relative to the run's work directory
//   Content  what to write into it (optional, default empty)
// Under --dry-run it only says what it would write.
#include <taskweave/sdk.hpp>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

namespace sdk = taskweave::sdk;

namespace {

class TouchFile {
 public:
  tw_run_result run(sdk::Context& ctx) {
    auto file = ctx.expand(ctx.attribute("File").value_or(""));
    if (!file) return fail(ctx, "cannot expand the File attribute: " + file.error());
    if (file->empty()) return fail(ctx, "the File attribute is missing or empty");
    auto content = ctx.expand(ctx.attribute("Content").value_or(""));
    if (!content) return fail(ctx, "cannot expand the Content attribute: " + content.error());

    std::filesystem::path path(*file);
    if (path.is_relative()) path = std::filesystem::path(ctx.dir(TW_DIR_WORK)) / path;
    const std::string what = std::to_string(content->size()) + " bytes to " + path.string();
    if (ctx.dry_run()) {
      ctx.describe("would write " + what);
      return TW_RUN_SUCCEEDED;
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << *content;
    out.close();
    if (!out) return fail(ctx, "cannot write '" + path.string() + "': " + std::strerror(errno));
    ctx.describe("wrote " + what);
    return TW_RUN_SUCCEEDED;
  }

 private:
  static tw_run_result fail(sdk::Context& ctx, const std::string& message) {
    ctx.fail(1, message);
    return TW_RUN_FAILED;
  }
};

}  // namespace

TASKWEAVE_PLUGIN("acme-touch", "1.0.0", "Acme Corp",
                 sdk::task_type<TouchFile>("acme.touch_file",
                                           "Writes the file named by its File attribute"))
