// The C boundary itself: what crosses it. No exception leaves a cs_* function, and every
// buffer handed out is malloc'ed so that cs_free (free) releases it, from any language.
#pragma once

#include <cstdlib>
#include <cstring>
#include <new>
#include <string_view>

#include "contrascreen/contrascreen.h"

namespace contrascreen::capi {

/// A NUL-terminated copy of `text` from malloc, for the caller to cs_free.
/// Throws std::bad_alloc when memory runs out.
inline char* c_string(std::string_view text) {
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) throw std::bad_alloc();
  if (!text.empty()) std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  return copy;
}

/// The caller's bytes (`data`, `length`; `data` may be null only when `length` is 0) as a
/// view that never holds a null pointer: the readers copy from it (memcpy, which a null
/// pointer makes undefined even for no bytes).
inline std::string_view caller_text(const char* data, std::size_t length) noexcept {
  return length == 0 ? std::string_view("") : std::string_view(data, length);
}

/// Runs `body` (which returns a cs_status) and turns any exception into a status: running
/// out of memory is CS_OUT_OF_MEMORY, anything else a bug (CS_INTERNAL_ERROR). `body`
/// sets its out-parameters only once nothing more can throw.
template <class Body>
cs_status guarded(Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return CS_OUT_OF_MEMORY;
  } catch (...) {
    return CS_INTERNAL_ERROR;
  }
}

}  // namespace contrascreen::capi
