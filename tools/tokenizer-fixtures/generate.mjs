// Writes the expected Qwen3 token ids for every corpus text, one JSON object per line:
//   {"text": "...", "ids": [...], "cut": k, "cut_decoded": "...", "ids_no_special": [...]}
// "cut_decoded" is the reference decode of ids[0, k), where k is the first cut that splits a character
// (if any; else half the ids), which checks U+FFFD handling; "ids_no_special" appears when encoding with
// special tokens treated as plain text (Hugging Face split_special_tokens) gives different ids.
// Ids come from the Hugging Face `tokenizers` library itself (the Rust implementation, npm package
// `tokenizers`, native binary), i.e. what transformers' Qwen3 tokenizer produces. Each case is
// cross-checked against Hugging Face's pure-JavaScript `@huggingface/tokenizers`; disagreements are
// reported (the Rust result is kept, since that is the reference implementation).
//
// usage: node generate.mjs [tokenizer.json] [output.jsonl]
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Tokenizer as RustTokenizer } from "tokenizers";
import { Tokenizer as JsTokenizer } from "@huggingface/tokenizers";
import { corpus } from "./corpus.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const tokenizerPath = process.argv[2] ?? path.resolve(root, "../shared/tokenizers/qwen3/tokenizer.json");
const outPath = process.argv[3] ?? path.resolve(root, "executor-engine/src/test/resources/tokenizer/qwen3-expected.jsonl");

const rust = RustTokenizer.fromFile(tokenizerPath);
// split_special_tokens is not exposed by the node binding. Equivalent: give the special=true added tokens a
// content that never occurs in the corpus. (Deleting them would not do: the library re-numbers added tokens
// consecutively on load, so the later ones would change ids.)
const noSpecialJson = JSON.parse(fs.readFileSync(tokenizerPath, "utf8"));
for (const t of noSpecialJson.added_tokens) if (t.special) t.content = `\uE000unmatchable-${t.id}\uE000`;
const rustNoSpecial = RustTokenizer.fromString(JSON.stringify(noSpecialJson));
const js = new JsTokenizer(JSON.parse(fs.readFileSync(tokenizerPath, "utf8")), {});

const seen = new Set();
const lines = [];
let disagreements = 0;
for (const text of corpus) {
  if (seen.has(text)) continue;
  seen.add(text);
  const ids = Array.from((await rust.encode(text, null, { addSpecialTokens: false })).getIds());
  const jsIds = js.encode(text, { add_special_tokens: false }).ids;
  if (JSON.stringify(ids) !== JSON.stringify(jsIds)) {
    disagreements++;
    console.error(`JS implementation disagrees on ${JSON.stringify(text).slice(0, 80)}\n  rust ${JSON.stringify(ids)}\n  js   ${JSON.stringify(jsIds)}`);
  }
  let cut = Math.floor(ids.length / 2);
  for (let k = 1; k < ids.length; k++) {
    if ((await rust.decode(ids.slice(0, k), false)).endsWith("\uFFFD")) { cut = k; break; }
  }
  const record = { text, ids, cut, cut_decoded: await rust.decode(ids.slice(0, cut), false) };
  const noSpecial = Array.from((await rustNoSpecial.encode(text, null, { addSpecialTokens: false })).getIds());
  if (JSON.stringify(noSpecial) !== JSON.stringify(ids)) record.ids_no_special = noSpecial;
  lines.push(JSON.stringify(record));
}
fs.mkdirSync(path.dirname(outPath), { recursive: true });
fs.writeFileSync(outPath, lines.join("\n") + "\n");
console.log(`${lines.length} cases written to ${path.relative(process.cwd(), outPath)}; ` +
  `@huggingface/tokenizers disagrees with tokenizers (Rust) on ${disagreements}`);
