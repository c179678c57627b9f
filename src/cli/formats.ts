/**
 * Output formats of the CLI, written chunk by chunk: csv (step,learning_rate), json (an array, or
 * {steps, values} when --every thins the steps), npy (NumPy 1.0, little-endian <f4 / <f8), and
 * raw little-endian f32 / f64.
 */
import { once } from "node:events";
import { createWriteStream, renameSync, rmSync, type WriteStream } from "node:fs";
import type { DType, FloatArray } from "../core/types.js";


export const FORMATS = ["csv", "json", "npy", "f32", "f64"] as const;
export type Format = (typeof FORMATS)[number];

/** The format an output file's extension implies, if any. */
export function formatFromPath(path: string): Format | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return FORMATS.find((f) => f === ext);
}

/** NumPy's .npy header, version 1.0, for a 1-D little-endian float array of n values. */
export function npyHeader(n: number, dtype: DType): Uint8Array {
  const dict = `{'descr': '<f${dtype === "float32" ? 4 : 8}', 'fortran_order': False, 'shape': (${n},), }`;
  // Magic (6) + version (2) + length (2) + dict + padding + "\n", a multiple of 64 bytes.
  const total = Math.ceil((10 + dict.length + 1) / 64) * 64;
  const header = new Uint8Array(total);
  header.set([0x93, ...new TextEncoder().encode("NUMPY"), 1, 0]);
  new DataView(header.buffer).setUint16(8, total - 10, true);
  header.set(new TextEncoder().encode(dict.padEnd(total - 11, " ") + "\n"), 10);
  return header;
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The chunk's bytes, little-endian whatever the machine's order. */
export function rawBytes(values: FloatArray): Uint8Array {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  if (littleEndian) return bytes;
  const swapped = new Uint8Array(bytes.length);
  const width = values.BYTES_PER_ELEMENT;
  for (let i = 0; i < bytes.length; i += width)
    for (let j = 0; j < width; j++) swapped[i + j] = bytes[i + width - 1 - j]!;
  return swapped;
}

/** Where values go: a file written under a temporary name and renamed when complete, or stdout. */
export interface Sink {
  write(data: Uint8Array | string): Promise<void>;
  /** Finishes the output: the file appears under its name only now. */
  close(): Promise<void>;
  /** Drops a partial output: the temporary file is removed. */
  abort(): void;
  readonly bytes: number;
}

async function writeTo(stream: NodeJS.WritableStream, data: Uint8Array | string): Promise<void> {
  // Backpressure: wait for the stream to drain, so memory stays flat however long the output.
  if (!stream.write(data)) await once(stream, "drain");
}

export function fileSink(path: string): Sink {
  const temporary = `${path}.partial-${process.pid}`;
  const stream: WriteStream = createWriteStream(temporary);
  let bytes = 0;
  let failure: Error | null = null;
  stream.on("error", (e) => (failure = e));
  return {
    async write(data) {
      if (failure) throw failure;
      bytes += typeof data === "string" ? Buffer.byteLength(data) : data.byteLength;
      await writeTo(stream, data);
    },
    async close() {
      if (failure) throw failure;
      stream.end();
      await once(stream, "finish");
      renameSync(temporary, path);
    },
    abort() {
      stream.destroy();
      rmSync(temporary, { force: true });
    },
    get bytes() {
      return bytes;
    },
  };
}

export function stdoutSink(): Sink {
  let bytes = 0;
  return {
    async write(data) {
      bytes += typeof data === "string" ? Buffer.byteLength(data) : data.byteLength;
      await writeTo(process.stdout, data);
    },
    async close() {},
    abort() {},
    get bytes() {
      return bytes;
    },
  };
}
