package io.hogwild.engine.tokenizer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Byte-level BPE tokenizer of the GPT-2 / Llama 3 / Qwen2-3 kind, read from a Hugging Face tokenizer.json
 * or from GGUF metadata, producing the same ids as the Hugging Face tokenizers library.
 *
 * <p>Encoding: added tokens (chat markers, {@code <think>}…) are cut out of the text first, longest match
 * first; the text between them is normalized (Qwen: NFC), split by the family's regex and each piece is
 * BPE-encoded over its UTF-8 bytes. {@link #encode(String)} never adds a BOS token; callers that need one
 * check {@link #addBos()} and {@link #bosId()}.
 *
 * <p>Instances are immutable and thread-safe (the per-piece BPE cache is concurrent).
 */
public final class Tokenizer {
    private static final String QWEN3_RESOURCE = "/io/hogwild/engine/tokenizer/qwen3/";
    private static final List<String> EOG_NAMES = List.of("<|im_end|>", "<|endoftext|>", "<|eot_id|>", "<|end_of_text|>");

    private final String[] tokens;
    private final int[] types;
    private final byte[][] bytes;
    private final Map<String, Integer> bpeVocab;
    private final BpeModel bpe;
    private final AddedTokens added;
    private final boolean anyNormalizedAdded;
    private final Map<String, Integer> addedByContent = new HashMap<>();
    private final TextNormalizer normalizer;
    private final PreTokenizer preTokenizer;
    private final int bosId;
    private final int eosId;
    private final int padId;
    private final boolean addBos;
    private final String chatTemplate;
    private final Set<Integer> eogIds;

    Tokenizer(TokenizerDefinition d) {
        int n = d.tokens.length;
        if (d.types.length != n) throw new IllegalArgumentException(n + " tokens but " + d.types.length + " token types");
        this.tokens = d.tokens;
        this.types = d.types;
        this.bpeVocab = d.bpeVocab;
        this.normalizer = Objects.requireNonNull(d.normalizer);
        this.preTokenizer = Objects.requireNonNull(d.preTokenizer);
        this.bpe = new BpeModel(d.bpeVocab, resolveMerges(d.merges, d.bpeVocab), d.ignoreMerges, d.unkId);
        this.added = new AddedTokens(d.addedTokens);
        boolean anyNormalized = false;
        for (AddedToken t : d.addedTokens) {
            checkId(t.id(), "added token '" + t.content() + "'");
            addedByContent.putIfAbsent(t.content(), t.id());
            anyNormalized |= t.normalized();
        }
        this.anyNormalizedAdded = anyNormalized;
        bytes = new byte[n][];
        for (int id = 0; id < n; id++) {
            int type = types[id];
            if (TokenType.isAdded(type)) bytes[id] = tokens[id].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            else if (type == TokenType.UNUSED) bytes[id] = new byte[0];
            else bytes[id] = ByteLevel.decode(tokens[id]);
        }
        this.bosId = optionalId(d.bosId, "bos");
        this.eosId = optionalId(d.eosId, "eos");
        this.padId = optionalId(d.padId, "padding");
        this.addBos = d.addBos;
        this.chatTemplate = d.chatTemplate;
        Set<Integer> eog = new LinkedHashSet<>();
        if (eosId >= 0) eog.add(eosId);
        for (String name : EOG_NAMES) {
            OptionalInt id = specialToken(name);
            if (id.isPresent()) eog.add(id.getAsInt());
        }
        this.eogIds = Collections.unmodifiableSet(eog);
    }

    // ---- loading ----

    /** Reads a Hugging Face tokenizer.json (plain or gzip-compressed). */
    public static Tokenizer fromTokenizerJson(InputStream in) throws IOException {
        return TokenizerJson.read(maybeGunzip(in), null);
    }

    /**
     * Reads a tokenizer.json together with its tokenizer_config.json, which carries what tokenizer.json
     * lacks: BOS/EOS/padding tokens, add_bos_token and the chat template. {@code config} may be null.
     */
    public static Tokenizer fromTokenizerJson(InputStream tokenizerJson, InputStream config) throws IOException {
        return TokenizerJson.read(maybeGunzip(tokenizerJson), config == null ? null : maybeGunzip(config));
    }

    /**
     * Reads a tokenizer.json or tokenizer.json.gz file. A tokenizer_config.json next to it (as in every
     * Hugging Face model folder) is read too, for BOS/EOS and the chat template.
     */
    public static Tokenizer fromTokenizerJson(Path p) throws IOException {
        Path dir = p.toAbsolutePath().getParent();
        Path config = dir == null ? null : dir.resolve("tokenizer_config.json");
        try (InputStream in = Files.newInputStream(p);
             InputStream cfg = config != null && Files.isRegularFile(config) ? Files.newInputStream(config) : null) {
            return fromTokenizerJson(in, cfg);
        }
    }

    /** The real Qwen3 tokenizer bundled with the engine; parsed once (~11 MB of JSON) and shared. */
    public static Tokenizer qwen3() {
        return Qwen3Holder.INSTANCE;
    }

    /** Builds a tokenizer from GGUF {@code tokenizer.*} metadata; see {@link GgufTokenizerMetadata}. */
    public static Tokenizer fromGgufMetadata(Map<String, Object> meta) {
        return GgufTokenizerMetadata.read(meta);
    }

    /**
     * Writes this tokenizer as GGUF {@code tokenizer.*} metadata (model, pre, tokens, merges, token_type,
     * special ids, add_bos_token, chat_template) so a model file can embed it.
     *
     * @throws IllegalStateException when the pre-tokenizer is not one GGUF can name
     */
    public void toGgufMetadata(Map<String, Object> meta) {
        GgufTokenizerMetadata.write(this, meta);
    }

    private static final class Qwen3Holder {
        static final Tokenizer INSTANCE = load();

        private static Tokenizer load() {
            try (InputStream json = Tokenizer.class.getResourceAsStream(QWEN3_RESOURCE + "tokenizer.json.gz");
                 InputStream config = Tokenizer.class.getResourceAsStream(QWEN3_RESOURCE + "tokenizer_config.json")) {
                if (json == null) throw new IOException("classpath resource " + QWEN3_RESOURCE + "tokenizer.json.gz is missing");
                return fromTokenizerJson(json, config);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the bundled Qwen3 tokenizer", e);
            }
        }
    }

    private static InputStream maybeGunzip(InputStream in) throws IOException {
        BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
        b.mark(2);
        int b0 = b.read();
        int b1 = b.read();
        b.reset();
        return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(b, 1 << 16), 1 << 16) : b;
    }

    // ---- encoding ----

    /** Encodes text; special and other added tokens written in the text are recognised. */
    public int[] encode(String text) {
        return encode(text, true);
    }

    /**
     * Encodes text. With {@code parseSpecial=false} control tokens such as {@code <|im_start|>} written in
     * the text are encoded as ordinary text (use this for untrusted user input); non-special added tokens
     * such as {@code <think>} are still matched, as in Hugging Face ({@code split_special_tokens}) and llama.cpp.
     */
    public int[] encode(String text, boolean parseSpecial) {
        Objects.requireNonNull(text, "text");
        IntList out = new IntList(text.length() / 3 + 8);
        List<String> pieces = new ArrayList<>();
        AddedTokens.Sink normalizedSink = new AddedTokens.Sink() {
            @Override
            public void text(String segment) {
                pieces.clear();
                preTokenizer.split(segment, pieces);
                for (String piece : pieces) bpe.encode(piece, out);
            }

            @Override
            public void token(int id) {
                out.add(id);
            }
        };
        // Hugging Face order: tokens marked normalized=false are matched in the raw text, the rest of the
        // text is normalized, then normalized=true tokens are matched in that.
        added.split(text, false, parseSpecial, new AddedTokens.Sink() {
            @Override
            public void text(String segment) {
                String normalized = normalizer.apply(segment);
                if (anyNormalizedAdded) added.split(normalized, true, parseSpecial, normalizedSink);
                else if (!normalized.isEmpty()) normalizedSink.text(normalized);
            }

            @Override
            public void token(int id) {
                out.add(id);
            }
        });
        return out.toArray();
    }

    // ---- decoding ----

    public String decode(int[] ids) {
        return decode(ids, 0, ids.length);
    }

    /** Decodes ids[from, to). Special tokens appear as their text; invalid UTF-8 becomes U+FFFD. */
    public String decode(int[] ids, int from, int to) {
        Objects.checkFromToIndex(from, to, ids.length);
        int total = 0;
        for (int i = from; i < to; i++) total += rawTokenBytes(ids[i]).length;
        byte[] all = new byte[total];
        int pos = 0;
        for (int i = from; i < to; i++) {
            byte[] b = bytes[ids[i]];
            System.arraycopy(b, 0, all, pos, b.length);
            pos += b.length;
        }
        return Utf8.decode(all, 0, total);
    }

    public StreamingDecoder streamingDecoder() {
        return new StreamingDecoder(this);
    }

    // ---- vocabulary ----

    public int vocabSize() {
        return tokens.length;
    }

    /** The token as stored in the vocabulary: byte-level alphabet ("Ġworld") or an added token's text. */
    public String tokenText(int id) {
        checkId(id, "token id");
        return tokens[id];
    }

    /** The bytes this token contributes to decoded text. */
    public byte[] tokenBytes(int id) {
        return rawTokenBytes(id).clone();
    }

    byte[] rawTokenBytes(int id) {
        checkId(id, "token id");
        return bytes[id];
    }

    /** Id of the added token (control or user-defined) whose text is exactly {@code text}. */
    public OptionalInt specialToken(String text) {
        Integer id = addedByContent.get(text);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** Whether {@code id} is a control token (chat markers, end of text): not ordinary model output text. */
    public boolean isSpecial(int id) {
        checkId(id, "token id");
        return types[id] == TokenType.CONTROL;
    }

    public int bosId() {
        return bosId;
    }

    public int eosId() {
        return eosId;
    }

    /** Padding token id, -1 when absent. */
    public int padId() {
        return padId;
    }

    /** Whether prompts should start with {@link #bosId()} (Llama 3 yes, Qwen no). */
    public boolean addBos() {
        return addBos;
    }

    public Optional<String> chatTemplate() {
        return Optional.ofNullable(chatTemplate);
    }

    /** Ids that end generation: EOS plus the end-of-turn / end-of-text markers this vocabulary has. */
    public Set<Integer> eogIds() {
        return eogIds;
    }

    // ---- package-private views for the GGUF writer and tests ----

    String[] tokens() {
        return tokens;
    }

    int[] types() {
        return types;
    }

    Map<String, Integer> bpeVocab() {
        return bpeVocab;
    }

    MergeTable merges() {
        return bpe.merges();
    }

    boolean ignoreMerges() {
        return bpe.ignoreMerges();
    }

    PreTokenizer preTokenizer() {
        return preTokenizer;
    }

    TextNormalizer normalizer() {
        return normalizer;
    }

    List<AddedToken> addedTokens() {
        return added.all();
    }

    private void checkId(int id, String what) {
        if (id < 0 || id >= tokens.length) {
            throw new IllegalArgumentException(what + " " + id + " out of range [0, " + tokens.length + ")");
        }
    }

    private int optionalId(int id, String what) {
        if (id < -1 || id >= tokens.length) {
            throw new IllegalArgumentException(what + " token id " + id + " out of range [0, " + tokens.length + ")");
        }
        return id;
    }

    /** Turns merge strings into ids; every part and every result must be in the vocabulary, as HF requires. */
    private static MergeTable resolveMerges(List<String[]> merges, Map<String, Integer> vocab) {
        int m = merges.size();
        int[] left = new int[m];
        int[] right = new int[m];
        int[] result = new int[m];
        for (int r = 0; r < m; r++) {
            String[] pair = merges.get(r);
            left[r] = vocabId(vocab, pair[0], r);
            right[r] = vocabId(vocab, pair[1], r);
            result[r] = vocabId(vocab, pair[0] + pair[1], r);
        }
        return new MergeTable(left, right, result);
    }

    private static int vocabId(Map<String, Integer> vocab, String token, int rank) {
        Integer id = vocab.get(token);
        if (id == null) throw new IllegalArgumentException("merge " + rank + " uses '" + token + "', which is not in the vocabulary");
        return id;
    }
}
