// fuzz/replay_main.cpp: a main() for builds without libFuzzer (GCC, MSVC, plain
// clang): runs LLVMFuzzerTestOneInput once over every file of the directories
// and files named on the command line, so the seed and regression corpora run
// as ordinary tests. Arguments starting with '-' (libFuzzer flags) are ignored.
#include <algorithm>   // std::sort, for a stable order
#include <cstddef>     // std::size_t
#include <cstdint>     // std::uint8_t
#include <cstdio>      // std::fprintf
#include <filesystem>  // walking the corpus directories
#include <fstream>     // reading each input
#include <iterator>    // std::istreambuf_iterator
#include <string>      // paths as text
#include <vector>      // the input bytes and the file list

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

bool read_file(const std::filesystem::path& path, std::vector<std::uint8_t>& bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (!arg.empty() && arg[0] == '-') continue;
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      for (const fs::directory_entry& entry : fs::recursive_directory_iterator(arg, ec)) {
        if (entry.is_regular_file(ec)) files.push_back(entry.path());
      }
      if (ec) {
        std::fprintf(stderr, "replay: cannot walk %s: %s\n", arg.c_str(), ec.message().c_str());
        return 2;
      }
    } else if (fs::is_regular_file(arg, ec)) {
      files.emplace_back(arg);
    } else {
      std::fprintf(stderr, "replay: no such file or directory: %s\n", arg.c_str());
      return 2;
    }
  }
  std::sort(files.begin(), files.end());

  // The empty input first, as libFuzzer does.
  LLVMFuzzerTestOneInput(nullptr, 0);
  std::vector<std::uint8_t> bytes;
  for (const fs::path& file : files) {
    if (!read_file(file, bytes)) {
      std::fprintf(stderr, "replay: cannot read %s\n", file.string().c_str());
      return 2;
    }
    // A copy of exactly the input's size, so that a read past its end is caught
    // by a sanitizer when there is one.
    std::vector<std::uint8_t> input(bytes);
    LLVMFuzzerTestOneInput(input.empty() ? nullptr : input.data(), input.size());
  }
  std::printf("replay: %zu inputs ran without a failure\n", files.size());
  return 0;
}
