// One-click unsubscribe (RFC 8058). The link in List-Unsubscribe carries a signed token; the
// mail provider POSTs `List-Unsubscribe=One-Click` to it without a session, so the route is
// public and the token is the only authority. A GET (a person, or a link scanner following the
// link) only shows a confirmation form: fetching a link must never unsubscribe anyone.
import type { FastifyInstance } from 'fastify';
import { verifyUnsubscribeToken, type PrismaClient } from '@prospector/core';

export interface UnsubscribeRouteDeps {
  prisma: PrismaClient;
  /** DIGEST_SIGNING_SECRET; without it every token is refused. */
  signingSecret: string | undefined;
}

const tokenQuery = { type: 'object', required: ['token'], properties: { token: { type: 'string', maxLength: 100 } } } as const;

export function registerUnsubscribeRoutes(app: FastifyInstance, deps: UnsubscribeRouteDeps): void {
  const subscriptionOf = (token: string) => (deps.signingSecret ? verifyUnsubscribeToken(deps.signingSecret, token) : null);

  app.get<{ Querystring: { token: string } }>('/unsubscribe', { config: { role: 'public', csp: 'page' }, schema: { hide: true, querystring: tokenQuery } }, async (request, reply) => {
    if (subscriptionOf(request.query.token) === null) return reply.code(400).type('text/html; charset=utf-8').send(page('This unsubscribe link is not valid.'));
    const action = `/unsubscribe?token=${encodeURIComponent(request.query.token)}`;
    return reply
      .type('text/html; charset=utf-8')
      .send(page(`Stop receiving this digest?</p><form method="post" action="${action}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button>Unsubscribe</button></form><p>`));
  });

  app.post<{ Querystring: { token: string } }>(
    '/unsubscribe',
    { config: { role: 'public', csp: 'page' }, bodyLimit: 1024, schema: { hide: true, querystring: tokenQuery } },
    async (request, reply) => {
      const id = subscriptionOf(request.query.token);
      if (id === null) return reply.code(400).type('text/plain').send('invalid unsubscribe token');
      // Idempotent: a second click keeps the first time.
      await deps.prisma.digestSubscription.updateMany({ where: { id, unsubscribedAt: null }, data: { unsubscribedAt: new Date() } });
      return reply.type('text/html; charset=utf-8').send(page('You are unsubscribed from this digest.'));
    },
  );
}

function page(message: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Unsubscribe</title></head><body><p>${message}</p></body></html>`;
}
