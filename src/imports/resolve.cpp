#include "imports/detail/resolve.h"

#include "imports/detail/resolver.h"

namespace polar::dhall {

ExprPtr resolve_imports(const ExprPtr& expr, const std::filesystem::path& base,
                        const LoadOptions& options) {
  ImportResolver resolver(options);
  auto on_disk = base.is_relative() && !options.working_directory.empty()
                     ? options.working_directory / base
                     : base;
  return resolver.resolve(expr, local_import_from_path(base), file_identity(on_disk));
}

} // namespace polar::dhall
