package io.hogwild.kernels;

/**
 * The attention work of one forward pass, the same for every layer, in flat int arrays (cheap to build
 * per pass and to copy to a device).
 *
 * <p>Row r owns query tokens {@code [tokenStart[r], tokenStart[r] + tokenCount[r])} of the q buffer; its
 * first new token sits at absolute view position {@code position[r]}. Its fragments are
 * {@code fragment index f in [rowFragments[r], rowFragments[r+1])}: fragment f starts at view position
 * {@code fragStart[f]}, holds {@code fragLength[f]} tokens, stored in pages
 * {@code pages[fragPages[f] .. fragPages[f+1])}.
 */
public final class AttentionPlan {
    public int rows;
    public int[] tokenStart = new int[0];
    public int[] tokenCount = new int[0];
    public int[] position = new int[0];
    public int[] rowFragments = new int[1];
    public int fragments;
    public int[] fragStart = new int[0];
    public int[] fragLength = new int[0];
    public int[] fragPages = new int[1];
    public int pageCount;
    public int[] pages = new int[0];

    public void clear() {
        rows = 0;
        fragments = 0;
        pageCount = 0;
        rowFragments[0] = 0;
        fragPages[0] = 0;
    }

    /** Starts row r (rows are added in order). */
    public void beginRow(int firstToken, int tokens, int absolutePosition) {
        tokenStart = grow(tokenStart, rows + 1);
        tokenCount = grow(tokenCount, rows + 1);
        position = grow(position, rows + 1);
        rowFragments = grow(rowFragments, rows + 2);
        tokenStart[rows] = firstToken;
        tokenCount[rows] = tokens;
        position[rows] = absolutePosition;
        rows++;
        rowFragments[rows] = fragments;
    }

    /** Adds a fragment to the row begun last. */
    public void addFragment(int start, int length, int[] pageIds, int pageIdCount) {
        fragStart = grow(fragStart, fragments + 1);
        fragLength = grow(fragLength, fragments + 1);
        fragPages = grow(fragPages, fragments + 2);
        pages = grow(pages, pageCount + pageIdCount);
        fragStart[fragments] = start;
        fragLength[fragments] = length;
        System.arraycopy(pageIds, 0, pages, pageCount, pageIdCount);
        pageCount += pageIdCount;
        fragments++;
        fragPages[fragments] = pageCount;
        rowFragments[rows] = fragments;
    }

    private static int[] grow(int[] a, int need) {
        return a.length >= need ? a : java.util.Arrays.copyOf(a, Math.max(need, a.length * 2));
    }
}
