// Reading a whole file for the mail library (attachments, the password file).
#pragma once

#include <filesystem>
#include <string>

namespace taskweave::plugins::mail {

// The file's bytes in `out`; on failure returns the reason ("" on success).
std::string read_file_bytes(const std::filesystem::path& file, std::string& out);

}  // namespace taskweave::plugins::mail
