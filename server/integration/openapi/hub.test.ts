import { describe, expect, it } from "vitest";
import { CATALOGUE, INBOUND_TYPES } from "../../hub/catalogue.ts";
import { openApiDocument } from "./index.ts";

describe("the event catalogue in the OpenAPI document", () => {
  const schemas = openApiDocument().components.schemas as Record<string, Record<string, unknown>>;

  it("has each type's payload per data version as a component", () => {
    for (const type of INBOUND_TYPES) {
      for (const version of Object.keys(CATALOGUE[type].versions)) {
        expect(schemas[`${type}V${version}`], `${type}V${version}`).toMatchObject({ type: "object" });
      }
    }
    expect(schemas.OrderCancellationRequestedV1).toMatchObject({
      required: expect.arrayContaining(["orderId", "consumerId", "cityCode", "reason", "requestedAt"]),
      properties: { reason: { enum: expect.arrayContaining(["late_delivery", "wrong_item"]) } },
      additionalProperties: false,
    });
  });

  it("ties each type to its source and its data in InboundCloudEvent", () => {
    const [, typed] = (
      schemas.InboundCloudEvent as { allOf: [unknown, { oneOf: Record<string, unknown>[] }] }
    ).allOf;
    expect(typed.oneOf).toHaveLength(INBOUND_TYPES.length);
    expect(typed.oneOf).toContainEqual(
      expect.objectContaining({
        properties: expect.objectContaining({
          type: { const: "SafetyIncidentReported" },
          source: { const: "courier_mobility" },
          data: { $ref: "#/components/schemas/SafetyIncidentReportedV1" },
        }),
      }),
    );
  });

  it("is what the send operation takes, one event or a batch, in each media type the edge accepts", () => {
    const send = openApiDocument().paths["/api/operations/events"]!.post as {
      requestBody: { content: Record<string, { schema: Record<string, unknown> }> };
    };
    const ref = { $ref: "#/components/schemas/InboundCloudEvent" };
    expect(send.requestBody.content["application/cloudevents+json"]!.schema).toEqual(ref);
    expect(send.requestBody.content["application/json"]!.schema).toEqual(ref);
    expect(send.requestBody.content["application/cloudevents-batch+json"]!.schema).toMatchObject({
      type: "array",
      items: ref,
    });
  });
});
