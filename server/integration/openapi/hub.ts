import { z } from "zod";
import { CATALOGUE, INBOUND_TYPES } from "../../hub/catalogue.ts";
import type { JsonSchema } from "./json-schema.ts";
import { jsonSchema } from "./json-schema.ts";
import type { OpenApiArea } from "./operation.ts";

// The catalogue of inbound events in the OpenAPI document: each type's payload per data version as a component
// (e.g. OrderCancellationRequestedV1), and InboundCloudEvent, the CloudEvent of any catalogued type with its
// data by reference, for integrators generating clients.

const componentName = (type: string, version: number) => `${type}V${version}`;

const payloads = INBOUND_TYPES.flatMap((type) => {
  const versions: Record<number, z.ZodType> = CATALOGUE[type].versions;
  return Object.entries(versions).map(([version, schema]) => ({
    type,
    source: CATALOGUE[type].source,
    version: Number(version),
    schema,
  }));
});

/** One catalogued type at one data version, as the CloudEvent that carries it. */
function typedEvent({ type, source, version }: (typeof payloads)[number]): JsonSchema {
  return {
    type: "object",
    properties: {
      type: { const: type },
      source: { const: source },
      // The edge takes the version as a number or a numeric string.
      dataversion: {
        anyOf: [{ const: version }, { const: String(version) }],
        ...(version === 1 ? { default: 1 } : {}),
      },
      data: { $ref: `#/components/schemas/${componentName(type, version)}` },
    },
    required: ["type", "source", "data", ...(version === 1 ? [] : ["dataversion"])],
  };
}

const catalogueSchemas: Record<string, JsonSchema> = {
  ...Object.fromEntries(
    payloads.map((payload) => [
      componentName(payload.type, payload.version),
      {
        ...jsonSchema(payload.schema, "input"),
        description: `The data of ${payload.type} (from ${payload.source}), data version ${payload.version}.`,
      },
    ]),
  ),
  InboundCloudEvent: {
    description:
      "A CloudEvents 1.0 event of a catalogued type: specversion, id, time and subject as the envelope says, " +
      "`source` and `type` as one entry of the catalogue, and its data by the type's schema.",
    allOf: [
      {
        type: "object",
        properties: {
          specversion: { const: "1.0" },
          id: { type: "string", minLength: 1, maxLength: 200 },
          time: { type: "string", format: "date-time" },
          subject: { type: "string" },
        },
        required: ["specversion", "id"],
      },
      { oneOf: payloads.map(typedEvent) },
    ],
  },
};

export const catalogueArea: OpenApiArea = {
  tag: {
    name: "Event catalogue",
    description:
      "The events the console subscribes to, by source unit, with a versioned payload schema each " +
      "(components named <Type>V<version>; InboundCloudEvent ties type, source and data together). A new data " +
      "version is added beside the old one; send its number as the `dataversion` extension attribute. The " +
      "console also shows the catalogue at /events/catalogue.",
  },
  operations: [],
  schemas: catalogueSchemas,
};
