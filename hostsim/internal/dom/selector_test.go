package dom

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const selectorPage = `<!DOCTYPE html><html><head><title>t</title></head><body>
<div id="main" class="box wide">
  <form id="login" action="/session">
    <input id="user" name="username" type="TEXT" data-role="user-name">
    <input id="pass" name="password" type="password" class="secret">
    <input id="keep" type="checkbox" checked>
    <input id="off" type="text" disabled>
    <button id="go" type="submit">Go</button>
  </form>
  <p id="p1" lang="en-GB">one</p><p id="p2" class="note">two</p><span id="s1"></span>
</div>
<ul id="list"><li id="li1">a</li><li id="li2" class="x y">b</li><li id="li3">c</li></ul>
<div id="a:b" class="has.dot"></div>
<svg id="pic"><foreignObject id="fo"></foreignObject></svg>
</body></html>`

func ids(es []*Element) string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID())
	}
	return strings.Join(out, ",")
}

func TestSelectorMatching(t *testing.T) {
	doc, err := ParseHTML("https://example.test/login", strings.NewReader(selectorPage))
	require.NoError(t, err)
	tests := []struct {
		sel  string
		want string
	}{
		{"#user", "user"},
		{"INPUT#user", "user"},
		{"input", "user,pass,keep,off"},
		{".secret", "pass"},
		{".box.wide > form", "login"},
		{"div form input[type=text]", "user,off"},
		{"[type=text]", "user,off"},
		{"[type='text' s]", "off"},
		{"[data-role]", "user"},
		{`[data-role="user-name"]`, "user"},
		{"[data-role^=user]", "user"},
		{"[data-role$=name]", "user"},
		{"[data-role*=r-n]", "user"},
		{"[data-role*='']", ""},
		{"[class~=y]", "li2"},
		{"[lang|=en]", "p1"},
		{"[DATA-ROLE=USER-NAME i]", "user"},
		{"p + p", "p2"},
		{"#p1 ~ *", "p2,s1"},
		{"ul > li:first-child", "li1"},
		{"li:last-child", "li3"},
		{"li:not(.x)", "li1,li3"},
		{"li:not(.x, #li3)", "li1"},
		{"li:is(#li1, #li3)", "li1,li3"},
		{"input:checked", "keep"},
		{"input:disabled", "off"},
		{"form :enabled", "user,pass,keep,go"},
		{"span:empty", "s1"},
		{"#main > p, ul li.y", "p1,p2,li2"},
		{`#a\:b`, "a:b"},
		{`.has\.dot`, "a:b"},
		{`#\61 \3A b`, "a:b"},
		{"svg foreignobject", "fo"},
		{"html > body > ul", "list"},
		{":root > body > #list", "list"},
		{"p::before", ""},
		{"* > #li2", "li2"},
		{"body  >  ul\n>li.x", "li2"},
	}
	for _, tt := range tests {
		t.Run(tt.sel, func(t *testing.T) {
			got, err := doc.QueryAll(tt.sel)
			require.NoError(t, err)
			assert.Equal(t, tt.want, ids(got))
		})
	}
}

func TestSelectorSyntaxErrors(t *testing.T) {
	doc := NewDocument("about:blank")
	for _, sel := range []string{"", " ", "a >", "> a", "a,", ",a", "#", ".", "[", "[=a]", "[a=]",
		"[a~b]", "[a=b c]", "[a=b x]", "a:nosuch", ":not()", ":not(", "a::nosuch", "ns|a", "#1a .", "a!",
		"[a='x\ny']", ":nth-child(2)"} {
		t.Run(sel, func(t *testing.T) {
			_, err := doc.Query(sel)
			var de *DOMError
			require.Error(t, err)
			require.True(t, errors.As(err, &de))
			assert.Equal(t, "SyntaxError", de.Name)
			assert.Contains(t, de.Message, "is not a valid selector")
		})
	}
}

func TestScopedQueries(t *testing.T) {
	doc, err := ParseHTML("https://example.test/", strings.NewReader(selectorPage))
	require.NoError(t, err)
	form := doc.GetElementByID("login")
	require.NotNil(t, form)

	// Ancestors outside the scope still take part in matching, as in browsers.
	got, err := form.QueryAll("div input[name]")
	require.NoError(t, err)
	assert.Equal(t, "user,pass", ids(got))

	got, err = form.QueryAll(":scope > button")
	require.NoError(t, err)
	assert.Equal(t, "go", ids(got))

	none, err := form.Query("li")
	require.NoError(t, err)
	assert.Nil(t, none)

	user := doc.GetElementByID("user")
	c, err := user.Closest("div.box")
	require.NoError(t, err)
	assert.Equal(t, "main", c.ID())
	c, err = user.Closest("input")
	require.NoError(t, err)
	assert.Same(t, user, c)
	ok, err := user.Matches("form > [name=username]")
	require.NoError(t, err)
	assert.True(t, ok)
}

func FuzzParseSelector(f *testing.F) {
	for _, s := range []string{"#a", "div > p.x", "[a^='b' i]", `#\31 23`, "a:not(:is(b, c ~ d))",
		"*", "[", ":not(", "a\\", "'", "\"x", "p::after", "x, y z + w", "\\0"} {
		f.Add(s)
	}
	doc, err := ParseHTML("https://example.test/", strings.NewReader(selectorPage))
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, s string) {
		sel, err := ParseSelector(s)
		if err != nil {
			var de *DOMError
			require.True(t, errors.As(err, &de))
			require.Equal(t, "SyntaxError", de.Name)
			return
		}
		all := sel.QueryAll(doc)
		first := sel.Query(doc)
		if len(all) == 0 {
			require.Nil(t, first)
		} else {
			require.Same(t, all[0], first)
		}
	})
}
