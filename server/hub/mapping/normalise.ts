import { z } from "zod";
import { CATALOGUE, isInboundType, payloadSchema, SOURCE_KEYS, type SourceKey } from "../catalogue.ts";
import { CONSUMER_EXPERIENCE_MAPPINGS } from "./consumer-experience.ts";
import { COURIER_MOBILITY_MAPPINGS } from "./courier-mobility.ts";
import { INTEGRATION_CONTRACT_MAPPINGS } from "./integration-contract.ts";
import { MappingError, type NormalisedEvent, type RawInbound } from "./normalised.ts";
import { RESTAURANT_OPERATIONS_MAPPINGS } from "./restaurant-operations.ts";
import type { SourceMapping, TypeMapping } from "./source-mapping.ts";

/** Every source's mappings by version. */
const MAPPINGS: Record<SourceKey, Record<number, SourceMapping>> = {
  consumer_experience: CONSUMER_EXPERIENCE_MAPPINGS,
  restaurant_operations: RESTAURANT_OPERATIONS_MAPPINGS,
  courier_mobility: COURIER_MOBILITY_MAPPINGS,
  integration_contract: INTEGRATION_CONTRACT_MAPPINGS,
};

const isSourceKey = (source: string): source is SourceKey =>
  (SOURCE_KEYS as readonly string[]).includes(source);

/**
 * An inbox row in the console's shape, read with its source's current mapping version. The payload is checked
 * against its catalogue schema again: the edge checked it on arrival, but a replay may read a row stored before
 * the catalogue changed.
 */
export function normalise(raw: RawInbound, mappingVersion: number): NormalisedEvent {
  const { source, type, dataVersion } = raw;
  if (!isSourceKey(source)) throw new MappingError(`source "${source}" is not a known source`);
  if (!isInboundType(type)) throw new MappingError(`type "${type}" is not in the catalogue`);
  if (CATALOGUE[type].source !== source) {
    throw new MappingError(`type ${type} comes from ${CATALOGUE[type].source}, not from ${source}`);
  }
  const mapping = MAPPINGS[source][mappingVersion];
  if (!mapping) throw new MappingError(`source ${source} has no mapping version ${mappingVersion}`);
  const byVersion: Record<number, TypeMapping<typeof type>> | undefined = mapping[type];
  const map = byVersion?.[dataVersion];
  if (!map) {
    throw new MappingError(
      `mapping version ${mappingVersion} of ${source} does not read ${type} data version ${dataVersion}`,
    );
  }
  const schema = payloadSchema(type, dataVersion);
  const parsed = schema?.safeParse(raw.data);
  if (!parsed?.success) {
    const issues = parsed ? z.prettifyError(parsed.error) : "no schema";
    throw new MappingError(`data does not match ${type} version ${dataVersion}: ${issues}`);
  }
  // The catalogue's schema for this type and version is the one the mapping was written against; the mapping
  // of type T returns a NormalisedOf<T>, one member of the union.
  return map(parsed.data as never, { source, eventId: raw.eventId }) as NormalisedEvent;
}
