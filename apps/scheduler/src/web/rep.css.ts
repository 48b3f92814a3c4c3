// The reps' pages' only stylesheet, served from /my/app.css so the CSP can forbid every
// inline style and script. Laptop: a table; phone: each lead a card.
export const REP_CSS = `
:root{--ink:#1d2330;--muted:#5b6475;--line:#d9dee7;--accent:#0b5cad;--bg:#f6f7fa;--ok:#1b7a3d;--warn:#9a5b00;--bad:#a3222a}
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
header.top{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;padding:.6rem 1rem;background:#fff;border-bottom:1px solid var(--line)}
header.top strong{font-size:1.1rem}
header.top .who{margin-left:auto;color:var(--muted);font-size:.9rem}
main{max-width:72rem;margin:0 auto;padding:1rem;overflow-wrap:anywhere}
h1{font-size:1.4rem;margin:.2rem 0 .6rem}
h2{font-size:1.1rem;margin:1.4rem 0 .5rem}
a{color:var(--accent)}
.notice{padding:.6rem .8rem;border-radius:.4rem;background:#e7f3ea;border:1px solid #b9dcc3;margin:.6rem 0}
.alert{padding:.6rem .8rem;border-radius:.4rem;background:#fbe9ea;border:1px solid #ebbcc0;margin:.6rem 0}
.info{padding:.6rem .8rem;border-radius:.4rem;background:#fff6e5;border:1px solid #ecd3a0;margin:.6rem 0}
ul.counts{display:flex;flex-wrap:wrap;gap:.4rem;list-style:none;padding:0;margin:.4rem 0 .8rem}
ul.counts li{background:#fff;border:1px solid var(--line);border-radius:1rem;padding:.15rem .7rem;font-size:.9rem}
ul.counts li b{font-variant-numeric:tabular-nums}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:.6rem;margin-bottom:.8rem}
label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted);gap:.15rem}
select,input,textarea,button{font:inherit;padding:.35rem .5rem;border:1px solid var(--line);border-radius:.35rem;background:#fff;color:var(--ink)}
button{background:var(--accent);color:#fff;border-color:var(--accent);cursor:pointer;min-height:2.4rem}
button.secondary{background:#fff;color:var(--accent)}
button.danger{background:var(--bad);border-color:var(--bad)}
table.queue{width:100%;border-collapse:collapse;background:#fff;border:1px solid var(--line)}
table.queue th,table.queue td{padding:.45rem .6rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
table.queue th a{color:inherit;text-decoration:none}
table.queue td.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:.05rem .5rem;border-radius:.8rem;font-size:.8rem;background:#e8ecf3;white-space:nowrap}
.tier-A{background:#d8f0df}.tier-B{background:#e2ecfb}.tier-C{background:#fbf0d9}.tier-D{background:#eee}
section.card{background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:.8rem 1rem;margin:.8rem 0}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0}
ul.answers{list-style:none;padding:0;margin:0}
ul.answers>li{padding:.5rem 0;border-bottom:1px solid var(--line)}
ul.answers>li:last-child{border-bottom:0}
.why{color:var(--muted);font-size:.92rem;margin:.2rem 0 0 0;padding-left:1.1rem}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}
.actions form{display:flex;gap:.4rem;align-items:end;flex-wrap:wrap}
ol.history{padding-left:1.2rem;margin:0}
ol.history li{margin:.3rem 0}
ol.history time{color:var(--muted);font-size:.85rem}
.fielderr{color:var(--bad);font-size:.85rem}
ol.timeline{list-style:none;margin:0;padding:0 0 0 1rem;border-left:3px solid var(--line)}
ol.timeline li{position:relative;margin:.1rem 0;padding:.35rem 0 .35rem .6rem}
ol.timeline li::before{content:"";position:absolute;left:-1.45rem;top:.7rem;width:.7rem;height:.7rem;border-radius:50%;background:#8a94a6;border:2px solid #fff}
ol.timeline li.tl-scan::before{background:#2166ac}ol.timeline li.tl-change::before{background:#d6604d}
ol.timeline li.tl-lead::before{background:#1b7837}ol.timeline li.tl-correction::before{background:#b8860b}
ol.timeline time{color:var(--muted);font-size:.82rem;margin-right:.5rem;font-variant-numeric:tabular-nums}
.tl-kind{display:inline-block;font-size:.72rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);min-width:5.5rem}
.tl-detail{display:block;color:var(--muted);font-size:.9rem;margin-left:.1rem}
ol.timeline li.muted .tl-title{color:var(--muted)}
ol.timeline li.tl-change:not(.muted) .tl-title{font-weight:600}
.scroll{overflow-x:auto}
table.periods{border-collapse:collapse;width:100%;font-size:.9rem}
table.periods th,table.periods td{border-bottom:1px solid var(--line);padding:.25rem .5rem;text-align:left}
@media (max-width:40rem){
  main{padding:.6rem}
  table.queue thead{display:none}
  table.queue,table.queue tbody,table.queue tr,table.queue td{display:block;width:100%}
  table.queue tr{border-bottom:1px solid var(--line);padding:.4rem .2rem}
  table.queue td{border:0;padding:.1rem .4rem}
  table.queue td.num{text-align:left}
  table.queue td[data-label]::before{content:attr(data-label) ": ";color:var(--muted);font-size:.85rem}
  dl.facts{grid-template-columns:1fr}
  dl.facts dt{margin-top:.4rem}
  .actions form,.actions button,.actions label,form.note,form.note label,form.correction label{width:100%}
  .actions input,form textarea,form.correction input:not([type=checkbox]),form.correction select{width:100%}
}
`;
