// Reads the names a shared object exports from its ELF dynamic symbol table, without loading
// it, so the loader can tell a plugin from any other file before any of that file's code runs.
//
// Why not boost::dll::library_info: in Boost 1.74 (Debian 12) it reads the full .symtab, which
// `strip` removes, so every stripped plugin (packaged builds, `cmake --install --strip`) would
// look like "not a plugin"; it also picks the last string table in the file rather than the one
// the symbol table links to, and does not bound-check symbol name offsets, so a corrupt file
// can make it read out of bounds. This reader uses .dynsym -- what the dynamic linker itself
// resolves against -- and checks every offset and size against the file before using it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace taskweave::plugin_host {

struct ElfExports {
  std::vector<std::string> symbols;  // defined, exported (global/weak, default/protected)
  std::string error;                 // non-empty when the file is not a loadable ELF object
};

ElfExports read_elf_exports(const std::filesystem::path& file);

}  // namespace taskweave::plugin_host
