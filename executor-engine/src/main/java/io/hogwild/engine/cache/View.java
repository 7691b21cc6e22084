package io.hogwild.engine.cache;

import java.util.Arrays;
import java.util.List;

/**
 * An ordered list of fragments: the token sequence one row attends to. Fragment i starts at the sum of
 * the lengths before it, read at the moment of use, so a view follows its fragments as they grow.
 */
public final class View {
    private final Fragment[] fragments;

    public View(List<Fragment> fragments) {
        this.fragments = fragments.toArray(new Fragment[0]);
        for (int i = 0; i < this.fragments.length; i++) {
            for (int j = 0; j < i; j++) {
                if (this.fragments[i] == this.fragments[j]) throw new IllegalArgumentException(this.fragments[i] + " appears twice in a view");
            }
        }
    }

    public static View of(Fragment... fragments) {
        return new View(Arrays.asList(fragments));
    }

    public int size() {
        return fragments.length;
    }

    public Fragment get(int i) {
        return fragments[i];
    }

    public int indexOf(Fragment f) {
        for (int i = 0; i < fragments.length; i++) {
            if (fragments[i] == f) return i;
        }
        return -1;
    }

    /** Total tokens visible through this view now. */
    public int length() {
        int n = 0;
        for (Fragment f : fragments) n += f.length();
        return n;
    }

    public List<Fragment> fragments() {
        return List.of(fragments);
    }
}
