import {
  restCityList,
  restCityPath,
  restIngestResult,
  restSeries,
  restSeriesQuery,
} from "../../api/rest/cities.ts";
import { ingestRequestSchema, MAX_INGEST_BATCH } from "../../cities/contract.ts";
import { BUCKET_MS } from "../../indicators/metrics.ts";
import { MAX_SERIES_POINTS } from "../../indicators/series.ts";
import type { OpenApiArea } from "./operation.ts";

const BUCKET_SECONDS = BUCKET_MS / 1000;

export const citiesArea: OpenApiArea = {
  tag: {
    name: "Cities",
    description: `City health indicators in ${BUCKET_SECONDS / 60}-minute buckets, and the alerts they raise.`,
  },
  operations: [
    {
      operationId: "listCities",
      method: "get",
      path: "/api/operations/cities",
      scope: "cities:read",
      summary: "Every city's latest indicators, courier balance and open alerts",
      description:
        "Worst city first: firing alerts by severity, then pending ones, then the tightest demand ÷ supply " +
        "balance. Each indicator is the newest stored bucket, with its bucketStart.",
      responses: { 200: { description: "The cities.", schema: restCityList } },
    },
    {
      operationId: "ingestIndicators",
      method: "post",
      path: "/api/operations/cities/indicators",
      scope: "cities:write",
      summary: "Ingest a batch of indicator points",
      description:
        `Up to ${MAX_INGEST_BATCH} points of { city, metric, bucketStart, value }. bucketStart must lie on a ` +
        `${BUCKET_SECONDS / 60}-minute boundary; rates are ratios (8 % is 0.08). Points are upserted: sending a ` +
        "batch again, or out of order, is safe, and the latest value of a bucket wins. The batch is all or " +
        "nothing: an unknown city or metric answers 400 naming it and nothing is stored. Hourly and daily rollups " +
        "follow in the same transaction, and one IndicatorUpdated event is recorded per city.",
      body: ingestRequestSchema,
      responses: { 200: { description: "Stored.", schema: restIngestResult } },
    },
    {
      operationId: "cityIndicatorSeries",
      method: "get",
      path: "/api/operations/cities/{code}/indicators",
      scope: "cities:read",
      summary: "One indicator of a city over time, downsampled to a step",
      description:
        "Counts (orders, demand, delivery_failures) are summed over each step, levels averaged. Steps of whole " +
        "hours read the hourly rollups, whole days the daily rollups (days start at local midnight), finer steps " +
        "the raw 5-minute points, which are kept for 3 years. Steps without data are left out.",
      params: restCityPath,
      query: restSeriesQuery,
      parameterNotes: {
        code: "City code, e.g. OSA (any case).",
        metric: "The indicator.",
        from: "Start (inclusive), ISO 8601 with a time zone. Default: 24 hours before `to`.",
        to: "End (exclusive). Default: the end of the current bucket.",
        step: `Seconds, a multiple of ${BUCKET_SECONDS}; at most ${MAX_SERIES_POINTS} steps per request.`,
      },
      responses: { 200: { description: "The series.", schema: restSeries } },
      errors: { 404: "No city has this code." },
    },
  ],
};
