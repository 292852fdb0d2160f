import fc from "fast-check";
import type { z } from "zod";

/**
 * fast-check arbitraries from a procedure's zod 4 input schema, for fuzzing (server/routers/fuzz.test.ts).
 *
 * The values follow the schema most of the time, so that generated calls get past validation and
 * reach the services, and break it some of the time (wrong types, missing or extra keys, strings
 * past their limits, odd Unicode), so that validation itself is exercised. Strings and numbers are
 * drawn partly from a pool of values that exist in the test world (case codes, ids, dates), which
 * lets calls find real records. zod-fast-check exists but supports zod 3 only.
 *
 * Only the parts of zod's definition tree that our schemas use are read; anything else becomes
 * "any JSON value", which is always a valid fuzz input.
 */

export type Pool = {
  strings: readonly string[];
  numbers: readonly number[];
  /**
   * Values for object keys (and the elements of arrays under them) whose name matches, e.g.
   * /^code$/: the world's case codes, /On$|Date$/: valid dates. Preferred over generated values.
   */
  byKey: readonly (readonly [RegExp, readonly (string | number)[]])[];
};

/** The zod 4 internals we read. `_zod.def` is public API for tooling (zod's "Zod Core" docs). */
type Def = {
  type: string;
  shape?: Record<string, Schema>;
  element?: Schema;
  innerType?: Schema;
  options?: Schema[];
  in?: Schema;
  keyType?: Schema;
  valueType?: Schema;
  entries?: Record<string, string | number>;
  values?: unknown[];
  checks?: { _zod: { def: CheckDef } }[];
  getter?: () => Schema;
};
type CheckDef = { check: string; minimum?: number; maximum?: number; value?: number; format?: string; pattern?: RegExp };
type Schema = { _zod: { def: Def } };

const MAX_DEPTH = 6;

/** Any JSON-like value: what a hostile client could send in place of the expected shape. */
const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 40 }),
  fc.constant(""),
  fc.constant("x".repeat(20_000)),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 8 })), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.integer(), fc.string({ maxLength: 8 })), { maxKeys: 4 }),
  fc.constant({ __proto__: { polluted: true } }),
  fc.constant(Number.MAX_SAFE_INTEGER + 2),
  fc.constant(-1),
);

function checksOf(def: Def): CheckDef[] {
  return (def.checks ?? []).map((c) => c._zod.def);
}

function stringArbitrary(def: Def, pool: Pool): fc.Arbitrary<string> {
  const checks = checksOf(def);
  const min = checks.find((c) => c.check === "min_length")?.minimum ?? 0;
  const max = checks.find((c) => c.check === "max_length")?.maximum ?? 200;
  const pattern = checks.find((c) => c.check === "string_format" && c.pattern)?.pattern;
  const fits = (value: string) => value.length >= min && value.length <= max && (!pattern || new RegExp(pattern.source, pattern.flags.replace("g", "")).test(value));
  const known = pool.strings.filter(fits);
  // Weighted towards values that pass validation (so that calls reach the services), and among
  // those towards values that exist in the world (so that they find records).
  const options: fc.WeightedArbitrary<string>[] = [
    { arbitrary: pattern ? fc.stringMatching(pattern).filter(fits) : fc.string({ minLength: min, maxLength: Math.min(max, 60) }), weight: 4 },
    { arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, 30), unit: "grapheme" }), weight: 1 },
    { arbitrary: fc.constantFrom(...pool.strings), weight: 1 },
    { arbitrary: fc.constant(" ".repeat(Math.max(1, min))), weight: 1 },
    { arbitrary: fc.constant("a".repeat(Math.min(max + 1, 20_001))), weight: 1 },
  ];
  if (known.length > 0) options.push({ arbitrary: fc.constantFrom(...known), weight: 8 });
  return fc.oneof(...options);
}

function numberArbitrary(def: Def, pool: Pool): fc.Arbitrary<number> {
  const checks = checksOf(def);
  const integer = checks.some((c) => c.check === "number_format" && c.format !== "float64" && c.format !== "float32");
  const lo = checks.find((c) => c.check === "greater_than")?.value ?? -1e6;
  const hi = checks.find((c) => c.check === "less_than")?.value ?? 1e6;
  const min = Math.max(lo, -1e9);
  const max = Math.min(hi, 1e9);
  const known = pool.numbers.filter((n) => n >= min && n <= max && (!integer || Number.isInteger(n)));
  const options: fc.WeightedArbitrary<number>[] = [
    { arbitrary: integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true }), weight: 3 },
    { arbitrary: fc.constantFrom(0, -1, 2 ** 31, Number.MAX_SAFE_INTEGER, 0.5), weight: 1 },
  ];
  if (known.length > 0) options.push({ arbitrary: fc.constantFrom(...known), weight: 6 });
  return fc.oneof(...options);
}

function build(schema: Schema, pool: Pool, depth: number, key: string | null): fc.Arbitrary<unknown> {
  const def = schema._zod.def;
  if (depth > MAX_DEPTH) return garbage;
  const inner = (s: Schema) => build(s, pool, depth + 1, key);
  const known = key === null ? [] : pool.byKey.filter(([pattern]) => pattern.test(key)).flatMap(([, values]) => values);
  const leaf = (arbitrary: fc.Arbitrary<unknown>) =>
    known.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 3 }, { arbitrary, weight: 1 }) : arbitrary;
  switch (def.type) {
    case "string":
      return leaf(stringArbitrary(def, pool));
    case "number":
      return leaf(numberArbitrary(def, pool));
    case "boolean":
      return fc.boolean();
    case "enum":
      return fc.constantFrom(...Object.values(def.entries ?? { x: "x" }));
    case "literal":
      return fc.constantFrom(...(def.values ?? [null]));
    case "optional":
      return fc.option(inner(def.innerType!), { nil: undefined, freq: 3 });
    case "nullable":
      return fc.option(inner(def.innerType!), { nil: null, freq: 3 });
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return fc.option(inner(def.innerType!), { nil: undefined, freq: 4 });
    case "pipe":
      return inner(def.in!);
    case "lazy":
      return inner(def.getter!());
    case "union":
      return fc.oneof(...(def.options ?? []).map(inner));
    case "array": {
      const checks = checksOf(def);
      const max = Math.min(checks.find((c) => c.check === "max_length")?.maximum ?? 4, 6);
      return fc.array(inner(def.element!), { maxLength: max });
    }
    case "record":
      return fc.dictionary(
        fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...pool.strings)),
        build(def.valueType!, pool, depth + 1, null),
        { maxKeys: 6 },
      );
    case "object": {
      const shape = def.shape ?? {};
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, value] of Object.entries(shape)) record[name] = build(value, pool, depth + 1, name);
      const valid = fc.record(record, { requiredKeys: Object.keys(shape) });
      // Sometimes a key is missing, sometimes one more key is sent.
      const partial = fc.record(record, { requiredKeys: [] });
      const extra = fc.tuple(valid, fc.string({ maxLength: 10 }), garbage).map(([v, k, g]) => ({ ...v, [k]: g }));
      return fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: partial, weight: 1 }, { arbitrary: extra, weight: 1 });
    }
    default:
      // unknown, any, transform (no input shape), date, bigint...: anything goes.
      return garbage;
  }
}

/**
 * Inputs for a procedure whose input parsers are `schemas` (tRPC merges several `.input()` calls;
 * ours use one). Mostly schema-shaped; one time in eight, anything at all.
 */
export function inputArbitrary(schemas: readonly unknown[], pool: Pool): fc.Arbitrary<unknown> {
  const first = schemas[0] as z.ZodType | undefined;
  if (!first) return fc.oneof({ arbitrary: fc.constant(undefined), weight: 6 }, { arbitrary: garbage, weight: 1 });
  return fc.oneof({ arbitrary: build(first as unknown as Schema, pool, 0, null), weight: 15 }, { arbitrary: garbage, weight: 1 });
}
