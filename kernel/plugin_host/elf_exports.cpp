#include "plugin_host/elf_exports.h"

#include <elf.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <cstring>
#include <string_view>

namespace taskweave::plugin_host {
namespace {

#if defined(__x86_64__)
constexpr int kHostMachine = EM_X86_64;
#elif defined(__aarch64__)
constexpr int kHostMachine = EM_AARCH64;
#else
constexpr int kHostMachine = EM_NONE;  // unknown: leave the machine check to dlopen()
#endif

// A read-only file with bounds-checked positional reads.
class File {
 public:
  explicit File(const std::filesystem::path& path) : fd_(::open(path.c_str(), O_RDONLY)) {
    open_errno_ = errno;
    struct stat st {};
    if (fd_ >= 0 && ::fstat(fd_, &st) == 0) size_ = static_cast<uint64_t>(st.st_size);
  }
  ~File() {
    if (fd_ >= 0) ::close(fd_);
  }
  File(const File&) = delete;
  File& operator=(const File&) = delete;

  bool is_open() const { return fd_ >= 0; }
  int open_errno() const { return open_errno_; }
  uint64_t size() const { return size_; }
  bool contains(uint64_t offset, uint64_t length) const {
    return offset <= size_ && length <= size_ - offset;
  }
  // Reads exactly `length` bytes at `offset`; false when they are not all in the file.
  bool read(uint64_t offset, void* out, uint64_t length) const {
    if (!contains(offset, length)) return false;
    auto* p = static_cast<char*>(out);
    while (length > 0) {
      ssize_t n = ::pread(fd_, p, length, static_cast<off_t>(offset));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      p += n;
      offset += static_cast<uint64_t>(n);
      length -= static_cast<uint64_t>(n);
    }
    return true;
  }

 private:
  int fd_;
  int open_errno_ = 0;
  uint64_t size_ = 0;
};

ElfExports failure(std::string message) { return ElfExports{{}, std::move(message)}; }

// Checks the identification and header; returns an error message, or "" when usable.
std::string check_header(const File& file, const Elf64_Ehdr& h) {
  if (h.e_ident[EI_CLASS] != ELFCLASS64)
    return "a 32-bit ELF object; this host loads 64-bit plugins only";
  const int host_data = std::endian::native == std::endian::little ? ELFDATA2LSB : ELFDATA2MSB;
  if (h.e_ident[EI_DATA] != host_data) return "an ELF object with the wrong byte order";
  if (h.e_type != ET_DYN)
    return "an ELF object that is not a shared library (ELF type " + std::to_string(h.e_type) + ")";
  if (kHostMachine != EM_NONE && h.e_machine != kHostMachine)
    return "built for another processor (ELF machine " + std::to_string(h.e_machine) +
           ", this host is " + std::to_string(kHostMachine) + ")";
  if (h.e_shnum == 0 || h.e_shentsize != sizeof(Elf64_Shdr) ||
      !file.contains(h.e_shoff, uint64_t{h.e_shnum} * sizeof(Elf64_Shdr)))
    return "a truncated or malformed ELF object (no readable section header table)";
  return "";
}

bool exported(const Elf64_Sym& s) {
  const int bind = ELF64_ST_BIND(s.st_info);
  const int visibility = ELF64_ST_VISIBILITY(s.st_other);
  return s.st_shndx != SHN_UNDEF && s.st_name != 0 &&
         (bind == STB_GLOBAL || bind == STB_WEAK || bind == STB_GNU_UNIQUE) &&
         (visibility == STV_DEFAULT || visibility == STV_PROTECTED);
}

}  // namespace

ElfExports read_elf_exports(const std::filesystem::path& path) {
  File file(path);
  if (!file.is_open())
    return failure(std::string("cannot read the file: ") + std::strerror(file.open_errno()));
  unsigned char magic[SELFMAG] = {};
  if (!file.read(0, magic, SELFMAG) || std::memcmp(magic, ELFMAG, SELFMAG) != 0)
    return failure(file.size() == 0 ? "an empty file, not an ELF shared library"
                                    : "not an ELF shared library (no ELF magic number)");
  Elf64_Ehdr header{};
  if (!file.read(0, &header, sizeof header))
    return failure("a truncated ELF object (" + std::to_string(file.size()) + " bytes)");
  if (std::string problem = check_header(file, header); !problem.empty()) return failure(problem);

  std::vector<Elf64_Shdr> sections(header.e_shnum);
  if (!file.read(header.e_shoff, sections.data(), sections.size() * sizeof(Elf64_Shdr)))
    return failure("a truncated ELF object (section headers cut off)");
  const Elf64_Shdr* dynsym = nullptr;
  for (const auto& s : sections)
    if (s.sh_type == SHT_DYNSYM) dynsym = &s;
  if (!dynsym) return failure("an ELF object without a dynamic symbol table");
  if (dynsym->sh_link >= sections.size() || sections[dynsym->sh_link].sh_type != SHT_STRTAB ||
      (dynsym->sh_entsize != 0 && dynsym->sh_entsize != sizeof(Elf64_Sym)))
    return failure("a malformed ELF object (bad dynamic symbol table header)");
  const Elf64_Shdr& strtab = sections[dynsym->sh_link];

  std::vector<Elf64_Sym> symbols(dynsym->sh_size / sizeof(Elf64_Sym));
  std::string names(strtab.sh_size, '\0');
  if (!file.read(dynsym->sh_offset, symbols.data(), symbols.size() * sizeof(Elf64_Sym)) ||
      !file.read(strtab.sh_offset, names.data(), names.size()))
    return failure("a truncated ELF object (dynamic symbol table cut off)");

  ElfExports out;
  for (const auto& s : symbols) {
    if (!exported(s) || s.st_name >= names.size()) continue;
    std::string_view rest = std::string_view(names).substr(s.st_name);
    out.symbols.emplace_back(rest.substr(0, rest.find('\0')));
  }
  return out;
}

}  // namespace taskweave::plugin_host
