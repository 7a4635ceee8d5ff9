#!/usr/bin/env bash
# check_output_kinds.sh <polar-helm> <work-dir>
# --output replaces only regular files (issue #14 item 2): a symlink is written through to its
# target, a FIFO or a device is written as a stream and stays what it is, a directory is an
# error, and --depfile naming the same file as --output is a usage error.
source "$(dirname "$0")/lib.sh"
polar_helm=$1 work=$2
fresh_dir "$work"
reader=
trap '[ -z "$reader" ] || kill "$reader" 2>/dev/null || true' EXIT
printf '%s\n' '{ a = 1 }' >"$work/input.dhall"
printf 'a: 1\n' >"$work/expected.yaml"

# A symlink to a regular file: the target gets the output (atomically), the link stays.
echo "old" >"$work/target.yaml"
ln -s target.yaml "$work/link.yaml"
"$polar_helm" render --file "$work/input.dhall" --output "$work/link.yaml"
[ -L "$work/link.yaml" ] || fail "the symlink was replaced"
same_bytes "$work/expected.yaml" "$work/target.yaml"

# A chain of symlinks, the last one dangling: the file is created where the chain ends.
mkdir -p "$work/elsewhere"
ln -s elsewhere/second.yaml "$work/first.yaml"
ln -s created.yaml "$work/elsewhere/second.yaml"
"$polar_helm" render --file "$work/input.dhall" --output "$work/first.yaml"
[ -L "$work/first.yaml" ] && [ -L "$work/elsewhere/second.yaml" ] || fail "a link was replaced"
same_bytes "$work/expected.yaml" "$work/elsewhere/created.yaml"

# A FIFO: written as a stream to its reader, and still a FIFO afterwards.
mkfifo "$work/fifo"
cat "$work/fifo" >"$work/from_fifo.yaml" &
reader=$!
expect_exit_stderr 0 "$work/fifo.stderr" "$polar_helm" render --file "$work/input.dhall" --output "$work/fifo"
[ -p "$work/fifo" ] || fail "the FIFO was replaced by a file"
wait "$reader"
reader=
same_bytes "$work/expected.yaml" "$work/from_fifo.yaml"

# /dev/stdout names the open standard output: a pipe gets the stream, a file opened for
# appending keeps what it held.
"$polar_helm" render --file "$work/input.dhall" --output /dev/stdout | cat >"$work/piped.yaml"
same_bytes "$work/expected.yaml" "$work/piped.yaml"
echo "kept: true" >"$work/appended.yaml"
"$polar_helm" render --file "$work/input.dhall" --output /dev/stdout >>"$work/appended.yaml"
printf 'kept: true\na: 1\n' >"$work/expected_appended.yaml"
same_bytes "$work/expected_appended.yaml" "$work/appended.yaml"

# A character device (a private one; only root can make it): written to, never replaced.
if mknod "$work/null" c 1 3 2>/dev/null; then
  "$polar_helm" render --file "$work/input.dhall" --output "$work/null"
  [ -c "$work/null" ] || fail "the character device was replaced"
fi

# A directory: an error that says so, and nothing written into or next to it.
mkdir "$work/folder"
expect_exit_stderr 3 "$work/folder.stderr" \
  "$polar_helm" render --file "$work/input.dhall" --output "$work/folder"
grep -q 'is a directory' "$work/folder.stderr" || fail "directory: $(cat "$work/folder.stderr")"
[ -d "$work/folder" ] && [ -z "$(ls -A "$work/folder")" ] || fail "the directory was touched"
[ -z "$(find "$work" -name '.*tmp*')" ] || fail "a temporary file was left behind"

# --depfile naming the output, directly or through a symlink: a usage error, nothing written.
echo "old" >"$work/same.yaml"
ln -s same.yaml "$work/same_link.d"
expect_exit_stderr 2 "$work/same.stderr" "$polar_helm" render --file "$work/input.dhall" \
  --output "$work/same.yaml" --depfile "$work/same.yaml"
expect_exit_stderr 2 "$work/same.stderr" "$polar_helm" render --file "$work/input.dhall" \
  --output "$work/same.yaml" --depfile "$work/same_link.d"
grep -q 'depfile' "$work/same.stderr" || fail "same file: $(cat "$work/same.stderr")"
[ "$(cat "$work/same.yaml")" = "old" ] || fail "the output was written"
echo "ok"
