// The qualification playbook the sales team gives Prospector: who to target, how spend is
// estimated, which competitors to chase first, and the tier thresholds.
import { z } from 'zod';

const usd = z.number().nonnegative();
const quality = z.enum(['poor', 'average', 'good']);

const bandSchema = z.strictObject({
  /** Inclusive upper bound of the employee band; null for the last, open band. */
  upTo: z.number().int().positive().nullable(),
  usd,
});

export const playbookSchema = z
  .strictObject({
    name: z.string().min(1),
    notes: z.array(z.string()).optional(),
    target: z.strictObject({
      employees: z
        .strictObject({ min: z.number().int().nonnegative(), max: z.number().int().positive() })
        .refine((e) => e.min <= e.max, { message: 'min must not exceed max' }),
      revenueUsd: z.strictObject({ min: usd.nullable(), max: usd.nullable() }).optional(),
      minMonthlySpendUsd: z.number().positive(),
    }),
    spend: z.strictObject({
      baseByEmployees: z
        .array(bandSchema)
        .min(1)
        .refine(ascendingBands, { message: 'bands must ascend by upTo and end with one open band (upTo: null)' }),
      unknownEmployeesUsd: usd,
      onPremisesServersUsd: usd,
      staticAddressesUsd: usd,
      ecommerceUsd: usd,
      voipUsd: usd,
      perExtraLocationUsd: usd,
    }),
    competitors: z.array(
      z.strictObject({
        slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'an ISP slug such as comcast-business'),
        name: z.string().min(1),
        quality,
        weight: z.number().min(0).max(1),
      }),
    ),
    qualityPoints: z.strictObject({ poor: z.number().min(0).max(1), average: z.number().min(0).max(1), good: z.number().min(0).max(1) }),
    weights: z
      .strictObject({ size: usd, spend: usd, competitor: usd, region: usd })
      .refine((w) => w.size + w.spend + w.competitor + w.region > 0, { message: 'at least one weight must be positive' }),
    tiers: z
      .strictObject({ A: z.number().min(0).max(100), B: z.number().min(0).max(100), C: z.number().min(0).max(100) })
      .refine((t) => t.A > t.B && t.B > t.C, { message: 'thresholds must descend: A > B > C' }),
    /** Regional sales teams and the region codes they cover; empty means every region is a target. */
    regions: z.array(z.strictObject({ name: z.string().min(1), codes: z.array(z.string().min(1)).min(1) })),
    /**
     * Lead routing floor: prospects below it are not made leads (recorded with the reason).
     * Absent: every prospect, tier D too, becomes a lead; queues are ordered, not filtered.
     */
    routing: z
      .strictObject({ minScore: z.number().min(0).max(100).optional(), minTier: z.enum(['A', 'B', 'C', 'D']).optional() })
      .optional(),
  })
  .refine((p) => new Set(p.competitors.map((c) => c.slug)).size === p.competitors.length, {
    message: 'a competitor is listed twice',
    path: ['competitors'],
  });

export type Playbook = z.output<typeof playbookSchema>;
export type ServiceQuality = z.output<typeof quality>;

function ascendingBands(bands: { upTo: number | null }[]): boolean {
  const last = bands[bands.length - 1];
  if (!last || last.upTo !== null) return false;
  for (let i = 1; i < bands.length - 1; i += 1) {
    const prev = bands[i - 1]?.upTo;
    const cur = bands[i]?.upTo;
    if (prev === null || prev === undefined || cur === null || cur === undefined || cur <= prev) return false;
  }
  return bands.slice(0, -1).every((b) => b.upTo !== null);
}
