package io.hogwild.engine.hogwild.prompt;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How a model expects a conversation to be written, up to the point where the assistant starts writing.
 *
 * <p>The text is split in two so an engine can encode the part that depends only on the system prompt
 * once and reuse its KV cache for every problem: {@code systemPart(sys) + problemPart(user, t)} is always
 * exactly {@code render(sys, user, t)}. The split falls right before a special token (CHATML, LLAMA3) or
 * right after a blank line (PLAIN), so tokenizing the two parts separately gives the same tokens as
 * tokenizing the whole.
 *
 * <p>A null or empty system prompt means "no system turn". We deliberately do not insert the default
 * system messages some official templates add (Qwen2.5's identity line, Llama 3.1's knowledge date):
 * they are not part of the problem and would only cost tokens.
 *
 * <p>LLAMA3 text starts with {@code <|begin_of_text|>}, so the engine must not add a BOS token of its
 * own; CHATML and PLAIN carry no BOS.
 */
public enum ChatFormat {
    /** Qwen2/2.5/3, QwQ and most models whose template uses {@code <|im_start|>}. */
    CHATML,
    /** Llama 3.x header-based turns. */
    LLAMA3,
    /** No chat markup: system, blank line, user, blank line. For base models and unknown templates. */
    PLAIN;

    /** Opens the assistant's hidden reasoning, for models that reason inside think tags. */
    public static final String THINK_OPEN = "<think>\n";

    /** Separates the system text from the problem when the system prompt is sent as part of the user turn. */
    public static final String SYSTEM_AS_USER_SEPARATOR = "\n\n";

    /**
     * Picks the format from GGUF metadata. The chat template wins when it names a known markup, because
     * fine-tunes often change the template but keep the architecture (a Llama-architecture model trained
     * on ChatML, say); the architecture is the fallback; anything else is PLAIN.
     */
    public static ChatFormat forArchitecture(String ggufArch, Optional<String> chatTemplate) {
        String template = chatTemplate == null ? null : chatTemplate.orElse(null);
        if (template != null) {
            if (template.contains("<|im_start|>")) return CHATML;
            if (template.contains("<|start_header_id|>")) return LLAMA3;
        }
        String arch = ggufArch == null ? "" : ggufArch.strip().toLowerCase(Locale.ROOT);
        if (arch.startsWith("qwen2") || arch.startsWith("qwen3")) return CHATML;
        if (arch.equals("llama")) return LLAMA3;
        return PLAIN;
    }

    /** The whole prompt up to where the assistant starts writing. */
    public String render(String systemPrompt, String userMessage, boolean openThinking) {
        return systemPart(systemPrompt) + problemPart(userMessage, openThinking);
    }

    /** The prefix of {@link #render} that depends only on the system prompt (never null, may be empty). */
    public String systemPart(String systemPrompt) {
        if (isAbsent(systemPrompt)) return begin();
        return begin() + switch (this) {
            case CHATML -> "<|im_start|>system\n" + systemPrompt + "<|im_end|>\n";
            case LLAMA3 -> "<|start_header_id|>system<|end_header_id|>\n\n" + systemPrompt + "<|eot_id|>";
            case PLAIN -> systemPrompt + "\n\n";
        };
    }

    /** The rest of {@link #render} after {@link #systemPart}: the user turn and the opening of the assistant turn. */
    public String problemPart(String userMessage, boolean openThinking) {
        return userOpen() + Objects.requireNonNull(userMessage, "userMessage") + afterUser(openThinking);
    }

    /**
     * The prompt with the system text moved into the user turn ({@code sys + "\n\n" + user}) and no system
     * turn, for models that ignore or lack a system role.
     */
    public String renderAsUser(String systemPrompt, String userMessage, boolean openThinking) {
        return systemPartAsUser(systemPrompt) + problemPartAsUser(userMessage, openThinking);
    }

    /**
     * The prefix of {@link #renderAsUser} that depends only on the system prompt: the opening of the user
     * turn, the system text and a blank line. Byte-level BPE pre-tokenizers keep a run of newlines apart
     * from the word after it, so the split does not change the tokens.
     */
    public String systemPartAsUser(String systemPrompt) {
        return begin() + userOpen() + (isAbsent(systemPrompt) ? "" : systemPrompt + SYSTEM_AS_USER_SEPARATOR);
    }

    /** The rest of {@link #renderAsUser} after {@link #systemPartAsUser}. */
    public String problemPartAsUser(String userMessage, boolean openThinking) {
        return Objects.requireNonNull(userMessage, "userMessage") + afterUser(openThinking);
    }

    private static boolean isAbsent(String systemPrompt) {
        return systemPrompt == null || systemPrompt.isEmpty();
    }

    private String begin() {
        return this == LLAMA3 ? "<|begin_of_text|>" : "";
    }

    private String userOpen() {
        return switch (this) {
            case CHATML -> "<|im_start|>user\n";
            case LLAMA3 -> "<|start_header_id|>user<|end_header_id|>\n\n";
            case PLAIN -> "";
        };
    }

    /** Closes the user turn and opens the assistant's, optionally inside a think block. */
    private String afterUser(boolean openThinking) {
        String think = openThinking ? THINK_OPEN : "";
        return switch (this) {
            case CHATML -> "<|im_end|>\n<|im_start|>assistant\n";
            case LLAMA3 -> "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n";
            case PLAIN -> "\n\n";
        } + think;
    }
}
