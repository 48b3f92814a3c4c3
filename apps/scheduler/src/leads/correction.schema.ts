// A rep's correction of one answer ("they use Microsoft 365, not Google"), as the lead page
// and the lead API take it. Checked here for the form's sake (which field, a domain's shape);
// lead.correction.ts then stores it through the corrections service, which checks the value
// against the catalog as for every other correction.
import { z } from 'zod';
import type { Presence } from '@prospector/agents';
import { ANSWER_FIELDS } from './lead.detail.ts';

const FIELDS = ANSWER_FIELDS.map(([f]) => f) as [string, ...string[]];
const PRESENCE = ['website', 'social-only', 'none'] as const satisfies readonly Presence[];

export const correctionSchema = z
  .strictObject({
    field: z.enum(FIELDS, { error: `field must be one of ${FIELDS.join(', ')}` }),
    value: z.string().trim().max(200, 'at most 200 characters').default(''),
    unknown: z.coerce.boolean().default(false),
    note: z.string().trim().max(2000, 'at most 2000 characters').default(''),
  })
  .superRefine((c, ctx) => {
    if (!c.unknown && !c.value) ctx.addIssue({ code: 'custom', path: ['value'], message: 'give the right value, or tick "unknown"' });
    if (c.field === 'domain' && c.value && !/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(c.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'a domain such as acme-plumbing.com' });
    }
    if (c.field === 'presence' && c.value && !(PRESENCE as readonly string[]).includes(c.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `presence is one of ${PRESENCE.join(', ')}` });
    }
  });

export type Correction = z.output<typeof correctionSchema>;
