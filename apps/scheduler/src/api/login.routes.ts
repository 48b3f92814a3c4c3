import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PrismaClient } from '@prospector/core';
import { escapeHtml } from '../report/report.html.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { safeRedirectPath } from './safe-redirect.ts';
import { createSession, SESSION_COOKIE } from './sessions.ts';
import { resolveApiToken } from './tokens.ts';

// `next` is written into the form by the server, already checked: the page needs no script.
const page = (next: string, error = '') => `<!doctype html><html><head><meta charset="utf-8"><title>Prospector — sign in</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto}input,button{font-size:1rem;padding:.4rem;width:100%;margin:.3rem 0}</style></head>
<body><h1>Prospector</h1><form method="post" action="/login"><label>API token<input name="token" type="password" autocomplete="off" required></label>
<input type="hidden" name="next" value="${escapeHtml(next)}"><button type="submit">Sign in</button></form>${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
</body></html>`;

/** Secure whenever the browser reached us over HTTPS, directly or (with trust proxy) through a proxy that says so. */
function sessionCookie(request: FastifyRequest, secret: string, expiresAt: Date): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `${SESSION_COOKIE}=${secret}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAge}${secure}`;
}

export function registerLoginRoutes(app: FastifyInstance, prisma: PrismaClient, throttle: LoginThrottle): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.get<{ Querystring: { next?: string } }>('/login', { config: { role: 'public', csp: 'page' }, schema: { hide: true } }, async (request, reply) =>
    reply.type('text/html; charset=utf-8').send(page(safeRedirectPath(request.query.next))),
  );
  app.post('/login', { config: { role: 'public', csp: 'page' }, bodyLimit: 16 * 1024, schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const next = safeRedirectPath(body.next);
    const verdict = await throttle.attempt(request.ip);
    if (!verdict.allowed) {
      const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
      return reply.code(429).header('retry-after', String(verdict.retryAfterSeconds)).type('text/html; charset=utf-8').send(page(next, `Too many sign-in attempts from your address; try again in ${minutes} min.`));
    }
    const credential = typeof body.token === 'string' ? await resolveApiToken(prisma, body.token) : null;
    if (!credential) return reply.code(401).type('text/html; charset=utf-8').send(page(next, 'That token is not valid.'));
    await throttle.succeeded(request.ip);
    const session = await createSession(prisma, credential);
    reply.header('set-cookie', sessionCookie(request, session.secret, session.expiresAt));
    return reply.redirect(next);
  });
}
