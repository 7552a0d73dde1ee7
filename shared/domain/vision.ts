/**
 * Category 1: vision, missions, strategies and development approaches for a plan period.
 */
import { z } from 'zod';
import { addIssue, beYear, text, whenValid } from './common';
import { recordBaseShape } from './record';

export const strategySchema = z.object({
  code: text(20),
  name: text(500),
  approaches: z.array(text(500)),
});
export type Strategy = z.output<typeof strategySchema>;

export const visionSchema = z
  .object({
    ...recordBaseShape,
    startYear: beYear(),
    endYear: beYear(),
    vision: text(2000),
    missions: z.array(text(1000)),
    strategies: z.array(strategySchema),
  })
  .superRefine((v, ctx) => {
    if (v.endYear < v.startYear) addIssue(ctx, 'endYear', 'period.endBeforeStart');
    const seen = new Set<string>();
    v.strategies.forEach((s, i) => {
      if (seen.has(s.code)) addIssue(ctx, `strategies.${i}.code`, 'strategy.duplicateCode', { code: s.code });
      seen.add(s.code);
    });
  }, whenValid('startYear', 'endYear', 'strategies'));
export type Vision = z.output<typeof visionSchema>;
