// The admin screen's step mapping for a migration, kept pure: which old steps need a choice (the target version
// has no step of their key), what each may map to, and the request the choices make.

interface Step {
  key: string;
  kind: string;
}

/** Old steps whose key the target version lacks: each maps to a step new in the target, or is dropped. */
export function stepsToMap<S extends Step>(from: readonly S[], to: readonly Step[]): S[] {
  const kept = new Set(to.map((s) => s.key));
  return from.filter((s) => !kept.has(s.key));
}

/** Steps of the target an old step may map to: the ones new in it (a kept key already has its old step). */
export function mappingTargets<S extends Step>(from: readonly Step[], to: readonly S[]): S[] {
  const old = new Set(from.map((s) => s.key));
  return to.filter((s) => !old.has(s.key));
}

/** The request's stepMapping from the choices ("" or a missing choice drops the step). */
export function stepMappingOf(
  unmatched: readonly Step[],
  choices: Readonly<Record<string, string>>,
): Record<string, string | null> {
  return Object.fromEntries(unmatched.map((s) => [s.key, choices[s.key] ? choices[s.key]! : null]));
}
