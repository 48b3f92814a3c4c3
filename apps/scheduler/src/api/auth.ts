// Every route but /health and the login form needs a token: a Bearer header for
// scripts, or the HttpOnly cookie the login form sets for browsers. Routes declare
// the role they need in their config (see access.ts); viewers read, ops write.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PrismaClient } from '@prospector/core';
import { registerAccessControl } from './access.ts';
import { resolveTokenIdentity } from './tokens.ts';

export const TOKEN_COOKIE = 'prospector_token';

export function tokenFrom(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const cookie = request.headers.cookie ?? '';
  const match = cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith(`${TOKEN_COOKIE}=`));
  return match ? decodeURIComponent(match.slice(TOKEN_COOKIE.length + 1)) : null;
}

export function registerAuth(app: FastifyInstance, prisma: PrismaClient): void {
  registerAccessControl(app, {
    async resolveRole(request) {
      const token = tokenFrom(request);
      const identity = token ? await resolveTokenIdentity(prisma, token) : null;
      request.memberEmail = identity?.memberEmail ?? null;
      return identity?.role ?? null;
    },
    unauthenticated(request, reply) {
      if (request.headers.accept?.includes('text/html')) {
        return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);
      }
      return reply.code(401).send({ error: 'unauthorized', message: 'a valid API token is required (Authorization: Bearer …)' });
    },
  });
}
