// One place for the headers every response carries: no sniffing, no framing, and a
// Content-Security-Policy chosen by what the route serves. A route names its policy in
// its config (`config: { csp: 'page' }`); JSON and downloads get the strictest.
import type { FastifyInstance } from 'fastify';

export const CSP_POLICIES = {
  /** JSON, CSV, spreadsheets: nothing may load or run. */
  api: "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  /** The campaign report: inline styles and SVG, no script, no forms. */
  report: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'",
  /** Server-rendered pages with a form (the login page): inline styles, no script, posts to itself. */
  page: "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  /** Bull Board: its own bundled scripts and styles and its JSON API, nothing from elsewhere. */
  board: "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
} as const;

export type CspPolicy = keyof typeof CSP_POLICIES;

declare module 'fastify' {
  interface FastifyContextConfig {
    csp?: CspPolicy;
  }
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    // 404s and refusals before routing use the strictest policy.
    const policy = (!request.is404 && request.routeOptions.config.csp) || 'api';
    reply.header('content-security-policy', CSP_POLICIES[policy]);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'same-origin');
    return payload;
  });
}
