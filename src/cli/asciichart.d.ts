// asciichart ships no types; the part the CLI uses.
declare module "asciichart" {
  export function plot(series: number[] | number[][], config?: { height?: number; format?: (x: number, i: number) => string; padding?: string }): string;
}
