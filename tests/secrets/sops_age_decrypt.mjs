// Decrypts a sops file with the npm package sops-age (an independent
// implementation) and checks that it equals the plaintext YAML file.
// Usage: node sops_age_decrypt.mjs <npm-dir> <encrypted> <plaintext>
// The age identity comes from SOPS_AGE_KEY_FILE, as for sops.
//
// A YAML stream (several documents): sops-age reads one document, so each
// document, which carries the file's sops metadata, is decrypted on its own
// (sops-age does not check the MAC, which covers the whole stream), after
// checking that every document repeats the first one's metadata.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { isDeepStrictEqual } from "node:util";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [npmDir, encryptedPath, plaintextPath] = process.argv.slice(2);
const require = createRequire(join(npmDir, "node_modules", "noop.js"));
const { decryptSops } = await import(pathToFileURL(require.resolve("sops-age")).href);
const { parseAllDocuments } = await import(pathToFileURL(require.resolve("yaml")).href);

const documents = (text) => parseAllDocuments(text).map((document) => document.toJS());
const encrypted = parseAllDocuments(await readFile(encryptedPath, "utf-8"));
const expected = documents(await readFile(plaintextPath, "utf-8"));
if (encrypted.length !== expected.length) {
  console.error(`sops-age: ${encrypted.length} documents, the plaintext has ${expected.length}`);
  process.exit(1);
}
const metadata = encrypted[0].toJS().sops;
for (const [index, document] of encrypted.entries()) {
  if (!isDeepStrictEqual(document.toJS().sops, metadata)) {
    console.error(`document ${index + 1} does not repeat the sops metadata of the first`);
    process.exit(1);
  }
  const decrypted = await decryptSops(document.toString(), { fileType: "yaml" });
  if (!isDeepStrictEqual(decrypted, expected[index])) {
    // Only the keys: the values are secrets.
    console.error(`sops-age decrypted different content in document ${index + 1}; keys:`,
      Object.keys(decrypted));
    process.exit(1);
  }
}
console.log(`sops-age decrypted the same content (${encrypted.length} document(s))`);
