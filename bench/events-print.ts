// How bench:events prints: a line, a whole number with thousands separators, milliseconds to a tenth.

export const say = (line = "") => console.log(line);
export const int = (n: number) => Math.round(n).toLocaleString("en-US");
export const ms = (n: number) => `${n.toFixed(1)} ms`;
