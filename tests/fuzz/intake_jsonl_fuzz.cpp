// Fuzz target: a JSON Lines batch through screen_batch (chunk reader, JSON reader,
// screening, the output writers).
#include "batch_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  contrascreen::fuzz::run_batch(data, size, contrascreen::BatchFormat::jsonl);
  return 0;
}
