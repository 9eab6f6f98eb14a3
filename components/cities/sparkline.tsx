interface SparklineProps {
  points: readonly { bucketStart: Date; value: number }[];
  /** Drawn as a dashed line when it falls inside the range (e.g. balance 1.0). */
  reference?: number;
  label: string;
  className?: string;
}

const WIDTH = 240;
const HEIGHT = 48;
const PAD = 3;

/** A small SVG line of the last hours; decorative detail, so the label carries the meaning. */
export function Sparkline({ points, reference, label, className }: SparklineProps) {
  if (points.length < 2) {
    return <div role="img" aria-label={label} className={className} style={{ height: HEIGHT }} />;
  }
  const xs = points.map((p) => p.bucketStart.getTime());
  const values = points.map((p) => p.value);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const lo = Math.min(...values, reference ?? Infinity) * 0.95;
  const hi = Math.max(...values, reference ?? -Infinity) * 1.05 || 1;
  const x = (t: number) => PAD + ((t - x0) / Math.max(1, x1 - x0)) * (WIDTH - 2 * PAD);
  const y = (v: number) => HEIGHT - PAD - ((v - lo) / Math.max(1e-9, hi - lo)) * (HEIGHT - 2 * PAD);
  const path = points
    .map((p, i) => `${i === 0 ? "M" : "L"}${x(xs[i] ?? 0).toFixed(1)},${y(p.value).toFixed(1)}`)
    .join("");
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      preserveAspectRatio="none"
      className={className}
      style={{ height: HEIGHT, width: "100%" }}
    >
      {reference !== undefined ? (
        <line
          x1={0}
          x2={WIDTH}
          y1={y(reference)}
          y2={y(reference)}
          className="stroke-fg-muted/50"
          strokeDasharray="3 3"
          vectorEffect="non-scaling-stroke"
        />
      ) : null}
      <path
        d={path}
        fill="none"
        className="stroke-accent"
        strokeWidth={1.5}
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}
