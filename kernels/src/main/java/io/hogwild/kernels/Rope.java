package io.hogwild.kernels;

/**
 * Rotary position embedding settings, all read from the model file: the first {@code rotaryDim} values
 * of each head are rotated in pairs, either adjacent (x[2i], x[2i+1]; GGUF "normal", Llama) or split halves
 * (x[i], x[i + rotaryDim/2]; "neox", Qwen). Pair i turns by position × {@code invFreq[i]} radians
 * (frequency scaling already folded into invFreq).
 */
public record Rope(int headDim, int rotaryDim, boolean neox, float[] invFreq) {
    public Rope {
        if (rotaryDim <= 0 || rotaryDim > headDim || rotaryDim % 2 != 0 || invFreq.length != rotaryDim / 2) {
            throw new IllegalArgumentException("bad rope: headDim " + headDim + ", rotaryDim " + rotaryDim
                    + ", " + invFreq.length + " frequencies");
        }
    }

    /** Standard frequencies theta^(-2i/rotaryDim). */
    public static float[] frequencies(int rotaryDim, double theta) {
        float[] f = new float[rotaryDim / 2];
        for (int i = 0; i < f.length; i++) f[i] = (float) Math.pow(theta, -2.0 * i / rotaryDim);
        return f;
    }

    /** Index of the partner values of pair i within a head. */
    public int first(int i) {
        return neox ? i : 2 * i;
    }

    public int second(int i) {
        return neox ? i + rotaryDim / 2 : 2 * i + 1;
    }
}
