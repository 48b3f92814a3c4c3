// Who may call a route is declared on the route itself (`config: { role }`) and checked
// after routing, on the route the router matched. URL text is never consulted: the
// router decodes `%61dmin`, and any prefix test on the raw URL disagrees with it.
// A route that declares no role is refused at start-up (default deny).
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { ROLES, type Role } from './tokens.ts';

/**
 * `public` needs no token; `viewer` and `ops` are the campaign-wide read and write;
 * `leads-read` and `leads-write` are the lead routes, open to team roles, whose handlers
 * then narrow to the caller's own teams (apps/scheduler/src/leads/lead-actor.ts).
 */
export type RouteRole = Role | 'public' | 'leads-read' | 'leads-write';
export type GrantedRole = Exclude<RouteRole, 'public'>;

declare module 'fastify' {
  interface FastifyContextConfig {
    role?: RouteRole;
  }
  interface FastifyRequest {
    role?: Role;
    /** The team member behind a rep or manager token. */
    memberEmail?: string | null;
  }
  interface FastifyInstance {
    accessTable: AccessEntry[];
  }
}

export interface AccessEntry {
  method: string;
  url: string;
  role: RouteRole | undefined;
}

/**
 * Which route roles each token role may call. A table rather than a rank so that a
 * role outside the viewer < ops line (a rep bound to a team) slots in with its own row.
 * A new role: add it to ROLES (tokens.ts), give it a row here, name it in the
 * `config.role` of the routes it opens, and state it in test/api-access.test.ts.
 */
const GRANTS: Record<Role, readonly GrantedRole[]> = {
  viewer: ['viewer', 'leads-read'],
  ops: ['viewer', 'ops', 'leads-read', 'leads-write'],
  // Team roles never reach campaign-wide data: only the lead routes, scoped to their teams.
  rep: ['leads-read', 'leads-write'],
  manager: ['leads-read', 'leads-write'],
};

export function roleGrants(have: Role, need: GrantedRole): boolean {
  return GRANTS[have].includes(need);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export interface AccessControlOptions {
  /** The role of the caller's credentials, or null when there are none or they are not valid. */
  resolveRole(request: FastifyRequest): Promise<Role | null>;
  /** What to answer a caller without valid credentials (401, or a redirect to the login form). */
  unauthenticated(request: FastifyRequest, reply: FastifyReply): FastifyReply;
}

/** Must run before any route is registered: routes added earlier escape the table. */
export function registerAccessControl(app: FastifyInstance, options: AccessControlOptions): void {
  const routes: RouteOptions[] = [];
  // Routes are kept by reference: a plugin's own onRoute hook (Bull Board's wrapper)
  // runs after this one and sets the role on the same object.
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.decorate('accessTable', {
    getter: (): AccessEntry[] =>
      routes.flatMap((r) => [r.method].flat().map((method) => ({ method, url: r.url, role: r.config?.role }))),
  });
  app.addHook('onReady', async () => {
    const undeclared = app.accessTable.filter((r) => r.role === undefined);
    if (undeclared.length) {
      throw new Error(`routes without a declared role (config.role): ${undeclared.map((r) => `${r.method} ${r.url}`).join(', ')}`);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    // No route matched: the not-found handler answers and there is nothing to protect.
    if (request.is404) return;
    const need = request.routeOptions.config.role;
    if (need === 'public') return;
    const role = await options.resolveRole(request);
    if (!role) return options.unauthenticated(request, reply);
    if (need === undefined || !roleGrants(role, need)) {
      return reply.code(403).send({ error: 'forbidden', message: need ? `this needs the ${need} role` : 'this route declares no role' });
    }
    request.role = role;
  });
}
