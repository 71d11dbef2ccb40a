// Fuzz target: a CSV batch through screen_batch (record splitting with quotes, header,
// cell parsing, screening, the output writers).
#include "batch_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  contrascreen::fuzz::run_batch(data, size, contrascreen::BatchFormat::csv);
  return 0;
}
