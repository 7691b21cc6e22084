package io.hogwild.engine.hogwild.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The system prompt that teaches the workers to collaborate: a template with placeholders, either one of
 * the bundled variants (resource files {@code io/hogwild/engine/hogwild/prompts/<name>.txt}) or text the
 * user supplies.
 *
 * <p>Placeholders, replaced in a single pass (so a worker name that happens to contain "{count}" is left
 * alone): {@code {workers}} the comma-separated names, {@code {count}} their number,
 * {@code {others_header}} and {@code {own_header}} the section headers of the combined layout (without
 * the blank lines around them). Any other brace text is kept as written, because prompts contain LaTeX
 * such as {@code \boxed{...}}.
 */
public final class CollaborationPrompt {
    /** The bundled variants, in the order {@link #names()} lists them; "default" is the session default. */
    private static final List<String> NAMES = List.of("default", "examples", "first-person", "first-person-examples");

    private static final String RESOURCE_DIR = "/io/hogwild/engine/hogwild/prompts/";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(workers|count|others_header|own_header)\\}");

    private final String name;
    private final String template;

    private CollaborationPrompt(String name, String template) {
        this.name = name;
        this.template = template;
    }

    /** Names of the bundled variants: default, examples, first-person, first-person-examples. */
    public static List<String> names() {
        return NAMES;
    }

    /** A bundled variant by name. */
    public static CollaborationPrompt named(String name) {
        if (name == null || !NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown collaboration prompt " + (name == null ? "null" : "\"" + name + "\"")
                    + "; known prompts: " + String.join(", ", NAMES));
        }
        return new CollaborationPrompt(name, load(RESOURCE_DIR + name + ".txt"));
    }

    /** A user-supplied template; surrounding whitespace is dropped like for the bundled files. */
    public static CollaborationPrompt fromText(String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("a collaboration prompt template must not be empty");
        }
        return new CollaborationPrompt("custom", template.strip());
    }

    /** The variant's name, or "custom" for {@link #fromText}. */
    public String name() {
        return name;
    }

    /** The template before substitution. */
    public String template() {
        return template;
    }

    /**
     * The prompt for a team. The headers are passed as the engine inserts them into the layout; the
     * prompt quotes them without their surrounding blank lines.
     */
    public String render(List<String> workerNames, String othersHeader, String ownHeader) {
        List<String> names = WorkerNames.validate(workerNames, workerNames == null ? 0 : workerNames.size());
        if (names.isEmpty()) throw new IllegalArgumentException("a team needs at least one worker");
        String others = requireHeader(othersHeader, "othersHeader");
        String own = requireHeader(ownHeader, "ownHeader");
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (m.find()) {
            String value;
            switch (m.group(1)) {
                case "workers": value = String.join(", ", names); break;
                case "count": value = Integer.toString(names.size()); break;
                case "others_header": value = others; break;
                default: value = own; break;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String requireHeader(String header, String what) {
        Objects.requireNonNull(header, what);
        if (header.isBlank()) throw new IllegalArgumentException(what + " must not be blank");
        return header.strip();
    }

    private static String load(String resource) {
        try (InputStream in = CollaborationPrompt.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing prompt resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompt resource " + resource, e);
        }
    }

    @Override
    public String toString() {
        return "CollaborationPrompt[" + name + "]";
    }
}
