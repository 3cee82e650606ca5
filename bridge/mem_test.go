package bridge

import (
	"fmt"

	"github.com/extwasm/extwasm/bridge/internal/memchrome"
)

// testExtID is the extension the tests' contexts belong to.
const testExtID = "abcdefghijklmnopabcdefghijklmnop"

// memBrowser runs endpoints on memchrome, the in-memory Chrome that package bridgetest also uses.
type memBrowser struct{ *memchrome.Browser }

func newMemBrowser() *memBrowser { return &memBrowser{memchrome.New()} }

// add starts an endpoint in a new context; its log lines are dropped.
func (b *memBrowser) add(kind memchrome.Kind, ext string, tab, frame int, url string) *endpoint {
	ep := newEndpoint(b.Add(kind, ext, tab, frame, url))
	ep.logf = func(string, ...any) {}
	return ep
}

func (b *memBrowser) worker() *endpoint {
	return b.add(memchrome.Worker, testExtID, -1, -1, "chrome-extension://"+testExtID+"/worker.js")
}

// page is an extension page (a popup or options page) of the tests' extension.
func (b *memBrowser) page() *endpoint {
	return b.add(memchrome.Page, testExtID, -1, -1, "chrome-extension://"+testExtID+"/page.html")
}

func (b *memBrowser) content(tab, frame int) *endpoint {
	return b.add(memchrome.ContentScript, testExtID, tab, frame, fmt.Sprintf("http://127.0.0.1:8080/t%d/f%d", tab, frame))
}

// contextOf is the in-memory context an endpoint runs in.
func contextOf(ep *endpoint) *memchrome.Context { return ep.tr.(*memchrome.Context) }

// kill stops ep's context, as Chrome does when a worker stops or a tab closes.
func (b *memBrowser) kill(ep *endpoint) { contextOf(ep).Stop() }

// userScript is a user-script world (with messaging) of the tests' extension in a tab's frame.
func (b *memBrowser) userScript(tab, frame int) *endpoint {
	return b.add(memchrome.UserScript, testExtID, tab, frame, fmt.Sprintf("http://127.0.0.1:8080/t%d/f%d", tab, frame))
}
