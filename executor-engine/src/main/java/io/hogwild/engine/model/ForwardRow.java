package io.hogwild.engine.model;

import io.hogwild.engine.cache.Fragment;
import io.hogwild.engine.cache.View;

/**
 * One row of a forward pass: new tokens appended to {@code target} (a fragment of {@code view}), attending
 * to everything the view shows. {@code wantLogits} asks for the logits of the row's last new token.
 */
public record ForwardRow(View view, Fragment target, int[] tokens, boolean wantLogits) {
    public ForwardRow {
        if (tokens.length == 0) throw new IllegalArgumentException("a forward row needs at least one token");
        if (view.indexOf(target) < 0) throw new IllegalArgumentException("the target fragment is not in the row's view");
    }

    public ForwardRow(View view, Fragment target, int[] tokens) {
        this(view, target, tokens, true);
    }
}
