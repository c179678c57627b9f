/**
 * Decoding the data the build embeds as base64 (the Wasm binaries, src/generated/wasm/*.ts; the
 * constant region, src/generated/constants.ts): a cold start decodes them at import, so each takes
 * the engine's native decoder where there is one.
 */

type NativeDecoders = {
  Buffer?: { from(s: string, encoding: "base64"): Uint8Array };
};
type FromBase64 = { fromBase64?: (s: string) => Uint8Array };

/**
 * The bytes of a base64 string, in an ArrayBuffer of their own. Node's Buffer and
 * Uint8Array.fromBase64 (newer browsers, Deno, Bun) decode natively; atob's binary string is the
 * portable way, but walking it char by char cost Node 0.4 to 1 ms of cold start per Wasm build.
 */
export function bytesOfBase64(base64: string): Uint8Array<ArrayBuffer> {
  const fromBase64 = (Uint8Array as unknown as FromBase64).fromBase64;
  const NodeBuffer = (globalThis as NativeDecoders).Buffer;
  // A Buffer may be a view into Node's shared pool: copied into a buffer of its own.
  const native = fromBase64 !== undefined ? fromBase64(base64) : NodeBuffer !== undefined ? NodeBuffer.from(base64, "base64") : null;
  if (native !== null) {
    const bytes = new Uint8Array(new ArrayBuffer(native.length));
    bytes.set(native);
    return bytes;
  }
  const text = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Whether this engine stores a Float64Array's elements little-endian (every engine lrdecay is tested on). */
export const LITTLE_ENDIAN_HOST = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/**
 * The doubles whose little-endian bytes a base64 string holds (scripts/generate-constants.mjs
 * writes them so: bit-exact, -0 and all, where a decimal literal would need the engine to parse
 * 2,260 numbers). On a little-endian host the bytes are the array; a big-endian one reads them
 * through a DataView (`littleEndianHost` is a parameter so that the tests run both ways).
 */
export function float64sOfBase64(base64: string, littleEndianHost: boolean = LITTLE_ENDIAN_HOST): Float64Array {
  const bytes = bytesOfBase64(base64);
  if (bytes.length % 8 !== 0) throw new RangeError(`A base64 Float64Array must hold a multiple of 8 bytes. Received: ${bytes.length} bytes`);
  if (littleEndianHost) return new Float64Array(bytes.buffer);
  const view = new DataView(bytes.buffer);
  const values = new Float64Array(bytes.length / 8);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat64(8 * i, true);
  return values;
}
