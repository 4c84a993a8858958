/** Fills `{{ name }}` (or `{{ name.field }}`) placeholders from variables; unknown names stay as written. */
export function renderTemplate(template: string, variables: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, path: string) => {
    const value = lookup(variables, path);
    if (value === undefined) return whole;
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

/** The variable names a template uses, in order of first use. */
export function templateVariables(template: string): string[] {
  const names = [...template.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)].map((match) => match[1] ?? '');
  return [...new Set(names.map((name) => name.split('.')[0] ?? name))];
}

function lookup(variables: Readonly<Record<string, unknown>>, path: string): unknown {
  let current: unknown = variables;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
