// Reads the bundled provider files and an optional ops file (PROVIDERS_FILE) over them.
// Called once by a composition root; the agents only receive the built Catalog.
import { readFileSync } from 'node:fs';
import { load as parseYaml } from 'js-yaml';
import type { z } from 'zod';
import { createCatalog, type Catalog } from './catalog.ts';
import {
  providerFileSchema,
  providerPatchSchema,
  providerSchema,
  type ProviderEntry,
  type ProviderPatch,
} from './catalog.schema.ts';

const BUNDLED_FILES = ['email.json', 'email-gateways.json', 'web.json', 'dns.json', 'platforms.json', 'voip.json', 'parking.json', 'isp.json'];

export class CatalogError extends Error {
  override name = 'CatalogError';
}

export interface LoadCatalogOptions {
  /** JSON or YAML file of provider entries; an entry with a bundled slug overrides that entry's fields. */
  extraFile?: string;
}

export function loadCatalog(options: LoadCatalogOptions = {}): Catalog {
  const bundled = loadBundledProviders();
  if (!options.extraFile) return createCatalog(bundled);
  const text = readText(options.extraFile);
  return createCatalog(mergeProviders(bundled, parseProviderFile(text, options.extraFile)));
}

export function loadBundledProviders(): ProviderEntry[] {
  const bySlug = new Map<string, ProviderEntry>();
  for (const file of BUNDLED_FILES) {
    const url = new URL(`./providers/${file}`, import.meta.url);
    const entries = parseEntries(parseDocument(readFileSync(url, 'utf8'), file), file, () => providerSchema);
    for (const entry of entries as ProviderEntry[]) {
      if (bySlug.has(entry.slug)) throw new CatalogError(`${file}: provider "${entry.slug}" is defined twice in the bundled catalog`);
      bySlug.set(entry.slug, entry);
    }
  }
  return [...bySlug.values()];
}

/**
 * Validates an ops file's entries. An entry whose slug is not bundled must be complete
 * (name and kinds); one that overrides may list only the fields it replaces.
 */
export function parseProviderFile(text: string, fileName: string, known?: ReadonlySet<string>): ProviderPatch[] {
  const slugs = known ?? new Set(loadBundledProviders().map((p) => p.slug));
  const doc = parseDocument(text, fileName);
  return parseEntries(doc, fileName, (raw) => (slugs.has(slugOf(raw) ?? '') ? providerPatchSchema : providerSchema));
}

/** Field-level override: a field given by ops replaces the bundled one; the rest are kept. */
export function mergeProviders(base: ProviderEntry[], patches: ProviderPatch[]): ProviderEntry[] {
  const bySlug = new Map(base.map((p) => [p.slug, p]));
  for (const patch of patches) {
    const current = bySlug.get(patch.slug);
    const merged = current ? { ...current, ...definedFields(patch) } : patch;
    const checked = providerSchema.safeParse(merged);
    if (!checked.success) throw new CatalogError(formatIssues('override', patch.slug, checked.error));
    bySlug.set(patch.slug, checked.data);
  }
  return [...bySlug.values()];
}

function parseDocument(text: string, fileName: string): unknown[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new CatalogError(`${fileName}: not valid JSON or YAML: ${(error as Error).message}`);
  }
  const file = providerFileSchema.safeParse(doc);
  if (!file.success) throw new CatalogError(`${fileName}: expected a list of providers or { providers: [...] }`);
  return Array.isArray(file.data) ? file.data : file.data.providers;
}

function parseEntries<T>(raw: unknown[], fileName: string, schemaFor: (entry: unknown) => z.ZodType<T>): T[] {
  return raw.map((entry, index) => {
    const result = schemaFor(entry).safeParse(entry);
    if (result.success) return result.data;
    throw new CatalogError(formatIssues(`${fileName} entry #${index + 1}`, slugOf(entry), result.error));
  });
}

function formatIssues(where: string, slug: string | null, error: z.ZodError): string {
  const label = slug ? `${where} ("${slug}")` : where;
  const lines = error.issues.slice(0, 5).map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(entry)';
    return `field ${field}: ${issue.message}`;
  });
  return `${label}: ${lines.join('; ')}`;
}

function slugOf(entry: unknown): string | null {
  if (typeof entry !== 'object' || entry === null || !('slug' in entry)) return null;
  const slug = (entry as { slug: unknown }).slug;
  return typeof slug === 'string' ? slug : null;
}

function definedFields(patch: ProviderPatch): Partial<ProviderEntry> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<ProviderEntry>;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CatalogError(`cannot read provider file ${path}: ${(error as Error).message}`);
  }
}
