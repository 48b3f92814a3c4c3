// Realistic home pages for the verify agent's tests, and the prospect they are about.
import type { ProspectInput } from '../types.ts';

export const joes: ProspectInput = {
  id: 1,
  name: "Joe's Plumbing & Heating LLC",
  address: '1420 North Main Street',
  city: 'Springfield',
  region: 'IL',
  postalCode: '62702',
  phone: '+12177443321',
  website: null,
  websiteDomain: null,
  emailDomain: null,
  employees: 14,
  revenue: 2_400_000,
  industryCode: '238220',
};

export const cafe: ProspectInput = {
  ...joes,
  id: 2,
  name: 'Café Élan',
  address: '88 Lake Avenue',
  city: 'Evanston',
  postalCode: '60201',
  phone: '+18474250199',
};

export const joesPage = `<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Joe's Plumbing &amp; Heating | Springfield, IL Plumbers Since 1987</title>
<meta name="generator" content="WordPress 6.5.2">
<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">
<script src="https://cdn.shopify.com/s/files/1/theme.js"></script>
<script type="application/ld+json">
{"@context":"https://schema.org","@graph":[
  {"@type":"WebSite","name":"Joe's Plumbing","url":"https://joesplumbingheating.com/"},
  {"@type":["Plumber","LocalBusiness"],"name":"Joe's Plumbing & Heating","telephone":"(217) 744-3321",
   "address":{"@type":"PostalAddress","streetAddress":"1420 N Main St","addressLocality":"Springfield","addressRegion":"IL","postalCode":"62702"}}
]}
</script>
</head><body>
<header><h1>Joe's Plumbing &amp; Heating</h1><a href="tel:+1-217-744-3321">Call (217) 744-3321</a></header>
<main><h2>Emergency repairs, water heaters, boilers</h2><p>Family owned and serving Sangamon County.</p>
<img src="/wp-content/uploads/logo@2x.png" alt=""></main>
<footer><address>1420 N. Main St.<br>Springfield, IL 62702</address>
<a href="mailto:office@joesplumbingheating.com">office@joesplumbingheating.com</a>
<a href="https://www.facebook.com/joesplumbingspringfield">Facebook</a></footer>
</body></html>`;

/** Same name, another state: the namesake that must not be taken for the prospect. */
export const namesakePage = `<!doctype html>
<html><head><title>Joe's Plumbing &amp; Heating - Portland, Oregon</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Plumber","name":"Joe's Plumbing & Heating",
"telephone":"+1 503-224-7781","address":{"@type":"PostalAddress","streetAddress":"77 SE Division St","addressLocality":"Portland","addressRegion":"OR","postalCode":"97202"}}</script>
</head><body><h1>Joe's Plumbing and Heating</h1>
<p>Portland's trusted plumbers. Call <a href="tel:5032247781">503-224-7781</a>.</p>
<footer>77 SE Division St, Portland, OR 97202</footer></body></html>`;

export const parkedPage = `<!doctype html>
<html><head><title>joesplumbing.net is for sale</title>
<script src="https://www.parkingcrew.net/assets/lander.js"></script></head>
<body><h1>joesplumbing.net</h1><p>This domain may be for sale. Buy this domain today!</p>
<div>Related Searches: Plumbing Services · Water Heater Repair</div>
<iframe src="https://syndication.parkingcrew.net/feed?d=joesplumbing.net"></iframe></body></html>`;

/** Bytes to be encoded as windows-1252 by the test server. */
export const cafePage = `<html><head><title>Café Élan – Evanston’s “Best” Coffee</title></head>
<body><h1>Café Élan</h1><p>Gift cards from 5 € · Open daily</p>
<p>88 Lake Ave, Evanston, IL 60201 · (847) 425-0199</p></body></html>`;
