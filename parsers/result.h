// Result<T>: the value of an operation that can fail in an expected way
// (a refused login, a database that is busy, a config key of the wrong type).
// Failures are values here, not exceptions; the caller decides what to do.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace deskd {

// What went wrong, for a person: a short message, and a machine-usable kind.
struct Error {
  enum class Kind { kInvalid, kNotFound, kTemporary, kIo, kConfig, kInternal };
  Kind kind = Kind::kInternal;
  std::string message;

  static Error Invalid(std::string m) { return {Kind::kInvalid, std::move(m)}; }
  static Error NotFound(std::string m) { return {Kind::kNotFound, std::move(m)}; }
  static Error Temporary(std::string m) { return {Kind::kTemporary, std::move(m)}; }
  static Error Io(std::string m) { return {Kind::kIo, std::move(m)}; }
  static Error Config(std::string m) { return {Kind::kConfig, std::move(m)}; }
  static Error Internal(std::string m) { return {Kind::kInternal, std::move(m)}; }
};

// Either a T or an Error. Shaped like std::expected (C++23) so that it can be
// swapped for it later.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}           // NOLINT: implicit on purpose
  Result(Error error) : v_(std::move(error)) {}       // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Result of an operation with no value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)) {}   // NOLINT
  static Status Ok() { return Status(); }
  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace deskd

// The one early return of deskd: when `expr` (a Result or a Status) failed,
// the enclosing function returns its Error.
#define DESKD_TRY(expr)                                  \
  do {                                                   \
    auto deskd_try_ = (expr);                            \
    if (!deskd_try_.ok()) return deskd_try_.error();     \
  } while (0)

// `lhs` = the value of the Result `expr`, or the enclosing function returns
// its Error: DESKD_TRY_ASSIGN(auto rows, store.Events(n));
#define DESKD_TRY_ASSIGN(lhs, expr) \
  DESKD_TRY_ASSIGN_IMPL_(DESKD_TRY_CONCAT_(deskd_result_, __LINE__), lhs, expr)
#define DESKD_TRY_ASSIGN_IMPL_(result, lhs, expr) \
  auto result = (expr);                           \
  if (!result.ok()) return result.error();        \
  lhs = std::move(*result)
#define DESKD_TRY_CONCAT_(a, b) DESKD_TRY_CONCAT_IMPL_(a, b)
#define DESKD_TRY_CONCAT_IMPL_(a, b) a##b
