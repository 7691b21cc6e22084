package io.hogwild.engine.hogwild.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChatFormatTest {
    static final List<String> SYSTEMS = Arrays.asList("Be brief.", null, "", "multi\nline {workers}\n\n");
    static final List<String> USERS = List.of("What is 1+1?", "", "user", "<|im_start|>user\n", "line\n\nline");

    @Test
    void formatFromArchitecture() {
        assertEquals(ChatFormat.CHATML, ChatFormat.forArchitecture("qwen2", Optional.empty()));
        assertEquals(ChatFormat.CHATML, ChatFormat.forArchitecture("qwen3", Optional.empty()));
        assertEquals(ChatFormat.CHATML, ChatFormat.forArchitecture("Qwen3", Optional.empty()));
        assertEquals(ChatFormat.CHATML, ChatFormat.forArchitecture("qwen3moe", Optional.empty()));
        assertEquals(ChatFormat.LLAMA3, ChatFormat.forArchitecture("llama", Optional.empty()));
        assertEquals(ChatFormat.PLAIN, ChatFormat.forArchitecture("gpt2", Optional.empty()));
        assertEquals(ChatFormat.PLAIN, ChatFormat.forArchitecture(null, Optional.empty()));
        assertEquals(ChatFormat.PLAIN, ChatFormat.forArchitecture("llama4", Optional.empty()));
    }

    @Test
    void aKnownTemplateWinsOverTheArchitecture() {
        String chatml = "{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endfor %}";
        String llama3 = "{{ bos_token }}<|start_header_id|>{{ role }}<|end_header_id|>\n\n";
        assertEquals(ChatFormat.CHATML, ChatFormat.forArchitecture("llama", Optional.of(chatml)));
        assertEquals(ChatFormat.LLAMA3, ChatFormat.forArchitecture("qwen2", Optional.of(llama3)));
        assertEquals(ChatFormat.CHATML, ChatFormat.forArchitecture("mystery", Optional.of(chatml)));
        assertEquals(ChatFormat.LLAMA3, ChatFormat.forArchitecture(null, Optional.of(llama3)));
        // An unknown template falls back to the architecture.
        assertEquals(ChatFormat.CHATML, ChatFormat.forArchitecture("qwen2", Optional.of("{{ messages }}")));
        assertEquals(ChatFormat.PLAIN, ChatFormat.forArchitecture("phi3", Optional.of("<|user|>")));
        assertEquals(ChatFormat.PLAIN, ChatFormat.forArchitecture("phi3", null));
    }

    @Test
    void chatmlRendersExactly() {
        assertEquals("<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\n",
                ChatFormat.CHATML.render("S", "U", false));
        assertEquals("<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\n<think>\n",
                ChatFormat.CHATML.render("S", "U", true));
        assertEquals("<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\n", ChatFormat.CHATML.render(null, "U", false));
    }

    @Test
    void llama3RendersExactly() {
        assertEquals("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nS<|eot_id|>"
                        + "<|start_header_id|>user<|end_header_id|>\n\nU<|eot_id|>"
                        + "<|start_header_id|>assistant<|end_header_id|>\n\n",
                ChatFormat.LLAMA3.render("S", "U", false));
        assertTrue(ChatFormat.LLAMA3.render("S", "U", true).endsWith("<|end_header_id|>\n\n<think>\n"));
        assertEquals("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nU<|eot_id|>"
                        + "<|start_header_id|>assistant<|end_header_id|>\n\n",
                ChatFormat.LLAMA3.render(null, "U", false));
        assertEquals("<|begin_of_text|>", ChatFormat.LLAMA3.systemPart(null));
    }

    @Test
    void plainRendersExactly() {
        assertEquals("S\n\nU\n\n", ChatFormat.PLAIN.render("S", "U", false));
        assertEquals("S\n\nU\n\n<think>\n", ChatFormat.PLAIN.render("S", "U", true));
        assertEquals("U\n\n", ChatFormat.PLAIN.render(null, "U", false));
        assertEquals("U\n\n", ChatFormat.PLAIN.render("", "U", false));
    }

    @Test
    void systemPartPlusProblemPartIsRenderForEveryFormat() {
        for (ChatFormat f : ChatFormat.values()) {
            for (String sys : SYSTEMS) {
                for (String user : USERS) {
                    for (boolean think : new boolean[] {false, true}) {
                        String whole = f.render(sys, user, think);
                        assertEquals(whole, f.systemPart(sys) + f.problemPart(user, think), f + " " + sys + " " + user);
                        assertTrue(whole.startsWith(f.systemPart(sys)));
                        assertEquals(think, whole.endsWith(ChatFormat.THINK_OPEN));
                        String asUser = f.renderAsUser(sys, user, think);
                        assertEquals(asUser, f.systemPartAsUser(sys) + f.problemPartAsUser(user, think));
                    }
                }
            }
        }
    }

    @Test
    void systemPartDoesNotDependOnTheProblem() {
        for (ChatFormat f : ChatFormat.values()) {
            String a = f.render("SYS", "first problem", false);
            String b = f.render("SYS", "second problem", true);
            String shared = f.systemPart("SYS");
            assertTrue(a.startsWith(shared) && b.startsWith(shared));
            assertFalse(f.problemPart("P", false).contains("SYS"));
            assertTrue(f.renderAsUser("SYS", "first", false).startsWith(f.systemPartAsUser("SYS")));
        }
    }

    @Test
    void asUserPutsTheSystemTextIntoTheUserTurn() {
        assertEquals("<|im_start|>user\nS\n\nU<|im_end|>\n<|im_start|>assistant\n<think>\n",
                ChatFormat.CHATML.renderAsUser("S", "U", true));
        assertEquals(ChatFormat.LLAMA3.render(null, "S\n\nU", false), ChatFormat.LLAMA3.renderAsUser("S", "U", false));
        assertEquals("S\n\nU\n\n", ChatFormat.PLAIN.renderAsUser("S", "U", false));
        for (ChatFormat f : ChatFormat.values()) {
            assertFalse(f.renderAsUser("S", "U", false).contains("system"));
            assertEquals(f.render(null, "U", true), f.renderAsUser(null, "U", true));
        }
    }

    @Test
    void nullUserMessageIsRefused() {
        for (ChatFormat f : ChatFormat.values()) {
            assertThrows(NullPointerException.class, () -> f.render("S", null, false));
            assertThrows(NullPointerException.class, () -> f.renderAsUser("S", null, false));
        }
    }
}
