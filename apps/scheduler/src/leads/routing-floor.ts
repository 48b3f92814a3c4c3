// The playbook may set a floor below which a prospect is not worth a lead. Without one,
// every prospect becomes a lead, tier D too: queues are ordered by priority, not filtered.
import { z } from 'zod';

const TIER_ORDER = ['A', 'B', 'C', 'D'];
const floorSchema = z.object({ routing: z.object({ minScore: z.number().optional(), minTier: z.enum(['A', 'B', 'C', 'D']).optional() }).optional() });

export interface RoutingFloor {
  /** Why a prospect is below the floor, or null. */
  reject(tier: string | null, score: number | null): string | null;
}

export function routingFloorOf(playbook: unknown): RoutingFloor {
  const parsed = floorSchema.safeParse(playbook ?? {});
  const routing = parsed.success ? parsed.data.routing : undefined;
  return {
    reject(tier, score) {
      if (routing?.minTier !== undefined && (tier === null || TIER_ORDER.indexOf(tier) > TIER_ORDER.indexOf(routing.minTier))) {
        return `below the playbook's routing floor: tier ${tier ?? 'unknown'} is below ${routing.minTier}`;
      }
      if (routing?.minScore !== undefined && (score === null || score < routing.minScore)) {
        return `below the playbook's routing floor: score ${score ?? 'unknown'} < ${routing.minScore}`;
      }
      return null;
    },
  };
}
