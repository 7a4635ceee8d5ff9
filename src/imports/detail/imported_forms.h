#pragma once
// The normal forms imports resolved to, with what integrity checks compute
// from them. The normal form of a protected import holds the normal forms of
// its own imports as they are, shared: a dhall-kubernetes type file holds the
// types it imports, and types.dhall all of them. Remembering the α-normal
// form and the encoding of each import the first time a check needs them,
// every check α-normalizes and encodes only what is new and shares the rest,
// instead of walking the same trees once per level of the package
// (docs/imports.md, "Integrity checks").
#include <memory>
#include <unordered_map>
#include <vector>

#include "binary/encoding.h"
#include "syntax/expr.h"

namespace polar::dhall {

class ImportedForms {
public:
  // Records `value`, what an import resolved to: a β-normal form, or an
  // Embedded node (semantics/embedded.h), whose syntax is recorded once it
  // has been read back. It is closed: imports are type-checked in the empty
  // context.
  void add(const ExprPtr& value);
  // Whether `expr` is one of the recorded values or their α-normal forms.
  bool contains(const Expr& expr) const { return forms_.contains(&expr); }

  // The α-normal form of `expr`, taking those of the recorded values inside
  // it from earlier calls. An Embedded `expr` is read back first.
  ExprPtr alpha_normalize(const ExprPtr& expr);
  // The encoding of `expr`, splicing in the encodings of the recorded values
  // inside it from earlier calls (encode_shared). Remembered when `expr` is
  // recorded.
  EncodingPtr encode(const ExprPtr& expr);

private:
  struct Forms {
    ExprPtr value;        // keeps the address, the key, from being reused
    ExprPtr alpha_normal; // null until needed
    EncodingPtr encoding; // null until needed
  };

  // The syntax of an embedded import, read back now; every embedding read
  // back by then is recorded.
  ExprPtr syntax_of(const Embedded& node);

  std::unordered_map<const Expr*, Forms> forms_;
  // Recorded embeddings not read back yet.
  std::vector<std::shared_ptr<const Embedding>> pending_;
};

} // namespace polar::dhall
