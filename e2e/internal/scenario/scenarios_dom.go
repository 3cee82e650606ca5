package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// reflectedPage has elements whose URL attributes the DOM resolves against the document.
const reflectedPage = `<!doctype html><html><head><title>R</title>
<link rel="alternate" type="application/rss+xml" title="Feed" href="feed.xml">
<link rel="stylesheet" href="/css/site.css?v=1">
</head><body>
<a id="rel" href="../docs/page.html?q=1#top" target="_blank" rel="noopener">relative</a>
<a id="abs" href="https://user:pw@example.com:8443/p/a?x=y#h">absolute</a>
<a id="none">no href</a>
<img id="img" src="img/logo.png" alt="Logo">
<script id="scr" src="js/app.js" type="module" async></script>
</body></html>`

// reflectedProps reads the reflected URL and hyperlink attributes, with the page's origin cut
// so the values read the same in every browser.
const reflectedProps = `(() => {
	const cut = (s) => s.split(location.origin).join("");
	const a = document.getElementById("rel"), abs = document.getElementById("abs");
	const links = [...document.querySelectorAll("link")];
	return {
		links: links.map((l) => [cut(l.href), l.rel, l.type, l.title]),
		rss: [...document.querySelectorAll('link[rel="alternate"][type="application/rss+xml"]')].map((l) => cut(l.href)),
		rel: [cut(a.href), a.target, a.rel, cut(a.origin), a.protocol, a.pathname, a.search, a.hash, a.host === location.host, a.toString() === a.href],
		abs: [abs.href, abs.origin, abs.protocol, abs.username, abs.password, abs.host, abs.hostname, abs.port, abs.pathname, abs.search, abs.hash],
		none: [document.getElementById("none").href, document.getElementById("none").origin, document.getElementById("none").pathname],
		img: [cut(document.getElementById("img").src), document.getElementById("img").alt],
		script: [cut(document.getElementById("scr").src), document.getElementById("scr").type, document.getElementById("scr").async],
		kinds: [a, links[0], document.getElementById("img"), document.getElementById("scr")].map((e) => e.constructor.name),
	};
})()`

const reflectedWant = `{"value":{"links":[["/dir/feed.xml","alternate","application/rss+xml","Feed"],["/css/site.css?v=1","stylesheet","",""]],` +
	`"rss":["/dir/feed.xml"],"rel":["/docs/page.html?q=1#top","_blank","noopener","","http:","/docs/page.html","?q=1","#top",true,true],` +
	`"abs":["https://user:pw@example.com:8443/p/a?x=y#h","https://example.com:8443","https:","user","pw","example.com:8443","example.com","8443","/p/a","?x=y","#h"],` +
	`"none":["","",""],"img":["/dir/img/logo.png","Logo"],"script":["/dir/js/app.js","module",true],` +
	`"kinds":["HTMLAnchorElement","HTMLLinkElement","HTMLImageElement","HTMLScriptElement"]}}`

func init() {
	All = append(All, Scenario{
		Name: "dom-reflected-urls",
		Doc: "The DOM resolves URL attributes against the document: link.href (the RSS-detector pattern of Chrome's messaging " +
			"docs), a.href and its URL parts, img.src and script.src, in the page and the content script (measured in Chromium 156).",
		Tabs: []Tab{{Name: "main", Path: "/dir/reflect.html", HTML: reflectedPage}},
		Steps: []Step{
			{Do: extwasmtest.Eval("main/page", reflectedProps), Want: reflectedWant},
			{Do: extwasmtest.Eval("main/cs", reflectedProps), Want: reflectedWant},
		},
	})
}
