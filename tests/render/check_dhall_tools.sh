#!/usr/bin/env bash
# check_dhall_tools.sh <polar-helm> <work-dir>
# The dhall tool's other commands (issue #21): diff, text, lint,
# to-directory-tree, and polar-helm installed as `dhall`.
source "$(dirname "$0")/lib.sh"
polar_helm=$1 work=$2
fresh_dir "$work"
cd "$work"

# expect_output <expected-file-contents> <command...>: stdout is exactly that.
expect_output() {
  local expected=$1
  shift
  local actual
  actual=$("$@") || true
  [ "$actual" = "$expected" ] || fail "$*: got [$actual], expected [$expected]"
}

# diff: the normal forms are compared, 0 when equivalent, 1 when not.
printf '{ replicas = 1 + 2, image = "app:1" }\n' >old.dhall
printf '{ replicas = 3, image = "app:2", debug = True }\n' >new.dhall
expect_exit 0 "$polar_helm" diff old.dhall '{ image = "app:1", replicas = 3 }'
expect_exit 1 "$polar_helm" diff old.dhall new.dhall
expect_output $'{ + debug = …\n,   image = "app:[-1-]{+2+}"\n, …\n}' \
  "$polar_helm" diff old.dhall new.dhall
expect_output $'{ …\n}' "$polar_helm" diff ./old.dhall old.dhall
expect_exit 1 "$polar_helm" diff old.dhall '{ broken'

# text: raw, no newline added; any other type is an annotation mismatch.
printf '"line 1\\nline \\"2\\""\n' >text.dhall
"$polar_helm" text --file text.dhall >text.out || fail "text"
printf 'line 1\nline "2"' >text.expected
same_bytes text.expected text.out
"$polar_helm" text --file text.dhall --output text.file || fail "text --output"
same_bytes text.expected text.file
expect_exit_stderr 1 text.err "$polar_helm" text --file old.dhall
grep -q "Expression doesn't match annotation" text.err || fail "text: $(cat text.err)"
grep -q '^+ Text' text.err || fail "text: no diff of the types: $(cat text.err)"

# lint: in place, header kept, --check names what it would change.
cat >lint.dhall <<'DHALL'
-- The values of the app.
-- Why the spare binding is there.
let unused = 1

let check = 1 + 1 === 2

in  { replicas = 2 }
DHALL
cp lint.dhall lint.original
expect_exit 1 "$polar_helm" lint --check lint.dhall
expect_output 'lint.dhall: not linted (polar-helm lint would change it)' \
  "$polar_helm" lint --check lint.dhall
same_bytes lint.original lint.dhall # --check wrote nothing
expect_exit 0 "$polar_helm" lint lint.dhall
head -n 1 lint.dhall | grep -qx -- '-- The values of the app.' || fail "lint lost the header"
grep -q unused lint.dhall && fail "lint kept the unused let"
# Laid out as format lays it out, in the file's own (ASCII) characters, comments kept.
grep -q 'assert : 1 + 1 === 2' lint.dhall || fail "lint did not make the assert: $(cat lint.dhall)"
grep -qx -- '-- Why the spare binding is there.' lint.dhall || fail "lint lost a comment: $(cat lint.dhall)"
expect_exit 0 "$polar_helm" format --check lint.dhall
expect_exit 0 "$polar_helm" lint --check lint.dhall
[ "$("$polar_helm" hash --file lint.dhall)" = "$("$polar_helm" hash --file lint.original)" ] ||
  fail "lint changed the meaning"
expect_exit 3 "$polar_helm" lint missing.dhall
printf '{ broken' >broken.dhall
expect_exit 1 "$polar_helm" lint broken.dhall
printf 'let a = 1 in 2\n' | "$polar_helm" lint >stdin.out || fail "lint stdin"
[ "$(cat stdin.out)" = 2 ] || fail "lint stdin: $(cat stdin.out)"

# to-directory-tree: the record form, atomically, never over others' files.
cat >tree.dhall <<'DHALL'
{ `README.md` = "# app\n", config = { `app.yaml` = Some "a: 1\n", absent = None Text }, `logo.bin` = 0x"89504E47" }
DHALL
"$polar_helm" to-directory-tree --file tree.dhall --output tree || fail "to-directory-tree"
[ "$(cat tree/README.md)" = '# app' ] || fail "README.md"
[ "$(cat tree/config/app.yaml)" = 'a: 1' ] || fail "config/app.yaml"
[ -e tree/config/absent ] && fail "None wrote a file"
[ "$(od -An -tx1 tree/logo.bin | tr -d ' \n')" = 89504e47 ] || fail "logo.bin"
# Its own files it may update; a file it did not write it leaves alone.
printf '{ `README.md` = "# app 2\\n" }\n' | "$polar_helm" to-directory-tree --output tree ||
  fail "update of its own file"
[ "$(cat tree/README.md)" = '# app 2' ] || fail "README.md not updated"
printf 'mine\n' >tree/notes.txt
printf '{ `notes.txt` = "theirs", `new.txt` = "new" }\n' >foreign.dhall
expect_exit_stderr 3 tree.err "$polar_helm" to-directory-tree --file foreign.dhall --output tree
grep -q 'notes.txt: exists with other contents' tree.err || fail "no reason: $(cat tree.err)"
[ "$(cat tree/notes.txt)" = mine ] || fail "overwrote a foreign file"
[ -e tree/new.txt ] && fail "wrote something before refusing"
# Names that would leave the folder, and links out of it.
expect_exit 1 "$polar_helm" to-directory-tree --output tree <<<'{ `..` = { x = "escape" } }'
expect_exit 1 "$polar_helm" to-directory-tree --output tree <<<'{ `a/../../x` = "escape" }'
expect_exit 1 "$polar_helm" to-directory-tree --output tree --allow-path-separators \
  <<<'{ `a/../../x` = "escape" }'
"$polar_helm" to-directory-tree --output tree --allow-path-separators <<<'{ `a/b.txt` = "nested" }' ||
  fail "--allow-path-separators"
[ "$(cat tree/a/b.txt)" = nested ] || fail "a/b.txt"
mkdir outside
ln -s ../outside tree/link
expect_exit 3 "$polar_helm" to-directory-tree --output tree <<<'{ link = { x = "through" } }'
[ -e outside/x ] && fail "wrote through a symlink"
# The fixpoint form: folders, files and modes.
cat >fixpoint.dhall <<'DHALL'
let Access = { execute : Optional Bool, read : Optional Bool, write : Optional Bool }
let Mode = { user : Optional Access, group : Optional Access, other : Optional Access }
let User = < UserId : Natural | UserName : Text >
let Group = < GroupId : Natural | GroupName : Text >
let Meta = { name : Text, user : Optional User, group : Optional Group, mode : Optional Mode }
in  λ(tree : Type) →
    λ(make : { directory : (Meta ⩓ { content : List tree }) → tree
             , file : (Meta ⩓ { content : Text }) → tree
             , binary-file : (Meta ⩓ { content : Bytes }) → tree }) →
      [ make.directory
          { name = "bin", user = None User, group = None Group, mode = None Mode
          , content =
            [ make.file { name = "run", user = None User, group = None Group
                        , mode = Some { user = Some { execute = Some True, read = Some True, write = Some True }
                                      , group = Some { execute = Some True, read = Some True, write = Some False }
                                      , other = Some { execute = Some False, read = Some False, write = Some False } }
                        , content = "#!/bin/sh\n" } ] } ]
DHALL
"$polar_helm" to-directory-tree --file fixpoint.dhall --output fixed || fail "fixpoint form"
[ "$(cat fixed/bin/run)" = '#!/bin/sh' ] || fail "bin/run"
[ "$(stat -c %a fixed/bin/run)" = 750 ] || fail "mode $(stat -c %a fixed/bin/run), expected 750"

# polar-helm as `dhall`: dhall's command line.
ln -s "$polar_helm" dhall
expect_output '3' ./dhall <<<'1 + 2'
expect_output '3 : Natural' ./dhall --annotate <<<'1 + 2'
expect_output '3' ./dhall --file <(echo '1 + 2')
expect_output '{ a : Natural }' ./dhall --explain type <<<'{ a = 1 }'
expect_output 'x' ./dhall text <<<'"x"'
expect_exit 1 ./dhall diff '1' '2'
expect_exit 0 ./dhall lint --check lint.dhall
expect_exit 0 ./dhall hash --file lint.dhall
expect_exit_stderr 2 repl.err ./dhall repl
grep -q 'not supported by polar-helm; supported: ' repl.err || fail "repl: $(cat repl.err)"
# The flags of dhall 1.42 that polar-helm took later (issue #21 item 2).
expect_output '' ./dhall type --quiet <<<'{ a = 1 }'
expect_exit 1 ./dhall type --quiet <<<'1 + True'
./dhall encode --json <<<'{ a = [ 1 ] }' >encoded.json || fail "dhall encode --json"
expect_output '{ a = [ 1 ] }' ./dhall decode --json <encoded.json
mkdir -p xdg-cache
hash=$(XDG_CACHE_HOME=$PWD/xdg-cache ./dhall hash --cache <<<'{ cached = True }') ||
  fail "dhall hash --cache"
[ -f "xdg-cache/dhall/1220${hash#sha256:}" ] || fail "hash --cache wrote no cache entry"
expect_output '{ cached = True }' env XDG_CACHE_HOME="$PWD/xdg-cache" ./dhall <<<"missing $hash"
# A value read from a variable never goes into the (unencrypted) cache.
expect_exit 1 env XDG_CACHE_HOME="$PWD/xdg-cache" SOME_TOKEN=hunter2 ./dhall hash --cache \
  <<<'env:SOME_TOKEN as Text' 2>/dev/null
[ "$(ls xdg-cache/dhall | wc -l)" = 1 ] || fail "hash --cache cached a variable's value"
# --transitive: the relative code imports too, never an absolute one.
mkdir -p transitive/lib
printf 'let a = ./lib/a.dhall\nlet t = ./lib/t.txt as Text\nin  {   a, t, z = %s }\n' \
  "$PWD/transitive/absolute.dhall" >transitive/main.dhall
printf '{ x =   ./b.dhall }\n' >transitive/lib/a.dhall
printf 'let unused = 1 in 1  +  1\n' >transitive/lib/b.dhall
printf '2  +  2\n' >transitive/absolute.dhall
printf 'not   dhall' >transitive/lib/t.txt
expect_exit 1 ./dhall format --check --transitive transitive/main.dhall >transitive.out
[ "$(cat transitive.out)" = "transitive/lib/b.dhall: not formatted
transitive/lib/a.dhall: not formatted
transitive/main.dhall: not formatted" ] || fail "format --check --transitive: $(cat transitive.out)"
expect_exit 0 ./dhall lint --transitive transitive/main.dhall
expect_output '1 + 1' cat transitive/lib/b.dhall
expect_exit 0 ./dhall format --check --transitive transitive/main.dhall
expect_output '2  +  2' cat transitive/absolute.dhall
expect_output 'not   dhall' cat transitive/lib/t.txt
expect_exit 0 ./dhall freeze --all --transitive transitive/main.dhall >/dev/null
grep -q '^{ x = ./b.dhall sha256:' transitive/lib/a.dhall || fail "freeze --transitive: $(cat transitive/lib/a.dhall)"
grep -q '^let a = ./lib/a.dhall sha256:' transitive/main.dhall || fail "freeze --transitive main"
./dhall version | grep -q 'polar-helm' || fail "dhall version"
echo ok
