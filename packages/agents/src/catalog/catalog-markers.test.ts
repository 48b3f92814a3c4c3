// Markup markers must be specific: a platform's marker found in another platform's page
// is a wrong answer in every report that follows.
import { expect, it } from 'vitest';
import { loadCatalog } from './catalog.loader.ts';

const catalog = loadCatalog();

it('does not read Squarespace versioned assets as Magento', () => {
  const html = '<!-- This is Squarespace. --><link rel="stylesheet" href="https://static1.squarespace.com/static/versioned-site-css/abc/site.css">';
  expect(catalog.detectTechnologies({ headers: { server: 'Squarespace' }, html, assetHosts: ['static1.squarespace.com'], metaGenerator: null })).not.toContain('magento');
});

it('still recognises a Magento storefront', () => {
  const html = '<script type="text/x-magento-init">{"*":{"Magento_Theme/js/theme":{}}}</script>';
  expect(catalog.detectTechnologies({ headers: {}, html, assetHosts: [], metaGenerator: null })).toContain('magento');
});
