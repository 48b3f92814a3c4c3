// Every route but /health and the login form needs a token: a Bearer header for
// scripts, or the HttpOnly cookie the login form sets for browsers. Routes declare
// the role they need in their config; viewers read, ops write.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PrismaClient } from '@prospector/core';
import { resolveApiToken, roleAllows, type Role } from './tokens.ts';

export const TOKEN_COOKIE = 'prospector_token';
const PUBLIC_PATHS = new Set(['/health', '/login']);

declare module 'fastify' {
  interface FastifyContextConfig {
    role?: Role;
  }
  interface FastifyRequest {
    role?: Role;
  }
}

export function tokenFrom(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const cookie = request.headers.cookie ?? '';
  const match = cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith(`${TOKEN_COOKIE}=`));
  return match ? decodeURIComponent(match.slice(TOKEN_COOKIE.length + 1)) : null;
}

export function registerAuth(app: FastifyInstance, prisma: PrismaClient): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '';
    if (PUBLIC_PATHS.has(path)) return;
    const token = tokenFrom(request);
    const role = token ? await resolveApiToken(prisma, token) : null;
    if (!role) {
      if (request.headers.accept?.includes('text/html')) {
        return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);
      }
      return reply.code(401).send({ error: 'unauthorized', message: 'a valid API token is required (Authorization: Bearer …)' });
    }
    // Bull Board's routes are registered by its plugin, so its role is decided by path here.
    const need: Role = path.startsWith('/admin/') ? 'ops' : (request.routeOptions.config?.role ?? 'viewer');
    if (!roleAllows(role, need)) {
      return reply.code(403).send({ error: 'forbidden', message: `this needs the ${need} role` });
    }
    request.role = role;
  });
}
