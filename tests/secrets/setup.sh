# Sourced by the secrets checks once they have set polar_helm, npm_dir,
# source_dir and work from their arguments: skips (exit 77) without age,
# age-keygen, node or sops-age; makes npm_dir absolute and a fresh $work the
# working directory; defines fail; makes a value that must not leak
# ($secret) and two age keys, key.txt and other.txt ($recipient, $other).
for tool in age age-keygen node; do
  command -v "$tool" > /dev/null || { echo "skip: $tool not found"; exit 77; }
done
[[ -d $npm_dir/node_modules/sops-age ]] || { echo "skip: sops-age not in $npm_dir"; exit 77; }
npm_dir=$(cd "$npm_dir" && pwd)

rm -rf "$work" && mkdir -p "$work" && cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

secret=pw-$RANDOM$RANDOM-do-not-leak
age-keygen -o key.txt 2> /dev/null
age-keygen -o other.txt 2> /dev/null
recipient=$(age-keygen -y key.txt)
other=$(age-keygen -y other.txt)
