// Maps each path of a parsed YAML (or JSON: it is YAML too) document to the line it sits
// on, so a validation error can say "line 12, teams[1].members[0].capacity". js-yaml's
// event stream carries source offsets; the loaded value does not.
import { EVENT_ID, getScalarValue, parseEvents, type Event } from 'js-yaml';

export type PathKey = string;

export function pathKey(path: readonly PropertyKey[]): PathKey {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}

interface Frame {
  kind: 'map' | 'seq';
  path: PropertyKey[];
  index: number;
  /** Mapping only: the key read, waiting for its value. */
  key: string | null;
}

/** Line numbers (1-based) by path; an unparsable document yields an empty map (load reports it). */
export function locatePaths(source: string): Map<PathKey, number> {
  let events: Event[];
  try {
    events = parseEvents(source, {});
  } catch {
    return new Map();
  }
  const lines = lineStarts(source);
  const lineAt = (offset: number) => lineOf(lines, offset);
  const found = new Map<PathKey, number>();
  const stack: Frame[] = [];

  // The path a node opened now takes, or null when it is a mapping key.
  const place = (): PropertyKey[] | null => {
    const top = stack[stack.length - 1];
    if (!top) return [];
    if (top.kind === 'seq') return [...top.path, top.index++];
    if (top.key === null) return null;
    // The key's own line is already recorded: "members:" is where a reader looks.
    const path = [...top.path, top.key];
    top.key = null;
    return path;
  };
  for (const event of events) {
    if (event.type === EVENT_ID.SCALAR) {
      const top = stack[stack.length - 1];
      if (top?.kind === 'map' && top.key === null) {
        top.key = getScalarValue(source, event);
        found.set(pathKey([...top.path, top.key]), lineAt(event.valueStart));
        continue;
      }
      const path = place();
      if (path && !found.has(pathKey(path))) found.set(pathKey(path), lineAt(event.valueStart));
    } else if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
      const path = place() ?? [];
      if (!found.has(pathKey(path))) found.set(pathKey(path), lineAt(event.start));
      stack.push({ kind: event.type === EVENT_ID.MAPPING ? 'map' : 'seq', path, index: 0, key: null });
    } else if (event.type === EVENT_ID.POP) {
      stack.pop();
    } else if (event.type === EVENT_ID.ALIAS) {
      place();
    }
  }
  return found;
}

/** The line of the deepest known ancestor of a path (a missing field: its parent's line). */
export function lineOfPath(lines: Map<PathKey, number>, path: readonly PropertyKey[]): number | null {
  for (let n = path.length; n >= 0; n -= 1) {
    const line = lines.get(pathKey(path.slice(0, n)));
    if (line !== undefined) return line;
  }
  return null;
}

function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i += 1) if (source.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
