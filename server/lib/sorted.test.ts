import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lowerBound, upperBound } from "./sorted.ts";

describe("lowerBound and upperBound", () => {
  it("find the first value not below, and the first above, as a scan would", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 })),
        fc.integer({ min: -6, max: 6 }),
        (values, probe) => {
          const sorted = [...values].sort((a, b) => a - b);
          const scan = (past: (v: number) => boolean) => {
            const index = sorted.findIndex(past);
            return index < 0 ? sorted.length : index;
          };
          expect(lowerBound(sorted, probe)).toBe(scan((v) => v >= probe));
          expect(upperBound(sorted, probe)).toBe(scan((v) => v > probe));
        },
      ),
    );
  });
});
