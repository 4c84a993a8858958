import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/** One relative import of a module: where it points and whether it vanishes at runtime. */
export interface ImportEdge {
  /** The specifier as written, e.g. `../core/errors.js`. */
  specifier: string;
  /** Repo-relative path of the file it resolves to, or null when no such file exists. */
  target: string | null;
  /** True for `import type`, `export type … from` and `typeof import('…')`: erased when compiled. */
  typeOnly: boolean;
  /** 1-based line of the import in the importing file. */
  line: number;
}

/** One source file and the relative imports it makes; the unit the architecture rules check. */
export interface ModuleRecord {
  /** Repo-relative POSIX path, e.g. `src/models/provider.ts`. */
  file: string;
  imports: ImportEdge[];
}

const sourceExtensions = ['.ts', '.tsx', '.mts', '.cts'];
const skippedFolders = new Set(['node_modules', 'dist', '__fixtures__', 'fixtures']);
// Under NodeNext a TypeScript file is imported by the name of its compiled output.
const compiledToSource: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

function isSourceFile(name: string): boolean {
  return sourceExtensions.some((extension) => name.endsWith(extension)) && !name.endsWith('.d.ts');
}

function listSourceFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return skippedFolders.has(entry.name) ? [] : listSourceFiles(path);
    return entry.isFile() && isSourceFile(entry.name) ? [path] : [];
  });
}

function toRepoPath(root: string, path: string): string {
  return relative(root, path).split(sep).join(posix.sep);
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** Resolves a relative specifier the way TypeScript does under NodeNext; null when nothing matches. */
export function resolveSpecifier(root: string, fromFile: string, specifier: string): string | null {
  const base = join(root, dirname(fromFile), specifier);
  const extension = posix.extname(specifier);
  const candidates = [
    ...(compiledToSource[extension] ?? []).map((source) => base.slice(0, -extension.length) + source),
    base,
    ...sourceExtensions.map((source) => base + source),
    ...sourceExtensions.map((source) => join(base, `index${source}`)),
  ];
  const found = candidates.find(isFile);
  return found === undefined ? null : toRepoPath(root, found);
}

interface RawImport {
  specifier: string;
  typeOnly: boolean;
  position: number;
}

function literalText(node: ts.Node | undefined): string | undefined {
  return node !== undefined && ts.isStringLiteralLike(node) ? node.text : undefined;
}

function rawImportOf(node: ts.Node): RawImport | undefined {
  const position = node.getStart();
  if (ts.isImportDeclaration(node)) {
    const specifier = literalText(node.moduleSpecifier);
    const typeOnly = node.importClause?.isTypeOnly ?? false;
    return specifier === undefined ? undefined : { specifier, typeOnly, position };
  }
  if (ts.isExportDeclaration(node)) {
    const specifier = literalText(node.moduleSpecifier);
    return specifier === undefined ? undefined : { specifier, typeOnly: node.isTypeOnly, position };
  }
  if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
    const specifier = literalText(node.moduleReference.expression);
    return specifier === undefined ? undefined : { specifier, typeOnly: node.isTypeOnly, position };
  }
  if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
    const specifier = literalText(node.arguments[0]);
    return specifier === undefined ? undefined : { specifier, typeOnly: false, position };
  }
  if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
    const specifier = literalText(node.argument.literal);
    return specifier === undefined ? undefined : { specifier, typeOnly: true, position };
  }
  return undefined;
}

/** Every relative import in one file's text: static, re-exports, type-only and literal dynamic imports. */
export function extractImports(root: string, file: string, text: string): ImportEdge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const edges: ImportEdge[] = [];
  const visit = (node: ts.Node): void => {
    const raw = rawImportOf(node);
    if (raw !== undefined && (raw.specifier.startsWith('./') || raw.specifier.startsWith('../'))) {
      edges.push({
        specifier: raw.specifier,
        target: resolveSpecifier(root, file, raw.specifier),
        typeOnly: raw.typeOnly,
        line: source.getLineAndCharacterOfPosition(raw.position).line + 1,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** Reads every TypeScript source under the given top-level folders of the repo into module records. */
export function readImportGraph(root: string, folders: readonly string[]): ModuleRecord[] {
  return folders
    .flatMap((folder) => listSourceFiles(join(root, folder)))
    .map((path) => toRepoPath(root, path))
    .sort()
    .map((file) => ({ file, imports: extractImports(root, file, readFileSync(join(root, file), 'utf8')) }));
}

/**
 * Finds import cycles with a depth-first search; each cycle is the list of files along it, starting and
 * ending with the same file. Every back edge yields one cycle, and rotations of one cycle are reported once.
 */
export function findCycles(records: readonly ModuleRecord[]): string[][] {
  const edges = new Map(records.map((record) => [record.file, record.imports]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const seen = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const { target } of edges.get(file) ?? []) {
      if (target === null || !edges.has(target)) continue;
      if (state.get(target) === 'open') {
        const cycle = stack.slice(stack.indexOf(target));
        const start = cycle.indexOf([...cycle].sort()[0] ?? target);
        const canonical = [...cycle.slice(start), ...cycle.slice(0, start)];
        const key = canonical.join(' -> ');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push([...canonical, canonical[0] ?? target]);
        }
      } else if (!state.has(target)) {
        visit(target);
      }
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const { file } of records) if (!state.has(file)) visit(file);
  return cycles;
}
