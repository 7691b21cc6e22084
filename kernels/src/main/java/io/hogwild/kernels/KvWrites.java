package io.hogwild.kernels;

/**
 * Where each new token's K/V goes: token t (row t of the k/v buffers) is written to slot {@code slot[t]}
 * of page {@code page[t]}, its key rotated at fragment-local position {@code position[t]}.
 */
public final class KvWrites {
    public int count;
    public int[] page = new int[0];
    public int[] slot = new int[0];
    public int[] position = new int[0];

    public void reset(int capacity) {
        if (page.length < capacity) {
            page = new int[capacity];
            slot = new int[capacity];
            position = new int[capacity];
        }
        count = 0;
    }

    public void add(int pageId, int slotIndex, int localPosition) {
        page[count] = pageId;
        slot[count] = slotIndex;
        position[count] = localPosition;
        count++;
    }
}
