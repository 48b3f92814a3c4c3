// Reads and validates a teams file (YAML or JSON). Every problem of shape is reported at
// once, each with its line and field, before anything is written; the checks across
// teams (duplicate names, passesTo) run once every team is well-formed.
import { readFile } from 'node:fs/promises';
import { load, YAMLException } from 'js-yaml';
import type { ZodError } from 'zod';
import { lineOfPath, locatePaths } from './source-locations.ts';
import { teamsFileSchema, type TeamsFile } from './teams.schema.ts';

export class TeamsFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'TeamsFileError';
  }
}

export async function readTeamsFile(file: string): Promise<TeamsFile> {
  return parseTeamsFile(await readFile(file, 'utf8'), file);
}

export function parseTeamsFile(source: string, file = 'teams file'): TeamsFile {
  let data: unknown;
  try {
    data = load(source.replace(/^\uFEFF/, ''));
  } catch (error) {
    const where = error instanceof YAMLException ? `line ${error.mark?.line !== undefined ? error.mark.line + 1 : '?'}` : 'line ?';
    throw new TeamsFileError(file, [`${where}: not valid YAML or JSON: ${error instanceof YAMLException ? error.reason : String(error)}`]);
  }
  const parsed = teamsFileSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw new TeamsFileError(file, describeIssues(parsed.error, source));
}

function describeIssues(error: ZodError, source: string): string[] {
  const lines = locatePaths(source);
  return error.issues.map((issue) => {
    const line = lineOfPath(lines, issue.path);
    const field = issue.path.length ? formatPath(issue.path) : '(top level)';
    return `line ${line ?? '?'}, ${field}: ${issue.message}`;
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}
