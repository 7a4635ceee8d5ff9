#pragma once
// Decoding that leaves the fields of a top-level record for later: the
// dhall-kubernetes package is 2.5 MB of CBOR, a record of about 1,100
// schemas and types, and a render reads a handful (docs/binary.md, "Lazy
// decoding").
#include "binary/shared_bytes.h"
#include "syntax/expr.h"

namespace polar::dhall {

// The expression `bytes` encode. When it is a record literal or a record
// type, its field names are read now and each field's expression is decoded
// when first read (a Deferred node); anything else is decoded at once, as
// decode() does. For bytes a hash vouches for (integrity-cache entries):
// a malformed field throws Error(ErrorKind::decode) only when it is read,
// and, decoded alone, its nesting counts from the field.
ExprPtr decode_lazily(const SharedBytes& bytes);

} // namespace polar::dhall
