import { getDomain, parse } from 'tldts';
for (const v of ['www.x.com', 'http://x.com/page', 'X.COM', 'https://WWW.Joes-Pizza.co.uk/menu?x=1', '192.168.1.1', 'http://10.0.0.1/', 'localhost', 'not a url', 'joe@x.com', 'x.com.', 'foo.blogspot.com', 'foo.myshopify.com', 'http://[::1]/', 'ftp://x.com', 'x', 'Bücher.example', 'bücher.de', 'www.x.com:8080/p', '-bad-.com', 'a_b.com', 'http:/x.com', 'www.x,com'])
  console.log(JSON.stringify(v), getDomain(v), getDomain(v, { allowPrivateDomains: true }), parse(v).isIp, parse(v).hostname);
