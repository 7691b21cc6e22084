package io.hogwild.engine.model;

import io.hogwild.engine.cache.KvCache;
import java.util.List;

/** One batched forward pass: appends every row's tokens and returns the logits asked for. */
public interface ForwardPass {
    float[][] forward(List<ForwardRow> rows, KvCache cache);
}
