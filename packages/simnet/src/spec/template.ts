// Expands the spec's record templates (see spec.types.ts) for one business. One
// TemplateScope covers one record set, so `{n+1}` follows the `{n:…}` before it and
// `{pick:…}` never repeats a choice (two name servers of one zone differ).
import type { Rng } from '../prng.ts';
import type { Template } from './spec.types.ts';

export interface TemplateContext {
  domain?: string;
  ip?: string;
  city?: string;
}

/** Only these brace forms are placeholders: markup's own braces (JSON, scripts) pass through. */
const PLACEHOLDER = /\{(domain|dashed|label|city|ip|ipdashed|iphex|o[1-4]|[dhaA]:\d+|n|n\+1|n:\d+-\d+|pick:[^{}]+|same)\}/g;
const HEX = '0123456789abcdef';
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const DIGITS = '0123456789';
const MIXED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class TemplateScope {
  private lastN: { value: number; width: number } | null = null;
  private readonly picked = new Set<string>();
  private lastPick: string | null = null;

  constructor(private readonly rng: Rng, private readonly context: TemplateContext) {}

  expand(template: Template): string {
    return template.replace(PLACEHOLDER, (_, token: string) => this.token(token, template));
  }

  private token(token: string, template: Template): string {
    const { domain, ip, city } = this.context;
    const [head = '', arg = ''] = splitOnce(token, ':');
    switch (head) {
      case 'domain': return need(domain, token, template);
      case 'dashed': return need(domain, token, template).replaceAll('.', '-');
      case 'label': return (need(domain, token, template).split('.')[0] ?? 'site').slice(0, 20);
      case 'city': return need(city, token, template);
      case 'ip': return need(ip, token, template);
      case 'ipdashed': return need(ip, token, template).replaceAll('.', '-');
      case 'iphex': return need(ip, token, template).split('.').map((o) => Number(o).toString(16).padStart(2, '0')).join('');
      case 'o1': case 'o2': case 'o3': case 'o4': return need(ip, token, template).split('.')[Number(head[1]) - 1] ?? '0';
      case 'd': return this.chars(DIGITS, Number(arg));
      case 'h': return this.chars(HEX, Number(arg));
      case 'a': return this.chars(ALNUM, Number(arg));
      case 'A': return this.chars(MIXED, Number(arg));
      case 'n': {
        if (arg !== '') return this.range(arg, template);
        if (!this.lastN) throw new Error(`template ${template}: {n} before any {n:…}`);
        return String(this.lastN.value).padStart(this.lastN.width, '0');
      }
      case 'n+1': {
        if (!this.lastN) throw new Error(`template ${template}: {n+1} before any {n:…}`);
        return String(this.lastN.value + 1).padStart(this.lastN.width, '0');
      }
      case 'pick': return this.pick(arg.split('|'), template);
      case 'same': {
        if (this.lastPick === null) throw new Error(`template ${template}: {same} before any {pick:…}`);
        return this.lastPick;
      }
      default: throw new Error(`template ${template}: unknown placeholder {${token}}`);
    }
  }

  private chars(alphabet: string, count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += alphabet[Math.floor(this.rng.next() * alphabet.length)] ?? '0';
    return out;
  }

  private range(arg: string, template: Template): string {
    const m = /^(\d+)-(\d+)$/.exec(arg);
    if (!m?.[1] || !m[2]) throw new Error(`template ${template}: {n:${arg}} is not LO-HI`);
    const value = this.rng.int(Number(m[1]), Number(m[2]));
    this.lastN = { value, width: m[1].length };
    return String(value).padStart(m[1].length, '0');
  }

  private pick(choices: string[], template: Template): string {
    const free = choices.filter((c) => !this.picked.has(c));
    if (free.length === 0) throw new Error(`template ${template}: {pick} ran out of choices`);
    const choice = this.rng.pick(free);
    this.picked.add(choice);
    this.lastPick = choice;
    return choice;
  }
}

function splitOnce(s: string, sep: string): [string, string] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
}

function need(value: string | undefined, token: string, template: Template): string {
  if (value === undefined) throw new Error(`template ${template}: {${token}} has no value here`);
  return value;
}
