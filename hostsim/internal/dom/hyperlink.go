package dom

import (
	"net/url"
	"strings"
)

// hyperlinkURL is an element's href resolved and split as HTMLHyperlinkElementUtils reads it.
type hyperlinkURL struct {
	urlParts
	href, username, password string
}

// hyperlink resolves e's href against its document. Without an href every part is empty; an
// href that does not parse is returned as it is, with empty parts.
func (e *Element) hyperlink() hyperlinkURL {
	raw, ok := e.Attr("href")
	if !ok {
		return hyperlinkURL{}
	}
	href := e.doc.ResolveURL(strings.TrimFunc(raw, isASCIISpace))
	u, err := url.Parse(href)
	if err != nil || u.Scheme == "" {
		return hyperlinkURL{href: href}
	}
	h := hyperlinkURL{urlParts: splitURL(normalizeURL(u)), href: href}
	if u.User != nil {
		h.username = u.User.Username()
		h.password, _ = u.User.Password()
	}
	return h
}
