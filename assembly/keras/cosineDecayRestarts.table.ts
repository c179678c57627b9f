// The restart table of the CosineDecayRestarts kernels: the tail of their parameter block
// (cosineDecayRestarts.params.ts: TABLE indices, below the fraction TABLE_LIMIT), read by the
// kernel (cosineDecayRestarts.ts), its twin and the facade (src/keras/cosineDecayRestarts.ts), which
// computes it once per schedule. Plain integer constants, so that this file is both AssemblyScript
// and TypeScript.
//
// TABLE_STRIDE slots for each restart index k = 0 .. N - 1, from slot SLOTS + TABLE_STRIDE k: the
// fraction where index k + 1 begins (T_END: the least cf whose index, by Keras' log formula, is
// k + 1 or more; so index k holds [T_END of k - 1, T_END of k), possibly empty), and what index k
// fixes: the earlier periods' sum (T_SUM), the period (T_PERIOD) and 0.5 * M^k (T_HALF_M). A step
// whose cf lies in [0, TABLE_LIMIT) takes its index and those three from the table: no log and no
// power, and the same numbers (the facade computes them with the correctly rounded log and pow).
export const TABLE_STRIDE = 4;
export const T_END = 0;
export const T_SUM = 1;
export const T_PERIOD = 2;
export const T_HALF_M = 3;
