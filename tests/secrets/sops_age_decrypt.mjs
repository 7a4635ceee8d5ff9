// Decrypts a sops file with the npm package sops-age (an independent
// implementation) and checks that it equals the plaintext YAML file.
// Usage: node sops_age_decrypt.mjs <npm-dir> <encrypted> <plaintext>
// The age identity comes from SOPS_AGE_KEY_FILE, as for sops.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { isDeepStrictEqual } from "node:util";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [npmDir, encryptedPath, plaintextPath] = process.argv.slice(2);
const require = createRequire(join(npmDir, "node_modules", "noop.js"));
const { decryptSops } = await import(pathToFileURL(require.resolve("sops-age")).href);
const { parse } = await import(pathToFileURL(require.resolve("yaml")).href);

const decrypted = await decryptSops({ path: encryptedPath, fileType: "yaml" });
const expected = parse(await readFile(plaintextPath, "utf-8"));
if (!isDeepStrictEqual(decrypted, expected)) {
  // Only the keys: the values are secrets.
  console.error("sops-age decrypted different content; keys:", Object.keys(decrypted));
  process.exit(1);
}
console.log("sops-age decrypted the same content");
