import type { InboundData, InboundType } from "../catalogue.ts";
import type { InboundRef, NormalisedOf } from "./normalised.ts";

/** One event type's payload (of one data version, checked against the catalogue) into the console's shape. */
export type TypeMapping<T extends InboundType> = (data: InboundData<T>, ref: InboundRef) => NormalisedOf<T>;

/**
 * One version of a source's mapping: for each of its types, a mapping per payload data version. A new mapping
 * version (EventSource.mappingVersion) is a new entry beside the old one, so a source moves over, or back, by
 * changing one number, and a replay reads an event the way its source is mapped now.
 */
export type SourceMapping = { [T in InboundType]?: Record<number, TypeMapping<T>> };

/** Drops the optional fields a payload left out, so a normalised event never holds `undefined`. */
export function defined<T extends Record<string, unknown>>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}
