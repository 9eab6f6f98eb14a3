import { z } from "zod";
import { ingestRequestSchema } from "../../cities/ingest.ts";
import { BUCKET_MS, MAX_INGEST_BATCH, METRICS } from "../../cities/metrics.ts";
import { cityListResponseSchema, ingestResponseSchema, seriesResponseSchema } from "../../cities/contract.ts";
import { MAX_SERIES_POINTS } from "../../cities/series.ts";
import { errorResponses, jsonSchema, type OpenApiArea } from "./document.ts";

// The city indicators area of the REST contract, from the same zod schemas the routes validate with.

const json = (schema: z.ZodType, io: "input" | "output" = "output") => ({
  "application/json": { schema: jsonSchema(schema, io) },
});

const query = (name: string, description: string, schema: Record<string, unknown>, required = false) => ({
  name,
  in: "query",
  required,
  description,
  schema,
});

export const citiesArea: OpenApiArea = {
  tag: {
    name: "Cities",
    description: "City health indicators in 5-minute buckets, and the alerts they raise.",
  },
  paths: {
    "/api/operations/cities": {
      get: {
        tags: ["Cities"],
        operationId: "listCities",
        summary: "Every city's latest indicators, courier balance and open alerts",
        description:
          "Worst city first: firing alerts by severity, then pending ones, then the tightest demand ÷ supply balance. " +
          "Each indicator is the newest stored bucket, with its bucketStart.",
        security: [{ oauth2: ["cities:read"] }],
        responses: {
          "200": { description: "The cities.", content: json(cityListResponseSchema) },
          ...errorResponses(401, 403),
        },
      },
    },
    "/api/operations/cities/indicators": {
      post: {
        tags: ["Cities"],
        operationId: "ingestIndicators",
        summary: "Ingest a batch of indicator points",
        description:
          `Up to ${MAX_INGEST_BATCH} points of { city, metric, bucketStart, value }. bucketStart must lie on a ` +
          `${BUCKET_MS / 60_000}-minute boundary; rates are ratios (8 % is 0.08). Points are upserted: sending a ` +
          "batch again, or out of order, is safe, and the latest value of a bucket wins. The batch is all or nothing: " +
          "an unknown city or metric answers 400 naming it and nothing is stored. Hourly and daily rollups follow in " +
          "the same transaction, one IndicatorUpdated event is recorded per city, and the cities' alert rules are " +
          "evaluated.",
        security: [{ oauth2: ["cities:write"] }],
        requestBody: { required: true, content: json(ingestRequestSchema, "input") },
        responses: {
          "200": { description: "Stored.", content: json(ingestResponseSchema) },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    "/api/operations/cities/{code}/indicators": {
      get: {
        tags: ["Cities"],
        operationId: "cityIndicatorSeries",
        summary: "One indicator of a city over time, downsampled to a step",
        description:
          "Counts (orders, demand, delivery_failures) are summed over each step, levels averaged. Steps of whole " +
          "hours read the hourly rollups, whole days the daily rollups (days start at local midnight), finer steps " +
          "the raw 5-minute points, which are kept for 3 years. Steps without data are left out.",
        security: [{ oauth2: ["cities:read"] }],
        parameters: [
          {
            name: "code",
            in: "path",
            required: true,
            description: "City code, e.g. OSA.",
            schema: { type: "string", pattern: "^[A-Za-z]{3}$" },
          },
          query("metric", "The indicator.", { type: "string", enum: [...METRICS] }, true),
          query("from", "Start (inclusive), ISO 8601 with a time zone. Default: 24 hours before `to`.", {
            type: "string",
            format: "date-time",
          }),
          query("to", "End (exclusive). Default: the end of the current bucket.", {
            type: "string",
            format: "date-time",
          }),
          query(
            "step",
            `Seconds, a multiple of ${BUCKET_MS / 1000}; at most ${MAX_SERIES_POINTS} steps per request.`,
            {
              type: "integer",
              minimum: BUCKET_MS / 1000,
              default: BUCKET_MS / 1000,
            },
          ),
        ],
        responses: {
          "200": { description: "The series.", content: json(seriesResponseSchema) },
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
  },
};
