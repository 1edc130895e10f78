// The one arena behind every record: alignment, stable addresses, and reset() that keeps memory
// flat (a scratch arena reset between records must not grow).
#include <openness/arena.h>
#include <openness/record.h>

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

using openness::Arena;

TEST_CASE("arena: values of any type, aligned, at stable addresses", "[arena]") {
  Arena a(256);
  const char* c = a.alloc<char>(3);
  const double* d = a.one(2.5);
  CHECK(reinterpret_cast<std::uintptr_t>(d) % alignof(double) == 0);
  CHECK(*d == 2.5);
  CHECK(c != nullptr);
  const std::string_view s = a.store("hello");
  // Growing past many chunks leaves earlier values where they were.
  std::vector<openness::Alias> many(100, openness::Alias{"x", "huggingface", "src"});
  for (int i = 0; i < 50; ++i) (void)a.copy(many);
  CHECK(*d == 2.5);
  CHECK(s == "hello");
  const auto span = a.copy(many);
  CHECK(span.size() == 100);
  CHECK(span[99].kind == "huggingface");
  CHECK(a.copy(std::vector<int>{}).empty());
  CHECK(a.store("").empty());
  // A value larger than the chunk size gets a chunk of its own.
  const auto big = a.alloc<std::uint64_t>(1000);
  big[999] = 7;
  CHECK(big[999] == 7);
}

TEST_CASE("arena: reset forgets everything and keeps memory flat", "[arena]") {
  // Every kind of record part, as Dataset::Storage allocates them for one record; before the
  // single arena, reset() cleared every pool but the availabilities', which grew record by record.
  Arena a(1024);
  std::size_t reserved = 0;
  for (int round = 0; round < 200; ++round) {
    (void)a.one(openness::Availability{});
    (void)a.one(openness::OsiValidation{});
    (void)a.copy(std::vector<openness::Alias>(5));
    (void)a.copy(std::vector<std::string_view>(9));
    (void)a.store(std::string(300, 'x'));
    if (round == 0) reserved = a.bytes_reserved();
    CHECK(a.bytes_reserved() == reserved);
    a.reset();
    CHECK(a.bytes_used() == 0);
  }
}
