// The report's stylesheet. Light background everywhere, so it prints without ink-heavy
// fills; sections break across pages at sensible points.
export const REPORT_CSS = `
*{box-sizing:border-box}
body{font-family:Helvetica,Arial,sans-serif;color:#1a1a1a;background:#fff;margin:0 auto;max-width:1180px;padding:1.5rem 2rem;line-height:1.4}
h1{font-size:1.6rem;margin:0 0 .2rem}h2{font-size:1.2rem;border-bottom:2px solid #2166ac;padding-bottom:.2rem;margin:2rem 0 .8rem}
.meta,.note,.sub,footer{color:#555;font-size:.85rem}
.headline dl{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:.8rem;margin:1rem 0}
.figure{border:1px solid #d0d7de;border-radius:6px;padding:.6rem .8rem}
.figure dt{font-size:.8rem;color:#555;text-transform:uppercase;letter-spacing:.03em}.figure dd{margin:.2rem 0 0;font-size:1.25rem;font-weight:600;white-space:nowrap}
.grid{display:flex;flex-wrap:wrap;gap:1.2rem;align-items:flex-start}
figure.chart{margin:0;border:1px solid #e5e7eb;border-radius:6px;padding:.6rem;break-inside:avoid;page-break-inside:avoid}
figure.chart figcaption{font-weight:600;margin-bottom:.4rem}figure.chart svg{max-width:100%;height:auto}
table{border-collapse:collapse;font-size:.85rem;margin:.8rem 0;width:100%}
th,td{border-bottom:1px solid #e5e7eb;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f3f6f9}
td.num{text-align:right;font-variant-numeric:tabular-nums}
table.competitors{width:auto;min-width:280px}
.tier{display:inline-block;min-width:1.6em;text-align:center;border:1px solid #999;border-radius:4px;font-weight:700}
tr.tier-A .tier{border-color:#1b7837;color:#1b7837}tr.tier-B .tier{border-color:#5aae61;color:#3b7d3f}
td.reasons ul{margin:0;padding-left:1.1rem}
tr{break-inside:avoid;page-break-inside:avoid}
.empty{color:#777;font-style:italic}
footer{margin-top:2rem;border-top:1px solid #e5e7eb;padding-top:.5rem}
nav.exports{font-size:.85rem;margin:.3rem 0}nav.exports a{color:#2166ac}
@media print{
  nav.exports{display:none}
  @page{size:A4;margin:14mm}
  body{padding:0;max-width:none;font-size:10pt}
  .page-break{break-before:page;page-break-before:always}
  section{break-inside:auto}h2{break-after:avoid;page-break-after:avoid}
  thead{display:table-header-group}
  th{background:#fff;border-bottom:2px solid #333}
  .figure,figure.chart{border-color:#999}
}
`;
