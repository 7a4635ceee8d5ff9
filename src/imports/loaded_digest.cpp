// The semantic hash of a loaded expression, streamed from its value.
#include "binary/encode.h"
#include "binary/hash.h"
#include "imports/load.h"
#include "semantics/normal_form_pieces.h"

namespace polar::dhall {
namespace {

class EncodedPieces final : public NormalFormPieces {
public:
  explicit EncodedPieces(ByteSink& sink) : encoder_(sink) {}
  void record_literal(std::size_t size) override { encoder_.record_literal(size); }
  void field(Label name) override { encoder_.field(name); }
  void list_literal(std::size_t size) override { encoder_.list_literal(size); }
  void some() override { encoder_.some(); }
  void injection(const ExprPtr& union_type, Label tag) override {
    encoder_.injection(union_type, tag);
  }
  void piece(const ExprPtr& normal_form) override { encoder_.piece(normal_form); }
  void finish() { encoder_.finish(); }

private:
  PieceEncoder encoder_;
};

} // namespace

Sha256 semantic_digest(const Loaded& loaded) {
  Sha256Sink sink;
  EncodedPieces pieces(sink);
  read_back_in_pieces(loaded.value, pieces);
  pieces.finish();
  return std::move(sink).digest();
}

} // namespace polar::dhall
