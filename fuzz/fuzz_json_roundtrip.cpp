// fuzz/fuzz_json_roundtrip.cpp: the input is a program of json_writer calls.
// A model of the writer's documented contract predicts the outcome: the
// first misuse or invalid UTF-8 is the error finish() reports (invalid UTF-8
// is always refused), and otherwise the text must parse with the strict reader
// to exactly the values written. The program is run again into a smaller
// buffer: the same text when it fits, buffer_too_small otherwise, and never a
// write past the end.
#include <cstddef>      // std::size_t
#include <cstdint>      // fixed-width integers
#include <cstring>      // std::memcmp
#include <memory>       // exact-size heap buffers, so ASan sees any overrun
#include <set>          // duplicate member names
#include <string>       // model strings
#include <string_view>  // program strings are views into the input
#include <utility>      // std::pair
#include <vector>       // the program and the model tree

#include <jwtcore/json_reader.hpp>
#include <jwtcore/json_writer.hpp>

#include "fuzz_support.hpp"

namespace {

enum class op_kind : std::uint8_t {
  begin_object, end_object, begin_array, end_array, key, string, integer, unsigned_integer,
  boolean, null, begin_string, append_to_string, end_string, count
};

struct op {
  op_kind kind;
  std::string_view text;
  std::uint64_t number = 0;
};

struct node {
  jwtcore::json_kind kind = jwtcore::json_kind::none;
  std::string text;     // strings: the bytes; numbers: the decimal text
  bool is_signed = true;
  std::int64_t number = 0;
  std::vector<std::pair<std::string, std::size_t>> members;  // indices into the pool
  std::vector<std::size_t> elements;
  bool duplicate_name = false;
};

struct frame {
  bool object;
  std::size_t node;
  bool expecting_value = false;
  std::string pending_key;
  std::set<std::string> names;
};

// The writer's contract, as its header states it.
class model {
 public:
  std::vector<node> pool;
  bool has_error = false;
  jwtcore::error error = jwtcore::error::buffer_too_small;
  bool done = false;
  bool in_string = false;
  std::vector<frame> stack;
  std::size_t root = 0;
  std::size_t open_string = 0;

  void fail(jwtcore::error e) {
    if (!has_error) has_error = true, error = e;
  }

  // Validity of a value here; on success, the node it becomes.
  bool begin_value(node n, std::size_t& index) {
    if (in_string) return fail(jwtcore::error::json_writer_misuse), false;
    if (stack.empty()) {
      if (done) return fail(jwtcore::error::json_writer_misuse), false;
    } else if (stack.back().object && !stack.back().expecting_value) {
      return fail(jwtcore::error::json_writer_misuse), false;
    }
    index = pool.size();
    pool.push_back(std::move(n));
    if (stack.empty()) {
      done = true;
      root = index;
    } else if (stack.back().object) {
      frame& f = stack.back();
      f.expecting_value = false;
      if (!f.names.insert(f.pending_key).second) pool[f.node].duplicate_name = true;
      pool[f.node].members.emplace_back(f.pending_key, index);
    } else {
      pool[stack.back().node].elements.push_back(index);
    }
    return true;
  }

  void apply(const op& o) {
    if (has_error) return;
    std::size_t index = 0;
    node n;
    switch (o.kind) {
      case op_kind::begin_object:
      case op_kind::begin_array: {
        const bool object = o.kind == op_kind::begin_object;
        n.kind = object ? jwtcore::json_kind::object : jwtcore::json_kind::array;
        if (!begin_value(std::move(n), index)) return;
        if (stack.size() == jwtcore::json_writer::max_depth) return fail(jwtcore::error::json_writer_misuse);
        stack.push_back(frame{object, index, false, {}, {}});
        return;
      }
      case op_kind::end_object:
      case op_kind::end_array: {
        const bool object = o.kind == op_kind::end_object;
        if (stack.empty() || in_string || stack.back().object != object || stack.back().expecting_value) {
          return fail(jwtcore::error::json_writer_misuse);
        }
        stack.pop_back();
        return;
      }
      case op_kind::key:
        if (stack.empty() || in_string || !stack.back().object || stack.back().expecting_value) {
          return fail(jwtcore::error::json_writer_misuse);
        }
        if (!fuzz::valid_utf8(o.text)) return fail(jwtcore::error::bad_utf8);
        stack.back().pending_key = std::string(o.text);
        stack.back().expecting_value = true;
        return;
      case op_kind::string:
        n.kind = jwtcore::json_kind::string;
        n.text = std::string(o.text);
        if (!begin_value(std::move(n), index)) return;
        if (!fuzz::valid_utf8(o.text)) return fail(jwtcore::error::bad_utf8);
        return;
      case op_kind::integer:
        n.kind = jwtcore::json_kind::number;
        n.number = static_cast<std::int64_t>(o.number);
        n.text = std::to_string(n.number);
        begin_value(std::move(n), index);
        return;
      case op_kind::unsigned_integer:
        n.kind = jwtcore::json_kind::number;
        n.is_signed = false;
        n.text = std::to_string(o.number);
        begin_value(std::move(n), index);
        return;
      case op_kind::boolean:
        n.kind = (o.number & 1) != 0 ? jwtcore::json_kind::true_value : jwtcore::json_kind::false_value;
        begin_value(std::move(n), index);
        return;
      case op_kind::null:
        n.kind = jwtcore::json_kind::null_value;
        begin_value(std::move(n), index);
        return;
      case op_kind::begin_string:
        n.kind = jwtcore::json_kind::string;
        if (!begin_value(std::move(n), index)) return;
        in_string = true;
        open_string = index;
        return;
      case op_kind::append_to_string:
        if (!in_string) return fail(jwtcore::error::json_writer_misuse);
        // Each piece is checked on its own: a piece must be whole UTF-8.
        if (!fuzz::valid_utf8(o.text)) return fail(jwtcore::error::bad_utf8);
        pool[open_string].text += o.text;
        return;
      case op_kind::end_string:
        if (!in_string) return fail(jwtcore::error::json_writer_misuse);
        in_string = false;
        return;
      case op_kind::count: break;
    }
  }

  // What finish() must say.
  bool finished_ok() const { return !has_error && stack.empty() && done && !in_string; }
  jwtcore::error finish_error() const { return has_error ? error : jwtcore::error::json_writer_misuse; }
};

void run(const std::vector<op>& program, jwtcore::json_writer& w) {
  for (const op& o : program) {
    switch (o.kind) {
      case op_kind::begin_object: w.begin_object(); break;
      case op_kind::end_object: w.end_object(); break;
      case op_kind::begin_array: w.begin_array(); break;
      case op_kind::end_array: w.end_array(); break;
      case op_kind::key: w.key(o.text); break;
      case op_kind::string: w.string(o.text); break;
      case op_kind::integer: w.integer(static_cast<std::int64_t>(o.number)); break;
      case op_kind::unsigned_integer: w.unsigned_integer(o.number); break;
      case op_kind::boolean: w.boolean((o.number & 1) != 0); break;
      case op_kind::null: w.null(); break;
      case op_kind::begin_string: w.begin_string(); break;
      case op_kind::append_to_string: w.append_to_string(o.text); break;
      case op_kind::end_string: w.end_string(); break;
      case op_kind::count: break;
    }
  }
}

void compare(const model& m, const jwtcore::json_value& v, std::size_t index) {
  const node& n = m.pool[index];
  FUZZ_CHECK(v.kind() == n.kind);
  switch (n.kind) {
    case jwtcore::json_kind::string: {
      std::unique_ptr<char[]> out(new char[n.text.size() + 1]);
      const jwtcore::result<std::size_t> decoded = v.decode_string(out.get(), n.text.size());
      FUZZ_CHECK(decoded && std::string_view(out.get(), *decoded) == n.text);
      break;
    }
    case jwtcore::json_kind::number: {
      FUZZ_CHECK(v.raw() == n.text);
      const jwtcore::result<std::int64_t> i = v.as_int64();
      if (n.is_signed) {
        FUZZ_CHECK(i && *i == n.number);
      } else {
        FUZZ_CHECK(i.has_value() == (n.text.size() < 19 || (n.text.size() == 19 && n.text <= "9223372036854775807")));
      }
      break;
    }
    case jwtcore::json_kind::object: {
      std::size_t count = 0;
      for (const jwtcore::json_member& member : v.members()) {
        FUZZ_CHECK(count < n.members.size());
        FUZZ_CHECK(member.name.string_equals(n.members[count].first));
        compare(m, member.value, n.members[count].second);
        ++count;
      }
      FUZZ_CHECK(count == n.members.size());
      break;
    }
    case jwtcore::json_kind::array: {
      std::size_t count = 0;
      for (const jwtcore::json_value& element : v.elements()) {
        FUZZ_CHECK(count < n.elements.size());
        compare(m, element, n.elements[count]);
        ++count;
      }
      FUZZ_CHECK(count == n.elements.size());
      break;
    }
    default: break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::byte_reader in(data, size);
  const std::uint8_t small_capacity_share = in.u8();
  std::vector<op> program;
  while (!in.empty()) {
    op o{static_cast<op_kind>(in.u8() % static_cast<std::uint8_t>(op_kind::count)), {}, 0};
    if (o.kind == op_kind::key || o.kind == op_kind::string || o.kind == op_kind::append_to_string) {
      o.text = in.short_string();
    } else if (o.kind == op_kind::integer || o.kind == op_kind::unsigned_integer) {
      o.number = in.u64();
    } else if (o.kind == op_kind::boolean) {
      o.number = in.u8();
    }
    program.push_back(o);
  }

  model m;
  for (const op& o : program) m.apply(o);
  // Close what the program left open, so that most programs make a document.
  if (!m.has_error) {
    const auto add = [&](op o) {
      program.push_back(o);
      m.apply(o);
    };
    if (m.in_string) add(op{op_kind::end_string, {}, 0});
    while (!m.stack.empty() && !m.has_error) {
      if (m.stack.back().expecting_value) add(op{op_kind::null, {}, 0});
      add(op{m.stack.back().object ? op_kind::end_object : op_kind::end_array, {}, 0});
    }
  }

  // Every call writes at most 6 bytes per input byte plus a few more.
  const std::size_t capacity = 6 * size + 32 * program.size() + 16;
  std::unique_ptr<char[]> out(new char[capacity]);
  jwtcore::json_writer writer(out.get(), capacity);
  run(program, writer);
  const jwtcore::result<std::size_t> written = writer.finish();
  FUZZ_CHECK(written.has_value() == m.finished_ok());
  if (!written) {
    FUZZ_CHECK(written.error() == m.finish_error());
  } else {
    FUZZ_CHECK(*written == writer.size() && *written <= capacity);
    const std::string_view text(out.get(), *written);
    FUZZ_CHECK(fuzz::valid_utf8(text));
    jwtcore::json_limits limits;
    limits.max_members = size + 1;
    const jwtcore::result<jwtcore::json_value> parsed = jwtcore::json_parse(text, limits);
    bool duplicate = false;
    for (const node& n : m.pool) duplicate = duplicate || n.duplicate_name;
    if (duplicate) {
      FUZZ_CHECK(!parsed && parsed.error() == jwtcore::error::duplicate_member);
    } else {
      FUZZ_CHECK(parsed.has_value());
      compare(m, *parsed, m.root);
    }
  }

  // Again, into a buffer that may be too small.
  const std::size_t reference_size = written ? *written : writer.size();
  const std::size_t small = reference_size * small_capacity_share / 255;
  std::unique_ptr<char[]> small_out(new char[small + 1]);
  jwtcore::json_writer small_writer(small_out.get(), small);
  run(program, small_writer);
  const jwtcore::result<std::size_t> small_written = small_writer.finish();
  FUZZ_CHECK(small_writer.size() <= small);
  if (written) {
    if (small >= *written) {
      FUZZ_CHECK(small_written && *small_written == *written);
      FUZZ_CHECK(std::memcmp(small_out.get(), out.get(), *written) == 0);
    } else {
      FUZZ_CHECK(!small_written && small_written.error() == jwtcore::error::buffer_too_small);
    }
  } else {
    FUZZ_CHECK(!small_written);
    FUZZ_CHECK(small_written.error() == written.error() ||
               small_written.error() == jwtcore::error::buffer_too_small);
  }
  return 0;
}
