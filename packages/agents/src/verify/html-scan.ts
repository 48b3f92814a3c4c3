// One streaming pass over a page with htmlparser2's tokenizer-driven Parser: no tree is built,
// nothing recurses, and the open-element stack is capped, so the work is linear in the page
// and bounded whatever it contains. (A tree parser took ~95 s on 100,000 nested <div>s and then
// overflowed the stack in text(): parse5's scope checks walk the open-element stack per tag.)
//
// It collects what page-extract reads, with the meaning cheerio (parse5) gave the same
// selectors on ordinary pages: links and assets anywhere but inside raw-text containers;
// text, headings and titles outside script/style/noscript/template/svg; a space after each
// block element so "Main St</p><p>Springfield" stays two words.
import { Parser } from 'htmlparser2';
import { PermanentError } from '../errors.ts';

/** Deeper than any real page (Blink's parser flattens past 512); each open tag costs O(depth) in htmlparser2. */
export const MAX_PAGE_DEPTH = 512;
/** A 1 MB page of ordinary markup holds some 20,000 elements; five times that is not a home page. */
export const MAX_PAGE_ELEMENTS = 100_000;
const MAX_LD_JSON_SCRIPTS = 20;
/** Headings are kept whole up to this, and at most this many are collected at once (nested). */
const MAX_HEADING_CHARS = 10_000;
const MAX_OPEN_HEADINGS = 8;
const MAX_HEADINGS = 200;
/** A credit line ("Made with Carrd", "Powered by Squarespace") is short: this much of a link's text and of the text before it is read. */
const CREDIT_TEXT_CHARS = 80;
/** A page credits its platform once or twice; past this many credited links the rest are not kept. */
const MAX_CREDITS = 10;
/**
 * The wording of a platform's credit: what the page was made, built or published with, or
 * is powered or hosted by. Not "designed by" or "site by": those credit a design agency.
 */
const CREDIT_PHRASE = String.raw`\b(?:made|built|created|crafted|published|powered|hosted|running)\s+(?:with|by|on|using|at)`;
const CREDIT_WORDS = new RegExp(String.raw`${CREDIT_PHRASE}\b`, 'i');
const CREDIT_BEFORE = new RegExp(String.raw`${CREDIT_PHRASE}\s*[:\-–]?\s*$`, 'i');
/** Links cannot nest in HTML; a page that nests them anyway has its credits read this deep. */
const MAX_OPEN_ANCHORS = 4;

/** Dropped before text is read (cheerio's `.remove()` of these). */
const REMOVED = new Set(['script', 'style', 'noscript', 'template', 'svg']);
/** parse5 reads these as raw text: markup inside is not elements (noscript: scripting on). */
const RAW_TEXT = new Set(['noscript', 'iframe', 'noembed', 'noframes']);
const BLOCK_ELEMENTS = new Set([
  'p', 'div', 'br', 'li', 'td', 'th', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'header', 'footer',
  'address', 'span', 'a', 'dd', 'dt', 'option',
]);
const HEADINGS = new Set(['h1', 'h2']);
/** Opening one of these closes an open <p> (in button scope) in parse5. */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption',
  'figure', 'footer', 'header', 'hgroup', 'main', 'menu', 'nav', 'ol', 'p', 'search', 'section', 'summary', 'ul', 'h1', 'h2',
  'h3', 'h4', 'h5', 'h6', 'pre', 'listing', 'form', 'li', 'dd', 'dt', 'table', 'hr', 'xmp',
]);
/** parse5's "special" elements, which stop its search for an open <li>/<dd>/<dt> to close. */
const SPECIAL = new Set([
  'address', 'applet', 'area', 'article', 'aside', 'base', 'basefont', 'bgsound', 'blockquote', 'body', 'br', 'button', 'caption',
  'center', 'col', 'colgroup', 'dd', 'details', 'dir', 'div', 'dl', 'dt', 'embed', 'fieldset', 'figcaption', 'figure', 'footer',
  'form', 'frame', 'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hgroup', 'hr', 'html', 'iframe', 'img',
  'input', 'keygen', 'li', 'link', 'listing', 'main', 'marquee', 'menu', 'meta', 'nav', 'noembed', 'noframes', 'noscript',
  'object', 'ol', 'p', 'param', 'plaintext', 'pre', 'script', 'search', 'section', 'select', 'source', 'style', 'summary',
  'table', 'tbody', 'td', 'template', 'textarea', 'tfoot', 'th', 'thead', 'title', 'tr', 'track', 'ul', 'wbr', 'xmp',
]);
/** Boundaries of parse5's "button scope": a <p> outside them is not closed. */
const BUTTON_SCOPE = new Set(['applet', 'caption', 'html', 'table', 'td', 'th', 'marquee', 'object', 'template', 'button']);
/** How far up the stack those searches look (a real page's nesting is far shallower). */
const MAX_IMPLIED_SEARCH = 32;
/** Elements parse5 keeps in <head>: before anything else opens, whitespace is not body text. */
const HEAD_ELEMENTS = new Set(['html', 'head', 'title', 'meta', 'link', 'script', 'style', 'base', 'noscript', 'template', 'basefont', 'bgsound']);

export interface HtmlScan {
  /** Text of the first <title> outside removed elements; null without one. */
  title: string | null;
  /** Every such title's text, for a page whose body has no text at all. */
  allTitles: string;
  ogTitle: string | null;
  /** Content of the first <meta name=generator>, as cheerio's attr() read it (undefined: no attribute). */
  metaGenerator: string | undefined;
  ldJson: string[];
  /** href of every <a href>, in document order. */
  hrefs: string[];
  /** src/href/data-src of scripts, stylesheets, images, iframes and sources. */
  assets: string[];
  headings: string[];
  bodyText: string;
  /** Links whose own text, or the text just before them, is a platform credit ("Made with Carrd"), in document order. */
  credits: CreditLink[];
}

export interface CreditLink {
  href: string;
  /** The text before the link and the link's own text (image alt text included), cut to CREDIT_TEXT_CHARS each. */
  text: string;
}

/** The page exceeds what a home page can be: a permanent failure of that domain, never retried. */
export function pageTooComplex(reason: string): PermanentError {
  return new PermanentError(`page not read: ${reason}`, 'page-too-complex');
}

interface OpenElement {
  name: string;
  removed: boolean;
  raw: boolean;
  heading: HeadingSlot | null;
  ldJson: string[] | null;
  title: string[] | null;
  anchor: OpenAnchor | null;
}

interface OpenAnchor {
  href: string;
  before: string;
  parts: string[];
  chars: number;
}

interface HeadingSlot {
  parts: string[];
  chars: number;
  index: number;
}

export function scanHtml(html: string): HtmlScan {
  const out: HtmlScan = { title: null, allTitles: '', ogTitle: null, metaGenerator: undefined, ldJson: [], hrefs: [], assets: [], headings: [], bodyText: '', credits: [] };
  const stack: OpenElement[] = [];
  const body: string[] = [];
  const openHeadings: HeadingSlot[] = [];
  const headingTexts: string[] = [];
  const openAnchors: OpenAnchor[] = [];
  // The last few words of body text, for the "Powered by" that precedes a credit link.
  let recent = '';
  let removedDepth = 0;
  let rawDepth = 0;
  let elements = 0;
  let sawGenerator = false;
  let sawOgTitle = false;
  let sawTitle = false;
  // Whether parse5 would have opened <body> by now: decides whether a page of whitespace has
  // body text at all (the title is the page's text when not).
  let bodyStarted = false;

  const appendText = (text: string): void => {
    body.push(text);
    recent = (recent + text.slice(-CREDIT_TEXT_CHARS)).slice(-CREDIT_TEXT_CHARS);
    for (const anchor of openAnchors) addAnchorText(anchor, text);
    for (const heading of openHeadings) {
      if (heading.chars >= MAX_HEADING_CHARS) continue;
      const part = text.slice(0, MAX_HEADING_CHARS - heading.chars);
      heading.parts.push(part);
      heading.chars += part.length;
    }
  };

  const onOpen = (name: string, attribs: Record<string, string>): void => {
    // Thrown before htmlparser2 pushes deeper: its own stack never exceeds the cap either.
    if (stack.length >= MAX_PAGE_DEPTH) throw pageTooComplex(`elements nest deeper than ${MAX_PAGE_DEPTH}`);
    if (++elements > MAX_PAGE_ELEMENTS) throw pageTooComplex(`more than ${MAX_PAGE_ELEMENTS} elements`);
    if (!HEAD_ELEMENTS.has(name)) bodyStarted = true;
    // htmlparser2 closes <li>/<p> implicitly only when it is the current element; parse5 also
    // closes it through open inline elements, and that close is a block boundary (a space).
    if (removedDepth === 0 && rawDepth === 0 && parse5ClosesABlock(stack, name)) appendText(' ');
    const element: OpenElement = { name, removed: REMOVED.has(name), raw: RAW_TEXT.has(name), heading: null, ldJson: null, title: null, anchor: null };
    stack.push(element);
    if (rawDepth > 0) return;
    if (name === 'a' && attribs.href !== undefined) {
      out.hrefs.push(attribs.href);
      if (removedDepth === 0 && out.credits.length < MAX_CREDITS && openAnchors.length < MAX_OPEN_ANCHORS) {
        element.anchor = { href: attribs.href, before: recent, parts: [], chars: 0 };
        openAnchors.push(element.anchor);
        addAnchorText(element.anchor, `${attribs.title ?? ''} ${attribs['aria-label'] ?? ''}`);
      }
    }
    // A credit badge is often an image: its alt text is the credit.
    if (name === 'img' && removedDepth === 0) for (const anchor of openAnchors) addAnchorText(anchor, ` ${attribs.alt ?? ''} `);
    const asset = assetOf(name, attribs);
    if (asset !== null) out.assets.push(asset);
    // The generator was read before cheerio's removal, og:title and the title after it.
    if (name === 'meta' && !sawGenerator && (attribs.name ?? '').toLowerCase() === 'generator') {
      sawGenerator = true;
      out.metaGenerator = attribs.content;
    }
    if (name === 'meta' && removedDepth === 0 && !sawOgTitle && attribs.property === 'og:title') {
      sawOgTitle = true;
      out.ogTitle = attribs.content?.trim() || null;
    }
    if (name === 'script' && out.ldJson.length < MAX_LD_JSON_SCRIPTS && (attribs.type ?? '').toLowerCase() === 'application/ld+json') element.ldJson = [];
    if (removedDepth === 0 && name === 'title') element.title = [];
    if (removedDepth === 0 && HEADINGS.has(name) && openHeadings.length < MAX_OPEN_HEADINGS && headingTexts.length < MAX_HEADINGS) {
      element.heading = { parts: [], chars: 0, index: headingTexts.push('') - 1 };
      openHeadings.push(element.heading);
    }
    if (element.removed) removedDepth++;
    if (element.raw) rawDepth++;
  };

  const onText = (raw: string): void => {
    const top = stack[stack.length - 1];
    const text = top?.name === 'textarea' ? decodeEntities(raw) : raw;
    if (top?.ldJson) top.ldJson.push(text);
    if (top?.title) top.title.push(text);
    else if (removedDepth === 0 && (bodyStarted || (bodyStarted = text.trim().length > 0))) appendText(text);
  };

  // htmlparser2 closes every element it opened (void ones at once, the rest at their end tag,
  // an implied close, or the end of input), innermost first: this stack mirrors its own.
  const onClose = (): void => {
    const element = stack.pop();
    if (!element) return;
    if (element.raw) rawDepth--;
    if (element.removed) removedDepth--;
    if (element.ldJson) out.ldJson.push(element.ldJson.join(''));
    if (element.title) {
      const text = element.title.join('');
      out.allTitles += text;
      if (!sawTitle) out.title = text;
      sawTitle = true;
    }
    if (element.anchor) {
      openAnchors.splice(openAnchors.indexOf(element.anchor), 1);
      const own = element.anchor.parts.join('');
      const text = `${element.anchor.before} ${own}`.replace(/\s+/g, ' ').trim();
      if (out.credits.length < MAX_CREDITS && isCredit(element.anchor.before, own)) out.credits.push({ href: element.anchor.href, text });
    }
    if (element.heading) {
      openHeadings.splice(openHeadings.indexOf(element.heading), 1);
      headingTexts[element.heading.index] = element.heading.parts.join('');
    }
    // parse5 made no elements inside raw text, so no spaces after them either.
    if (removedDepth === 0 && rawDepth === 0 && BLOCK_ELEMENTS.has(element.name)) appendText(' ');
  };

  const parser = new Parser({ onopentag: onOpen, ontext: onText, onclosetag: onClose }, { decodeEntities: true });
  parser.write(html);
  parser.end();
  out.headings = headingTexts;
  out.bodyText = body.join('');
  return out;
}

function addAnchorText(anchor: OpenAnchor, text: string): void {
  if (anchor.chars >= CREDIT_TEXT_CHARS || text === '') return;
  const part = text.slice(0, CREDIT_TEXT_CHARS - anchor.chars);
  anchor.parts.push(part);
  anchor.chars += part.length;
}

/** The link's own text credits a platform, or the text just before it ends in the credit's wording ("Powered by <a>…"). */
function isCredit(before: string, own: string): boolean {
  return CREDIT_WORDS.test(own) || CREDIT_BEFORE.test(before);
}

function parse5ClosesABlock(stack: OpenElement[], opening: string): boolean {
  if (CLOSES_P.has(opening) && pInButtonScope(stack)) return true;
  if (opening === 'li') return openListItem(stack, ['li']);
  if (opening === 'dd' || opening === 'dt') return openListItem(stack, ['dd', 'dt']);
  return false;
}

function pInButtonScope(stack: OpenElement[]): boolean {
  for (let i = stack.length - 1; i >= Math.max(0, stack.length - MAX_IMPLIED_SEARCH); i--) {
    const name = stack[i]!.name;
    if (name === 'p') return true;
    if (BUTTON_SCOPE.has(name)) return false;
  }
  return false;
}

function openListItem(stack: OpenElement[], items: string[]): boolean {
  for (let i = stack.length - 1; i >= Math.max(0, stack.length - MAX_IMPLIED_SEARCH); i--) {
    const name = stack[i]!.name;
    if (items.includes(name)) return true;
    if (SPECIAL.has(name) && name !== 'address' && name !== 'div' && name !== 'p') return false;
  }
  return false;
}

/** htmlparser2 leaves entities in <textarea> text; parse5 decoded them (RCDATA). */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  const parts: string[] = [];
  const parser = new Parser({ ontext: (part) => parts.push(part) }, { decodeEntities: true });
  parser.write(text.replaceAll('<', '&lt;'));
  parser.end();
  return parts.join('');
}

/** What `script[src], link[href], img[src], iframe[src], source[src], img[data-src]` selected, and the attribute read. */
function assetOf(name: string, attribs: Record<string, string>): string | null {
  const matches =
    ((name === 'script' || name === 'iframe' || name === 'source') && attribs.src !== undefined) ||
    (name === 'link' && attribs.href !== undefined) ||
    (name === 'img' && (attribs.src !== undefined || attribs['data-src'] !== undefined));
  return matches ? (attribs.src ?? attribs.href ?? attribs['data-src'] ?? '') : null;
}
