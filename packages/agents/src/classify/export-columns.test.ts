import { describe, expect, it } from 'vitest';
import { CATALOGED_COLUMNS, catalogedColumns } from '../types.ts';

describe('cataloged export columns', () => {
  it('names one column per provider field, as the accuracy test reads them', () => {
    expect(CATALOGED_COLUMNS).toEqual([
      'emailProviderCataloged', 'emailGatewayCataloged', 'webHostCataloged', 'dnsProviderCataloged',
      'ispCataloged', 'ecommercePlatformCataloged', 'cmsCataloged', 'voipProviderCataloged',
    ]);
  });

  it('is null for an unknown answer and for a finding stored before the flag existed', () => {
    const columns = catalogedColumns({ emailProvider: 'mxroute.com', isp: null, webHost: 'wix' }, { emailProvider: false, isp: true });
    expect(columns).toMatchObject({ emailProviderCataloged: false, ispCataloged: null, webHostCataloged: null, dnsProviderCataloged: null });
  });
});
