/**
 * A JSON Schema subset, enough for checking model output: type (one or several, `integer` included),
 * enum, const, properties, required, additionalProperties, items, prefixItems, min/maxItems,
 * uniqueItems, min/maxLength, pattern, minimum, maximum, exclusiveMinimum, exclusiveMaximum,
 * multipleOf, min/maxProperties, allOf, anyOf, oneOf and not. Unknown keywords (format, $id, title,
 * description, …) are ignored, as JSON Schema itself does for annotations.
 */
export type JsonSchema = { [keyword: string]: unknown };

/** One way a value breaks a schema, with the JSON path where it happened. */
export interface SchemaIssue {
  path: string;
  message: string;
}

/** Every issue of `value` against `schema`; an empty list means the value is valid. */
export function checkJsonSchema(value: unknown, schema: unknown, path = '$'): SchemaIssue[] {
  if (schema === true || schema === undefined) return [];
  if (schema === false) return [{ path, message: 'no value is allowed here' }];
  if (!isObject(schema)) return [];
  const issues: SchemaIssue[] = [];
  const add = (message: string, at = path) => issues.push({ path: at, message });

  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((type) => hasType(value, String(type)))) {
      add(`expected ${types.join(' or ')}, got ${typeOf(value)}`);
      return issues;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((option) => equal(option, value))) {
    add(`expected one of ${schema.enum.map((option) => JSON.stringify(option)).join(', ')}`);
  }
  if ('const' in schema && !equal(schema.const, value)) add(`expected ${JSON.stringify(schema.const)}`);

  if (typeof value === 'string') checkString(value, schema, add);
  if (typeof value === 'number') checkNumber(value, schema, add);
  if (Array.isArray(value)) issues.push(...checkArray(value, schema, path));
  else if (isObject(value)) issues.push(...checkObject(value, schema, path));

  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) issues.push(...checkJsonSchema(value, part, path));
  }
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((part) => valid(value, part))) {
    add('matches none of the anyOf alternatives');
  }
  if (Array.isArray(schema.oneOf)) {
    const matching = schema.oneOf.filter((part) => valid(value, part)).length;
    if (matching !== 1) add(`matches ${matching} of the oneOf alternatives, not exactly one`);
  }
  if (schema.not !== undefined && valid(value, schema.not)) add('matches the schema under `not`');
  return issues;
}

function checkString(value: string, schema: JsonSchema, add: (message: string) => void): void {
  const length = Array.from(value).length;
  if (typeof schema.minLength === 'number' && length < schema.minLength)
    add(`shorter than ${schema.minLength} characters`);
  if (typeof schema.maxLength === 'number' && length > schema.maxLength)
    add(`longer than ${schema.maxLength} characters`);
  if (typeof schema.pattern === 'string' && !safePattern(schema.pattern)?.test(value))
    add(`does not match the pattern ${schema.pattern}`);
}

function checkNumber(value: number, schema: JsonSchema, add: (message: string) => void): void {
  if (typeof schema.minimum === 'number' && value < schema.minimum) add(`less than ${schema.minimum}`);
  if (typeof schema.maximum === 'number' && value > schema.maximum) add(`greater than ${schema.maximum}`);
  if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum)
    add(`not greater than ${schema.exclusiveMinimum}`);
  if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum)
    add(`not less than ${schema.exclusiveMaximum}`);
  if (typeof schema.multipleOf === 'number' && schema.multipleOf > 0) {
    const quotient = value / schema.multipleOf;
    if (Math.abs(quotient - Math.round(quotient)) > 1e-9) add(`not a multiple of ${schema.multipleOf}`);
  }
}

function checkArray(value: unknown[], schema: JsonSchema, path: string): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  if (typeof schema.minItems === 'number' && value.length < schema.minItems)
    issues.push({ path, message: `fewer than ${schema.minItems} items` });
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
    issues.push({ path, message: `more than ${schema.maxItems} items` });
  if (schema.uniqueItems === true) {
    const seen = value.findIndex((item, index) => value.slice(0, index).some((other) => equal(item, other)));
    if (seen >= 0) issues.push({ path: `${path}[${seen}]`, message: 'repeats an earlier item' });
  }
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
  value.forEach((item, index) => {
    const itemSchema = index < prefix.length ? prefix[index] : schema.items;
    issues.push(...checkJsonSchema(item, itemSchema, `${path}[${index}]`));
  });
  return issues;
}

function checkObject(value: Record<string, unknown>, schema: JsonSchema, path: string): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  const properties = isObject(schema.properties) ? schema.properties : {};
  const keys = Object.keys(value);
  if (Array.isArray(schema.required)) {
    for (const name of schema.required) {
      if (typeof name === 'string' && !(name in value))
        issues.push({ path, message: `missing required property "${name}"` });
    }
  }
  if (typeof schema.minProperties === 'number' && keys.length < schema.minProperties)
    issues.push({ path, message: `fewer than ${schema.minProperties} properties` });
  if (typeof schema.maxProperties === 'number' && keys.length > schema.maxProperties)
    issues.push({ path, message: `more than ${schema.maxProperties} properties` });
  for (const key of keys) {
    const at = `${path}.${key}`;
    if (key in properties) issues.push(...checkJsonSchema(value[key], properties[key], at));
    else if (schema.additionalProperties === false)
      issues.push({ path: at, message: 'is not an allowed property' });
    else if (schema.additionalProperties !== undefined)
      issues.push(...checkJsonSchema(value[key], schema.additionalProperties, at));
  }
  return issues;
}

function valid(value: unknown, schema: unknown): boolean {
  return checkJsonSchema(value, schema).length === 0;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isInteger(value)) return 'integer';
  return typeof value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function equal(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  const leftKeys = Object.keys(left);
  const rightKeys = Object.keys(right);
  if (leftKeys.length !== rightKeys.length) return false;
  return leftKeys.every((key) =>
    equal((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key]),
  );
}

function safePattern(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}
