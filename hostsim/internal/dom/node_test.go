package dom

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const loginPage = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>  Sign
  in </title><script>var x = "<b>";</script></head>
<body>
<h1>Welcome &amp; hello</h1>
<form id="f" action="/login?next=%2F" method="POST">
  <label for="u">User</label><input id="u" name="user" autocomplete="username" value="preset">
  <input id="p" name="pass" type="Password">
  <input type="hidden" name="csrf" value="tok">
  <input type="image" name="img" src="go.png">
  <select name="lang"><option value="en">English</option><option selected>Deutsch</option></select>
  <textarea name="note">line1
line2</textarea>
  <button>Sign in</button>
</form>
<input id="outside" form="f" name="extra">
<iframe src="/frame.html"></iframe>
</body></html>`

func parse(t testing.TB, src string) *Document {
	t.Helper()
	doc, err := ParseHTML("https://Example.test:443/login", strings.NewReader(src))
	require.NoError(t, err)
	return doc
}

func TestParseLoginPage(t *testing.T) {
	doc := parse(t, loginPage)
	assert.Equal(t, "https://example.test/login", doc.URL())
	assert.Equal(t, "Sign in", doc.Title())
	require.NotNil(t, doc.Head())
	require.NotNil(t, doc.Body())
	assert.Equal(t, "HTML", doc.DocumentElement().TagName())

	forms := doc.Forms()
	require.Len(t, forms, 1)
	f := forms[0]
	var names []string
	for _, e := range f.FormElements() {
		names = append(names, e.TagName()+":"+e.AttrOr("name"))
	}
	// type=image is not listed; the control outside the form joins it through form=.
	assert.Equal(t, []string{"INPUT:user", "INPUT:pass", "INPUT:csrf", "SELECT:lang", "TEXTAREA:note", "BUTTON:", "INPUT:extra"}, names)

	u := doc.GetElementByID("u")
	assert.Equal(t, "preset", u.Value())
	assert.Equal(t, "password", doc.GetElementByID("p").InputType())
	sel, err := doc.Query("select")
	require.NoError(t, err)
	assert.Equal(t, "Deutsch", sel.Value())
	assert.Equal(t, 1, sel.SelectedIndex())
	ta, err := doc.Query("textarea")
	require.NoError(t, err)
	assert.Equal(t, "line1\nline2", ta.Value())

	frames := doc.Frames()
	require.Len(t, frames, 1)
	assert.Equal(t, "https://example.test/frame.html", frames[0].FrameURL())

	script, err := doc.Query("script")
	require.NoError(t, err)
	assert.Equal(t, `<script>var x = "<b>";</script>`, script.OuterHTML())
	h1, err := doc.Query("h1")
	require.NoError(t, err)
	assert.Equal(t, "Welcome &amp; hello", h1.InnerHTML())
	assert.Equal(t, "Welcome & hello", h1.Text())
}

func TestInputValueIsSeparateFromAttribute(t *testing.T) {
	doc := parse(t, `<input id=a value=start><input id=c type=checkbox><input id=h type=hidden value=x><input id=f type=file><textarea id=t>dflt</textarea>`)
	a := doc.GetElementByID("a")
	require.NoError(t, a.SetValue("typed\nline"))
	assert.Equal(t, "typedline", a.Value(), "line breaks are stripped from text inputs")
	assert.Equal(t, "start", a.AttrOr("value"))
	a.SetAttr("value", "changed")
	assert.Equal(t, "typedline", a.Value(), "a dirty value ignores the attribute")

	c := doc.GetElementByID("c")
	assert.Equal(t, "on", c.Value())
	assert.False(t, c.Checked())
	c.SetAttr("checked", "")
	assert.True(t, c.Checked())
	c.SetChecked(false)
	c.SetAttr("checked", "")
	assert.False(t, c.Checked(), "a dirty checkedness ignores the attribute")

	h := doc.GetElementByID("h")
	require.NoError(t, h.SetValue("y"))
	assert.Equal(t, "y", h.AttrOr("value"), "hidden inputs keep their value in the attribute")

	err := doc.GetElementByID("f").SetValue("C:\\x")
	var de *DOMError
	require.True(t, errors.As(err, &de))
	assert.Equal(t, "InvalidStateError", de.Name)

	ta := doc.GetElementByID("t")
	require.NoError(t, ta.SetValue("a\r\nb"))
	assert.Equal(t, "a\nb", ta.Value())
	assert.Equal(t, "dflt", ta.Text())
}

func TestRadioGroup(t *testing.T) {
	doc := parse(t, `<form><input type=radio name=g id=r1 checked><input type=radio name=g id=r2></form><input type=radio name=g id=r3 checked>`)
	r1, r2, r3 := doc.GetElementByID("r1"), doc.GetElementByID("r2"), doc.GetElementByID("r3")
	r2.SetChecked(true)
	assert.False(t, r1.Checked())
	assert.True(t, r2.Checked())
	assert.True(t, r3.Checked(), "a radio outside the form is in another group")
}

func TestTreeOperations(t *testing.T) {
	type env struct {
		doc        *Document
		a, b, c, t *Element
	}
	setup := func(t *testing.T) env {
		doc := parse(t, `<div id=a><span id=b></span><span id=c></span></div><p id=t></p>`)
		return env{doc, doc.GetElementByID("a"), doc.GetElementByID("b"), doc.GetElementByID("c"), doc.GetElementByID("t")}
	}
	tests := []struct {
		name    string
		op      func(e env) error
		want    string // body innerHTML
		errName string
	}{
		{"append moves", func(e env) error { return e.t.AppendChild(e.b) }, `<div id="a"><span id="c"></span></div><p id="t"><span id="b"></span></p>`, ""},
		{"insert before", func(e env) error { return e.a.InsertBefore(e.c, e.b) }, `<div id="a"><span id="c"></span><span id="b"></span></div><p id="t"></p>`, ""},
		{"insert before self", func(e env) error { return e.a.InsertBefore(e.b, e.b) }, `<div id="a"><span id="b"></span><span id="c"></span></div><p id="t"></p>`, ""},
		{"insert at end", func(e env) error { return e.a.InsertBefore(e.doc.CreateTextNode("x<"), nil) }, `<div id="a"><span id="b"></span><span id="c"></span>x&lt;</div><p id="t"></p>`, ""},
		{"remove child", func(e env) error { return e.a.RemoveChild(e.c) }, `<div id="a"><span id="b"></span></div><p id="t"></p>`, ""},
		{"remove", func(e env) error { e.a.Remove(); return nil }, `<p id="t"></p>`, ""},
		{"replace child", func(e env) error { return e.a.ReplaceChild(e.t, e.b) }, `<div id="a"><p id="t"></p><span id="c"></span></div>`, ""},
		{"replace children", func(e env) error { return e.a.ReplaceChildren(e.c, e.doc.CreateTextNode("&")) }, `<div id="a"><span id="c"></span>&amp;</div><p id="t"></p>`, ""},
		{"cycle", func(e env) error { return e.b.AppendChild(e.a) }, "", "HierarchyRequestError"},
		{"self", func(e env) error { return e.a.AppendChild(e.a) }, "", "HierarchyRequestError"},
		{"ref not a child", func(e env) error { return e.a.InsertBefore(e.doc.CreateElement("i"), e.t) }, "", "NotFoundError"},
		{"remove non-child", func(e env) error { return e.a.RemoveChild(e.t) }, "", "NotFoundError"},
		{"child of text", func(e env) error { return e.doc.CreateTextNode("x").AppendChild(e.b) }, "", "HierarchyRequestError"},
		{"second root", func(e env) error { return e.doc.AppendChild(e.doc.CreateElement("html")) }, "", "HierarchyRequestError"},
		{"text in document", func(e env) error { return e.doc.AppendChild(e.doc.CreateTextNode("x")) }, "", "HierarchyRequestError"},
		{"set text", func(e env) error { e.a.SetText("<b>"); return nil }, `<div id="a">&lt;b&gt;</div><p id="t"></p>`, ""},
		{"inner html", func(e env) error { return e.t.SetInnerHTML(`<b title='"<'>x</b>&nbsp;`) }, `<div id="a"><span id="b"></span><span id="c"></span></div><p id="t"><b title="&quot;&lt;">x</b>&nbsp;</p>`, ""},
		{"inner text", func(e env) error { e.t.SetInnerText("a\nb"); return nil }, `<div id="a"><span id="b"></span><span id="c"></span></div><p id="t">a<br>b</p>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := setup(t)
			err := tt.op(e)
			if tt.errName != "" {
				var de *DOMError
				require.True(t, errors.As(err, &de), "want a DOMError, got %v", err)
				assert.Equal(t, tt.errName, de.Name)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, e.doc.Body().InnerHTML())
		})
	}
}

func TestCloneAndSiblings(t *testing.T) {
	doc := parse(t, `<ul><li id=a class=x>1</li><li id=b>2</li></ul>`)
	a := doc.GetElementByID("a")
	b := doc.GetElementByID("b")
	assert.Same(t, b, NextSibling(a))
	assert.Same(t, a, PreviousSibling(b))
	assert.Nil(t, NextSibling(b))
	c := CloneNode(a, true).(*Element)
	assert.Nil(t, c.Parent())
	assert.False(t, IsConnected(c))
	assert.Equal(t, `<li id="a" class="x">1</li>`, c.OuterHTML())
	shallow := CloneNode(a, false).(*Element)
	assert.Equal(t, `<li id="a" class="x"></li>`, shallow.OuterHTML())
}

func TestInnerText(t *testing.T) {
	tests := []struct {
		html string
		want string
	}{
		{`<div id=x>  a   b  </div>`, "a b"},
		{`<div id=x><p>one</p><p>two</p></div>`, "one\n\ntwo"},
		{`<div id=x>a<br>b<div>c</div>d</div>`, "a\nb\nc\nd"},
		{`<div id=x>a<script>no</script><style>no</style><span hidden>no</span> <b>b</b></div>`, "a b"},
		{`<div id=x><pre>  k  e</pre></div>`, "  k  e"},
		{`<table id=x><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>`, "1\t2\n3"},
		{`<div id=x><input value=v>text</div>`, "text"},
	}
	for _, tt := range tests {
		t.Run(tt.html, func(t *testing.T) {
			doc := parse(t, tt.html)
			x := doc.GetElementByID("x")
			require.NotNil(t, x)
			assert.Equal(t, tt.want, x.InnerText())
		})
	}
	detached := NewDocument("").CreateElement("div")
	detached.SetText("  raw  ")
	assert.Equal(t, "  raw  ", detached.InnerText(), "an element that is not rendered gives textContent")
}

func TestFramesReported(t *testing.T) {
	doc := parse(t, `<body></body>`)
	var got []string
	doc.OnFrame(func(c FrameChange) {
		got = append(got, []string{"", "attach", "navigate", "detach"}[c.Kind]+" "+c.URL)
	})
	div := doc.CreateElement("div")
	fr := doc.CreateElement("iframe")
	fr.SetAttr("src", "https://other.test/x")
	require.NoError(t, div.AppendChild(fr))
	assert.Empty(t, got, "a detached iframe is not a frame")
	require.NoError(t, doc.Body().AppendChild(div))
	fr.SetAttr("src", "/y")
	div.Remove()
	assert.Equal(t, []string{"attach https://other.test/x", "navigate https://example.test/y", "detach https://example.test/y"}, got)
}

func TestDocumentURLNormalised(t *testing.T) {
	for in, want := range map[string]string{
		"HTTP://A.Test:80":          "http://a.test/",
		"https://a.test:8443/p?q#h": "https://a.test:8443/p?q#h",
		"":                          "about:blank",
		"not a url":                 "about:blank",
	} {
		assert.Equal(t, want, NewDocument(in).URL(), in)
	}
}

func TestSerializeDocument(t *testing.T) {
	doc := parse(t, "<!DOCTYPE html><title>x</title><!--c--><p a=\"1\">\u00a0</p>")
	assert.Equal(t, `<!DOCTYPE html><html><head><title>x</title><!--c--></head><body><p a="1">&nbsp;</p></body></html>`, Serialize(doc))
}

func FuzzParseHTML(f *testing.F) {
	f.Add(loginPage)
	f.Add(selectorPage)
	f.Add("<table><tr><td><svg><desc><b>x</table>")
	f.Add("<template><p>a</template><select><option>b<optgroup>")
	f.Fuzz(func(t *testing.T, src string) {
		doc, err := ParseHTML("https://example.test/", strings.NewReader(src))
		require.NoError(t, err)
		out := Serialize(doc)
		// What the serializer writes must parse again without loss of
		// elements (the fixed point may differ for malformed nesting).
		again, err := ParseHTML("https://example.test/", bytes.NewReader([]byte(out)))
		require.NoError(t, err)
		require.NotNil(t, again.DocumentElement())
		if body := doc.Body(); body != nil {
			_ = body.InnerText()
		}
		for _, e := range descendants(doc) {
			_ = e.Value()
		}
		for _, f := range doc.Forms() {
			_ = f.FormElements()
		}
	})
}
