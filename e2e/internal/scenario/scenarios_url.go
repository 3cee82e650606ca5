package scenario

import (
	"github.com/extwasm/extwasm/extwasmtest"
)

// urlOrigins evaluates, in any realm, whether URL.origin agrees with location.origin and what it
// gives for URLs with and without a default port, for blob:, file: and opaque URLs (Chromium 156).
const urlOrigins = `[
	new URL(location.href).origin === location.origin,
	location.origin.split(":").length,
	new URL("http://127.0.0.1:8001/x?y#z").origin,
	new URL("https://a.b:443/").origin,
	new URL("ws://h:81/").origin,
	new URL("blob:http://h:9/uuid").origin,
	new URL("file:///tmp/x").origin,
	new URL("data:text/plain,x").origin,
]`

func init() {
	All = append(All, Scenario{
		Name: "url-origin",
		Doc: "URL.origin keeps a non-default port and agrees with location.origin in a page, a content script and the worker; " +
			"blob: URLs take their inner origin, file: gives file://, data: the opaque null (measured in Chromium 156).",
		Tabs: []Tab{{Name: "page", Path: "/plain.html"}},
		Steps: []Step{
			{Do: extwasmtest.Eval("page/page", urlOrigins), Want: `{"value":[true,3,"http://127.0.0.1:8001","https://a.b","ws://h:81","http://h:9","file://","null"]}`},
			{Do: extwasmtest.Eval("page/cs", urlOrigins), Want: `{"value":[true,3,"http://127.0.0.1:8001","https://a.b","ws://h:81","http://h:9","file://","null"]}`},
			// chrome-extension://<id> has no port: two parts.
			{Do: extwasmtest.Eval("worker", urlOrigins), Want: `{"value":[true,2,"http://127.0.0.1:8001","https://a.b","ws://h:81","http://h:9","file://","null"]}`},
		},
	})
}
