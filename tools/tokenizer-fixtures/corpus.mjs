// Test corpus for the Qwen3 tokenizer: hand-written cases covering the regex alternatives, scripts,
// whitespace handling, special tokens and normalization, plus seeded random mixes of tricky characters.

const hand = [
  // --- plain English, contractions, casing ---
  "Hello world",
  "Hello, world! How are you today?",
  "The quick brown fox jumps over the lazy dog.",
  "it's they're we've I'm you'll he'd don't",
  "IT'S THEY'RE WE'VE I'M YOU'LL HE'D DON'T",
  "It'S They'Re We'Ve I'M You'LL He'D",
  "rock 'n' roll, 'quoted', ''double'' and 'ss",
  "y'all'd've o'clock ma'am",
  "it\u2019s a curly apostrophe \u2018quoted\u2019 \u201cdouble\u201d",
  "x'ſ and x'K and x'İ",
  "a",
  " ",
  "",
  "  leading spaces",
  "trailing spaces   ",
  "tabs\tbetween\twords\t",
  "mixed \t \t whitespace",
  "CamelCaseIdentifier snake_case_identifier SCREAMING_CASE kebab-case",
  "supercalifragilisticexpialidocious antidisestablishmentarianism",
  "Mr. Smith went to Washington D.C. on Jan. 5th.",
  "e.g. i.e. etc. vs. a.k.a.",
  "!!!???...,,,;;;:::",
  "((([[[{{{}}}]]])))",
  "@user #hashtag $100 50% 3^2 a&b a|b ~tilde `backtick`",
  "<html><body><p class=\"x\">Hi &amp; bye</p></body></html>",

  // --- whitespace runs and line endings ---
  "line one\nline two\nline three",
  "windows\r\nline\r\nendings\r\n",
  "old mac\rline\rendings",
  "many\n\n\n\n\nnewlines",
  "\n\n\nleading newlines",
  "trailing newlines\n\n\n",
  "spaces before newline   \nnext",
  "spaces after newline\n   next",
  "blank lines with spaces\n  \n  \n",
  "a    b     c      d",
  "                                        forty spaces",
  "x" + " ".repeat(100) + "y",
  "\t\t\tindented with tabs\n\t\t\t\tdeeper",
  " \n \n \n",
  "\r\n\r\n\r\n",
  "a\u00a0b\u00a0\u00a0c (no-break spaces)",
  "a\u2003b\u2009c\u200ad\u3000e (unicode spaces)",
  "a\u2028b\u2029c line/paragraph separators",
  "vertical\u000btab and form\u000cfeed",
  "zero\u200bwidth\u200cnon\u200djoiner",

  // --- numbers ---
  "1234567890",
  "3.14159265358979323846264338327950288419716939937510",
  "The year 2024 had 366 days; 1,000,000 people; 0.001% error.",
  "-42 +17 1e10 6.022e23 0x1F 0b1010 0o777",
  "12345678901234567890123456789012345678901234567890",
  "phone: +1 (555) 123-4567, zip 90210",
  "v1.2.3-beta.4+build.567",
  "2024-01-15T08:30:00Z 23:59:59.999",
  "\u0661\u0662\u0663 \u0967\u0968\u0969 \u4e00\u4e8c\u4e09 \u2460\u2461\u2462 \u00bd \u00b2\u00b3 \u2167",
  "Ⅻ ⅷ ① ⑴ ⒈ 𝟙𝟚𝟛",

  // --- source code ---
  "public static void main(String[] args) {\n    System.out.println(\"Hello, World!\");\n}",
  "import java.util.*;\n\npublic final class Foo<T extends Comparable<T>> implements Bar {\n    private final Map<String, List<Integer>> map = new HashMap<>();\n\n    @Override\n    public int compareTo(T other) { return 0; }\n}\n",
  "def fib(n):\n\tif n < 2:\n\t\treturn n\n\treturn fib(n - 1) + fib(n - 2)\n",
  "class Node:\n    def __init__(self, value, next=None):\n        self.value = value\n        self.next = next\n\n    def __repr__(self):\n        return f\"Node({self.value!r})\"\n",
  "for (int i = 0; i < n; ++i) { sum += a[i] * b[i]; }",
  "if (x != null && x.y >= 0 || !flag) return x?.y ?? -1;",
  "const f = async (a, b) => { await g(a); return a ** b; };",
  "#include <stdio.h>\nint main(void) {\n  printf(\"%d\\n\", 42);\n  return 0;\n}\n",
  "SELECT id, name FROM users WHERE age >= 18 AND name LIKE '%son' ORDER BY id DESC;",
  "fn main() { let v: Vec<u8> = vec![1, 2, 3]; println!(\"{:?}\", v); }",
  "    # comment with trailing spaces    \n    pass\n",
  "x = [i**2 for i in range(10) if i % 2 == 0]  # squares",
  "$ ls -la /usr/local/bin | grep -v '^d' > out.txt 2>&1 && echo done",
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<root attr='v'/>",
  "/* block comment */ // line comment\n/** Javadoc {@code x} @param y */",
  "a+=1;b-=2;c*=3;d/=4;e%=5;f<<=6;g>>=7;h>>>=8;i&=9;j|=10;k^=11;",
  "regex: /^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$/i",

  // --- JSON, URLs, markup ---
  "{\"name\": \"Alice\", \"age\": 30, \"tags\": [\"a\", \"b\"], \"nested\": {\"x\": null, \"y\": true}}",
  "[{\"id\":1,\"v\":-0.5e-3},{\"id\":2,\"v\":\"\\u00e9\\n\"}]",
  "https://www.example.com/path/to/page?query=1&lang=en#section-2",
  "Visit http://localhost:8080/api/v1/users/42 or ftp://files.example.org/pub.",
  "mailto:someone@example.com and user.name+tag@sub.domain.co.uk",
  "# Title\n\n## Subtitle\n\n- item 1\n- item 2\n\n```python\nprint('hi')\n```\n",
  "| a | b |\n|---|---|\n| 1 | 2 |",
  "**bold** _italic_ ~~strike~~ `code` [link](http://x.y)",

  // --- math and LaTeX ---
  "E = mc^2 and a^2 + b^2 = c^2",
  "\\int_0^\\infty e^{-x^2} dx = \\frac{\\sqrt{\\pi}}{2}",
  "\\begin{align} f(x) &= \\sum_{n=0}^{\\infty} \\frac{f^{(n)}(a)}{n!}(x-a)^n \\end{align}",
  "$\\mathbb{R}^n$, $\\alpha \\beta \\gamma$, $\\lim_{x \\to 0} \\frac{\\sin x}{x} = 1$",
  "∀x ∈ ℝ, ∃y: x² + y² ≤ 1 ⇒ |x| ≤ 1; ∑ ∏ ∫ ∂ ∇ ≠ ≈ ≡ ∞",
  "Let $n \\ge 3$. Prove that $\\binom{n}{2} = \\frac{n(n-1)}{2}$.",
  "The answer is \\boxed{42}.",
  "x₁ + x₂ = y₀; αβγδε ΑΒΓΔΕ",

  // --- scripts ---
  "你好，世界！今天天气很好。",
  "机器学习是人工智能的一个分支，它使计算机能够从数据中学习。",
  "日本語のテキスト：ひらがな、カタカナ、漢字を含みます。",
  "東京は日本の首都です。ｶﾀｶﾅ（半角）",
  "안녕하세요, 세계! 한국어 텍스트입니다.",
  "مرحبا بالعالم! هذا نص باللغة العربية.",
  "السَّلَامُ عَلَيْكُمْ وَرَحْمَةُ اللهِ",
  "שלום עולם! זהו טקסט בעברית.",
  "नमस्ते दुनिया! यह हिंदी में पाठ है।",
  "สวัสดีชาวโลก นี่คือข้อความภาษาไทย",
  "Привет, мир! Это текст на русском языке.",
  "Γειά σου Κόσμε! Αυτό είναι ελληνικό κείμενο.",
  "Xin chào thế giới! Đây là văn bản tiếng Việt.",
  "Zażółć gęślą jaźń. Příliš žluťoučký kůň úpěl ďábelské ódy.",
  "Ünïcödé àçcéntš: café naïve résumé façade Straße ÆØÅ æøå",
  "ᚠᛇᚻ᛫ᛒᛦᚦ runes, ⴰⵣⵓⵍ tifinagh, ሰላም Ethiopic",
  "ಕನ್ನಡ தமிழ் తెలుగు മലയാളം বাংলা ગુજરાતી ਪੰਜਾਬੀ",
  "English mixed with 中文 and русский and العربية in one line.",
  "Ελληνικά123中文456English",
  "𝒜𝓁𝓅𝒽𝒶 𝐁𝐨𝐥𝐝 𝔉𝔯𝔞𝔨𝔱𝔲𝔯 mathematical alphanumerics",
  "𠀀𠀁𪜀 rare CJK extension B",

  // --- emoji ---
  "I love 🍕 and 🍣! 😀😃😄",
  "👨‍👩‍👧‍👦 family, 👩‍💻 technologist, 🏳️‍🌈 flag",
  "👍🏻👍🏼👍🏽👍🏾👍🏿 skin tones",
  "🇺🇸🇯🇵🇩🇪🇫🇷 flags",
  "❤️ ♥ ☺️ ✌️ keycaps 1️⃣ #️⃣",
  "🧑🏽‍🚀🧑🏿‍🔬 astronaut scientist",
  "emoji🙂inside🙃words",
  "🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥",

  // --- combining marks, normalization ---
  "e\u0301 a\u0300 o\u0308 n\u0303 (decomposed accents)",
  "cafe\u0301 vs caf\u00e9",
  "\u1100\u1161\u11a8 decomposed hangul",
  "A\u030a \u212b \u00c5 angstrom forms",
  "\ufb01 \ufb02 ligatures \u2126 ohm \u212a kelvin",
  "Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334\u0319\u0324\u031e\u0349\u035a\u032f\u031e\u0320\u034dA\u036b\u0357\u0334\u0362\u0335\u031c\u0330\u0354L\u0368\u0367\u0369\u0358\u0320G\u0311\u0357\u030e\u0305\u035b\u0341\u0334\u033b\u0348\u034d\u0354\u0339O zalgo",
  "\u0915\u094d\u0937 \u0d15\u0d4d\u0d37 conjuncts",
  "a\u0327\u0301 stacked marks q\u0323\u0307",

  // --- special and added tokens inside text ---
  "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n",
  "<|im_start|>assistant\n<think>\nLet me think step by step.\n</think>\n\nThe answer is 4.<|im_end|>",
  "text<|endoftext|>more text<|endoftext|>",
  "<|endoftext|><|endoftext|><|im_start|><|im_end|>",
  "no space<think>inside</think>tags",
  " <think> spaced </think> ",
  "<|im_start |> broken <|im_end| > markers <|im_start",
  "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>",
  "<tool_response>\n{\"temp\": 21}\n</tool_response>",
  "<|fim_prefix|>def f():\n<|fim_suffix|>\n    return 1<|fim_middle|>",
  "<|vision_start|><|image_pad|><|vision_end|> describe",
  "<|object_ref_start|>cat<|object_ref_end|><|box_start|>(1,2),(3,4)<|box_end|>",
  "<|repo_name|>hogwild<|file_sep|>README.md",
  "<|im_end|>\n\n\n<|im_start|>",
  "<<|im_start|>> <|<|im_end|>|>",
  "<|endoftext|>" + "x".repeat(20),

  // --- misc edge cases ---
  "\u0000\u0001\u0002 control \u001b[31mred\u001b[0m \u007f",
  "\ufeffBOM at start",
  "a\u0085b next-line char",
  "\ud83d\ude00\ud83d\ude00\ud83d\ude00",
  "'s's's's",
  "'''''",
  "..........................................",
  "------------------------------------------------------------",
  "============================================================",
  "____________________________________________",
  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
  "ababababababababababababababababababababababababababababab",
  "!!!! ???? .... ,,,, ;;;; :::: ''''",
  "end with punctuation.\n",
  "Question?\r\n\r\nAnswer!\r\n",
  "\t",
  "\n",
  "\r\n",
  "  \n",
  "word\n\t  \n\tword",
  "©®™ §¶ †‡ •… ‰ ′″ ‹› «» ¿¡ ¢£¥€₹₽",
  "⌘⌥⇧⌃ ←↑→↓ ■□▲△ ★☆ ♠♣♥♦",
  "𝄞 musical symbol, 🀄 mahjong, 🂡 card",
];

// Seeded pseudo-random mixes: they hit combinations (a letter after punctuation, a digit after a CJK char,
// whitespace before a special token...) nobody thinks of writing by hand.
function mulberry32(seed) {
  return function () {
    seed |= 0; seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pool = [
  ..."abcdefghijklmnopqrstuvwxyz", ..."ABCXYZ", ..."0123456789", ..." ", " ", " ", "\t", "\n", "\r\n", "\r",
  ..."'\".,;:!?-_()[]{}<>/\\|@#$%^&*+=~`", "'s", "'LL", "'ve",
  "é", "ü", "ß", "ñ", "ø", "中", "文", "字", "日", "本", "한", "국", "ا", "ل", "ع", "ש", "ל", "न", "म", "ก", "ข",
  "д", "Ж", "я", "λ", "Ω", "😀", "👍🏽", "👨‍👩‍👧", "🇯🇵", "❤️", "e\u0301", "\u00a0", "\u3000", "\u2028",
  "<|im_start|>", "<|im_end|>", "<think>", "</think>", "<|endoftext|>", "½", "²", "١", "३",
];

const random = [];
const rnd = mulberry32(20240615);
for (let i = 0; i < 60; i++) {
  const len = 1 + Math.floor(rnd() * 40);
  let s = "";
  for (let j = 0; j < len; j++) s += pool[Math.floor(rnd() * pool.length)];
  random.push(s);
}

// A longer mixed document, so the test also covers text well beyond a sentence.
const longDoc = [
  "# Report\n\nThe model processed 12,345 problems in 67.8 s (182.1 problems/s).\n",
  "多语言测试：中文、日本語、한국어。\n",
  "def main():\n    for i in range(3):\n        print(f\"step {i}: {i ** 2}\")\n\n",
  "<|im_start|>user\nSummarize the above.<|im_end|>\n<|im_start|>assistant\n<think>\nOK.\n</think>\n\nDone. 🎉\n",
].join("").repeat(20);

export const corpus = [...hand, ...random, longDoc];
