/**
 * Output formats of the CLI, written chunk by chunk: csv (step,learning_rate), json (always
 * {"steps": [...], "values": [...]}, whatever --start and --every), npy (NumPy 1.0, little-endian
 * <f4 / <f8), and raw little-endian f32 / f64. Text is written into byte blocks of BLOCK values
 * (no string per value), each handed to the stream once written: memory stays flat.
 */
import { once } from "node:events";
import { createWriteStream, renameSync, rmSync, writeFileSync, type WriteStream } from "node:fs";
import type { DType, FloatArray } from "../core/types.js";
import { MAX_VALUE_BYTES, emitInteger, emitValue } from "./shortest.js";

export const FORMATS = ["csv", "json", "npy", "f32", "f64"] as const;
export type Format = (typeof FORMATS)[number];

/** Values per text block: a block of CSV is at most BLOCK * 43 bytes (2.8 MB). */
export const BLOCK = 1 << 16;
/** The longest step ("-9007199254740992"). */
const MAX_STEP_BYTES = 17;

/** The bytes a block of BLOCK values takes at most, in any text format (CSV's lines are the longest). */
export const BLOCK_BYTES = BLOCK * (MAX_STEP_BYTES + MAX_VALUE_BYTES + 2);

/** CSV lines "step,value\n" for values[from, to) at steps start + i * every, into `out`; returns the bytes written. */
export function csvBlock(out: Uint8Array, values: FloatArray, from: number, to: number, start: number, every: number, dtype: DType): number {
  const float32 = dtype === "float32";
  let pos = 0;
  for (let i = from; i < to; i++) {
    pos = emitInteger(out, pos, start + i * every);
    out[pos++] = 44; // ,
    pos = emitValue(out, pos, values[i]!, float32);
    out[pos++] = 10; // \n
  }
  return pos;
}

/** values[from, to) comma-separated, each preceded by a comma unless `first`, into `out`; returns the bytes written. */
export function jsonValuesBlock(out: Uint8Array, values: FloatArray, from: number, to: number, first: boolean, dtype: DType): number {
  const float32 = dtype === "float32";
  let pos = 0;
  for (let i = from; i < to; i++) {
    if (i > from || !first) out[pos++] = 44;
    pos = emitValue(out, pos, values[i]!, float32);
  }
  return pos;
}

/** The steps first + i * every for i in [from, to), comma-separated as jsonValuesBlock, into `out`; returns the bytes written. */
export function jsonStepsBlock(out: Uint8Array, from: number, to: number, start: number, every: number): number {
  let pos = 0;
  for (let i = from; i < to; i++) {
    if (i > 0) out[pos++] = 44;
    pos = emitInteger(out, pos, start + i * every);
  }
  return pos;
}

/** The format an output file's extension implies, if any. */
export function formatFromPath(path: string): Format | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return FORMATS.find((f) => f === ext);
}

/** NumPy's .npy header, version 1.0, for a little-endian float array of n values, or of n rows of `columns` (C order). */
export function npyHeader(n: number, dtype: DType, columns?: number): Uint8Array {
  const dict = `{'descr': '<f${dtype === "float32" ? 4 : 8}', 'fortran_order': False, 'shape': (${n},${columns === undefined ? "" : ` ${columns}`}), }`;
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

function writeTo(stream: NodeJS.WritableStream, data: Uint8Array | string): Promise<void> {
  // Settles once the stream has written `data` (handed it to the system): its bytes may then be
  // reused. Memory stays flat however long the output, whatever the garbage collector's timing.
  return new Promise((resolve, reject) => void stream.write(data, (e) => (e ? reject(e) : resolve())));
}

/**
 * Two blocks of bytes used in turn: one is filled while the other is being written, and a block is
 * filled again only once its write has completed. No block is allocated per write: a fresh 2.8 MB
 * block per 65,536 values left the peak memory to the garbage collector's timing.
 */
export class BlockWriter {
  private readonly blocks = [new Uint8Array(BLOCK_BYTES), new Uint8Array(BLOCK_BYTES)];
  private readonly writes: Promise<void>[] = [Promise.resolve(), Promise.resolve()];
  private turn = 0;
  constructor(private readonly sink: Sink) {}

  /** Fills a free block with `fill` (which returns the bytes it wrote) and starts writing it. */
  async write(fill: (block: Uint8Array) => number): Promise<void> {
    const k = this.turn;
    this.turn ^= 1;
    await this.writes[k];
    const block = this.blocks[k]!;
    const write = this.sink.write(block.subarray(0, fill(block)));
    write.catch(() => {}); // its failure is thrown by the next wait for this block, or by flush()
    this.writes[k] = write;
  }

  /** Waits for both blocks' writes. */
  async flush(): Promise<void> {
    await Promise.all(this.writes);
  }
}

/** A failure to write a file, told by the name the user gave (never the temporary one). */
export class WriteError extends Error {}

function writeError(path: string, e: unknown): WriteError {
  const err = e as NodeJS.ErrnoException;
  const reason = err.code !== undefined && err.syscall !== undefined ? `${err.code}: ${err.message.split(", ")[0]!.replace(/^\w+: /, "")}` : err.message;
  return new WriteError(`cannot write ${path} (${reason})`);
}

/** Writes a whole file under a temporary name, then renames it; removes the temporary on failure. */
export function writeFileAtomically(path: string, data: string): void {
  const temporary = temporaryName(path);
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (e) {
    rmSync(temporary, { force: true });
    throw writeError(path, e);
  }
}

const temporaryName = (path: string) => `${path}.partial-${process.pid}`;

export function fileSink(path: string): Sink {
  const temporary = temporaryName(path);
  const stream: WriteStream = createWriteStream(temporary);
  let bytes = 0;
  let failure: Error | null = null;
  stream.on("error", (e) => (failure = writeError(path, e)));
  return {
    async write(data) {
      if (failure) throw failure;
      bytes += typeof data === "string" ? Buffer.byteLength(data) : data.byteLength;
      await writeTo(stream, data).catch((e: unknown) => {
        throw failure ?? writeError(path, e);
      });
    },
    async close() {
      if (failure) throw failure;
      stream.end();
      await once(stream, "finish").catch(() => {});
      if (failure) throw failure;
      try {
        renameSync(temporary, path);
      } catch (e) {
        throw writeError(path, e);
      }
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
