import type { VerifierConfig } from '../../config/verifiers.js';
import { checkJsonSchema } from './json-schema-check.js';
import { answerText, describeError, verdict } from './verdict.js';
import type { Verifier } from './verifier.js';

type JsonSchemaConfig = Extract<VerifierConfig, { type: 'json_schema' }>;

/** How many schema issues a reason names before it says "and N more". */
const issuesShown = 3;

/**
 * Passes when the answer is JSON (a Markdown code fence around it is allowed) and, when the config or
 * the request's `response_format` gives a schema, validates against it.
 */
export function createJsonSchemaVerifier(config: JsonSchemaConfig): Verifier {
  const threshold = config.threshold ?? 1;
  return {
    name: 'json_schema',
    async verify(request, response) {
      let value: unknown;
      try {
        value = JSON.parse(unfence(answerText(response)));
      } catch (error) {
        return verdict(0, threshold, `the answer is not valid JSON: ${describeError(error)}`);
      }
      const format = request.response_format;
      const schema =
        config.schema ?? (format?.type === 'json_schema' ? format.json_schema.schema : undefined);
      if (schema === undefined) return verdict(1, threshold, 'the answer is valid JSON (no schema given)');
      const issues = checkJsonSchema(value, schema);
      if (issues.length === 0) return verdict(1, threshold, 'the answer is JSON that matches the schema');
      const named = issues.slice(0, issuesShown).map((issue) => `${issue.path} ${issue.message}`);
      const more = issues.length > issuesShown ? ` and ${issues.length - issuesShown} more` : '';
      return verdict(0, threshold, `the JSON does not match the schema: ${named.join('; ')}${more}`);
    },
  };
}

/** The text inside a single Markdown code fence, or the text itself when there is none. */
function unfence(text: string): string {
  const fenced = /^\s*```[a-zA-Z]*\s*\n([\s\S]*?)\n?```\s*$/.exec(text);
  return (fenced?.[1] ?? text).trim();
}
