// JsonIntakeReader: the fast path for the common shape of an intake, and the full reader
// for everything else (and for every error).
#include "contrascreen/intake_reader.hpp"

#include <stdexcept>

#include "io/intake_json_flat.hpp"
#include "io/intake_json_full.hpp"

namespace contrascreen {

struct JsonIntakeReader::Impl {
  explicit Impl(std::shared_ptr<const Catalogue> c)
      : catalogue(c ? std::move(c) : throw std::invalid_argument("JsonIntakeReader: the catalogue must not be null")),
        flat(*catalogue),
        full(catalogue) {}

  std::shared_ptr<const Catalogue> catalogue;  // before flat, which refers to it
  io::FlatJsonReader flat;
  io::FullJsonReader full;
};

JsonIntakeReader::JsonIntakeReader(std::shared_ptr<const Catalogue> catalogue)
    : impl_(std::make_unique<Impl>(std::move(catalogue))) {}
JsonIntakeReader::~JsonIntakeReader() = default;
JsonIntakeReader::JsonIntakeReader(JsonIntakeReader&&) noexcept = default;
JsonIntakeReader& JsonIntakeReader::operator=(JsonIntakeReader&&) noexcept = default;

bool JsonIntakeReader::parse(std::string_view json, Intake& out, std::vector<Diagnostic>& diagnostics,
                             std::string_view name, std::uint32_t first_line) {
  out.clear();
  if (impl_->flat.read(json, out)) return true;
  return impl_->full.parse(json, out, diagnostics, name, first_line);  // clears `out` again
}

}  // namespace contrascreen
