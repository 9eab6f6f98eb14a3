import { z } from "zod";

// tRPC's .output() parses what a procedure returns; a subscription returns an async iterable, so its schema
// wraps the iterable and checks each yielded value on its way out.

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

/** The .output() of a subscription whose every yielded value must match `item`. */
export function eachYielded<Out, In>(item: z.ZodType<Out, In>) {
  return z.custom<AsyncIterable<In>>(isAsyncIterable).transform(async function* (source) {
    // for-await closes the source when the subscriber goes away or a value fails the check.
    for await (const value of source) yield await item.parseAsync(value);
  });
}
