// tools/jwtcore/os.hpp: every OS call of jwtcore (the library itself makes none):
// files and stdin, the environment, the clock and randomness (POSIX;
// getrandom(2) on Linux, getentropy(3) elsewhere). Secrets are read straight
// into a buffer that wipes itself, with no stdio buffer in between.
#ifndef JWTCORE_TOOLS_OS_HPP
#define JWTCORE_TOOLS_OS_HPP

#include <cstddef>      // std::size_t, std::ptrdiff_t
#include <cstdint>      // std::int64_t, std::uint8_t
#include <memory>       // std::unique_ptr
#include <string>       // reasons for failures
#include <string_view>  // paths and contents

namespace jwtcore_cli {

// A growable byte buffer that wipes (jwtcore::secure_wipe) every byte it ever
// held: on growth the old block is wiped before it is freed, and on
// destruction or clear() the whole capacity is. Not copyable or movable: a
// secret has one owner and stays where it was read.
class wiping_buffer {
 public:
  wiping_buffer() = default;
  wiping_buffer(const wiping_buffer&) = delete;
  wiping_buffer& operator=(const wiping_buffer&) = delete;
  ~wiping_buffer() { clear(); }

  char* data() noexcept { return data_.get(); }
  std::size_t size() const noexcept { return size_; }
  std::string_view view() const noexcept { return std::string_view(data_.get(), size_); }

  // Makes room for `extra` more bytes after size().
  void reserve_more(std::size_t extra);
  // The bytes after size() that a read may fill; commit() adds them.
  char* spare() noexcept { return data_.get() + size_; }
  std::size_t spare_size() const noexcept { return capacity_ - size_; }
  void commit(std::size_t n) noexcept { size_ += n; }
  void append(std::string_view bytes);
  // Drops the last bytes down to `n`, wiping them.
  void shrink(std::size_t n) noexcept;
  void clear() noexcept;

 private:
  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

// Reads all of the file at `path`, or of stdin when path is "-", into `out`.
// False with a reason (strerror, or "larger than N bytes") on failure.
bool read_all(std::string_view path, std::size_t limit, wiping_buffer& out, std::string& why);

// Reads what stdin has, up to `size` bytes, into `out`: the count, 0 at its
// end, or -1 with a reason.
std::ptrdiff_t read_stdin(char* out, std::size_t size, std::string& why);

// Copies the value of environment variable `name` into `out`; false when unset.
bool read_environment(std::string_view name, wiping_buffer& out);

// Fills out[0, n) from the OS's cryptographic random source; false with a
// reason when it fails (then nothing random may be used).
bool random_bytes(std::uint8_t* out, std::size_t n, std::string& why);

// Seconds since the Unix epoch, from the system clock.
std::int64_t unix_now();

// Appends `line` (which should end in '\n') to the file at `path`, creating
// it when missing (mode 0644 before the umask), in one write(2) on an
// O_APPEND descriptor. False with a reason on failure.
bool append_to_file(std::string_view path, std::string_view line, std::string& why);

}  // namespace jwtcore_cli

#endif  // JWTCORE_TOOLS_OS_HPP
