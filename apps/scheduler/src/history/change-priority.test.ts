import { describe, expect, it } from 'vitest';
import { loadPlaybook } from '@prospector/agents';
import { JOINED_POOR_SERVICE_POINTS, LEFT_COMPETITOR_POINTS, rankIspChange } from './change-priority.ts';

const playbook = loadPlaybook();
const between = { fromScan: 3, toScan: 4 };

describe('ISP moves in lead priority', () => {
  it('a business that left a competitor rises, and its reason names both providers and scans', () => {
    expect(rankIspChange({ from: 'comcast-business', to: 'att', ...between }, playbook)).toEqual({
      boost: LEFT_COMPETITOR_POINTS,
      reasons: ['left Comcast Business for AT&T between scans #3 and #4'],
    });
  });

  it('a move from an earlier list of the same business names that list', () => {
    expect(rankIspChange({ from: 'comcast-business', to: 'att', fromScan: 1, toScan: 1, fromCampaign: 'spring' }, playbook)?.reasons).toEqual([
      'left Comcast Business for AT&T between scan #1 of spring (an earlier list) and scan #1',
    ]);
  });

  it('joining a poor-service competitor rises too, more so when it left one', () => {
    expect(rankIspChange({ from: 'google-fiber', to: 'spectrum', ...between }, playbook)).toEqual({
      boost: JOINED_POOR_SERVICE_POINTS,
      reasons: ['joined Spectrum (a competitor with poor service), from google-fiber, between scans #3 and #4'],
    });
    expect(rankIspChange({ from: 'verizon', to: 'frontier', ...between }, playbook)?.boost).toBe(LEFT_COMPETITOR_POINTS + JOINED_POOR_SERVICE_POINTS);
  });

  it('a move between providers the playbook does not name ranks nothing', () => {
    expect(rankIspChange({ from: 'google-fiber', to: 'starlink', ...between }, playbook)).toBeNull();
    expect(rankIspChange({ from: 'comcast-business', to: 'att', ...between }, { competitors: [] })).toBeNull();
  });
});
