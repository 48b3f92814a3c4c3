import type { FastifyInstance } from 'fastify';
import type { PrismaClient } from '@prospector/core';
import { TOKEN_COOKIE } from './auth.ts';
import { resolveApiToken } from './tokens.ts';

const page = (error = '') => `<!doctype html><html><head><meta charset="utf-8"><title>Prospector — sign in</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto}input,button{font-size:1rem;padding:.4rem;width:100%;margin:.3rem 0}</style></head>
<body><h1>Prospector</h1><form method="post" action="/login"><label>API token<input name="token" type="password" autocomplete="off" required></label>
<input type="hidden" name="next" id="next"><button type="submit">Sign in</button></form>${error ? `<p role="alert">${error}</p>` : ''}
<script>document.getElementById('next').value=new URLSearchParams(location.search).get('next')||'/'</script></body></html>`;

/** Only same-site relative paths: never an open redirect. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function registerLoginRoutes(app: FastifyInstance, prisma: PrismaClient): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.get('/login', { config: { role: 'public' }, schema: { hide: true } }, async (_req, reply) => reply.type('text/html').send(page()));
  app.post('/login', { config: { role: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, string>;
    const token = body.token ?? '';
    if (!(await resolveApiToken(prisma, token))) return reply.code(401).type('text/html').send(page('That token is not valid.'));
    reply.header('set-cookie', `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200`);
    return reply.redirect(safeNext(body.next));
  });
}
