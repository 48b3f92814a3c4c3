// The bridge between a request and the lead services: who the caller is, and which
// status each lead error answers with.
import type { FastifyRequest } from 'fastify';
import type { PrismaClient } from '@prospector/core';
import { TokenRequestError } from '../api/tokens.ts';
import { actorForEmail, LeadAccessError, OPS_ACTOR, type LeadActor } from './lead-actor.ts';
import { LeadFilterError } from './lead.queries.ts';
import { LeadConflictError, LeadNotFoundError, LeadRequestError } from './lead.service.ts';
import { IllegalTransitionError } from './lead.states.ts';

export async function actorFromRequest(prisma: PrismaClient, request: FastifyRequest): Promise<LeadActor> {
  const role = request.role;
  if (role === 'ops') return OPS_ACTOR;
  if (role === 'viewer') return { label: 'viewer', role: 'viewer', memberships: [] };
  if ((role === 'rep' || role === 'manager') && request.memberEmail) {
    try {
      return await actorForEmail(prisma, request.memberEmail, role);
    } catch (error) {
      // The member left every team since the token was made: nothing to reach.
      if (error instanceof LeadAccessError) return { label: request.memberEmail, role, memberships: [] };
      throw error;
    }
  }
  throw new LeadAccessError('this token belongs to no team member');
}

export interface HttpError {
  status: number;
  error: string;
  message: string;
  /** Illegal transition: what would have been allowed. */
  legal?: string[];
}

/** The answer for a known lead error, or null for anything else (a bug: 500). */
export function leadErrorToHttp(error: unknown): HttpError | null {
  if (error instanceof LeadNotFoundError) return { status: 404, error: 'not-found', message: error.message };
  if (error instanceof LeadAccessError) return { status: 403, error: 'forbidden', message: error.message };
  if (error instanceof IllegalTransitionError) return { status: 409, error: 'illegal-transition', message: error.message, legal: error.legal };
  if (error instanceof LeadConflictError) return { status: 409, error: 'conflict', message: error.message };
  if (error instanceof LeadRequestError || error instanceof LeadFilterError || error instanceof TokenRequestError) return { status: 400, error: 'bad-request', message: error.message };
  return null;
}
