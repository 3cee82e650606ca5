package rundiagram

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

const (
	worker = "worker[Demo]"
	cs     = "tab 2 frame 0 content[Demo]"
	popup  = "popup popup.html[Demo]"
)

// roundTrip is a content script's message answered by the worker, as hostsim records it.
var roundTrip = []Entry{
	{Kind: "install", From: "browser", To: "Demo", Outcome: "abcdefghijklmnopabcdefghijklmnop"},
	{Kind: "worker-start", From: "browser", To: worker},
	{Kind: "open-tab", From: "browser", To: "tab 2", Outcome: "http://127.0.0.1:8000/"},
	{Kind: "inject", From: "browser", To: cs, Outcome: "http://127.0.0.1:8000/"},
	{At: 10 * time.Millisecond, Channel: "msg#1", Kind: "runtime.sendMessage", From: cs, To: "Demo", Payload: `{"a":1}`},
	{At: 10 * time.Millisecond, Channel: "msg#1", Kind: "deliver", From: cs, To: worker, Payload: `{"a":1}`},
	{At: 10 * time.Millisecond, Channel: "msg#1", Kind: "reply", From: worker, To: cs, Payload: `{"b":2}`},
	{At: 10 * time.Millisecond, Channel: "msg#1", Kind: "result", To: cs, Payload: `{"b":2}`, Outcome: "response"},
}

func TestLayout(t *testing.T) {
	type placed struct {
		kind, from, to string
	}
	for _, tc := range []struct {
		name    string
		entries []Entry
		lanes   []string
		rows    []placed
	}{{
		name:    "a message: the call goes to the browser, the delivery to the receiver",
		entries: roundTrip,
		lanes:   []string{BrowserLane, worker, cs},
		rows: []placed{
			{"install", BrowserLane, BrowserLane},
			{"worker-start", worker, worker},
			{"open-tab", cs, cs}, // the tab's first context
			{"inject", cs, cs},
			{"runtime.sendMessage", cs, BrowserLane},
			{"deliver", cs, worker},
			{"reply", worker, cs},
			{"result", BrowserLane, cs},
		},
	}, {
		name: "a port: posts to receivers reach the one context at the other end",
		entries: []Entry{
			{Channel: "port#3(p)", Kind: "runtime.connect", From: cs, To: "Demo"},
			{Channel: "port#3(p)", Kind: "post", From: cs, To: "receivers", Payload: "1"},
			{Channel: "port#3(p)", Kind: "onConnect", From: cs, To: worker},
			{Channel: "port#3(p)", Kind: "post", From: worker, To: cs, Payload: "2"},
			{Channel: "port#3(p)", Kind: "disconnect", From: cs},
			{Channel: "port#3(p)", Kind: "onDisconnect", To: worker, Outcome: "no lastError"},
			{Channel: "port#3(p)", Kind: "post", From: cs, Payload: "3", Outcome: "dropped: channel closed"},
		},
		lanes: []string{BrowserLane, cs, worker},
		rows: []placed{
			{"runtime.connect", cs, BrowserLane},
			{"post", cs, worker},
			{"onConnect", cs, worker},
			{"post", worker, cs},
			{"disconnect", cs, BrowserLane},
			{"onDisconnect", BrowserLane, worker},
			{"post", cs, BrowserLane},
		},
	}, {
		name: "a port with two receivers: a post to receivers goes to the browser",
		entries: []Entry{
			{Channel: "port#4", Kind: "post", From: cs, To: "receivers"},
			{Channel: "port#4", Kind: "onConnect", From: cs, To: worker},
			{Channel: "port#4", Kind: "onConnect", From: cs, To: popup},
		},
		lanes: []string{BrowserLane, cs, worker, popup},
		rows: []placed{
			{"post", cs, BrowserLane},
			{"onConnect", cs, worker},
			{"onConnect", cs, popup},
		},
	}, {
		name: "lifecycle: a popup's note finds its page, contexts without messages get a lane",
		entries: []Entry{
			{Kind: "open-popup", From: "browser", To: "popup[Demo]", Outcome: "chrome-extension://x/popup.html"},
			{Kind: "worker-start", To: worker, Outcome: "failed: boom"},
			{Kind: "navigate", From: "browser", To: "tab 7 frame 0", Outcome: "http://a/"},
			{Kind: "click-action", From: "user", To: "Demo", Outcome: "action.onClicked"},
			{Channel: "msg#9", Kind: "runtime.sendMessage", From: popup, To: "Demo"},
		},
		lanes: []string{BrowserLane, popup, worker, "tab 7 frame 0"},
		rows: []placed{
			{"open-popup", popup, popup},
			{"worker-start", worker, worker},
			{"navigate", "tab 7 frame 0", "tab 7 frame 0"},
			{"click-action", BrowserLane, BrowserLane},
			{"runtime.sendMessage", popup, BrowserLane},
		},
	}, {
		name: "native messaging: the host is a lane",
		entries: []Entry{
			{Channel: "native#1", Kind: "runtime.connectNative", From: worker, To: "com.example.echo"},
			{Channel: "native#1", Kind: "post", From: worker, To: "com.example.echo", Payload: "{}"},
			{Channel: "native#1", Kind: "native", From: "com.example.echo", To: worker, Payload: "{}"},
			{Channel: "native#1", Kind: "native", From: "com.example.echo", To: worker, Outcome: "lastError: Native host has exited."},
		},
		lanes: []string{worker, "com.example.echo"},
		rows: []placed{
			{"runtime.connectNative", worker, "com.example.echo"},
			{"post", worker, "com.example.echo"},
			{"native", "com.example.echo", worker},
			{"native", "com.example.echo", worker},
		},
	}, {
		name: "a context to itself is a loop on its lane",
		entries: []Entry{
			{Channel: "msg#1", Kind: "deliver", From: worker, To: worker},
		},
		lanes: []string{worker},
		rows:  []placed{{"deliver", worker, worker}},
	}, {
		name:  "nothing",
		lanes: nil,
		rows:  []placed{},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			d := Layout(tc.entries)
			assert.Equal(t, tc.lanes, d.Lanes)
			got := []placed{}
			for _, r := range d.Rows {
				got = append(got, placed{r.Kind, d.Lanes[r.FromLane], d.Lanes[r.ToLane]})
			}
			assert.Equal(t, tc.rows, got)
		})
	}
}

func TestFault(t *testing.T) {
	for _, tc := range []struct {
		e     Entry
		fault bool
	}{
		{Entry{Kind: "result", Outcome: "response"}, false},
		{Entry{Kind: "result", Outcome: "resolved undefined"}, false},
		{Entry{Kind: "result", Outcome: "rejected: Could not establish connection. Receiving end does not exist."}, true},
		{Entry{Kind: "result", Outcome: "lastError: The message port closed before a response was received."}, true},
		{Entry{Kind: "onDisconnect", Outcome: "no lastError"}, false},
		{Entry{Kind: "post", Outcome: "dropped: channel closed"}, true},
		{Entry{Kind: "worker-start", Outcome: "failed: compile error"}, true},
		{Entry{Kind: "worker-stop", Outcome: "idle"}, false},
		{Entry{Kind: "frame-blocked", Outcome: "chrome-extension://x/f.html"}, true},
		{Entry{Kind: "navigate", Outcome: "http://127.0.0.1:8000/b.html"}, false},
		{Entry{Kind: "navigate", Outcome: "no page is served at http://x/"}, true},
	} {
		assert.Equal(t, tc.fault, Fault(tc.e), "%+v", tc.e)
	}
}

// rendered is what a test reads back from a diagram.
type rendered struct {
	lanes  []string // data-name of each lane header, in order
	kinds  map[string][]string
	titles []string // every SVG title's text, decoded
	faults int
}

// readBack parses doc strictly as XML, where every SVG element must be well formed, and checks it
// also parses as HTML with the SVGs in the body.
func readBack(t testing.TB, doc []byte) rendered {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(doc))
	require.NoError(t, err)
	svgs := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "svg" && n.Namespace == "svg" {
			svgs++
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	require.Equal(t, 2, svgs, "the lane headers and the run, as SVG in the HTML")

	out := rendered{kinds: map[string][]string{}}
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var stack []xml.StartElement
	var title *strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err, "the document is well-formed XML")
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok)
			class, kind, name := "", "", ""
			for _, a := range tok.Attr {
				switch a.Name.Local {
				case "class":
					class = a.Value
				case "data-kind":
					kind = a.Value
				case "data-name":
					name = a.Value
				}
			}
			if tok.Name.Local != "g" {
				if tok.Name.Local == "title" && len(stack) > 1 && stack[len(stack)-2].Name.Local == "g" {
					title = &strings.Builder{}
				}
				continue
			}
			classes := strings.Fields(class)
			switch {
			case contains(classes, "lane"):
				out.lanes = append(out.lanes, name)
			case contains(classes, "msg"), contains(classes, "note"):
				out.kinds[classes[0]] = append(out.kinds[classes[0]], kind)
			}
			if contains(classes, "fault") {
				out.faults++
			}
		case xml.CharData:
			if title != nil {
				title.Write(tok)
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			if tok.Name.Local == "title" && title != nil {
				out.titles = append(out.titles, title.String())
				title = nil
			}
		}
	}
	return out
}

func TestWriteDrawsEveryEntry(t *testing.T) {
	entries := append(roundTrip[:len(roundTrip):len(roundTrip)],
		Entry{At: time.Second, Channel: "msg#2", Kind: "runtime.sendMessage", From: cs, To: "Other"},
		Entry{At: time.Second, Channel: "msg#2", Kind: "result", To: cs,
			Outcome: "rejected: Could not establish connection. Receiving end does not exist."},
		Entry{At: 31 * time.Second, Kind: "worker-stop", From: "browser", To: worker, Outcome: "idle"},
	)
	var buf bytes.Buffer
	require.NoError(t, Write(&buf, "a <run> & more", entries))
	got := readBack(t, buf.Bytes())

	assert.Equal(t, []string{BrowserLane, worker, cs}, got.lanes)
	assert.Equal(t, []string{"runtime.sendMessage", "deliver", "reply", "result", "runtime.sendMessage", "result"}, got.kinds["msg"])
	assert.Equal(t, []string{"install", "worker-start", "open-tab", "inject", "worker-stop"}, got.kinds["note"])
	assert.Equal(t, 1, got.faults)
	assert.Contains(t, got.titles, "1.000s msg#2 result → "+cs+"\n⇒ rejected: Could not establish connection. Receiving end does not exist.")
	assert.Contains(t, got.titles, "0.010s msg#1 deliver "+cs+" → "+worker+"\n"+`{"a":1}`)
	assert.Contains(t, buf.String(), "<title>a &lt;run&gt; &amp; more</title>")
	assert.Contains(t, buf.String(), "11 entries: 6 messages and port events, 5 lifecycle notes; 1 fault; 3 lanes; virtual time 31.000s")
}

func TestWriteEscapesAndShortensPayloads(t *testing.T) {
	for _, tc := range []struct {
		name, payload string
		// title is the tooltip's payload line as decoded; "" means the payload itself.
		title string
	}{
		{name: "markup", payload: `</text></g><script>alert(1)</script><g a="'`},
		{name: "entities", payload: `&amp; &lt; &#0; ]]> <!-- -->`},
		{name: "control characters", payload: "a\x00b\x1bc\ufffe", title: "a\ufffdb\ufffdc\ufffd"},
		{name: "invalid UTF-8", payload: "\xff\xfe{\"x\":\"\xc3\"}", title: "\ufffd\ufffd{\"x\":\"\ufffd\"}"},
		{name: "long", payload: strings.Repeat("é", titleBytes), title: strings.Repeat("é", titleBytes/2) + "… (32768 bytes)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, Write(&buf, "t", []Entry{{Channel: "msg#1", Kind: "deliver", From: cs, To: worker, Payload: tc.payload}}))
			got := readBack(t, buf.Bytes())
			require.Len(t, got.titles, 3) // two lanes and the arrow
			want := tc.title
			if want == "" {
				want = tc.payload
			}
			assert.Equal(t, "0.000s msg#1 deliver "+cs+" → "+worker+"\n"+want, got.titles[2])
			assert.Less(t, buf.Len(), titleBytes+8<<10, "a payload's tooltip is capped")
		})
	}
}

func TestShorten(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"abc", 3, "abc"},
		{"abcd", 3, "ab…"},
		{"ééééé", 4, "ééé…"},
		{"", 3, ""},
	} {
		assert.Equal(t, tc.want, shorten(tc.in, tc.n))
	}
}

// FuzzWrite renders arbitrary entries: the document must parse, as XML and as HTML, with one arrow
// per entry with a channel and one note per other entry.
func FuzzWrite(f *testing.F) {
	f.Add("msg#1", "deliver", cs, worker, `{"a":1}`, "response", "run")
	f.Add("", "open-tab", "browser", "tab 2", "", "http://x/", "<t>")
	f.Add("port#2(x)", "post", cs, "receivers", "\x00<&>\"'", "dropped: closed", "\xff")
	f.Add("", "worker-start", "", "popup[\xff]", "", "failed: ]]>", "")
	f.Fuzz(func(t *testing.T, channel, kind, from, to, payload, outcome, title string) {
		entries := []Entry{
			{Channel: channel, Kind: kind, From: from, To: to, Payload: payload, Outcome: outcome},
			{At: time.Second, Channel: "msg#1", Kind: kind, From: to, To: from, Payload: outcome, Outcome: payload},
			{At: time.Second, Kind: kind, From: from, To: payload, Outcome: outcome},
		}
		var buf bytes.Buffer
		require.NoError(t, Write(&buf, title, entries))
		got := readBack(t, buf.Bytes())
		arrows := 1
		if channel != "" {
			arrows++
		}
		assert.Len(t, got.kinds["msg"], arrows)
		assert.Len(t, got.kinds["note"], 3-arrows)
		assert.Len(t, got.lanes, len(Layout(entries).Lanes))
	})
}
