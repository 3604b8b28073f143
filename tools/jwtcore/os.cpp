// tools/jwtcore/os.cpp: the POSIX side of the tool (see os.hpp).
#include "os.hpp"

#include <fcntl.h>   // open, O_* flags
#include <unistd.h>  // read, write, close

#include <cerrno>   // errno, EINTR
#include <cstdlib>  // std::getenv
#include <cstring>  // std::memcpy, std::strerror
#include <ctime>    // std::time
#include <utility>  // std::move

#if defined(__linux__)
#include <sys/random.h>  // getrandom(2)
#endif

#include <jwtcore/bytes.hpp>  // jwtcore::secure_wipe

namespace jwtcore_cli {

void wiping_buffer::reserve_more(std::size_t extra) {
  if (capacity_ - size_ >= extra) return;
  std::size_t capacity = capacity_ < 64 ? 64 : capacity_;
  while (capacity - size_ < extra) capacity *= 2;
  std::unique_ptr<char[]> grown(new char[capacity]);
  if (size_ > 0) std::memcpy(grown.get(), data_.get(), size_);
  if (capacity_ > 0) jwtcore::secure_wipe(data_.get(), capacity_);
  data_ = std::move(grown);
  capacity_ = capacity;
}

void wiping_buffer::append(std::string_view bytes) {
  reserve_more(bytes.size());
  if (!bytes.empty()) std::memcpy(spare(), bytes.data(), bytes.size());
  commit(bytes.size());
}

void wiping_buffer::shrink(std::size_t n) noexcept {
  if (n >= size_) return;
  jwtcore::secure_wipe(data_.get() + n, size_ - n);
  size_ = n;
}

void wiping_buffer::clear() noexcept {
  if (capacity_ > 0) jwtcore::secure_wipe(data_.get(), capacity_);
  data_.reset();
  size_ = capacity_ = 0;
}

namespace {

std::string error_text(int code) { return std::strerror(code); }

// One read(2), retried when a signal interrupts it.
std::ptrdiff_t read_some(int fd, char* out, std::size_t size, std::string& why) {
  for (;;) {
    const ssize_t got = ::read(fd, out, size);
    if (got >= 0) return got;
    if (errno != EINTR) {
      why = error_text(errno);
      return -1;
    }
  }
}

// Reads fd to its end into out, refusing more than `limit` bytes.
bool read_fd(int fd, std::size_t limit, wiping_buffer& out, std::string& why) {
  for (;;) {
    out.reserve_more(4096);
    const std::ptrdiff_t got = read_some(fd, out.spare(), out.spare_size(), why);
    if (got < 0) return false;
    if (got == 0) return true;
    out.commit(static_cast<std::size_t>(got));
    if (out.size() > limit) {
      why = "larger than " + std::to_string(limit) + " bytes";
      return false;
    }
  }
}

}  // namespace

bool read_all(std::string_view path, std::size_t limit, wiping_buffer& out, std::string& why) {
  if (path == "-") return read_fd(STDIN_FILENO, limit, out, why);
  const std::string name(path);
  int fd = -1;
  do {
    fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    why = error_text(errno);
    return false;
  }
  const bool ok = read_fd(fd, limit, out, why);
  ::close(fd);
  return ok;
}

std::ptrdiff_t read_stdin(char* out, std::size_t size, std::string& why) {
  return read_some(STDIN_FILENO, out, size, why);
}

bool read_environment(std::string_view name, wiping_buffer& out) {
  const std::string variable(name);
  const char* value = std::getenv(variable.c_str());
  if (value == nullptr) return false;
  out.append(value);
  return true;
}

bool random_bytes(std::uint8_t* out, std::size_t n, std::string& why) {
#if defined(__linux__)
  std::size_t done = 0;
  while (done < n) {
    const ssize_t got = ::getrandom(out + done, n - done, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      why = "getrandom: " + error_text(errno);
      return false;
    }
    done += static_cast<std::size_t>(got);
  }
  return true;
#else
  // getentropy(3) (BSDs, macOS): at most 256 bytes per call.
  for (std::size_t done = 0; done < n;) {
    const std::size_t chunk = n - done < 256 ? n - done : 256;
    if (::getentropy(out + done, chunk) != 0) {
      why = "getentropy: " + error_text(errno);
      return false;
    }
    done += chunk;
  }
  return true;
#endif
}

std::int64_t unix_now() { return static_cast<std::int64_t>(std::time(nullptr)); }

bool append_to_file(std::string_view path, std::string_view line, std::string& why) {
  const std::string name(path);
  int fd = -1;
  do {
    fd = ::open(name.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    why = error_text(errno);
    return false;
  }
  std::size_t done = 0;
  bool ok = true;
  while (done < line.size()) {
    const ssize_t put = ::write(fd, line.data() + done, line.size() - done);
    if (put < 0) {
      if (errno == EINTR) continue;
      why = error_text(errno);
      ok = false;
      break;
    }
    done += static_cast<std::size_t>(put);
  }
  if (::close(fd) != 0 && ok) {
    why = error_text(errno);
    ok = false;
  }
  return ok;
}

}  // namespace jwtcore_cli
