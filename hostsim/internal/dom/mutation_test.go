package dom

import (
	"testing"

	"github.com/dop251/goja"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMutationObserver: records are delivered as a microtask after the script that made the
// changes, with the options' filtering and old values (WPT dom/nodes/MutationObserver-*.html).
func TestMutationObserver(t *testing.T) {
	tests := []struct {
		name, setup, mutate string
		want                any
	}{
		{"attributes with old value",
			`o.observe(p, {attributes: true, attributeOldValue: true})`,
			`p.id = "a"; p.id = "b"; p.setAttribute("title", "t")`,
			"attributes id p|attributes id a|attributes title null"},
		{"attribute filter",
			`o.observe(p, {attributeFilter: ["title"]})`,
			`p.id = "a"; p.title = "t"`,
			"attributes title null"},
		{"childList",
			`o.observe(p, {childList: true})`,
			`const s = document.createElement("span"); p.appendChild(s); s.remove()`,
			"childList  +SPAN prev=#text|childList  -SPAN prev=#text"},
		{"subtree and characterData",
			`o.observe(document.body, {subtree: true, characterData: true, characterDataOldValue: true})`,
			`p.firstChild.data = "y"; p.firstChild.appendData("z")`,
			"characterData  x|characterData  y"},
		{"not subtree",
			`o.observe(document.body, {attributes: true})`,
			`p.id = "q"`,
			""},
		{"innerHTML and textContent are one record each",
			`o.observe(p, {childList: true})`,
			`p.innerHTML = "<b>1</b><i>2</i>"; p.textContent = "t"`,
			"childList  +B prev=null|childList  +#text prev=null"},
		{"disconnect drops queued records",
			`o.observe(p, {attributes: true})`,
			`p.id = "a"; o.disconnect(); o.observe(p, {attributes: true, attributeOldValue: true}); p.id = "b"`,
			"attributes id a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := bindRealm(t, parse(t, `<body><p id=p>x</p></body>`))
			r.run(t, `{
				globalThis.log = [];
				const p = document.getElementById("p");
				const o = new MutationObserver((recs, obs) => {
					if (obs !== o) log.push("wrong observer");
					for (const m of recs) log.push([m.type, m.attributeName === null ? "" : m.attributeName,
						m.addedNodes.length ? "+" + m.addedNodes[0].nodeName : m.removedNodes.length ? "-" + m.removedNodes[0].nodeName : String(m.oldValue),
						].join(" ") + (m.type === "childList" ? " prev=" + (m.previousSibling && m.previousSibling.nodeName) : ""));
				});
				globalThis.o = o;
				`+tt.setup+`;
				`+tt.mutate+`;
				globalThis.syncLog = log.length;
			}`)
			assert.Equal(t, int64(0), r.run(t, `syncLog`), "delivered during the script")
			assert.Equal(t, tt.want, r.run(t, `log.join("|")`))
		})
	}
}

func TestMutationObserverTakeRecordsAndErrors(t *testing.T) {
	r := bindRealm(t, parse(t, `<body><p id=p>x</p></body>`))
	assert.Equal(t, "2,attributes,0,true", r.run(t, `{
		let called = 0;
		const o = new MutationObserver(() => called++), p = document.getElementById("p");
		o.observe(p, {attributes: true});
		p.id = "a"; p.className = "c";
		const recs = o.takeRecords();
		globalThis.called = () => called;
		[recs.length, recs[0].type, o.takeRecords().length, recs[0] instanceof MutationRecord].join()}`))
	assert.Equal(t, int64(0), r.run(t, `called()`))
	for src, want := range map[string]string{
		`new MutationObserver(1)`:                                   "TypeError: Failed to construct 'MutationObserver': parameter 1 is not of type 'Function'.",
		`new MutationObserver(() => {}).observe(document.body, {})`: "TypeError: Failed to execute 'observe' on 'MutationObserver': The options object must set at least one of 'attributes', 'characterData', or 'childList' to true.",
		`new MutationObserver(() => {}).observe(document.body, {attributes: false, attributeOldValue: true})`: "TypeError: Failed to execute 'observe' on 'MutationObserver': The options object may only set 'attributeOldValue' to true when 'attributes' is true or not present.",
		`new MutationObserver(() => {}).observe({}, {childList: true})`:                                       "TypeError: Failed to execute 'observe' on 'MutationObserver': parameter 1 is not of type 'Node'.",
	} {
		assert.Equal(t, want, r.throws(t, src), src)
	}
}

// TestMutationObserverOtherRealm: a change made by one realm reaches another realm's observer as a
// task of that realm (Post), not in the middle of the first realm's script.
func TestMutationObserverOtherRealm(t *testing.T) {
	doc := parse(t, `<body><p id=p>x</p></body>`)
	page := bindRealm(t, doc)
	var tasks []func()
	cs := &realm{}
	cs.vm = goja.New()
	b, err := Bind(cs.vm, doc, Options{Post: func(f func()) { tasks = append(tasks, f) }})
	require.NoError(t, err)
	cs.b = b
	cs.run(t, `globalThis.seen = []; new MutationObserver(rs => rs.forEach(r => seen.push(r.attributeName))).observe(document.getElementById("p"), {attributes: true})`)
	page.run(t, `document.getElementById("p").title = "t"`)
	assert.Equal(t, int64(0), cs.run(t, `seen.length`))
	require.Len(t, tasks, 1)
	tasks[0]()
	assert.Equal(t, "title", cs.run(t, `seen.join()`))
}

// TestMutationObserverReplace: replaceChild and replaceChildren give one record on the parent, and
// a node moved in from elsewhere one on its old parent, as Chromium 156 gave for the same steps.
func TestMutationObserverReplace(t *testing.T) {
	r := bindRealm(t, parse(t, `<body><div id=a><i>1</i><b>2</b><u>3</u></div><div id=z><s>m</s></div></body>`))
	r.run(t, `{
		const a = document.getElementById("a"), z = document.getElementById("z");
		globalThis.log = [];
		const name = (n) => n ? n.nodeName : "null";
		new MutationObserver((rs) => { for (const r of rs) log.push(r.target.id + ":+" + [...r.addedNodes].map(name).join(",") + ":-" + [...r.removedNodes].map(name).join(",") + ":" + name(r.previousSibling) + ":" + name(r.nextSibling)); })
			.observe(document.body, {childList: true, subtree: true});
		a.replaceChild(document.createElement("em"), a.children[1]);
		const f = document.createDocumentFragment(); f.append(document.createElement("p"), document.createElement("q"));
		a.replaceChild(f, a.firstChild);
		a.replaceChildren(z.firstChild, document.createElement("hr"));
	}`)
	assert.Equal(t, "a:+EM:-B:I:U|a:+P,Q:-I:null:EM|z:+:-S:null:null|a:+S,HR:-P,Q,EM,U:null:null", r.run(t, `log.join("|")`))
}

// TestMutationObserverDisconnectForgets: a disconnected observer is no longer consulted on changes,
// and observes again after observe().
func TestMutationObserverDisconnectForgets(t *testing.T) {
	r := bindRealm(t, parse(t, `<body><p id=p>x</p></body>`))
	r.run(t, `{
		const p = document.getElementById("p");
		globalThis.seen = [];
		globalThis.obs = [];
		for (let i = 0; i < 100; i++) { const o = new MutationObserver(() => seen.push(i)); o.observe(p, {attributes: true}); o.disconnect(); obs.push(o); }
		obs[7].observe(p, {attributes: true});
		p.id = "q";
	}`)
	assert.Equal(t, 1, len(r.b.observers))
	assert.Equal(t, "7", r.run(t, `seen.join()`))
}
