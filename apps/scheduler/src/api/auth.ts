// Every route but /health and the login form needs a credential: a Bearer token for
// scripts, or the session cookie the login form sets for browsers. Routes declare the
// role they need in their config (see access.ts); viewers read, ops write.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PrismaClient } from '@prospector/core';
import { registerAccessControl } from './access.ts';
import { parseCookies, resolveSession, SESSION_COOKIE } from './sessions.ts';
import { resolveApiToken, type Credential } from './tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    credential?: Credential;
  }
}

export async function credentialOf(prisma: PrismaClient, request: FastifyRequest): Promise<Credential | null> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return resolveApiToken(prisma, header.slice(7).trim());
  const session = parseCookies(request.headers.cookie).get(SESSION_COOKIE);
  return session ? resolveSession(prisma, session) : null;
}

export function registerAuth(app: FastifyInstance, prisma: PrismaClient): void {
  registerAccessControl(app, {
    async resolveRole(request) {
      const credential = await credentialOf(prisma, request);
      if (credential) request.credential = credential;
      request.memberEmail = credential?.memberEmail ?? null;
      return credential?.role ?? null;
    },
    unauthenticated(request, reply) {
      if (request.headers.accept?.includes('text/html')) {
        return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);
      }
      return reply.code(401).send({ error: 'unauthorized', message: 'a valid API token is required (Authorization: Bearer …)' });
    },
  });
}
